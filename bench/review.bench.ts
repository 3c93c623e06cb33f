import { registerBatch } from "../shared/src/approval/register-batch.ts";
import { computeReview, type ReviewedBatch } from "../shared/src/approval/review/compute.ts";
import { selectShares } from "../shared/src/approval/review/repository.ts";
import { runReview } from "../shared/src/approval/review/run-review.ts";
import { loadConfig } from "../shared/src/config/env.ts";
import { migrate } from "../shared/src/db/migrate.ts";
import { openDatabase } from "../shared/src/db/open.ts";
import { createTestDatabase } from "../shared/src/db/testing.ts";
import type { Db, Queryable } from "../shared/src/db/types.ts";
import { seedCity } from "../shared/src/seed/city/index.ts";
import { seedDemo } from "../shared/src/seed/seed-demo.ts";

/**
 * 报批审查 of a 50-parcel batch against the bench-scale city (≈ 2M 三调 patches, control lines of the
 * four counties) on PostgreSQL. Baseline: the bare PostGIS overlay query computing the same class
 * areas (Σ ST_Area(ST_Intersection(patch, parcel)::geography) by 地类). Cases: the review computation
 * (computeReview, read-only, not stored — goal p50 < 500 ms and ≤ 1.2× the baseline); runReview
 * (the same plus storing the version, its overlaps and the audit event); and the parts that show which
 * strategy helps: the engine's class overlay (patches wholly inside a parcel measured without
 * ST_Intersection), and the control-line overlap query on ST_Subdivide pieces (control_line_part)
 * against the same query on the whole control_line polygons.
 *
 * Needs TEST_DATABASE_URL (a fresh database, city loaded with COPY in setup, ≈ 5 min, not timed) or
 * BENCH_REVIEW_URL (a database that already holds the bench city: setup then only adds the batch).
 * p50/p95 of every case go to stderr at the end.
 */
const log = (m: string): void => {
  process.stderr.write(`  ${m}\n`);
};

const PARCELS = 50;
const COUNTY = "510112";

let db: Db | null = null;
let drop: () => Promise<void> = async () => {};
let batch: ReviewedBatch | null = null;
const samples = new Map<string, number[]>();

function timed(label: string, fn: (db: Db, batch: ReviewedBatch) => Promise<unknown>): () => Promise<number> {
  return async () => {
    if (!db || !batch) return 0;
    const t0 = performance.now();
    await fn(db, batch);
    const ms = performance.now() - t0;
    samples.set(label, [...(samples.get(label) ?? []), ms]);
    return ms;
  };
}

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
};

const BASELINE_SQL = `SELECT lp.dlbm, sum(ST_Area(ST_Intersection(lp.geom, p.geom)::geography, true))::float8 AS area
  FROM parcel p JOIN land_use_patch lp ON ST_Intersects(lp.geom, p.geom) WHERE p.batch_id = $1 GROUP BY lp.dlbm`;

/** The control-line part of the overlap query, on `source` (pieces or whole polygons). */
const controlLineSql = (source: string) => `
  WITH p AS (SELECT id, geom FROM parcel WHERE batch_id = $1)
  SELECT kind, parcel_id, ref, ST_Area(g::geography, true) AS area, ST_AsGeoJSON(g, 9, 0) AS geojson FROM (
    SELECT c.kind::text AS kind, p.id AS parcel_id, c.control_line_id AS ref,
           ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(ST_CollectionExtract(ST_Intersection(c.geom, p.geom), 3))), 3)) AS g
    FROM p JOIN ${source} c ON ST_Intersects(c.geom, p.geom) WHERE c.kind IN ('basic_farmland', 'eco_redline')
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT 'outside_urban_boundary', p.id, NULL, ST_Multi(ST_CollectionExtract(ST_Difference(p.geom, coalesce(
      (SELECT ST_Union(ST_CollectionExtract(ST_Intersection(c.geom, p.geom), 3)) FROM ${source} c
       WHERE c.kind = 'urban_boundary' AND ST_Intersects(c.geom, p.geom)), ST_GeomFromText('POLYGON EMPTY', 4490))), 3))
    FROM p) x WHERE NOT ST_IsEmpty(g)`;

