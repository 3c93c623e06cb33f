import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { type AppError, isAppError } from "../../errors/app-error.ts";
import { verifyAuditChain } from "../../security/audit.ts";
import { seedDemo } from "../../seed/seed-demo.ts";
import { registerBatch } from "../register-batch.ts";
import { getReview, listReviews, type ReviewOverlap, type ReviewReport, runReview } from "./index.ts";

/**
 * A hand-built world where every expected area is exact: parcels, 地类图斑 and control lines are
 * lon/lat boxes on one latitude band, split only by longitude, so their ellipsoidal areas are in the
 * ratio of their widths; each parcel's plane area is a round number the engine scales to.
 *
 *   P1 [104.000, 104.004] plane 80 000 m²: 0103 (集体, 村1) ¼ · 0702 (集体, 村2) ½ · 0601 (国有, 村1) ¼
 *   P2 [104.010, 104.013] plane 30 000 m²: 0101 (32, 村2) ⅔ · no 图斑 ⅓
 *   生态保护红线 [104.0035, 104.0045] (densified: cut into pieces) → P1 ⅛ = 10 000 m²
 *   永久基本农田 [104.0105, 104.0115] → P2 ⅓ = 10 000 m² (all of it 耕地 0101)
 *   城镇开发边界 [103.99, 104.002] (densified) → outside: P1 ½ = 40 000 m², P2 all = 30 000 m²
 *   已批地块 (batch B approved) [104.0125, 104.013] → P2 ⅙ = 5 000 m²
 *   已供地 [104.000, 104.0005] → P1 ⅛ = 10 000 m²
 *   batch C: R1 [104.020, 104.022], all 0101, plane 350 000 m² (exactly 35 公顷), inside the boundary.
 */
const LAT0 = 30.6;
const LAT1 = 30.602;
const V1 = "510112001201";
const V2 = "510112001202";

let t: TestDatabase;
let batchA: string;
let batchC: string;
let first: ReviewReport;

const box = (x0: number, x1: number, y0 = LAT0, y1 = LAT1) => `ST_MakeEnvelope(${x0}, ${y0}, ${x1}, ${y1}, 4490)`;
const caught = async (p: Promise<unknown>): Promise<AppError> => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!isAppError(e)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
};

async function parcel(batchId: string, no: string, geom: string, planeM2: number, dlbm: string, declaredHa: number): Promise<void> {
  await t.db.query(
    `INSERT INTO parcel (batch_id, parcel_no, dlbm, declared_area_ha, plane_area_m2, ellipsoidal_area_m2, zone_epsg, division_code, geom)
     VALUES ($1, $2, $3, $4, $5, ST_Area(${geom}::geography, true)::numeric(15, 2), 4544, '510112', ST_Multi(${geom}))`,
    [batchId, no, dlbm, declaredHa, planeM2],
  );
}

let bsm = 0;
async function patch(dlbm: string, qsxz: string, village: string, geom: string): Promise<void> {
  await t.db.query(
    `INSERT INTO land_use_patch (bsm, dlbm, dlmc, qsxz, qsdwdm, zldwdm, tbmj, division_code, geom)
     VALUES ($1, $2, $2, $3, $4, $4, ST_Area(${geom}::geography, true)::numeric(15, 2), '510112', ST_Multi(${geom}))`,
    [`T${++bsm}`, dlbm, qsxz, village],
  );
}

async function controlLine(kind: string, name: string, geom: string): Promise<string> {
  const r = await t.db.query<{ id: string }>(
    `INSERT INTO control_line (kind, name, source, division_code, geom) VALUES ($1, $2, '测试数据', '510112', ST_Multi(${geom})) RETURNING id::text AS id`,
    [kind, name],
  );
  return (r.rows[0] as { id: string }).id;
}

