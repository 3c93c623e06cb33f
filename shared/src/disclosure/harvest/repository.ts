/** SQL of the harvester's run log (harvest_run) and per-source cursors (harvest_cursor). */
import type { Queryable } from "../../db/types.ts";

export interface HarvestRunRow {
  id: number;
  source_id: string;
  full_harvest: boolean;
  status: string;
  started_at: Date;
  finished_at: Date | null;
  discovered: number;
  fetched: number;
  unchanged: number;
  failed: number;
  error: string | null;
  trigger: string | null;
  requested_by: string | null;
  heartbeat_at: Date | null;
  resumed: number;
}

const RUN_COLUMNS =
  "id, source_id, full_harvest, status, started_at, finished_at, discovered, fetched, unchanged, failed, error, trigger, requested_by, heartbeat_at, resumed";

export async function getRunRow(q: Queryable, id: number): Promise<HarvestRunRow | null> {
  const r = await q.query<HarvestRunRow>(`SELECT ${RUN_COLUMNS} FROM harvest_run WHERE id = $1`, [id]);
  return r.rows[0] ?? null;
}

export async function listRunRows(q: Queryable, f: { sourceId?: string; limit: number }): Promise<HarvestRunRow[]> {
  const r = await q.query<HarvestRunRow>(
    `SELECT ${RUN_COLUMNS} FROM harvest_run WHERE ($1::text IS NULL OR source_id = $1) ORDER BY id DESC LIMIT $2`,
    [f.sourceId ?? null, f.limit],
  );
  return r.rows;
}

/** The source's running (or queued) run, locked. */
export async function lockActiveRun(tx: Queryable, sourceId: string): Promise<HarvestRunRow | null> {
  const r = await tx.query<HarvestRunRow>(
    `SELECT ${RUN_COLUMNS} FROM harvest_run WHERE source_id = $1 AND status = 'running' ORDER BY id LIMIT 1 FOR UPDATE`,
    [sourceId],
  );
  return r.rows[0] ?? null;
}

export async function queuedRuns(q: Queryable): Promise<HarvestRunRow[]> {
  const r = await q.query<HarvestRunRow>(
    `SELECT ${RUN_COLUMNS} FROM harvest_run WHERE status = 'running' AND heartbeat_at IS NULL ORDER BY id`,
  );
  return r.rows;
}

export async function insertRun(
  tx: Queryable,
  r: { sourceId: string; full: boolean; trigger: string; requestedBy: string | null; claimed: boolean },
): Promise<number> {
  const res = await tx.query<{ id: number }>(
    `INSERT INTO harvest_run (source_id, full_harvest, status, trigger, requested_by, heartbeat_at)
     VALUES ($1, $2, 'running', $3, $4, CASE WHEN $5::boolean THEN now() END) RETURNING id`,
    [r.sourceId, r.full, r.trigger, r.requestedBy, r.claimed],
  );
  return Number((res.rows[0] as { id: number }).id);
}

export async function claimRun(tx: Queryable, id: number, resumed: boolean): Promise<void> {
  await tx.query("UPDATE harvest_run SET heartbeat_at = now(), resumed = resumed + CASE WHEN $2::boolean THEN 1 ELSE 0 END WHERE id = $1", [
    id,
    resumed,
  ]);
}

export async function addRunCounts(
  tx: Queryable,
  id: number,
  d: { discovered: number; fetched: number; unchanged: number; failed: number },
): Promise<void> {
  await tx.query(
    `UPDATE harvest_run SET discovered = discovered + $2, fetched = fetched + $3, unchanged = unchanged + $4, failed = failed + $5,
            heartbeat_at = now() WHERE id = $1`,
    [id, d.discovered, d.fetched, d.unchanged, d.failed],
  );
}

export async function setRunFinished(tx: Queryable, id: number, status: string, error: string | null): Promise<void> {
  await tx.query("UPDATE harvest_run SET status = $2, error = $3, finished_at = now(), heartbeat_at = now() WHERE id = $1", [
    id,
    status,
    error,
  ]);
}

export async function lockCursorRow(tx: Queryable, sourceId: string): Promise<Record<string, unknown>> {
  await tx.query("INSERT INTO harvest_cursor (source_id) VALUES ($1) ON CONFLICT (source_id) DO NOTHING", [sourceId]);
  const r = await tx.query<{ cursor: Record<string, unknown> }>("SELECT cursor FROM harvest_cursor WHERE source_id = $1 FOR UPDATE", [
    sourceId,
  ]);
  return r.rows[0]?.cursor ?? {};
}

export async function writeCursorRow(tx: Queryable, sourceId: string, cursor: Record<string, unknown>): Promise<void> {
  await tx.query(
    `INSERT INTO harvest_cursor (source_id, cursor, updated_at) VALUES ($1, $2::jsonb, now())
     ON CONFLICT (source_id) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()`,
    [sourceId, JSON.stringify(cursor)],
  );
}
