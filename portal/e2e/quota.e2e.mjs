// End-to-end test of the 计划指标看板 (playwright-core + system Chromium), signed in as 领导:
//   - the dashboard renders with the seeded city's ten years (trend table, ECharts charts, map);
//   - a number drills down to the movements behind it, and a movement carries its 依据文件;
//   - the drill-down table exports to Excel;
//   - the what-if answers for a planned batch before reserving.
//
//   E2E_BASE_URL=… E2E_ACCOUNTS='[…]' node portal/e2e/quota.e2e.mjs
//
// scripts/e2e.mjs seeds the demo city's batches (with quota movements, supplies, 调剂) first.
import ExcelJS from "exceljs";
import { chromium } from "playwright-core";
import { assert, launchChromium, signedInContext } from "./lib/browser.mjs";
import { ACCOUNTS, BASE, timeoutMs } from "./lib/env.mjs";
import { createSuite } from "./lib/suite.mjs";

const TIMEOUT = timeoutMs(20_000);
const leader = ACCOUNTS.find((a) => a.roles?.length === 1 && a.roles[0] === "leader");
const clerk = ACCOUNTS.find((a) => a.roles?.includes("county_clerk"));
if (!BASE || !leader) {
  console.error("quota.e2e: E2E_BASE_URL and E2E_ACCOUNTS (with a leader account) are required");
  process.exit(2);
}

const url = (p) => `${BASE}${p}`;

const browser = await launchChromium(chromium);

const signIn = (account, next) => signedInContext(browser, { base: BASE, account, next, timeout: TIMEOUT });

const { step, capture, run } = createSuite("quota");

await run(browser, async () => {
  const { context, page } = await signIn(leader, "/admin/quota");
  capture(page);

  await step("看板呈现十年的指标、图表与地图", async () => {
    await page.goto(url("/admin/quota"));
    await page.getByRole("heading", { name: "计划指标看板" }).waitFor();
    const trend = page.locator("table", { has: page.locator("caption", { hasText: "历年指标" }) });
    const years = await trend.locator("tbody tr").count();
    assert(years >= 10, `trend table shows ${years} years, expected the seeded ten (2016–2025)`);
    // biome-ignore lint/performance/useDomNodeTextContent: cell separators matter
    const text = await trend.innerText();
    assert(text.includes("2016") && text.includes("2025"), "trend table lacks 2016 or 2025");
    for (const id of ["chart-trend", "chart-unsupplied", "chart-idle"]) {
      await page.locator(`[data-testid="${id}"] svg`).first().waitFor();
    }
    await page.locator('[data-testid="map-panel"][data-ready="true"]').waitFor();
  });

  await step("从“已使用”下钻到指标变动", async () => {
    // A year in which quota was used (the trend table's 已使用 column), then its 已使用 figure.
    const trend = page.locator("table", { has: page.locator("caption", { hasText: "历年指标" }) });
    const rows = await trend.locator("tbody tr").all();
    let year = null;
    for (const r of rows.reverse()) {
      // biome-ignore lint/performance/useDomNodeTextContent: rendered text of a cell
      const used = Number((await r.locator("td").nth(2).innerText()).replace(/,/g, ""));
      if (used > 0) {
        // biome-ignore lint/performance/useDomNodeTextContent: rendered text of a cell
        year = (await r.locator("td").first().innerText()).trim();
        break;
      }
    }
    assert(year, "no year with used quota in the trend table");
    await trend.getByRole("link", { name: year, exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("year") === year);
    await page.locator('[data-testid="figure-used"]').click();
    await page.waitForURL((u) => u.pathname === "/admin/quota/movements" && u.searchParams.get("figure") === "used");
    await page.getByRole("heading", { name: "指标变动明细" }).waitFor();
    const movements = page.locator("table tbody tr");
    assert((await movements.count()) > 0, "the drill-down shows no movement");
    // biome-ignore lint/performance/useDomNodeTextContent: cell separators matter
    const first = await movements.first().innerText();
    assert(/使用|退回/.test(first), `the first movement is not a use: ${first}`);
    // biome-ignore lint/performance/useDomNodeTextContent: cell separators matter
    const all = await page.locator("table tbody").innerText();
    assert(/〔\d{4}〕\d+号/.test(all), "no movement on the page shows its 批准文号");
  });

  await step("下钻明细导出 Excel", async () => {
    const sp = new URL(page.url()).searchParams;
    const res = await page.request.get(url(`/api/quota/export/movements?${sp}`));
    assert(res.status() === 200, `export returned ${res.status()}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.body());
    const ws = wb.worksheets[0];
    assert(ws && ws.rowCount > 3, "the export has no rows");
    assert(String(ws.getRow(2).getCell(6).value) === "变动类型", "unexpected export header");
  });

  await step("拟报批次测算", async () => {
    await page.goto(url("/admin/quota"));
    await page.getByLabel("拟用面积（公顷）").fill("0.5");
    await page.getByRole("button", { name: "测算" }).click();
    await page
      .locator('[data-testid="what-if-result"]')
      .getByText(/指标(充足|不足)/)
      .waitFor();
  });
  await context.close();

  if (clerk) {
    await step("区县经办无权查看看板", async () => {
      const c = await signIn(clerk, "/admin");
      const res = await c.page.request.get(url("/admin/quota"));
      assert(res.status() === 403, `/admin/quota as county clerk returned ${res.status()}`);
      await c.context.close();
    });
  }
});
