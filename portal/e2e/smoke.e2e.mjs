// End-to-end smoke test of the portal in a real browser (playwright-core + system Chromium).
//
//   E2E_BASE_URL=http://localhost:3000 E2E_USER=admin E2E_PASSWORD=… E2E_TOTP_SECRET=… node portal/e2e/smoke.e2e.mjs
//
// The portal must already be running (scripts/e2e.mjs starts it). On failure a full-page
// screenshot is written to <repo>/test-results/ and the process exits 1.
import { chromium } from "playwright-core";
import { assert, launchChromium } from "./lib/browser.mjs";
import { BASE, timeoutMs } from "./lib/env.mjs";
import { createSuite } from "./lib/suite.mjs";
import { totp } from "./lib/totp.mjs";

const USER = process.env.E2E_USER ?? "";
const PASSWORD = process.env.E2E_PASSWORD ?? "";
const TOTP_SECRET = process.env.E2E_TOTP_SECRET ?? "";
const TIMEOUT = timeoutMs(15_000);

if (!BASE || !USER || !PASSWORD || !TOTP_SECRET) {
  console.error("smoke.e2e: E2E_BASE_URL, E2E_USER, E2E_PASSWORD and E2E_TOTP_SECRET are required");
  process.exit(2);
}

const SUBSYSTEMS = ["征前程序", "计划指标", "建设用地报批", "征后实施监管", "征地信息公开", "用地审批工作评价", "成果管理"];

const url = (p) => `${BASE}${p}`;
const pathOf = (u) => new URL(u).pathname;

const browser = await launchChromium(chromium);
const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 900 } });
context.setDefaultTimeout(TIMEOUT);
const page = await context.newPage();
const { step, watch, run } = createSuite("smoke");
// Expected 4xx (e.g. the deliberate failed login) are redirects or 2xx pages here; any other 4xx/5xx is a defect.
watch(page, undefined, { consoleErrors: true });

