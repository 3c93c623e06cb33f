import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "../security/audit.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { inScope, scopePrefix, withScope } from "./scope.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

const JINJIANG = "510104";
const QINGYANG = "510105";

describe("scopePrefix", () => {
  it("derives the GB/T 2260 prefix of a division", () => {
    expect(scopePrefix("510104")).toBe("510104");
    expect(scopePrefix("510100")).toBe("5101");
    expect(scopePrefix("510000")).toBe("51");
    expect(scopePrefix("510104001")).toBe("510104001");
    expect(() => scopePrefix("51-104")).toThrow(/invalid division code/);
    expect(inScope("510100", "510104001002")).toBe(true);
    expect(inScope("510104", "510105")).toBe(false);
  });
});

describe("row-level security by 区县", () => {
  let t: TestDatabase;
  const batchIds: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo(t.db, { demo: false });
    // System context (superuser): one batch with one parcel and one point in each of two 区县.
    for (const [code, no] of [
      [JINJIANG, "JJ-2026-001"],
      [QINGYANG, "QY-2026-001"],
    ] as const) {
      const b = await t.db.query<{ id: string }>(
        `INSERT INTO batch (batch_no, name, land_use_type, division_code, plan_year, state) VALUES ($1, $2, 'urban_batch', $3, 2026, 'assembling') RETURNING id`,
        [no, `${no} 测试批次`, code],
      );
      const batchId = b.rows[0]?.id as string;
      batchIds[code] = batchId;
      const p = await t.db.query<{ id: string }>(
        `INSERT INTO parcel (batch_id, parcel_no, plane_area_m2, ellipsoidal_area_m2, zone_epsg, division_code, geom)
         VALUES ($1, '1', 100, 100, 4544, $2, ST_Multi(ST_GeomFromText('POLYGON((104.06 30.6, 104.061 30.6, 104.061 30.601, 104.06 30.6))', 4490))) RETURNING id`,
        [batchId, code],
      );
      await t.db.query(
        `INSERT INTO boundary_point (parcel_id, ring_no, seq, label, x_northing, y_easting, geom) VALUES ($1, 1, 1, 'J1', 3386000, 35500000, ST_SetSRID(ST_MakePoint(104.06, 30.6), 4490))`,
        [p.rows[0]?.id],
      );
    }
  });
  afterAll(() => t.drop());

  it("a 区县 user sees only its own rows, even with raw SQL", async () => {
    const rows = await withScope(t.db, { divisionCode: JINJIANG }, async (tx) => ({
      batches: (await tx.query<{ division_code: string }>("SELECT division_code FROM batch")).rows.map((r) => r.division_code),
      parcels: (await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM parcel")).rows[0]?.n,
      points: (await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM boundary_point")).rows[0]?.n,
    }));
    expect(rows).toEqual({ batches: [JINJIANG], parcels: 1, points: 1 });
  });

  it("a 市 user sees every 区县 of the city", async () => {
    const codes = await withScope(t.db, { divisionCode: "510100" }, async (tx) =>
      (await tx.query<{ division_code: string }>("SELECT division_code FROM batch ORDER BY division_code")).rows.map(
        (r) => r.division_code,
      ),
    );
    expect(codes).toEqual([JINJIANG, QINGYANG]);
  });

  it("refuses to write a row into another 区县, and to touch another 区县's rows", async () => {
    await expect(
      withScope(t.db, { divisionCode: JINJIANG }, (tx) =>
        tx.query(
          `INSERT INTO batch (batch_no, name, land_use_type, division_code, plan_year, state) VALUES ('X-1', '越权', 'urban_batch', $1, 2026, 'assembling')`,
          [QINGYANG],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await withScope(t.db, { divisionCode: JINJIANG }, (tx) =>
      tx.query("UPDATE batch SET name = '改名' WHERE id = $1", [batchIds[QINGYANG]]),
    );
    expect(updated.rowCount).toBe(0);
    const name = await t.db.query<{ name: string }>("SELECT name FROM batch WHERE id = $1", [batchIds[QINGYANG]]);
    expect(name.rows[0]?.name).toBe("QY-2026-001 测试批次");
  });

  it("cannot read accounts, nor change or delete audit events, but can append them", async () => {
    await expect(withScope(t.db, { divisionCode: "510100" }, (tx) => tx.query("SELECT password_hash FROM app_user"))).rejects.toThrow(
      /permission denied/,
    );
    await expect(withScope(t.db, { divisionCode: "510100" }, (tx) => tx.query("DELETE FROM audit_event"))).rejects.toThrow(
      /permission denied/,
    );
    const appended = await withScope(t.db, { divisionCode: JINJIANG }, (tx) =>
      appendAudit(tx, { actor: "jinjiang.jingban", action: "probe", entity: "batch", entityId: batchIds[JINJIANG] ?? null }),
    );
    expect(appended.id).toBeGreaterThan(0);
  });

  it("sees nothing when the scope is not set, even after an earlier scoped transaction on the same connection", async () => {
    const n = await t.db.transaction(async (tx) => {
      await tx.exec("SET LOCAL ROLE land_scoped");
      return (await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM batch")).rows[0]?.n;
    });
    expect(n).toBe(0);
  });
});
