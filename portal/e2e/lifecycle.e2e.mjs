// The approval lifecycle in a real browser: a 温江区经办 registers a batch, imports its 勘测定界 file,
// records the 征前程序 (预公告, 现状调查 per village, 风险评估, 补偿安置方案公告, 协议签订 per village —
// the periods already run), starts 组卷, uploads the missing 组卷材料 and submits it; the 温江区审核
// reports it to the city; 市审查 reports it to the province; the province simulator (demo mode)
// accepts it and replies with a 批复 by itself; the batch shows 已批复 with the whole timeline, and the
// generated notices (预公告, 补偿安置方案公告) download as DOCX.
//
//   E2E_BASE_URL=http://127.0.0.1:3000 E2E_ACCOUNTS='[…]' node portal/e2e/lifecycle.e2e.mjs
//
// The portal must already be running (scripts/e2e.mjs starts it). On failure a full-page screenshot
// is written to <repo>/test-results/ and the process exits 1.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { chromium } from "playwright-core";
import { AssertionError, assert, launchChromium, signedInContext } from "./lib/browser.mjs";
import { ACCOUNTS, BASE, FIXTURES, timeoutMs } from "./lib/env.mjs";
import { docxXml, readDownload } from "./lib/files.mjs";
import { createSuite } from "./lib/suite.mjs";

const TIMEOUT = timeoutMs(20_000);
const account = (name) => ACCOUNTS.find((a) => a.username === name);
const CLERK = account("wenjiang.jingban");
const COUNTY_REVIEWER = account("wenjiang.shenhe");
const CITY = account("shi.shencha");

if (!BASE || !CLERK || !COUNTY_REVIEWER || !CITY) {
  console.error("lifecycle.e2e: E2E_BASE_URL and E2E_ACCOUNTS (wenjiang.jingban, wenjiang.shenhe, shi.shencha) are required");
  process.exit(2);
}

/** Beijing-time calendar dates relative to today. */
const DAY = 86_400_000;
const todayMs = Date.now() + 8 * 3_600_000;
const daysAgo = (n) => new Date(todayMs - n * DAY).toISOString().slice(0, 10);

/** A small but real PDF for the 组卷材料 (the upload check reads the bytes, not the name). */
const pdf = (label) =>
  Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${label}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );

const browser = await launchChromium(chromium);
const { step, watch, forgetErrors, run } = createSuite("lifecycle");
let page = null;

async function as(accountInfo, next) {
  const { page: p } = await signedInContext(browser, { base: BASE, account: accountInfo, next, timeout: TIMEOUT });
  // A refused step answers 4xx by design only where the test provokes it (see forgetErrors below).
  watch(p);
  page = p;
  return p;
}

/** Clicks a transition button, fills the dialog's reason when given, confirms, waits for the new state. */
async function transition(p, to, stateName, reason) {
  await p.locator(`[data-testid="batch-transitions"] button[data-to="${to}"]`).click();
  const dialog = p.getByRole("dialog");
  await dialog.waitFor();
  if (reason) await dialog.locator('textarea[name="reason"]').fill(reason);
  await dialog.getByRole("button", { name: /确定办理/ }).click();
  const alert = dialog.getByRole("alert");
  const done = p.getByTestId("batch-info").filter({ hasText: stateName }).waitFor();
  const refused = alert.waitFor().then(async () => {
    throw new AssertionError(`transition to ${to} refused: ${await alert.textContent()}`);
  });
  await Promise.race([done, refused]);
}

async function recordStep(p, step, fill) {
  const form = p.getByTestId("pre-acquisition-form");
  await form.getByLabel("登记事项").selectOption(step);
  await fill(form);
  const ok = p.waitForResponse((r) => r.url().endsWith("/pre-acquisition") && r.request().method() === "POST");
  await form.locator('button[type="submit"]').click();
  const alert = form.getByRole("alert");
  const res = await ok;
  if (res.status() !== 201) throw new AssertionError(`登记 ${step} refused: ${await alert.textContent().catch(() => res.status())}`);
  // The page refreshes with the new status.
  await p.waitForLoadState("networkidle");
}

