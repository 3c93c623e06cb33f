import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type AppConfig, LocalFileStorage, loadConfig, requestHarvestRun } from "@land/shared";
import { createTestDatabase, type TestDatabase } from "@land/shared/db/testing";
import { seedDemo } from "@land/shared/seed/seed-demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scheduler, slotOf, startScheduler } from "./scheduler.ts";
import { memoryConnector } from "./testing.ts";

let t: TestDatabase;
let dir: string;
let config: AppConfig;
const instances: Scheduler[] = [];
const rows = async <T>(sql: string, params?: unknown[]): Promise<T[]> => (await t.db.query<T>(sql, params)).rows;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  dir = await mkdtemp(path.join(tmpdir(), "land-sched-"));
  config = loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: dir, ...(t.url ? { DATABASE_URL: t.url } : {}) });
  const files = [
    { key: "1", title: "一", fileName: "1.txt", text: "一" },
    { key: "2", title: "二", fileName: "2.txt", text: "二" },
  ];
  for (const name of ["a", "b"]) {
    instances.push(
      await startScheduler({
        db: t.db,
        config,
        log: () => {},
        storage: new LocalFileStorage(dir),
        connectors: [memoryConnector(files, { id: "sched" })],
        cron: false,
        pollMs: 500,
        busyRetrySeconds: 1,
        instanceId: name,
        deps: { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } },
      }),
    );
  }
}, 300_000);
afterAll(async () => {
  for (const s of instances) await s.stop();
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("harvest scheduling", () => {
  it("runs each schedule slot once although two instances fire it", async () => {
    const slots = [new Date("2026-11-27T02:00:00Z"), new Date("2026-11-27T02:01:00Z"), new Date("2026-11-27T02:02:00Z")];
    for (const at of slots) for (const s of instances) await s.trigger("sched", at);
    // Also fire a slot again long after it ran: still once.
    const finished = await until("three slot runs", async () => {
      const r = await rows<{ requested_by: string; status: string }>(
        "SELECT requested_by, status FROM harvest_run WHERE source_id = 'sched' AND trigger = 'schedule' ORDER BY id",
      );
      return r.length >= 3 && r.every((x) => x.status !== "running") ? r : null;
    });
    for (const s of instances) await s.trigger("sched", slots[0] as Date);
    await new Promise((r) => setTimeout(r, 3000));
    const all = await rows<{ requested_by: string }>(
      "SELECT requested_by FROM harvest_run WHERE source_id = 'sched' AND trigger = 'schedule'",
    );
    expect(all.map((r) => r.requested_by).sort()).toEqual(slots.map((s) => slotOf("sched", s)).sort());
    const errs = await rows<{ status: string; error: string | null }>(
      "SELECT status, error FROM harvest_run WHERE source_id = 'sched' AND status <> 'succeeded'",
    );
    expect(errs).toEqual([]);
    expect(finished.every((r) => r.status === "succeeded")).toBe(true);
    // The items were collected once.
    expect((await rows("SELECT 1 FROM disclosure_item WHERE source_id = 'sched'")).length).toBe(2);
  });

  it("picks up a “立即采集” request and reports its progress until it finishes", async () => {
    const { run, created } = await requestHarvestRun(t.db, { sourceId: "sched", full: true, actor: "gongkai" });
    expect(created).toBe(true);
    expect(run.phase).toBe("queued");
    // A second request while it is queued returns the same run.
    const again = await requestHarvestRun(t.db, { sourceId: "sched", actor: "gongkai" });
    expect(again).toMatchObject({ created: false, run: { id: run.id } });
    const done = await until("the requested run", async () => {
      const [r] = await rows<{ status: string; discovered: number; unchanged: number; trigger: string; requested_by: string }>(
        "SELECT status, discovered, unchanged, trigger, requested_by FROM harvest_run WHERE id = $1",
        [run.id],
      );
      return r && r.status !== "running" ? r : null;
    });
    expect(done).toMatchObject({ status: "succeeded", discovered: 2, unchanged: 2, trigger: "manual", requested_by: "gongkai" });
    expect((await rows("SELECT 1 FROM audit_event WHERE action = 'harvest.run.request' AND entity_id = $1", [String(run.id)])).length).toBe(
      1,
    );
  });
});
