// Authorization matrix test, generated from the policies: logs in as every demo account (TOTP
// where the role needs it) and as the anonymous public, calls every route of the route matrix
// (shared/src/security/policies/matrix.ts) and compares each HTTP status with what `allow()`
// says. Prints the matrix; exits 1 on any leak (allowed where the policy denies) or wrong denial.
// Also: refusals and exports are audited, the audit page verifies the chain, security headers,
// and the 429 rate limits of login and search.
//
//   E2E_BASE_URL=http://127.0.0.1:3000 E2E_ACCOUNTS='[{"username":…,"password":…,"roles":[…],"divisionCode":…,"totpSecret":…}]' node portal/e2e/authz.e2e.mjs
import fs from "node:fs";
import path from "node:path";
import { chromium, request } from "playwright-core";
import { ROUTE_MATRIX, routeDecision } from "../../shared/src/security/policies/matrix.ts";
import { launchChromium } from "./lib/browser.mjs";
import { ACCOUNTS, BASE, timeoutMs } from "./lib/env.mjs";
import { RESULTS } from "./lib/suite.mjs";
import { totp } from "./lib/totp.mjs";

const TIMEOUT = timeoutMs(15_000);

if (!BASE || ACCOUNTS.length === 0) {
  console.error("authz.e2e: E2E_BASE_URL and E2E_ACCOUNTS (JSON array of demo accounts) are required");
  process.exit(2);
}

const failures = [];
const check = (cond, message) => {
  if (!cond) failures.push(message);
  return cond;
};

/** A signed-in API context. The code of the previous 30-s step (inside the ±1 window) leaves the
 * current step unused, so the smoke test can log in as the same account right after. */
async function signIn(account) {
  const ctx = await request.newContext({ baseURL: BASE, extraHTTPHeaders: { Accept: "application/json" } });
  const res = await ctx.post("/api/auth/login", { data: { username: account.username, password: account.password } });
  if (res.status() !== 200) throw new Error(`login ${account.username}: HTTP ${res.status()} ${await res.text()}`);
  const body = await res.json();
  if (body.status === "pending_totp") {
    const r2 = await ctx.post("/api/auth/totp", { data: { code: totp(account.totpSecret, Date.now() - 30_000) } });
    if (r2.status() !== 200) throw new Error(`TOTP ${account.username}: HTTP ${r2.status()} ${await r2.text()}`);
  } else if (body.status !== "active") throw new Error(`login ${account.username}: unexpected status ${body.status}`);
  return ctx;
}

async function call(ctx, route) {
  const opts = { maxRedirects: 0, failOnStatusCode: false, timeout: TIMEOUT };
  if (route.method === "GET") return ctx.get(route.path, opts);
  if (route.body === "upload") {
    return ctx.post(route.path, {
      ...opts,
      multipart: { file: { name: "probe.txt", mimeType: "text/plain", buffer: Buffer.from("授权矩阵测试") } },
    });
  }
  return ctx.post(route.path, { ...opts, data: {} });
}

const who = [{ label: "匿名", account: null }, ...ACCOUNTS.map((a) => ({ label: a.username, account: a }))];
const cells = new Map(); // route.path → label → cell text
let deniedCalls = 0;
let exportCalls = 0;

