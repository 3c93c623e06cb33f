import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { loadConfig } from "../shared/src/config/env.ts";
import { migrate } from "../shared/src/db/migrate.ts";
import { openDatabase } from "../shared/src/db/open.ts";
import { openPostgres } from "../shared/src/db/postgres.ts";
import { withDatabase } from "../shared/src/db/testing.ts";
import type { Db } from "../shared/src/db/types.ts";
import { generatePublishedRecords } from "../shared/src/disclosure/public/generate-records.ts";
import { ensureDivisions } from "../shared/src/disclosure/public/testing-helpers.ts";
import { searchRecords } from "../shared/src/disclosure/search/search-records.ts";

/**
 * 征地信息公开 at scale: BENCH_DISCLOSURE_RECORDS (default 100 000) published records, generated in bulk.
 *   - record page (/gongkai/<slug>, server-rendered, random record per request) at 100 concurrent
 *     connections with autocannon: p95 latency (goal < 50 ms) and throughput against a static Next page
 *     in the same run (goal ≥ 0.5×). The baseline is the /gongkai guide: a Next page in the same layout with
 *     no data access. No page of this portal can be prerendered: the CSP gives scripts a per-request
 *     nonce, which Next can only put on a page it renders per request (a prerendered page's inline
 *     bootstrap scripts would be blocked), so the root layout is force-dynamic. For scale, the run also
 *     loads /icon.svg, the one route Next prerenders here (served from the build output, no render);
 *   - search over all records: p95 of searchRecords for a mix of Chinese queries and facets (goal < 30 ms),
 *     in process on the PostgreSQL database; on the embedded database (no TEST_DATABASE_URL) through
 *     /api/public/records, one request at a time (the portal holds the one PGlite connection).
 * Figures are printed whatever they are; goals not met are reported by the runner, not hidden.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const COUNT = Number(process.env.BENCH_DISCLOSURE_RECORDS ?? 100_000);
const DURATION = Number(process.env.BENCH_DISCLOSURE_SECONDS ?? 10);
const CONNECTIONS = 100;
const PG = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

let portal: ChildProcess | null = null;
let base = "";
let searchDb: Db | null = null;
let cleanup: () => Promise<void> = async () => {};
const throughput: Record<string, number[]> = { static: [], record: [], prerendered: [] };

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

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? Number.NaN;
}

/** autocannon for DURATION s at 100 connections; p95 of the 2xx latencies (ms) measured per response. */
async function load(label: "static" | "record" | "prerendered", pathFor: () => string): Promise<number> {
  const latencies: number[] = [];
  let bad = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [{ setupRequest: (req) => ({ ...req, path: pathFor() }) }],
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    inst.on("response", (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else bad++;
    });
  });
  const rps = latencies.length / DURATION;
  throughput[label]?.push(rps);
  process.stderr.write(
    `    ${label}: ${rps.toFixed(0)} req/s, p95 ${p95(latencies).toFixed(1)} ms, p50 ${result.latency.p50} ms, non-2xx ${bad}, errors ${result.errors}\n`,
  );
  if (latencies.length === 0) throw new Error(`${label}: no successful responses`);
  return p95(latencies);
}

const QUERIES: Record<string, string | number>[] = [
  { q: "郫都区" },
  { q: "红光街道 白云村" },
  { q: "川府土〔2018〕123号" },
  { q: "川府土[2020]45号" },
  { q: "单独选址" },
  { q: "增减挂钩", county: "双流区" },
  { q: "城镇建设用地", year: 2021 },
  { q: "成都市", sort: "newest", page: 3 },
  { county: "龙泉驿区", stage: "批后" },
  { authority: "GWY", year: 2015 },
  { q: "洛带镇" },
  { q: "456号" },
];

async function searchOnce(input: Record<string, string | number>): Promise<void> {
  if (searchDb) await searchRecords(searchDb, input);
  else {
    const qs = new URLSearchParams(Object.entries(input).map(([k, v]): [string, string] => [k, String(v)]));
    const res = await fetch(`${base}/api/public/records?${qs}`);
    if (res.status !== 200) throw new Error(`search API answered ${res.status}`);
    await res.json();
  }
}

async function searchP95(): Promise<number> {
  // The portal is still answering the record page's last requests when autocannon returns.
  await new Promise((r) => setTimeout(r, 2000));
  const times: number[] = [];
  const byQuery = new Map<string, number[]>();
  for (let round = 0; round < 5; round++) {
    for (const input of QUERIES) {
      const t0 = performance.now();
      await searchOnce(input);
      const ms = performance.now() - t0;
      times.push(ms);
      const key = JSON.stringify(input);
      byQuery.set(key, [...(byQuery.get(key) ?? []), ms]);
    }
  }
  // Which query shapes the p95 comes from: the slowest of the five runs of each.
  process.stderr.write(
    `    search, slowest of 5 per query (ms): ${[...byQuery].map(([k, v]) => `${k} ${Math.max(...v).toFixed(0)}`).join("; ")}\n`,
  );
  return p95(times);
}