async function batch(no: string, landUseType: string): Promise<string> {
  return (
    await registerBatch(t.db, { batchNo: no, name: `测试批次${no}`, landUseType, divisionCode: "510112", planYear: 2026, actor: "tester" })
  ).id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  await t.db.query(
    `INSERT INTO division (code, name, level, parent_code) VALUES ('510112001', '测试街道', 'town', '510112'),
       ($1, '桃园村', 'village', '510112001'), ($2, '柏合村', 'village', '510112001')`,
    [V1, V2],
  );
  batchA = await batch("R-A", "urban_batch");
  const batchB = await batch("R-B", "urban_batch");
  batchC = await batch("R-C", "standalone_project");
  await parcel(batchA, "P1", box(104.0, 104.004), 80_000, "0103", 8);
  await parcel(batchA, "P2", box(104.01, 104.013), 30_000, "0101", 3);
  await parcel(batchB, "Q1", box(104.0125, 104.014), 20_000, "0702", 2);
  await parcel(batchC, "R1", box(104.02, 104.022), 350_000, "0101", 35);
  await t.db.query("UPDATE batch SET state = 'approved' WHERE id = $1", [batchB]);
  await patch("0103", "30", V1, box(103.999, 104.001));
  await patch("0702", "30", V2, box(104.001, 104.003));
  await patch("0601", "10", V1, box(104.003, 104.005));
  await patch("0101", "32", V2, box(104.01, 104.012));
  await patch("0101", "30", V1, box(104.019, 104.023));
  await controlLine("eco_redline", "龙泉山生态保护红线", `ST_Segmentize(${box(104.0035, 104.0045, 30.599, 30.603)}, 0.000004)`);
  await controlLine("basic_farmland", "柏合村永久基本农田", box(104.0105, 104.0115, 30.599, 30.603));
  await controlLine("urban_boundary", "龙泉驿区城镇开发边界", `ST_Segmentize(${box(103.99, 104.002, 30.59, 30.61)}, 0.00002)`);
  await controlLine("urban_boundary", "东部新区城镇开发边界", box(104.015, 104.03, 30.59, 30.61));
  await t.db.query(
    `INSERT INTO land_supply (supply_kind, contract_no, supplied_on, area_ha, division_code, geom)
     VALUES ('transfer', '510112-2025-001', '2025-06-30', 1, '510112', ST_Multi(${box(104.0, 104.0005)}))`,
  );
  first = await runReview(t.db, { batchId: batchA, actor: "shi.shencha" });
}, 120_000);
afterAll(async () => {
  await t?.drop();
});

const byKind = (r: ReviewReport, kind: string, parcelNo: string): ReviewOverlap => {
  const o = r.overlaps.find((x) => x.kind === kind && x.parcelNo === parcelNo);
  if (!o) throw new Error(`no ${kind} overlap on ${parcelNo}`);
  return o;
};
const bounds = (o: ReviewOverlap): number[] => {
  const pts = o.geometry.coordinates.flat(2);
  const r = (v: number) => Math.round(v * 1e7) / 1e7;
  return [
    Math.min(...pts.map((p) => p[0] as number)),
    Math.min(...pts.map((p) => p[1] as number)),
    Math.max(...pts.map((p) => p[0] as number)),
    Math.max(...pts.map((p) => p[1] as number)),
  ].map(r);
};

