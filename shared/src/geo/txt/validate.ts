/**
 * Geometry validation shared by every boundary format (TXT and the formats in ../formats/): from raw
 * parcels — points in survey order with the line (or feature) they came from — to `Parcel`s with rings
 * (outer/hole by containment), plane and ellipsoidal areas and CGCS2000 geometry, reporting swapped X/Y,
 * zone prefixes, duplicate points, unclosed rings, too few points, self-intersections, ring orientation,
 * declared vs computed area, coordinates outside the zone or 四川 and overlaps between parcels.
 * It reports through the caller's `add`, so each format keeps its own file name, line and ordering.
 */
import polygonClipping from "polygon-clipping";
import { isValidLandClass } from "../../standard/codes/index.ts";
import {
  ellipsoidalArea,
  epsgFor,
  isValidZone,
  type LonLat,
  planeArea,
  SQUARE_METRES_PER_HECTARE,
  SQUARE_METRES_PER_MU,
  toGeographic,
  type ZoneSpec,
  type ZoneWidth,
  zoneFromY,
} from "../crs/index.ts";
import { orient, type Pos, pointInRing, ringSelfIntersections, ringsContact, signedDoubleArea } from "./geometry.ts";
import type { Parcel, TxtAreaUnit, TxtIssueCode, TxtLocation, TxtPoint, TxtRing } from "./types.ts";

/** Bounding box of 四川省 in CGCS2000 lon/lat (a coarse plausibility check, not the boundary). */
export const SICHUAN_BBOX = { minLon: 97.3, maxLon: 108.6, minLat: 26.0, maxLat: 34.4 } as const;

/** Eastings (without prefix) further than this from the false easting 500 km are outside any sensible zone. */
export const ZONE_EASTING_RANGE = { min: 250_000, max: 750_000 } as const;

/** Intersections between parcels smaller than this (m²) are rounding noise, not overlaps. */
const OVERLAP_MIN_M2 = 0.01;

const AREA_FACTOR: Record<TxtAreaUnit, number> = { ha: SQUARE_METRES_PER_HECTARE, m2: 1, mu: SQUARE_METRES_PER_MU };
const AREA_UNIT_ZH: Record<TxtAreaUnit, string> = { ha: "公顷", m2: "平方米", mu: "亩" };
const PREFIX_UNIT = 1_000_000;

export interface RawPoint {
  label: string;
  ringNumber: number;
  /** As parsed: x = northing, y = easting (possibly prefixed); after swap detection. */
  x: number;
  y: number;
  line: number;
}

export interface RawParcel {
  line: number;
  /** 1-based feature number for formats without lines (SHP, GPKG …); added to every issue of the parcel. */
  feature?: number;
  /** The TXT parcel line's fields: 界址点数,地块面积,地块编号,地块名称,记录图形属性,图幅号,地块用途,地类编码. */
  fields: string[];
  declaredPointCount: number | null;
  declaredArea: number | null;
  declaredAreaDecimals: number;
  areaUnparsable: boolean;
  /** Point lines attributed to the parcel, parsable or not. */
  pointLines: number;
  /** Point lines that could not be parsed (the geometry is incomplete: no area comparison). */
  badPointLines: number;
  points: RawPoint[];
}

interface CookedPoint extends TxtPoint {
  /** Zone prefix of this point's Y, if it had one. */
  prefixZone: ZoneSpec | null;
}

interface WorkRing {
  ringNumber: number;
  points: TxtPoint[];
  gis: Pos[];
  doubleArea: number;
  selfIntersects: boolean;
  role: "outer" | "hole";
  parent: number | null;
}

export type AddIssue = (
  code: TxtIssueCode,
  line: number,
  messageZh: string,
  message: string,
  extra?: { parcel?: string; point?: string; location?: TxtLocation; feature?: number },
) => void;

function label(s: string): string {
  return s.replace(/^([A-Za-z]*)0+(\d)/, "$1$2").toUpperCase();
}

