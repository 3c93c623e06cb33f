/**
 * SQL of the spatial review: the batch's parcels, their overlay with 三调 地类图斑, their overlaps with
 * control lines, approved parcels and supplied land, and the stored reviews.
 *
 * Everything is computed in EPSG:4490 with areas on the CGCS2000 spheroid (geography, use_spheroid);
 * callers scale each parcel's shares by plane / ellipsoidal area (the 勘测定界 basis). Control lines
 * are read from control_line_part (ST_Subdivide pieces, see migration 20261127140000_review): the
 * GiST index then returns only the few pieces near a parcel instead of a county-sized polygon.
 */
import type { Queryable } from "../../db/types.ts";
import type { OverlapKind } from "./types.ts";

/** Batch states whose parcels count as 已批 (an overlap with them is 重复报批). */
export const APPROVED_BATCH_STATES: readonly string[] = ["approved", "implementing", "completed"];

export interface ParcelRow {
  id: string;
  parcel_no: string;
  name: string | null;
  dlbm: string | null;
  declared_area_ha: number | null;
  plane_area_m2: number;
  ellipsoidal_area_m2: number;
  zone_epsg: number;
  geojson: string;
}

export async function selectParcels(q: Queryable, batchId: string): Promise<ParcelRow[]> {
  const r = await q.query<ParcelRow>(
    `SELECT id, parcel_no, name, dlbm, declared_area_ha::float8 AS declared_area_ha, plane_area_m2::float8 AS plane_area_m2,
            ellipsoidal_area_m2::float8 AS ellipsoidal_area_m2, zone_epsg, ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 9, 0) AS geojson
     FROM parcel WHERE batch_id = $1 ORDER BY parcel_no, id`,
    [batchId],
  );
  return r.rows.map((x) => ({
    ...x,
    declared_area_ha: x.declared_area_ha === null ? null : Number(x.declared_area_ha),
    plane_area_m2: Number(x.plane_area_m2),
    ellipsoidal_area_m2: Number(x.ellipsoidal_area_m2),
    zone_epsg: Number(x.zone_epsg),
  }));
}

export interface ShareRow {
  parcel_id: string;
  dlbm: string;
  qsxz: string;
  /** 村级坐落单位代码 (first 12 digits of zldwdm). */
  village: string;
  /** Ellipsoidal m². */
  area: number;
}

/**
 * The batch's parcels overlaid with 地类图斑, by parcel, 地类, 权属性质 and 村. (Measuring patches wholly
 * inside a parcel without ST_Intersection was tried: the ST_CoveredBy test costs more than it saves.)
 * LATERAL … OFFSET 0 everywhere here: each parcel probes the GiST index (see selectOverlaps).
 */
export async function selectShares(q: Queryable, batchId: string): Promise<ShareRow[]> {
  const r = await q.query<ShareRow>(
    `SELECT p.id AS parcel_id, lp.dlbm, lp.qsxz, left(lp.zldwdm, 12) AS village,
            sum(ST_Area(ST_Intersection(lp.geom, p.geom)::geography, true))::float8 AS area
     FROM parcel p CROSS JOIN LATERAL (SELECT dlbm, qsxz, zldwdm, geom FROM land_use_patch WHERE ST_Intersects(geom, p.geom) OFFSET 0) lp
     WHERE p.batch_id = $1
     GROUP BY p.id, lp.dlbm, lp.qsxz, left(lp.zldwdm, 12)`,
    [batchId],
  );
  return r.rows.map((x) => ({ ...x, area: Number(x.area) }));
}

export interface OverlapRow {
  kind: OverlapKind;
  parcel_id: string;
  ref_table: string;
  ref_id: string;
  ref_label: string;
  /** Ellipsoidal m². */
  area: number;
  /** 永久基本农田 rows: ellipsoidal m² of 耕地 (01xx 图斑) inside the overlap (for 第四十六条); else 0. */
  cultivated: number;
  geojson: string;
}

/**
 * Every overlap of the batch's parcels, one row per parcel × overlapped object (pieces of one control
 * line merged), with its ellipsoidal area and geometry. Pieces of polygons only (ST_CollectionExtract
 * 3): a shared edge or corner is no overlap. `urbanBoundary` false skips the 城镇开发边界 check (no
 * such layer loaded: everything would be "outside").
 */
