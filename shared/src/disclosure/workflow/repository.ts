/** SQL of the disclosure workflow: records, flows, items, findings. */
import type { Queryable } from "../../db/types.ts";
import type { DisclosureStatus, Level } from "./common.ts";

export interface RecordRow {
  id: string;
  approval_doc_id: string;
  batch_id: string | null;
  index_no: string;
  title: string;
  publisher: string;
  status: DisclosureStatus;
  published_on: string | null;
  version: number;
  division_code: string;
  doc_number: string | null;
  slug: string;
  stage: string | null;
  summary: Record<string, unknown>;
  flow_level: Level | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  published_by: string | null;
  withdrawn_reason: string | null;
  created_at: string;
  updated_at: string;
  /** 批准机关 of the approval document: the record type that picks the publication flow. */
  record_type: string;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
export const RECORD_COLUMNS = `r.id, r.approval_doc_id, r.batch_id, r.index_no, r.title, r.publisher, r.status,
  to_char(r.published_on, 'YYYY-MM-DD') AS published_on, r.version, r.division_code, r.doc_number, r.slug, r.stage, r.summary,
  r.flow_level, r.confirmed_by, to_char(r.confirmed_at AT TIME ZONE 'UTC', ${ISO}) AS confirmed_at, r.published_by,
  r.withdrawn_reason, to_char(r.created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at,
  to_char(r.updated_at AT TIME ZONE 'UTC', ${ISO}) AS updated_at, d.authority AS record_type`;

export async function readRecord(q: Queryable, id: string, lock = false): Promise<RecordRow | null> {
  const r = await q.query<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM disclosure_record r JOIN approval_doc d ON d.id = r.approval_doc_id
      WHERE r.id = $1 ${lock ? "FOR UPDATE OF r" : ""}`,
    [id],
  );
  return r.rows[0] ?? null;
}

export async function recordIdForApproval(q: Queryable, approvalDocId: string): Promise<string | null> {
  const r = await q.query<{ id: string }>("SELECT id FROM disclosure_record WHERE approval_doc_id = $1", [approvalDocId]);
  return r.rows[0]?.id ?? null;
}

export interface FlowRow {
  record_type: string;
  levels: Level[];
  two_person: boolean;
}

/** The flow of a record type, or the default one. */
export async function readFlow(q: Queryable, recordType: string): Promise<FlowRow> {
  const r = await q.query<FlowRow>(
    `SELECT record_type, levels, two_person FROM disclosure_flow WHERE record_type IN ($1, 'default')
      ORDER BY (record_type = 'default') LIMIT 1`,
    [recordType],
  );
  // The migration inserts 'default'; without it (a hand-edited database) the documented default applies.
  return r.rows[0] ?? { record_type: "default", levels: ["county", "city"], two_person: true };
}

export async function listFlows(q: Queryable): Promise<FlowRow[]> {
  return (await q.query<FlowRow>("SELECT record_type, levels, two_person FROM disclosure_flow ORDER BY record_type")).rows;
}

export async function upsertFlow(q: Queryable, flow: FlowRow): Promise<void> {
  await q.query(
    `INSERT INTO disclosure_flow (record_type, levels, two_person) VALUES ($1, $2, $3)
     ON CONFLICT (record_type) DO UPDATE SET levels = EXCLUDED.levels, two_person = EXCLUDED.two_person, updated_at = now()`,
    [flow.record_type, flow.levels, flow.two_person],
  );
}

export interface RecordChanges {
  status?: DisclosureStatus;
  flow_level?: Level | null;
  confirmed_by?: string | null;
  confirmed_at?: "now" | null;
  published_by?: string | null;
  published_on?: "today" | null;
  withdrawn_reason?: string | null;
  title?: string;
  summary?: Record<string, unknown>;
  version?: "next";
}

/** Writes the listed columns (and updated_at); the values go as parameters. */
export async function updateRecord(q: Queryable, id: string, c: RecordChanges): Promise<void> {
  const sets: string[] = ["updated_at = now()"];
  const params: unknown[] = [id];
  const put = (col: string, value: unknown) => {
    params.push(value);
    sets.push(`${col} = $${params.length}`);
  };
  if (c.status !== undefined) put("status", c.status);
  if (c.flow_level !== undefined) put("flow_level", c.flow_level);
  if (c.confirmed_by !== undefined) put("confirmed_by", c.confirmed_by);
  if (c.confirmed_at !== undefined) sets.push(c.confirmed_at === null ? "confirmed_at = NULL" : "confirmed_at = now()");
  if (c.published_by !== undefined) put("published_by", c.published_by);
  if (c.published_on !== undefined) sets.push(c.published_on === null ? "published_on = NULL" : "published_on = current_date");
  if (c.withdrawn_reason !== undefined) put("withdrawn_reason", c.withdrawn_reason);
  if (c.title !== undefined) put("title", c.title);
  if (c.summary !== undefined) put("summary", JSON.stringify(c.summary));
  if (c.version === "next") sets.push("version = version + 1");
  await q.query(`UPDATE disclosure_record SET ${sets.join(", ")} WHERE id = $1`, params);
}

export interface FindingRow {
  id: number;
  record_id: string;
  item_id: string | null;
  code: string;
  severity: "error" | "warning" | "info";
  page: number | null;
  field: string | null;
  found: string | null;
  expected: string | null;
  message: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
  division_code: string;
}

export async function readFinding(q: Queryable, id: number, lock = false): Promise<FindingRow | null> {
  const r = await q.query<FindingRow>(
    `SELECT id, record_id, item_id, code, severity, page, field, found, expected, message,
            to_char(resolved_at AT TIME ZONE 'UTC', ${ISO}) AS resolved_at, resolved_by, resolution, division_code
       FROM disclosure_finding WHERE id = $1 ${lock ? "FOR UPDATE" : ""}`,
    [id],
  );
  return r.rows[0] ?? null;
}

export async function findingsOf(q: Queryable, recordId: string): Promise<FindingRow[]> {
  const r = await q.query<FindingRow>(
    `SELECT id, record_id, item_id, code, severity, page, field, found, expected, message,
            to_char(resolved_at AT TIME ZONE 'UTC', ${ISO}) AS resolved_at, resolved_by, resolution, division_code
       FROM disclosure_finding WHERE record_id = $1
      ORDER BY resolved_at IS NOT NULL, CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, id`,
    [recordId],
  );
  return r.rows.map((f) => ({ ...f, id: Number(f.id) }));
}

export async function openErrorCount(q: Queryable, recordId: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM disclosure_finding WHERE record_id = $1 AND resolved_at IS NULL AND severity = 'error'",
    [recordId],
  );
  return Number(r.rows[0]?.n ?? 0);
}

export async function resolveFindingRow(q: Queryable, id: number, actor: string, note: string): Promise<void> {
  await q.query("UPDATE disclosure_finding SET resolved_at = now(), resolved_by = $2, resolution = $3 WHERE id = $1", [id, actor, note]);
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
  pages: number | null;
  text: string | null;
  extracted: Record<string, unknown>;
  confidence: string | null;
  match_status: "matched" | "unmatched" | "ignored";
  batch_id: string | null;
  division_code: string;
  created_at: string;
  file_name: string | null;
  media_type: string | null;
  attachment_disclosure_type: string | null;
  public_copy_status: "ok" | "failed" | null;
  public_copy_boxes: number | null;
  public_copy_error: string | null;
}

const ITEM_COLUMNS = `i.id, i.record_id, i.attachment_id, i.source_id, i.source_key, i.content_sha256, i.title, i.kind, i.stage,
  i.disclosure_type, i.doc_number, i.pages, i.text, i.extracted, i.confidence::text AS confidence, i.match_status, i.batch_id,
  i.division_code, to_char(i.created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at, a.file_name, a.media_type,
  a.disclosure_type AS attachment_disclosure_type, pc.status AS public_copy_status, pc.boxes AS public_copy_boxes, pc.error AS public_copy_error`;
// The redacted public copy of the item's file, when one was made (or failed).
const ITEM_FROM = `disclosure_item i LEFT JOIN attachment a ON a.id = i.attachment_id
  LEFT JOIN disclosure_public_copy pc ON pc.source_sha256 = a.sha256`;

export async function itemsOf(q: Queryable, recordId: string): Promise<ItemRow[]> {
  const r = await q.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM}
      WHERE i.record_id = $1
      ORDER BY CASE i.stage WHEN '批前' THEN 0 WHEN '报批' THEN 1 WHEN '批文' THEN 2 WHEN '批后' THEN 3 ELSE 4 END, i.created_at, i.id`,
    [recordId],
  );
  return r.rows;
}

export async function readItem(q: Queryable, id: string, lock = false): Promise<ItemRow | null> {
  const r = await q.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM}
      WHERE i.id = $1 ${lock ? "FOR UPDATE OF i" : ""}`,
    [id],
  );
  return r.rows[0] ?? null;
}

export interface NewItem {
  recordId: string;
  attachmentId: string;
  sourceKey: string;
  sha256: string;
  title: string;
  kind: string;
  stage: string | null;
  disclosureType: string;
  batchId: string | null;
  divisionCode: string;
}

export async function insertUploadItem(q: Queryable, n: NewItem): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO disclosure_item (record_id, attachment_id, source_id, source_key, content_sha256, title, kind, stage,
                                  disclosure_type, match_status, batch_id, division_code)
     VALUES ($1, $2, 'upload', $3, $4, $5, $6, $7, $8, 'matched', $9, $10)
     ON CONFLICT (source_id, source_key) DO NOTHING RETURNING id`,
    [n.recordId, n.attachmentId, n.sourceKey, n.sha256, n.title, n.kind, n.stage, n.disclosureType, n.batchId, n.divisionCode],
  );
  return r.rows[0]?.id ?? null;
}
