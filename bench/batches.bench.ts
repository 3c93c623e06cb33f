import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../shared/src/config/env.ts";
import { migrate } from "../shared/src/db/migrate.ts";
import { openDatabase } from "../shared/src/db/open.ts";
import { createTestDatabase } from "../shared/src/db/testing.ts";
import type { Db } from "../shared/src/db/types.ts";
import { seedBatches } from "../shared/src/seed/batches/index.ts";
import { type CityScale, seedCity } from "../shared/src/seed/city/index.ts";
import { seedDemo } from "../shared/src/seed/seed-demo.ts";

/**
 * Ten years of 报批批次 on the synthetic city, every write through the use cases. Baseline: seedCity
 * small into a fresh in-memory PGlite. Cases (only seedBatches is timed; database, migration and the
 * city load are not): small ≈ 60 batches with text PDFs, embedded; on PostgreSQL when TEST_DATABASE_URL
 * is set also small with scanned PDFs and, with BENCH_BATCHES_CITY=1, city ≈ 600 batches (text PDFs).
 * Counts, database size and file sizes go to stderr.
 */
const log = (m: string): void => {
  process.stderr.write(`  ${m}\n`);
};

async function embeddedDb(): Promise<{ db: Db; url: null; drop: () => Promise<void> }> {
  const db = await openDatabase(loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: "memory://" }));
  await migrate(db);
  await seedDemo(db, { demo: false });
  return { db, url: null, drop: () => db.close() };
}

async function postgresDb(): Promise<{ db: Db; url: string | null; drop: () => Promise<void> }> {
  const t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  return t;
}

async function cityBaseline(): Promise<number> {
  const t = await embeddedDb();
  try {
    const t0 = performance.now();
    await seedCity(t.db, { scale: "small", seed: "bench" });
    return performance.now() - t0;
  } finally {
    await t.drop();
  }
}

async function batchesRun(
  backend: "embedded" | "postgres",
  city: CityScale,
  scale: "small" | "city",
  documents: "none" | "text" | "scanned",
): Promise<number> {
  const t = backend === "embedded" ? await embeddedDb() : await postgresDb();
  const dataDir = await mkdtemp(path.join(tmpdir(), "land-bench-batches-"));
  try {
    await seedCity(t.db, { scale: city, seed: "bench", databaseUrl: t.url ?? undefined });
    const t0 = performance.now();
    const r = await seedBatches(t.db, { scale, seed: "bench", dataDir, documents });
    const ms = performance.now() - t0;
    const c = r.manifest.counts;
    log(
      `${scale} batches on ${city} city (${backend}, ${documents}): ${c.batches} batches, ${c.parcels} parcels, ${c.approvals} approvals, ` +
        `${c.documents} documents (${c.scanned} scanned), ${c.rejected} rejected TXT, ${c.overlaps} overlaps, ${c.discrepancies} discrepancies ` +
        `in ${(ms / 1000).toFixed(1)} s; database ${(r.databaseBytes / 1e6).toFixed(1)} MB`,
    );
    return ms;
  } finally {
    await t.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);
const cases: { label: string; goal?: number; run: () => Promise<number> }[] = [
  { label: "seedBatches small (text documents, embedded)", run: () => batchesRun("embedded", "small", "small", "text") },
];
if (hasPostgres) {
  cases.push({
    label: "seedBatches small (scanned documents, PostgreSQL)",
    run: () => batchesRun("postgres", "small", "small", "scanned"),
  });
  if (process.env.BENCH_BATCHES_CITY === "1")
    cases.push({ label: "seedBatches city ≈ 600 (text documents, PostgreSQL)", run: () => batchesRun("postgres", "city", "city", "text") });
}

export default {
  name: "approval batches: ten years through the use cases",
  repeat: Number(process.env.BENCH_BATCHES_REPEAT ?? 1),
  unit: "ms",
  async setup() {
    if (!hasPostgres) log("SKIPPED: PostgreSQL cases (set TEST_DATABASE_URL)");
    else if (process.env.BENCH_BATCHES_CITY !== "1") log("SKIPPED: city ≈ 600 batches (set BENCH_BATCHES_CITY=1)");
  },
  baseline: { label: "seedCity small (embedded)", run: cityBaseline },
  cases,
};
