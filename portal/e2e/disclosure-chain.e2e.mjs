// The whole 征地信息公开 chain in a real browser, on whichever database the portal runs on (it never
// touches the database itself: everything goes through the UI and the HTTP API):
//   1. the city's 公开审核 (gongkai) runs 立即采集 of the 一张图 source (the seeded batches' 报批
//      materials) and of the bureau's internal web system (portal/e2e/fixtures/web-site.mjs: a
//      simulator site with the 批复 of a seeded 温江区 批准文件 as a text PDF whose page 2 states a
//      wrong area, a scanned PNG read by OCR, a DOCX 征收土地公告 and a broken link) and watches both
//      runs finish — the broken link counted as failed;
//   2. the 温江区经办 (wenjiang.jingban) finds the harvested record in his queue with open findings,
//      sees the planted discrepancy located on page 2 of the PDF beside the database values, the
//      OCR text of the scan, the materials of both sources; 确认 is held back (button and server)
//      until he resolves every error finding; then he confirms and cannot publish;
//   3. gongkai publishes it (市级发布: a second person, 区县 → 市);
//   4. the public search finds it; its /gongkai/<slug> page shows the OpenLayers map with the
//      batch's parcels and the documents that came from the web site, whose PDF answers 200 as a PDF.
//
// scripts/e2e.mjs starts the site before the portal and passes its description in E2E_WEB_SITE.
import { chromium } from "playwright-core";
import { AssertionError, assert, launchChromium, signedInContext } from "./lib/browser.mjs";
import { confirmRecord, publishRecord } from "./lib/disclosure.mjs";
import { ACCOUNTS, BASE, timeoutMs } from "./lib/env.mjs";
import { createSuite } from "./lib/suite.mjs";

const SITE = JSON.parse(process.env.E2E_WEB_SITE || "null");
const TIMEOUT = timeoutMs(30_000);
const CLERK = ACCOUNTS.find((a) => a.username === "wenjiang.jingban");
const CITY = ACCOUNTS.find((a) => a.username === "gongkai");

if (!BASE || !CLERK || !CITY || !SITE) {
  console.error("disclosure-chain.e2e: E2E_BASE_URL, E2E_ACCOUNTS (with wenjiang.jingban and gongkai) and E2E_WEB_SITE are required");
  process.exit(2);
}

const A = SITE.approval;
/** As the checks print an area: 7.6030 → 7.603. */
const fmtHa = (n) => String(Number(n.toFixed(4)));

const browser = await launchChromium(chromium);
const { step, watch, run } = createSuite("disclosure-chain");
const text = async (locator) => ((await locator.textContent()) ?? "").replace(/\s+/g, " ").trim();

/** 立即采集 of one source on the queue page; resolves with the finished run's progress line. */
async function harvest(page, sourceId) {
  const box = page.getByTestId("harvest-now");
  await box.getByLabel("采集源").selectOption(sourceId);
  const button = box.getByRole("button", { name: "立即采集" });
  await page.waitForFunction((el) => !el.disabled, await button.elementHandle());
  await button.click();
  const progress = page.getByTestId("harvest-progress");
  await progress.getByText(`${sourceId} ·`).waitFor();
  await progress.getByText("已结束").waitFor({ timeout: 300_000 });
  return text(progress);
}

