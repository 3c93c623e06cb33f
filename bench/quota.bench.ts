import { loadConfig } from "../shared/src/config/env.ts";
import { migrate } from "../shared/src/db/migrate.ts";
import { openDatabase } from "../shared/src/db/open.ts";
import { createTestDatabase, type TestDatabase } from "../shared/src/db/testing.ts";
import type { Db } from "../shared/src/db/types.ts";
import { listMovements, quotaOverview, quotaTrend, topConsumers } from "../shared/src/quota/dashboard.ts";
import { readAccount } from "../shared/src/quota/repository.ts";
import { verifyQuotaLedger } from "../shared/src/quota/verify.ts";
import { seedDemo } from "../shared/src/seed/seed-demo.ts";

/**
 * 计划指标看板 queries over a ledger of ten years × every 区县 × 100k movements (goal: p95 < 200 ms).
 * The ledger is generated in SQL (allocations first, then reservations/uses/releases/transfers/
 * adjustments far smaller than the allocation, so no balance goes negative) and the cached balances
 * rebuilt from it, as the migration does; generation is not timed. Each case runs one dashboard view
 * (overview of a year, the ten-year trend, the top consumers, a drill-down page of movements) 40
 * times and reports the p95 in ms. On PostgreSQL when TEST_DATABASE_URL is set, else embedded.
 * `land quota verify` over the same ledger goes to stderr.
 */
const MOVEMENTS = Number(process.env.BENCH_QUOTA_MOVEMENTS ?? 100_000);
const RUNS = 40;
const log = (m: string): void => {
  process.stderr.write(`  ${m}\n`);
};

let t: TestDatabase | null = null;
let db: Db;
let county = "510104";