describe("control_line_part", () => {
  it("keeps ST_Subdivide pieces of every control line, re-cut on change and removed with the line", async () => {
    const parts = async (name: string) =>
      Number(
        (
          await t.db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM control_line_part p JOIN control_line c ON c.id = p.control_line_id WHERE c.name = $1",
            [name],
          )
        ).rows[0]?.n,
      );
    expect(await parts("龙泉山生态保护红线")).toBeGreaterThan(1);
    expect(await parts("柏合村永久基本农田")).toBe(1);
    const id = await controlLine("eco_redline", "临时红线", `ST_Segmentize(${box(105, 105.01)}, 0.00001)`);
    expect(await parts("临时红线")).toBeGreaterThan(1);
    await t.db.query(`UPDATE control_line SET geom = ST_Multi(${box(105, 105.01)}) WHERE id = $1`, [id]);
    expect(await parts("临时红线")).toBe(1);
    await t.db.query("DELETE FROM control_line WHERE id = $1", [id]);
    expect(await parts("临时红线")).toBe(0);
  });

  it("ignores direct writes: the pieces are always cut from control_line (a restore re-creates them)", async () => {
    const before = Number((await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM control_line_part")).rows[0]?.n);
    await t.db.query(
      `INSERT INTO control_line_part (control_line_id, kind, division_code, geom)
       SELECT id, kind, division_code, ${box(106, 106.1)} FROM control_line LIMIT 1`,
    );
    expect(Number((await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM control_line_part")).rows[0]?.n)).toBe(before);
  });
});

describe("runReview: 土地分类面积汇总表", () => {
  it("tabulates by 二级地类, 三大类, 权属 and 村 in m², 公顷 and 亩 on the plane-area basis", () => {
    const c = first.classTable;
    expect(c.total).toEqual({ m2: 110_000, ha: 11, mu: 165 });
    expect(c.byClass.map((r) => [r.dlbm, r.name, r.major, r.area.m2])).toEqual([
      ["0101", "水田", "agricultural", 20_000],
      ["0103", "旱地", "agricultural", 20_000],
      ["0601", "工业用地", "construction", 20_000],
      ["0702", "农村宅基地", "construction", 40_000],
    ]);
    expect(c.byClass.find((r) => r.dlbm === "0702")?.area).toEqual({ m2: 40_000, ha: 4, mu: 60 });
    expect(c.byMajor).toEqual({
      agricultural: { m2: 40_000, ha: 4, mu: 60 },
      cultivated: { m2: 40_000, ha: 4, mu: 60 },
      construction: { m2: 60_000, ha: 6, mu: 90 },
      unused: { m2: 0, ha: 0, mu: 0 },
      uncovered: { m2: 10_000, ha: 1, mu: 15 },
    });
    expect(c.byOwnership.map((r) => [r.qsxz, r.kind, r.area.m2])).toEqual([
      ["10", "state", 20_000],
      ["30", "collective", 60_000],
      ["32", "collective", 20_000],
    ]);
    expect(c.byVillage).toEqual([
      { code: V1, name: "桃园村", area: { m2: 40_000, ha: 4, mu: 60 } },
      { code: V2, name: "柏合村", area: { m2: 60_000, ha: 6, mu: 90 } },
    ]);
    expect(first.findings).toContainEqual(
      expect.objectContaining({ code: "REVIEW_LAND_USE_UNCOVERED", parcelNo: "P2", severity: "warning" }),
    );
    expect(first.divisionName).toBe("龙泉驿区");
    expect(first.parcels.map((p) => [p.parcelNo, p.planeAreaM2, p.geometry.type])).toEqual([
      ["P1", 80_000, "MultiPolygon"],
      ["P2", 30_000, "MultiPolygon"],
    ]);
  });
});

describe("runReview: overlaps with located results", () => {
  it("finds each kind with its area (plane basis) and geometry", () => {
    const eco = byKind(first, "eco_redline", "P1");
    expect(eco.area).toEqual({ m2: 10_000, ha: 1, mu: 15 });
    // The red line was cut into pieces; the overlap comes back as one polygon.
    expect(eco.geometry.coordinates).toHaveLength(1);
    expect(bounds(eco)).toEqual([104.0035, LAT0, 104.004, LAT1]);
    expect(eco).toMatchObject({ severity: "blocking", ref: { table: "control_line", label: "龙泉山生态保护红线" } });
    expect(eco.messageZh).toContain("中办发〔2019〕48号");

    const bf = byKind(first, "basic_farmland", "P2");
    expect(bf.area.m2).toBe(10_000);
    expect(bounds(bf)).toEqual([104.0105, LAT0, 104.0115, LAT1]);
    expect(bf.severity).toBe("blocking");
    expect(bf.messageZh).toContain("国务院");

    const out1 = byKind(first, "outside_urban_boundary", "P1");
    expect(out1.area.m2).toBe(40_000);
    expect(bounds(out1)).toEqual([104.002, LAT0, 104.004, LAT1]);
    expect(byKind(first, "outside_urban_boundary", "P2").area.m2).toBe(30_000);
    expect(out1.severity).toBe("blocking");

    const dup = byKind(first, "approved_parcel", "P2");
    expect(dup.area.m2).toBe(5_000);
    expect(bounds(dup)).toEqual([104.0125, LAT0, 104.013, LAT1]);
    expect(dup.ref.label).toContain("R-B");
    expect(dup.severity).toBe("blocking");

    const sup = byKind(first, "supplied_land", "P1");
    expect(sup.area.m2).toBe(10_000);
    expect(bounds(sup)).toEqual([104.0, LAT0, 104.0005, LAT1]);
    expect(sup.ref.label).toContain("510112-2025-001");

    expect(first.overlaps).toHaveLength(6);
    expect(first.passed).toBe(false);
    for (const code of [
      "REVIEW_ECO_REDLINE",
      "REVIEW_BASIC_FARMLAND",
      "REVIEW_OUTSIDE_URBAN_BOUNDARY",
      "REVIEW_DUPLICATE_APPROVAL",
      "REVIEW_SUPPLIED_LAND",
    ])
      expect(first.findings.filter((f) => f.code === code && f.severity === "blocking").length, code).toBeGreaterThan(0);
  });

  it("stores each overlap with its geometry in review_overlap", async () => {
    const r = await t.db.query<{ kind: string; parcel_no: string; area_m2: string; a: number }>(
      `SELECT kind, parcel_no, area_m2::text, ST_Area(geom::geography, true)::float8 AS a FROM review_overlap WHERE review_id = $1 ORDER BY kind, parcel_no`,
      [first.reviewId],
    );
    expect(r.rows.map((x) => [x.kind, x.parcel_no, x.area_m2])).toEqual([
      ["approved_parcel", "P2", "5000.00"],
      ["basic_farmland", "P2", "10000.00"],
      ["eco_redline", "P1", "10000.00"],
      ["outside_urban_boundary", "P1", "40000.00"],
      ["outside_urban_boundary", "P2", "30000.00"],
      ["supplied_land", "P1", "10000.00"],
    ]);
    expect(r.rows.every((x) => x.a > 0)).toBe(true);
  });
});

describe("runReview: 批准机关 (《土地管理法》第四十六条)", () => {
  it("sends any 永久基本农田 to 国务院 and splits 耕地 outside it from other land", () => {
    expect(first.authority).toMatchObject({ authority: "GWY", basicFarmlandHa: 1, cultivatedHa: 3, otherHa: 7 });
    expect(first.authority.reasonsZh.join()).toContain("永久基本农田");
  });

  it("leaves exactly 35 公顷 of 耕地 to the province; a 单独选址 project inside the boundary passes", async () => {
    const r = await runReview(t.db, { batchId: batchC, actor: "shi.shencha" });
    expect(r.classTable.total.ha).toBe(35);
    expect(r.authority).toMatchObject({ authority: "SZF", basicFarmlandHa: 0, cultivatedHa: 35, otherHa: 0 });
    expect(r.overlaps).toEqual([]);
    expect(r.passed).toBe(true);
  });
});

describe("runReview: declared table", () => {
  it("defaults to the parcels' declared areas by 地类编码 and flags rows beyond 1 %", () => {
    // P1 declared 8 ha as 0103, P2 3 ha as 0101: per class far off, total 11 ha exact.
    expect(first.declared.find((r) => r.dlbm === "total")).toEqual({
      dlbm: "total",
      declaredM2: 110_000,
      computedM2: 110_000,
      difference: 0,
      withinTolerance: true,
    });
    expect(first.declared.find((r) => r.dlbm === "0103")).toMatchObject({ declaredM2: 80_000, computedM2: 20_000, withinTolerance: false });
    expect(first.findings.some((f) => f.code === "REVIEW_CLASS_AREA_MISMATCH" && f.severity === "warning")).toBe(true);
  });

  it("accepts a declared table within 1 % and warns beyond it", async () => {
    const within = await runReview(t.db, { batchId: batchC, actor: "shi.shencha", declared: [{ dlbm: "0101", areaM2: 352_000 }] });
    expect(within.declared).toEqual([
      { dlbm: "0101", declaredM2: 352_000, computedM2: 350_000, difference: 0.005682, withinTolerance: true },
      { dlbm: "total", declaredM2: 352_000, computedM2: 350_000, difference: 0.005682, withinTolerance: true },
    ]);
    expect(within.findings.some((f) => f.code === "REVIEW_CLASS_AREA_MISMATCH")).toBe(false);
    const beyond = await runReview(t.db, { batchId: batchC, actor: "shi.shencha", declared: [{ dlbm: "0101", areaM2: 354_000 }] });
    expect(beyond.declared.every((r) => !r.withinTolerance)).toBe(true);
    expect(beyond.findings.filter((f) => f.code === "REVIEW_CLASS_AREA_MISMATCH")).toHaveLength(2);
    expect(beyond.passed).toBe(true);
    const loose = await runReview(t.db, {
      batchId: batchC,
      actor: "shi.shencha",
      declared: [{ dlbm: "0101", areaM2: 354_000 }],
      tolerance: 0.02,
    });
    expect(loose.declared.every((r) => r.withinTolerance)).toBe(true);
  });
});

describe("versions, audit and scope", () => {
  it("adds a version on re-run and keeps the earlier one unchanged", async () => {
    const second = await runReview(t.db, { batchId: batchA, actor: "shi.shencha" });
    expect(second.version).toBe(2);
    const list = await listReviews(t.db, batchA);
    expect(list.map((r) => [r.version, r.passed, r.authority, r.totalAreaM2])).toEqual([
      [1, false, "GWY", 110_000],
      [2, false, "GWY", 110_000],
    ]);
    expect(await getReview(t.db, first.reviewId)).toEqual(first);
    const e = await t.db.query("UPDATE review SET passed = true WHERE id = $1", [first.reviewId]).then(
      () => null,
      (x: Error) => x,
    );
    expect(e?.message).toMatch(/append-only/);
  });

  it("writes one audit event per review in the same chain", async () => {
    const r = await t.db.query<{ actor: string; detail: { version: number; passed: boolean } }>(
      "SELECT actor, detail FROM audit_event WHERE action = 'review.run' AND entity = 'review' AND entity_id = $1",
      [first.reviewId],
    );
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ actor: "shi.shencha", detail: { version: 1, passed: false } });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("shows a review only inside its 区县 scope (row-level security)", async () => {
    expect((await getReview(t.db, first.reviewId, { scope: { divisionCode: "510112" } })).version).toBe(1);
    expect((await getReview(t.db, first.reviewId, { scope: { divisionCode: "510100" } })).version).toBe(1);
    expect((await caught(getReview(t.db, first.reviewId, { scope: { divisionCode: "510104" } }))).code).toBe("NOT_FOUND");
    expect(await listReviews(t.db, batchA, { scope: { divisionCode: "510104" } })).toEqual([]);
  });

  it("refuses a batch without parcels and an unknown batch", async () => {
    const empty = await batch("R-E", "urban_batch");
    expect((await caught(runReview(t.db, { batchId: empty, actor: "x" }))).code).toBe("CONFLICT");
    expect((await caught(runReview(t.db, { batchId: "00000000-0000-4000-8000-000000000000", actor: "x" }))).code).toBe("NOT_FOUND");
    expect((await caught(runReview(t.db, { batchId: batchA, actor: "x", tolerance: 2 }))).code).toBe("VALIDATION_FAILED");
  });
});
