/**
 * GeoPackage reader: the first feature table (by name) with polygons; the CRS from its srs (EPSG
 * organisation code, else the WKT definition). Geometries are decoded from the GeoPackage binary by the
 * library (GeometryData → wkx) without any reprojection; features are numbered from 1 in fid order.
 */
import { GeometryData } from "@ngageoint/geopackage";
import { type CrsInfo, crsFromEpsg, crsFromWkt } from "./crs.ts";
import { buildParcels, type SourceFeature } from "./features.ts";
import { type GeometryLike, polygonsOf } from "./geometry-parts.ts";
import { openGeoPackage } from "./gpkg-context.ts";
import { issueList } from "./issues.ts";
import type { ParcelFileReadResult, ReadParcelFileOptions } from "./types.ts";

export async function readGeoPackage(bytes: Uint8Array, fileName: string, options: ReadParcelFileOptions): Promise<ParcelFileReadResult> {
  const list = issueList(fileName);
  const features: SourceFeature[] = [];
  let crs: CrsInfo | null = null;
  let crsSource = "";
  try {
    const gp = await openGeoPackage(bytes);
    try {
      const tables = gp.getFeatureTables().sort();
      const table = tables[0];
      if (tables.length > 1) {
        list.add(
          "FMT_EXTRA_LAYERS",
          0,
          `含 ${tables.length} 个要素表，只读取 ${table}`,
          `${tables.length} feature tables; only ${table} is read`,
        );
      }
      if (table !== undefined) {
        const dao = gp.getFeatureDao(table);
        const srs = dao.srs;
        if (srs.organization?.toUpperCase() === "EPSG") crs = crsFromEpsg(srs.organization_coordsys_id, srs.srs_name);
        if ((!crs || crs.kind === "unknown") && srs.definition && srs.definition !== "undefined") crs = crsFromWkt(srs.definition);
        crsSource = `${srs.organization ?? ""}:${srs.organization_coordsys_id} ${srs.srs_name ?? ""} (gpkg srs)`;
        const geomColumn = dao.geometryColumns.column_name;
        const idColumns = new Set(dao.idColumns);
        const rows = dao.queryForAll().sort((a, b) => Number(a[dao.idColumns[0] ?? ""] ?? 0) - Number(b[dao.idColumns[0] ?? ""] ?? 0));
        rows.forEach((row, i) => {
          const properties: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(row)) if (k !== geomColumn && !idColumns.has(k)) properties[k] = v;
          const blob = row[geomColumn];
          let geometry: GeometryLike | null = null;
          if (blob instanceof Uint8Array) {
            const data = new GeometryData(blob);
            geometry = data.geometry && !data.empty ? (data.geometry.toGeoJSON() as GeometryLike) : null;
          }
          features.push({ feature: i + 1, line: 0, properties, ...polygonsOf(geometry) });
        });
      }
    } finally {
      gp.close();
    }
  } catch (e) {
    list.add("FMT_UNREADABLE", 0, `GeoPackage 无法打开：${(e as Error).message}`, `GeoPackage does not open: ${(e as Error).message}`);
  }
  return buildParcels({
    file: fileName,
    format: "gpkg",
    features,
    crs: crs ?? { kind: "unknown", name: "gpkg 未声明坐标系" },
    crsSource,
    list,
    options,
    ringConvention: "none",
    encoding: "utf8",
  });
}