const batchNo = `LC-${new Date().getFullYear()}-${randomBytes(3).toString("hex").toUpperCase()}`;
let batchPath = "";
await run(browser, async () => {
  console.log(`lifecycle.e2e against ${BASE}, batch ${batchNo}`);

  await step("区县经办登记批次并导入勘测定界成果", async () => {
    const p = await as(CLERK, "/admin/approval");
    await p.goto(`${BASE}/admin/approval`);
    await p.getByRole("button", { name: "登记批次" }).click();
    await p.getByRole("textbox", { name: /批次编号/ }).fill(batchNo);
    await p.getByRole("textbox", { name: /批次（项目）名称/ }).fill(`温江区生命周期测试批次 ${batchNo}`);
    await p.getByRole("button", { name: "保存" }).click();
    await p.waitForURL((u) => /^\/admin\/approval\/batches\/[0-9a-f-]{36}$/.test(u.pathname));
    batchPath = new URL(p.url()).pathname;
    await p.locator('[data-testid="survey-upload"] input[type="file"]').setInputFiles(path.join(FIXTURES, "review-survey-corrected.txt"));
    await p.getByTestId("survey-upload-done").waitFor();
    await p.reload();
    await p.getByTestId("pre-acquisition-steps").waitFor();
    const ready = (await p.getByTestId("pre-acquisition-ready").textContent()) ?? "";
    assert(ready.includes("尚不能组卷"), `a fresh batch must not be ready for 组卷: ${ready}`);
  });

  await step("征前程序尚未完成时不能开始组卷（列出原因）", async () => {
    const p = page;
    await p.locator('[data-testid="batch-transitions"] button[data-to="assembling"]').click();
    const dialog = p.getByRole("dialog");
    await dialog.getByRole("button", { name: /确定办理/ }).click();
    const alert = dialog.getByRole("alert");
    await alert.waitFor();
    const text = (await alert.textContent()) ?? "";
    assert(text.includes("预公告"), `the refusal should name the missing 预公告: ${text}`);
    await dialog.getByRole("button", { name: "取消" }).click();
    // That refusal was provoked: drop its 4xx from the error list.
    forgetErrors();
  });

  await step("登记征前程序：预公告、现状调查、风险评估、方案公告、协议签订", async () => {
    const p = page;
    await recordStep(p, "pre_announcement", async (f) => {
      await f.getByLabel(/公告编号/).fill(`温江征预〔${daysAgo(120).slice(0, 4)}〕${randomBytes(1)[0]}号`);
      await f.getByLabel(/发布日期/).fill(daysAgo(120));
      await f.getByLabel(/公告期截止日期/).fill(daysAgo(90));
      await f.getByLabel(/征收范围/).fill("温江区太坝街道相关村组，详见附图");
      await f.getByLabel(/征收目的/).fill("城市建设需要，实施城镇建设用地批次");
    });
    await p.getByTestId("pre-acquisition-form").getByLabel("登记事项").selectOption("status_survey");
    const villages = await p
      .getByTestId("pre-acquisition-form")
      .locator('select[name="villageCode"] option')
      .evaluateAll((os) => os.map((o) => o.value));
    assert(villages.length > 0, "no village to survey");
    for (const v of villages) {
      await recordStep(p, "status_survey", async (f) => {
        await f.locator('select[name="villageCode"]').selectOption(v);
        await f.getByLabel(/调查日期/).fill(daysAgo(85));
        await f.getByLabel(/地类面积/).fill("0101=8000\n0201=2000");
        await f.getByLabel(/涉及人口/).fill("36");
      });
    }
    await recordStep(p, "risk_assessment", async (f) => {
      await f.getByLabel(/风险等级/).selectOption("low");
      await f.getByLabel(/评估结论/).fill("风险可控，可以实施");
      await f.getByLabel(/评估日期/).fill(daysAgo(80));
    });
    await recordStep(p, "compensation_notice", async (f) => {
      await f.getByLabel(/发布日期/).fill(daysAgo(70));
      await f.getByLabel(/公告期截止日期/).fill(daysAgo(35));
      await f.getByLabel(/补偿标准/).fill("按成都市征地区片综合地价执行");
    });
    for (const v of villages) {
      await recordStep(p, "agreement_signing", async (f) => {
        await f.locator('select[name="villageCode"]').selectOption(v);
        await f.getByLabel(/应签订户数/).fill("12");
        await f.getByLabel(/已签订户数/).fill("12");
        await f.getByLabel(/统计日期/).fill(daysAgo(20));
      });
    }
    await p.reload();
    const ready = (await p.getByTestId("pre-acquisition-ready").textContent()) ?? "";
    assert(
      ready.includes("可以开始组卷"),
      `征前程序 should be complete: ${ready}\n${await p.getByTestId("pre-acquisition-steps").textContent()}`,
    );
  });

  await step("下载生成的预公告与补偿安置方案公告（DOCX，含批次编号）", async () => {
    const p = page;
    for (const kind of ["pre_announcement", "compensation_notice"]) {
      const link = p.locator(`[data-testid="notice-download"][data-kind="${kind}"]`);
      assert((await link.count()) === 1, `no download link for the ${kind} notice`);
      const [download] = await Promise.all([p.waitForEvent("download", { timeout: 60_000 }), link.click()]);
      const bytes = await readDownload(download);
      assert(bytes[0] === 0x50 && bytes[1] === 0x4b, `${kind} notice is not a DOCX (zip)`);
      const xml = await docxXml(bytes);
      assert(xml?.includes(batchNo), `${kind} notice does not name ${batchNo}`);
    }
  });

  await step("开始组卷，上传缺少的组卷材料，提交区县审核", async () => {
    const p = page;
    await transition(p, "assembling", "组卷");
    const missing = await p
      .locator('[data-testid="assembly-checklist"] [data-missing-kind]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-missing-kind")));
    for (const kind of missing) {
      const form = p.getByTestId("material-upload");
      await form.locator('select[name="kind"]').selectOption(kind);
      await form
        .locator('input[type="file"]')
        .setInputFiles({ name: `${kind}.pdf`, mimeType: "application/pdf", buffer: pdf(`${batchNo} ${kind}`) });
      const res = p.waitForResponse((r) => r.url().endsWith("/materials") && r.request().method() === "POST");
      await form.getByRole("button", { name: "上传材料" }).click();
      assert((await res).status() === 201, `upload of ${kind} refused`);
      // The form resets and the page refreshes after a success: wait for the row to turn 已具备.
      await p.locator(`[data-testid="assembly-checklist"] [data-missing-kind="${kind}"]`).waitFor({ state: "detached" });
    }
    await p.reload();
    const complete = (await p.getByTestId("assembly-complete").textContent()) ?? "";
    assert(complete.includes("齐全"), `组卷材料 still incomplete after uploading ${missing.join(", ")}: ${complete}`);
    await transition(p, "county_review", "区县审查");
  });

  await step("区县审核：报市审查（经办看不到此按钮）", async () => {
    assert(
      (await page.locator('[data-testid="batch-transitions"] button[data-to="city_review"]').count()) === 0,
      "the clerk must not report to the city",
    );
    const p = await as(COUNTY_REVIEWER, batchPath);
    await p.goto(`${BASE}${batchPath}`);
    await transition(p, "city_review", "市审查");
  });

  await step("市审查：报省；省厅（模拟器）受理并批复", async () => {
    const p = await as(CITY, batchPath);
    await p.goto(`${BASE}${batchPath}`);
    await transition(p, "submitted_to_province", "报省");
    const deadline = Date.now() + 120_000;
    for (;;) {
      await p.reload();
      const info = (await p.getByTestId("batch-info").textContent()) ?? "";
      if (info.includes("已批复")) break;
      assert(Date.now() < deadline, `no 批复 from the province simulator within 120 s: ${info}`);
      await p.waitForTimeout(3000);
    }
  });

  await step("流转记录显示从征前到已批复的每一步", async () => {
    const text = (await page.locator("#history").locator("xpath=..").textContent()) ?? "";
    for (const s of ["征前 → 组卷", "组卷 → 区县审查", "区县审查 → 市审查", "市审查 → 报省", "省审查中 → 已批复"]) {
      assert(text.includes(s), `timeline lacks “${s}”`);
    }
  });
});
