// End-to-end test of 补偿登记 masking (playwright-core + system Chromium):
//   - a reviewer (市审查) sees masked values, reveals them with 显示完整信息 (audited);
//   - a masked role (领导) sees none of those clear values on the page or in the downloaded .xlsx;
//   - the reviewer's own export is masked too;
//   - on PostgreSQL (E2E_DATABASE_URL), the raw rows hold ciphertext only.
//
//   E2E_BASE_URL=… E2E_ACCOUNTS='[{"username":…,"password":…,"roles":[…],"totpSecret":…}]' node portal/e2e/masking.e2e.mjs
//
// scripts/e2e.mjs seeds the demo city's batches (with registrations) before starting the portal.
import { spawnSync } from "node:child_process";
import ExcelJS from "exceljs";
import { chromium } from "playwright-core";
import { assert, launchChromium, signedInContext } from "./lib/browser.mjs";
import { ACCOUNTS, BASE, timeoutMs } from "./lib/env.mjs";
import { createSuite } from "./lib/suite.mjs";

const TIMEOUT = timeoutMs(15_000);
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "";
const reviewer = ACCOUNTS.find((a) => a.roles?.includes("city_reviewer"));
const masked = ACCOUNTS.find((a) => a.roles?.length === 1 && a.roles[0] === "leader");
if (!BASE || !reviewer || !masked) {
  console.error("masking.e2e: E2E_BASE_URL and E2E_ACCOUNTS (with a city_reviewer and a leader account) are required");
  process.exit(2);
}

const url = (p) => `${BASE}${p}`;
const PAGE = "/admin/acquisition/registrations";
const ID_CLEAR = /(?<![0-9])[1-9]\d{16}[\dX](?![0-9])/g;
const PHONE_CLEAR = /(?<![0-9])1[3-9]\d{9}(?![0-9])/g;
const BANK_CLEAR = /(?<![0-9])\d{12,30}(?![0-9])/g;
const ID_MASKED = /\d{4}\*{10}\d{3}[\dX]/;

const browser = await launchChromium(chromium);

const signIn = (account) =>
  signedInContext(browser, { base: BASE, account, next: PAGE, timeout: TIMEOUT, viewport: { width: 1400, height: 900 } });

async function tableText(page) {
  await page.getByRole("heading", { name: "补偿登记" }).waitFor();
  // innerText keeps cells apart (tabs); textContent would run adjacent numbers together.
  // biome-ignore lint/performance/useDomNodeTextContent: the separators matter here
  return (await page.locator("table").first().innerText()) ?? "";
}

async function xlsxText(page) {
  const res = await page.request.get(url("/api/export/compensation"));
  assert(res.status() === 200, `/api/export/compensation returned ${res.status()}`);
  assert((res.headers()["content-type"] ?? "").includes("spreadsheetml"), "export is not an .xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.body());
  const cells = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? "")))));
  return cells.join("\n");
}

const clearOf = (text) => ({
  ids: [...new Set(text.match(ID_CLEAR) ?? [])],
  phones: [...new Set(text.match(PHONE_CLEAR) ?? [])],
  banks: [...new Set((text.match(BANK_CLEAR) ?? []).filter((x) => x.startsWith("62")))],
});

/**
 * Pages and files must hold neither the clear values seen by the reviewer nor anything shaped like
 * one. Raw database rows are checked against the known clear values only: ciphertext and the
 * HMAC hex digest can contain runs of digits shaped like a phone number by chance.
 */
function assertNoClear(where, text, clear, { shapes = true } = {}) {
  for (const v of [...clear.ids, ...clear.phones, ...clear.banks])
    assert(!text.includes(v), `${where} contains the clear value ${v.slice(0, 4)}…`);
  if (!shapes) return;
  const found = clearOf(text);
  assert(found.ids.length === 0, `${where} contains a clear 身份证号 (${found.ids.length})`);
  assert(found.phones.length === 0, `${where} contains a clear phone number (${found.phones.length})`);
  assert(found.banks.length === 0, `${where} contains a clear bank account (${found.banks.length})`);
}

const { step, capture, run } = createSuite("masking");

let clear = { ids: [], phones: [], banks: [] };
await run(browser, async () => {
  const r = await signIn(reviewer);
  capture(r.page);

  await step("市审查：补偿登记默认脱敏，可显示完整信息", async () => {
    await r.page.goto(url(PAGE));
    const before = await tableText(r.page);
    assert(ID_MASKED.test(before), "the reviewer's table shows no masked 身份证号 (no registrations seeded?)");
    assertNoClear("reviewer's masked page", before, clear);
    await r.page.getByRole("button", { name: "显示完整信息" }).click();
    await r.page.getByRole("status").filter({ hasText: "已记录审计日志" }).waitFor();
    const after = await tableText(r.page);
    clear = clearOf(after);
    assert(clear.ids.length > 0, "显示完整信息 showed no clear 身份证号");
    assert(clear.phones.length > 0, "显示完整信息 showed no clear phone number");
  });

  await step("市审查：导出的 Excel 同样脱敏", async () => {
    const text = await xlsxText(r.page);
    assert(ID_MASKED.test(text), "reviewer's export lacks masked 身份证号");
    assertNoClear("reviewer's export", text, clear);
  });
  await r.context.close();

  const m = await signIn(masked);
  capture(m.page);
  await step("领导：页面只有脱敏信息，没有“显示完整信息”", async () => {
    await m.page.goto(url(PAGE));
    const text = await tableText(m.page);
    assert(ID_MASKED.test(text), "the leader's table shows no masked 身份证号");
    assertNoClear("leader's page", text, clear);
    const html = await m.page.content();
    for (const v of [...clear.ids, ...clear.phones, ...clear.banks])
      assert(!html.includes(v), `leader's page HTML contains ${v.slice(0, 4)}…`);
    assert((await m.page.getByRole("button", { name: "显示完整信息" }).count()) === 0, "the leader is offered 显示完整信息");
  });

  await step("领导：下载的 Excel 不含明文身份证号、电话、银行账号", async () => {
    const text = await xlsxText(m.page);
    assert(ID_MASKED.test(text), "leader's export lacks masked 身份证号");
    assertNoClear("leader's export", text, clear);
  });
  await m.context.close();

  await step("数据库原始记录只有密文", async () => {
    if (!DATABASE_URL) {
      console.log("    (embedded database is held by the server: raw rows are checked by the vitest suite on both backends)");
      return;
    }
    const res = spawnSync("psql", [DATABASE_URL, "-At", "-c", "SELECT row_to_json(r)::text FROM compensation_registration r"], {
      encoding: "utf8",
    });
    assert(res.status === 0, `psql failed: ${res.stderr}`);
    const rows = res.stdout.trim().split("\n").filter(Boolean);
    assert(rows.length > 0, "no compensation_registration rows");
    for (const row of rows) {
      const j = JSON.parse(row);
      assert(/^v1\.[0-9a-f]{8}\./.test(j.id_number_sealed), "id_number_sealed is not ciphertext");
    }
    assert(clear.ids.length > 0, "no clear values were revealed to compare with");
    assertNoClear("raw compensation_registration rows", res.stdout, clear, { shapes: false });
  });
});
