/**
 * CGCS2000 (2000 国家大地坐标系, EPSG:4490) and its Gauss–Krüger (高斯—克吕格) zones.
 *
 * Axis names follow Chinese surveying, which is the opposite of GIS:
 *   - survey order (测量坐标): X = northing (纵坐标, 北向), Y = easting (横坐标, 东向) → `SurveyPoint { x, y }`
 *   - GIS order: `[easting, northing]` → `GisPosition`
 *   - geographic: `[longitude, latitude]` in degrees → `LonLat`
 * Convert between the first two with `surveyToGis` / `gisToSurvey`; never pass one where the other is meant.
 *
 * Zones covered by the EPSG registry for CGCS2000 (mainland China):
 *   - 3° zones 25–45, central meridian 3·zone (75°E … 135°E):
 *     EPSG:4513–4533 with zone prefix (false easting zone·1 000 000 + 500 000),
 *     EPSG:4534–4554 without prefix (false easting 500 000).
 *   - 6° zones 13–23, central meridian 6·zone − 3 (75°E … 135°E):
 *     EPSG:4491–4501 with zone prefix, EPSG:4502–4512 without.
 * The zone numbers of the two widths do not overlap (13–23 vs 25–45), so a prefixed Y names its width too.
 */

/** CGCS2000 geographic 2D. */
export const CGCS2000_EPSG = 4490;

/**
 * The CGCS2000 ellipsoid (EPSG:1024). PostGIS's spatial_ref_sys has EPSG:4490 as proj4text
 * `+proj=longlat +ellps=GRS80` and srtext SPHEROID["CGCS2000",6378137,298.257222101]; PROJ's and
 * proj4's GRS80 is a = 6378137, rf = 298.257222101 too, so geography (ST_Area(geom::geography)),
 * ST_Transform and this module all work on one ellipsoid. (GRS80 proper derives f from J2,
 * 1/298.257222100882711…; the difference moves b by 8e-9 m, nothing at any precision we report.)
 */
export const CGCS2000_ELLIPSOID = {
  name: "CGCS2000",
  a: 6378137,
  inverseFlattening: 298.257222101,
  f: 1 / 298.257222101,
} as const;

/** proj4 definition of EPSG:4490 (identical to PostGIS's spatial_ref_sys.proj4text for 4490). */
export const CGCS2000_PROJ4 = "+proj=longlat +ellps=GRS80 +no_defs";

export type ZoneWidth = 3 | 6;

/** One Gauss–Krüger zone and whether its Y (easting) values carry the zone number prefix. */
export interface ZoneSpec {
  readonly width: ZoneWidth;
  readonly zone: number;
  /** true: Y = zone·1e6 + 500000 + offset (e.g. 35 512345.67); false: Y = 500000 + offset. */
  readonly prefixed: boolean;
}

/** Survey order: X = northing (纵坐标), Y = easting (横坐标), metres. */
export interface SurveyPoint {
  readonly x: number;
  readonly y: number;
}

/** GIS order: [easting, northing], metres. */
export type GisPosition = readonly [easting: number, northing: number];

/** Geographic CGCS2000: [longitude, latitude], decimal degrees. */
export type LonLat = readonly [lon: number, lat: number];

/** Zone numbers EPSG defines for CGCS2000, per width. */
export const ZONE_RANGES = {
  3: { first: 25, last: 45 },
  6: { first: 13, last: 23 },
} as const satisfies Record<ZoneWidth, { first: number; last: number }>;

/** First EPSG code of each block (see the module comment). */
const EPSG_BLOCKS = [
  { first: 4491, width: 6, prefixed: true },
  { first: 4502, width: 6, prefixed: false },
  { first: 4513, width: 3, prefixed: true },
  { first: 4534, width: 3, prefixed: false },
] as const;

const FALSE_EASTING = 500_000;
const PREFIX_UNIT = 1_000_000;

export function isZoneWidth(value: unknown): value is ZoneWidth {
  return value === 3 || value === 6;
}