export async function selectOverlaps(q: Queryable, batchId: string, urbanBoundary: boolean): Promise<OverlapRow[]> {
  // LATERAL … OFFSET 0 (not flattened into a join) keeps the 50-odd parcels as the driving side: left
  // to itself the planner scans every control-line piece and probes the parcels, many times slower.
  const r = await q.query<OverlapRow>(
    `WITH p AS MATERIALIZED (SELECT id, batch_id, geom FROM parcel WHERE batch_id = $1),
     raw AS (
       SELECT cp.kind::text AS kind, p.id AS parcel_id, 'control_line' AS ref_table, cp.control_line_id::text AS ref_id,
              ST_CollectionExtract(ST_Intersection(cp.geom, p.geom), 3) AS g
       FROM p CROSS JOIN LATERAL (SELECT kind, control_line_id, geom FROM control_line_part
                                  WHERE kind IN ('basic_farmland', 'eco_redline') AND ST_Intersects(geom, p.geom) OFFSET 0) cp
       UNION ALL
       SELECT 'outside_urban_boundary', p.id, 'control_line', '',
              ST_CollectionExtract(ST_Difference(p.geom, coalesce(
                (SELECT ST_Union(ST_CollectionExtract(ST_Intersection(cp.geom, p.geom), 3)) FROM control_line_part cp
                 WHERE cp.kind = 'urban_boundary' AND ST_Intersects(cp.geom, p.geom)),
                ST_GeomFromText('POLYGON EMPTY', 4490))), 3)
       FROM p WHERE $2::boolean
       UNION ALL
       SELECT 'approved_parcel', p.id, 'parcel', o.id::text, ST_CollectionExtract(ST_Intersection(o.geom, p.geom), 3)
       FROM p CROSS JOIN LATERAL (SELECT o.id, o.geom FROM parcel o JOIN batch b ON b.id = o.batch_id
                                  WHERE o.batch_id <> p.batch_id AND b.state = ANY($3::text[]) AND ST_Intersects(o.geom, p.geom) OFFSET 0) o
       UNION ALL
       SELECT 'supplied_land', p.id, 'land_supply', s.id::text, ST_CollectionExtract(ST_Intersection(s.geom, p.geom), 3)
       FROM p CROSS JOIN LATERAL (SELECT s.id, s.geom FROM land_supply s
                                  WHERE s.geom IS NOT NULL AND ST_Intersects(s.geom, p.geom)
                                    AND (s.parcel_id IS NULL OR s.parcel_id NOT IN (SELECT id FROM p)) OFFSET 0) s
       UNION ALL
       SELECT 'supplied_land', p.id, 'land_supply', s.id::text, ST_CollectionExtract(ST_Intersection(s.geom, p.geom), 3)
       FROM p CROSS JOIN LATERAL (SELECT s.id, sp.geom FROM parcel sp JOIN land_supply s ON s.parcel_id = sp.id AND s.geom IS NULL
                                  WHERE sp.batch_id <> p.batch_id AND ST_Intersects(sp.geom, p.geom) OFFSET 0) s
     ),
     merged AS (
       SELECT kind, parcel_id, ref_table, ref_id, ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(g)), 3)) AS g
       FROM raw WHERE NOT ST_IsEmpty(g) GROUP BY kind, parcel_id, ref_table, ref_id
     )
     SELECT m.kind, m.parcel_id, m.ref_table, m.ref_id,
            coalesce(CASE m.ref_table
              WHEN 'control_line' THEN (SELECT coalesce(c.name, c.kind) FROM control_line c WHERE c.id = nullif(m.ref_id, '')::bigint)
              WHEN 'parcel' THEN (SELECT '批次 ' || b.batch_no || '《' || b.name || '》地块 ' || o.parcel_no
                                          || coalesce('（' || (SELECT string_agg(d.doc_number, '、' ORDER BY d.approved_on)
                                                              FROM approval_doc d WHERE d.batch_id = b.id AND d.status = 'valid') || '）', '')
                                  FROM parcel o JOIN batch b ON b.id = o.batch_id WHERE o.id = m.ref_id::uuid)
              WHEN 'land_supply' THEN (SELECT '供地合同（决定书）' || s.contract_no || '，' || to_char(s.supplied_on, 'YYYY-MM-DD')
                                       FROM land_supply s WHERE s.id = m.ref_id::uuid)
            END, '城镇开发边界以外') AS ref_label,
            ST_Area(m.g::geography, true)::float8 AS area,
            CASE WHEN m.kind = 'basic_farmland' THEN coalesce((SELECT sum(ST_Area(ST_Intersection(lp.geom, m.g)::geography, true))
                                                               FROM land_use_patch lp WHERE lp.dlbm LIKE '01%' AND ST_Intersects(lp.geom, m.g)), 0)
                 ELSE 0 END::float8 AS cultivated,
            ST_AsGeoJSON(ST_ForcePolygonCCW(m.g), 9, 0) AS geojson
     FROM merged m WHERE NOT ST_IsEmpty(m.g)
     ORDER BY m.kind, m.parcel_id, m.ref_id`,
    [batchId, urbanBoundary, APPROVED_BATCH_STATES],
  );
  return r.rows.map((x) => ({ ...x, area: Number(x.area), cultivated: Number(x.cultivated) }));
}

