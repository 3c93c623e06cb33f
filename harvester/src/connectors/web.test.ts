import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { LocalFileStorage } from "@land/shared";
import { createTestDatabase, type TestDatabase } from "@land/shared/db/testing";
import { seedDemo } from "@land/shared/seed/seed-demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyPdf, scanPages, syntheticReply } from "../../../ocr/src/testing/synthetic.ts";
import { lazyOcrPool } from "../lazy-ocr.ts";
import { runHarvest } from "../runner.ts";
import { docxOf, SIM_PASSWORD, SIM_USER, type Simulator, startSimulator } from "./simulator.ts";
import { type WebSite, webConnector } from "./web.ts";

let t: TestDatabase;
let dir: string;
let storage: LocalFileStorage;
let sim: Simulator;
const ocr = lazyOcrPool({ size: 1 });
const reply = syntheticReply(3);
const rows = async <T>(sql: string, params?: unknown[]): Promise<T[]> => (await t.db.query<T>(sql, params)).rows;
const retry = { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 };

const site = (over: Partial<WebSite> = {}): WebSite => ({
  id: "web-sim",
  name: "模拟内网系统",
  baseUrl: sim.url,
  timeoutMs: 2000,
  login: { url: "/login", mode: "static", username: SIM_USER, passwordEnv: "LAND_TEST_SIM_PASSWORD" },
  list: { url: "/list?page={page}", rowSelector: "table.list tr.row", dateSelector: ".date" },
  detail: { attachmentSelector: "a.attachment", docNumberSelector: ".doc-number", captionSelector: "h1" },
  ...over,
});

