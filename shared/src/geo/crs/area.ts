/**
 * Polygon areas for land approval: plane (Gauss–Krüger) and ellipsoidal (CGCS2000), plus the
 * unit conversions and rounding used in reports. Which area goes where: rules.ts.
 *
 * A polygon is a list of rings: the outer ring first, then its holes. Rings may be open or
 * closed (last point = first) and run either way round; the area is |outer| − Σ|hole|.
 */
import geographiclib from "geographiclib-geodesic";
import { CGCS2000_ELLIPSOID, type GisPosition, type LonLat, type SurveyPoint } from "./zones.ts";

/** A ring of plane coordinates, survey order `{ x: northing, y: easting }` or GIS order `[easting, northing]`. */
export type PlaneRing = readonly SurveyPoint[] | readonly GisPosition[];

function isGisRing(ring: PlaneRing): ring is readonly GisPosition[] {
  return Array.isArray(ring[0]);
}

/**
 * Twice the signed shoelace area of one ring, exactly on the given coordinates. Coordinates are
 * taken relative to the ring's first vertex first: with a zone-prefixed Y (≈ 3.5e7 m) the raw
 * cross products would be ~1e14 m² and lose centimetre-level digits to rounding.
 */
function ringDoubleArea(ring: PlaneRing): number {
  const n = ring.length;
  if (n < 3) return 0;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  if (isGisRing(ring)) {
    for (let i = 0; i < n; i++) {
      const c = ring[i] as GisPosition;
      xs[i] = c[0];
      ys[i] = c[1];
    }
  } else {
    for (let i = 0; i < n; i++) {
      const p = ring[i] as SurveyPoint;
      xs[i] = p.x;
      ys[i] = p.y;
    }
  }
  const x0 = xs[0] as number;
  const y0 = ys[0] as number;
  let sum = 0;
  let px = 0;
  let py = 0;
  for (let i = 1; i < n; i++) {
    const x = (xs[i] as number) - x0;
    const y = (ys[i] as number) - y0;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`ring vertex ${i} is not finite`);
    sum += px * y - x * py;
    px = x;
    py = y;
  }
  // The closing edge back to vertex 0 (the local origin) adds nothing; an explicit closing vertex adds nothing either.
  if (!Number.isFinite(x0) || !Number.isFinite(y0)) throw new RangeError("ring vertex 0 is not finite");
  return sum;
}

/** Unsigned plane area of one ring, m² (coordinates in metres). */
export function ringPlaneArea(ring: PlaneRing): number {
  return Math.abs(ringDoubleArea(ring)) / 2;
}

/**
 * Plane area in m² of a polygon given in a zone's plane coordinates (outer ring minus holes),
 * computed on exactly these coordinates — the 勘测定界 坐标解析法 area. Swapping axes (survey vs
 * GIS order) does not change it.
 */
export function planeArea(rings: readonly PlaneRing[]): number {
  let area = 0;
  rings.forEach((ring, i) => {
    const a = ringPlaneArea(ring);
    area += i === 0 ? a : -a;
  });
  return area;
}

const geodesic = new geographiclib.Geodesic.Geodesic(CGCS2000_ELLIPSOID.a, CGCS2000_ELLIPSOID.f);

/** Unsigned geodesic area of one [lon, lat] ring on the CGCS2000 ellipsoid, m². */
export function ringEllipsoidalArea(ring: readonly LonLat[]): number {
  let n = ring.length;
  const first = ring[0];
  const last = ring[n - 1];
  if (first && last && n > 1 && first[0] === last[0] && first[1] === last[1]) n--;
  if (n < 3) return 0;
  const polygon = geodesic.Polygon(false);
  for (let i = 0; i < n; i++) {
    const c = ring[i] as LonLat;
    const lon = c[0];
    const lat = c[1];
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) {
      throw new RangeError(`ring vertex ${i} is not a [lon, lat] in degrees: ${JSON.stringify(c)}`);
    }
    polygon.AddPoint(lat, lon);
  }
  // sign = true: a clockwise ring gives a negative area instead of (ellipsoid area − area).
  return Math.abs(polygon.Compute(false, true).area ?? 0);
}

/**
 * Ellipsoidal (geodesic) area in m² of a polygon of CGCS2000 [lon, lat] rings, outer minus holes:
 * GeographicLib's algorithm (Karney 2013) on a = 6378137, 1/f = 298.257222101 — the area that
 * 国土调查 statistics report (TD/T 1055-2019, 椭球面积计算). Equal to PostGIS's
 * ST_Area(geom::geography) for SRID 4490, which uses the same algorithm on the same ellipsoid.
 */
