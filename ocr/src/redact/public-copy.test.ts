/**
 * The public copies end to end on a database (both backends): the real redactor on real files —
 * a CJK text PDF with a 身份证号, a 手机号 and names of a 补偿清单, and a scanned PNG page — made on
 * the first public request or at publication, refused when the redaction fails.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type Db, LocalFileStorage, type PublicCopyRedactor } from "@land/shared";
import { createTestDatabase, type TestDatabase } from "@land/shared/db/testing";
import { getPublicCopy } from "@land/shared/disclosure/public/get-public-copy";
import { getPublicRecord } from "@land/shared/disclosure/public/get-public-record";
import { createRecordFixture, ensureDivisions, storeFixtureFile } from "@land/shared/disclosure/public/testing-helpers";
import { getDisclosureRecord } from "@land/shared/disclosure/workflow/get-record";
import { publishRecord } from "@land/shared/disclosure/workflow/publish-record";
import { addItem, createTestRecord, USERS } from "@land/shared/disclosure/workflow/testing";
import { seedDemo } from "@land/shared/seed/seed-demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compactText } from "../accuracy.ts";
import type { OcrEngine } from "../engine.ts";
import { createOcrPool } from "../pool.ts";
import { PERSONAL, personalDataPdf, personalDataScan } from "../testing/personal-data.ts";
import { createPublicCopyRedactor } from "./redactor.ts";

const run = promisify(execFile);
let t: TestDatabase;
let dir: string;
let storage: LocalFileStorage;
let redactor: ReturnType<typeof createPublicCopyRedactor>;
let calls = 0;
// The real redactor, counted (to see that a copy is made once and then served from storage).
const counted: PublicCopyRedactor = {
  redact: (input) => {
    calls += 1;
    return redactor.redact(input);
  },
};
let ocr: OcrEngine;
let pdf: Uint8Array;
let scan: Uint8Array;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  await ensureDivisions(t.db);
  dir = await mkdtemp(path.join(tmpdir(), "land-public-copy-"));
  storage = new LocalFileStorage(dir);
  redactor = createPublicCopyRedactor();
  ocr = await createOcrPool({ size: 1 });
  [pdf, scan] = await Promise.all([personalDataPdf(), personalDataScan()]);
}, 120_000);
afterAll(async () => {
  await redactor?.close();
  await ocr?.close();
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

const deps = () => ({ storage, redactor: counted });
const file = (bytes: Uint8Array, fileName: string, mediaType: string) =>
  storeFixtureFile(t.db, storage, { bytes, fileName, mediaType, disclosureType: "proactive", divisionCode: "510117" });

async function textOf(bytes: Uint8Array): Promise<string> {
  const f = path.join(dir, `x-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(f, bytes);
  return compactText((await run("pdftotext", ["-enc", "UTF-8", f, "-"])).stdout);
}

async function audits(db: Db, itemId: string) {
  return (
    await db.query<{ action: string; actor: string; detail: Record<string, unknown> }>(
      "SELECT action, actor, detail FROM audit_event WHERE entity_id = $1 ORDER BY id",
      [itemId],
    )
  ).rows;
}

describe("the public file route's copy (getPublicCopy)", () => {
  let slug: string;
  let items: string[];
  beforeAll(async () => {
    const f = await createRecordFixture(t.db, {
      docNumber: PERSONAL.docNumber,
      title: "成都市郫都区2023年度第5批次城镇建设用地（脱敏）",
      slug: "redact-chuan-fu-tu-2023-456",
      items: [
        {
          title: "征地补偿安置方案公告",
          kind: "compensation_notice",
          stage: "批前",
          attachmentId: await file(pdf, "公告.pdf", "application/pdf"),
        },
        { title: "补偿清单扫描件", kind: "compensation_notice", stage: "批前", attachmentId: await file(scan, "清单.png", "image/png") },
        {
          title: "损坏的文件",
          kind: "approval_doc",
          stage: "批文",
          attachmentId: await file(new TextEncoder().encode("%PDF-1.4 broken"), "坏.pdf", "application/pdf"),
        },
      ],
    });
    slug = f.slug;
    items = f.itemIds;
  }, 60_000);

  it("serves a redacted PDF, made once on the first request: no text layer, no personal data, the original untouched", async () => {
    const before = calls;
    const c = await getPublicCopy(t.db, { slug, itemId: items[0] as string }, deps());
    expect(c).toMatchObject({ mediaType: "application/pdf", fileName: "公告.pdf" });
    const bytes = await storage.get(c.storageKey);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(await textOf(pdf)).toContain(PERSONAL.idNumber);
    const served = await textOf(bytes);
    for (const s of [PERSONAL.idNumber, PERSONAL.mobile, PERSONAL.listName, PERSONAL.labelledName]) expect(served).not.toContain(s);
    expect(calls).toBe(before + 1);
    // The record page lists what is served: the copy's size.
    const listed = (await getPublicRecord(t.db, { slug })).documents.flatMap((g) => g.items).find((d) => d.id === items[0]);
    expect(listed?.sizeBytes).toBe(bytes.byteLength);
    // Second request: the stored copy, no new redaction.
    expect((await getPublicCopy(t.db, { slug, itemId: items[0] as string }, deps())).sha256).toBe(c.sha256);
    expect(calls).toBe(before + 1);
    const a = await audits(t.db, items[0] as string);
    expect(a).toEqual([
      expect.objectContaining({
        action: "disclosure.redact",
        actor: "system:redaction",
        detail: expect.objectContaining({
          pages: 1,
          boxes: 4,
          byPage: [{ page: 1, boxes: 4, method: "text", kinds: { name: 2, id_number: 1, phone: 1 } }],
        }),
      }),
    ]);
  }, 120_000);

  it("serves a scanned PNG as a redacted PNG (OCR found the data)", async () => {
    const c = await getPublicCopy(t.db, { slug, itemId: items[1] as string }, deps());
    expect(c).toMatchObject({ mediaType: "image/png", fileName: "清单.png" });
    const row = await t.db.query<{ boxes: number }>("SELECT boxes FROM disclosure_public_copy WHERE sha256 = $1", [c.sha256]);
    expect(row.rows[0]?.boxes).toBeGreaterThanOrEqual(4);
    const seen = compactText((await ocr.recognize(await storage.get(c.storageKey))).text);
    for (const s of [PERSONAL.idNumber, PERSONAL.mobile, PERSONAL.listName]) expect(seen).not.toContain(s);
    expect(seen).toContain("川府土");
  }, 180_000);

  it("refuses a file whose redaction failed (503, reason in Chinese), recorded and audited, not retried per request", async () => {
    const e = await getPublicCopy(t.db, { slug, itemId: items[2] as string }, deps()).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "REDACTION_FAILED", status: 503, messageZh: expect.stringContaining("脱敏未成功") });
    const before = calls;
    await expect(getPublicCopy(t.db, { slug, itemId: items[2] as string }, deps())).rejects.toMatchObject({ code: "REDACTION_FAILED" });
    expect(calls).toBe(before);
    expect((await audits(t.db, items[2] as string)).map((a) => a.action)).toEqual(["disclosure.redact_failed"]);
  }, 60_000);
});

describe("publication makes the copies first and never publishes a file that failed", () => {
  async function confirmedRecordWith(bytes: Uint8Array, fileName: string, mediaType: string) {
    const r = await createTestRecord(t.db, { status: "confirmed" });
    const itemId = await addItem(t.db, { recordId: r.recordId, title: fileName });
    const attachmentId = await storeFixtureFile(t.db, storage, {
      bytes,
      fileName,
      mediaType,
      disclosureType: "proactive",
      divisionCode: "510104",
    });
    await t.db.query("UPDATE disclosure_item SET attachment_id = $2 WHERE id = $1", [itemId, attachmentId]);
    await t.db.query("UPDATE disclosure_record SET flow_level = 'county', confirmed_by = 'jinjiang.jingban' WHERE id = $1", [r.recordId]);
    return { ...r, itemId };
  }

  it("publishes with the redaction (item, pages, boxes) in the publish audit entry", async () => {
    const r = await confirmedRecordWith(pdf, "公示.pdf", "application/pdf");
    const p = await publishRecord(t.db, { recordId: r.recordId, user: USERS.city }, {}, { publicCopies: deps() });
    expect(p.status).toBe("published");
    expect(p.redaction).toEqual([{ itemId: r.itemId, title: "公示.pdf", status: "ok", pages: 1, boxes: 4 }]);
    const detail = await getDisclosureRecord(t.db, USERS.city, r.recordId);
    expect(detail.items.find((i) => i.id === r.itemId)?.publicCopy).toEqual({ status: "ok", boxes: 4, error: null });
    const audit = await t.db.query<{ detail: { redaction: unknown } }>(
      "SELECT detail FROM audit_event WHERE action = 'disclosure.publish' AND entity_id = $1",
      [r.recordId],
    );
    expect(audit.rows[0]?.detail.redaction).toEqual(p.redaction);
  }, 120_000);

  it("refuses to publish when a file cannot be redacted; the record stays confirmed", async () => {
    const r = await confirmedRecordWith(new TextEncoder().encode("%PDF-1.4 still broken"), "坏批文.pdf", "application/pdf");
    const e = await publishRecord(t.db, { recordId: r.recordId, user: USERS.city }, {}, { publicCopies: deps() }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "REDACTION_FAILED", messageZh: expect.stringContaining("坏批文.pdf") });
    const s = await t.db.query<{ status: string }>("SELECT status FROM disclosure_record WHERE id = $1", [r.recordId]);
    expect(s.rows[0]?.status).toBe("confirmed");
    // The clerk sees why on the record page.
    const detail = await getDisclosureRecord(t.db, USERS.city, r.recordId);
    expect(detail.items.find((i) => i.id === r.itemId)?.publicCopy).toEqual({
      status: "failed",
      boxes: null,
      error: expect.stringContaining("坏批文.pdf"),
    });
    // Without a redactor (e.g. a CLI) the known failure still blocks publication.
    await expect(publishRecord(t.db, { recordId: r.recordId, user: USERS.city })).rejects.toMatchObject({ code: "REDACTION_FAILED" });
  }, 60_000);
});
