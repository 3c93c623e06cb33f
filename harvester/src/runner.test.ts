import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { attachItem, ensureRecord, LocalFileStorage, storageKeyFor, verifyAuditChain } from "@land/shared";
import { createTestDatabase, type TestDatabase } from "@land/shared/db/testing";
import { seedDemo } from "@land/shared/seed/seed-demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backoffDelay } from "./retry.ts";
import { runHarvest } from "./runner.ts";
import { memoryConnector } from "./testing.ts";

let t: TestDatabase;
let dir: string;
let storage: LocalFileStorage;
const rows = async <T>(sql: string, params?: unknown[]): Promise<T[]> => (await t.db.query<T>(sql, params)).rows;
const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

async function approval(
  docNumber: string,
  areaHa: string,
  approvedOn: string,
): Promise<{ batchId: string; approvalDocId: string; batchNo: string }> {
  const batchNo = `T-${docNumber}`;
  const b = await rows<{ id: string }>(
    `INSERT INTO batch (batch_no, name, land_use_type, division_code, plan_year, state, approval_authority, total_area_ha)
     VALUES ($1, '龙泉驿区测试批次', 'urban_batch', '510112', 2023, 'approved', 'SZF_SQ', $2) RETURNING id`,
    [batchNo, areaHa],
  );
  const batchId = (b[0] as { id: string }).id;
  const a = await rows<{ id: string }>(
    `INSERT INTO approval_doc (batch_id, doc_number, title, authority, approved_on, approved_area_ha, status, division_code)
     VALUES ($1, $2, '四川省人民政府关于龙泉驿区测试批次建设用地的批复', 'SZF_SQ', $3, $4, 'valid', '510112') RETURNING id`,
    [batchId, docNumber, approvedOn, areaHa],
  );
  return { batchId, approvalDocId: (a[0] as { id: string }).id, batchNo };
}

const approvalText = (no: string, ha: string, date: string) =>
  `四川省人民政府关于龙泉驿区测试批次建设用地的批复\n${no}\n成都市人民政府：\n同意将龙泉驿区农用地${ha}公顷转为建设用地并征收。\n四川省人民政府\n${date}`;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  dir = await mkdtemp(path.join(tmpdir(), "land-harvest-"));
  storage = new LocalFileStorage(dir);
}, 120_000);
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("backoff", () => {
  it("doubles the delay per attempt within ±25 % and caps it", () => {
    const o = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, o, () => 0.5)).toBe(100);
    expect(backoffDelay(3, o, () => 0.5)).toBe(400);
    expect(backoffDelay(3, o, () => 0)).toBe(300);
    expect(backoffDelay(10, o, () => 1)).toBe(1250);
  });
});

