import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareForSubmission } from "../acquisition/testing.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { type AppError, isAppError } from "../errors/app-error.ts";
import { verifyAuditChain } from "../security/audit.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { listRecordVersions, recordApproval, registerBatch, reviseApprovalDoc, transitionBatch } from "./index.ts";

let t: TestDatabase;
let docId: string;
let batchId: string;

const caught = async (p: Promise<unknown>): Promise<AppError> => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!isAppError(e)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
};

async function approvedBatch(no: string, docNumber: string): Promise<{ batchId: string; docId: string }> {
  const id = (
    await registerBatch(t.db, {
      batchNo: no,
      name: `${no} 龙泉驿区城镇建设用地`,
      landUseType: "urban_batch",
      divisionCode: "510112",
      planYear: 2021,
      actor: "tester",
      at: "2021-03-01T09:00:00+08:00",
    })
  ).id;
  await prepareForSubmission(t.db, id, { before: "2021-03-01" });
  let day = 2;
  for (const to of ["assembling", "county_review", "city_review", "submitted_to_province", "province_review"] as const)
    await transitionBatch(t.db, { batchId: id, to, actor: "tester", at: `2021-03-${String(day++).padStart(2, "0")}T09:00:00+08:00` });
  const r = await recordApproval(t.db, {
    batchId: id,
    docNumber,
    title: `四川省人民政府关于${no}的批复`,
    authority: "SZF",
    approvedOn: "2021-05-12",
    approvedAreaHa: 12.5,
    actor: "tester",
    at: "2021-05-12T09:00:00+08:00",
  });
  return { batchId: id, docId: r.approvalDocId };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  ({ batchId, docId } = await approvedBatch("V-2021-001", "川府土〔2021〕301号"));
});
afterAll(() => t?.drop());

describe("approved records change only by new versions", () => {
  it("a correction keeps the previous version with who, when and why", async () => {
    const r = await reviseApprovalDoc(t.db, {
      approvalDocId: docId,
      approvedAreaHa: 12.4876,
      reason: "核减面积：勘误",
      actor: "shi.shencha",
      at: "2021-06-01T09:00:00+08:00",
    });
    expect(r).toMatchObject({ version: 2, changed: { approvedAreaHa: ["12.5000", "12.4876"] } });
    const versions = await listRecordVersions(t.db, { entity: "approval_doc", entityId: docId });
    expect(versions.map((v) => [v.version, v.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(versions[0]).toMatchObject({ changedBy: "shi.shencha", reason: "核减面积：勘误", changedAt: "2021-06-01T01:00:00.000Z" });
    expect(versions[0]?.data).toMatchObject({ approved_area_ha: 12.5, status: "valid", version: 1 });
    expect(versions[1]?.data).toMatchObject({ approved_area_ha: 12.4876, version: 2 });
    // No change, no version.
    expect((await reviseApprovalDoc(t.db, { approvalDocId: docId, approvedAreaHa: 12.4876, reason: "重复提交", actor: "x" })).version).toBe(
      2,
    );
  });

  it("expiry through transitionBatch writes a new version; old versions stay readable", async () => {
    await transitionBatch(t.db, { batchId, to: "expired", actor: "tester", at: "2023-05-12T09:00:00+08:00", reason: "批准后两年未实施" });
    const versions = await listRecordVersions(t.db, { entity: "approval_doc", entityId: docId });
    expect(versions.map((v) => [v.version, v.data.status, v.current])).toEqual([
      [1, "valid", false],
      [2, "valid", false],
      [3, "expired", true],
    ]);
    expect(versions[1]).toMatchObject({ changedBy: "tester", reason: "批准后两年未实施" });
    expect(versions[0]?.data.approved_area_ha).toBe(12.5);
    const e = await caught(reviseApprovalDoc(t.db, { approvalDocId: docId, status: "withdrawn", reason: "撤回", actor: "x" }));
    expect(e.code).toBe("CONFLICT");
  });

  it("a withdrawal of a 批文 is a new version too", async () => {
    const other = await approvedBatch("V-2021-002", "川府土〔2021〕302号");
    await reviseApprovalDoc(t.db, { approvalDocId: other.docId, status: "withdrawn", reason: "省政府撤回批复", actor: "shi.shencha" });
    const versions = await listRecordVersions(t.db, { entity: "approval_doc", entityId: other.docId });
    expect(versions.map((v) => v.data.status)).toEqual(["valid", "withdrawn"]);
    const audit = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'approval.revise' AND entity_id = $1",
      [other.docId],
    );
    expect(audit.rows[0]?.n).toBe(1);
  });

  it("refuses an UPDATE that skips the version, and any DELETE, of approval_doc", async () => {
    await expect(t.db.exec(`UPDATE approval_doc SET title = '篡改' WHERE id = '${docId}'`)).rejects.toThrow(/new version/);
    await expect(t.db.exec(`UPDATE approval_doc SET title = '篡改', version = version + 1 WHERE id = '${docId}'`)).rejects.toThrow(
      /record_version/,
    );
    await expect(t.db.exec(`DELETE FROM approval_doc WHERE id = '${docId}'`)).rejects.toThrow(/cannot be deleted/);
  });

  it("record_version refuses UPDATE and DELETE (append-only)", async () => {
    await expect(t.db.exec(`UPDATE record_version SET reason = '改写' WHERE entity_id = '${docId}'`)).rejects.toThrow(/append-only/);
    await expect(t.db.exec(`DELETE FROM record_version WHERE entity_id = '${docId}'`)).rejects.toThrow(/append-only/);
    const n = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM record_version WHERE entity_id = $1", [docId]);
    expect(n.rows[0]?.n).toBe(2);
  });

  it("shows the history only inside the user's scope", async () => {
    expect(await listRecordVersions(t.db, { entity: "approval_doc", entityId: docId, user: { divisionCode: "510112" } })).toHaveLength(3);
    const e = await caught(listRecordVersions(t.db, { entity: "approval_doc", entityId: docId, user: { divisionCode: "510104" } }));
    expect(e.code).toBe("NOT_FOUND");
  });

  it("keeps the audit chain intact", async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