function samePoint(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return a.x === b.x && a.y === b.y;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function fmt(v: number, digits = 2): string {
  return v.toFixed(digits);
}

function looksLikeNorthing(v: number): boolean {
  return v >= 1e6 && v < 1e7;
}

function looksLikeEasting(v: number): boolean {
  if (v > 0 && v < PREFIX_UNIT) return true;
  const zone = Math.floor(v / PREFIX_UNIT);
  return v >= 1e7 && v < 1e8 && (isValidZone(3, zone) || isValidZone(6, zone));
}

/**
 * Which way a format's outer rings run in the east–north plane: the survey convention (TD/T 1008, also
 * ESRI Shapefile) clockwise, RFC 7946 / OGC counter-clockwise; "none" for formats without one (DXF).
 * Rings are always stored the survey way; a warning is given only when a ring breaks its format's rule.
 */
export type RingConvention = "clockwise-outer" | "counter-clockwise-outer" | "none";

export interface ValidateParcelsInput {
  parcels: RawParcel[];
  /** The zone declared by the file (header 带号, .prj, GPKG srs, option); Y prefixes win over it. */
  headerZone: { width: ZoneWidth; zone: number } | null;
  /** Line reported for zone problems (TXT: the 带号 line). */
  zoneLine: number;
  areaUnit: TxtAreaUnit;
  /** Relative area tolerance (0.01 = 1 %). */
  tolerance: number;
  add: AddIssue;
  ringConvention?: RingConvention;
  /** Text of TXT_ZONE_MISSING, when the format has its own way of declaring the zone. */
  zoneMissing?: { zh: string; en: string };
}

export interface ValidateParcelsResult {
  parcels: Parcel[];
  /** The zone in effect (prefixed: false) and its EPSG code. */
  zone: ZoneSpec | null;
  epsg: number | null;
  prefixedY: boolean;
}

/** Validates raw parcels and builds their geometry; never throws for bad content. */
export function validateParcels(input: ValidateParcelsInput): ValidateParcelsResult {
  const { parcels: rawParcels, headerZone, tolerance } = input;
  const convention = input.ringConvention ?? "clockwise-outer";
  const addAny = input.add;
  // Issues raised while one parcel is being looked at carry its feature number (non-TXT formats).
  let currentFeature: number | undefined;
  const add: AddIssue = (code, line, messageZh, message, extra = {}) =>
    addAny(code, line, messageZh, message, currentFeature === undefined ? extra : { ...extra, feature: currentFeature });
  const headerLine = (_id: "zone"): number => input.zoneLine;
  const header = { areaUnit: input.areaUnit };

  // ---- coordinates: swapped axes, zone prefixes, the file's zone ------------------------------------------
  const prefixCounts = new Map<string, { spec: ZoneSpec; count: number; line: number }>();
  const swappedByParcel = new Map<RawParcel, RawPoint[]>();
  const invalid = new Set<RawPoint>();
  const prefixOf = new Map<RawPoint, ZoneSpec | null>();
  for (const p of rawParcels) {
    currentFeature = p.feature;
    const parcelNo = p.fields[2] ?? "";
    for (const pt of p.points) {
      if (looksLikeNorthing(pt.y) && looksLikeEasting(pt.x)) {
        const { x, y } = pt;
        pt.x = y;
        pt.y = x;
        const list = swappedByParcel.get(p) ?? [];
        list.push(pt);
        swappedByParcel.set(p, list);
      }
      let spec: ZoneSpec | null = null;
      try {
        spec = zoneFromY(pt.y);
      } catch {
        invalid.add(pt);
        add(
          "TXT_COORD_INVALID",
          pt.line,
          `Y 坐标 ${pt.y} 既不是带号前缀的 8 位整数，也不是不带前缀的东坐标（< 1 000 000）`,
          `Y ${pt.y} is neither a zone-prefixed easting (8-digit integer part) nor a plain easting (< 1 000 000)`,
          { parcel: parcelNo, point: pt.label, location: { x: pt.x, y: pt.y } },
        );
        continue;
      }
      if (!Number.isFinite(pt.x) || pt.x <= 0) {
        invalid.add(pt);
        add("TXT_COORD_INVALID", pt.line, `X 坐标 ${pt.x} 无效`, `X ${pt.x} is not a valid northing`, {
          parcel: parcelNo,
          point: pt.label,
        });
        continue;
      }
      prefixOf.set(pt, spec);
      if (spec) {
        const key = `${spec.width}/${spec.zone}`;
        const c = prefixCounts.get(key) ?? { spec, count: 0, line: pt.line };
        c.count++;
        prefixCounts.set(key, c);
      }
    }
  }
  for (const [p, list] of swappedByParcel) {
    currentFeature = p.feature;
    const parcelNo = p.fields[2] ?? "";
    const first = list[0] as RawPoint;
    if (list.length === p.points.length && list.length > 1) {
      add(
        "TXT_XY_SWAPPED",
        first.line,
        `地块 ${parcelNo} 的全部 ${list.length} 个界址点 X、Y 颠倒（X 应为北向纵坐标约 3 000 000 m），已交换后继续校验`,
        `all ${list.length} points of parcel ${parcelNo} have X and Y swapped (X must be the northing, ≈ 3 000 000 m in 四川); swapped back for the remaining checks`,
        { parcel: parcelNo, point: first.label },
      );
    } else {
      for (const pt of list) {
        add(
          "TXT_XY_SWAPPED",
          pt.line,
          "该点 X、Y 颠倒，已交换后继续校验",
          "X and Y of this point are swapped; swapped back for the remaining checks",
          {
            parcel: parcelNo,
            point: pt.label,
          },
        );
      }
    }
  }

  let prefixZone: { spec: ZoneSpec; line: number } | null = null;
  for (const c of prefixCounts.values())
    if (!prefixZone || c.count > (prefixCounts.get(`${prefixZone.spec.width}/${prefixZone.spec.zone}`)?.count ?? 0)) prefixZone = c;
  let fileZone: { width: ZoneWidth; zone: number } | null = null;
  if (prefixZone) {
    fileZone = { width: prefixZone.spec.width, zone: prefixZone.spec.zone };
    if (headerZone && (headerZone.zone !== fileZone.zone || headerZone.width !== fileZone.width)) {
      add(
        "TXT_ZONE_PREFIX_MISMATCH",
        headerLine("zone"),
        `属性描述为 ${headerZone.width} 度带第 ${headerZone.zone} 带，但 Y 坐标带号前缀为 ${fileZone.zone}（${fileZone.width} 度带），按前缀处理`,
        `header says ${headerZone.width}° zone ${headerZone.zone}, but the Y values carry prefix ${fileZone.zone} (${fileZone.width}° zone); the prefix is used`,
      );
    }
  } else if (headerZone) {
    fileZone = headerZone;
  } else if (rawParcels.some((p) => p.points.length > 0)) {
    add(
      "TXT_ZONE_MISSING",
      headerLine("zone"),
      input.zoneMissing?.zh ?? "缺少带号（属性描述无“带号”，Y 坐标也无带号前缀），无法确定投影带，不能换算经纬度和椭球面积",
      input.zoneMissing?.en ??
        "zone unknown: no 带号 in the header and no zone prefix on Y; no geographic coordinates or ellipsoidal area can be computed",
    );
  }
  const prefixedY = prefixZone !== null;
  const spec: ZoneSpec | null = fileZone ? { width: fileZone.width, zone: fileZone.zone, prefixed: false } : null;
  const epsg = spec ? epsgFor(spec) : null;
  const locate = (northing: number, easting: number): TxtLocation => ({
    x: round3(northing),
    y: round3(prefixedY && fileZone ? easting + fileZone.zone * PREFIX_UNIT : easting),
  });

  // ---- parcels -------------------------------------------------------------------------------------------
  const parcels: Parcel[] = [];
  const polygonsOf = new Map<Parcel, Pos[][][]>();
  const numbersSeen = new Map<string, number>();
  currentFeature = undefined;
  for (const raw of rawParcels) {
    currentFeature = raw.feature;
    const [, , number = "", name = "", geometryKind = "", mapSheet = "", use = "", landClass = ""] = raw.fields;
    const where = { parcel: number };
    const seenAt = numbersSeen.get(number);
    if (seenAt !== undefined) {
      add(
        "TXT_DUPLICATE_PARCEL_NUMBER",
        raw.line,
        `地块编号“${number}”重复（第 ${seenAt} 行已有）`,
        `parcel number "${number}" repeated (first on line ${seenAt})`,
        where,
      );
    } else numbersSeen.set(number, raw.line);
    if (landClass !== "" && !isValidLandClass(landClass)) {
      add(
        "TXT_UNKNOWN_LAND_CLASS",
        raw.line,
        `地类编码“${landClass}”不在地类代码表中`,
        `land class code "${landClass}" is not in the land class table (GB/T 21010 / 三调)`,
        where,
      );
    }
    const unit = header.areaUnit;
    const parcel: Parcel = {
      number,
      name,
      geometryKind,
      mapSheet,
      use,
      landClass,
      declaredPointCount: raw.declaredPointCount,
      declaredArea: raw.declaredArea,
      declaredAreaUnit: unit,
      declaredAreaHa: raw.declaredArea === null ? null : (raw.declaredArea * AREA_FACTOR[unit]) / SQUARE_METRES_PER_HECTARE,
      line: raw.line,
      ...(raw.feature === undefined ? {} : { feature: raw.feature }),
      zone: spec,
      epsg,
      rings: [],
      geometry: null,
      planeAreaM2: null,
      ellipsoidalAreaM2: null,
    };
    parcels.push(parcel);

    // Points of the file's zone, easting without prefix.
    const cooked: (CookedPoint & { ringNumber: number })[] = [];
    for (const pt of raw.points) {
      if (invalid.has(pt)) continue;
      const prefix = prefixOf.get(pt) ?? null;
      if (prefix && fileZone && (prefix.zone !== fileZone.zone || prefix.width !== fileZone.width)) {
        add(
          "TXT_POINT_ZONE_MISMATCH",
          pt.line,
          `Y 坐标带号前缀 ${prefix.zone} 与文件的投影带 ${fileZone.zone} 不一致`,
          `Y carries zone prefix ${prefix.zone}, the file's zone is ${fileZone.zone}`,
          { ...where, point: pt.label, location: { x: pt.x, y: pt.y } },
        );
      }
      // Stripping the prefix in binary leaves ~1e-8 m of noise (35405362.48 − 35e6 = 405362.48000000045); rounding to
      // the micrometre gives back the decimal the file wrote, so prefixed and unprefixed files read identically.
      const y = prefix ? Math.round((pt.y - prefix.zone * PREFIX_UNIT) * 1e6) / 1e6 : pt.y;
      cooked.push({ label: pt.label, x: pt.x, y, line: pt.line, prefixZone: prefix, ringNumber: pt.ringNumber });
    }
    if (raw.pointLines === 0) {
      add("TXT_NO_POINTS", raw.line, `地块 ${number} 没有界址点坐标行`, `parcel ${number} has no coordinate lines`, where);
    }
    if (geometryKind !== "" && geometryKind !== "面") {
      add(
        "TXT_UNSUPPORTED_GEOMETRY",
        raw.line,
        `记录图形属性为“${geometryKind}”，报批地块须为“面”，未构建图形`,
        `geometry kind "${geometryKind}": approval parcels must be polygons (面); no geometry built`,
        where,
      );
      continue;
    }

    // Rings by 圈号, in order of first appearance.
    const groups = new Map<number, CookedPoint[]>();
    for (const pt of cooked) {
      const g = groups.get(pt.ringNumber) ?? [];
      g.push(pt);
      groups.set(pt.ringNumber, g);
    }
    const rings: WorkRing[] = [];
    let openPoints = 0;
    for (const [ringNumber, pts] of groups) {
      const kept: TxtPoint[] = [];
      for (const p of pts) {
        const prev = kept[kept.length - 1];
        if (prev && samePoint(prev, p)) {
          add(
            "TXT_DUPLICATE_POINT",
            p.line,
            `界址点 ${p.label} 与前一点 ${prev.label} 坐标相同，已去除`,
            `point ${p.label} repeats the previous point ${prev.label}; removed`,
            { ...where, point: p.label, location: locate(p.x, p.y) },
          );
          continue;
        }
        kept.push({ label: p.label, x: p.x, y: p.y, line: p.line });
      }
      const first = kept[0];
      const last = kept[kept.length - 1];
      if (first && last && kept.length >= 2) {
        if (samePoint(first, last)) kept.pop();
        else if (label(first.label) === label(last.label)) {
          kept.pop();
          add(
            "TXT_RING_CLOSURE_MISMATCH",
            last.line,
            `第 ${ringNumber} 圈的闭合点 ${last.label} 与起点点号相同但坐标不同（相差 ${fmt(Math.hypot(last.x - first.x, last.y - first.y), 3)} m），已按起点闭合`,
            `ring ${ringNumber}: closing point ${last.label} has the first point's label but other coordinates (${fmt(Math.hypot(last.x - first.x, last.y - first.y), 3)} m apart); closed on the first point`,
            { ...where, point: last.label, location: locate(last.x, last.y) },
          );
        } else {
          add(
            "TXT_RING_NOT_CLOSED",
            last.line,
            `第 ${ringNumber} 圈未闭合（末点 ${last.label} 不等于起点 ${first.label}），已自动闭合`,
            `ring ${ringNumber} is not closed (last point ${last.label} ≠ first point ${first.label}); closed automatically`,
            { ...where, point: last.label, location: locate(last.x, last.y) },
          );
        }
      }
      openPoints += kept.length;
      const distinct = new Set(kept.map((p) => `${p.x},${p.y}`)).size;
      const ringLine = kept[0]?.line ?? pts[0]?.line ?? raw.line;
      const ringWhere = { ...where, ...(kept[0] ? { point: kept[0].label } : {}) };
      if (distinct < 3) {
        add(
          "TXT_TOO_FEW_POINTS",
          ringLine,
          `第 ${ringNumber} 圈只有 ${distinct} 个不同的界址点，至少需要 3 个，已忽略该圈`,
          `ring ${ringNumber} has ${distinct} distinct point(s), at least 3 are needed; ring ignored`,
          ringWhere,
        );
        continue;
      }
      const gis: Pos[] = kept.map((p) => [p.y, p.x]);
      const doubleArea = signedDoubleArea(gis);
      const g0 = gis[0] as Pos;
      const g1 = gis.find((g) => g[0] !== g0[0] || g[1] !== g0[1]) as Pos;
      if (gis.every((g) => orient(g0, g1, g) === 0)) {
        add(
          "TXT_DEGENERATE_RING",
          ringLine,
          `第 ${ringNumber} 圈面积为零（界址点共线），已忽略该圈`,
          `ring ${ringNumber} has zero area (collinear points); ring ignored`,
          ringWhere,
        );
        continue;
      }
      const crossings = ringSelfIntersections(gis);
      for (const c of crossings) {
        const a = kept[c.edgeA] as TxtPoint;
        const a2 = kept[(c.edgeA + 1) % kept.length] as TxtPoint;
        const b = kept[c.edgeB] as TxtPoint;
        const b2 = kept[(c.edgeB + 1) % kept.length] as TxtPoint;
        const what = c.kind === "spike" ? "回折（边沿原路返回）" : c.kind === "overlap" ? "重叠" : c.kind === "touch" ? "相接" : "相交";
        const whatEn =
          c.kind === "spike" ? "doubles back on" : c.kind === "overlap" ? "overlaps" : c.kind === "touch" ? "touches" : "crosses";
        add(
          "TXT_SELF_INTERSECTION",
          a.line,
          `第 ${ringNumber} 圈自相交：边 ${a.label}–${a2.label} 与边 ${b.label}–${b2.label} ${what}，交点 X=${fmt(locate(c.at[1], c.at[0]).x, 3)} Y=${fmt(locate(c.at[1], c.at[0]).y, 3)}`,
          `ring ${ringNumber} self-intersects: edge ${a.label}–${a2.label} ${whatEn} edge ${b.label}–${b2.label} at X=${fmt(locate(c.at[1], c.at[0]).x, 3)} Y=${fmt(locate(c.at[1], c.at[0]).y, 3)}`,
          { ...where, point: a.label, location: locate(c.at[1], c.at[0]) },
        );
      }
      rings.push({ ringNumber, points: kept, gis, doubleArea, selfIntersects: crossings.length > 0, role: "outer", parent: null });
    }

    // Rings of one parcel must not meet; holes vs parts by containment depth.
    for (let i = 0; i < rings.length; i++) {
      for (let j = i + 1; j < rings.length; j++) {
        const ri = rings[i] as WorkRing;
        const rj = rings[j] as WorkRing;
        const c = ringsContact(ri.gis, rj.gis);
        if (!c) continue;
        const pt = rj.points[c.edgeB] as TxtPoint;
        const at = locate(c.contact.at[1], c.contact.at[0]);
        add(
          "TXT_RINGS_INTERSECT",
          pt.line,
          `第 ${rj.ringNumber} 圈与第 ${ri.ringNumber} 圈的边界${c.contact.kind === "cross" ? "相交" : c.contact.kind === "overlap" ? "重叠" : "相接"}，位置 X=${fmt(at.x, 3)} Y=${fmt(at.y, 3)}`,
          `ring ${rj.ringNumber} ${c.contact.kind === "cross" ? "crosses" : c.contact.kind === "overlap" ? "overlaps" : "touches"} ring ${ri.ringNumber} at X=${fmt(at.x, 3)} Y=${fmt(at.y, 3)}`,
          { ...where, point: pt.label, location: at },
        );
      }
    }
    const containers = rings.map((ri, i) =>
      rings
        .map((rj, j) => ({ rj, j }))
        .filter(({ rj, j }) => {
          if (i === j) return false;
          for (const v of ri.gis) {
            const where = pointInRing(v, rj.gis);
            if (where !== "boundary") return where === "inside";
          }
          return false;
        })
        .map(({ j }) => j),
    );
    rings.forEach((r, i) => {
      const depth = containers[i]?.length ?? 0;
      r.role = depth % 2 === 0 ? "outer" : "hole";
      if (r.role === "hole") {
        const parentIndex = containers[i]?.find((j) => (containers[j]?.length ?? 0) === depth - 1);
        r.parent = parentIndex === undefined ? null : (rings[parentIndex]?.ringNumber ?? null);
      }
      // TD/T 1008 numbers 界址点 clockwise (顺时针) around the parcel: in the east–north plane an
      // outer ring has negative signed area, a hole positive. Rings the other way are reversed.
      const wantClockwise = r.role === "outer";
      if (!r.selfIntersects && r.doubleArea < 0 !== wantClockwise) {
        const [head, ...rest] = r.points;
        if (head) r.points = [head, ...rest.reverse()];
        r.gis = r.points.map((p) => [p.y, p.x]);
        r.doubleArea = -r.doubleArea;
        const p0 = r.points[0] as TxtPoint;
        if (convention === "clockwise-outer") {
          add(
            "TXT_RING_ORIENTATION",
            p0.line,
            `第 ${r.ringNumber} 圈（${r.role === "outer" ? "外圈" : "内圈/洞"}）为${wantClockwise ? "逆" : "顺"}时针，已按约定改为${wantClockwise ? "顺" : "逆"}时针（界址点按顺时针编号，洞逆时针）`,
            `ring ${r.ringNumber} (${r.role === "outer" ? "outer" : "hole"}) runs ${wantClockwise ? "counter-clockwise" : "clockwise"}; reversed to ${wantClockwise ? "clockwise" : "counter-clockwise"} (TD/T 1008: boundary points numbered clockwise, holes counter-clockwise)`,
            { ...where, point: p0.label },
          );
        }
      } else if (!r.selfIntersects && convention === "counter-clockwise-outer") {
        // The format (RFC 7946, OGC) wants outer rings counter-clockwise: this ring ran the survey way round.
        const p0 = r.points[0] as TxtPoint;
        add(
          "TXT_RING_ORIENTATION",
          p0.line,
          `第 ${r.ringNumber} 圈（${r.role === "outer" ? "外圈" : "内圈/洞"}）为${wantClockwise ? "顺" : "逆"}时针，不符合该格式的约定（外圈逆时针、洞顺时针），已调整`,
          `ring ${r.ringNumber} (${r.role === "outer" ? "outer" : "hole"}) runs ${wantClockwise ? "clockwise" : "counter-clockwise"}, against the format's rule (outer counter-clockwise, holes clockwise); adjusted`,
          { ...where, point: p0.label },
        );
      }
    });
    parcel.rings = rings.map((r): TxtRing => ({ ringNumber: r.ringNumber, role: r.role, parent: r.parent, points: r.points }));

    // 界址点数: real files count either every coordinate line, or the points with each ring's closing repeat, or without it.
    if (raw.declaredPointCount !== null) {
      const accepted = new Set([raw.pointLines, openPoints, openPoints + groups.size]);
      if (!accepted.has(raw.declaredPointCount)) {
        add(
          "TXT_POINT_COUNT_MISMATCH",
          raw.line,
          `界址点数申报为 ${raw.declaredPointCount}，实有坐标行 ${raw.pointLines} 行（不计闭合点 ${openPoints} 个）`,
          `界址点数 declares ${raw.declaredPointCount} points, the parcel has ${raw.pointLines} coordinate line(s) (${openPoints} without closing points)`,
          where,
        );
      }
    }

    const outers = rings.filter((r) => r.role === "outer");
    const polygons = outers.map((o) => [o, ...rings.filter((h) => h.role === "hole" && h.parent === o.ringNumber)]);
    if (polygons.length > 0) {
      parcel.planeAreaM2 = polygons.reduce((s, poly) => s + planeArea(poly.map((r) => r.points)), 0);
      polygonsOf.set(
        parcel,
        polygons.map((poly) => poly.map((r) => r.gis)),
      );
    }

    // Zone range, geographic coordinates, 四川, ellipsoidal area.
    if (spec && polygons.length > 0) {
      const all = polygons.flatMap((poly) => poly.flatMap((r) => r.points));
      const off = all.find((p) => p.y < ZONE_EASTING_RANGE.min || p.y > ZONE_EASTING_RANGE.max);
      if (off) {
        add(
          "TXT_OUTSIDE_ZONE",
          off.line,
          `东坐标 ${fmt(off.y, 3)} m（不含带号）距中央经线超过 250 km，不在第 ${spec.zone} 带范围内`,
          `easting ${fmt(off.y, 3)} m (without prefix) is more than 250 km from the central meridian: outside zone ${spec.zone}`,
          { ...where, point: off.label, location: locate(off.x, off.y) },
        );
      }
      try {
        const lonlat = polygons.map((poly) => poly.map((r) => toGeographic(r.points, spec)));
        let out: { p: TxtPoint; ll: LonLat } | null = null;
        search: for (const [i, poly] of polygons.entries()) {
          for (const [j, r] of poly.entries()) {
            for (const [k, p] of r.points.entries()) {
              const ll = lonlat[i]?.[j]?.[k];
              if (!ll) continue;
              const [lon, lat] = ll;
              if (lon < SICHUAN_BBOX.minLon || lon > SICHUAN_BBOX.maxLon || lat < SICHUAN_BBOX.minLat || lat > SICHUAN_BBOX.maxLat) {
                out = { p, ll };
                break search;
              }
            }
          }
        }
        if (out) {
          add(
            "TXT_OUTSIDE_SICHUAN",
            out.p.line,
            `界址点 ${out.p.label} 位于东经 ${fmt(out.ll[0], 5)}°、北纬 ${fmt(out.ll[1], 5)}°，不在四川省范围内`,
            `point ${out.p.label} lies at ${fmt(out.ll[0], 5)}°E ${fmt(out.ll[1], 5)}°N, outside 四川 (Sichuan)`,
            { ...where, point: out.p.label, location: locate(out.p.x, out.p.y) },
          );
        }
        parcel.geometry = {
          type: "MultiPolygon",
          // GeoJSON (RFC 7946) wants the opposite of the survey convention: outer rings counter-clockwise.
          coordinates: lonlat.map((poly) => poly.map((ring) => [...ring, ring[0] as [number, number]].reverse())),
        };
        parcel.ellipsoidalAreaM2 = lonlat.reduce((s, poly) => s + ellipsoidalArea(poly), 0);
      } catch {
        // Coordinates the projection cannot invert have been reported above (TXT_COORD_INVALID / TXT_OUTSIDE_ZONE).
      }
    }

    // Declared vs computed area.
    if (raw.declaredArea === null) {
      if (!raw.areaUnparsable)
        add("TXT_AREA_MISSING", raw.line, `地块 ${number} 未填写地块面积`, `parcel ${number} has no declared area`, where);
    } else if (
      parcel.planeAreaM2 !== null &&
      raw.badPointLines === 0 &&
      !raw.points.some((p) => invalid.has(p)) &&
      !rings.some((r) => r.selfIntersects)
    ) {
      // (With unreadable or invalid points, or a self-intersecting ring, the computed area is of a broken figure: those are reported instead.)
      const factor = AREA_FACTOR[unit];
      const declaredM2 = raw.declaredArea * factor;
      const allowed = Math.max(tolerance * parcel.planeAreaM2, 0.5 * 10 ** -raw.declaredAreaDecimals * factor);
      const diff = declaredM2 - parcel.planeAreaM2;
      if (Math.abs(diff) > allowed) {
        const computed = parcel.planeAreaM2 / factor;
        add(
          "TXT_AREA_MISMATCH",
          raw.line,
          `申报面积 ${raw.declaredArea} ${AREA_UNIT_ZH[unit]} 与坐标计算的平面面积 ${fmt(computed, 4)} ${AREA_UNIT_ZH[unit]}（${fmt(parcel.planeAreaM2)} m²）相差 ${fmt((Math.abs(diff) / parcel.planeAreaM2) * 100)}%，超过允许的 ${fmt(tolerance * 100)}%`,
          `declared area ${raw.declaredArea} ${unit} differs from the plane area computed from the coordinates, ${fmt(computed, 4)} ${unit} (${fmt(parcel.planeAreaM2)} m²), by ${fmt((Math.abs(diff) / parcel.planeAreaM2) * 100)}%, more than the allowed ${fmt(tolerance * 100)}%`,
          where,
        );
      }
    }
  }

  currentFeature = undefined;
  checkOverlaps(parcels, polygonsOf, add, locate);
  return { parcels, zone: spec, epsg, prefixedY };
}

type ClipPolygon = [number, number][][];

function bboxOf(polys: readonly Pos[][][]): [number, number, number, number] {
  let minE = Number.POSITIVE_INFINITY;
  let minN = Number.POSITIVE_INFINITY;
  let maxE = Number.NEGATIVE_INFINITY;
  let maxN = Number.NEGATIVE_INFINITY;
  for (const poly of polys)
    for (const p of poly[0] ?? []) {
      minE = Math.min(minE, p[0]);
      maxE = Math.max(maxE, p[0]);
      minN = Math.min(minN, p[1]);
      maxN = Math.max(maxN, p[1]);
    }
  return [minE, minN, maxE, maxN];
}

/** Area-weighted centroid of a closed-or-open ring (plane). */
function centroid(ring: readonly (readonly [number, number])[]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const o = ring[0] ?? [0, 0];
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as readonly [number, number];
    const q = ring[(i + 1) % ring.length] as readonly [number, number];
    const px = p[0] - o[0];
    const py = p[1] - o[1];
    const qx = q[0] - o[0];
    const qy = q[1] - o[1];
    const f = px * qy - qx * py;
    a += f;
    cx += (px + qx) * f;
    cy += (py + qy) * f;
  }
  return a === 0 ? [o[0], o[1]] : [o[0] + cx / (3 * a), o[1] + cy / (3 * a)];
}

