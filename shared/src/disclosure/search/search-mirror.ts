/**
 * Keeping the Meilisearch mirror (MEILI_URL) in step with disclosure_search, which stays the source
 * of truth. Every status change queues its record in disclosure_search_push in its own transaction
 * (afterStatusChange), so no change is lost to a crash or an unreachable server; after the commit
 * the caller drains the queue. A failed push never undoes the database write: the row stays with
 * its attempt count and error, is logged, and is retried by the next drain (every publish/withdraw,
 * the server's timer) or cleared by `land search rebuild`.
 */
import type { Db, Queryable } from "../../db/types.ts";
import { type MeiliOptions, pushToMeilisearch } from "./meilisearch.ts";

/** Where index entries are copied to; `pushToMeilisearch` for a real server. */
export interface SearchMirror {
  push(q: Queryable, recordId: string): Promise<unknown>;
}

export function meiliSearchMirror(o: MeiliOptions): SearchMirror {
  return { push: (q, recordId) => pushToMeilisearch(q, o, recordId) };
}

/** The mirror of a configuration: none without MEILI_URL (then nothing is ever pushed). */
export function searchMirrorFor(config: { meili: MeiliOptions | undefined }): SearchMirror | undefined {
  return config.meili ? meiliSearchMirror(config.meili) : undefined;
}

/** In the transaction of a status change: the record's index entry must reach the mirror. */
export async function queueSearchPush(tx: Queryable, recordId: string): Promise<void> {
  await tx.query(
    `INSERT INTO disclosure_search_push (record_id) VALUES ($1)
     ON CONFLICT (record_id) DO UPDATE SET queued_at = now(), updated_at = now()`,
    [recordId],
  );
}

export interface DrainResult {
  pushed: number;
  failed: { recordId: string; attempts: number; error: string }[];
}

/**
 * Pushes queued records (oldest first, at most `limit`); a pushed row is deleted unless the record
 * changed again meanwhile (then the next drain pushes the newer state). Never throws for a push.
 */
export async function drainSearchPushes(
  db: Db,
  mirror: SearchMirror,
  o: { limit?: number; log?: (message: string) => void } = {},
): Promise<DrainResult> {
  const rows = (
    await db.query<{ record_id: string; queued_at: string }>(
      "SELECT record_id, queued_at::text AS queued_at FROM disclosure_search_push ORDER BY queued_at, record_id LIMIT $1",
      [o.limit ?? 500],
    )
  ).rows;
  const out: DrainResult = { pushed: 0, failed: [] };
  for (const row of rows) {
    try {
      await mirror.push(db, row.record_id);
      await db.query("DELETE FROM disclosure_search_push WHERE record_id = $1 AND queued_at = $2::timestamptz", [
        row.record_id,
        row.queued_at,
      ]);
      out.pushed += 1;
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
      const r = await db.query<{ attempts: number }>(
        "UPDATE disclosure_search_push SET attempts = attempts + 1, last_error = $2, updated_at = now() WHERE record_id = $1 RETURNING attempts",
        [row.record_id, error],
      );
      const attempts = r.rows[0]?.attempts ?? 1;
      out.failed.push({ recordId: row.record_id, attempts, error });
      o.log?.(`检索镜像推送失败（记录 ${row.record_id}，第 ${attempts} 次，将重试）：${error}`);
    }
  }
  return out;
}

/** Queue rows still waiting (for `land search rebuild` and monitoring). */
export async function pendingSearchPushes(q: Queryable): Promise<{ pending: number; failing: number }> {
  const r = await q.query<{ pending: string; failing: string }>(
    "SELECT count(*)::text AS pending, count(*) FILTER (WHERE attempts > 0)::text AS failing FROM disclosure_search_push",
  );
  return { pending: Number(r.rows[0]?.pending ?? 0), failing: Number(r.rows[0]?.failing ?? 0) };
}

/** After a full rebuild: everything queued before it started is in the mirror. */
export async function clearSearchPushes(q: Queryable, before: string): Promise<number> {
  const r = await q.query("DELETE FROM disclosure_search_push WHERE queued_at <= $1::timestamptz", [before]);
  return r.rowCount ?? 0;
}
