import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareForSubmission } from "../../acquisition/testing.ts";
import { loadConfig } from "../../config/env.ts";
import { migrate } from "../../db/migrate.ts";
import { openDatabase } from "../../db/open.ts";
import { createTestDatabase, type TestDatabase, testBackend } from "../../db/testing.ts";
import type { Db } from "../../db/types.ts";
import { seedDemo } from "../../seed/seed-demo.ts";
import { registerBatch } from "../register-batch.ts";
import { transitionBatch } from "../transition-batch.ts";
import { type ProvinceSimulator, startProvinceSimulator } from "./simulator/server.ts";

/**
 * Kill the process between the state change and the send (SIGKILL, a real child process on a real
 * database): after a restart the province receives the submission exactly once.
 */
const SECRET = "crash-test-province-secret-0123456789";
const CHILD = path.join(import.meta.dirname, "testing", "crash-child.ts");
const embedded = testBackend() === "embedded";
let t: TestDatabase | null = null;
let dataDir = "";
let sim: ProvinceSimulator;
let serial = 0;

/** Opens the database the children use (parent side), runs fn, closes it so a child can open it. */
async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  if (t) return fn(t.db);
  const db = await openDatabase(loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: dataDir }), { command: "crash-test" });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  if (embedded) {
    dataDir = await mkdtemp(path.join(tmpdir(), "land-crash-"));
    await withDb(async (db) => {
      await migrate(db);
      await seedDemo(db, { demo: false });
    });
  } else {
    t = await createTestDatabase();
    await seedDemo(t.db, { demo: false });
  }
  sim = await startProvinceSimulator({ secret: SECRET, delayMs: 60_000, faultRate: 0, seed: "crash" });
}, 300_000);
afterAll(async () => {
  await sim?.close();
  await t?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function child(env: Record<string, string>): { proc: ChildProcess; waitFor(line: string): Promise<void>; exit: Promise<number | null> } {
  const proc = spawn(process.execPath, [CHILD], {
    env: {
      ...process.env,
      ...env,
      CHILD_PROVINCE_URL: sim.url,
      CHILD_SECRET: SECRET,
      ...(t?.url ? { CHILD_DATABASE_URL: t.url } : { CHILD_DATA_DIR: dataDir }),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const waiters: { line: string; resolve: () => void }[] = [];
  proc.stdout?.on("data", (b: Buffer) => {
    out += b.toString();
    for (const w of waiters) if (out.split("\n").includes(w.line)) w.resolve();
  });
  proc.stderr?.on("data", (b: Buffer) => {
    err += b.toString();
  });
  const exit = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return {
    proc,
    exit,
    waitFor: (line) =>
      new Promise<void>((resolve, reject) => {
        if (out.split("\n").includes(line)) return resolve();
        waiters.push({ line, resolve });
        void exit.then((code) => reject(new Error(`child exited (${code}) before "${line}"; stdout: ${out}; stderr: ${err}`)));
      }),
  };
}

async function batchAtCityReview(): Promise<string> {
  serial += 1;
  return withDb(async (db) => {
    const { id } = await registerBatch(db, {
      batchNo: `CRASH-${process.pid}-${serial}`,
      name: `崩溃测试批次${serial}`,
      landUseType: "urban_batch",
      divisionCode: "510112",
      planYear: 2026,
      actor: "tester",
    });
    await prepareForSubmission(db, id);
    for (const to of ["assembling", "county_review", "city_review"] as const)
      await transitionBatch(db, { batchId: id, to, actor: "tester" });
    return id;
  });
}

async function crashThenRestart(crash: "before-send" | "after-send") {
  const batchId = await batchAtCityReview();
  const first = child({ CHILD_MODE: "transition", CHILD_BATCH_ID: batchId, CHILD_CRASH: crash });
  await first.waitFor("SENDING");
  first.proc.kill("SIGKILL");
  expect(await first.exit).toBeNull();
  const state = await withDb(async (db) => {
    const r = await db.query<{ state: string; status: string; attempts: number; key: string }>(
      `SELECT b.state, o.status, o.attempts, o.idempotency_key AS key FROM batch b JOIN province_submission s ON s.batch_id = b.id
         JOIN outbox o ON o.idempotency_key = s.id::text WHERE b.id = $1`,
      [batchId],
    );
    return r.rows;
  });
  // The state change committed with its message; the message is not marked sent.
  expect(state).toEqual([{ state: "submitted_to_province", status: "pending", attempts: 1, key: expect.any(String) }]);
  const key = state[0]?.key as string;
  const before = sim.submissions().filter((s) => s.idempotencyKey === key);
  expect(before.length).toBe(crash === "after-send" ? 1 : 0);

  const second = child({ CHILD_MODE: "restart", CHILD_BATCH_ID: batchId });
  await second.waitFor("DONE");
  expect(await second.exit).toBe(0);
  const after = sim.submissions().filter((s) => s.idempotencyKey === key);
  const sameBatch = sim.submissions().filter((s) => s.batchNo === `CRASH-${process.pid}-${serial}`);
  return { after, sameBatch, batchId };
}

describe("crash between the state change and the send", () => {
  it("killed before the request left: after restart the province receives the submission exactly once", async () => {
    const { after, sameBatch } = await crashThenRestart("before-send");
    expect(sameBatch).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]?.received).toBe(1);
  }, 300_000);
  it("killed after the province accepted but before we recorded it: the resend carries the key, still one submission", async () => {
    const { after, sameBatch } = await crashThenRestart("after-send");
    expect(sameBatch).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]?.received).toBe(2);
  }, 300_000);
});