export async function selectDivisionNames(q: Queryable, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const r = await q.query<{ code: string; name: string }>("SELECT code, name FROM division WHERE code = ANY($1::text[])", [codes]);
  return new Map(r.rows.map((x) => [x.code, x.name]));
}

/** Control-line kinds loaded at all (a missing layer is reported, and 城镇开发边界 is then not checked). */
export async function selectControlLineKinds(q: Queryable): Promise<string[]> {
  const r = await q.query<{ kind: string }>(
    `SELECT k AS kind FROM unnest(ARRAY['basic_farmland', 'eco_redline', 'urban_boundary']) AS k
     WHERE EXISTS (SELECT 1 FROM control_line WHERE kind = k)`,
  );
  return r.rows.map((x) => x.kind);
}

/** Sources of the control lines around the batch's parcels (for the report's 依据); bounding boxes suffice. */
export async function selectControlLineSources(q: Queryable, batchId: string): Promise<{ kind: string; source: string }[]> {
  const r = await q.query<{ kind: string; source: string }>(
    `SELECT DISTINCT c.kind, coalesce(c.source, '（未注明来源）') AS source
     FROM parcel p CROSS JOIN LATERAL (SELECT control_line_id FROM control_line_part WHERE geom && p.geom OFFSET 0) cp
     JOIN control_line c ON c.id = cp.control_line_id
     WHERE p.batch_id = $1 ORDER BY 1, 2`,
    [batchId],
  );
  return r.rows;
}

// ── stored reviews ─────────────────────────────────────────────────────────────────────────────

export async function nextReviewVersion(tx: Queryable, batchId: string): Promise<number> {
  const r = await tx.query<{ n: number }>("SELECT coalesce(max(version), 0)::int + 1 AS n FROM review WHERE batch_id = $1", [batchId]);
  return Number(r.rows[0]?.n ?? 1);
}

export async function transactionNow(tx: Queryable): Promise<string> {
  const r = await tx.query<{ at: string }>(`SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`);
  return (r.rows[0] as { at: string }).at;
}

export async function insertReview(
  tx: Queryable,
  v: {
    id: string;
    batchId: string;
    version: number;
    passed: boolean;
    authority: string;
    totalAreaM2: number;
    report: unknown;
    divisionCode: string;
    createdAt: string;
    createdBy: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO review (id, batch_id, version, passed, authority, total_area_m2, report, division_code, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::timestamptz, $10)`,
    [
      v.id,
      v.batchId,
      v.version,
      v.passed,
      v.authority,
      v.totalAreaM2.toFixed(2),
      JSON.stringify(v.report),
      v.divisionCode,
      v.createdAt,
      v.createdBy,
    ],
  );
}

export async function insertReviewOverlaps(
  tx: Queryable,
  reviewId: string,
  divisionCode: string,
  rows: readonly {
    kind: string;
    severity: string;
    parcelId: string;
    parcelNo: string;
    refTable: string;
    refId: string;
    refLabel: string;
    areaM2: number;
    geojson: string;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await tx.query(
    `INSERT INTO review_overlap (review_id, kind, severity, parcel_id, parcel_no, ref_table, ref_id, ref_label, area_m2, division_code, geom)
     SELECT $1, k, s, pid::uuid, pno, rt, nullif(rid, ''), rl, a, $2, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(g), 4490))
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::numeric[], $11::text[])
       AS u(k, s, pid, pno, rt, rid, rl, a, g)`,
    [
      reviewId,
      divisionCode,
      col("kind"),
      col("severity"),
      col("parcelId"),
      col("parcelNo"),
      col("refTable"),
      col("refId"),
      rows.map((r) => r.refLabel.slice(0, 300)),
      rows.map((r) => r.areaM2.toFixed(2)),
      col("geojson"),
    ],
  );
}

export interface StoredReviewRow {
  id: string;
  batch_id: string;
  version: number;
  passed: boolean;
  authority: string;
  total_area_m2: string;
  created_at: string;
  created_by: string;
}

export async function selectReviewReport(q: Queryable, id: string): Promise<unknown | null> {
  const r = await q.query<{ report: unknown }>("SELECT report FROM review WHERE id = $1", [id]);
  return r.rows[0]?.report ?? null;
}

export async function selectReviews(q: Queryable, batchId: string): Promise<StoredReviewRow[]> {
  const r = await q.query<StoredReviewRow>(
    `SELECT id, batch_id, version, passed, authority, total_area_m2::text AS total_area_m2,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at, created_by
     FROM review WHERE batch_id = $1 ORDER BY version`,
    [batchId],
  );
  return r.rows.map((x) => ({ ...x, version: Number(x.version) }));
}