export function isValidZone(width: ZoneWidth, zone: number): boolean {
  const r = ZONE_RANGES[width];
  return Number.isInteger(zone) && zone >= r.first && zone <= r.last;
}

function assertZone(width: ZoneWidth, zone: number): void {
  if (!isZoneWidth(width)) throw new RangeError(`zone width must be 3 or 6, got ${String(width)}`);
  if (!isValidZone(width, zone)) {
    const r = ZONE_RANGES[width];
    throw new RangeError(`${width}° Gauss–Krüger zone must be an integer ${r.first}–${r.last} for CGCS2000, got ${zone}`);
  }
}

/** Central meridian (degrees east) of a zone: 3·zone for 3° zones, 6·zone − 3 for 6° zones. */
export function centralMeridian(spec: Pick<ZoneSpec, "width" | "zone">): number {
  assertZone(spec.width, spec.zone);
  return spec.width === 3 ? 3 * spec.zone : 6 * spec.zone - 3;
}

/** False easting in metres: zone·1e6 + 500000 with the prefix, 500000 without. */
export function falseEasting(spec: ZoneSpec): number {
  assertZone(spec.width, spec.zone);
  return spec.prefixed ? spec.zone * PREFIX_UNIT + FALSE_EASTING : FALSE_EASTING;
}

/** EPSG code of a CGCS2000 Gauss–Krüger zone. */
export function epsgFor(spec: ZoneSpec): number {
  assertZone(spec.width, spec.zone);
  const block = EPSG_BLOCKS.find((b) => b.width === spec.width && b.prefixed === spec.prefixed);
  if (!block) throw new RangeError(`no EPSG block for ${JSON.stringify(spec)}`);
  return block.first + spec.zone - ZONE_RANGES[spec.width].first;
}

/** The zone of an EPSG code 4491–4554; RangeError for anything else. */
export function zoneFromEpsg(epsg: number): ZoneSpec {
  for (const b of EPSG_BLOCKS) {
    const r = ZONE_RANGES[b.width];
    const offset = epsg - b.first;
    if (Number.isInteger(offset) && offset >= 0 && offset <= r.last - r.first) {
      return { width: b.width, zone: r.first + offset, prefixed: b.prefixed };
    }
  }
  throw new RangeError(`EPSG:${epsg} is not a CGCS2000 Gauss–Krüger zone (4491–4554)`);
}

/** true for EPSG:4491–4554. */
export function isGaussKrugerEpsg(epsg: number): boolean {
  return Number.isInteger(epsg) && epsg >= 4491 && epsg <= 4554;
}

/**
 * Zone number containing a longitude. 3° zone n covers [3n − 1.5°, 3n + 1.5°), 6° zone n covers
 * [6n − 6°, 6n°): n = floor((L + 1.5) / 3), resp. floor(L / 6) + 1. A longitude exactly on a boundary
 * goes to the eastern zone. RangeError outside the zones EPSG defines for CGCS2000.
 */
export function zoneFromLongitude(lon: number, width: ZoneWidth): number {
  if (!Number.isFinite(lon)) throw new RangeError(`longitude must be finite, got ${lon}`);
  if (!isZoneWidth(width)) throw new RangeError(`zone width must be 3 or 6, got ${String(width)}`);
  const zone = width === 3 ? Math.floor((lon + 1.5) / 3) : Math.floor(lon / 6) + 1;
  if (!isValidZone(width, zone)) {
    throw new RangeError(
      `longitude ${lon}° lies in ${width}° zone ${zone}, outside the CGCS2000 zones ${ZONE_RANGES[width].first}–${ZONE_RANGES[width].last}`,
    );
  }
  return zone;
}

/** Zone spec for a longitude (e.g. a parcel's centroid). */
export function zoneSpecForLongitude(lon: number, width: ZoneWidth, prefixed: boolean): ZoneSpec {
  return { width, zone: zoneFromLongitude(lon, width), prefixed };
}

