/**
 * Use cases of the harvester's run log. A run is `running` from the moment it is requested; its
 * heartbeat says a process is working on it (null = queued by “立即采集”, waiting for a harvester).
 * A running run whose heartbeat is older than `staleAfterMs` belongs to a process that died: the
 * next run of that source resumes it (same run, `resumed` + 1) from the cursor its last committed
 * page left, so nothing is lost and nothing is collected twice.
 */
import { z } from "zod";
import { parseInput } from "../../approval/common.ts";
import type { Db, Queryable } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit, lockAuditChain } from "../../security/audit.ts";
import {
  addRunCounts,
  claimRun,
  getRunRow,
  type HarvestRunRow,
  insertRun,
  listRunRows,
  lockActiveRun,
  lockCursorRow,
  queuedRuns,
  setRunFinished,
  writeCursorRow,
} from "./repository.ts";

export const HARVEST_TRIGGERS = ["schedule", "manual", "cli"] as const;
export type HarvestTrigger = (typeof HARVEST_TRIGGERS)[number];

/** The stored cursor of a source: the connector's own position plus the items that failed last time. */
export interface SourceCursor {
  position: unknown;
  failed: unknown[];
}

export interface HarvestRunView {
  id: number;
  sourceId: string;
  full: boolean;
  status: string;
  /** queued = requested, no harvester has picked it up yet. */
  phase: "queued" | "running" | "finished";
  trigger: string | null;
  requestedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  heartbeatAt: string | null;
  discovered: number;
  fetched: number;
  unchanged: number;
  failed: number;
  resumed: number;
  error: string | null;
}

export function runView(r: HarvestRunRow): HarvestRunView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: Number(r.id),
    sourceId: r.source_id,
    full: r.full_harvest,
    status: r.status,
    phase: r.status !== "running" ? "finished" : r.heartbeat_at ? "running" : "queued",
    trigger: r.trigger,
    requestedBy: r.requested_by,
    startedAt: iso(r.started_at) ?? "",
    finishedAt: iso(r.finished_at),
    heartbeatAt: iso(r.heartbeat_at),
    discovered: r.discovered,
    fetched: r.fetched,
    unchanged: r.unchanged,
    failed: r.failed,
    resumed: r.resumed,
    error: r.error,
  };
}

const sourceId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "采集源标识为小写字母、数字与连字符");
const actor = z.string().min(1).max(64);

const requestSchema = z.object({ sourceId, full: z.boolean().default(false), actor });

/**
 * “立即采集”: queues a run of a source (the harvester picks it up within seconds). Idempotent while
 * the source has a run queued or running: that run is returned instead of a second one.
 */
export async function requestHarvestRun(
  db: Db,
  input: z.input<typeof requestSchema>,
  known?: readonly string[],
): Promise<{ run: HarvestRunView; created: boolean }> {
  const o = parseInput("requestHarvestRun", requestSchema, input);
  if (known && !known.includes(o.sourceId)) {
    throw new AppError("NOT_FOUND", `unknown harvest source ${o.sourceId}`, {
      messageZh: `采集源不存在：${o.sourceId}`,
      location: { field: "sourceId" },
    });
  }
  return db.transaction(async (tx) => {
    await lockAuditChain(tx);
    await lockCursorRow(tx, o.sourceId);
    const active = await lockActiveRun(tx, o.sourceId);
    if (active) return { run: runView(active), created: false };
    const id = await insertRun(tx, { sourceId: o.sourceId, full: o.full, trigger: "manual", requestedBy: o.actor, claimed: false });
    await appendAudit(tx, {
      actor: o.actor,
      action: "harvest.run.request",
      entity: "harvest_run",
      entityId: String(id),
      detail: { sourceId: o.sourceId, full: o.full },
    });
    return { run: runView((await getRunRow(tx, id)) as HarvestRunRow), created: true };
  });
}

const beginSchema = z.object({
  sourceId,
  full: z.boolean().default(false),
  trigger: z.enum(HARVEST_TRIGGERS),
  requestedBy: z.string().max(64).nullable().default(null),
  /** Claim this queued run (from requestHarvestRun). */
  runId: z.number().int().positive().optional(),
  staleAfterMs: z.number().int().positive().default(120_000),
  actor,
});

export interface BegunRun {
  runId: number;
  full: boolean;
  resumed: boolean;
  cursor: SourceCursor;
}

/**
 * Starts, claims or resumes the source's run and returns the cursor to continue from. CONFLICT when
 * another live process is running the source (fresh heartbeat).
 */
