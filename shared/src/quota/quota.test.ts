import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareForSubmission } from "../acquisition/testing.ts";
import { recordApproval } from "../approval/record-approval.ts";
import { transitionBatch } from "../approval/transition-batch.ts";
import { loadConfig } from "../config/env.ts";
import { openDatabase } from "../db/open.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import type { Db } from "../db/types.ts";
import { verifyAuditChain } from "../security/audit.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { moveQuota } from "./move-quota.ts";
import { releaseStaleReservations } from "./release-stale-reservations.ts";
import { readAccount } from "./repository.ts";
import { newBatch, outcome } from "./testing-helpers.ts";
import { transferQuota } from "./transfer-quota.ts";
import { verifyQuotaLedger } from "./verify.ts";

let t: TestDatabase;
const acct = (year: number, divisionCode: string) => ({ year, divisionCode, quotaKind: "new_construction" as const });

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
}, 300_000);
afterAll(async () => {
  await t?.drop();
});

async function toProvinceReview(batchId: string): Promise<void> {
  await prepareForSubmission(t.db, batchId);
  for (const to of ["assembling", "county_review", "city_review", "submitted_to_province", "province_review"] as const) {
    await transitionBatch(t.db, { batchId, to, actor: "a" });
  }
}

describe("concurrent reservations of the last quota", () => {
  it("serialise: exactly floor(balance / amount) succeed and the sum never exceeds the balance", async () => {
    const a = acct(2022, "510104");
    // On PostgreSQL a pool of its own, wide enough for the reservations to really run at once.
    const db: Db = t.url ? await openDatabase(loadConfig({ NODE_ENV: "test", DATABASE_URL: t.url }), { max: 24 }) : t.db;
    try {
      await moveQuota(db, { ...a, kind: "allocate", amountHa: 5, docRef: "川自然资发〔2022〕1号", actor: "a" });
      const batches: string[] = [];
      for (let i = 0; i < 30; i++) batches.push(await newBatch(t.db, "510104", 2022));
      const results = await Promise.all(
        batches.map((batchId) => outcome(moveQuota(db, { ...a, kind: "reserve", amountHa: 0.7, batchId, docRef: "组卷", actor: "a" }))),
      );
      expect(results.filter((r) => r === "ok")).toHaveLength(7);
      expect(results.filter((r) => r !== "ok").every((r) => r === "CONFLICT")).toBe(true);
      const b = await readAccount(t.db, a);
      expect(b.reserved).toBe(4.9);
      expect(b.available).toBe(0.1);
      const m = await t.db.query<{ s: string; n: number }>(
        "SELECT sum(amount_ha)::text AS s, count(*)::int AS n FROM quota_movement WHERE year = 2022 AND division_code = '510104'",
      );
      expect(Number(m.rows[0]?.s)).toBe(0.1);
      expect(m.rows[0]?.n).toBe(8);
      expect(await verifyQuotaLedger(t.db)).toMatchObject({ negativeAvailable: 0, balanceMismatches: 0, ok: true });
    } finally {
      if (db !== t.db) await db.close();
    }
  });
});