async function generate(): Promise<void> {
  await seedDemo(db, { demo: false });
  const counties = (await db.query<{ code: string }>("SELECT code FROM division WHERE level = 'county' ORDER BY code")).rows.map(
    (r) => r.code,
  );
  county = counties[0] ?? county;
  const t0 = performance.now();
  // 40 batches per 区县 and year, to which the batch-linked movements belong.
  await db.exec(`
    INSERT INTO batch (batch_no, name, land_use_type, division_code, plan_year, state)
    SELECT 'B-' || y || '-' || d.code || '-' || n, d.name || y || '年度第' || n || '批次', 'urban_batch', d.code, y, 'approved'
    FROM division d, generate_series(2016, 2025) y, generate_series(1, 40) n WHERE d.level = 'county'`);
  await db.exec(`
    INSERT INTO quota_movement (year, division_code, quota_kind, kind, amount_ha, doc_ref, reason, created_at, created_by)
    SELECT y, d.code, 'new_construction', 'allocate', 100000, '川自然资发〔' || y || '〕1号', '下达年度计划指标', make_date(y, 1, 15), 'bench'
    FROM division d, generate_series(2016, 2025) y WHERE d.level = 'county'`);
  const per = Math.max(1, Math.floor(MOVEMENTS / (counties.length * 10)));
  await db.exec(`
    INSERT INTO quota_movement (year, division_code, quota_kind, kind, amount_ha, batch_id, doc_ref, reason, created_at, created_by)
    SELECT s.year, s.code, 'new_construction', k.kind,
           CASE k.kind WHEN 'reserve' THEN -a WHEN 'consume' THEN -a WHEN 'transfer' THEN a * (CASE WHEN s.n % 2 = 0 THEN 1 ELSE -1 END)
                       WHEN 'adjust' THEN a / 10 ELSE a END,
           CASE WHEN k.kind IN ('reserve', 'consume') THEN b.id END,
           'DOC-' || s.n, CASE k.kind WHEN 'release' THEN CASE WHEN s.n % 3 = 0 THEN '退回已使用' ELSE '核销预安排' END ELSE '变动' END,
           make_date(s.year, 2, 1) + (s.n % 300), 'bench'
    FROM (SELECT y AS year, d.code, n FROM division d, generate_series(2016, 2025) y, generate_series(1, ${per}) n WHERE d.level = 'county') s
    CROSS JOIN LATERAL (SELECT (ARRAY['reserve', 'consume', 'consume', 'release', 'transfer', 'adjust'])[1 + s.n % 6] AS kind) k
    CROSS JOIN LATERAL (SELECT ((s.n * 7919) % 997) / 100.0 + 0.01 AS a) amt(a)
    LEFT JOIN batch b ON b.batch_no = 'B-' || s.year || '-' || s.code || '-' || (1 + s.n % 40)`);
  await db.exec(`
    INSERT INTO quota_balance (year, division_code, quota_kind, allocated_ha, reserved_ha, used_ha, transferred_ha, adjusted_ha, available_ha, movements)
    SELECT year, division_code, quota_kind,
           coalesce(sum(amount_ha) FILTER (WHERE kind = 'allocate'), 0),
           coalesce(-sum(amount_ha) FILTER (WHERE kind = 'reserve' OR (kind = 'release' AND reason LIKE '核销预安排%')), 0),
           coalesce(-sum(amount_ha) FILTER (WHERE kind = 'consume' OR (kind = 'release' AND reason NOT LIKE '核销预安排%')), 0),
           coalesce(sum(amount_ha) FILTER (WHERE kind = 'transfer'), 0),
           coalesce(sum(amount_ha) FILTER (WHERE kind = 'adjust'), 0),
           sum(amount_ha), count(*)
    FROM quota_movement GROUP BY year, division_code, quota_kind`);
  await db.exec("ANALYZE quota_movement; ANALYZE quota_balance; ANALYZE batch");
  const n = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM quota_movement");
  log(
    `ledger: ${n.rows[0]?.n} movements, ${counties.length} 区县 × 10 years, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const v0 = performance.now();
  const v = await verifyQuotaLedger(db);
  log(
    `land quota verify: ${JSON.stringify({ accounts: v.accounts, movements: v.movements, negativeAvailable: v.negativeAvailable, balanceMismatches: v.balanceMismatches })} in ${(performance.now() - v0).toFixed(0)} ms`,
  );
}

async function p95(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.ceil(times.length * 0.95) - 1] ?? 0;
}

export default {
  name: `quota dashboard over ${MOVEMENTS} movements (p95 of ${RUNS} runs)`,
  repeat: Number(process.env.BENCH_QUOTA_REPEAT ?? 3),
  unit: "ms",
  async setup() {
    if (process.env.TEST_DATABASE_URL) {
      t = await createTestDatabase();
      db = t.db;
    } else {
      db = await openDatabase(loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: "memory://" }));
      await migrate(db);
    }
    log(`database: ${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}`);
    await generate();
  },
  async teardown() {
    if (t) await t.drop();
    else await db.close();
  },
  baseline: {
    label: "one account balance (point read)",
    run: () => p95(() => readAccount(db, { year: 2025, divisionCode: county, quotaKind: "new_construction" })),
  },
  cases: [
    { label: "overview: one year × every 区县", goal: 200, run: () => p95(() => quotaOverview(db, { year: 2025, divisionCode: "5101" })) },
    { label: "trend: ten years, whole city", goal: 200, run: () => p95(() => quotaTrend(db, { divisionCode: "5101" })) },
    {
      label: "top consumers of a year",
      goal: 200,
      run: () => p95(() => topConsumers(db, { year: 2025, divisionCode: "5101", limit: 10 })),
    },
    {
      label: "drill-down: a 区县's used movements, page 1 + count",
      goal: 200,
      run: () =>
        p95(() => listMovements(db, { year: 2025, divisionCode: county, quotaKind: "new_construction", figure: "used", limit: 20 })),
    },
    {
      label: "drill-down: the whole city's movements, page 1 + count",
      goal: 200,
      run: () => p95(() => listMovements(db, { quotaKind: "new_construction", limit: 20 })),
    },
  ],
};
