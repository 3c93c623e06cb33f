/** SQL of the province link: the outbox, province_submission and province_reply. */
import type { Queryable } from "../../db/types.ts";

export const SUBMIT_TOPIC = "province.submit";

export interface OutboxRow {
  id: number;
  topic: string;
  idempotency_key: string;
  payload: { submissionId: string; batchId: string };
  status: "pending" | "sent" | "dead";
  attempts: number;
  last_error: string | null;
}

export interface SubmissionRow {
  id: string;
  batch_id: string;
  seq: number;
  division_code: string;
  status: string;
  province_ref: string | null;
  accepted_at: string | null;
  decided_at: string | null;
}

export async function nextSubmissionSeq(tx: Queryable, batchId: string): Promise<number> {
  const r = await tx.query<{ n: number }>("SELECT coalesce(max(seq), 0)::int + 1 AS n FROM province_submission WHERE batch_id = $1", [
    batchId,
  ]);
  return r.rows[0]?.n ?? 1;
}

export async function insertSubmission(
  tx: Queryable,
  s: { batchId: string; seq: number; divisionCode: string; actor: string },
): Promise<string> {
  const r = await tx.query<{ id: string }>(
    "INSERT INTO province_submission (batch_id, seq, division_code, created_by) VALUES ($1, $2, $3, $4) RETURNING id",
    [s.batchId, s.seq, s.divisionCode, s.actor],
  );
  return r.rows[0]?.id as string;
}

export async function insertOutbox(tx: Queryable, m: { topic: string; key: string; payload: unknown }): Promise<number> {
  const r = await tx.query<{ id: number }>(
    "INSERT INTO outbox (topic, idempotency_key, payload) VALUES ($1, $2, $3::jsonb) RETURNING id::int AS id",
    [m.topic, m.key, JSON.stringify(m.payload)],
  );
  return r.rows[0]?.id as number;
}

/**
 * Claims due messages: each gets one more attempt and its next_attempt_at pushed out by the lease,
 * so another dispatcher (or this one after a crash) only takes it again once the lease has run out.
 */
export async function claimDue(tx: Queryable, topic: string, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const r = await tx.query<OutboxRow>(
    `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
      WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND topic = $1 AND next_attempt_at <= now()
                    ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING id::int AS id, topic, idempotency_key, payload, status, attempts, last_error`,
    [topic, limit, leaseMs],
  );
  return r.rows;
}

export async function markSent(tx: Queryable, id: number): Promise<boolean> {
  const r = await tx.query("UPDATE outbox SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1 AND status = 'pending'", [
    id,
  ]);
  return r.rowCount > 0;
}

export async function scheduleRetry(tx: Queryable, id: number, delayMs: number, error: string): Promise<void> {
  await tx.query(
    `UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000), last_error = $3
      WHERE id = $1 AND status = 'pending'`,
    [id, delayMs, error.slice(0, 2000)],
  );
}

export async function markDead(tx: Queryable, id: number, error: string): Promise<boolean> {
  const r = await tx.query("UPDATE outbox SET status = 'dead', dead_at = now(), last_error = $2 WHERE id = $1 AND status = 'pending'", [
    id,
    error.slice(0, 2000),
  ]);
  return r.rowCount > 0;
}

