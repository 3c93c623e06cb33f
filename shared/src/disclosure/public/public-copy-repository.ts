import type { Queryable } from "../../db/types.ts";

export interface PublicCopyRow {
  source_sha256: string;
  status: "ok" | "failed";
  sha256: string | null;
  storage_key: string | null;
  media_type: string | null;
  size_bytes: number | null;
  pages: number | null;
  boxes: number | null;
  detail: unknown;
  error: string | null;
}

export async function readPublicCopy(q: Queryable, sourceSha256: string): Promise<PublicCopyRow | null> {
  const r = await q.query<PublicCopyRow>(
    `SELECT source_sha256, status, sha256, storage_key, media_type, size_bytes::int AS size_bytes, pages, boxes, detail, error
       FROM disclosure_public_copy WHERE source_sha256 = $1`,
    [sourceSha256],
  );
  return r.rows[0] ?? null;
}

export async function writePublicCopy(q: Queryable, row: PublicCopyRow): Promise<void> {
  await q.query(
    `INSERT INTO disclosure_public_copy (source_sha256, status, sha256, storage_key, media_type, size_bytes, pages, boxes, detail, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
     ON CONFLICT (source_sha256) DO UPDATE SET status = EXCLUDED.status, sha256 = EXCLUDED.sha256, storage_key = EXCLUDED.storage_key,
       media_type = EXCLUDED.media_type, size_bytes = EXCLUDED.size_bytes, pages = EXCLUDED.pages, boxes = EXCLUDED.boxes,
       detail = EXCLUDED.detail, error = EXCLUDED.error, updated_at = now()`,
    [
      row.source_sha256,
      row.status,
      row.sha256,
      row.storage_key,
      row.media_type,
      row.size_bytes,
      row.pages,
      row.boxes,
      JSON.stringify(row.detail ?? []),
      row.error,
    ],
  );
}

/** A proactive material's stored file: what a public copy is made from. */
export interface ProactiveFileRow {
  item_id: string;
  title: string;
  file_name: string;
  media_type: string;
  storage_key: string;
  sha256: string;
  division_code: string;
}

/** The files the public portal would serve for a record (same filter as findPublicFile, any status). */
export async function listProactiveFiles(q: Queryable, recordId: string): Promise<ProactiveFileRow[]> {
  const r = await q.query<ProactiveFileRow>(
    `SELECT i.id AS item_id, i.title, a.file_name, a.media_type, a.storage_key, a.sha256, r.division_code
       FROM disclosure_item i
       JOIN disclosure_record r ON r.id = i.record_id
       JOIN attachment a ON a.id = i.attachment_id
      WHERE i.record_id = $1 AND i.match_status = 'matched' AND i.disclosure_type = 'proactive' AND a.disclosure_type = 'proactive'
      ORDER BY i.created_at, i.id`,
    [recordId],
  );
  return r.rows;
}
