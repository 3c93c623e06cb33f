/** Read-only SQL of the batch generator (it writes only through the approval/documents use cases). */
import type { Queryable } from "../../db/types.ts";

export interface CountyExtent {
  code: string;
  patches: number;
  minId: number;
  maxId: number;
}

export async function cityExtent(q: Queryable): Promise<{ counties: CountyExtent[]; areaM2: number }> {
  const r = await q.query<{ code: string; n: number; lo: number; hi: number }>(
    `SELECT division_code AS code, count(*)::int AS n, min(id)::int AS lo, max(id)::int AS hi
     FROM land_use_patch GROUP BY division_code ORDER BY division_code`,
  );
  const a = await q.query<{ a: number }>("SELECT coalesce(sum(tbmj), 0)::float8 AS a FROM land_use_patch");
  return {
    counties: r.rows.map((x) => ({ code: x.code, patches: Number(x.n), minId: Number(x.lo), maxId: Number(x.hi) })),
    areaM2: Number(a.rows[0]?.a ?? 0),
  };
}

/**
 * A seed point (point on surface of a patch) in a county at or after patch id `fromId`. `inside`:
 * the point must lie in that control line kind; otherwise outside 永久基本农田/生态保护红线. The point
 * is never inside an existing parcel.
 */
export async function seedPoint(
  q: Queryable,
  county: string,
  fromId: number,
  inside: "basic_farmland" | "eco_redline" | null,
): Promise<{ lon: number; lat: number } | null> {
  const r = await q.query<{ lon: number; lat: number }>(
    `SELECT ST_X(pt) AS lon, ST_Y(pt) AS lat FROM (
       SELECT id, ST_PointOnSurface(geom) AS pt FROM land_use_patch
       WHERE division_code = $1 AND id >= $2 ORDER BY id LIMIT 400) s
     WHERE ($3::text IS NULL OR EXISTS (SELECT 1 FROM control_line c WHERE c.kind = $3 AND ST_Intersects(c.geom, s.pt)))
       AND ($3::text IS NOT NULL OR NOT EXISTS (SELECT 1 FROM control_line c WHERE c.kind IN ('basic_farmland', 'eco_redline') AND ST_Intersects(c.geom, s.pt)))
       AND NOT EXISTS (SELECT 1 FROM parcel p WHERE ST_Intersects(p.geom, s.pt))
     ORDER BY id LIMIT 1`,
    [county, fromId, inside],
  );
  const row = r.rows[0];
  return row ? { lon: Number(row.lon), lat: Number(row.lat) } : null;
}

/** A point inside a parcel of an approved batch (for deliberate overlaps with an earlier approval). */
export async function approvedParcelPoint(
  q: Queryable,
  county: string,
  pick: number,
): Promise<{ lon: number; lat: number; batchNo: string; parcelNo: string } | null> {
  const r = await q.query<{ lon: number; lat: number; batch_no: string; parcel_no: string }>(
    `SELECT ST_X(ST_PointOnSurface(p.geom)) AS lon, ST_Y(ST_PointOnSurface(p.geom)) AS lat, b.batch_no, p.parcel_no
     FROM parcel p JOIN batch b ON b.id = p.batch_id
     WHERE b.division_code = $1 AND b.state IN ('approved', 'implementing', 'completed')
     ORDER BY b.batch_no, p.parcel_no OFFSET $2 LIMIT 1`,
    [county, pick],
  );
  const row = r.rows[0];
  return row ? { lon: Number(row.lon), lat: Number(row.lat), batchNo: row.batch_no, parcelNo: row.parcel_no } : null;
}

