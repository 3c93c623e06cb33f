// 报批 intake and review in a real browser: a 区县经办 registers a batch, uploads a 勘测定界 TXT with
// errors and sees them listed with their line numbers (nothing stored; the located error highlights
// its point on the map; the CSV error report downloads), uploads the corrected file, runs the review,
// downloads the DOCX 审查意见书 (a zip whose word/document.xml names the batch), then does a 补正
// (re-upload + re-review) and checks that both review versions are kept.
//
//   E2E_BASE_URL=http://127.0.0.1:3000 E2E_ACCOUNTS='[…]' node portal/e2e/review.e2e.mjs
//
// The portal must already be running (scripts/e2e.mjs starts it). On failure a full-page screenshot
// is written to <repo>/test-results/ and the process exits 1.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { chromium } from "playwright-core";
import { assert, launchChromium, signInOnPage } from "./lib/browser.mjs";
import { ACCOUNTS, BASE, FIXTURES, timeoutMs } from "./lib/env.mjs";
import { docxXml, readDownload } from "./lib/files.mjs";
import { createSuite } from "./lib/suite.mjs";

const TIMEOUT = timeoutMs(20_000);
const CLERK = ACCOUNTS.find((a) => a.username === "jinjiang.jingban");

if (!BASE || !CLERK) {
  console.error("review.e2e: E2E_BASE_URL and E2E_ACCOUNTS (with jinjiang.jingban) are required");
  process.exit(2);
}

const url = (p) => `${BASE}${p}`;

const browser = await launchChromium(chromium);
const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
context.setDefaultTimeout(TIMEOUT);
const page = await context.newPage();
const { step, watch, run } = createSuite("review");
// The refused upload answers 422 by design; anything else ≥ 400 is a defect.
watch(page, (res) => res.status() === 422 && /\/api\/batches\/[^/]+\/parcels$/.test(new URL(res.url()).pathname), {
  consoleErrors: true,
});

const signIn = (account, next) => signInOnPage(page, BASE, account, next);

