/**
 * Crash test of the harvester: the real `land harvest` as a child process, SIGKILLed in the middle
 * of a run, then started again. The run must resume (same run, resumed once) and end with every
 * document of the source collected exactly once — no duplicate items or attachments, none lost.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Db, loadConfig, openDatabase, verifyAuditChain } from "@land/shared";
import { createTestDatabase, type TestDatabase } from "@land/shared/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "land-crash-"));
let pg: TestDatabase | null = null;
let env: Record<string, string>;

function land(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "land.mjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 280_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  if (pg) return fn(pg.db);
  const db = await openDatabase(loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: dataDir }), { command: "crash test" });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
const count = (db: Db, sql: string) => db.query<{ n: number }>(sql).then((r) => Number(r.rows[0]?.n));

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) {
    pg = await createTestDatabase({ migrate: false });
    env = { DATABASE_URL: pg.url as string, TEST_DATABASE_URL: "", LAND_DATA_DIR: dataDir, NODE_ENV: "development" };
  } else {
    env = { DATABASE_URL: "", TEST_DATABASE_URL: "", LAND_DATA_DIR: dataDir, NODE_ENV: "development" };
  }
  const seeded = land(["seed", "--scale", "tiny", "--documents", "text", "--json"]);
  if (seeded.code !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
  // Small pages so the kill lands between committed pages; a run silent for 3 s is dead.
  fs.writeFileSync(
    path.join(dataDir, "harvest-sources.json"),
    JSON.stringify({ onemap: { pageSize: 4 }, drop: false, staleAfterSeconds: 3 }),
  );
}, 300_000);
afterAll(async () => {
  await pg?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("harvester crash", { timeout: 300_000 }, () => {
  it("resumes a SIGKILLed run with no duplicate and no lost document", async () => {
    const attachmentsBefore = await withDb((db) => count(db, "SELECT count(*)::int AS n FROM attachment"));
    expect(attachmentsBefore).toBeGreaterThan(12);

    // First run: killed once at least two pages are committed.
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "land.mjs"), "harvest", "--source", "onemap"], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    let processedAtKill = 0;
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      log += chunk;
      const m = [...log.matchAll(/已处理 (\d+)\/(\d+)/g)].pop();
      if (m && Number(m[1]) >= 8 && processedAtKill === 0) {
        processedAtKill = Number(m[1]);
        child.kill("SIGKILL");
      }
    });
    const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    expect(exit.signal, `the harvest ended before it could be killed:\n${log}`).toBe("SIGKILL");
    expect(processedAtKill).toBeLessThan(attachmentsBefore);

    const killed = await withDb(async (db) => {
      const r = await db.query<{ id: number; status: string; discovered: number }>("SELECT id, status, discovered FROM harvest_run");
      return r.rows;
    });
    expect(killed).toHaveLength(1);
    expect(killed[0]?.status).toBe("running");
    const itemsAtKill = await withDb((db) => count(db, "SELECT count(*)::int AS n FROM disclosure_item"));
    expect(itemsAtKill).toBeGreaterThanOrEqual(8);
    expect(itemsAtKill).toBeLessThan(attachmentsBefore);

    // Restart after the dead run's heartbeat went stale.
    await new Promise((r) => setTimeout(r, 4000));
    const again = land(["harvest", "--source", "onemap", "--json"]);
    expect(again.code, again.stderr).toBe(0);
    const doc = JSON.parse(again.stdout) as {
      runs: { id: number; status: string; resumed: number; discovered: number; fetched: number }[];
    };
    expect(doc.runs).toHaveLength(1);
    expect(doc.runs[0]).toMatchObject({ id: Number(killed[0]?.id), status: "succeeded", resumed: 1 });
    // Counts are committed with their pages: the page lost in the kill is counted once, when redone.
    expect(doc.runs[0]?.discovered).toBe(attachmentsBefore);
    expect(doc.runs[0]?.fetched).toBe(attachmentsBefore);

    await withDb(async (db) => {
      expect(await count(db, "SELECT count(*)::int AS n FROM disclosure_item")).toBe(attachmentsBefore);
      expect(await count(db, "SELECT count(DISTINCT content_sha256 || source_key)::int AS n FROM disclosure_item")).toBe(attachmentsBefore);
      // None lost: every archived document of the source has its item.
      expect(
        await count(
          db,
          "SELECT count(*)::int AS n FROM attachment a WHERE NOT EXISTS (SELECT 1 FROM disclosure_item i WHERE i.source_key = 'attachment/' || a.id)",
        ),
      ).toBe(0);
      // No duplicate attachments: the harvested files are the archive's own.
      expect(await count(db, "SELECT count(*)::int AS n FROM attachment")).toBe(attachmentsBefore);
      expect(await count(db, "SELECT count(*)::int AS n FROM harvest_run")).toBe(1);
      expect(await count(db, "SELECT count(*)::int AS n FROM disclosure_record")).toBeGreaterThan(0);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    // And a further run finds nothing new.
    const third = JSON.parse(land(["harvest", "--source", "onemap", "--json"]).stdout) as {
      runs: { discovered: number; fetched: number }[];
    };
    expect(third.runs[0]).toMatchObject({ discovered: 0, fetched: 0 });
  });
});
