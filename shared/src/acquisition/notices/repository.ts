/** SQL behind the generated 公告: the batch, its latest notices, its parcels with villages and main 地类. */
import type { Queryable } from "../../db/types.ts";

export interface NoticeParcel {
  id: string;
  parcelNo: string;
  name: string | null;
  planeAreaM2: number;
  ellipsoidalAreaM2: number;
  zoneEpsg: number;
  geometry: { type: "MultiPolygon"; coordinates: number[][][][] };
  villages: string;
  /** 地类 name → 平方米 of the parcel. */
  classes: { dlbm: string; areaM2: number }[];
}

export interface NoticeData {
  batch: { id: string; batchNo: string; name: string; divisionCode: string; divisionName: string; landUseType: string };
  pre: { noticeNo: string | null; publishedOn: string; periodEndOn: string; scope: string; purpose: string } | null;
  compensation: {
    noticeNo: string | null;
    revision: number;
    publishedOn: string;
    periodEndOn: string;
    standards: string;
    resettlement: string | null;
    socialSecurity: string | null;
    registrationDeadline: string | null;
    objectionChannel: string | null;
  } | null;
  parcels: NoticeParcel[];
}

export async function readNoticeData(q: Queryable, batchId: string): Promise<NoticeData | null> {
  const b = await q.query<{
    id: string;
    batch_no: string;
    name: string;
    division_code: string;
    division_name: string;
    land_use_type: string;
  }>(
    `SELECT b.id, b.batch_no, b.name, b.division_code, coalesce(d.name, b.division_code) AS division_name, b.land_use_type
     FROM batch b LEFT JOIN division d ON d.code = b.division_code WHERE b.id = $1`,
    [batchId],
  );
  const row = b.rows[0];
  if (!row) return null;
  const pre = await q.query<{ notice_no: string | null; p: string; e: string; scope: string; purpose: string }>(
    `SELECT notice_no, to_char(published_on, 'YYYY-MM-DD') AS p, to_char(period_end_on, 'YYYY-MM-DD') AS e, scope, purpose
     FROM pre_announcement WHERE batch_id = $1 ORDER BY published_on DESC, created_at DESC LIMIT 1`,
    [batchId],
  );
  const comp = await q.query<{
    notice_no: string | null;
    revision: number;
    p: string;
    e: string;
    standards: string;
    resettlement: string | null;
    social_security: string | null;
    r: string | null;
    objection_channel: string | null;
  }>(
    `SELECT notice_no, revision, to_char(published_on, 'YYYY-MM-DD') AS p, to_char(period_end_on, 'YYYY-MM-DD') AS e, standards,
            resettlement, social_security, to_char(registration_deadline, 'YYYY-MM-DD') AS r, objection_channel
     FROM compensation_notice WHERE batch_id = $1 ORDER BY revision DESC LIMIT 1`,
    [batchId],
  );
  const parcels = await q.query<{
    id: string;
    parcel_no: string;
    name: string | null;
    plane: string;
    ell: string;
    zone_epsg: number;
    geojson: string;
    villages: string | null;
    classes: { dlbm: string; area_m2: number }[] | null;
  }>(
    `SELECT p.id, p.parcel_no, p.name, p.plane_area_m2::text AS plane, p.ellipsoidal_area_m2::text AS ell, p.zone_epsg,
            ST_AsGeoJSON(p.geom) AS geojson,
            (SELECT string_agg(coalesce(t.name, '') || v.name, '、' ORDER BY v.code) FROM division v LEFT JOIN division t ON t.code = v.parent_code
              WHERE v.level = 'village' AND v.geom IS NOT NULL AND v.geom && p.geom AND ST_Intersects(v.geom, p.geom)
                AND ST_Area(ST_Intersection(v.geom, p.geom)::geography) >= 1) AS villages,
            (SELECT json_agg(json_build_object('dlbm', a.dlbm, 'area_m2', a.area_m2::float8) ORDER BY a.area_m2 DESC)
               FROM parcel_class_area a WHERE a.parcel_id = p.id) AS classes
     FROM parcel p WHERE p.batch_id = $1 ORDER BY p.parcel_no`,
    [batchId],
  );
  const c = comp.rows[0];
  const pr = pre.rows[0];
  return {
    batch: {
      id: row.id,
      batchNo: row.batch_no,
      name: row.name,
      divisionCode: row.division_code,
      divisionName: row.division_name,
      landUseType: row.land_use_type,
    },
    pre: pr ? { noticeNo: pr.notice_no, publishedOn: pr.p, periodEndOn: pr.e, scope: pr.scope, purpose: pr.purpose } : null,
    compensation: c
      ? {
          noticeNo: c.notice_no,
          revision: c.revision,
          publishedOn: c.p,
          periodEndOn: c.e,
          standards: c.standards,
          resettlement: c.resettlement,
          socialSecurity: c.social_security,
          registrationDeadline: c.r,
          objectionChannel: c.objection_channel,
        }
      : null,
    parcels: parcels.rows.map((p) => ({
      id: p.id,
      parcelNo: p.parcel_no,
      name: p.name,
      planeAreaM2: Number(p.plane),
      ellipsoidalAreaM2: Number(p.ell),
      zoneEpsg: p.zone_epsg,
      geometry: JSON.parse(p.geojson) as NoticeParcel["geometry"],
      villages: p.villages ?? "",
      classes: (p.classes ?? []).map((x) => ({ dlbm: x.dlbm, areaM2: Number(x.area_m2) })),
    })),
  };
}