export function ellipsoidalArea(lonlatRings: readonly (readonly LonLat[])[]): number {
  let area = 0;
  lonlatRings.forEach((ring, i) => {
    const a = ringEllipsoidalArea(ring);
    area += i === 0 ? a : -a;
  });
  return area;
}

// ---- units and rounding ----------------------------------------------------------------------

export type AreaUnit = "m2" | "ha" | "mu";

/**
 * Decimal places each unit is reported with. Round only for display/reporting, each figure from
 * the unrounded m² (never 亩 from a rounded 公顷). The same precision applies to both kinds of area:
 * 勘测定界 reports (报批/征地) give the plane area, 三调/变更调查 statistics the ellipsoidal area
 * (TD/T 1055-2019《第三次全国国土调查技术规程》椭球面积计算) — see AREA_RULES in rules.ts.
 */
export const AREA_PRECISION = {
  /** 平方米, 2 decimals: 图斑/宗地 areas in 勘测定界 界址点成果表 and 三调 图斑椭球面积. */
  m2: 2,
  /** 公顷, 4 decimals: 报批 呈报材料 (用地面积, 一书四方案) and 三调 统计汇总 tables. */
  ha: 4,
  /** 亩, 2 decimals: 征地 补偿安置 (征地公告, 补偿登记), where 亩 is the customary unit. */
  mu: 2,
} as const satisfies Record<AreaUnit, number>;

/** Square metres in one 亩 (1 亩 = 10000/15 m², so 1 公顷 = 15 亩). */
export const SQUARE_METRES_PER_MU = 10_000 / 15;
export const SQUARE_METRES_PER_HECTARE = 10_000;

/** x·10^n on the decimal representation, so 1.005 shifts to exactly 100.5 and not 100.49999999999999. */
function shiftDecimal(x: number, n: number): number {
  const [mantissa, exponent = "0"] = String(x).split("e");
  return Number(`${mantissa}e${Number(exponent) + n}`);
}

/**
 * Rounds to `digits` decimals on the number's decimal representation. "half-up" (四舍五入, away from
 * zero on a tie) by default; "half-even" is GB/T 8170-2008 数值修约 (四舍六入五成双) for callers whose
 * rule says so. Ties are rare for measured areas but do occur with values typed in by hand.
 */
export function roundDecimal(value: number, digits: number, mode: "half-up" | "half-even" = "half-up"): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value}`);
  if (!Number.isInteger(digits) || digits < 0 || digits > 12) throw new RangeError(`digits must be an integer 0–12, got ${digits}`);
  const sign = value < 0 ? -1 : 1;
  const shifted = shiftDecimal(Math.abs(value), digits);
  let whole = Math.floor(shifted);
  const frac = shifted - whole;
  if (frac > 0.5 || (frac === 0.5 && (mode === "half-up" || whole % 2 === 1))) whole += 1;
  const result = sign * shiftDecimal(whole, -digits);
  return result === 0 ? 0 : result; // no -0
}

/** Rounds an area in the given unit to its AREA_PRECISION. */
export function roundArea(value: number, unit: AreaUnit, mode: "half-up" | "half-even" = "half-up"): number {
  return roundDecimal(value, AREA_PRECISION[unit], mode);
}

export interface ConvertOptions {
  /** Round the result to AREA_PRECISION of the target unit (default false: exact). */
  round?: boolean;
}

function out(value: number, unit: AreaUnit, options: ConvertOptions | undefined): number {
  return options?.round ? roundArea(value, unit) : value;
}

/** m² → 公顷 (÷ 10000). */
export function squareMetresToHectares(m2: number, options?: ConvertOptions): number {
  return out(m2 / SQUARE_METRES_PER_HECTARE, "ha", options);
}

/** 公顷 → 亩 (× 15). Pass the unrounded hectares. */
export function hectaresToMu(ha: number, options?: ConvertOptions): number {
  return out(ha * 15, "mu", options);
}

/** m² → 亩 (× 15 / 10000). */
export function squareMetresToMu(m2: number, options?: ConvertOptions): number {
  return out((m2 * 15) / SQUARE_METRES_PER_HECTARE, "mu", options);
}

/** 亩 → m² (× 10000 / 15). */
export function muToSquareMetres(mu: number, options?: ConvertOptions): number {
  return out((mu * SQUARE_METRES_PER_HECTARE) / 15, "m2", options);
}

/** 公顷 → m² (× 10000). */
export function hectaresToSquareMetres(ha: number, options?: ConvertOptions): number {
  return out(ha * SQUARE_METRES_PER_HECTARE, "m2", options);
}

/** One area in all three report units, each rounded from the unrounded m². */
export function areaFigures(m2: number): { m2: number; ha: number; mu: number } {
  return { m2: roundArea(m2, "m2"), ha: squareMetresToHectares(m2, { round: true }), mu: squareMetresToMu(m2, { round: true }) };
}
