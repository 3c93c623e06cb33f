/**
 * Survey plane coordinates (Gauss–Krüger, CGCS2000) ↔ CGCS2000 longitude/latitude, via proj4.
 *
 * proj4's `tmerc` is the exact Poder/Engsager transverse Mercator (`etmerc`), the same algorithm
 * PROJ ≥ 6 (and so PostGIS's ST_Transform) uses; both ends are on the CGCS2000 ellipsoid, so no
 * datum shift is involved. Agreement with PostGIS is checked in transform.test.ts.
 */
import proj4 from "proj4";
import {
  CGCS2000_PROJ4,
  isValidZone,
  isZoneWidth,
  type LonLat,
  proj4Definition,
  type SurveyPoint,
  type ZoneSpec,
  zoneFromY,
} from "./zones.ts";

type Converter = proj4.Converter;

const converters = new Map<string, Converter>();

function converterFor(spec: ZoneSpec): Converter {
  if (!isZoneWidth(spec.width) || !isValidZone(spec.width, spec.zone) || typeof spec.prefixed !== "boolean") {
    throw new RangeError(`not a CGCS2000 Gauss–Krüger zone spec: ${JSON.stringify(spec)}`);
  }
  const key = `${spec.width}/${spec.zone}/${spec.prefixed}`;
  let c = converters.get(key);
  if (!c) {
    c = proj4(CGCS2000_PROJ4, proj4Definition(spec));
    converters.set(key, c);
  }
  return c;
}

/** RangeError unless the Y's prefix (or its absence) matches the zone spec. */
function checkY(y: number, spec: ZoneSpec): void {
  const found = zoneFromY(y, { width: spec.width });
  if (spec.prefixed) {
    if (!found) throw new RangeError(`Y ${y} has no zone prefix, but the zone spec says prefixed ${spec.width}° zone ${spec.zone}`);
    if (found.zone !== spec.zone) throw new RangeError(`Y ${y} carries zone prefix ${found.zone}, but the zone spec says ${spec.zone}`);
  } else if (found) {
    throw new RangeError(`Y ${y} carries zone prefix ${found.zone}, but the zone spec says without prefix`);
  }
}

function finite(...values: number[]): boolean {
  return values.every(Number.isFinite);
}

/** One survey-order point { x: northing, y: easting } → [lon, lat] in degrees. */
export function pointToGeographic(point: SurveyPoint, spec: ZoneSpec): [lon: number, lat: number] {
  if (!finite(point.x, point.y)) throw new RangeError(`survey point must be finite, got ${JSON.stringify(point)}`);
  checkY(point.y, spec);
  const [lon, lat] = converterFor(spec).inverse([point.y, point.x]);
  if (lon === undefined || lat === undefined || !finite(lon, lat)) throw new RangeError(`cannot unproject ${JSON.stringify(point)}`);
  return [lon, lat];
}

/** One [lon, lat] → survey-order point { x: northing, y: easting } in the zone (prefix per spec). */
export function pointToPlane(lonlat: LonLat, spec: ZoneSpec): SurveyPoint {
  const [lon, lat] = lonlat;
  if (!finite(lon, lat) || Math.abs(lat) > 90) throw new RangeError(`[lon, lat] must be finite degrees, got ${JSON.stringify(lonlat)}`);
  const [e, n] = converterFor(spec).forward([lon, lat]);
  if (e === undefined || n === undefined || !finite(e, n)) throw new RangeError(`cannot project ${JSON.stringify(lonlat)}`);
  return { x: n, y: e };
}

/** Survey-order points of one zone → CGCS2000 [lon, lat]. Each Y must match the spec's prefix rule. */
export function toGeographic(points: readonly SurveyPoint[], spec: ZoneSpec): [lon: number, lat: number][] {
  return points.map((p) => pointToGeographic(p, spec));
}

/** CGCS2000 [lon, lat] → survey-order points { x: northing, y: easting } in the given zone. */
export function toPlane(lonlat: readonly LonLat[], spec: ZoneSpec): SurveyPoint[] {
  return lonlat.map((c) => pointToPlane(c, spec));
}

/** Rings (outer first, then holes) of survey points → rings of [lon, lat]. */
export function ringsToGeographic(rings: readonly (readonly SurveyPoint[])[], spec: ZoneSpec): [lon: number, lat: number][][] {
  return rings.map((r) => toGeographic(r, spec));
}

/** Rings of [lon, lat] → rings of survey points in the zone. */
export function ringsToPlane(rings: readonly (readonly LonLat[])[], spec: ZoneSpec): SurveyPoint[][] {
  return rings.map((r) => toPlane(r, spec));
}
