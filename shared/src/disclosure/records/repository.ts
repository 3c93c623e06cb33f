/** SQL of the disclosure records: disclosure_record and the item rows bundled into it. */
import type { Queryable } from "../../db/types.ts";

export interface RecordRow {
  id: string;
  approval_doc_id: string;
  index_no: string;
  title: string;
  publisher: string;
  status: string;
  version: number;
  division_code: string;
  batch_id: string | null;
  doc_number: string | null;
  slug: string;
  stage: string | null;
  summary: Record<string, unknown>;
}

export interface ApprovalFacts {
  approval_doc_id: string;
  doc_number: string;
  title: string;
  authority: string;
  approved_on: string;
  approved_area_ha: string;
  division_code: string;
  division_name: string;
  division_level: string;
  parent_name: string | null;
  batch_id: string;
  batch_no: string;
  batch_name: string;
  land_use_type: string;
  plan_year: number;
}

const RECORD_COLUMNS =
  "id, approval_doc_id, index_no, title, publisher, status, version, division_code, batch_id, doc_number, slug, stage, summary";

export async function findRecordByApprovalDoc(q: Queryable, approvalDocId: string): Promise<RecordRow | null> {
  const r = await q.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM disclosure_record WHERE approval_doc_id = $1`, [approvalDocId]);
  return r.rows[0] ?? null;
}

export async function lockRecord(q: Queryable, id: string): Promise<RecordRow | null> {
  const r = await q.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM disclosure_record WHERE id = $1 FOR UPDATE`, [id]);
  return r.rows[0] ?? null;
}

export async function approvalFacts(q: Queryable, approvalDocId: string): Promise<ApprovalFacts | null> {
  const r = await q.query<ApprovalFacts>(
    `SELECT a.id AS approval_doc_id, a.doc_number, a.title, a.authority, a.approved_on::text AS approved_on,
            a.approved_area_ha::text AS approved_area_ha, a.division_code, d.name AS division_name, d.level AS division_level,
            p.name AS parent_name, b.id AS batch_id, b.batch_no, b.name AS batch_name, b.land_use_type, b.plan_year
       FROM approval_doc a
       JOIN batch b ON b.id = a.batch_id
       JOIN division d ON d.code = a.division_code
       LEFT JOIN division p ON p.code = d.parent_code
      WHERE a.id = $1`,
    [approvalDocId],
  );
  return r.rows[0] ?? null;
}

/** Slugs equal to `base` or `base-N`, to pick a free suffix. */
export async function slugsLike(q: Queryable, base: string): Promise<Set<string>> {
  const r = await q.query<{ slug: string }>("SELECT slug FROM disclosure_record WHERE slug = $1 OR slug LIKE $2", [base, `${base}-%`]);
  return new Set(r.rows.map((x) => x.slug));
}

/** Next serial of an index-number prefix (caller holds the index-number lock). */
export async function nextIndexSerial(q: Queryable, prefix: string): Promise<number> {
  const r = await q.query<{ n: number | null }>(
    "SELECT max(substring(index_no FROM length($1) + 1)::int) AS n FROM disclosure_record WHERE index_no LIKE $1 || '%' AND substring(index_no FROM length($1) + 1) ~ '^[0-9]+$'",
    [prefix],
  );
  return Number(r.rows[0]?.n ?? 0) + 1;
}

export async function insertRecord(
  tx: Queryable,
  r: {
    approvalDocId: string;
    indexNo: string;
    title: string;
    publisher: string;
    divisionCode: string;
    batchId: string;
    docNumber: string;
    slug: string;
    summary: Record<string, unknown>;
  },
): Promise<string> {
  const res = await tx.query<{ id: string }>(
    `INSERT INTO disclosure_record (approval_doc_id, index_no, title, publisher, status, division_code, batch_id, doc_number, slug, summary)
     VALUES ($1, $2, $3, $4, 'harvested', $5, $6, $7, $8, $9::jsonb) RETURNING id`,
    [r.approvalDocId, r.indexNo, r.title, r.publisher, r.divisionCode, r.batchId, r.docNumber, r.slug, JSON.stringify(r.summary)],
  );
  return (res.rows[0] as { id: string }).id;
}

export interface ItemRow {
  id: string;
  record_id: string | null;
  attachment_id: string | null;
  source_id: string;
  source_key: string;
  content_sha256: string;
  title: string;
  kind: string | null;
  stage: string | null;
  disclosure_type: string;
  doc_number: string | null;
  match_status: string;
  division_code: string | null;
  batch_id: string | null;
  source_version: string | null;
  storage_key: string | null;
  file_name: string | null;
  media_type: string | null;
}

const ITEM_COLUMNS =
  "id, record_id, attachment_id, source_id, source_key, content_sha256, title, kind, stage, disclosure_type, doc_number, match_status, division_code, batch_id, source_version, storage_key, file_name, media_type";

export async function findItem(q: Queryable, sourceId: string, sourceKey: string): Promise<ItemRow | null> {
  const r = await q.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM disclosure_item WHERE source_id = $1 AND source_key = $2`, [
    sourceId,
    sourceKey,
  ]);
  return r.rows[0] ?? null;
}

export async function lockItem(q: Queryable, id: string): Promise<ItemRow | null> {
  const r = await q.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM disclosure_item WHERE id = $1 FOR UPDATE`, [id]);
  return r.rows[0] ?? null;
}