export async function lockSubmission(tx: Queryable, id: string): Promise<SubmissionRow | null> {
  const r = await tx.query<SubmissionRow>(
    `SELECT id, batch_id, seq, division_code, status, province_ref, accepted_at::text, decided_at::text
       FROM province_submission WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return r.rows[0] ?? null;
}

export async function updateSubmission(
  tx: Queryable,
  id: string,
  changes: { status?: string; provinceRef?: string; delivered?: boolean; accepted?: boolean; decided?: boolean },
): Promise<void> {
  await tx.query(
    `UPDATE province_submission SET
        status = coalesce($2, status),
        province_ref = coalesce(province_ref, $3),
        delivered_at = CASE WHEN $4 THEN coalesce(delivered_at, now()) ELSE delivered_at END,
        accepted_at = CASE WHEN $5 THEN coalesce(accepted_at, now()) ELSE accepted_at END,
        decided_at = CASE WHEN $6 THEN coalesce(decided_at, now()) ELSE decided_at END
      WHERE id = $1`,
    [
      id,
      changes.status ?? null,
      changes.provinceRef ?? null,
      changes.delivered ?? false,
      changes.accepted ?? false,
      changes.decided ?? false,
    ],
  );
}

export async function replyExists(tx: Queryable, replyId: string): Promise<boolean> {
  return (await tx.query("SELECT 1 FROM province_reply WHERE reply_id = $1", [replyId])).rows.length > 0;
}

export async function insertReply(
  tx: Queryable,
  r: { replyId: string; submissionId: string; kind: string; payload: unknown; channel: string; outcome: string; note: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO province_reply (reply_id, submission_id, kind, payload, channel, outcome, note)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
    [r.replyId, r.submissionId, r.kind, JSON.stringify(r.payload), r.channel, r.outcome, r.note],
  );
}

/** Submissions the province may still answer: at least one send attempted, no final reply yet. */
export async function awaitingReply(q: Queryable, limit: number): Promise<string[]> {
  const r = await q.query<{ id: string }>(
    `SELECT s.id FROM province_submission s JOIN outbox o ON o.idempotency_key = s.id::text
      WHERE s.decided_at IS NULL AND o.attempts > 0 ORDER BY s.created_at LIMIT $1`,
    [limit],
  );
  return r.rows.map((x) => x.id);
}

export interface PackageSource {
  batch: {
    batch_no: string;
    name: string;
    land_use_type: string;
    division_code: string;
    plan_year: number;
    total_area_ha: string | null;
  };
  seq: number;
  review: Record<string, unknown> | null;
  documents: { kind: string; file_name: string; media_type: string; size_bytes: string; sha256: string }[];
}

export async function selectPackageSource(q: Queryable, submissionId: string): Promise<PackageSource | null> {
  const s = (
    await q.query<PackageSource["batch"] & { seq: number; batch_id: string }>(
      `SELECT s.seq, s.batch_id, b.batch_no, b.name, b.land_use_type, b.division_code, b.plan_year, b.total_area_ha::text
         FROM province_submission s JOIN batch b ON b.id = s.batch_id WHERE s.id = $1`,
      [submissionId],
    )
  ).rows[0];
  if (!s) return null;
  const review = (
    await q.query<{ report: Record<string, unknown> }>("SELECT report FROM review WHERE batch_id = $1 ORDER BY version DESC LIMIT 1", [
      s.batch_id,
    ])
  ).rows[0];
  const documents = await q.query<PackageSource["documents"][number]>(
    `SELECT kind, file_name, media_type, size_bytes::text, sha256 FROM attachment WHERE batch_id = $1 ORDER BY created_at, id`,
    [s.batch_id],
  );
  return { batch: s, seq: s.seq, review: review?.report ?? null, documents: documents.rows };
}

export async function batchHasSurvey(q: Queryable, batchId: string): Promise<boolean> {
  return (await q.query("SELECT 1 FROM boundary_survey WHERE batch_id = $1 LIMIT 1", [batchId])).rows.length > 0;
}

export interface OutboxAlert {
  id: number;
  batchNo: string;
  submissionId: string;
  seq: number;
  divisionCode: string;
  attempts: number;
  lastError: string | null;
  deadAt: string;
}

export async function selectDeadLetters(q: Queryable, limit: number): Promise<OutboxAlert[]> {
  const r = await q.query<OutboxAlert>(
    `SELECT o.id::int AS id, b.batch_no AS "batchNo", s.id AS "submissionId", s.seq, s.division_code AS "divisionCode",
            o.attempts, o.last_error AS "lastError", to_char(o.dead_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS "deadAt"
       FROM outbox o JOIN province_submission s ON s.id::text = o.idempotency_key JOIN batch b ON b.id = s.batch_id
      WHERE o.status = 'dead' ORDER BY o.dead_at DESC LIMIT $1`,
    [limit],
  );
  return r.rows;
}

export async function countOutbox(q: Queryable): Promise<{ pending: number; sent: number; dead: number }> {
  const r = await q.query<{ pending: number; sent: number; dead: number }>(
    `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'sent')::int AS sent,
            count(*) FILTER (WHERE status = 'dead')::int AS dead FROM outbox`,
  );
  return r.rows[0] ?? { pending: 0, sent: 0, dead: 0 };
}

export async function countSubmissions(q: Queryable): Promise<{ waiting: number; accepted: number; approved: number; returned: number }> {
  const r = await q.query<{ waiting: number; accepted: number; approved: number; returned: number }>(
    `SELECT count(*) FILTER (WHERE status IN ('queued', 'delivered', 'dead'))::int AS waiting,
            count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
            count(*) FILTER (WHERE status = 'approved')::int AS approved,
            count(*) FILTER (WHERE status = 'returned')::int AS returned FROM province_submission`,
  );
  return r.rows[0] ?? { waiting: 0, accepted: 0, approved: 0, returned: 0 };
}

/** Submissions of these batches with no final reply whose message is not dead: still in flight. */
export async function countUnsettled(q: Queryable, batchIds: readonly string[]): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM province_submission s JOIN outbox o ON o.idempotency_key = s.id::text
      WHERE s.batch_id = ANY($1::uuid[]) AND s.decided_at IS NULL AND o.status <> 'dead'`,
    [batchIds],
  );
  return r.rows[0]?.n ?? 0;
}

