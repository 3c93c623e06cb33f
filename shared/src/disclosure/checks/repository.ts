/** SQL the bundling and the checks read: which 批准文件 an item belongs to and what the database says about it. */
import type { Queryable } from "../../db/types.ts";

export interface ApprovalRef {
  id: string;
  doc_number: string;
  batch_id: string;
}

export async function approvalDocsByNumbers(q: Queryable, numbers: readonly string[]): Promise<ApprovalRef[]> {
  if (numbers.length === 0) return [];
  const r = await q.query<ApprovalRef>("SELECT id, doc_number, batch_id FROM approval_doc WHERE doc_number = ANY($1::text[])", [
    [...numbers],
  ]);
  // In the order the numbers were given (the first cited number wins).
  return numbers.flatMap((n) => r.rows.filter((x) => x.doc_number === n));
}

/** The batch's 批准文件 (the valid one, else the latest). */
export async function approvalDocOfBatch(
  q: Queryable,
  b: { batchId?: string | null; batchNo?: string | null },
): Promise<ApprovalRef | null> {
  const r = await q.query<ApprovalRef>(
    `SELECT a.id, a.doc_number, a.batch_id FROM approval_doc a JOIN batch b ON b.id = a.batch_id
      WHERE ($1::uuid IS NOT NULL AND b.id = $1::uuid) OR ($2::text IS NOT NULL AND b.batch_no = $2)
      ORDER BY (a.status = 'valid') DESC, a.created_at DESC LIMIT 1`,
    [b.batchId ?? null, b.batchNo ?? null],
  );
  return r.rows[0] ?? null;
}

export async function batchByRef(
  q: Queryable,
  b: { batchId?: string | null; batchNo?: string | null },
): Promise<{ id: string; division_code: string } | null> {
  const r = await q.query<{ id: string; division_code: string }>(
    "SELECT id, division_code FROM batch WHERE ($1::uuid IS NOT NULL AND id = $1::uuid) OR ($2::text IS NOT NULL AND batch_no = $2) LIMIT 1",
    [b.batchId ?? null, b.batchNo ?? null],
  );
  return r.rows[0] ?? null;
}

export interface Expectations {
  doc_number: string;
  approved_on: string;
  approved_area_ha: string;
  total_area_ha: string | null;
  land_use_type: string;
  /** The batch's 预公告 and 补偿安置方案公告 (every revision), to check a notice's 落款 by its 公告编号. */
  notices: { kind: "pre_announcement" | "compensation_notice"; notice_no: string; published_on: string }[];
  villages: string[];
}

/** What the database holds about a 批准文件 and its batch, to check documents against. */
export async function expectationsFor(q: Queryable, approvalDocId: string): Promise<Expectations | null> {
  const r = await q.query<Expectations>(
    `SELECT a.doc_number, a.approved_on::text AS approved_on, a.approved_area_ha::text AS approved_area_ha,
            b.total_area_ha::text AS total_area_ha, b.land_use_type,
            coalesce((SELECT json_agg(json_build_object('kind', n.kind, 'notice_no', n.notice_no, 'published_on', n.published_on::text))
                        FROM (SELECT 'pre_announcement' AS kind, notice_no, published_on FROM pre_announcement WHERE batch_id = b.id
                              UNION ALL
                              SELECT 'compensation_notice', notice_no, published_on FROM compensation_notice WHERE batch_id = b.id) n
                       WHERE n.notice_no IS NOT NULL), '[]'::json) AS notices,
            coalesce((SELECT array_agg(DISTINCT t.name || v.name ORDER BY t.name || v.name)
                        FROM parcel pa
                        JOIN division v ON v.level = 'village' AND v.geom IS NOT NULL AND ST_Intersects(v.geom, pa.geom)
                        JOIN division t ON t.code = v.parent_code
                       WHERE pa.batch_id = b.id), '{}') AS villages
       FROM approval_doc a JOIN batch b ON b.id = a.batch_id WHERE a.id = $1`,
    [approvalDocId],
  );
  return r.rows[0] ?? null;
}

export async function matchedKinds(q: Queryable, recordId: string): Promise<string[]> {
  const r = await q.query<{ kind: string }>(
    "SELECT DISTINCT kind FROM disclosure_item WHERE record_id = $1 AND match_status = 'matched' AND kind IS NOT NULL",
    [recordId],
  );
  return r.rows.map((x) => x.kind);
}

/** Items of a batch still waiting in the review queue (they join the record once its 批文 arrives). */
export async function unmatchedItemsOfBatch(q: Queryable, batchId: string): Promise<string[]> {
  const r = await q.query<{ id: string }>(
    "SELECT id FROM disclosure_item WHERE batch_id = $1 AND match_status = 'unmatched' ORDER BY created_at",
    [batchId],
  );
  return r.rows.map((x) => x.id);
}
