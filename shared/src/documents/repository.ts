/** SQL of the documents subsystem (attachment rows). */
import type { Queryable } from "../db/types.ts";

export interface AttachmentRow {
  id: string;
  sha256: string;
  size_bytes: string;
  media_type: string;
  file_name: string;
  kind: string;
  classification: string;
  disclosure_type: string;
  storage_key: string;
  batch_id: string | null;
  approval_doc_id: string | null;
  division_code: string;
  created_by: string;
}

export interface NewAttachment {
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  fileName: string;
  kind: string;
  classification: string;
  disclosureType: string;
  storageKey: string;
  batchId: string | null;
  approvalDocId: string | null;
  divisionCode: string;
  createdBy: string;
}

export async function insertAttachment(tx: Queryable, a: NewAttachment): Promise<string> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO attachment (sha256, size_bytes, media_type, file_name, kind, classification, disclosure_type, storage_key,
                             batch_id, approval_doc_id, division_code, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      a.sha256,
      a.sizeBytes,
      a.mediaType,
      a.fileName,
      a.kind,
      a.classification,
      a.disclosureType,
      a.storageKey,
      a.batchId,
      a.approvalDocId,
      a.divisionCode,
      a.createdBy,
    ],
  );
  return (r.rows[0] as { id: string }).id;
}

/** Division of the batch or approval document an attachment belongs to (null when neither exists). */
export async function ownerDivision(
  tx: Queryable,
  owner: { batchId: string | null; approvalDocId: string | null },
): Promise<{ divisionCode: string; batchId: string | null } | null> {
  if (owner.approvalDocId) {
    const r = await tx.query<{ division_code: string; batch_id: string }>(
      "SELECT division_code, batch_id FROM approval_doc WHERE id = $1",
      [owner.approvalDocId],
    );
    const row = r.rows[0];
    if (!row) return null;
    if (owner.batchId && owner.batchId !== row.batch_id) return null;
    return { divisionCode: row.division_code, batchId: row.batch_id };
  }
  if (owner.batchId) {
    const r = await tx.query<{ division_code: string }>("SELECT division_code FROM batch WHERE id = $1", [owner.batchId]);
    const row = r.rows[0];
    return row ? { divisionCode: row.division_code, batchId: owner.batchId } : null;
  }
  return null;
}

export async function listAttachments(q: Queryable, filter: { batchId?: string } = {}): Promise<AttachmentRow[]> {
  const r = filter.batchId
    ? await q.query<AttachmentRow>("SELECT * FROM attachment WHERE batch_id = $1 ORDER BY created_at, id", [filter.batchId])
    : await q.query<AttachmentRow>("SELECT * FROM attachment ORDER BY created_at, id");
  return r.rows;
}