console.log(`authz.e2e against ${BASE}: ${ROUTE_MATRIX.length} routes × ${who.length} identities`);
for (const w of who) {
  const ctx = w.account
    ? await signIn(w.account)
    : await request.newContext({ baseURL: BASE, extraHTTPHeaders: { Accept: "application/json" } });
  const user = w.account ? { username: w.account.username, roles: w.account.roles, divisionCode: w.account.divisionCode } : null;
  for (const route of ROUTE_MATRIX) {
    const row = cells.get(route.path) ?? new Map();
    cells.set(route.path, row);
    if (route.enforced === false) {
      row.set(w.label, "skip");
      continue;
    }
    const decision = routeDecision(user, route);
    const res = await call(ctx, route);
    const status = res.status();
    let ok;
    let want;
    if (!user && !decision.allowed) {
      // The anonymous public: APIs answer 401, pages redirect to the login page.
      want = route.kind === "api" ? "401" : "307→login";
      ok = route.kind === "api" ? status === 401 : status === 307 && (res.headers().location ?? "").includes("/admin/login");
    } else if (decision.allowed) {
      want = String(route.allowedStatus ?? 200);
      ok = status === (route.allowedStatus ?? 200);
      if (route.resource === "export" && ok) exportCalls++;
    } else {
      want = "403";
      ok = status === 403;
      deniedCalls++;
      if (ok && route.kind === "api") {
        const body = await res.json().catch(() => ({}));
        ok = body.code === "FORBIDDEN" && typeof body.messageZh === "string" && /[\u4e00-\u9fff]/.test(body.messageZh);
        if (!ok)
          failures.push(`${w.label} ${route.method} ${route.path}: 403 body is not {code:"FORBIDDEN", messageZh}: ${JSON.stringify(body)}`);
      }
      if (ok && route.kind === "page") {
        const html = await res.text();
        ok = html.includes("您没有查看此页面的权限");
        if (!ok) failures.push(`${w.label} GET ${route.path}: 403 without the Chinese 403 page`);
      }
    }
    const got = status === 307 ? "307→login" : String(status);
    row.set(w.label, ok ? `${got} ✓` : `✗ ${got}≠${want}`);
    if (!ok && got !== want) {
      const kind = user && !decision.allowed && status < 300 ? "LEAK" : "WRONG";
      failures.push(`${kind}: ${w.label} ${route.method} ${route.path} → HTTP ${status}, policy says ${want} (${decision.reason})`);
    }
  }
  await ctx.dispose();
}

// Print the matrix: routes × identities.
const width = 13;
const pad = (s, n) => {
  const len = [...s].reduce((a, ch) => a + (/[\u2E80-\uFFFF]/.test(ch) && ch !== "✓" && ch !== "✗" && ch !== "→" ? 2 : 1), 0);
  return s + " ".repeat(Math.max(1, n - len));
};
console.log(`\n${pad("route", 50)}${who.map((w) => pad(w.label, width + 4)).join("")}`);
for (const route of ROUTE_MATRIX) {
  const row = cells.get(route.path);
  const name = `${route.method} ${route.path.split("?")[0]} ${route.resource}:${route.action}`;
  console.log(`${pad(name, 50)}${who.map((w) => pad(row?.get(w.label) ?? "", width + 4)).join("")}`);
}

// Refusals and exports are audited; the audit page verifies the chain; the navigation hides what a role cannot open.
const auditor = ACCOUNTS.find((a) => a.roles.includes("audit_admin"));
if (check(auditor, "no audit_admin demo account")) {
  const ctx = await signIn(auditor);
  const denied = (await (await ctx.get("/api/audit/events?action=access.denied&limit=1000")).json()).events ?? [];
  check(denied.length >= deniedCalls, `access.denied events ${denied.length} < refused calls ${deniedCalls}`);
  check(
    denied.every((e) => typeof e.detail?.reason === "string"),
    "access.denied event without a reason",
  );
  const exports = (await (await ctx.get("/api/audit/events?action=export&limit=1000")).json()).events ?? [];
  check(exports.length >= exportCalls, `export events ${exports.length} < exports ${exportCalls}`);
  console.log(
    `\n  ✓ 审计：拒绝访问 ${denied.length} 条（本次 ${deniedCalls} 次拒绝），导出 ${exports.length} 条（本次 ${exportCalls} 次导出）`,
  );
  await ctx.dispose();
}

