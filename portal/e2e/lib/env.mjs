// What scripts/e2e.mjs tells every browser suite: the portal's address, the demo accounts, the timeout.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const BASE = (process.env.E2E_BASE_URL ?? "").replace(/\/+$/, "");

/** The demo accounts ({ username, password, roles, divisionCode, totpSecret }); [] when unset or unreadable. */
export const ACCOUNTS = (() => {
  try {
    const list = JSON.parse(process.env.E2E_ACCOUNTS || "[]");
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
})();

/** E2E_TIMEOUT_MS, else the suite's own default. */
export const timeoutMs = (fallback) => Number(process.env.E2E_TIMEOUT_MS ?? fallback);

/** Files the suites upload (portal/e2e/fixtures). */
export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