describe("runHarvest", () => {
  it("bundles by 批准文号 and batch, checks against the database, and re-harvests nothing unchanged", async () => {
    const a = await approval("川府土〔2023〕456号", "12.3456", "2023-05-06");
    const connector = memoryConnector([
      // The 批文 with a wrong area on its page (12.5000 vs 12.3456: 1.25 % off, beyond the 1 % tolerance).
      {
        key: "/pw/1",
        title: "关于龙泉驿区测试批次建设用地的批复",
        fileName: "批复.txt",
        text: approvalText("川府土[2023]456号", "12.5000", "2023年5月6日"),
        version: "v1",
      },
      // A notice that names only its batch.
      {
        key: "/gg/1",
        title: "征收土地预公告",
        fileName: "预公告.txt",
        text: "征收土地预公告\n拟征收土地面积约12.3456公顷。",
        metadata: { batchNo: a.batchNo },
        version: "v1",
      },
      // Nothing identifies this one: the review queue.
      { key: "/x/1", title: "情况说明", fileName: "说明.txt", text: "有关情况说明。", version: "v1" },
    ]);
    const run = await runHarvest({ db: t.db, storage, retry: fast }, connector);
    expect(run).toMatchObject({ status: "succeeded", discovered: 3, fetched: 3, unchanged: 0, failed: 0 });
    const items = await rows<{
      source_key: string;
      kind: string | null;
      match_status: string;
      record_id: string | null;
      doc_number: string | null;
      attachment_id: string | null;
    }>(
      "SELECT source_key, kind, match_status, record_id, doc_number, attachment_id FROM disclosure_item WHERE source_id = 'memory' ORDER BY source_key",
    );
    expect(items.map((i) => [i.source_key, i.kind, i.match_status])).toEqual([
      ["/gg/1", "pre_announcement", "matched"],
      ["/pw/1", "approval_doc", "matched"],
      ["/x/1", null, "unmatched"],
    ]);
    expect(items[1]?.doc_number).toBe("川府土〔2023〕456号");
    // The 落款 is kept with the fields (the public timeline dates a notice by it).
    const signed = await rows<{ signed_on: string | null }>(
      "SELECT extracted->>'signedOn' AS signed_on FROM disclosure_item WHERE source_key = '/pw/1'",
    );
    expect(signed[0]?.signed_on).toBe("2023-05-06");
    expect(items[0]?.attachment_id).not.toBeNull();
    const [record] = await rows<{ id: string; status: string; stage: string; slug: string }>(
      "SELECT id, status, stage, slug FROM disclosure_record WHERE approval_doc_id = $1",
      [a.approvalDocId],
    );
    expect(record).toMatchObject({ status: "pending", stage: "批文", slug: "chuan-fu-tu-2023-456" });
    const findings = await rows<{ code: string; page: number | null; message: string; item_id: string | null }>(
      "SELECT code, page, message, item_id FROM disclosure_finding WHERE record_id = $1 ORDER BY id",
      [record?.id],
    );
    const area = findings.find((f) => f.code === "area_mismatch");
    expect(area?.page).toBe(1);
    expect(area?.message).toContain("12.5公顷");
    expect(area?.message).toContain("12.3456公顷");
    expect(findings.filter((f) => f.code === "document_missing").length).toBeGreaterThan(5);
    expect(findings.some((f) => f.code === "document_missing" && f.message.includes("征收土地预公告"))).toBe(false);

    // Incremental: the cursor is past everything.
    const again = await runHarvest({ db: t.db, storage, retry: fast }, connector);
    expect(again).toMatchObject({ status: "succeeded", discovered: 0, fetched: 0 });
    // Full: everything is discovered again, nothing downloaded (same version marker).
    const fetchesBefore = [...connector.fetches.values()].reduce((s, n) => s + n, 0);
    const full = await runHarvest({ db: t.db, storage, retry: fast }, connector, { full: true });
    expect(full).toMatchObject({ status: "succeeded", discovered: 3, fetched: 0, unchanged: 3 });
    expect([...connector.fetches.values()].reduce((s, n) => s + n, 0)).toBe(fetchesBefore);
    // A new version marker with the same bytes: downloaded, found unchanged by hash, not stored again.
    for (const f of connector.files) f.version = "v2";
    const touched = await runHarvest({ db: t.db, storage, retry: fast }, connector, { full: true });
    expect(touched).toMatchObject({ fetched: 0, unchanged: 3 });
    expect((await rows("SELECT 1 FROM disclosure_item WHERE source_id = 'memory'")).length).toBe(3);
    expect((await rows("SELECT 1 FROM attachment")).length).toBe(2);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("checks a notice queued before its 批文 against the record once the 批文 arrives", async () => {
    const b = await rows<{ id: string }>(
      `INSERT INTO batch (batch_no, name, land_use_type, division_code, plan_year, state, approval_authority, total_area_ha)
       VALUES ('T-QUEUED', '龙泉驿区排队批次', 'urban_batch', '510112', 2023, 'approved', 'SZF_SQ', 4.0000) RETURNING id`,
    );
    const notice = {
      key: "/gg/q",
      title: "征收土地预公告",
      fileName: "预公告.txt",
      // 4.5 公顷 against the batch's 4.0000: 12.5 % off.
      text: "征收土地预公告\n拟征收土地面积约4.5000公顷。",
      metadata: { batchNo: "T-QUEUED" },
      version: "v1",
    };
    await runHarvest({ db: t.db, storage, retry: fast }, memoryConnector([notice], { id: "memory-q" }));
    const [queued] = await rows<{ id: string; match_status: string }>(
      "SELECT id, match_status FROM disclosure_item WHERE source_key = '/gg/q'",
    );
    expect(queued?.match_status).toBe("unmatched");
    await rows(
      `INSERT INTO approval_doc (batch_id, doc_number, title, authority, approved_on, approved_area_ha, status, division_code)
       VALUES ($1, '川府土〔2023〕458号', '四川省人民政府关于龙泉驿区排队批次建设用地的批复', 'SZF_SQ', '2023-08-01', 4.0000, 'valid', '510112')`,
      [b[0]?.id],
    );
    const reply = {
      key: "/pw/q",
      title: "批复",
      fileName: "批复.txt",
      text: approvalText("川府土〔2023〕458号", "4.0000", "2023年8月1日"),
      version: "v1",
    };
    await runHarvest({ db: t.db, storage, retry: fast }, memoryConnector([notice, reply], { id: "memory-q" }));
    const [joined] = await rows<{ match_status: string; attachment_id: string | null }>(
      "SELECT match_status, attachment_id FROM disclosure_item WHERE id = $1",
      [queued?.id],
    );
    expect(joined).toMatchObject({ match_status: "matched" });
    expect(joined?.attachment_id).not.toBeNull();
    const findings = await rows<{ code: string; message: string }>("SELECT code, message FROM disclosure_finding WHERE item_id = $1", [
      queued?.id,
    ]);
    expect(findings.map((f) => f.code)).toContain("area_mismatch");
    expect(findings.find((f) => f.code === "area_mismatch")?.message).toContain("4.5公顷");
  });

  it("archives the file of a queued item when a clerk bundles it by hand", async () => {
    const a = await approval("川府土〔2023〕457号", "3.0000", "2023-07-01");
    const connector = memoryConnector([{ key: "/q/1", title: "征收土地公告", fileName: "公告.txt", text: "征收土地公告（无文号）" }], {
      id: "queue",
    });
    await runHarvest({ db: t.db, storage, retry: fast }, connector);
    const [item] = await rows<{ id: string; match_status: string; attachment_id: string | null }>(
      "SELECT id, match_status, attachment_id FROM disclosure_item WHERE source_id = 'queue'",
    );
    expect(item).toMatchObject({ match_status: "unmatched", attachment_id: null });
    await t.db.transaction(async (tx) => {
      const rec = await ensureRecord(tx, a.approvalDocId, { actor: "clerk" });
      await attachItem(tx, { itemId: item?.id as string, recordId: rec.id, actor: "clerk" });
    });
    const [after] = await rows<{ attachment_id: string | null; size_bytes: string; approval_doc_id: string; kind: string }>(
      "SELECT i.attachment_id, a.size_bytes::text, a.approval_doc_id, a.kind FROM disclosure_item i JOIN attachment a ON a.id = i.attachment_id WHERE i.id = $1",
      [item?.id],
    );
    expect(after).toMatchObject({ approval_doc_id: a.approvalDocId, kind: "acquisition_notice" });
    expect(Number(after?.size_bytes)).toBe(new TextEncoder().encode("征收土地公告（无文号）").length);
    expect(
      await storage.has(
        storageKeyFor(
          (await rows<{ content_sha256: string }>("SELECT content_sha256 FROM disclosure_item WHERE id = $1", [item?.id]))[0]
            ?.content_sha256 as string,
        ),
      ),
    ).toBe(true);
  });

  it("retries transient failures with backoff, remembers items that keep failing and retries them first next time", async () => {
    const files = [
      { key: "a", title: "甲", fileName: "a.txt", text: "甲", fail: 2 as const },
      { key: "b", title: "乙", fileName: "b.txt", text: "乙", fail: "always" as const },
      { key: "c", title: "丙", fileName: "c.txt", text: "丙", fail: "permanent" as const },
    ];
    const connector = memoryConnector(files, { id: "flaky" });
    const run = await runHarvest({ db: t.db, storage, retry: fast }, connector);
    expect(run).toMatchObject({ status: "succeeded", discovered: 3, fetched: 1, failed: 2 });
    expect(connector.fetches.get("a")).toBe(3);
    expect(connector.fetches.get("b")).toBe(3);
    // Permanent failures are not retried.
    expect(connector.fetches.get("c")).toBe(1);
    expect(run.error).toContain("404 c");
    const [cursor] = await rows<{ cursor: { position: number; failed: { key: string }[] } }>(
      "SELECT cursor FROM harvest_cursor WHERE source_id = 'flaky'",
    );
    expect(cursor?.cursor.position).toBe(3);
    expect(cursor?.cursor.failed.map((f) => f.key).sort()).toEqual(["b", "c"]);
    // The source is healthy again: the next incremental run fetches the two it missed.
    for (const f of files) (f as { fail?: unknown }).fail = undefined;
    const next = await runHarvest({ db: t.db, storage, retry: fast }, connector);
    expect(next).toMatchObject({ status: "succeeded", fetched: 2, failed: 0 });
    const [after] = await rows<{ cursor: { failed: unknown[] } }>("SELECT cursor FROM harvest_cursor WHERE source_id = 'flaky'");
    expect(after?.cursor.failed).toEqual([]);
    expect((await rows("SELECT 1 FROM disclosure_item WHERE source_id = 'flaky'")).length).toBe(3);
  });

  it("resumes after a failure from the last committed page: nothing duplicated, nothing lost", async () => {
    const files = Array.from({ length: 10 }, (_, k) => ({ key: `k${k}`, title: `材料${k}`, fileName: `${k}.txt`, text: `内容${k}` }));
    const broken = memoryConnector(files, { id: "resume", pageSize: 3, crashAfterPages: 2 });
    const failed = await runHarvest({ db: t.db, storage, retry: fast }, broken);
    expect(failed).toMatchObject({ status: "failed", discovered: 6, fetched: 6 });
    expect(failed.error).toContain("source went away");
    const healed = memoryConnector(files, { id: "resume", pageSize: 3 });
    const run = await runHarvest({ db: t.db, storage, retry: fast }, healed);
    expect(run).toMatchObject({ status: "succeeded", discovered: 4, fetched: 4 });
    // The resumed run asked only for what was not committed.
    expect([...healed.fetches.keys()].sort()).toEqual(["k6", "k7", "k8", "k9"]);
    const keys = await rows<{ source_key: string }>(
      "SELECT source_key FROM disclosure_item WHERE source_id = 'resume' ORDER BY source_key",
    );
    expect(keys.map((k) => k.source_key)).toEqual(files.map((f) => f.key).sort());
  });

  it("refuses a second concurrent run of the same source and resumes a run whose process died", async () => {
    const connector = memoryConnector([{ key: "z", title: "z", fileName: "z.txt", text: "z" }], { id: "lone" });
    // A run that another (dead) process started: running, with an old heartbeat.
    const [dead] = await rows<{ id: number }>(
      "INSERT INTO harvest_run (source_id, status, trigger, heartbeat_at) VALUES ('lone', 'running', 'schedule', now() - interval '1 hour') RETURNING id",
    );
    const live = await rows<{ id: number }>(
      "INSERT INTO harvest_run (source_id, status, trigger, heartbeat_at) VALUES ('busy', 'running', 'schedule', now()) RETURNING id",
    );
    expect(live.length).toBe(1);
    const busy = memoryConnector([], { id: "busy" });
    await expect(runHarvest({ db: t.db, storage, retry: fast }, busy)).rejects.toMatchObject({ code: "CONFLICT" });
    const run = await runHarvest({ db: t.db, storage, retry: fast }, connector);
    expect(run.id).toBe(Number(dead?.id));
    expect(run).toMatchObject({ status: "succeeded", resumed: 1, fetched: 1 });
  });
});