export async function countRunSubmissions(
  q: Queryable,
  batchIds: readonly string[],
): Promise<{ submissions: number; dead: number; lost: number }> {
  const r = await q.query<{ submissions: number; dead: number; lost: number }>(
    `SELECT count(*)::int AS submissions,
            count(*) FILTER (WHERE o.status = 'dead')::int AS dead,
            count(*) FILTER (WHERE s.decided_at IS NULL AND o.status <> 'dead')::int AS lost
       FROM province_submission s JOIN outbox o ON o.idempotency_key = s.id::text
      WHERE s.batch_id = ANY($1::uuid[])`,
    [batchIds],
  );
  return r.rows[0] ?? { submissions: 0, dead: 0, lost: 0 };
}

/** Final replies applied, and replies applied beyond the first of their kind per submission. */
export async function countRunReplies(q: Queryable, batchIds: readonly string[]): Promise<{ finals: number; extra: number }> {
  const r = await q.query<{ finals: number; extra: number }>(
    `SELECT coalesce(sum(finals), 0)::int AS finals, coalesce(sum(greatest(finals - 1, 0) + greatest(receipts - 1, 0)), 0)::int AS extra
       FROM (SELECT r.submission_id,
                    count(*) FILTER (WHERE r.kind IN ('approval', 'return')) AS finals,
                    count(*) FILTER (WHERE r.kind = 'receipt') AS receipts
               FROM province_reply r JOIN province_submission s ON s.id = r.submission_id
              WHERE s.batch_id = ANY($1::uuid[]) AND r.outcome = 'applied'
              GROUP BY r.submission_id) x`,
    [batchIds],
  );
  return r.rows[0] ?? { finals: 0, extra: 0 };
}

export async function submissionIdsOf(q: Queryable, batchIds: readonly string[]): Promise<string[]> {
  const r = await q.query<{ id: string }>("SELECT id FROM province_submission WHERE batch_id = ANY($1::uuid[])", [batchIds]);
  return r.rows.map((x) => x.id);
}

/** A dead letter back to pending with a fresh attempt budget; false when it is not (or no longer) dead. */
export async function requeueDead(tx: Queryable, id: number): Promise<{ idempotency_key: string; attempts: number } | null> {
  const r = await tx.query<{ idempotency_key: string; attempts: number }>(
    `UPDATE outbox o SET status = 'pending', attempts = 0, next_attempt_at = now(), dead_at = NULL
       FROM (SELECT id, attempts FROM outbox WHERE id = $1 AND status = 'dead' FOR UPDATE) old
      WHERE o.id = old.id RETURNING o.idempotency_key, old.attempts`,
    [id],
  );
  return r.rows[0] ?? null;
}