await run(browser, async () => {
  const city = await signedInContext(browser, { base: BASE, account: CITY, next: "/admin/disclosure", timeout: TIMEOUT });
  const c = city.page;
  watch(c);

  await step("立即采集: the 一张图 source brings the seeded batches' 报批 materials", async () => {
    const done = await harvest(c, "onemap");
    const m = /onemap · 已结束：发现 (\d+)，下载 (\d+)，未变化 (\d+)，失败 (\d+)/.exec(done);
    assert(m, `progress: ${done}`);
    // The seed archives 8 报批 materials per batch; this run is the first of the source.
    assert(Number(m[2]) >= 8 && m[4] === "0", `一张图 run: ${done}`);
  });

  await step("立即采集: the bureau web site — login, list pages, PDF, scan (OCR), DOCX; the broken link fails", async () => {
    const done = await harvest(c, SITE.sourceId);
    // Listed: the PDF, the scan, the DOCX and a link that answers 404 (not retried, remembered for the next run).
    assert(done.includes(`${SITE.sourceId} · 已结束：发现 4，下载 3，未变化 0，失败 1`), `web run: ${done}`);
    const runs = await (await c.request.get(`${BASE}/api/harvest/runs?source=${SITE.sourceId}&limit=1`)).json();
    assert(runs.runs[0]?.status === "succeeded" && /missing\.pdf/.test(runs.runs[0]?.error ?? ""), `run: ${JSON.stringify(runs.runs[0])}`);
  });

  const clerk = await signedInContext(browser, { base: BASE, account: CLERK, next: "/admin/disclosure", timeout: TIMEOUT });
  const p = clerk.page;
  // The server's refusal to confirm too early is checked on purpose (409).
  watch(p, (res) => res.status() === 409 && res.url().endsWith("/confirm"));
  let recordId = "";

  await step("温江区经办 finds the harvested record in the queue, with open error findings", async () => {
    await p.goto(`${BASE}/admin/disclosure?q=${encodeURIComponent(A.docNumber)}`);
    const row = p.locator("main table tbody tr", { hasText: A.docNumber });
    assert((await row.count()) === 1, `queue lacks ${A.docNumber}`);
    const t = await text(row);
    assert(/待确认/.test(t), `record not 待确认: ${t}`);
    const errors = Number(/错误 (\d+)/.exec(t)?.[1] ?? 0);
    assert(errors >= 1, `no error findings in the queue row: ${t}`);
    await row.getByRole("link", { name: A.docNumber }).click();
    await p.waitForURL("**/admin/disclosure/records/*");
    recordId = new URL(p.url()).pathname.split("/").pop();
  });

  await step("the planted discrepancy is located on page 2 of the PDF; materials of both sources; the scan's OCR text", async () => {
    const findings = p.getByTestId("findings");
    const planted = findings.locator('li[data-finding="area_mismatch"]', { hasText: "第2页: 面积" });
    const all = await findings.locator("li").allTextContents();
    const want = `≠ 库内 ${fmtHa(A.areaHa)}公顷（相差 ${(((SITE.plantedAreaHa - A.areaHa) / A.areaHa) * 100).toFixed(2)}%，允许 1%）`;
    assert((await planted.count()) === 1, `no located area finding; findings:\n  ${all.join("\n  ")}`);
    const message = await text(planted);
    assert(message.includes("第2页: 面积") && message.includes(want), `area finding: ${message} (want “${want}”)`);
    const db = await text(p.getByTestId("db-values"));
    assert(db.includes(`${A.areaHa.toFixed(4)} 公顷`) && db.includes(A.docNumber), `DB values: ${db}`);
    // Clicking “查看第 2 页” shows that page of the PDF with the finding beside it.
    await planted.getByRole("button", { name: "查看第 2 页" }).click();
    assert((await text(p.getByTestId("page-no"))).includes("第 2 / 2 页"), "the viewer did not open page 2 of the PDF");
    assert((await text(p.getByTestId("page-findings"))).includes("第2页: 面积"), "the page shows no finding");
    const options = await p.locator("#item-select option").allTextContents();
    for (const f of [SITE.files.pdf, SITE.files.scan, SITE.files.docx, `${A.batchNo}_征收土地方案.txt`]) {
      assert(
        options.some((o) => o.includes(f)),
        `material ${f} missing: ${options.join(" | ")}`,
      );
    }
    // The scan has no text layer: what is shown was read by OCR.
    const scanOption = options.find((o) => o.includes(SITE.files.scan));
    await p.locator("#item-select").selectOption({ label: scanOption });
    const extracted = await text(p.getByTestId("extracted"));
    assert(extracted.includes(A.docNumber), `the scan's 识别文号 is not ${A.docNumber}: ${extracted}`);
    const confidence = Number(/置信度\s*([\d.]+)%/.exec(extracted)?.[1] ?? 0);
    assert(confidence > 50 && confidence < 100, `the scan's OCR confidence is ${confidence}% (a text layer would be 100%): ${extracted}`);
    await p.getByText("第 1 页文本").click();
    const ocrText = await text(p.locator("details pre"));
    assert(ocrText.includes("人民政府") && ocrText.includes("批复"), `OCR text of the scan: ${ocrText.slice(0, 200)}`);
  });

  await step("确认 is held back by the open error findings — in the page and by the server", async () => {
    const confirm = p.locator('button[data-action="confirm"]');
    assert(await confirm.isDisabled(), "confirm is enabled despite open error findings");
    assert(
      (await text(p.locator('[data-reason="confirm"]'))).includes("项错误级核查发现未处理"),
      "no reason shown for the held-back confirm",
    );
    const res = await p.request.post(`${BASE}/api/disclosure/records/${recordId}/confirm`, { data: {}, failOnStatusCode: false });
    const body = await res.json();
    assert(res.status() === 409 && body.code === "WRONG_STATE", `server answered ${res.status()} ${JSON.stringify(body)}`);
  });

  await step("resolves every error finding with a note, confirms; 市级发布 is not his", async () => {
    for (let guard = 0; guard < 20; guard++) {
      const open = p.locator('[data-testid="findings"] li[data-resolved="0"]', { has: p.getByRole("button", { name: "标记已处理" }) });
      const errors = open.filter({ has: p.getByText("错误", { exact: true }) });
      if ((await errors.count()) === 0) break;
      const li = errors.first();
      const code = await li.getAttribute("data-finding");
      await li.getByLabel("处理说明").fill(`已核对纸质批文原件（${code}）`);
      await li.getByRole("button", { name: "标记已处理" }).click();
      await p.waitForFunction((n) => document.querySelectorAll('[data-testid="findings"] li[data-resolved="1"]').length >= n, guard + 1);
    }
    const resolved = p.locator('[data-testid="findings"] li[data-finding="area_mismatch"][data-resolved="1"]');
    assert((await resolved.count()) === 1, "the area finding is not resolved");
    await confirmRecord(p);
    assert(await p.locator('button[data-action="publish"]').isDisabled(), "the clerk may publish");
    assert((await text(p.locator('[data-reason="publish"]'))).includes("当前角色不能审核发布"), "no reason for the clerk's publish");
  });
  await clerk.context.close();

  let slug = "";
  await step("the city's 公开审核 publishes it (second person, 市级发布)", async () => {
    await c.goto(`${BASE}/admin/disclosure/records/${recordId}`);
    const publish = c.locator('button[data-action="publish"]');
    if (await publish.isDisabled()) throw new AssertionError(`publish disabled: ${await text(c.locator('[data-reason="publish"]'))}`);
    assert((await text(publish)).includes("市级发布"), "the step is not 市级发布");
    await publishRecord(c);
    const timeline = await text(c.getByRole("list", { name: "公开记录办理过程" }));
    for (const t of ["处理核查发现", "确认", "发布", "wenjiang.jingban", "gongkai"])
      assert(timeline.includes(t), `timeline lacks ${t}: ${timeline}`);
    const href = await c.getByRole("link", { name: "公开页面" }).getAttribute("href");
    slug = href?.replace(/^\/gongkai\//, "") ?? "";
    assert(slug, "no public page link");
  });
  await city.context.close();

  const anon = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 1000 } });
  anon.setDefaultTimeout(TIMEOUT);
  const pub = await anon.newPage();
  watch(pub);

  await step("the public search finds it by its 批准文号", async () => {
    await pub.goto(`${BASE}/search?q=${encodeURIComponent(A.docNumber)}`);
    const hit = pub.locator(`ol[aria-label='检索结果'] a[href="/gongkai/${slug}"]`);
    assert((await hit.count()) >= 1, `search does not find ${A.docNumber}: ${(await text(pub.locator("main"))).slice(0, 300)}`);
  });

  await step("its page: the OpenLayers map with the batch's parcels and the documents from the web site", async () => {
    const res = await pub.goto(`${BASE}/gongkai/${slug}`);
    assert(res?.status() === 200, `/gongkai/${slug} answered ${res?.status()}`);
    await pub.getByRole("heading", { level: 1 }).waitFor();
    assert((await text(pub.locator("main"))).includes(A.docNumber), "the page lacks the 批准文号");
    await pub.locator(".ol-viewport canvas").first().waitFor();
    await pub.locator('[data-testid="map-panel"][data-ready="true"]').waitFor();
    const parcels = pub.locator("table", { has: pub.locator("caption", { hasText: "批准地块列表" }) });
    const caption = await text(parcels.locator("caption"));
    assert(caption.includes(`（${A.parcelNos.length}）`), `parcel table: ${caption}, the batch has ${A.parcelNos.length}`);
    for (const no of A.parcelNos) await parcels.getByRole("cell", { name: no, exact: true }).first().waitFor();
    // Materials by stage (the timeline names the 公告 again).
    const material = (f) => pub.locator('section[aria-labelledby^="stage-"] li', { hasText: f });
    for (const f of [SITE.files.pdf, SITE.files.scan, SITE.files.docx]) {
      assert((await material(f).count()) === 1, `public page lacks the material ${f}`);
    }
    const view = material(SITE.files.pdf).getByRole("link", { name: /在线查看/ });
    const href = await view.getAttribute("href");
    const file = await pub.request.get(`${BASE}${href}`);
    assert(file.status() === 200, `${href} answered ${file.status()}`);
    assert(file.headers()["content-type"] === "application/pdf", `content-type ${file.headers()["content-type"]}`);
    assert((await file.body()).subarray(0, 5).toString() === "%PDF-", "not a PDF");
  });
  await anon.close();
});
