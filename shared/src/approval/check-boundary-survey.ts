/**
 * 预检 (dry run) of a 勘测定界 upload: reads and validates the file without storing anything, and
 * locates every issue on the map — the issue's survey coordinates (Gauss–Krüger, the file's zone,
 * with the zone prefix when the file writes one) converted to CGCS2000 lon/lat — so the upload
 * screen can list errors with their line numbers, highlight a point, and let the clerk accept
 * fixable warnings explicitly before anything is stored.
 *
 * Formats: the MNR 部标 TXT. Other formats are read by the importer itself (they are checked at
 * import time; their refusal lists the same issue shape).
 */
import { pointToGeographic } from "../geo/crs/index.ts";
import { readBoundaryTxt, type TxtIssue } from "../geo/txt/index.ts";

export interface LocatedIssue extends TxtIssue {
  /** CGCS2000 [lon, lat] of `location`, when the issue has one and the zone is known. */
  lonLat?: [number, number];
}

export interface BoundarySurveyCheck {
  /** False when the format has no dry-run reader (the import checks it). */
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

/** Adds lon/lat to issues whose survey location can be converted with the file's zone. */
export function locateIssues(issues: readonly TxtIssue[], zone: { width: 3 | 6; zone: number } | null, prefixedY: boolean): LocatedIssue[] {
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

export function checkBoundarySurvey(bytes: Uint8Array, fileName: string, opts: { areaTolerance?: number } = {}): BoundarySurveyCheck {
  if (!isTxtFile(fileName)) return { checked: false, fileName, ok: true, errors: [], warnings: [], parcels: [] };
  const read = readBoundaryTxt(bytes, { fileName, ...(opts.areaTolerance === undefined ? {} : { areaTolerance: opts.areaTolerance }) });
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
