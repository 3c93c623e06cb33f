import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withScope } from "../db/scope.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import type { AppError } from "../errors/app-error.ts";
import { verifyAuditChain } from "../security/audit.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { getBatch } from "./get-batch.ts";

const JINJIANG = "510104";
const QINGYANG = "510105";
const clerk = { username: "jinjiang.jingban", roles: ["county_clerk"], divisionCode: JINJIANG };
const city = { username: "shi.shencha", roles: ["city_reviewer"], divisionCode: "510100" };
const admin = { username: "admin", roles: ["system_admin"], divisionCode: "510100" };

describe("getBatch: policy + 区县 scope (row-level security)", () => {
  let t: TestDatabase;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo(t.db, { demo: false });
    for (const [code, no] of [
      [JINJIANG, "JJ-2026-101"],
      [QINGYANG, "QY-2026-101"],
    ] as const) {
      const r = await t.db.query<{ id: string }>(
        `INSERT INTO batch (batch_no, name, land_use_type, division_code, plan_year, state) VALUES ($1, $2, 'urban_batch', $3, 2026, 'assembling') RETURNING id`,
        [no, `${no} 测试批次`, code],
      );
      ids[code] = r.rows[0]?.id as string;
    }
  });
  afterAll(() => t.drop());

  const deniedEvents = async () =>
    (
      await t.db.query<{ actor: string; entity: string; detail: { reason: string } }>(
        "SELECT actor, entity, detail FROM audit_event WHERE action = 'access.denied' ORDER BY id",
      )
    ).rows;

  it("a 区县 user reads a batch of its own 区县", async () => {
    const b = await getBatch(t.db, clerk, ids[JINJIANG] as string);
    expect(b).toMatchObject({ batchNo: "JJ-2026-101", divisionCode: JINJIANG });
  });

  it("a 区县 user reading a foreign batch is denied (FORBIDDEN) and the denial is audited", async () => {
    const before = (await deniedEvents()).length;
    const err = (await getBatch(t.db, clerk, ids[QINGYANG] as string, { ip: "10.1.2.3" }).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe("FORBIDDEN");
    expect(err.messageZh).toContain("510105 不在当前用户的辖区（510104）内");
    const events = await deniedEvents();
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ actor: "jinjiang.jingban", entity: "batch" });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("row-level security hides the foreign batch even if the policy were bypassed", async () => {
    const r = await withScope(t.db, clerk, (tx) => tx.query("SELECT id FROM batch WHERE id = $1", [ids[QINGYANG]]));
    expect(r.rows).toEqual([]);
  });

  it("the city reviewer reads both; the system administrator reads neither (三权分立)", async () => {
    expect((await getBatch(t.db, city, ids[QINGYANG] as string)).divisionCode).toBe(QINGYANG);
    expect((await getBatch(t.db, city, ids[JINJIANG] as string)).divisionCode).toBe(JINJIANG);
    const err = (await getBatch(t.db, admin, ids[JINJIANG] as string).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe("FORBIDDEN");
  });

  it("an unknown batch is NOT_FOUND", async () => {
    const err = (await getBatch(t.db, city, "00000000-0000-4000-8000-000000000000").catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe("NOT_FOUND");
  });
});
