// End-to-end test of the public 征地信息公开 portal (playwright-core + system Chromium), anonymous:
//   - a Chinese search (地名, 批准文号 with other brackets, a 文号 fragment) finds the published record;
//   - facets narrow the results and stay in the URL;
//   - the record page shows the summary, the documents by stage, the timeline and the OpenLayers map;
//   - the proactive PDF opens inline, as its redacted copy (never the original bytes); a PDF with a
//     身份证号, 手机号 and names is served without them; a file that cannot be redacted answers 503;
//     withheld and on_request files answer 404;
//   - sitemap.xml (index → records page) and robots.txt are served; the public JSON API answers.
//
// scripts/e2e.mjs writes the records first (portal/e2e/fixtures/disclosure-public.seed.mjs).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { personalDataPdf } from "../../ocr/src/testing/personal-data.ts";
import { tinyPdf } from "../../shared/src/disclosure/public/testing-helpers.ts";
import { E2E_DISCLOSURE as F } from "./fixtures/disclosure-public.seed.mjs";
import { assert, launchChromium } from "./lib/browser.mjs";
import { BASE, timeoutMs } from "./lib/env.mjs";
import { createSuite } from "./lib/suite.mjs";

const TIMEOUT = timeoutMs(20_000);
if (!BASE) {
  console.error("disclosure-public.e2e: E2E_BASE_URL is required");
  process.exit(2);
}
const url = (p) => `${BASE}${p}`;
const sha256 = (b) => createHash("sha256").update(b).digest("hex");
/** The bytes the seed stored (regenerated the same way; the server holds the database). */
async function fixtureBytes(itemId) {
  return Buffer.from(itemId === F.personalItem ? await personalDataPdf() : tinyPdf("pifu proactive"));
}
/** The text layer of a PDF, whitespace removed. */
function pdfText(bytes) {
  const f = path.join(os.tmpdir(), `land-e2e-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(f, bytes);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", f, "-"]).toString().replace(/\s+/g, "");
  } finally {
    fs.rmSync(f, { force: true });
  }
}

const browser = await launchChromium(chromium);
const { step, capture, run } = createSuite("disclosure-public");

await run(browser, async () => {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  capture(page);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));

  await step("首页列出最新公开并可检索", async () => {
    await page.goto(url("/"));
    await page.getByRole("heading", { name: "最新公开" }).waitFor();
    await page.getByRole("link", { name: "成都市郫都区2023年度第18批次城镇建设用地" }).waitFor();
    const box = page.locator("#home-search");
    await box.fill("白云村");
    await box.press("Enter");
    await page.waitForURL((u) => u.pathname === "/search" && u.searchParams.get("q") === "白云村");
    await page.getByRole("link", { name: /成都市郫都区2023年度第18批次/ }).waitFor();
    const marks = await page.locator("ol[aria-label='检索结果'] mark").allTextContents();
    assert(marks.includes("白云村"), `no highlighted 白云村 in the results: ${marks.join(",")}`);
  });

  await step("批准文号换括号、文号片段都能找到", async () => {
    for (const q of ["川府土[2023]1456号", "川府土（2023）1456号", "1456号"]) {
      await page.goto(url(`/search?q=${encodeURIComponent(q)}`));
      const hit = page.getByRole("link", { name: /成都市郫都区2023年度第18批次/ });
      assert((await hit.count()) === 1, `${q} did not find the record`);
    }
  });

  await step("分面筛选缩小结果并留在地址中", async () => {
    await page.goto(url(`/search?q=${encodeURIComponent("成都市")}`));
    const total = async () =>
      Number((await page.locator("#results-title").textContent()).match(/共找到 ([\d,]+) 条/)?.[1].replaceAll(",", ""));
    const before = await total();
    assert(before >= 3, `only ${before} results for 成都市`);
    await page
      .getByRole("navigation", { name: "筛选条件" })
      .getByRole("link", { name: /^龙泉驿区/ })
      .click();
    await page.waitForURL((u) => u.searchParams.get("county") === "龙泉驿区");
    const after = await total();
    assert(after >= 1 && after < before, `county facet did not narrow: ${before} → ${after}`);
    assert((await page.getByRole("link", { name: /龙泉驿区单独选址项目用地（e2e）/ }).count()) === 1, "the 龙泉驿区 record is missing");
    assert((await page.getByRole("link", { name: /郫都区2023年度第18批次/ }).count()) === 0, "the 郫都区 record is still listed");
    await page
      .getByRole("navigation", { name: "筛选条件" })
      .getByRole("link", { name: /取消“龙泉驿区”/ })
      .click();
    await page.waitForURL((u) => !u.searchParams.has("county"));
    await page
      .getByRole("navigation", { name: "筛选条件" })
      .getByRole("link", { name: /^2022年/ })
      .click();
    await page.waitForURL((u) => u.searchParams.get("year") === "2022");
    assert((await page.getByRole("link", { name: /郫都区2022年度第3批次/ }).count()) === 1, "the 2022 record is missing");
    assert((await total()) < before, "year facet did not narrow");
  });

  await step("记录页：概要、分阶段材料、时间线与地图", async () => {
    await page.goto(url(`/gongkai/${F.slug}`));
    await page.getByRole("heading", { level: 1, name: "成都市郫都区2023年度第18批次城镇建设用地" }).waitFor();
    const title = await page.title();
    assert(title.includes("郫都区2023年度第18批次"), `title: ${title}`);
    const canonical = await page.locator('link[rel="canonical"]').getAttribute("href");
    assert(canonical?.endsWith(`/gongkai/${F.slug}`), `canonical: ${canonical}`);
    const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
    assert(ld.identifier.includes(F.docNumber), "JSON-LD without the 批准文号");
    const summary = page.locator("table", { has: page.locator("caption", { hasText: "公开信息概要" }) });
    assert((await summary.getByText(F.docNumber).count()) === 1, "summary without the 批准文号");
    for (const stage of ["批前材料", "报批材料", "批文材料", "批后材料"]) await page.getByRole("heading", { name: stage }).waitFor();
    await page.getByRole("link", { name: /在线查看.*第18批次城镇建设用地的批复/ }).waitFor();
    await page.getByRole("link", { name: /下载.*第18批次城镇建设用地的批复/ }).waitFor();
    assert((await page.getByText("内部审查意见").count()) === 0, "a withheld document is listed");
    assert((await page.getByText("补偿登记表").count()) === 0, "an on_request document is listed");
    assert((await page.getByRole("list", { name: "公告时间线" }).getByText("批准").count()) >= 1, "timeline without 批准");
    await page.locator(".ol-viewport canvas").first().waitFor();
    await page.getByRole("cell", { name: "白云村一组" }).waitFor();
    assert(errors.length === 0, `page errors: ${errors.join(" | ")}`);
  });

  await step("主动公开 PDF 可在线查看，依申请/不公开文件 404", async () => {
    const ok = await page.request.get(url(`/gongkai/${F.slug}/files/${F.proactiveItem}`));
    assert(ok.status() === 200, `proactive file: ${ok.status()}`);
    assert(ok.headers()["content-type"] === "application/pdf", `content-type ${ok.headers()["content-type"]}`);
    assert(ok.headers()["content-disposition"]?.startsWith("inline"), "not inline");
    assert((await ok.body()).subarray(0, 5).toString() === "%PDF-", "not a PDF");
    const dl = await page.request.get(url(`/gongkai/${F.slug}/files/${F.proactiveItem}?download=1`));
    assert(dl.headers()["content-disposition"]?.startsWith("attachment"), "download is not an attachment");
    for (const id of [F.withheldItem, F.onRequestItem]) {
      const r = await page.request.get(url(`/gongkai/${F.slug}/files/${id}`));
      assert(r.status() === 404, `non-proactive file ${id}: ${r.status()}`);
    }
    // The original is never served: the copy is a rebuilt image-only PDF (ETag = the copy's hash).
    const original = await fixtureBytes(F.proactiveItem);
    const served = await ok.body();
    assert(!served.equals(original), "the original bytes were served");
    assert(ok.headers().etag !== `"${sha256(original)}"` && ok.headers().etag === `"${sha256(served)}"`, `etag ${ok.headers().etag}`);
    const other = await page.request.get(url(`/gongkai/e2e-guo-han-2021-1078/files/${F.proactiveItem}`));
    assert(other.status() === 404, `file under another record: ${other.status()}`);
    const missing = await page.request.get(url("/gongkai/no-such-record"));
    assert(missing.status() === 404, `unknown record: ${missing.status()}`);
  });

  await step("含个人信息的 PDF 只以脱敏件提供；脱敏失败的文件 503", async () => {
    const r = await page.request.get(url(`/gongkai/${F.slug}/files/${F.personalItem}`));
    assert(r.status() === 200, `personal-data file: ${r.status()}`);
    assert(r.headers()["content-type"] === "application/pdf", `content-type ${r.headers()["content-type"]}`);
    const original = pdfText(await fixtureBytes(F.personalItem));
    assert(original.includes(F.personal.idNumber), "fixture PDF lacks the ID number (test would prove nothing)");
    const text = pdfText(await r.body());
    for (const s of [F.personal.idNumber, F.personal.mobile, F.personal.listName, F.personal.labelledName, F.personal.docNumber]) {
      assert(!text.includes(s), `served PDF still carries ${s}`);
    }
    const broken = await page.request.get(url(`/gongkai/${F.slug}/files/${F.brokenItem}`));
    assert(broken.status() === 503, `broken file: ${broken.status()}`);
    const body = await broken.text();
    assert(body.includes("脱敏未成功") && body.includes("损坏的扫描件"), `broken file page: ${body.slice(0, 300)}`);
  });

  await step("站点地图与 robots.txt", async () => {
    const robots = await page.request.get(url("/robots.txt"));
    assert(robots.status() === 200 && (await robots.text()).includes("Sitemap:"), "robots.txt");
    const index = await (await page.request.get(url("/sitemap.xml"))).text();
    assert(index.includes("<sitemapindex") && index.includes("/sitemaps/records-1.xml"), "sitemap index");
    const records = await (await page.request.get(url("/sitemaps/records-1.xml"))).text();
    assert(records.includes(`/gongkai/${F.slug}</loc>`), "record missing from the sitemap page");
  });

  await step("公开 JSON 接口", async () => {
    const list = await (await page.request.get(url(`/api/public/records?q=${encodeURIComponent("郫都")}&year=2023`))).json();
    assert(
      list.hits.some((h) => h.slug === F.slug),
      "API search without the record",
    );
    const one = await page.request.get(url(`/api/public/records/${list.hits.find((h) => h.slug === F.slug).recordId}`));
    const rec = await one.json();
    assert(one.status() === 200 && rec.slug === F.slug, "API record");
    assert(!JSON.stringify(rec).includes("内部审查意见"), "API serves a withheld document");
    const bad = await page.request.get(url("/api/public/records?stage=%E6%89%B9%E4%B8%AD"));
    assert(bad.status() === 400, `bad filter: ${bad.status()}`);
  });

  await step("键盘可达：跳到主要内容、检索结果链接可聚焦", async () => {
    await page.goto(url("/search?q=%E7%99%BD%E4%BA%91%E6%9D%91"));
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => document.activeElement?.textContent ?? "");
    assert(first.includes("跳到主要内容"), `first Tab stop: ${first}`);
  });

  await context.close();
});