await run(browser, async () => {
  console.log(`smoke.e2e against ${BASE}`);

  await step("首页：标题、搜索框、区县目录", async () => {
    const res = await page.goto(url("/"));
    assert(res?.status() === 200, `GET / returned ${res?.status()}`);
    assert((await page.locator("html").getAttribute("lang")) === "zh-CN", 'html lang is not "zh-CN"');
    const h1 = (await page.locator("h1").first().textContent())?.trim();
    assert(h1 === "建设用地报批及征地信息公开", `unexpected h1: ${h1}`);
    const search = page.getByRole("searchbox", { name: "站内搜索" }).first();
    assert(await search.isVisible(), "site search box is not visible");
    assert(await page.getByRole("link", { name: "锦江区" }).isVisible(), "区县目录 lacks 锦江区");
    const footer = (await page.locator("footer").textContent()) ?? "";
    for (const label of ["主办单位", "ICP备案号", "公安备案号", "网站标识码"]) assert(footer.includes(label), `footer lacks ${label}`);
    await search.fill("征地公告");
    await search.press("Enter");
    await page.waitForURL((u) => u.pathname === "/search");
    assert(new URL(page.url()).searchParams.get("q") === "征地公告", `search did not keep q: ${page.url()}`);
    assert((await page.locator("h1").textContent())?.includes("信息检索"), "search page heading missing");
  });

  await step("/healthz 返回 ok", async () => {
    const res = await page.request.get(url("/healthz"));
    assert(res.status() === 200, `/healthz returned HTTP ${res.status()}: ${await res.text()}`);
    const body = await res.json();
    assert(body.ok === true, `/healthz ok is not true: ${JSON.stringify(body)}`);
    assert(body.db?.reachable === true, "/healthz: database not reachable");
  });

  await step("IPv6：首页经 [::1] 可访问（双栈监听）", async () => {
    const v6 = (process.env.E2E_BASE_URL_V6 ?? "").replace(/\/+$/, "");
    assert(v6, "E2E_BASE_URL_V6 is not set (scripts/e2e.mjs passes http://[::1]:PORT)");
    await page.goto(`${v6}/`, { waitUntil: "domcontentloaded" });
    assert((await page.locator("h1").first().textContent())?.includes("建设用地"), "home page over IPv6 lacks its heading");
  });

  await step("未登录访问 /admin 跳转到登录页", async () => {
    await page.goto(url("/admin/system/divisions"));
    assert(pathOf(page.url()) === "/admin/login", `expected /admin/login, got ${page.url()}`);
    assert(await page.getByLabel("用户名").isVisible(), "login form lacks 用户名");
    assert(await page.getByLabel("密码").isVisible(), "login form lacks 密码");
  });

  await step("错误密码显示中文提示", async () => {
    await page.getByLabel("用户名").fill(USER);
    await page.getByLabel("密码").fill(`${PASSWORD}-wrong`);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((u) => u.pathname === "/admin/login" && u.searchParams.has("error"));
    const alert = (await page.getByRole("alert").first().textContent()) ?? "";
    assert(alert.includes("用户名或密码错误"), `unexpected login error text: ${alert}`);
  });

  await step("密码正确后要求动态口令；错误动态口令显示中文提示", async () => {
    await page.getByLabel("用户名").fill(USER);
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((u) => u.pathname === "/admin/login" && u.searchParams.get("step") === "totp");
    const cookies = await context.cookies(BASE);
    assert(!cookies.some((c) => c.name === "land_session"), "a session cookie was set before the TOTP step");
    // The half-logged-in state grants nothing, even when its token is presented as a session.
    const challenge = cookies.find((c) => c.name === "land_login");
    assert(challenge?.httpOnly === true, `challenge cookie missing or not HttpOnly: ${JSON.stringify(challenge)}`);
    const res = await page.request.get(url("/admin"), { headers: { cookie: `land_session=${challenge.value}` } });
    assert(pathOf(res.url()) === "/admin/login", `/admin with the challenge token as session ended at ${res.url()}`);
    const field = page.getByLabel("动态口令");
    assert((await field.getAttribute("autocomplete")) === "one-time-code", "code field lacks autocomplete=one-time-code");
    // A code that matches no step of the ±1 window.
    const valid = new Set([-1, 0, 1].map((d) => totp(TOTP_SECRET, Date.now() + d * 30_000)));
    let wrong = "000000";
    for (let n = 0; valid.has(wrong); n++) wrong = String(n).padStart(6, "0");
    await field.fill(wrong);
    await page.getByRole("button", { name: "验证" }).click();
    await page.waitForURL((u) => u.searchParams.get("step") === "totp" && u.searchParams.get("error") === "TOTP_FAILED");
    const alert = (await page.getByRole("alert").first().textContent()) ?? "";
    assert(alert.includes("动态口令错误"), `unexpected TOTP error text: ${alert}`);
  });

  await step("输入正确动态口令后登录；系统管理员的导航不含业务子系统", async () => {
    await page.getByLabel("动态口令").fill(totp(TOTP_SECRET));
    await page.getByRole("button", { name: "验证" }).click();
    // Came from /admin/system/divisions: the login returns there.
    await page.waitForURL((u) => u.pathname.startsWith("/admin") && u.pathname !== "/admin/login");
    const cookies = await context.cookies(BASE);
    const session = cookies.find((c) => c.name === "land_session");
    assert(session?.httpOnly === true && session.sameSite === "Lax", `session cookie flags wrong: ${JSON.stringify(session)}`);
    await page.goto(url("/admin"));
    assert(pathOf(page.url()) === "/admin", `expected /admin, got ${page.url()}`);
    const nav = page.getByRole("navigation", { name: "后台导航" });
    for (const label of ["建库标准", "系统管理"]) {
      assert(await nav.getByRole("link", { name: label, exact: true }).isVisible(), `navigation lacks ${label}`);
    }
    // 三权分立: the system administrator (this account) sees no business subsystem.
    for (const label of SUBSYSTEMS) {
      assert((await nav.getByRole("link", { name: label, exact: true }).count()) === 0, `system admin's navigation shows ${label}`);
    }
    assert(await page.getByRole("button", { name: "退出" }).isVisible(), "退出 button missing");
    const status = (await page.getByTestId("health").textContent()) ?? "";
    assert(status.includes("正常"), `dashboard health is not 正常: ${status}`);
  });

  await step("业务子系统对系统管理员返回 403 中文页面（三权分立）", async () => {
    // /admin/approval is a 报批批次 page (batch:read); /admin/quota has its own 领导/指标管理 policy.
    const res = await page.request.get(url("/admin/approval"));
    assert(res.status() === 403, `/admin/approval as system admin returned ${res.status()}`);
    const html = await res.text();
    assert(html.includes("您没有查看此页面的权限") && html.includes("报批批次"), "403 page lacks its Chinese explanation");
    assert(!html.includes("登记批次"), "403 page leaks the page content");
    await page.goto(url("/admin/system"));
    const crumbs = (await page.getByRole("navigation", { name: "面包屑" }).textContent()) ?? "";
    assert(crumbs.includes("工作台") && crumbs.includes("系统管理"), `breadcrumbs wrong: ${crumbs}`);
  });

  await step("行政区划表：锦江区、筛选、排序、导出", async () => {
    await page.goto(url("/admin/system/divisions"));
    const table = page.locator("main table");
    await table.waitFor();
    assert(await table.getByRole("cell", { name: "锦江区", exact: true }).isVisible(), "divisions table lacks 锦江区");
    await page.getByLabel("筛选").fill("锦江");
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL((u) => u.searchParams.get("q") === "锦江");
    const rows = await table.locator("tbody tr").count();
    assert(rows === 1, `filter 锦江 should leave 1 row, got ${rows}`);
    // Counties only (the demo city adds 乡镇/村 under four of them): the last county code is 简阳市.
    await page.goto(url("/admin/system/divisions?sort=code&dir=desc&size=10&level=county"));
    const firstCode = (await page.locator("main table tbody tr").first().locator("td").nth(1).textContent())?.trim();
    assert(firstCode === "510185", `descending sort of counties by code should start with 510185, got ${firstCode}`);
    await page.goto(url("/admin/system/divisions?sort=code&dir=desc&size=10"));
    const codes = await page.locator("main table tbody tr td:nth-child(2)").allTextContents();
    const sorted = [...codes].sort().reverse();
    assert(codes.length === 10 && codes.join() === sorted.join(), `descending sort by code is not descending: ${codes.join(", ")}`);
    const exportHref = await page.getByRole("link", { name: /导出 Excel/ }).getAttribute("href");
    assert(exportHref, "export link missing");
    const res = await page.request.get(url(exportHref));
    assert(res.status() === 200, `export returned ${res.status()}`);
    assert((res.headers()["content-type"] ?? "").includes("spreadsheetml"), "export is not an .xlsx");
    const body = await res.body();
    assert(body.subarray(0, 2).toString() === "PK", "export body is not a zip/xlsx");
  });

  await step("建库标准：示例城市的一张图汇总、地图与图层接口", async () => {
    await page.goto(url("/admin/standard"));
    const summary = page.locator("table", { has: page.locator("caption", { hasText: "三大类汇总" }) });
    await summary.waitFor({ timeout: TIMEOUT });
    const text = (await summary.textContent()) ?? "";
    assert(text.includes("农用地") && text.includes("建设用地"), `land-use summary lacks 农用地/建设用地: ${text}`);
    await page.locator('[aria-label="一张图：地类图斑与三条控制线"] canvas').first().waitFor({ timeout: TIMEOUT });
    const res = await page.request.get(url("/api/map/land_use?bbox=103.9,30.5,104.1,30.7&res=0.0001"));
    assert(res.status() === 200, `/api/map/land_use returned ${res.status()}`);
    const fc = await res.json();
    assert(fc.type === "FeatureCollection" && fc.features.length > 100, `expected >100 地类图斑, got ${fc.features?.length}`);
    assert(/^\d{4}/.test(fc.features[0].properties.dlbm), "feature without 地类编码");
    const bad = await page.request.get(url("/api/map/land_use?bbox=1,2,3&res=0.0001"));
    assert(bad.status() === 400, `bad bbox should be 400, got ${bad.status()}`);
  });

  await step("组件示例：地图与表单校验", async () => {
    await page.goto(url("/admin/system/ui"));
    await page.locator('[data-testid="map-panel"][data-ready="true"]').waitFor();
    assert((await page.locator('[data-testid="map-panel"] canvas').count()) > 0, "map did not render a canvas");
    await page.getByRole("button", { name: "校验" }).click();
    const summary = (await page.getByRole("alert").filter({ hasText: "表单有" }).textContent()) ?? "";
    assert(summary.includes("项目名称"), `form validation summary missing Chinese messages: ${summary}`);
  });

  await step("退出后再次访问 /admin 需要登录", async () => {
    await page.getByRole("button", { name: "退出" }).click();
    await page.waitForURL((u) => u.pathname === "/admin/login");
    await page.goto(url("/admin"));
    assert(pathOf(page.url()) === "/admin/login", `after logout /admin should redirect to login, got ${page.url()}`);
  });
});