const batchNo = `E2E-${new Date().getFullYear()}-${randomBytes(3).toString("hex").toUpperCase()}`;
let batchPath = "";
await run(browser, async () => {
  console.log(`review.e2e against ${BASE} as ${CLERK.username}, batch ${batchNo}`);

  await step("区县经办登录，打开报批批次列表", async () => {
    await signIn(CLERK, "/admin/approval");
    await page.goto(url("/admin/approval"));
    await page.getByRole("heading", { name: "建设用地报批", level: 1 }).waitFor();
    // The list shows the batches of the clerk's 区县 (锦江区 has none in the demo data: an empty state).
    await page
      .getByText(/共 \d+ 条/)
      .first()
      .waitFor();
  });

  await step("登记新批次，进入批次详情", async () => {
    await page.getByRole("button", { name: "登记批次" }).click();
    await page.getByRole("textbox", { name: /批次编号/ }).fill(batchNo);
    await page.getByRole("textbox", { name: /批次（项目）名称/ }).fill(`锦江区端到端测试批次 ${batchNo}`);
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL((u) => /^\/admin\/approval\/batches\/[0-9a-f-]{36}$/.test(u.pathname));
    batchPath = new URL(page.url()).pathname;
    const info = await page.getByTestId("batch-info").textContent();
    assert(info?.includes(batchNo), `batch info lacks ${batchNo}: ${info}`);
    assert(info?.includes("锦江区"), "batch info lacks 锦江区");
    await page.getByText("尚无地块").waitFor();
  });

  await step("上传有错误的坐标文件：列出行号 13、18、22，未导入任何地块", async () => {
    await page.locator('[data-testid="survey-upload"] input[type="file"]').setInputFiles(path.join(FIXTURES, "review-survey-errors.txt"));
    await page.getByTestId("survey-upload-refused").waitFor();
    const rows = page.locator('[data-testid="survey-issues"] tbody tr');
    const lines = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-line"))));
    assert(JSON.stringify(lines) === JSON.stringify([13, 18, 22]), `expected error lines [13,18,22], got ${JSON.stringify(lines)}`);
    const text = (await page.getByTestId("survey-issues").textContent()) ?? "";
    for (const code of ["TXT_AREA_MISMATCH", "TXT_RING_CLOSURE_MISMATCH", "TXT_BAD_NUMBER"])
      assert(text.includes(code), `issue list lacks ${code}`);
    assert(text.includes("354O4400.000"), "the bad-number message does not quote the bad value");
    assert((await page.getByTestId("parcel-table").count()) === 0, "a refused file must not store parcels");
  });

  await step("点击有坐标的错误行，地图高亮该界址点", async () => {
    const map = page.getByTestId("approval-map");
    await page.waitForFunction(() => document.querySelector('[data-testid="approval-map"]')?.getAttribute("data-ready") === "true");
    const row = page.locator('[data-testid="survey-issues"] tbody tr[data-line="18"]');
    await row.getByRole("button", { name: /定位点/ }).click();
    assert((await row.getAttribute("aria-selected")) === "true", "row 18 not selected after click");
    assert((await map.getAttribute("data-selected")) === "point:1", `map selection is ${await map.getAttribute("data-selected")}`);
    const row13 = page.locator('[data-testid="survey-issues"] tbody tr[data-line="13"]');
    await row13.getByRole("button", { name: /定位地块/ }).click();
    assert((await map.getAttribute("data-selected")) === "parcel:1", `parcel 1 not selected: ${await map.getAttribute("data-selected")}`);
  });

  await step("下载错误报告（CSV，UTF-8 BOM）", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-error-report").click()]);
    assert(download.suggestedFilename().endsWith(".csv"), `unexpected name ${download.suggestedFilename()}`);
    const bytes = await readDownload(download);
    assert(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, "CSV lacks the UTF-8 BOM");
    const csv = bytes.toString("utf8");
    assert(csv.includes("行号") && csv.includes("TXT_BAD_NUMBER"), "CSV lacks its header or an error");
    assert(csv.split("\r\n").filter(Boolean).length === 4, `CSV should have a header and 3 rows:\n${csv}`);
  });

  await step("上传更正后的文件：导入 2 个地块", async () => {
    await page
      .locator('[data-testid="survey-upload"] input[type="file"]')
      .setInputFiles(path.join(FIXTURES, "review-survey-corrected.txt"));
    await page.getByTestId("survey-upload-done").waitFor();
    await page.locator('[data-testid="parcel-table"] tbody tr').nth(1).waitFor();
    assert((await page.locator('[data-testid="parcel-table"] tbody tr').count()) === 2, "expected 2 parcels");
    const info = (await page.getByTestId("batch-info").textContent()) ?? "";
    assert(info.includes("2.0000 公顷"), `total area not 2.0000 公顷: ${info}`);
  });

  let reviewId = "";
  await step("运行审查：生成第 1 版", async () => {
    await page.getByRole("button", { name: "运行审查" }).click();
    await page
      .getByTestId("review-run-result")
      .filter({ hasText: /已完成第 1 版审查/ })
      .waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="review-history"] tr[data-version="1"]').waitFor();
    const href = await page.getByTestId("docx-v1").getAttribute("href");
    reviewId = href?.match(/\/api\/reviews\/([0-9a-f-]{36})/)?.[1] ?? "";
    assert(reviewId, `no review id in ${href}`);
  });

  await step("下载 DOCX 审查意见书：zip 内 word/document.xml 含批次编号", async () => {
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByTestId("docx-v1").click()]);
    assert(download.suggestedFilename().endsWith(".docx"), `unexpected name ${download.suggestedFilename()}`);
    const bytes = await readDownload(download);
    assert(bytes[0] === 0x50 && bytes[1] === 0x4b, "DOCX is not a zip");
    const xml = await docxXml(bytes);
    assert(xml, "DOCX has no word/document.xml");
    assert(xml.includes(batchNo), `word/document.xml does not contain ${batchNo}`);
  });

  await step("审查结果页：汇总表、地图、JSON 接口", async () => {
    await page.goto(url(`/admin/approval/reviews/${reviewId}`));
    await page.getByRole("heading", { name: /报批审查结果/ }).waitFor();
    await page.getByTestId("class-table").waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="approval-map"]')?.getAttribute("data-ready") === "true");
    const res = await page.request.get(url(`/api/reviews/${reviewId}?format=json`));
    assert(res.status() === 200, `GET review json: HTTP ${res.status()}`);
    const body = await res.json();
    assert(
      body.batchNo === batchNo && body.version === 1 && body.parcels.length === 2,
      `unexpected review json: ${JSON.stringify(body).slice(0, 300)}`,
    );
  });

  await step("补正：再次上传并审查，历次版本保留", async () => {
    await page.goto(url(batchPath));
    await page.getByRole("heading", { name: /补正：上传更正后的勘测定界成果/ }).waitFor();
    await page
      .locator('[data-testid="survey-upload"] input[type="file"]')
      .setInputFiles(path.join(FIXTURES, "review-survey-corrected.txt"));
    await page
      .getByTestId("survey-upload-done")
      .filter({ hasText: /替换原 2 个地块/ })
      .waitFor();
    await page.getByRole("button", { name: "运行审查" }).click();
    await page.locator('[data-testid="review-history"] tr[data-version="2"]').waitFor({ timeout: 60_000 });
    assert((await page.locator('[data-testid="review-history"] tr[data-version="1"]').count()) === 1, "version 1 was not kept");
    const surveys = (await page.getByTestId("survey-history").textContent()) ?? "";
    assert(surveys.includes("已被补正替换") && surveys.includes("现行"), "survey history lacks the replaced and the current upload");
  });
});
