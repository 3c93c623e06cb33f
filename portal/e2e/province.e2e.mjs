// End-to-end test of the 三级联网 surfaces of the running system (playwright-core + system Chromium):
//   - 系统管理 → 三级联网 renders for 系统管理员 with the demo link to the bundled simulator;
//   - POST /api/province/replies refuses an unsigned or wrongly signed reply (401) and answers a
//     correctly signed reply for an unknown submission with 404 — the webhook is wired to the
//     demo key, and nothing of the session machinery is needed or accepted.
//
//   E2E_BASE_URL=… E2E_ACCOUNTS='[…]' node portal/e2e/province.e2e.mjs
import { createHash, createHmac, randomUUID } from "node:crypto";
import { chromium } from "playwright-core";
import { assert, launchChromium, signedInContext } from "./lib/browser.mjs";
import { ACCOUNTS, BASE, timeoutMs } from "./lib/env.mjs";
import { createSuite } from "./lib/suite.mjs";

const TIMEOUT = timeoutMs(20_000);
// DEMO_PROVINCE_SECRET (shared/src/config/env.ts): the system under test runs in demo mode.
const DEMO_SECRET = "land-demo-province-link-secret-not-for-production";
const WEBHOOK = "/api/province/replies";
const admin = ACCOUNTS.find((a) => a.roles?.includes("system_admin"));
if (!BASE || !admin) {
  console.error("province.e2e: E2E_BASE_URL and E2E_ACCOUNTS (with a 系统管理员 account) are required");
  process.exit(2);
}
const url = (p) => `${BASE}${p}`;

function signed(secret, body, pathWithQuery = WEBHOOK) {
  const ts = String(Math.floor(Date.now() / 1000));
  const hash = createHash("sha256").update(body, "utf8").digest("hex");
  const mac = createHmac("sha256", secret).update(`${ts}\nPOST\n${pathWithQuery}\n${hash}`, "utf8").digest("hex");
  return { "content-type": "application/json", "x-land-timestamp": ts, "x-land-signature": `v1=${mac}` };
}

const browser = await launchChromium(chromium);
const { step, capture, run } = createSuite("province");

await run(browser, async () => {
  await step("系统管理员查看三级联网运行状态", async () => {
    const { context, page } = await signedInContext(browser, {
      base: BASE,
      account: admin,
      next: "/admin/system/province",
      timeout: TIMEOUT,
    });
    capture(page);
    await page.goto(url("/admin/system/province"));
    await page.getByRole("heading", { name: "三级联网", level: 1 }).waitFor();
    const summary = page.locator("table", { has: page.locator("caption", { hasText: "运行概况" }) });
    await summary.waitFor();
    const text = (await summary.textContent()) ?? "";
    assert(text.includes("省厅模拟器"), `the demo link should go to the simulator: ${text}`);
    assert(text.includes("发送失败（死信）"), "no dead-letter row in the summary");
    await context.close();
  });

  const reply = JSON.stringify({
    protocol: "land-province/1",
    replyId: `E2E-${Date.now()}-R`,
    idempotencyKey: randomUUID(),
    provinceRef: "SC-E2E",
    issuedAt: new Date().toISOString(),
    kind: "receipt",
    receipt: { acceptedOn: new Date().toISOString().slice(0, 10) },
  });

  await step("推送答复：未签名或签名不符返回 401", async () => {
    const unsigned = await fetch(url(WEBHOOK), { method: "POST", headers: { "content-type": "application/json" }, body: reply });
    assert(unsigned.status === 401, `unsigned reply returned ${unsigned.status}`);
    const forged = await fetch(url(WEBHOOK), { method: "POST", headers: signed(`${DEMO_SECRET}-forged`, reply), body: reply });
    assert(forged.status === 401, `forged reply returned ${forged.status}`);
    const body = await forged.json();
    assert(body?.error?.reason === "mismatch", `unexpected refusal: ${JSON.stringify(body)}`);
  });

  await step("推送答复：签名正确但报省记录不存在返回 404，应答带签名", async () => {
    const res = await fetch(url(WEBHOOK), { method: "POST", headers: signed(DEMO_SECRET, reply), body: reply });
    assert(res.status === 404, `reply for an unknown submission returned ${res.status}`);
    assert(/^v1=[0-9a-f]{64}$/.test(res.headers.get("x-land-signature") ?? ""), "the answer is not signed");
  });
});
