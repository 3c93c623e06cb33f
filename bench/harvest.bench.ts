import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { onemapConnector } from "../harvester/src/connectors/onemap.ts";
import { lazyOcrPool } from "../harvester/src/lazy-ocr.ts";
import { runHarvest } from "../harvester/src/runner.ts";
import { loadConfig } from "../shared/src/config/env.ts";
import { migrate } from "../shared/src/db/migrate.ts";
import { openDatabase } from "../shared/src/db/open.ts";
import { createTestDatabase } from "../shared/src/db/testing.ts";
import type { Db } from "../shared/src/db/types.ts";
import { LocalFileStorage } from "../shared/src/documents/storage.ts";
import { seedBatches } from "../shared/src/seed/batches/index.ts";
import { seedCity } from "../shared/src/seed/city/index.ts";
import { seedDemo } from "../shared/src/seed/seed-demo.ts";

/**
 * Harvest of the synthetic city's 一张图 (this system's approvals and their PDF documents, text
 * layer) — baseline: a full harvest into empty disclosure tables (download, read, classify, bundle,
 * check); cases: an incremental re-harvest with nothing changed, and a --full re-walk with nothing
 * changed (every item's version marker compared, nothing downloaded). Goal: re-harvest ≤ 5 % of the
 * full harvest. Scale BENCH_HARVEST_SCALE (tiny | small, default small); PostgreSQL when
 * TEST_DATABASE_URL is set, else embedded.
 */
const log = (m: string): void => {
  process.stderr.write(`  ${m}\n`);
};
const scale = (process.env.BENCH_HARVEST_SCALE ?? "small") as "tiny" | "small";

let db: Db;
let drop: () => Promise<void>;
let dataDir: string;
let storage: LocalFileStorage;
let lastFull = 0;
const ocr = lazyOcrPool();

async function reset(): Promise<void> {
  await db.exec(
    "DELETE FROM disclosure_finding; DELETE FROM disclosure_item; DELETE FROM disclosure_record; DELETE FROM harvest_run; DELETE FROM harvest_cursor;",
  );
}

async function harvest(full: boolean): Promise<{ ms: number; discovered: number; fetched: number; unchanged: number }> {
  const connector = onemapConnector({ db, storage });
  const t0 = performance.now();
  const run = await runHarvest({ db, storage, ocr }, connector, { full, trigger: "cli" });
  const ms = performance.now() - t0;
  if (run.status !== "succeeded") throw new Error(`harvest ${run.status}: ${run.error}`);
  return { ms, discovered: run.discovered, fetched: run.fetched, unchanged: run.unchanged };
}

async function fullHarvest(): Promise<number> {
  await reset();
  const r = await harvest(true);
  lastFull = r.ms;
  log(`full harvest: ${r.discovered} documents, ${r.fetched} downloaded and read in ${(r.ms / 1000).toFixed(1)} s`);
  return r.ms;
}

async function reharvest(full: boolean): Promise<number> {
  const held = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM disclosure_item");
  if (Number(held.rows[0]?.n) === 0) await fullHarvest();
  const r = await harvest(full);
  if (r.fetched !== 0) throw new Error(`nothing changed, yet ${r.fetched} downloaded`);
  log(
    `${full ? "--full re-walk" : "incremental re-harvest"}: ${r.discovered} discovered, ${r.unchanged} unchanged, 0 downloaded in ${r.ms.toFixed(0)} ms` +
      (lastFull ? ` = ${((100 * r.ms) / lastFull).toFixed(2)} % of the last full harvest (goal ≤ 5 %)` : ""),
  );
  return r.ms;
}

export default {
  name: `harvest: full vs re-harvest with nothing changed (${scale} city)`,
  repeat: Number(process.env.BENCH_HARVEST_REPEAT ?? 2),
  unit: "ms",
  async setup() {
    dataDir = await mkdtemp(path.join(tmpdir(), "land-bench-harvest-"));
    storage = new LocalFileStorage(dataDir);
    if (process.env.TEST_DATABASE_URL) {
      const t = await createTestDatabase();
      db = t.db;
      drop = t.drop;
      await seedDemo(db, { demo: false });
      await seedCity(db, { scale, seed: "bench", databaseUrl: t.url ?? undefined });
    } else {
      db = await openDatabase(loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: "memory://" }));
      drop = () => db.close();
      await migrate(db);
      await seedDemo(db, { demo: false });
      await seedCity(db, { scale, seed: "bench" });
    }
    const r = await seedBatches(db, { scale, seed: "bench", dataDir, documents: "text" });
    log(`${scale} city (${db.kind}): ${r.manifest.counts.batches} batches, ${r.manifest.counts.documents} documents`);
  },
  async teardown() {
    await ocr.close();
    await drop();
    await rm(dataDir, { recursive: true, force: true });
  },
  baseline: { label: "full harvest (empty disclosure tables)", run: fullHarvest },
  cases: [
    { label: "incremental re-harvest, nothing changed (goal ≤ 0.05× baseline)", run: () => reharvest(false) },
    { label: "--full re-walk, nothing changed", run: () => reharvest(true) },
  ],
};