/** Overlaps between the parcels of one file (plane coordinates of the file's zone), each with its area and a point inside it. */
function checkOverlaps(
  parcels: readonly Parcel[],
  polygonsOf: Map<Parcel, Pos[][][]>,
  add: AddIssue,
  locate: (n: number, e: number) => TxtLocation,
): void {
  const withGeometry = parcels.filter((p) => polygonsOf.has(p));
  const first = polygonsOf.get(withGeometry[0] as Parcel)?.[0]?.[0]?.[0];
  if (!first) return;
  // Work relative to one origin: polygon-clipping's floating-point snapping behaves best on small numbers.
  const [e0, n0] = first;
  const clip = new Map<Parcel, ClipPolygon[]>();
  const boxes = new Map<Parcel, [number, number, number, number]>();
  for (const p of withGeometry) {
    const polys = polygonsOf.get(p) as Pos[][][];
    boxes.set(p, bboxOf(polys));
    clip.set(
      p,
      polys.map((poly) =>
        poly.map((ring) => {
          const r = ring.map((c): [number, number] => [c[0] - e0, c[1] - n0]);
          r.push(r[0] as [number, number]);
          return r;
        }),
      ),
    );
  }
  // Candidate pairs by a sweep over the boxes' west edges (a batch of thousands of parcels would be n² otherwise),
  // then visited in file order (j, i) so the issues come out as a plain double loop would give them.
  const byWest = withGeometry
    .map((_, k) => k)
    .sort((x, y) => (boxes.get(withGeometry[x] as Parcel)?.[0] ?? 0) - (boxes.get(withGeometry[y] as Parcel)?.[0] ?? 0));
  const pairs: [j: number, i: number][] = [];
  for (let k = 0; k < byWest.length; k++) {
    const x = byWest[k] as number;
    const bx = boxes.get(withGeometry[x] as Parcel) as [number, number, number, number];
    for (let l = k + 1; l < byWest.length; l++) {
      const y = byWest[l] as number;
      const by = boxes.get(withGeometry[y] as Parcel) as [number, number, number, number];
      if (by[0] > bx[2]) break;
      if (by[3] < bx[1] || by[1] > bx[3]) continue;
      pairs.push(x > y ? [x, y] : [y, x]);
    }
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  for (const [j, i] of pairs) {
    {
      const a = withGeometry[i] as Parcel;
      const b = withGeometry[j] as Parcel;
      let pieces: ClipPolygon[];
      try {
        pieces = polygonClipping.intersection(clip.get(a) as ClipPolygon[], clip.get(b) as ClipPolygon[]);
      } catch {
        continue;
      }
      let area = 0;
      let largest: { area: number; ring: [number, number][] } | null = null;
      for (const piece of pieces) {
        const [outer, ...holes] = piece;
        if (!outer) continue;
        const pa =
          Math.abs(signedDoubleArea(outer.slice(0, -1))) / 2 -
          holes.reduce((s, h) => s + Math.abs(signedDoubleArea(h.slice(0, -1))) / 2, 0);
        area += pa;
        if (!largest || pa > largest.area) largest = { area: pa, ring: outer.slice(0, -1) };
      }
      if (area <= OVERLAP_MIN_M2 || !largest) continue;
      const [ce, cn] = centroid(largest.ring);
      const at = locate(cn + n0, ce + e0);
      add(
        "TXT_PARCELS_OVERLAP",
        b.line,
        `地块 ${b.number} 与地块 ${a.number} 重叠 ${fmt(area)} m²，重叠区中心 X=${fmt(at.x, 3)} Y=${fmt(at.y, 3)}`,
        `parcel ${b.number} overlaps parcel ${a.number} by ${fmt(area)} m² around X=${fmt(at.x, 3)} Y=${fmt(at.y, 3)}`,
        { parcel: b.number, location: at, ...(b.feature === undefined ? {} : { feature: b.feature }) },
      );
    }
  }
}
