import { loadConfig } from "../shared/src/config/env.ts";
import { migrate } from "../shared/src/db/migrate.ts";
import { openDatabase } from "../shared/src/db/open.ts";
import { createTestDatabase } from "../shared/src/db/testing.ts";
import type { Db } from "../shared/src/db/types.ts";
import { type CityScale, seedCity } from "../shared/src/seed/city/index.ts";
import { seedDemo } from "../shared/src/seed/seed-demo.ts";

/**
 * Synthetic city: generate + load the base layers (三调 patches, 乡镇/村, control lines).
 * Baseline: tiny (≈ 500 patches) into a fresh in-memory PGlite. Cases: small (≈ 20k) embedded;
 * city (≈ 200k) and bench (≈ 2M, goal < 5 min on 2 cores) on PostgreSQL with COPY when
 * TEST_DATABASE_URL is set (BENCH_CITY_FULL=0 leaves the bench scale out). Database setup (cluster, migrate, seedDemo) is not
 * timed; the database size after each load goes to stderr.
 */
const log = (m: string): void => {
  process.stderr.write(`  ${m}\n`);
};

async function embeddedDb(): Promise<Db> {
  const db = await openDatabase(loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: "memory://" }));
  await migrate(db);
  await seedDemo(db, { demo: false });
  return db;
}

async function sizeOf(db: Db): Promise<string> {
  const r = await db.query<{ s: string }>("SELECT pg_size_pretty(pg_database_size(current_database())) AS s");
  return r.rows[0]?.s ?? "?";
}

async function embeddedRun(scale: CityScale): Promise<number> {
  const db = await embeddedDb();
  try {
    const t0 = performance.now();
    const r = await seedCity(db, { scale, seed: "bench" });
    const ms = performance.now() - t0;
    log(
      `${scale} (embedded, ${r.method}): ${r.patches} patches, ${r.towns} towns, ${r.villages} villages, ${r.controlLines} control lines, ${r.areaKm2} km² in ${(ms / 1000).toFixed(1)} s; database size ${await sizeOf(db)}`,
    );
    return ms;
  } finally {
    await db.close();
  }
}

async function postgresRun(scale: CityScale): Promise<number> {
  const t = await createTestDatabase();
  try {
    await seedDemo(t.db, { demo: false });
    const t0 = performance.now();
    const r = await seedCity(t.db, { scale, seed: "bench", databaseUrl: t.url ?? undefined });
    const ms = performance.now() - t0;
    log(
      `${scale} (PostgreSQL, ${r.method}): ${r.patches} patches, ${r.towns} towns, ${r.villages} villages, ${r.controlLines} control lines, ${r.areaKm2} km² in ${(ms / 1000).toFixed(1)} s; database size ${await sizeOf(t.db)}`,
    );
    return ms;
  } finally {
    await t.drop();
  }
}

const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);
const full = process.env.BENCH_CITY_FULL !== "0";
const cases: { label: string; goal?: number; run: () => Promise<number> }[] = [
  { label: "small (embedded)", run: () => embeddedRun("small") },
];
if (hasPostgres) {
  cases.push({ label: "small (PostgreSQL, COPY)", run: () => postgresRun("small") });
  cases.push({ label: "city (PostgreSQL, COPY)", run: () => postgresRun("city") });
  if (full) cases.push({ label: "bench ≈ 2M (PostgreSQL, COPY)", goal: 300_000, run: () => postgresRun("bench") });
}

export default {
  name: "synthetic city generate + load",
  repeat: Number(process.env.BENCH_CITY_REPEAT ?? 1),
  unit: "ms",
  async setup() {
    if (!hasPostgres) log("SKIPPED: PostgreSQL cases (set TEST_DATABASE_URL to run small/city on PostgreSQL)");
    if (!hasPostgres || !full) log("SKIPPED: bench scale ≈ 2M patches (needs TEST_DATABASE_URL; BENCH_CITY_FULL=0 turns it off)");
  },
  baseline: { label: "generate + load tiny (embedded)", run: () => embeddedRun("tiny") },
  cases,
};