const browser = await launchChromium(chromium);
const page = await (await browser.newContext({ locale: "zh-CN" })).newPage();
page.setDefaultTimeout(TIMEOUT);
const pageErrors = [];
page.on("console", (msg) => {
  if (msg.type() === "error") pageErrors.push(msg.text());
});
try {
  if (auditor) {
    await page.goto(`${BASE}/admin/login?next=/admin/system/audit`);
    await page.getByLabel("用户名").fill(auditor.username);
    await page.getByLabel("密码").fill(auditor.password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((u) => u.pathname === "/admin/system/audit");
    await page.locator("main table").waitFor();
    const nav = page.getByRole("navigation", { name: "后台导航" });
    check((await nav.getByRole("link", { name: "审计日志", exact: true }).count()) === 1, "audit admin's navigation lacks 审计日志");
    check((await nav.getByRole("link", { name: "计划指标", exact: true }).count()) === 0, "audit admin's navigation shows 计划指标");
    check((await page.locator("main table tbody").textContent())?.includes("access.denied"), "audit page lacks access.denied events");
    await page.getByRole("button", { name: "校验审计链" }).click();
    const result = page.getByTestId("audit-verify-result");
    await result.filter({ hasText: "审计链" }).waitFor();
    const text = (await result.textContent()) ?? "";
    check(/审计链完整：共 \d+ 条事件，[1-9]\d* 个签名检查点/.test(text), `audit verification: ${text}`);
    check(pageErrors.length === 0, `browser errors on the audit page (CSP?): ${pageErrors.join(" | ")}`);
    console.log(`  ✓ 审计日志页面：${text.trim()}`);
  }

  // Security headers.
  const api = await request.newContext({ baseURL: BASE });
  const home = await api.get("/");
  const h = home.headers();
  const csp = h["content-security-policy"] ?? "";
  check(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/.test(csp), `CSP script-src: ${csp}`);
  check(!/script-src[^;]*'unsafe-inline'/.test(csp), "CSP allows inline scripts");
  check(csp.includes("frame-ancestors 'none'"), "CSP lacks frame-ancestors 'none'");
  check(h["x-content-type-options"] === "nosniff", "X-Content-Type-Options missing");
  check(h["referrer-policy"] === "strict-origin-when-cross-origin", "Referrer-Policy missing");
  check(!h["strict-transport-security"], "HSTS sent over plain HTTP");
  const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
  const html = await home.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  check(scripts.length > 0 && scripts.every((s) => s.includes(`nonce="${nonce}"`)), "a <script> without this response's nonce");
  const again = (await api.get("/")).headers()["content-security-policy"] ?? "";
  check(again !== csp, "the CSP nonce is not fresh per request");
  const https = await api.get("/healthz", { headers: { "X-Forwarded-Proto": "https" } });
  check((https.headers()["strict-transport-security"] ?? "").includes("max-age="), "HSTS missing behind X-Forwarded-Proto: https");
  console.log("  ✓ 安全响应头：CSP（nonce、frame-ancestors 'none'）、nosniff、Referrer-Policy、HTTPS 时 HSTS");

  // Rate limits (own fake client IPs and usernames, so the other tests' buckets stay full).
  const probeIp = { "X-Forwarded-For": "203.0.113.77", Accept: "application/json" };
  let login429 = null;
  for (let i = 0; i < 40 && !login429; i++) {
    const r = await api.post("/api/auth/login", { headers: probeIp, data: { username: "rate.probe", password: "wrong-password-1" } });
    if (r.status() === 429) login429 = r;
  }
  if (check(login429, "login never answered 429")) {
    const body = await login429.json();
    check(body.code === "RATE_LIMITED" && /请求过于频繁/.test(body.messageZh), `login 429 body: ${JSON.stringify(body)}`);
    check(Number(login429.headers()["retry-after"]) >= 1, "login 429 without Retry-After");
  }
  let search429 = null;
  for (let i = 0; i < 80 && !search429; i++) {
    const r = await api.get("/search?q=征地", { headers: { "X-Forwarded-For": "203.0.113.78" }, maxRedirects: 0 });
    if (r.status() === 429) search429 = r;
  }
  if (check(search429, "search never answered 429")) {
    check((await search429.text()).includes("请求过于频繁"), "search 429 without the Chinese message");
    check(Number(search429.headers()["retry-after"]) >= 1, "search 429 without Retry-After");
  }
  await api.dispose();
  if (auditor) {
    const ctx = await request.newContext({ baseURL: BASE, extraHTTPHeaders: { Accept: "application/json" } });
    // The auditor's session from the API check above is gone with its context; sign in once more is
    // not possible without a fresh TOTP for write roles, but 审计管理员 needs none.
    const res = await ctx.post("/api/auth/login", { data: { username: auditor.username, password: auditor.password } });
    if (res.status() === 200) {
      const ev = (await (await ctx.get("/api/audit/events?action=rate_limit.exceeded&limit=100")).json()).events ?? [];
      check(
        ev.some((e) => e.entity === "login") && ev.some((e) => e.entity === "search"),
        "rate_limit.exceeded not audited for login and search",
      );
    }
    await ctx.dispose();
  }
  console.log("  ✓ 限流：登录与检索超限返回 429、Retry-After、中文提示，并记入审计");
} catch (e) {
  failures.push(`browser/headers/limits: ${e.message}`);
  fs.mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, "authz-failure.png"), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}

if (failures.length) {
  console.error(`\n✗ authz.e2e: ${failures.length} problem(s):\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(`\n✓ authz.e2e: every route answered as the policies say (${ROUTE_MATRIX.length} routes × ${who.length} identities)`);