export default {
  name: `征地信息公开 over ${COUNT.toLocaleString("en")} records (${PG ? "PostgreSQL" : "embedded"})`,
  repeat: 3,
  unit: "ms",
  async setup() {
    const { needsBuild, buildPortal } = await import("@land/portal");
    if (await needsBuild()) await buildPortal({ log: (m: string) => process.stderr.write(`  ${m}\n`) });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "land-bench-disclosure-"));
    const env: Record<string, string> = { ...(process.env as Record<string, string>), LAND_DATA_DIR: dataDir, LAND_LOG_LEVEL: "warn" };
    delete env.DATABASE_URL;
    let dbName = "";
    if (PG) {
      dbName = `land_bench_disclosure_${randomBytes(4).toString("hex")}`;
      const admin = await openPostgres({ url: PG, max: 1 });
      await admin.exec(`CREATE DATABASE ${dbName}`);
      await admin.close();
      env.DATABASE_URL = withDatabase(PG, dbName);
    }
    const db = await openDatabase(loadConfig({ ...env, NODE_ENV: "test" }));
    const t0 = performance.now();
    await migrate(db);
    await ensureDivisions(db);
    let last = 0;
    await generatePublishedRecords(db, {
      count: COUNT,
      prefix: "b",
      onProgress: (done, total) => {
        if (done - last >= 20_000 || done === total) {
          last = done;
          process.stderr.write(`  generated ${done}/${total} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
        }
      },
    });
    if (PG) searchDb = db;
    else await db.close();
    const port = await freePort();
    // Development mode like the browser tests (production would demand the audit key and other secrets);
    // `land start` serves the production build either way.
    portal = spawn(process.execPath, [path.join(ROOT, "bin", "land.mjs"), "start", "--port", String(port), "--json"], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "development", LAND_HARVESTER: "off", LAND_DEMO: "false" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      let out = "";
      portal?.stdout?.on("data", (chunk) => {
        out += String(chunk);
        try {
          JSON.parse(out);
          resolve();
        } catch {
          /* the ready document is not complete yet */
        }
      });
      portal?.once("exit", (code) => reject(new Error(`land start exited with ${code}: ${out}`)));
    });
    base = `http://127.0.0.1:${port}`;
    // Warm both routes (first renders compile and fill caches).
    for (let i = 0; i < 20; i++) {
      await (await fetch(`${base}/gongkai/b-${i}`)).text();
      await (await fetch(`${base}/bench-static-page-missing`)).text();
    }
    // Warm the search too, as the pages are: a connection's first query of a shape loads the catalog
    // entries and the column statistics (the tokens' most common elements) into that backend.
    for (let i = 0; i < 2; i++) for (const input of QUERIES) await searchOnce(input);
    cleanup = async () => {
      portal?.kill("SIGTERM");
      if (portal && portal.exitCode === null) await new Promise((r) => portal?.once("exit", r));
      await searchDb?.close();
      if (PG && dbName) {
        const admin = await openPostgres({ url: PG, max: 1 });
        await admin.exec(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await admin.close();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  },
  async teardown() {
    const ratio =
      (throughput.record ?? []).reduce((a, b) => a + b, 0) /
      Math.max(
        1,
        (throughput.static ?? []).reduce((a, b) => a + b, 0),
      );
    const sum = (xs: number[] | undefined) => (xs ?? []).reduce((a, b) => a + b, 0);
    process.stderr.write(
      `  for scale, prerendered route /icon.svg: ${throughput.prerendered?.map((x) => x.toFixed(0)).join(", ")} req/s (record page ${(sum(throughput.record) / Math.max(1, sum(throughput.prerendered))).toFixed(2)}× of it)\n`,
    );
    process.stderr.write(
      `  throughput record page / static page: ${ratio.toFixed(2)}× ${ratio >= 0.5 ? "✓" : "✗"} goal ≥ 0.5× (record ${throughput.record?.map((x) => x.toFixed(0)).join(", ")} req/s; static ${throughput.static?.map((x) => x.toFixed(0)).join(", ")} req/s)\n`,
    );
    await cleanup();
  },
  baseline: {
    label: "data-free Next page (/gongkai guide) p95 at 100 connections",
    run: () => load("static", () => "/gongkai"),
  },
  cases: [
    {
      label: "record page /gongkai/<slug> SSR p95 at 100 connections",
      goal: 50,
      run: () => load("record", () => `/gongkai/b-${Math.floor(Math.random() * COUNT)}`),
    },
    { label: `search p95 over ${COUNT.toLocaleString("en")} records`, goal: 30, run: searchP95 },
    {
      label: "for scale: prerendered route /icon.svg (no render) p95 at 100 connections",
      run: () => load("prerendered", () => "/icon.svg"),
    },
  ],
};
