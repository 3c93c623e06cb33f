import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { LocalFileStorage } from "../../documents/storage.ts";
import { type AppError, isAppError } from "../../errors/app-error.ts";
import { verifyAuditChain } from "../../security/audit.ts";
import { seedDemo } from "../../seed/seed-demo.ts";
import {
  attachUnmatchedItem,
  confirmRecord,
  editRecordSummary,
  getDisclosureRecord,
  getItemFile,
  ignoreUnmatchedItem,
  listDisclosureQueue,
  listUnmatchedItems,
  publishRecord,
  resolveFinding,
  setPublicationFlow,
  supplementRecord,
  unpublishForApproval,
  unpublishRecord,
} from "./index.ts";
import { addFinding, addItem, createTestRecord, outcome, USERS } from "./testing.ts";

let t: TestDatabase;
let dir: string;
let storage: LocalFileStorage;

const status = async (id: string) =>
  (await t.db.query<{ status: string; flow_level: string | null }>("SELECT status, flow_level FROM disclosure_record WHERE id = $1", [id]))
    .rows[0];
const auditActions = async (id: string) =>
  (
    await t.db.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE entity = 'disclosure_record' AND entity_id = $1 ORDER BY id",
      [id],
    )
  ).rows.map((r) => r.action);
const caught = async (p: Promise<unknown>): Promise<AppError> => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!isAppError(e)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
};

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  dir = await mkdtemp(path.join(tmpdir(), "land-disclosure-"));
  storage = new LocalFileStorage(dir);
});
afterAll(async () => {
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("confirm → publish under the default flow (区县 → 市, two-person rule)", () => {
  it("blocks confirmation on an open error finding until it is resolved with a note; warnings do not block", async () => {
    const r = await createTestRecord(t.db);
    const findingId = await addFinding(t.db, r.recordId);
    await addFinding(t.db, r.recordId, { severity: "warning", message: "第1页：批准日期未识别" });
    const e = await caught(confirmRecord(t.db, { recordId: r.recordId, user: USERS.clerk }));
    expect(e.code).toBe("WRONG_STATE");
    expect(e.messageZh).toContain("1 项错误级核查发现未处理");
    expect((await status(r.recordId))?.status).toBe("pending");

    expect(await outcome(resolveFinding(t.db, { findingId, user: USERS.clerk, note: "x" }))).toBe("VALIDATION_FAILED");
    await resolveFinding(t.db, { findingId, user: USERS.clerk, note: "已核对纸质批文：面积 12.3456 公顷，OCR 误识" });
    expect(await outcome(resolveFinding(t.db, { findingId, user: USERS.clerk, note: "再次处理" }))).toBe("WRONG_STATE");
    const done = await confirmRecord(t.db, { recordId: r.recordId, user: USERS.clerk });
    expect(done).toMatchObject({
      status: "confirmed",
      flowLevel: "county",
      next: { level: "city", publishes: true, excludedActor: USERS.clerk.username },
    });
    expect(await auditActions(r.recordId)).toEqual(["disclosure.resolve_finding", "disclosure.confirm"]);
  });

  it("enforces the two-person rule: the confirmer may not publish; another city user does", async () => {
    const r = await createTestRecord(t.db, { status: "harvested" });
    // The city reviewer may confirm a county record (a higher level than the flow's first) …
    await confirmRecord(t.db, { recordId: r.recordId, user: USERS.city });
    // … but then may not publish it.
    const e = await caught(publishRecord(t.db, { recordId: r.recordId, user: USERS.city }));
    expect(e.code).toBe("SAME_PERSON");
    expect(e.status).toBe(403);
    expect(e.messageZh).toContain("双人复核");
    expect((await status(r.recordId))?.status).toBe("confirmed");
    const detail = await getDisclosureRecord(t.db, USERS.city, r.recordId);
    expect(detail.can.publish).toEqual({ allowed: false, reason: expect.stringContaining("双人复核") });

    const p = await publishRecord(t.db, { recordId: r.recordId, user: USERS.city2 });
    expect(p).toMatchObject({ status: "published", flowLevel: "city", next: null });
    const row = (
      await t.db.query<{ published_on: string | null; published_by: string }>(
        "SELECT to_char(published_on, 'YYYY-MM-DD') AS published_on, published_by FROM disclosure_record WHERE id = $1",
        [r.recordId],
      )
    ).rows[0];
    expect(row?.published_by).toBe("gongkai2");
    expect(row?.published_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await auditActions(r.recordId)).toEqual(["disclosure.confirm", "disclosure.publish"]);
  });

  it("refuses a step taken at the wrong level, the wrong state, the wrong role and out of scope — precisely", async () => {
    const r = await createTestRecord(t.db);
    expect(await outcome(publishRecord(t.db, { recordId: r.recordId, user: USERS.city }))).toBe("WRONG_STATE");
    await confirmRecord(t.db, { recordId: r.recordId, user: USERS.clerk });
    expect(await outcome(confirmRecord(t.db, { recordId: r.recordId, user: USERS.clerk }))).toBe("WRONG_STATE");
    // 区县审核 may publish, but the default flow publishes at the city level.
    const level = await caught(publishRecord(t.db, { recordId: r.recordId, user: USERS.countyReviewer }));
    expect(level.code).toBe("FORBIDDEN");
    expect(level.messageZh).toContain("须由市级办理");
    // 区县经办 confirms but never publishes (policy), 领导 only reads.
    expect(await outcome(publishRecord(t.db, { recordId: r.recordId, user: USERS.clerk }))).toBe("FORBIDDEN");
    expect(await outcome(unpublishRecord(t.db, { recordId: r.recordId, user: USERS.leader, reason: "测试撤回" }))).toBe("FORBIDDEN");
    // Another 区县's clerk: out of scope, and the refusal is audited.
    const other = await createTestRecord(t.db, { divisionCode: "510112" });
    const scope = await caught(confirmRecord(t.db, { recordId: other.recordId, user: USERS.clerk }, { target: "test" }));
    expect(scope.code).toBe("OUT_OF_SCOPE");
    expect(scope.messageZh).toContain("510112");
    const denied = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'access.denied' AND actor = 'jinjiang.jingban' AND entity_id = '510112'",
    );
    expect(Number(denied.rows[0]?.n)).toBe(1);
    expect((await status(other.recordId))?.status).toBe("pending");
    expect(await outcome(confirmRecord(t.db, { recordId: other.recordId, user: USERS.otherClerk }))).toBe("ok");
  });
});

describe("publication flow configured per record type", () => {
  it("runs 国务院 records through 区县 → 市 → 省, each step a level change by its own level", async () => {
    expect(
      await outcome(setPublicationFlow(t.db, { recordType: "GWY", levels: ["city", "county"], twoPerson: true, user: USERS.city })),
    ).toBe("VALIDATION_FAILED");
    expect(
      await outcome(
        setPublicationFlow(t.db, { recordType: "GWY", levels: ["county", "city", "province"], twoPerson: true, user: USERS.clerk }),
      ),
    ).toBe("FORBIDDEN");
    await setPublicationFlow(t.db, { recordType: "GWY", levels: ["county", "city", "province"], twoPerson: true, user: USERS.city });
    const gwy = await createTestRecord(t.db, { authority: "GWY" });
    const szf = await createTestRecord(t.db, { authority: "SZF" });

    await confirmRecord(t.db, { recordId: gwy.recordId, user: USERS.clerk });
    expect(await outcome(publishRecord(t.db, { recordId: gwy.recordId, user: USERS.province }))).toBe("FORBIDDEN");
    const city = await publishRecord(t.db, { recordId: gwy.recordId, user: USERS.city });
    expect(city).toMatchObject({ status: "confirmed", flowLevel: "city", next: { level: "province", publishes: true } });
    expect(await status(gwy.recordId)).toEqual({ status: "confirmed", flow_level: "city" });
    expect(await outcome(publishRecord(t.db, { recordId: gwy.recordId, user: USERS.city2 }))).toBe("FORBIDDEN");
    const prov = await publishRecord(t.db, { recordId: gwy.recordId, user: USERS.province });
    expect(prov).toMatchObject({ status: "published", flowLevel: "province" });
    expect(await auditActions(gwy.recordId)).toEqual(["disclosure.confirm", "disclosure.approve", "disclosure.publish"]);

    // 省政府 records keep the default flow: the city publishes.
    await confirmRecord(t.db, { recordId: szf.recordId, user: USERS.clerk });
    expect(await publishRecord(t.db, { recordId: szf.recordId, user: USERS.city })).toMatchObject({ status: "published" });
  });

  it("lets one person confirm and publish when the flow turns the two-person rule off", async () => {
    await setPublicationFlow(t.db, { recordType: "SZF", levels: ["city"], twoPerson: false, user: USERS.city });
    try {
      const r = await createTestRecord(t.db, { authority: "SZF" });
      expect(await outcome(confirmRecord(t.db, { recordId: r.recordId, user: USERS.clerk }))).toBe("FORBIDDEN");
      await confirmRecord(t.db, { recordId: r.recordId, user: USERS.city });
      expect(await publishRecord(t.db, { recordId: r.recordId, user: USERS.city })).toMatchObject({
        status: "published",
        flowLevel: "city",
      });
    } finally {
      await t.db.query("DELETE FROM disclosure_flow WHERE record_type = 'SZF'");
    }
  });
});

describe("withdrawal", () => {
  it("unpublishes with a required reason; the record can be confirmed and published again", async () => {
    const r = await createTestRecord(t.db);
    expect(await outcome(unpublishRecord(t.db, { recordId: r.recordId, user: USERS.city, reason: "测试撤回" }))).toBe("WRONG_STATE");
    await confirmRecord(t.db, { recordId: r.recordId, user: USERS.clerk });
    await publishRecord(t.db, { recordId: r.recordId, user: USERS.city });
    expect(await outcome(unpublishRecord(t.db, { recordId: r.recordId, user: USERS.city, reason: " " }))).toBe("VALIDATION_FAILED");
    const indexed = async () =>
      Number(
        (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM disclosure_search WHERE record_id = $1", [r.recordId])).rows[0]?.n,
      );
    // Every status change syncs the public search index in its transaction.
    expect(await indexed()).toBe(1);
    await unpublishRecord(t.db, { recordId: r.recordId, user: USERS.city, reason: "补偿安置方案附件有误，更正后重新发布" });
    expect(await indexed()).toBe(0);
    const row = (
      await t.db.query<{ status: string; withdrawn_reason: string }>(
        "SELECT status, withdrawn_reason FROM disclosure_record WHERE id = $1",
        [r.recordId],
      )
    ).rows[0];
    expect(row).toEqual({ status: "withdrawn", withdrawn_reason: "补偿安置方案附件有误，更正后重新发布" });
    await confirmRecord(t.db, { recordId: r.recordId, user: USERS.clerk });
    await publishRecord(t.db, { recordId: r.recordId, user: USERS.city });
    expect((await status(r.recordId))?.status).toBe("published");
    expect(await indexed()).toBe(1);
  });

  it("unpublishForApproval withdraws the record of a withdrawn 批准文件 inside the caller's transaction", async () => {
    const r = await createTestRecord(t.db);
    await confirmRecord(t.db, { recordId: r.recordId, user: USERS.clerk });
    await publishRecord(t.db, { recordId: r.recordId, user: USERS.city });
    // Rolled back with its caller: nothing changes.
    await t.db
      .transaction(async (tx) => {
        await unpublishForApproval(tx, r.approvalDocId, "批准文件已撤回", "shi.shencha");
        throw new Error("rollback");
      })
      .catch(() => undefined);
    expect((await status(r.recordId))?.status).toBe("published");
    const res = await t.db.transaction((tx) =>
      unpublishForApproval(tx, r.approvalDocId, "批准文件已撤回（川府土撤〔2024〕1号）", "shi.shencha"),
    );
    expect(res).toEqual({ recordId: r.recordId, previousStatus: "published", changed: true });
    expect((await status(r.recordId))?.status).toBe("withdrawn");
    const again = await t.db.transaction((tx) => unpublishForApproval(tx, r.approvalDocId, "批准文件已失效", "shi.shencha"));
    expect(again.changed).toBe(false);
    const none = await t.db.transaction((tx) => unpublishForApproval(tx, "00000000-0000-4000-8000-000000000000", "无记录", "shi.shencha"));
    expect(none).toEqual({ recordId: null, previousStatus: null, changed: false });
  });
});

describe("edit, supplement, manual bundling", () => {
  it("edits summary fields with before/after in the audit; a confirmed record returns to 待确认, a published one refuses", async () => {
    const r = await createTestRecord(t.db);
    await confirmRecord(t.db, { recordId: r.recordId, user: USERS.clerk });
    const res = await editRecordSummary(t.db, {
      recordId: r.recordId,
      user: USERS.clerk,
      summary: { 面积: 12.3456, 用地类型: "城镇批次建设用地", 区县: null },
    });
    expect(res).toEqual({ status: "pending", changed: ["用地类型", "区县"] });
    const row = (
      await t.db.query<{ summary: Record<string, unknown>; status: string; confirmed_by: string | null }>(
        "SELECT summary, status, confirmed_by FROM disclosure_record WHERE id = $1",
        [r.recordId],
      )
    ).rows[0];
    expect(row?.summary).toEqual({ 批准年度: 2023, 批准机关: "四川省人民政府", 面积: 12.3456, 用地类型: "城镇批次建设用地" });
    expect(row?.confirmed_by).toBeNull();
    const edit = (
      await t.db.query<{ detail: Record<string, unknown> }>(
        "SELECT detail FROM audit_event WHERE action = 'disclosure.edit' AND entity_id = $1",
        [r.recordId],
      )
    ).rows[0];
    expect(edit?.detail).toEqual({ before: { 用地类型: null, 区县: "510104" }, after: { 用地类型: "城镇批次建设用地", 区县: null } });
    expect(await outcome(editRecordSummary(t.db, { recordId: r.recordId, user: USERS.clerk, summary: { 面积: 12.3456 } }))).toBe(
      "VALIDATION_FAILED",
    );
    await confirmRecord(t.db, { recordId: r.recordId, user: USERS.clerk });
    await publishRecord(t.db, { recordId: r.recordId, user: USERS.city });
    expect(await outcome(editRecordSummary(t.db, { recordId: r.recordId, user: USERS.clerk, title: "新标题" }))).toBe("WRONG_STATE");
  });

  it("supplements a missing material as an upload item with its attachment; the same file twice is a conflict", async () => {
    const r = await createTestRecord(t.db);
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const res = await supplementRecord(t.db, {
      recordId: r.recordId,
      user: USERS.clerk,
      title: "征地补偿安置方案公告（补充）",
      kind: "compensation_notice",
      stage: "批前",
      fileName: "补偿安置方案公告.pdf",
      declaredType: "application/pdf",
      bytes: pdf,
      storage,
    });
    const item = (
      await t.db.query<Record<string, unknown>>(
        "SELECT source_id, match_status, record_id, kind, stage, attachment_id, content_sha256 FROM disclosure_item WHERE id = $1",
        [res.itemId],
      )
    ).rows[0];
    expect(item).toMatchObject({
      source_id: "upload",
      match_status: "matched",
      record_id: r.recordId,
      kind: "compensation_notice",
      stage: "批前",
    });
    expect(item?.attachment_id).toBe(res.attachmentId);
    expect(item?.content_sha256).toBe(res.sha256);
    const again = await caught(
      supplementRecord(t.db, {
        recordId: r.recordId,
        user: USERS.clerk,
        title: "重复",
        kind: "compensation_notice",
        fileName: "b.pdf",
        bytes: pdf,
        storage,
      }),
    );
    expect(again.code).toBe("CONFLICT");
    // A text file named .pdf is refused by content, before anything is stored.
    const fake = await outcome(
      supplementRecord(t.db, {
        recordId: r.recordId,
        user: USERS.clerk,
        title: "伪装文件",
        kind: "compensation_notice",
        fileName: "x.pdf",
        bytes: new TextEncoder().encode("not a pdf"),
        storage,
      }),
    );
    expect(fake).toBe("UPLOAD_TYPE_MISMATCH");
    const detail = await getDisclosureRecord(t.db, USERS.clerk, r.recordId);
    expect(detail.items.map((i) => [i.sourceId, i.fileName])).toEqual([["upload", "补偿安置方案公告.pdf"]]);
    expect(detail.timeline.map((e) => e.actionName)).toEqual(["补充材料"]);
  });

  it("attaches an unmatched item to a record by hand, ignores another, and lists suggestions by 批准文号", async () => {
    const r = await createTestRecord(t.db);
    const a = await addItem(t.db, { docNumber: r.docNumber, title: "批后实施公告" });
    const b = await addItem(t.db, { title: "无法识别的扫描件" });
    const queue = await listUnmatchedItems(t.db, USERS.clerk);
    const rowA = queue.rows.find((x) => x.id === a);
    expect(rowA?.suggestions.map((s) => s.id)).toEqual([r.recordId]);
    expect(queue.rows.some((x) => x.id === b)).toBe(true);
    // Another 区县's clerk does not even see them.
    expect((await listUnmatchedItems(t.db, USERS.otherClerk)).rows.some((x) => x.id === a)).toBe(false);

    await attachUnmatchedItem(t.db, { itemId: a, recordId: r.recordId, user: USERS.clerk });
    expect(await outcome(attachUnmatchedItem(t.db, { itemId: a, recordId: r.recordId, user: USERS.clerk }))).toBe("WRONG_STATE");
    await ignoreUnmatchedItem(t.db, { itemId: b, user: USERS.clerk, reason: "与本局征地无关" });
    const after = await listUnmatchedItems(t.db, USERS.clerk);
    expect(after.rows.some((x) => x.id === a || x.id === b)).toBe(false);
    const detail = await getDisclosureRecord(t.db, USERS.clerk, r.recordId);
    expect(detail.items.map((i) => i.title)).toEqual(["批后实施公告"]);
    expect(detail.items[0]?.textPages).toEqual(["第一页", "第二页：面积 12.35公顷"]);
  });
});

describe("document viewer", () => {
  it("shows the file of an item still in the review queue (saved before bundling, not yet archived)", async () => {
    const queued = await addItem(t.db, { title: "待归集的扫描件" });
    expect(await getItemFile(t.db, USERS.clerk, queued)).toBeNull();
    await t.db.query(
      "UPDATE disclosure_item SET storage_key = 'files/ab/cd/x', file_name = '扫描件.png', media_type = 'image/png' WHERE id = $1",
      [queued],
    );
    expect(await getItemFile(t.db, USERS.clerk, queued)).toMatchObject({
      storageKey: "files/ab/cd/x",
      fileName: "扫描件.png",
      mediaType: "image/png",
    });
    // Scope still applies: another 区县's clerk gets nothing.
    expect(await getItemFile(t.db, USERS.otherClerk, queued)).toBeNull();
  });
});

describe("queue and record view", () => {
  it("lists by status with counts, 区县, open findings and keyword, within the user's scope", async () => {
    const mine = await createTestRecord(t.db, { status: "harvested", title: "锦江区队列测试记录" });
    await addFinding(t.db, mine.recordId);
    await createTestRecord(t.db, { divisionCode: "510112", status: "harvested", title: "龙泉驿区队列测试记录" });

    const city = await listDisclosureQueue(t.db, USERS.city, { q: "队列测试记录" });
    expect(city.total).toBe(2);
    expect(city.counts.harvested).toBe(2);
    const clerk = await listDisclosureQueue(t.db, USERS.clerk, { q: "队列测试记录" });
    expect(clerk.rows.map((x) => x.title)).toEqual(["锦江区队列测试记录"]);
    expect(clerk.rows[0]).toMatchObject({ openFindings: 1, openErrors: 1, statusName: "新抓取", divisionCode: "510104" });

    const withFindings = await listDisclosureQueue(t.db, USERS.city, { q: "队列测试记录", hasFindings: true });
    expect(withFindings.rows.map((x) => x.title)).toEqual(["锦江区队列测试记录"]);
    const byDivision = await listDisclosureQueue(t.db, USERS.city, { q: "队列测试记录", divisionCode: "510112" });
    expect(byDivision.rows.map((x) => x.title)).toEqual(["龙泉驿区队列测试记录"]);
    const confirmed = await listDisclosureQueue(t.db, USERS.city, { q: "队列测试记录", status: "confirmed" });
    expect(confirmed.total).toBe(0);
    expect(confirmed.counts.harvested).toBe(2);

    const all = await listDisclosureQueue(t.db, USERS.city, { pageSize: 2, page: 1 });
    const statuses = await t.db.query<{ status: string; n: number }>(
      "SELECT status, count(*)::int AS n FROM disclosure_record GROUP BY status",
    );
    const expected = Object.fromEntries(statuses.rows.map((s) => [s.status, Number(s.n)]));
    for (const [s, n] of Object.entries(all.counts)) expect(n).toBe(expected[s] ?? 0);
    expect(all.rows).toHaveLength(2);
    expect(all.pageCount).toBe(Math.ceil(all.total / 2));
  });

  it("shows the side-by-side values: materials, located findings, 批准文件 / 批次 / areas, flow and permissions", async () => {
    const r = await createTestRecord(t.db);
    const item = await addItem(t.db, { recordId: r.recordId, batchId: r.batchId, title: "建设用地批复" });
    await addFinding(t.db, r.recordId, { itemId: item, page: 2 });
    const d = await getDisclosureRecord(t.db, USERS.clerk, r.recordId);
    expect(d.dbValues.approvalDoc).toMatchObject({
      docNumber: r.docNumber,
      authority: "SZF",
      authorityName: "四川省人民政府",
      approvedAreaHa: 12.3456,
    });
    expect(d.dbValues.batch).toMatchObject({ id: r.batchId, divisionCode: "510104", landUseType: "urban_batch" });
    expect(d.dbValues.areas.parcelCount).toBe(0);
    expect(d.findings[0]).toMatchObject({ itemId: item, page: 2, severity: "error", message: "第2页：面积 12.35公顷 ≠ 库内 12.3456公顷" });
    expect(d.flow).toMatchObject({ levels: ["county", "city"], labelZh: "区县 → 市", twoPerson: true, level: null, next: null });
    expect(d.can.confirm).toEqual({ allowed: false, reason: "尚有 1 项错误级核查发现未处理" });
    expect(d.can.publish.allowed).toBe(false);
    expect(d.can.edit.allowed).toBe(true);
    // Out of scope reads as not found (row-level security), the leader reads but may do nothing.
    expect(await outcome(getDisclosureRecord(t.db, USERS.otherClerk, r.recordId))).toBe("NOT_FOUND");
    const leader = await getDisclosureRecord(t.db, USERS.leader, r.recordId);
    expect(Object.values(leader.can).map((p) => p.allowed)).toEqual([false, false, false, false]);
  });

  it("keeps the audit chain intact after every workflow action", async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