export async function beginHarvestRun(db: Db, input: z.input<typeof beginSchema>): Promise<BegunRun> {
  const o = parseInput("beginHarvestRun", beginSchema, input);
  return db.transaction(async (tx) => {
    // Chain lock first, then rows: the same order as the page and finish transactions (no deadlock).
    await lockAuditChain(tx);
    const stored = await lockCursorRow(tx, o.sourceId);
    const cursor: SourceCursor = { position: stored.position ?? null, failed: Array.isArray(stored.failed) ? stored.failed : [] };
    const active = await lockActiveRun(tx, o.sourceId);
    const fresh = await tx.query<{ fresh: boolean }>(
      "SELECT ($1::timestamptz > now() - make_interval(secs => $2::double precision / 1000)) AS fresh",
      [active?.heartbeat_at ?? null, o.staleAfterMs],
    );
    if (active) {
      const queued = active.heartbeat_at === null;
      if (!queued && fresh.rows[0]?.fresh) {
        throw new AppError("CONFLICT", `harvest source ${o.sourceId} is being harvested by run ${active.id}`, {
          messageZh: `采集源 ${o.sourceId} 正在采集（运行 ${active.id}）`,
          location: { field: "sourceId" },
          details: { reason: "busy", runId: Number(active.id) },
        });
      }
      const id = Number(active.id);
      await claimRun(tx, id, !queued);
      await appendAudit(tx, {
        actor: o.actor,
        action: queued ? "harvest.run.start" : "harvest.run.resume",
        entity: "harvest_run",
        entityId: String(id),
        detail: { sourceId: o.sourceId, full: active.full_harvest, position: cursor.position ?? null },
      });
      if (queued && active.full_harvest) {
        cursor.position = null;
        await writeCursorRow(tx, o.sourceId, { ...cursor });
      }
      return { runId: id, full: active.full_harvest, resumed: !queued, cursor };
    }
    if (o.trigger === "schedule" && o.requestedBy) {
      // Each schedule slot runs once, whichever harvester instance fired it first.
      const done = await tx.query("SELECT 1 FROM harvest_run WHERE source_id = $1 AND requested_by = $2", [o.sourceId, o.requestedBy]);
      if (done.rows.length > 0) {
        throw new AppError("CONFLICT", `schedule slot ${o.requestedBy} already ran`, {
          messageZh: `定时采集 ${o.requestedBy} 已由其他实例运行`,
          location: { field: "requestedBy" },
          details: { reason: "slot_done" },
        });
      }
    }
    const id = await insertRun(tx, { sourceId: o.sourceId, full: o.full, trigger: o.trigger, requestedBy: o.requestedBy, claimed: true });
    if (o.full) {
      // A full harvest walks the source from the start; items already held are still skipped by hash.
      cursor.position = null;
      await writeCursorRow(tx, o.sourceId, { ...cursor });
    }
    await appendAudit(tx, {
      actor: o.actor,
      action: "harvest.run.start",
      entity: "harvest_run",
      entityId: String(id),
      detail: { sourceId: o.sourceId, full: o.full, trigger: o.trigger },
    });
    return { runId: id, full: o.full, resumed: false, cursor };
  });
}

/**
 * Inside the transaction that writes a page's items: advance the source's cursor and the run's
 * counters (and heartbeat) with them, audited as one page.
 */
export async function commitHarvestPage(
  tx: Queryable,
  p: {
    runId: number;
    sourceId: string;
    cursor: SourceCursor;
    counts: { discovered: number; fetched: number; unchanged: number; failed: number };
    actor: string;
  },
): Promise<void> {
  await writeCursorRow(tx, p.sourceId, { position: p.cursor.position ?? null, failed: p.cursor.failed });
  await addRunCounts(tx, p.runId, p.counts);
  await appendAudit(tx, {
    actor: p.actor,
    action: "harvest.page",
    entity: "harvest_run",
    entityId: String(p.runId),
    detail: { sourceId: p.sourceId, ...p.counts, pendingFailures: p.cursor.failed.length },
  });
}

/** Heartbeat of a long page (OCR of many scans) so the run is not taken for dead. */
export async function heartbeatHarvestRun(db: Db, runId: number): Promise<void> {
  await db.query("UPDATE harvest_run SET heartbeat_at = now() WHERE id = $1 AND status = 'running'", [runId]);
}

export async function finishHarvestRun(
  db: Db,
  f: { runId: number; status: "succeeded" | "failed" | "interrupted"; error?: string | null; actor: string },
): Promise<HarvestRunView> {
  return db.transaction(async (tx) => {
    await lockAuditChain(tx);
    await setRunFinished(tx, f.runId, f.status, f.error ?? null);
    const row = (await getRunRow(tx, f.runId)) as HarvestRunRow;
    await appendAudit(tx, {
      actor: f.actor,
      action: "harvest.run.finish",
      entity: "harvest_run",
      entityId: String(f.runId),
      detail: { sourceId: row.source_id, status: f.status, discovered: row.discovered, fetched: row.fetched, failed: row.failed },
    });
    return runView(row);
  });
}

export async function getHarvestRun(q: Queryable, id: number): Promise<HarvestRunView | null> {
  const row = await getRunRow(q, id);
  return row ? runView(row) : null;
}

export async function listHarvestRuns(q: Queryable, f: { sourceId?: string; limit?: number } = {}): Promise<HarvestRunView[]> {
  return (await listRunRows(q, { sourceId: f.sourceId, limit: Math.min(Math.max(f.limit ?? 50, 1), 500) })).map(runView);
}

export async function listQueuedHarvestRuns(q: Queryable): Promise<HarvestRunView[]> {
  return (await queuedRuns(q)).map(runView);
}
