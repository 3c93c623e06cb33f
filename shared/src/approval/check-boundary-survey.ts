/**
 * 预检 (dry run) of a 勘测定界 upload: reads and validates the file without storing anything, and
 * locates every issue on the map — the issue's survey coordinates (Gauss–Krüger, the file's zone,
 * with the zone prefix when the file writes one) converted to CGCS2000 lon/lat — so the upload
 * screen can list errors with their line numbers, highlight a point, and let the clerk accept
 * fixable warnings explicitly before anything is stored.
 *
 * Formats: every one readParcelFile reads (MNR 部标 TXT, Shapefile zip, GeoJSON, GeoPackage, DXF,
 * KML/KMZ), chosen by file name; the issues have the same shape for all of them.
 */
import { pointToGeographic } from "../geo/crs/index.ts";
import { formatOfFileName, readParcelFile } from "../geo/formats/read.ts";
import type { TxtIssue } from "../geo/txt/index.ts";

export interface LocatedIssue extends Omit<TxtIssue, "code"> {
  code: string;
  /** CGCS2000 [lon, lat] of `location`, when the issue has one and the zone is known. */
  lonLat?: [number, number];
}

export interface BoundarySurveyCheck {
  /** False when the file's format is not supported (then `errors` says so). */
  checked: boolean;
  fileName: string;
  /** No error: the file would be imported (warnings need the clerk's acceptance). */
  ok: boolean;
  errors: LocatedIssue[];
  warnings: LocatedIssue[];
  /** Parcels as read (CGCS2000 lon/lat), for the map beside the issue list. */
  parcels: {
    parcelNo: string;
    name: string;
    planeAreaM2: number | null;
    geometry: { type: "MultiPolygon"; coordinates: number[][][][] };
  }[];
}

export function isTxtFile(fileName: string): boolean {
  return /\.txt$/i.test(fileName);
}

/** Whether a file name has a boundary format the reader supports. */
export function isSurveyFile(fileName: string): boolean {
  return formatOfFileName(fileName) !== null;
}

/** Adds lon/lat to issues whose survey location can be converted with the file's zone. */
export function locateIssues(
  issues: readonly (Omit<TxtIssue, "code"> & { code: string })[],
  zone: { width: 3 | 6; zone: number } | null,
  prefixedY: boolean,
): LocatedIssue[] {
  return issues.map((i) => {
    if (!i.location || !zone) return { ...i };
    try {
      const [lon, lat] = pointToGeographic(
        { x: i.location.x, y: i.location.y },
        { width: zone.width, zone: zone.zone, prefixed: prefixedY },
      );
      return { ...i, lonLat: [lon, lat] as [number, number] };
    } catch {
      return { ...i };
    }
  });
}

export async function checkBoundarySurvey(
  bytes: Uint8Array,
  fileName: string,
  opts: { areaTolerance?: number } = {},
): Promise<BoundarySurveyCheck> {
  if (!isSurveyFile(fileName)) {
    const messageZh = `不支持的文件类型：${fileName}（支持 .txt .zip .shp .geojson .json .gpkg .dxf .kml .kmz）`;
    const unsupported: LocatedIssue = {
      severity: "error",
      code: "FMT_UNSUPPORTED_FORMAT",
      messageZh,
      message: messageZh,
      file: fileName,
      line: 0,
    };
    return { checked: false, fileName, ok: false, errors: [unsupported], warnings: [], parcels: [] };
  }
  const read = await readParcelFile({ fileName, bytes }, opts.areaTolerance === undefined ? {} : { areaTolerance: opts.areaTolerance });
  const located = locateIssues(read.issues, read.zone, read.prefixedY);
  const errors = located.filter((i) => i.severity === "error");
  if (errors.length === 0 && (!read.ok || !read.zone)) {
    errors.push({ severity: "error", code: "TXT_ZONE_MISSING", messageZh: "无法确定投影带", message: "no zone", file: read.file, line: 0 });
  }
  return {
    checked: true,
    fileName,
    ok: errors.length === 0,
    errors,
    warnings: located.filter((i) => i.severity === "warning"),
    parcels: read.parcels
      .filter((p) => p.geometry !== null)
      .map((p) => ({
        parcelNo: p.number,
        name: p.name,
        planeAreaM2: p.planeAreaM2,
        geometry: p.geometry as { type: "MultiPolygon"; coordinates: number[][][][] },
      })),
  };
}
