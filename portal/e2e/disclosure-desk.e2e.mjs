// 征地信息公开 clerk desk in a real browser:
//   1. a 区县经办 (jinjiang.jingban) opens the queue, sees the record's tab count and open finding,
//      opens the record, sees the located finding and the confirm button held back by it, uploads a
//      missing material (its page renders as an image), resolves the finding with a note and confirms;
//      he cannot publish (role);
//   2. the city's 公开审核 (gongkai) confirms a second record himself and then finds 发布 disabled by the
//      two-person rule — the server refuses the same call with SAME_PERSON — while he publishes the
//      clerk's record (another person's confirmation);
//   3. publication made the redacted public copy of the supplemented PDF (shown on the record page);
//      the published record is on the public site at once (/gongkai/<slug>, /search finds it);
//   4. he withdraws it: an empty reason is refused in the dialog, a real one takes it offline (the
//      public page answers 404, search no longer finds it); the timeline shows 确认 → 发布 → 撤回发布;
//   5. 立即采集 of the 一张图 source shows the run's live progress until it finishes.
//
// Records are created through the domain (shared/src/disclosure/workflow/testing.ts) in the portal's
// PostgreSQL database (E2E_DATABASE_URL). On the embedded database, which the running server holds,
// it cannot create them and skips, saying so.
import fs from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import { chromium } from "playwright-core";
import { assert, launchChromium, signedInContext } from "./lib/browser.mjs";
import { confirmRecord, publishRecord } from "./lib/disclosure.mjs";
import { ACCOUNTS, BASE, timeoutMs } from "./lib/env.mjs";
import { createSuite, RESULTS } from "./lib/suite.mjs";

const TIMEOUT = timeoutMs(30_000);
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "";
const CLERK = ACCOUNTS.find((a) => a.username === "jinjiang.jingban");
const CITY = ACCOUNTS.find((a) => a.username === "gongkai");

if (!BASE || !CLERK || !CITY) {
  console.error("disclosure-desk.e2e: E2E_BASE_URL and E2E_ACCOUNTS (with jinjiang.jingban and gongkai) are required");
  process.exit(2);
}
if (!DATABASE_URL) {
  console.log("  - disclosure-desk.e2e skipped: needs the portal's PostgreSQL database (E2E_DATABASE_URL) to create its records");
  process.exit(0);
}

const { openPostgres } = await import("../../shared/src/db/postgres.ts");
const { createTestRecord, addFinding, addItem } = await import("../../shared/src/disclosure/workflow/testing.ts");
const db = await openPostgres({ url: DATABASE_URL, max: 2 });
const first = await createTestRecord(db, { divisionCode: "510104", status: "pending", title: "锦江区浏览器测试征地信息（甲）" });
const item = await addItem(db, { recordId: first.recordId, batchId: first.batchId, title: "建设用地批复（扫描件）" });
await addFinding(db, first.recordId, { itemId: item, page: 2 });
const second = await createTestRecord(db, { divisionCode: "510104", status: "harvested", title: "锦江区浏览器测试征地信息（乙）" });
await db.close();

function pdfBytes() {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4" });
    const chunks = [];
    doc.on("data", (c) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.fontSize(28).text("Supplement page 1", 80, 120);
    doc.rect(80, 200, 300, 200).fill("#1d4ed8");
    doc.end();
  });
}

const browser = await launchChromium(chromium);
const { step, watch, run } = createSuite("disclosure-desk");
const statusOf = async (page) => (await page.getByTestId("record-status").textContent())?.trim();