export interface ItemValues {
  attachmentId: string | null;
  sourceId: string;
  sourceKey: string;
  contentSha256: string;
  title: string;
  kind: string | null;
  stage: string | null;
  disclosureType: string;
  docNumber: string | null;
  pages: number | null;
  text: string | null;
  extracted: Record<string, unknown>;
  confidence: number | null;
  runId: number | null;
  batchId: string | null;
  divisionCode: string;
  sourceVersion: string | null;
  storageKey: string | null;
  fileName: string | null;
  mediaType: string | null;
}

/** Inserts or (same source and key) replaces an item's content; match fields are left to attachItem. */
export async function upsertItemRow(tx: Queryable, v: ItemValues): Promise<{ id: string; inserted: boolean }> {
  const r = await tx.query<{ id: string; inserted: boolean }>(
    `INSERT INTO disclosure_item (attachment_id, source_id, source_key, content_sha256, title, kind, stage, disclosure_type, doc_number,
                                  pages, text, extracted, confidence, match_status, run_id, batch_id, division_code,
                                  source_version, storage_key, file_name, media_type)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, 'unmatched', $14, $15, $16, $17, $18, $19, $20)
     ON CONFLICT (source_id, source_key) DO UPDATE SET
       attachment_id = EXCLUDED.attachment_id, content_sha256 = EXCLUDED.content_sha256, title = EXCLUDED.title,
       kind = EXCLUDED.kind, stage = EXCLUDED.stage, disclosure_type = EXCLUDED.disclosure_type, doc_number = EXCLUDED.doc_number,
       pages = EXCLUDED.pages, text = EXCLUDED.text, extracted = EXCLUDED.extracted, confidence = EXCLUDED.confidence,
       run_id = EXCLUDED.run_id, batch_id = coalesce(EXCLUDED.batch_id, disclosure_item.batch_id),
       division_code = CASE WHEN disclosure_item.record_id IS NULL THEN EXCLUDED.division_code ELSE disclosure_item.division_code END,
       source_version = EXCLUDED.source_version, storage_key = EXCLUDED.storage_key, file_name = EXCLUDED.file_name,
       media_type = EXCLUDED.media_type, updated_at = now()
     RETURNING id, (xmax = 0) AS inserted`,
    [
      v.attachmentId,
      v.sourceId,
      v.sourceKey,
      v.contentSha256,
      v.title,
      v.kind,
      v.stage,
      v.disclosureType,
      v.docNumber,
      v.pages,
      v.text,
      JSON.stringify(v.extracted),
      v.confidence,
      v.runId,
      v.batchId,
      v.divisionCode,
      v.sourceVersion,
      v.storageKey,
      v.fileName,
      v.mediaType,
    ],
  );
  const row = r.rows[0] as { id: string; inserted: boolean };
  return { id: row.id, inserted: row.inserted };
}

export async function setItemMatch(
  tx: Queryable,
  id: string,
  m: { recordId: string | null; matchStatus: string; batchId: string | null; divisionCode: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE disclosure_item SET record_id = $2, match_status = $3, batch_id = coalesce($4, batch_id),
            division_code = coalesce($5, division_code), updated_at = now() WHERE id = $1`,
    [id, m.recordId, m.matchStatus, m.batchId, m.divisionCode],
  );
}

export async function recordStages(q: Queryable, recordId: string): Promise<string[]> {
  const r = await q.query<{ stage: string }>(
    "SELECT DISTINCT stage FROM disclosure_item WHERE record_id = $1 AND match_status = 'matched' AND stage IS NOT NULL",
    [recordId],
  );
  return r.rows.map((x) => x.stage);
}

export async function setRecordStage(tx: Queryable, recordId: string, stage: string | null): Promise<void> {
  await tx.query("UPDATE disclosure_record SET stage = $2, updated_at = now() WHERE id = $1", [recordId, stage]);
}

/** The source's version marker changed but the content did not: remember the new marker only. */
export async function setItemSourceVersion(tx: Queryable, id: string, version: string | null, runId: number | null): Promise<void> {
  await tx.query("UPDATE disclosure_item SET source_version = $2, run_id = coalesce($3, run_id), updated_at = now() WHERE id = $1", [
    id,
    version,
    runId,
  ]);
}

export async function setItemAttachment(tx: Queryable, id: string, attachmentId: string): Promise<void> {
  await tx.query("UPDATE disclosure_item SET attachment_id = $2 WHERE id = $1", [id, attachmentId]);
}

/** An archived file of the same content and owner (the 一张图 source may be this system's own archive). */
export async function findOwnedAttachment(
  q: Queryable,
  sha256: string,
  owner: { approvalDocId: string | null; batchId: string | null },
): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    `SELECT id FROM attachment WHERE sha256 = $1
        AND (approval_doc_id = $2 OR (approval_doc_id IS NULL AND batch_id = $3)) ORDER BY created_at LIMIT 1`,
    [sha256, owner.approvalDocId, owner.batchId],
  );
  return r.rows[0]?.id ?? null;
}