/**
 * Zone from a Y (easting) that carries the zone prefix: an 8-digit integer part, the first two
 * digits being the zone (35512345.67 → 3° zone 35). Width follows from the zone number (13–23 → 6°,
 * 25–45 → 3°); pass `width` to insist on one (RangeError if the prefix is not a zone of it).
 * Returns null for a Y without prefix (integer part below 1 000 000). RangeError for anything else
 * (7 digits, 9+ digits, a prefix that is no CGCS2000 zone, negative or non-finite).
 */
export function zoneFromY(y: number, options: { width?: ZoneWidth } = {}): ZoneSpec | null {
  if (!Number.isFinite(y) || y < 0) throw new RangeError(`Y (easting) must be a finite non-negative number, got ${y}`);
  if (y < PREFIX_UNIT) return null;
  if (y < 10 * PREFIX_UNIT || y >= 100 * PREFIX_UNIT) {
    throw new RangeError(`Y ${y} has neither a 2-digit zone prefix (8-digit integer part) nor is it a plain easting (< 1 000 000)`);
  }
  const zone = Math.floor(y / PREFIX_UNIT);
  const widths: ZoneWidth[] = options.width ? [options.width] : [3, 6];
  for (const width of widths) {
    if (isValidZone(width, zone)) return { width, zone, prefixed: true };
  }
  throw new RangeError(
    `Y ${y}: prefix ${zone} is not a CGCS2000 ${options.width ? `${options.width}° ` : ""}Gauss–Krüger zone (3°: 25–45, 6°: 13–23)`,
  );
}

/** Easting without the zone prefix (35512345.67 → 512345.67); a Y without prefix comes back as is. */
export function stripZonePrefix(y: number): number {
  const spec = zoneFromY(y);
  return spec ? y - spec.zone * PREFIX_UNIT : y;
}

/** Puts the zone prefix on an easting without one (512345.67, zone 35 → 35512345.67). */
export function addZonePrefix(easting: number, zone: number): number {
  if (!Number.isFinite(easting) || easting < 0 || easting >= PREFIX_UNIT) {
    throw new RangeError(`easting without prefix must be in [0, 1 000 000), got ${easting}`);
  }
  if (!isValidZone(3, zone) && !isValidZone(6, zone)) throw new RangeError(`${zone} is not a CGCS2000 Gauss–Krüger zone`);
  return zone * PREFIX_UNIT + easting;
}

/**
 * The one zone that all prefixed Y values of a coordinate list (e.g. a 勘测定界 界址点 file) name.
 * null when none carries a prefix; RangeError when they are mixed or name different zones.
 */
export function zoneFromSurveyPoints(points: readonly SurveyPoint[], options: { width?: ZoneWidth } = {}): ZoneSpec | null {
  let found: ZoneSpec | null = null;
  let plain = 0;
  for (const p of points) {
    const s = zoneFromY(p.y, options);
    if (!s) {
      plain++;
      continue;
    }
    if (found && (found.zone !== s.zone || found.width !== s.width)) {
      throw new RangeError(`points name different zones: ${found.width}° ${found.zone} and ${s.width}° ${s.zone}`);
    }
    found = s;
  }
  if (found && plain > 0) throw new RangeError(`${plain} of ${points.length} points have a Y without zone prefix, the rest with`);
  return found;
}

/** The proj4 / PROJ string of a zone, given as a spec or an EPSG code (matches PostGIS's spatial_ref_sys.proj4text). */
export function proj4Definition(zone: ZoneSpec | number): string {
  const spec = typeof zone === "number" ? zoneFromEpsg(zone) : zone;
  return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian(spec)} +k=1 +x_0=${falseEasting(spec)} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

/** Survey order → GIS order: { x: northing, y: easting } → [easting, northing]. */
export function surveyToGis(p: SurveyPoint): [easting: number, northing: number] {
  return [p.y, p.x];
}

/** GIS order → survey order: [easting, northing] → { x: northing, y: easting }. */
export function gisToSurvey(c: GisPosition): SurveyPoint {
  return { x: c[1], y: c[0] };
}