await run(browser, async () => {
  const clerk = await signedInContext(browser, { base: BASE, account: CLERK, next: "/admin/disclosure", timeout: TIMEOUT });
  const p = clerk.page;
  watch(p);

  await step("区县经办 sees the queue: status tabs with counts, the record with its open finding", async () => {
    await p.goto(`${BASE}/admin/disclosure?status=pending&q=${encodeURIComponent("浏览器测试征地信息")}`);
    const tab = p.locator('[data-status-tab="pending"]');
    assert((await tab.getAttribute("aria-current")) === "page", "the 待确认 tab is not current");
    const n = Number((await tab.textContent())?.replace(/\D/g, ""));
    assert(n >= 1, `待确认 count is ${n}`);
    const flows = (await p.getByTestId("flows").textContent()) ?? "";
    assert(flows.includes("其他类型 区县 → 市（双人复核）"), `default flow not shown: ${flows}`);
    const row = p.locator("main table tbody tr", { hasText: first.docNumber });
    assert((await row.count()) === 1, `queue lacks ${first.docNumber}`);
    const text = (await row.textContent()) ?? "";
    assert(text.includes("1 项未处理（错误 1）"), `findings badge missing: ${text}`);
    assert(!(await p.locator("main table tbody tr", { hasText: second.docNumber }).count()), "a 新抓取 record is listed under 待确认");
    await row.getByRole("link", { name: first.docNumber }).click();
    await p.waitForURL(`**/admin/disclosure/records/${first.recordId}`);
  });

  await step("the record shows the located finding beside the DB values; 确认 is held back by it", async () => {
    const finding = p.getByTestId("findings").locator("li").first();
    assert(((await finding.textContent()) ?? "").includes("第2页：面积 12.35公顷 ≠ 库内 12.3456公顷"), "finding message missing");
    assert(((await p.getByTestId("db-values").textContent()) ?? "").includes("12.3456 公顷"), "DB area missing");
    assert(((await p.getByTestId("db-values").textContent()) ?? "").includes(first.docNumber), "DB 批准文号 missing");
    assert((await p.getByTestId("page-no").textContent())?.includes("第 2 /"), "the viewer did not open the finding's page");
    assert(await p.locator('button[data-action="confirm"]').isDisabled(), "confirm is enabled despite an open error finding");
    assert(((await p.locator('[data-reason="confirm"]').textContent()) ?? "").includes("1 项错误级核查发现未处理"), "no reason shown");
    assert(((await p.locator('[data-reason="publish"]').textContent()) ?? "").includes("当前角色不能审核发布"), "clerk publish reason");
  });

  await step("supplements a missing material: the uploaded PDF's page renders beside the text", async () => {
    const file = path.join(RESULTS, "disclosure-supplement.pdf");
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(file, await pdfBytes());
    await p.getByLabel("文件").setInputFiles(file);
    await p.getByLabel("材料名称").fill("征地补偿安置方案公告（补充）");
    await p.getByLabel("材料类别").selectOption("compensation_notice");
    await p.getByLabel("阶段").selectOption("批前");
    await p.getByRole("button", { name: "上传补充材料" }).click();
    await p.getByText("材料已补充").waitFor();
    const option = p.locator("#item-select option", { hasText: "征地补偿安置方案公告（补充）" });
    await option.waitFor({ state: "attached" });
    await p.locator("#item-select").selectOption({ label: (await option.textContent()) ?? "" });
    const img = p.locator('img[alt="征地补偿安置方案公告（补充） 第 1 页"]');
    await img.waitFor();
    await p.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
    await p
      .getByTestId("public-copy")
      .getByText(/对外脱敏件尚未生成/)
      .waitFor();
  });

  await step("resolves the finding with a note, then confirms in the dialog", async () => {
    await p.getByLabel("处理说明").first().fill("已核对纸质批文：面积 12.3456 公顷，OCR 误识");
    await p.getByRole("button", { name: "标记已处理" }).first().click();
    await p.locator('[data-finding="AREA_MISMATCH"][data-resolved="1"]').waitFor();
    await confirmRecord(p);
    assert(await p.locator('button[data-action="publish"]').isDisabled(), "the clerk may publish");
  });
  await clerk.context.close();

  const city = await signedInContext(browser, {
    base: BASE,
    account: CITY,
    next: `/admin/disclosure/records/${second.recordId}`,
    timeout: TIMEOUT,
  });
  const c = city.page;
  watch(c, (res) => res.status() === 400 && res.url().endsWith("/unpublish"));

  await step("two-person rule: the city reviewer who confirmed a record cannot publish it (button and server)", async () => {
    await confirmRecord(c);
    const publish = c.locator('button[data-action="publish"]');
    await c.waitForFunction((el) => el.disabled, await publish.elementHandle());
    const reason = (await c.locator('[data-reason="publish"]').textContent()) ?? "";
    assert(reason.includes("双人复核"), `publish reason: ${reason}`);
    const res = await c.request.post(`${BASE}/api/disclosure/records/${second.recordId}/publish`, { data: {}, failOnStatusCode: false });
    const body = await res.json();
    assert(res.status() === 403 && body.code === "SAME_PERSON", `server answered ${res.status()} ${JSON.stringify(body)}`);
    assert((await statusOf(c)) === "已确认", "the record changed");
  });

  await step("another person (the city) publishes the clerk's record", async () => {
    await c.goto(`${BASE}/admin/disclosure/records/${first.recordId}`);
    const publish = c.locator('button[data-action="publish"]');
    assert(!(await publish.isDisabled()), "publish disabled for the second person");
    assert((await publish.textContent())?.includes("市级发布"), "the step is not 市级发布");
    await publishRecord(c);
    // Publication made the redacted public copy of the supplemented PDF (no personal data on it: 0 boxes).
    const option = c.locator("#item-select option", { hasText: "征地补偿安置方案公告（补充）" });
    await c.locator("#item-select").selectOption({ label: (await option.textContent()) ?? "" });
    await c.getByTestId("public-copy").getByText("对外脱敏件已生成：遮盖个人信息 0 处", { exact: false }).waitFor();
  });

  const publicPage = async (pathname) => {
    const anon = await browser.newContext({ locale: "zh-CN" });
    try {
      const ap = await anon.newPage();
      const res = await ap.goto(`${BASE}${pathname}`);
      return {
        status: res?.status() ?? 0,
        text:
          (await ap
            .locator("main")
            .textContent()
            .catch(() => "")) ?? "",
      };
    } finally {
      await anon.close();
    }
  };

  await step("the published record is on the public site at once: its page and the search find it", async () => {
    const rec = await publicPage(`/gongkai/${first.slug}`);
    assert(rec.status === 200, `/gongkai/${first.slug} answered ${rec.status}`);
    assert(rec.text.includes("锦江区浏览器测试征地信息（甲）"), "public page lacks the title");
    assert(rec.text.includes("征地补偿安置方案公告（补充）"), "public page lacks the supplemented material");
    const found = await publicPage(`/search?q=${encodeURIComponent(first.docNumber)}`);
    assert(found.text.includes("锦江区浏览器测试征地信息（甲）"), "public search does not find the published record");
    const other = await publicPage(`/gongkai/${second.slug}`);
    assert(other.status === 404, `the unpublished record is public (${other.status})`);
  });

  await step("withdraws it with a reason (required), the timeline shows every step", async () => {
    await c.locator('button[data-action="unpublish"]').click();
    const dialog = c.getByRole("dialog");
    await dialog.getByRole("button", { name: "撤回发布" }).click();
    await c.getByTestId("action-error").waitFor();
    assert(((await c.getByTestId("action-error").textContent()) ?? "").includes("原因"), "empty reason not refused");
    await dialog.getByLabel("撤回原因（必填）").fill("补偿安置方案附件有误，更正后重新发布");
    await dialog.getByRole("button", { name: "撤回发布" }).click();
    await c.getByTestId("record-status").getByText("已撤回").waitFor();
    assert(((await c.getByTestId("withdrawn-reason").textContent()) ?? "").includes("补偿安置方案附件有误"), "reason not shown");
    const timeline = (await c.getByRole("list", { name: "公开记录办理过程" }).textContent()) ?? "";
    for (const t of ["补充材料", "处理核查发现", "确认", "发布", "撤回发布", "jinjiang.jingban", "gongkai"]) {
      assert(timeline.includes(t), `timeline lacks ${t}: ${timeline}`);
    }
    await c.goto(`${BASE}/admin/disclosure?status=withdrawn&q=${encodeURIComponent("浏览器测试征地信息")}`);
    assert((await c.locator("main table tbody tr", { hasText: first.docNumber }).count()) === 1, "not under 已撤回");
    assert((await publicPage(`/gongkai/${first.slug}`)).status === 404, "the withdrawn record is still public");
    const found = await publicPage(`/search?q=${encodeURIComponent(first.docNumber)}`);
    assert(!found.text.includes("锦江区浏览器测试征地信息（甲）"), "public search still finds the withdrawn record");
  });
  await step("立即采集: the city reviewer starts a harvest of the 一张图 source and watches it finish", async () => {
    await c.goto(`${BASE}/admin/disclosure`);
    const box = c.getByTestId("harvest-now");
    await box.getByRole("button", { name: "立即采集" }).click();
    const progress = c.getByTestId("harvest-progress");
    await progress.waitFor();
    assert(/onemap · (排队中|采集中|已结束)/.test((await progress.textContent()) ?? ""), `progress: ${await progress.textContent()}`);
    await progress.getByText("已结束").waitFor({ timeout: 240_000 });
    const done = (await progress.textContent()) ?? "";
    assert(/发现 \d+，下载 \d+，未变化 \d+，失败 0/.test(done), `run finished with failures: ${done}`);
  });
  await city.context.close();
});
