import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { ensureRecord } from "../../disclosure/records/ensure-record.ts";
import { verifyAuditChain } from "../../security/audit.ts";
import { seedDemo } from "../../seed/seed-demo.ts";
import { recordApproval } from "../record-approval.ts";
import { registerBatch } from "../register-batch.ts";
import { checkLapses } from "./check-lapses.ts";
import { LAPSE_RULES, lapseDueOn } from "./rules.ts";

describe("lapse rules", () => {
  it("are data with a source and a warning window", () => {
    for (const r of LAPSE_RULES) {
      expect(r.source).toMatch(/〔\d{4}〕\d+号/);
      expect(r.months).toBeGreaterThan(0);
      expect(r.warnDaysAhead).toBeGreaterThan(0);
    }
  });
  it("fall due on the same day months later, month ends clamped", () => {
    expect(lapseDueOn("2023-01-10", 24)).toBe("2025-01-10");
    expect(lapseDueOn("2024-02-29", 24)).toBe("2026-02-28");
    expect(lapseDueOn("2023-11-30", 3)).toBe("2024-02-29");
    expect(lapseDueOn("2023-12-31", 1)).toBe("2024-01-31");
  });
});

describe("checkLapses (database)", () => {
  let t: TestDatabase;
  let lapsing: string;
  let implementing: string;

  async function approvedBatch(no: string, docNumber: string, approvedOn: string): Promise<string> {
    const id = (
      await registerBatch(t.db, {
        batchNo: no,
        name: `龙泉驿区${no}城镇建设用地`,
        landUseType: "urban_batch",
        divisionCode: "510112",
        planYear: Number(approvedOn.slice(0, 4)),
        actor: "tester",
        at: `${approvedOn.slice(0, 4)}-01-02T09:00:00+08:00`,
      })
    ).id;
    // The path to 省审查中 is not this test's subject.
    await t.db.query("UPDATE batch SET state = 'province_review' WHERE id = $1", [id]);
    await recordApproval(t.db, {
      batchId: id,
      docNumber,
      title: `四川省人民政府关于${no}的批复`,
      authority: "SZF",
      approvedOn,
      approvedAreaHa: 8.25,
      actor: "province-link",
      as: { kind: "system", system: "province_link" },
    });
    return id;
  }
  const stateOf = async (id: string) => (await t.db.query<{ state: string }>("SELECT state FROM batch WHERE id = $1", [id])).rows[0]?.state;
  const alerts = async (id: string) =>
    (
      await t.db.query<{ severity: string; due_on: string }>(
        "SELECT severity, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM batch_alert WHERE batch_id = $1",
        [id],
      )
    ).rows;

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo(t.db, { demo: false });
    lapsing = await approvedBatch("L-2023-001", "川府土〔2023〕11号", "2023-01-10");
    implementing = await approvedBatch("L-2023-002", "川府土〔2023〕12号", "2023-01-10");
    await t.db.query("UPDATE batch SET state = 'implementing' WHERE id = $1", [implementing]);
    // The lapsing approval is on the public site (how it got published is the disclosure tests' subject).
    await t.db.transaction(async (tx) => {
      const doc = await tx.query<{ id: string }>("SELECT id FROM approval_doc WHERE batch_id = $1", [lapsing]);
      const rec = await ensureRecord(tx, String(doc.rows[0]?.id));
      await tx.query("UPDATE disclosure_record SET status = 'published', published_on = '2023-02-01' WHERE id = $1", [rec.id]);
    });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("says nothing before the warning window", async () => {
    const r = await checkLapses(t.db, { today: "2024-10-11" });
    expect(r.warned).toHaveLength(0);
    expect(r.expired).toHaveLength(0);
    expect(await alerts(lapsing)).toEqual([]);
  });

  it("warns once inside the window, and a dry run writes nothing", async () => {
    const dry = await checkLapses(t.db, { today: "2024-10-12", dryRun: true });
    expect(dry.warned.map((w) => w.batchNo)).toEqual(["L-2023-001"]);
    expect(await alerts(lapsing)).toEqual([]);

    const r = await checkLapses(t.db, { today: "2024-10-12" });
    expect(r.warned).toEqual([expect.objectContaining({ batchNo: "L-2023-001", dueOn: "2025-01-10", docNumber: "川府土〔2023〕11号" })]);
    expect(await alerts(lapsing)).toEqual([{ severity: "warning", due_on: "2025-01-10" }]);
    const again = await checkLapses(t.db, { today: "2024-12-01" });
    expect(again.warned).toHaveLength(0);
    expect(again.alreadyWarned).toBe(1);
  });

  it("expires the approval on the due date: batch 失效, 批文 已失效, alert raised, implementing batches untouched", async () => {
    const r = await checkLapses(t.db, { today: "2025-01-10" });
    expect(r.expired.map((e) => e.batchNo)).toEqual(["L-2023-001"]);
    expect(r.failed).toEqual([]);
    expect(await stateOf(lapsing)).toBe("expired");
    expect(await stateOf(implementing)).toBe("implementing");
    const doc = await t.db.query<{ status: string }>("SELECT status FROM approval_doc WHERE batch_id = $1", [lapsing]);
    expect(doc.rows[0]?.status).toBe("expired");
    expect(await alerts(lapsing)).toEqual([{ severity: "error", due_on: "2025-01-10" }]);
    const tr = await t.db.query<{ actor: string; reason_codes: string[] }>(
      "SELECT actor, reason_codes FROM batch_transition WHERE batch_id = $1 AND to_state = 'expired'",
      [lapsing],
    );
    expect(tr.rows).toEqual([{ actor: "rule-check", reason_codes: ["approval_unimplemented_2y"] }]);
    // …and its disclosure record is off the public site, saying why, in the same transaction.
    const rec = await t.db.query<{ status: string; withdrawn_reason: string }>(
      "SELECT r.status, r.withdrawn_reason FROM disclosure_record r JOIN approval_doc d ON d.id = r.approval_doc_id WHERE d.batch_id = $1",
      [lapsing],
    );
    expect(rec.rows[0]?.status).toBe("withdrawn");
    expect(rec.rows[0]?.withdrawn_reason).toContain("满两年未实施");
    // (The quota return on 失效 runs inside applyTransition and is tested in quota/quota.test.ts.)
    // Nothing left to do on the next night.
    const next = await checkLapses(t.db, { today: "2025-01-11" });
    expect(next.expired).toHaveLength(0);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
