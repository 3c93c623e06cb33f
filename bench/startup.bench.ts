import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Embedded start-up: `land start` on a fresh data dir (cold: create the cluster, PostGIS,
 * migrate, seed, serve) and on an existing one (warm), each timed to the first page served.
 * Baseline: creating a bare PGlite + PostGIS cluster in a child process — the floor any
 * embedded start pays. Goals from the foundation issue: < 90 s cold, < 10 s warm on 2 cores.
 * The portal build is not part of these figures (a one-time step; `land start` reports it).
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const dirs: string[] = [];

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "land-bench-"));
  dirs.push(d);
  return d;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
    s.on("error", reject);
  });
}

async function startToFirstPage(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, "bin", "land.mjs"), "start", "--port", String(port), "--json"], {
    cwd: ROOT,
    env: { ...process.env, LAND_DATA_DIR: dataDir, DATABASE_URL: "", LAND_LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "ignore"],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.once("data", () => resolve());
      child.once("exit", (code) => reject(new Error(`land start exited with ${code}`)));
    });
    const res = await fetch(`http://127.0.0.1:${port}/`);
    if (res.status !== 200) throw new Error(`first page answered ${res.status}`);
    await res.text();
    return performance.now() - t0;
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

function bareCluster(dataDir: string): Promise<number> {
  const script = `import { PGlite } from "@electric-sql/pglite"; import { postgis } from "@electric-sql/pglite-postgis";
    const db = await PGlite.create({ dataDir: ${JSON.stringify(path.join(dataDir, "pg"))}, extensions: { postgis } });
    await db.exec("CREATE EXTENSION IF NOT EXISTS postgis"); await db.close();`;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: path.join(ROOT, "shared"), stdio: "ignore" });
    child.once("exit", (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`baseline exited ${code}`))));
  });
}

let warmDir = "";

export default {
  name: "embedded start-up to first page",
  repeat: 3,
  unit: "ms",
  async setup() {
    const { needsBuild, buildPortal } = await import("@land/portal");
    if (await needsBuild()) await buildPortal({ log: (m: string) => process.stderr.write(`  ${m}\n`) });
    warmDir = tempDir();
    await startToFirstPage(warmDir);
  },
  async teardown() {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  },
  baseline: { label: "bare PGlite + PostGIS cluster creation", run: () => bareCluster(tempDir()) },
  cases: [
    { label: "cold start (fresh data dir)", goal: 90_000, run: () => startToFirstPage(tempDir()) },
    { label: "warm start (existing data dir)", goal: 10_000, run: () => startToFirstPage(warmDir) },
  ],
};
