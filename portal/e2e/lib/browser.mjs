// Shared pieces of the browser suites: assertion errors (reported without a stack), Debian's Chromium
// launched offline, and the two-step login (password, then TOTP when the role needs it).
import { totp } from "./totp.mjs";

export class AssertionError extends Error {}

export function assert(cond, message) {
  if (!cond) throw new AssertionError(message);
}

/** Debian's Chromium (LAND_CHROMIUM_PATH), with nothing that phones home. */
export function launchChromium(chromium) {
  return chromium.launch({
    executablePath: process.env.LAND_CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
}

/** Signs `account` in on `page` via /admin/login and lands on `next`. */
export async function signInOnPage(page, base, account, next) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.goto(`${base}/admin/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("用户名").fill(account.username);
    await page.getByLabel("密码").fill(account.password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((u) => u.pathname !== "/admin/login" || u.searchParams.get("step") === "totp" || u.searchParams.has("error"));
    const at = new URL(page.url());
    if (at.pathname !== "/admin/login") return;
    if (at.searchParams.get("step") !== "totp") throw new AssertionError(`login of ${account.username} failed: ${page.url()}`);
    assert(account.totpSecret, `${account.username} needs a TOTP code but has no secret`);
    await page.getByLabel("动态口令").fill(totp(account.totpSecret));
    await page.getByRole("button", { name: "验证" }).click();
    await page.waitForURL((u) => u.pathname !== "/admin/login" || u.searchParams.has("error"));
    if (new URL(page.url()).pathname !== "/admin/login") return;
    // Each TOTP step is usable once: another test may have used this one. Wait for the next.
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 500));
  }
  throw new AssertionError(`could not sign in as ${account.username}`);
}

/** A fresh browser context (zh-CN, downloads on) with `account` signed in, at `next`. */
export async function signedInContext(browser, { base, account, next, timeout, viewport = { width: 1400, height: 1000 } }) {
  const context = await browser.newContext({ locale: "zh-CN", viewport, acceptDownloads: true });
  context.setDefaultTimeout(timeout);
  const page = await context.newPage();
  await signInOnPage(page, base, account, next);
  return { context, page };
}
