import type { Queryable } from "../db/types.ts";

/** SQL of the 一张图 base layers (地类图斑, 管控线): the only place it lives. */

export interface LandUseClassRow {
  dlbm: string;
  dlmc: string;
  patches: number;
  areaM2: number;
}

export async function landUseByClass(q: Queryable): Promise<LandUseClassRow[]> {
  const r = await q.query<{ dlbm: string; dlmc: string; patches: number; area: string }>(
    `SELECT dlbm, min(dlmc) AS dlmc, count(*)::int AS patches, sum(tbmj)::text AS area
       FROM land_use_patch GROUP BY dlbm ORDER BY dlbm`,
  );
  return r.rows.map((row) => ({ dlbm: row.dlbm, dlmc: row.dlmc, patches: row.patches, areaM2: Number(row.area) }));
}

export interface ControlLineRow {
  kind: string;
  polygons: number;
  areaM2: number;
}

export async function controlLinesByKind(q: Queryable): Promise<ControlLineRow[]> {
  const r = await q.query<{ kind: string; polygons: number; area: string }>(
    `SELECT kind, count(*)::int AS polygons, coalesce(sum(ST_Area(geom::geography)), 0)::text AS area
       FROM control_line GROUP BY kind ORDER BY kind`,
  );
  return r.rows.map((row) => ({ kind: row.kind, polygons: row.polygons, areaM2: Number(row.area) }));
}

/** Layers served to the maps, with the attributes each feature carries. */
export const MAP_LAYERS = {
  land_use: { table: "land_use_patch", properties: "'dlbm', dlbm, 'dlmc', dlmc, 'bsm', bsm, 'zldwdm', zldwdm, 'tbmj', tbmj" },
  control_line: { table: "control_line", properties: "'kind', kind, 'name', name" },
} as const;

export type MapLayer = keyof typeof MAP_LAYERS;

export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/**
 * Features of a layer inside a bounding box (EPSG:4490), as one GeoJSON FeatureCollection text,
 * simplified to the map's resolution (degrees per pixel) and without patches smaller than a few
 * pixels. GeoJSON rather than Mapbox vector tiles: the embedded PostGIS (PGlite) is built without
 * protobuf-c, so ST_AsMVT fails there, and both backends must serve the same maps.
 */
export async function featuresInBox(q: Queryable, layer: MapLayer, box: BoundingBox, resolution: number, limit = 20_000): Promise<string> {
  const spec = MAP_LAYERS[layer];
  const r = await q.query<{ fc: string }>(
    `WITH b AS (SELECT ST_MakeEnvelope($1, $2, $3, $4, 4490) AS e),
          f AS (
            SELECT json_build_object(
                     'type', 'Feature',
                     'id', t.id,
                     'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(t.geom, $5), 7)::json,
                     'properties', json_build_object(${spec.properties})) AS feature
              FROM ${spec.table} t, b
             WHERE t.geom && b.e AND ST_Area(t.geom) > 4 * $5 * $5
             LIMIT $6
          )
     SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(feature), '[]'::json))::text AS fc FROM f`,
    [box.west, box.south, box.east, box.north, resolution, limit],
  );
  return r.rows[0]?.fc ?? '{"type":"FeatureCollection","features":[]}';
}