async function openCity(): Promise<boolean> {
  const reuse = process.env.BENCH_REVIEW_URL;
  if (reuse) {
    const d = await openDatabase(loadConfig({ NODE_ENV: "test", DATABASE_URL: reuse }), { max: 4 });
    await migrate(d);
    db = d;
    drop = () => d.close();
  } else if (process.env.TEST_DATABASE_URL) {
    const t = await createTestDatabase();
    db = t.db;
    drop = t.drop;
  } else return false;
  const n = Number((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM land_use_patch")).rows[0]?.n ?? 0);
  if (n < 1_000_000) {
    const t0 = performance.now();
    await seedDemo(db, { demo: false });
    const r = await seedCity(db, { scale: "bench", seed: "bench", databaseUrl: process.env.BENCH_REVIEW_URL ?? undefined });
    log(
      `bench city loaded: ${r.patches} patches, ${r.controlLines} control lines in ${((performance.now() - t0) / 1000).toFixed(0)} s (not timed)`,
    );
  } else log(`bench city present: ${n} patches`);
  return true;
}

/** 50 squares of 150–300 m (2.25–9 公顷) around patches drawn deterministically across the county. */
async function makeBatch(d: Db): Promise<ReviewedBatch> {
  const no = `BENCH-REVIEW-${Date.now()}`;
  const { id } = await registerBatch(d, {
    batchNo: no,
    name: "基准测试 50 地块城镇批次",
    landUseType: "urban_batch",
    divisionCode: COUNTY,
    planYear: 2026,
    actor: "bench",
  });
  await d.query(
    `WITH seeds AS (
       SELECT row_number() OVER () AS n, dlbm, ST_Transform(ST_PointOnSurface(geom), 4544) AS pt, ('x' || substr(md5(bsm), 1, 4))::bit(16)::int AS h
       FROM (SELECT bsm, dlbm, geom FROM land_use_patch WHERE division_code = $2 ORDER BY md5(bsm || 'review') LIMIT $3) s
     ), sq AS (SELECT n, dlbm, ST_Expand(pt, 75 + h % 76) AS g FROM seeds)
     INSERT INTO parcel (batch_id, parcel_no, dlbm, declared_area_ha, plane_area_m2, ellipsoidal_area_m2, zone_epsg, division_code, geom)
     SELECT $1, 'BR' || lpad(n::text, 3, '0'), dlbm, round((ST_Area(g) / 10000)::numeric, 4), round(ST_Area(g)::numeric, 2),
            round(ST_Area(ST_Transform(g, 4490)::geography, true)::numeric, 2), 4544, $2, ST_Multi(ST_Transform(g, 4490))
     FROM sq`,
    [id, COUNTY, PARCELS],
  );
  await d.exec("ANALYZE parcel");
  const r = await d.query<{ ha: number; patches: number }>(
    `SELECT sum(plane_area_m2)::float8 / 10000 AS ha,
            (SELECT count(*)::int FROM parcel p JOIN land_use_patch lp ON ST_Intersects(lp.geom, p.geom) WHERE p.batch_id = $1) AS patches
     FROM parcel WHERE batch_id = $1`,
    [id],
  );
  log(`batch ${no}: ${PARCELS} parcels, ${r.rows[0]?.ha.toFixed(2)} 公顷, ${r.rows[0]?.patches} parcel × patch pairs`);
  return { id, batch_no: no, name: "基准测试 50 地块城镇批次", land_use_type: "urban_batch", division_code: COUNTY };
}

/** Work in its own transaction with JIT off, as the engine runs its queries. */
const withoutJit = <T>(d: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> =>
  d.transaction(async (tx) => {
    await tx.exec("SET LOCAL jit = off");
    return fn(tx);
  });
const noJit = (d: Db, sql: string, batchId: string) => withoutJit(d, (tx) => tx.query(sql, [batchId]));

const OPTIONS = { tolerance: 0.01, minOverlapM2: 1 };
const cases = [
  {
    label: "review computation (computeReview: class table + overlaps + authority; not stored)",
    goal: 500,
    run: timed("compute", (d, b) => d.transaction((tx) => computeReview(tx, b, OPTIONS))),
  },
  {
    label: "runReview (computation + stored version, overlaps, audit)",
    run: timed("runReview", (d, b) => runReview(d, { batchId: b.id, actor: "bench" })),
  },
  {
    label: "bare overlay again with the server's default jit = on (the planner JIT-compiles PostGIS-heavy queries)",
    run: timed("baseline-jit-on", (d, b) => d.query(BASELINE_SQL, [b.id])),
  },
  {
    label: "part: engine class overlay (by 地类, 权属, 村; parcel-driven LATERAL)",
    run: timed("shares", (d, b) => withoutJit(d, (tx) => selectShares(tx, b.id))),
  },
  {
    label: "part: control-line overlaps on ST_Subdivide pieces (control_line_part)",
    run: timed("lines-subdivided", (d, b) => noJit(d, controlLineSql("control_line_part"), b.id)),
  },
  {
    label: "part: control-line overlaps on whole polygons (control_line)",
    run: timed("lines-whole", (d, b) => noJit(d, controlLineSql("(SELECT id AS control_line_id, kind, geom FROM control_line)"), b.id)),
  },
];

export default {
  name: "报批审查 review of a 50-parcel batch, bench city ≈ 2M patches (PostgreSQL)",
  repeat: Number(process.env.BENCH_REVIEW_REPEAT ?? 15),
  unit: "ms",
  async setup() {
    if (!(await openCity())) {
      log("SKIPPED: needs PostgreSQL — set TEST_DATABASE_URL (or BENCH_REVIEW_URL to a database holding the bench city)");
      return;
    }
    batch = await makeBatch(db as Db);
    // The engine's overlay must give the baseline's class areas (before the per-parcel plane scaling).
    const base = new Map(
      (await (db as Db).query<{ dlbm: string; area: number }>(BASELINE_SQL, [batch.id])).rows.map((r) => [r.dlbm, Number(r.area)]),
    );
    const engine = new Map<string, number>();
    for (const s of await selectShares(db as Db, batch.id)) engine.set(s.dlbm, (engine.get(s.dlbm) ?? 0) + s.area);
    const worst = Math.max(
      ...[...base].map(([k, v]) => Math.abs((engine.get(k) ?? 0) - v)),
      engine.size === base.size ? 0 : Number.POSITIVE_INFINITY,
    );
    if (!(worst < 1e-6)) throw new Error(`engine class areas differ from the baseline's by ${worst} m²`);
    log(`engine class areas = baseline class areas (${base.size} 地类, largest difference ${worst.toExponential(1)} m²)`);
    // Warm the caches once (not measured): the first read of 2M patches' index pages is disk, not PostGIS.
    await (db as Db).query(BASELINE_SQL, [batch.id]);
    await (db as Db).transaction((tx) => computeReview(tx, batch as ReviewedBatch, OPTIONS));
  },
  async teardown() {
    const base = samples.get("baseline") ?? [];
    if (base.length > 0) {
      const b50 = quantile(base, 0.5);
      log(`p50 / p95 (ms), ratio of p50 to the baseline's p50 ${b50.toFixed(1)} ms:`);
      for (const [label, xs] of samples)
        log(
          `  ${label.padEnd(18)} p50 ${quantile(xs, 0.5).toFixed(1)}  p95 ${quantile(xs, 0.95).toFixed(1)}  ${(quantile(xs, 0.5) / b50).toFixed(2)}×`,
        );
      const c = samples.get("compute") ?? [];
      log(`goal: review p50 < 500 ms and ≤ 1.2× baseline → ${quantile(c, 0.5) < 500 && quantile(c, 0.5) / b50 <= 1.2 ? "met" : "NOT met"}`);
    }
    await drop();
  },
  baseline: {
    label: "bare PostGIS overlay: class areas of the batch (ST_Intersection → geography area, by 地类; jit off)",
    run: timed("baseline", (d, b) => noJit(d, BASELINE_SQL, b.id)),
  },
  // Without PostgreSQL nothing is measured (setup says so); no case is listed, so no goal shows as met.
  cases: process.env.TEST_DATABASE_URL || process.env.BENCH_REVIEW_URL ? cases : [],
};
