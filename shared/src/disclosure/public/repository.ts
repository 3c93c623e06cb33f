import type { Queryable } from "../../db/types.ts";

/** The only SQL of the public read models. Every query here filters to what the public may see. */

export interface PublicRecordRow {
  id: string;
  slug: string;
  title: string;
  index_no: string;
  publisher: string;
  published_on: string | null;
  updated_at: string;
  version: number;
  doc_number: string | null;
  stage: string | null;
  division_code: string;
  summary: Record<string, unknown>;
  county: string | null;
  approved_on: string | null;
  authority: string | null;
  approved_area_ha: string | null;
  approval_doc_title: string | null;
  approval_status: string | null;
  batch_id: string | null;
  batch_name: string | null;
  land_use_type: string | null;
}

export interface PublicItemRow {
  id: string;
  title: string;
  kind: string | null;
  stage: string | null;
  pages: number | null;
  doc_number: string | null;
  attachment_id: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  created_on: string;
  /** The document's 落款 date as the harvester read it (null when none was found). */
  signed_on: string | null;
}

export interface PublicFileRow {
  item_id: string;
  title: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  storage_key: string;
  sha256: string;
  division_code: string;
}

/**
 * The file of one material, only when the record is published and both the material and its
 * attachment are 主动公开; anything else is indistinguishable from a missing file.
 */
export async function findPublicFile(q: Queryable, slug: string, itemId: string): Promise<PublicFileRow | null> {
  const r = await q.query<PublicFileRow>(
    `SELECT i.id AS item_id, i.title, a.file_name, a.media_type, a.size_bytes, a.storage_key, a.sha256, r.division_code
       FROM disclosure_item i
       JOIN disclosure_record r ON r.id = i.record_id
       JOIN attachment a ON a.id = i.attachment_id
      WHERE r.slug = $1 AND i.id = $2 AND r.status = 'published' AND i.match_status = 'matched'
        AND i.disclosure_type = 'proactive' AND a.disclosure_type = 'proactive'`,
    [slug, itemId],
  );
  return r.rows[0] ?? null;
}

export interface NoticeRow {
  kind: "pre_announcement" | "compensation_notice";
  notice_no: string | null;
  published_on: string;
  period_end_on: string;
  text: string;
}

export interface ParcelFeatureRow {
  parcel_no: string;
  name: string | null;
  land_use: string | null;
  area_m2: string;
  /** GeoJSON geometry (EPSG:4490), parsed. */
  geometry: unknown;
}

export interface PublicRecordParts {
  record: PublicRecordRow;
  /** 主动公开 materials only: 依申请公开 and 不公开 items never leave the database through here. */
  items: PublicItemRow[];
  notices: NoticeRow[];
  parcels: ParcelFeatureRow[];
}

/**
 * Everything the record page shows, in ONE round trip (record, materials, notices, parcels as
 * json_agg subqueries): under load the page's cost was dominated by its four sequential queries
 * waiting for pool connections. Unpublished records read as null, like missing ones.
 */
export async function findPublishedRecord(q: Queryable, by: { slug: string } | { id: string }): Promise<PublicRecordParts | null> {
  const where = "slug" in by ? "r.slug = $1" : "r.id = $1";
  const r = await q.query<
    PublicRecordRow & { items: PublicItemRow[] | null; notices: NoticeRow[] | null; parcels: ParcelFeatureRow[] | null }
  >(
    `SELECT r.id, r.slug, r.title, r.index_no, r.publisher, to_char(r.published_on, 'YYYY-MM-DD') AS published_on,
            to_char(r.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at, r.version,
            r.doc_number, r.stage, r.division_code, r.summary, dv.name AS county,
            to_char(d.approved_on, 'YYYY-MM-DD') AS approved_on, d.authority, d.approved_area_ha::text AS approved_area_ha,
            d.title AS approval_doc_title, d.status AS approval_status,
            b.id AS batch_id, b.name AS batch_name, b.land_use_type,
            (SELECT json_agg(x ORDER BY x.created_at, x.title, x.id) FROM (
               SELECT i.id, i.title, i.kind, i.stage, i.pages, i.doc_number, i.attachment_id, a.file_name,
                      COALESCE(pc.media_type, a.media_type) AS media_type, pc.size_bytes,
                      to_char(i.created_at, 'YYYY-MM-DD') AS created_on, i.extracted->>'signedOn' AS signed_on, i.created_at
                 FROM disclosure_item i
                 LEFT JOIN attachment a ON a.id = i.attachment_id AND a.disclosure_type = 'proactive'
                 -- What the file route serves is the redacted copy: its type and size (unknown until it is made).
                 LEFT JOIN disclosure_public_copy pc ON pc.source_sha256 = a.sha256 AND pc.status = 'ok'
                WHERE i.record_id = r.id AND i.disclosure_type = 'proactive' AND i.match_status = 'matched') x) AS items,
            (SELECT json_agg(n ORDER BY n.published_on, n.kind) FROM (
               SELECT 'pre_announcement' AS kind, notice_no, to_char(published_on, 'YYYY-MM-DD') AS published_on,
                      to_char(period_end_on, 'YYYY-MM-DD') AS period_end_on, concat_ws('；', scope, purpose) AS text
                 FROM pre_announcement WHERE batch_id = b.id
               UNION ALL
               SELECT 'compensation_notice', notice_no, to_char(published_on, 'YYYY-MM-DD'), to_char(period_end_on, 'YYYY-MM-DD'),
                      standards
                 FROM compensation_notice WHERE batch_id = b.id) n) AS notices,
            (SELECT json_agg(p ORDER BY p.parcel_no) FROM (
               SELECT parcel_no, name, land_use, ellipsoidal_area_m2::text AS area_m2, ST_AsGeoJSON(geom, 7)::json AS geometry
                 FROM parcel WHERE batch_id = b.id) p) AS parcels
       FROM disclosure_record r
       LEFT JOIN approval_doc d ON d.id = r.approval_doc_id
       LEFT JOIN batch b ON b.id = coalesce(r.batch_id, d.batch_id)
       LEFT JOIN division dv ON dv.code = left(r.division_code, 6)
      WHERE ${where} AND r.status = 'published'`,
    ["slug" in by ? by.slug : by.id],
  );
  const row = r.rows[0];
  if (!row) return null;
  const { items, notices, parcels, ...record } = row;
  return { record, items: items ?? [], notices: notices ?? [], parcels: parcels ?? [] };
}

export interface LatestRow {
  slug: string;
  title: string;
  doc_number: string | null;
  county: string | null;
  published_on: string | null;
  stage: string | null;
}

export async function listLatest(q: Queryable, limit: number): Promise<LatestRow[]> {
  const r = await q.query<LatestRow>(
    `SELECT slug, title, doc_number, county, to_char(published_on, 'YYYY-MM-DD') AS published_on, stage
       FROM disclosure_search ORDER BY published_on DESC NULLS LAST, record_id LIMIT $1`,
    [limit],
  );
  return r.rows;
}

export async function countPublished(q: Queryable): Promise<number> {
  const r = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM disclosure_search");
  return r.rows[0]?.n ?? 0;
}

export async function listSitemapPage(q: Queryable, offset: number, limit: number): Promise<{ slug: string; lastmod: string }[]> {
  const r = await q.query<{ slug: string; lastmod: string }>(
    `SELECT slug, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS lastmod
       FROM disclosure_search ORDER BY record_id LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  return r.rows;
}