beforeAll(async () => {
  process.env.LAND_TEST_SIM_PASSWORD = SIM_PASSWORD;
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  dir = await mkdtemp(path.join(tmpdir(), "land-web-"));
  storage = new LocalFileStorage(dir);
  const b = await rows<{ id: string }>(
    `INSERT INTO batch (batch_no, name, land_use_type, division_code, plan_year, state, approval_authority, total_area_ha)
     VALUES ('SIM-1', '模拟批次', 'urban_batch', '510112', $1, 'approved', 'SZF_SQ', $2) RETURNING id`,
    [Number(reply.approvedOn.slice(0, 4)), reply.areaHa],
  );
  await rows(
    `INSERT INTO approval_doc (batch_id, doc_number, title, authority, approved_on, approved_area_ha, status, division_code)
     VALUES ($1, $2, $3, 'SZF_SQ', $4, $5, 'valid', '510112')`,
    [b[0]?.id, reply.docNumber, reply.lines[2], reply.approvedOn, reply.areaHa],
  );
  const pdf = await replyPdf([reply]);
  const [scan] = await scanPages(pdf, { seed: 7 });
  sim = await startSimulator([
    {
      id: 1,
      date: "2023-06-01",
      title: reply.lines[2] as string,
      docNumber: reply.docNumber,
      files: [
        { name: "批复.pdf", bytes: pdf, type: "application/pdf" },
        { name: "批复_扫描件.png", bytes: scan as Uint8Array, type: "image/png" },
      ],
    },
    {
      id: 2,
      date: "2023-05-20",
      title: "征收土地公告",
      files: [
        {
          name: "征收土地公告.docx",
          bytes: await docxOf(["征收土地公告", `经四川省人民政府${reply.docNumber}批准，征收土地${reply.areaHa.toFixed(4)}公顷。`]),
          type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        },
      ],
      broken: ["slow"],
    },
    {
      id: 3,
      date: "2023-05-10",
      title: "情况说明",
      files: [{ name: "说明.txt", bytes: new TextEncoder().encode("有关情况说明。"), type: "text/plain" }],
      broken: ["missing"],
    },
    { id: 4, date: "2023-05-01", title: "已删除的页面", files: [], gone: true },
  ]);
}, 300_000);
afterAll(async () => {
  await ocr.close();
  await sim?.close();
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("web connector against the simulator site", { timeout: 300_000 }, () => {
  it("logs in, walks the list and detail pages, downloads PDF/scan/DOCX, survives broken links and timeouts", async () => {
    const run = await runHarvest({ db: t.db, storage, ocr, retry }, webConnector(site()));
    // 7 listed: 4 files downloaded; the never-answering download, the missing file and the gone detail page failed.
    expect(run).toMatchObject({ status: "succeeded", discovered: 7, fetched: 4, failed: 3 });
    expect(run.error).toContain("/detail/4");
    expect(run.error).toContain("missing.pdf");
    expect(run.error).toContain("slow.pdf");
    const items = await rows<{ file_name: string; kind: string | null; match_status: string; pages: number | null; text: string }>(
      "SELECT file_name, kind, match_status, pages, text FROM disclosure_item WHERE source_id = 'web-sim' ORDER BY file_name",
    );
    expect(items.map((i) => [i.file_name, i.kind, i.match_status])).toEqual([
      ["征收土地公告.docx", "acquisition_notice", "matched"],
      ["批复.pdf", "approval_doc", "matched"],
      ["批复_扫描件.png", "approval_doc", "matched"],
      ["说明.txt", null, "unmatched"],
    ]);
    // The scan went through OCR: its text has the reply's wording.
    expect(items[2]?.text).toMatch(/批复|人民政府/);
    const [record] = await rows<{ status: string; stage: string }>("SELECT status, stage FROM disclosure_record");
    expect(record).toMatchObject({ status: "pending", stage: "批后" });
    const [cursor] = await rows<{ cursor: { position: { since: string }; failed: { key: string }[] } }>(
      "SELECT cursor FROM harvest_cursor WHERE source_id = 'web-sim'",
    );
    expect(cursor?.cursor.position.since).toBe("2023-06-01");
    expect(cursor?.cursor.failed.map((f) => f.key).sort()).toEqual(["/files/2/slow.pdf", "/files/3/missing.pdf"]);

    // Incremental: stops at rows older than the newest seen; unchanged files are not downloaded again.
    const pdfHits = sim.hits.get("/files/1/批复.pdf".replace(/[^/]+$/, encodeURIComponent("批复.pdf")));
    const next = await runHarvest({ db: t.db, storage, ocr, retry }, webConnector(site()));
    expect(next).toMatchObject({ status: "succeeded", fetched: 0, unchanged: 2, failed: 2 });
    expect(sim.hits.get(`/files/1/${encodeURIComponent("批复.pdf")}`)).toBe(pdfHits);
    expect(sim.hits.get("/detail/3")).toBe(1);
  });

  it("reads a JavaScript-rendered list in Chromium after a browser login (a static read sees no rows)", async () => {
    const js = {
      id: "web-js",
      login: { url: "/login", mode: "browser" as const, username: SIM_USER, passwordEnv: "LAND_TEST_SIM_PASSWORD" },
      list: {
        url: "/js-list?page={page}",
        rowSelector: "#t tr.row",
        dateSelector: ".date",
        render: "browser" as const,
        waitFor: 'body[data-ready="1"]',
      },
    };
    const staticRead = await runHarvest(
      { db: t.db, storage, ocr, retry, readText: false },
      webConnector(site({ ...js, id: "web-js-static", list: { ...js.list, render: "static" } })),
    );
    expect(staticRead).toMatchObject({ status: "succeeded", discovered: 0 });
    const run = await runHarvest({ db: t.db, storage, ocr, retry, readText: false }, webConnector(site(js)));
    expect(run).toMatchObject({ status: "succeeded", discovered: 7, fetched: 4, failed: 3 });
    const keys = await rows<{ source_key: string }>(
      "SELECT source_key FROM disclosure_item WHERE source_id = 'web-js' ORDER BY source_key",
    );
    expect(keys.map((k) => decodeURIComponent(k.source_key))).toContain("/files/1/批复.pdf");
  });
});
