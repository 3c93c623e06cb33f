import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { isAppError } from "../../errors/app-error.ts";
import { verifyAuditChain } from "../../security/audit.ts";
import { seedDemo } from "../seed-demo.ts";
import { type SeedCityResult, seedCity } from "./index.ts";

let t: TestDatabase;
let result: SeedCityResult;
const one = async <T>(sql: string, params?: unknown[]): Promise<T> => (await t.db.query<T>(sql, params)).rows[0] as T;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  result = await seedCity(t.db, { scale: "tiny", seed: "load-test", databaseUrl: t.url ?? undefined, actor: "tester" });
});
afterAll(async () => {
  await t?.drop();
});

describe("seedCity (tiny) loaded into PostGIS", () => {
  it("reports what it loaded", async () => {
    expect(result.patches).toBeGreaterThan(350);
    expect(result.method).toBe(t.url ? "copy" : "insert");
    const n = await one<{ n: number }>("SELECT count(*)::int AS n FROM land_use_patch");
    expect(n.n).toBe(result.patches);
    const d = await one<{ towns: number; villages: number }>(
      "SELECT count(*) FILTER (WHERE level = 'town')::int AS towns, count(*) FILTER (WHERE level = 'village')::int AS villages FROM division",
    );
    expect(d).toEqual({ towns: result.towns, villages: result.villages });
    const kinds = await t.db.query<{ kind: string }>("SELECT DISTINCT kind FROM control_line ORDER BY kind");
    expect(kinds.rows.map((r) => r.kind)).toEqual(["basic_farmland", "eco_redline", "urban_boundary"]);
  });

  it("stores only valid geometries", async () => {
    const r = await one<{ bad: number }>(
      `SELECT (SELECT count(*) FROM land_use_patch WHERE NOT ST_IsValid(geom))
            + (SELECT count(*) FROM control_line WHERE NOT ST_IsValid(geom))
            + (SELECT count(*) FROM division WHERE geom IS NOT NULL AND NOT ST_IsValid(geom)) AS bad`,
    );
    expect(Number(r.bad)).toBe(0);
  });

  it("tessellates without overlaps or gaps", async () => {
    const overlap = await one<{ a: number | null }>(
      `SELECT sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)) AS a
       FROM land_use_patch a JOIN land_use_patch b ON a.id < b.id AND ST_Intersects(a.geom, b.geom)`,
    );
    expect(Number(overlap.a ?? 0)).toBeLessThan(0.01);
    const cover = await one<{ u: number; b: number; s: string }>(
      `SELECT ST_Area(ST_Union(p.geom)::geography) AS u,
              (SELECT ST_Area(ST_Union(geom)::geography) FROM division WHERE code IN ('510112', '510115', '510116', '510117')) AS b,
              sum(tbmj)::text AS s
       FROM land_use_patch p`,
    );
    const boundary = result.areaKm2 * 1e6;
    expect(Math.abs(cover.u - cover.b) / cover.b).toBeLessThan(1e-4);
    expect(Math.abs(cover.b - boundary) / boundary).toBeLessThan(1e-4);
    expect(Math.abs(Number(cover.s) - cover.b) / cover.b).toBeLessThan(1e-4);
  });

  it("stores tbmj equal to ST_Area(geom::geography)", async () => {
    const r = await one<{ worst: number }>("SELECT max(abs(tbmj - ST_Area(geom::geography)))::float8 AS worst FROM land_use_patch");
    expect(r.worst).toBeLessThanOrEqual(0.01);
  });

  it("has a plausible class mix", async () => {
    const rows = (
      await t.db.query<{ k: string; share: number }>(
        "SELECT left(dlbm, 2) AS k, (sum(tbmj) / (SELECT sum(tbmj) FROM land_use_patch))::float8 AS share FROM land_use_patch GROUP BY 1",
      )
    ).rows;
    const share = Object.fromEntries(rows.map((r) => [r.k, r.share]));
    expect(share["01"]).toBeGreaterThan(0.3);
    expect(share["01"]).toBeLessThan(0.7);
    expect(share["07"] ?? 0).toBeGreaterThan(0.02);
    expect((share["03"] ?? 0) + (share["02"] ?? 0)).toBeGreaterThan(0.03);
    const qsxz = await t.db.query<{ qsxz: string }>("SELECT DISTINCT qsxz FROM land_use_patch ORDER BY 1");
    expect(qsxz.rows.map((r) => r.qsxz)).toContain("10");
  });

  it("puts basic farmland on 耕地 patches", async () => {
    const rows = (
      await t.db.query<{ id: number; total: number; crop: number }>(
        `SELECT c.id, ST_Area(c.geom::geography) AS total,
              coalesce(sum(ST_Area(ST_Intersection(c.geom, p.geom)::geography)), 0) AS crop
       FROM control_line c LEFT JOIN land_use_patch p ON p.dlbm LIKE '01%' AND ST_Intersects(c.geom, p.geom)
       WHERE c.kind = 'basic_farmland' GROUP BY c.id, c.geom`,
      )
    ).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(Number(r.crop) / Number(r.total)).toBeGreaterThanOrEqual(0.95);
    // Most but not all 耕地 is 永久基本农田.
    const cover = await one<{ bf: number; crop: number }>(
      `SELECT (SELECT sum(ST_Area(geom::geography)) FROM control_line WHERE kind = 'basic_farmland') AS bf,
              (SELECT sum(tbmj)::float8 FROM land_use_patch WHERE dlbm LIKE '01%') AS crop`,
    );
    expect(cover.bf / cover.crop).toBeGreaterThan(0.3);
    expect(cover.bf / cover.crop).toBeLessThan(0.98);
  });

  it("locates every patch in the village its zldwdm names", async () => {
    const r = await one<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM land_use_patch p
       LEFT JOIN division d ON d.code = p.zldwdm AND d.level = 'village'
       WHERE d.code IS NULL OR NOT ST_Contains(d.geom, ST_PointOnSurface(p.geom)) OR p.qsdwdm <> p.zldwdm OR left(p.zldwdm, 6) <> p.division_code`,
    );
    expect(r.bad).toBe(0);
  });

  it("appends one verifiable audit event", async () => {
    const ev = await t.db.query<{ actor: string; detail: Record<string, unknown> }>(
      "SELECT actor, detail FROM audit_event WHERE action = 'seed.city'",
    );
    expect(ev.rows).toHaveLength(1);
    expect(ev.rows[0]?.actor).toBe("tester");
    expect(ev.rows[0]?.detail.patches).toBe(result.patches);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("refuses a second load unless replace is set, then replaces", async () => {
    const err = await seedCity(t.db, { scale: "tiny", seed: "other", databaseUrl: t.url ?? undefined }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code === "CONFLICT").toBe(true);
    const again = await seedCity(t.db, { scale: "tiny", seed: "other", replace: true, databaseUrl: t.url ?? undefined });
    const n = await one<{ n: number; cl: number }>(
      "SELECT (SELECT count(*)::int FROM land_use_patch) AS n, (SELECT count(*)::int FROM control_line) AS cl",
    );
    expect(n).toEqual({ n: again.patches, cl: again.controlLines });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