describe("lifecycle", () => {
  it("reserve → 批复 (partial) converts by the approved area → 撤回 returns exactly the used amount", async () => {
    const a = acct(2021, "510112");
    const batchId = await newBatch(t.db, "510112", 2021);
    await moveQuota(t.db, { ...a, kind: "allocate", amountHa: 20, docRef: "川自然资发〔2021〕3号", actor: "a" });
    await moveQuota(t.db, { ...a, kind: "reserve", amountHa: 10, batchId, docRef: "组卷", actor: "a" });
    expect(await readAccount(t.db, a)).toMatchObject({ allocated: 20, reserved: 10, used: 0, available: 10 });
    await toProvinceReview(batchId);
    await recordApproval(t.db, {
      batchId,
      docNumber: "川府土〔2021〕301号",
      title: "四川省人民政府关于测试批次的批复",
      authority: "SZF",
      approvedOn: "2021-07-01",
      approvedAreaHa: 7.5,
      actor: "a",
    });
    // The reservation became use of the approved 7.5 ha; the other 2.5 ha went back.
    expect(await readAccount(t.db, a)).toMatchObject({ reserved: 0, used: 7.5, available: 12.5 });
    await transitionBatch(t.db, { batchId, to: "withdrawn", actor: "a", reason: "省政府撤回批复", docRef: "川府函〔2022〕9号" });
    expect(await readAccount(t.db, a)).toMatchObject({ reserved: 0, used: 0, available: 20 });
    const back = await t.db.query<{ amount_ha: string; doc_ref: string }>(
      "SELECT amount_ha::text, doc_ref FROM quota_movement WHERE batch_id = $1 AND reason LIKE '退回已使用%'",
      [batchId],
    );
    expect(back.rows).toEqual([{ amount_ha: "7.5000", doc_ref: "川府函〔2022〕9号" }]);
    expect(await verifyQuotaLedger(t.db)).toMatchObject({ ok: true });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it("失效 returns the use; 撤回 before approval releases the reservation", async () => {
    const a = acct(2021, "510113");
    await moveQuota(t.db, { ...a, kind: "allocate", amountHa: 10, docRef: "川自然资发〔2021〕4号", actor: "a" });
    const approved = await newBatch(t.db, "510113", 2021);
    const dropped = await newBatch(t.db, "510113", 2021);
    await moveQuota(t.db, { ...a, kind: "reserve", amountHa: 4, batchId: approved, docRef: "组卷", actor: "a" });
    await moveQuota(t.db, { ...a, kind: "reserve", amountHa: 3, batchId: dropped, docRef: "组卷", actor: "a" });
    await toProvinceReview(approved);
    await recordApproval(t.db, {
      batchId: approved,
      docNumber: "川府土〔2021〕302号",
      title: "四川省人民政府关于测试批次的批复",
      authority: "SZF",
      approvedOn: "2021-08-01",
      approvedAreaHa: 4.2,
      actor: "a",
    });
    expect(await readAccount(t.db, a)).toMatchObject({ reserved: 3, used: 4.2, available: 2.8 });
    await transitionBatch(t.db, { batchId: dropped, to: "withdrawn", actor: "a" });
    expect(await readAccount(t.db, a)).toMatchObject({ reserved: 0, used: 4.2, available: 5.8 });
    await transitionBatch(t.db, { batchId: approved, to: "expired", actor: "a" });
    expect(await readAccount(t.db, a)).toMatchObject({ reserved: 0, used: 0, available: 10 });
  });

  it("批复 of more than the reservation needs the difference available, else the whole approval is refused", async () => {
    const a = acct(2021, "510114");
    await moveQuota(t.db, { ...a, kind: "allocate", amountHa: 5, docRef: "川自然资发〔2021〕5号", actor: "a" });
    const batchId = await newBatch(t.db, "510114", 2021);
    await moveQuota(t.db, { ...a, kind: "reserve", amountHa: 4, batchId, docRef: "组卷", actor: "a" });
    await toProvinceReview(batchId);
    const approval = { batchId, title: "四川省人民政府关于测试批次的批复", authority: "SZF", approvedOn: "2021-09-01", actor: "a" };
    expect(await outcome(recordApproval(t.db, { ...approval, docNumber: "川府土〔2021〕303号", approvedAreaHa: 6 }))).toBe("CONFLICT");
    const state = await t.db.query<{ state: string }>("SELECT state FROM batch WHERE id = $1", [batchId]);
    expect(state.rows[0]?.state).toBe("province_review");
    await recordApproval(t.db, { ...approval, docNumber: "川府土〔2021〕304号", approvedAreaHa: 5 });
    expect(await readAccount(t.db, a)).toMatchObject({ reserved: 0, used: 5, available: 0 });
  });

  it("退件 keeps the reservation until the hold period, then the sweep releases it", async () => {
    const a = acct(2023, "510115");
    await moveQuota(t.db, { ...a, kind: "allocate", amountHa: 8, docRef: "川自然资发〔2023〕1号", actor: "a" });
    const batchId = await newBatch(t.db, "510115", 2023, "2023-01-10T09:00:00+08:00");
    await moveQuota(t.db, { ...a, kind: "reserve", amountHa: 6, batchId, docRef: "组卷", actor: "a" });
    await prepareForSubmission(t.db, batchId, { before: "2023-01-31" });
    await transitionBatch(t.db, { batchId, to: "assembling", actor: "a", at: "2023-02-01T09:00:00+08:00" });
    await transitionBatch(t.db, { batchId, to: "county_review", actor: "a", at: "2023-02-10T09:00:00+08:00" });
    await transitionBatch(t.db, { batchId, to: "returned", actor: "a", at: "2023-03-01T09:00:00+08:00", reason: "材料不全" });
    expect((await readAccount(t.db, a)).reserved).toBe(6);
    expect((await releaseStaleReservations(t.db, { asOf: "2023-06-01", holdDays: 180, actor: "a" })).released).toEqual([]);
    const r = await releaseStaleReservations(t.db, { asOf: "2023-09-01", holdDays: 180, actor: "a" });
    expect(r.released.map((x) => x.amountHa)).toEqual([6]);
    expect(await readAccount(t.db, a)).toMatchObject({ reserved: 0, available: 8 });
    expect((await releaseStaleReservations(t.db, { asOf: "2023-12-01", holdDays: 180, actor: "a" })).released).toEqual([]);
  });
});

describe("调剂 and verification", () => {
  it("transfers between 区县 and years as two legs of one group, refusing overdrafts", async () => {
    const from = acct(2024, "510116");
    await moveQuota(t.db, { ...from, kind: "allocate", amountHa: 3, docRef: "川自然资发〔2024〕1号", actor: "a" });
    const r = await transferQuota(t.db, {
      quotaKind: "new_construction",
      from: { year: 2024, divisionCode: "510116" },
      to: { year: 2025, divisionCode: "510117" },
      amountHa: 2,
      docRef: "成自然资函〔2024〕7号",
      actor: "a",
    });
    expect([r.fromBalanceHa, r.toBalanceHa]).toEqual([1, 2]);
    expect(
      await outcome(
        transferQuota(t.db, {
          quotaKind: "new_construction",
          from: { year: 2024, divisionCode: "510116" },
          to: { year: 2024, divisionCode: "510117" },
          amountHa: 1.5,
          docRef: "成自然资函〔2024〕8号",
          actor: "a",
        }),
      ),
    ).toBe("CONFLICT");
    const legs = await t.db.query<{ n: number; s: string }>(
      "SELECT count(*)::int AS n, sum(amount_ha)::text AS s FROM quota_movement WHERE transfer_group = $1",
      [r.transferGroup],
    );
    expect(legs.rows[0]).toEqual({ n: 2, s: "0.0000" });
    expect(await readAccount(t.db, acct(2025, "510117"))).toMatchObject({ transferred: 2, available: 2 });
  });

  it("refuses editing movements, and finds a balance that no longer matches them", async () => {
    expect(
      await outcome(t.db.exec("UPDATE quota_movement SET amount_ha = 100 WHERE id = (SELECT min(id) FROM quota_movement)")).catch(
        () => "refused",
      ),
    ).not.toBe("ok");
    const before = await verifyQuotaLedger(t.db);
    expect(before.ok).toBe(true);
    await t.db
      .transaction(async (tx) => {
        await tx.query(
          "UPDATE quota_balance SET allocated_ha = allocated_ha + 1, available_ha = available_ha + 1 WHERE year = 2024 AND division_code = '510116'",
        );
        const v = await verifyQuotaLedger(tx);
        expect(v).toMatchObject({ balanceMismatches: 1, negativeAvailable: 0, ok: false });
        expect(v.problems[0]).toContain("2024|510116|new_construction");
        // A movement written around the ledger with a wrong sign breaks the component identity.
        await tx.query(
          `INSERT INTO quota_movement (year, division_code, quota_kind, kind, amount_ha, doc_ref, reason, created_by)
         VALUES (2024, '510116', 'new_construction', 'reserve', 2, 'x', 'x', 'x')`,
        );
        expect((await verifyQuotaLedger(tx)).balanceMismatches).toBe(1);
        await tx.query(
          `INSERT INTO quota_movement (year, division_code, quota_kind, kind, amount_ha, doc_ref, reason, created_by)
         VALUES (2024, '510118', 'new_construction', 'consume', -2, 'x', 'x', 'x')`,
        );
        const w = await verifyQuotaLedger(tx);
        expect(w.negativeAvailable).toBe(1);
        expect(w.balanceMismatches).toBe(2);
        throw new Error("rollback");
      })
      .catch((e: unknown) => {
        if (!(e instanceof Error) || e.message !== "rollback") throw e;
      });
    expect((await verifyQuotaLedger(t.db)).ok).toBe(true);
  });
});