export async function approvedParcelCount(q: Queryable, county: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM parcel p JOIN batch b ON b.id = p.batch_id
     WHERE b.division_code = $1 AND b.state IN ('approved', 'implementing', 'completed')`,
    [county],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * The union of the county's patches within `radiusDeg` of a point, excluding `excludeIds`, patches in
 * 永久基本农田/生态保护红线 (unless their kind is in `allowKinds`) and patches already under a parcel
 * (unless `allowParcels`); with the dominant 地类.
 */
export async function patchCluster(
  q: Queryable,
  o: {
    lon: number;
    lat: number;
    radiusDeg: number;
    county: string;
    excludeIds: readonly number[];
    allowKinds: readonly string[];
    allowParcels: boolean;
  },
): Promise<{ ids: number[]; geojson: string | null; dlbm: string | null }> {
  const r = await q.query<{ ids: number[] | null; g: string | null; dlbm: string | null }>(
    `WITH c AS (
       SELECT lp.id, lp.geom, lp.dlbm, lp.tbmj FROM land_use_patch lp
       WHERE lp.division_code = $3 AND ST_DWithin(lp.geom, ST_SetSRID(ST_MakePoint($1, $2), 4490), $4)
         AND NOT (lp.id = ANY($5::int[]))
         AND NOT EXISTS (SELECT 1 FROM control_line cl WHERE cl.kind IN ('basic_farmland', 'eco_redline') AND cl.kind <> ALL($6::text[])
                         AND ST_Intersects(cl.geom, ST_PointOnSurface(lp.geom)))
         AND ($7 OR NOT EXISTS (SELECT 1 FROM parcel p WHERE ST_Intersects(p.geom, ST_PointOnSurface(lp.geom))))
     )
     SELECT (SELECT array_agg(id ORDER BY id) FROM c) AS ids,
            (SELECT ST_AsGeoJSON(ST_UnaryUnion(ST_Collect(geom)), 10) FROM c) AS g,
            (SELECT dlbm FROM c GROUP BY dlbm ORDER BY sum(tbmj) DESC, dlbm LIMIT 1) AS dlbm`,
    [o.lon, o.lat, o.county, o.radiusDeg, o.excludeIds, o.allowKinds, o.allowParcels],
  );
  const row = r.rows[0];
  return { ids: (row?.ids ?? []).map(Number), geojson: row?.g ?? null, dlbm: row?.dlbm ?? null };
}

/** 乡镇+村 names of the villages a set of CGCS2000 GeoJSON geometries touch, in code order. */
export async function villagesOf(q: Queryable, geojson: readonly string[]): Promise<{ code: string; name: string }[]> {
  const r = await q.query<{ code: string; name: string }>(
    `SELECT DISTINCT v.code, t.name || v.name AS name
     FROM unnest($1::text[]) AS g(j)
     JOIN division v ON v.level = 'village' AND ST_Intersects(v.geom, ST_SetSRID(ST_GeomFromGeoJSON(g.j), 4490))
     JOIN division t ON t.code = v.parent_code
     ORDER BY v.code`,
    [geojson],
  );
  return r.rows;
}

/** Overlap (m², ellipsoidal) of a batch's parcels with control lines and other batches' parcels. */
export async function overlapsOf(
  q: Queryable,
  batchId: string,
): Promise<{ parcel_no: string; kind: string; other: string | null; area: number }[]> {
  const r = await q.query<{ parcel_no: string; kind: string; other: string | null; area: number }>(
    `SELECT p.parcel_no, c.kind, NULL AS other, sum(ST_Area(ST_Intersection(p.geom, c.geom)::geography))::float8 AS area
     FROM parcel p JOIN control_line c ON c.kind IN ('basic_farmland', 'eco_redline') AND ST_Intersects(p.geom, c.geom)
     WHERE p.batch_id = $1 GROUP BY p.parcel_no, c.kind
     UNION ALL
     SELECT p.parcel_no, 'parcel' AS kind, b.batch_no || '/' || o.parcel_no AS other,
            ST_Area(ST_Intersection(p.geom, o.geom)::geography)::float8 AS area
     FROM parcel p JOIN parcel o ON o.batch_id <> p.batch_id AND ST_Intersects(p.geom, o.geom)
     JOIN batch b ON b.id = o.batch_id
     WHERE p.batch_id = $1`,
    [batchId],
  );
  return r.rows.map((x) => ({ ...x, area: Number(x.area) }));
}

export async function databaseSize(q: Queryable): Promise<number> {
  const r = await q.query<{ s: string }>("SELECT pg_database_size(current_database())::text AS s");
  return Number(r.rows[0]?.s ?? 0);
}
