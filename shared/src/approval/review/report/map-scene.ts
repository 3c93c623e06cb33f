/**
 * The review map as drawing primitives in output units (SVG user units = PNG pixels, or PDF
 * points): parcels, overlaps, labels, legend, scale bar and north arrow. map-svg.ts and pdf-map.ts
 * only paint a scene, so the PNG in the DOCX and the vector map in the PDF are the same drawing.
 *
 * Lon/lat are projected into the Gauss–Krüger zone of the parcels (ReviewParcel.zoneEpsg), so
 * shapes are true to scale. The scale bar is in ground metres: plane metres are divided by the
 * Gauss–Krüger point scale factor at the map centre (≈ 1.0002 one degree off the central meridian
 * at 30.6°N). The north arrow points to true north, i.e. it is turned by the meridian convergence.
 */
import { pointToPlane } from "../../../geo/crs/transform.ts";
import { CGCS2000_ELLIPSOID, centralMeridian, type ZoneSpec, zoneFromEpsg } from "../../../geo/crs/zones.ts";
import type { OverlapKind, ReviewReport } from "../types.ts";
import { OVERLAP_KIND_ORDER, OVERLAP_KIND_ZH } from "./labels.ts";

export type Pt = [x: number, y: number];

export interface MapStyle {
  fill: string;
  fillOpacity: number;
  stroke: string;
  /** Hatch line angles in degrees (0 = horizontal, 90 = vertical); two angles = cross-hatch. */
  hatch: number[];
}

/** Colours follow the usual 三区三线 map habits; the hatch tells the kinds apart without colour (and in black-and-white print). */
export const PARCEL_STYLE: MapStyle = { fill: "#fdf2c7", fillOpacity: 0.85, stroke: "#c00000", hatch: [] };

export const OVERLAP_STYLE = {
  basic_farmland: { fill: "#e0b000", fillOpacity: 0.35, stroke: "#9c7a00", hatch: [45] },
  eco_redline: { fill: "#2e8b57", fillOpacity: 0.35, stroke: "#1d5e39", hatch: [45, 135] },
  outside_urban_boundary: { fill: "#8e44ad", fillOpacity: 0.3, stroke: "#6c3483", hatch: [0] },
  approved_parcel: { fill: "#1f6fd1", fillOpacity: 0.3, stroke: "#164f96", hatch: [135] },
  supplied_land: { fill: "#e67e22", fillOpacity: 0.35, stroke: "#a85a14", hatch: [90] },
} as const satisfies Record<OverlapKind, MapStyle>;

/** Paint order: broad areas (outside the boundary) first, the blocking control lines last, on top. */
const DRAW_ORDER: readonly OverlapKind[] = ["outside_urban_boundary", "supplied_land", "approved_parcel", "eco_redline", "basic_farmland"];

export interface ScenePolygon {
  /** Rings of all polygons of a MultiPolygon; paint with the even-odd rule so holes stay open. */
  rings: Pt[][];
}

export interface SceneLegendItem {
  key: "parcel" | OverlapKind;
  label: string;
  style: MapStyle;
  /** Top-left of the swatch. */
  x: number;
  y: number;
}

export interface MapScene {
  width: number;
  height: number;
  fontSize: number;
  frame: { x: number; y: number; width: number; height: number };
  parcels: (ScenePolygon & { parcelNo: string; label: Pt })[];
  overlaps: (ScenePolygon & { kind: OverlapKind; style: MapStyle })[];
  legend: { title: Pt; items: SceneLegendItem[]; swatch: { width: number; height: number } };
  scaleBar: {
    x: number;
    y: number;
    segmentPx: number;
    segments: number;
    height: number;
    ticks: { x: number; text: string }[];
    unit: string;
  };
  northArrow: { x: number; y: number; size: number; rotationDeg: number };
  crsLabel: { at: Pt; text: string };
  /** Shown instead of a drawing when the report has no geometry. */
  emptyText: string | null;
  hatchSpacing: number;
}

/** Rough advance width of a text in em: CJK and full-width characters 1 em, the rest 0.55 em. */
export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uFFEF]/.test(ch) ? 1 : 0.55;
  return w;
}

type PlanePolygon = [e: number, n: number][][];

function project(coordinates: number[][][][], spec: ZoneSpec): PlanePolygon[] {
  return coordinates.map((polygon) =>
    polygon.map((ring) =>
      ring.map(([lon, lat]) => {
        const p = pointToPlane([lon ?? Number.NaN, lat ?? Number.NaN], spec);
        return [p.y, p.x] as [number, number];
      }),
    ),
  );
}

/** Gauss–Krüger point scale factor at a lon/lat: plane length of a short east–west step over its length on the ellipsoid. */
export function pointScaleFactor(lon: number, lat: number, spec: ZoneSpec): number {
  const d = 0.001;
  const a = pointToPlane([lon - d, lat], spec);
  const b = pointToPlane([lon + d, lat], spec);
  const plane = Math.hypot(b.x - a.x, b.y - a.y);
  const { a: semiMajor, f } = CGCS2000_ELLIPSOID;
  const e2 = f * (2 - f);
  const phi = (lat * Math.PI) / 180;
  const primeVertical = semiMajor / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  const ground = primeVertical * Math.cos(phi) * ((2 * d * Math.PI) / 180);
  return plane / ground;
}

/** Angle (degrees, clockwise from grid north) of true north at a lon/lat: the meridian convergence, sign for drawing. */
export function trueNorthBearing(lon: number, lat: number, spec: ZoneSpec): number {
  const a = pointToPlane([lon, lat], spec);
  const b = pointToPlane([lon, lat + 0.001], spec);
  return (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
}

/** Largest 1/2/5·10ⁿ not above `value`. */
export function niceLength(value: number): number {
  const p = 10 ** Math.floor(Math.log10(value));
  for (const m of [5, 2, 1]) if (m * p <= value) return m * p;
  return p;
}

function pointInRings(x: number, y: number, rings: Pt[][]): boolean {
  let inside = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i] ?? [0, 0];
      const [xj, yj] = r[j] ?? [0, 0];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function distanceToEdges(x: number, y: number, rings: Pt[][]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const r of rings) {
    for (let i = 1; i < r.length; i++) {
      const [x1, y1] = r[i - 1] ?? [0, 0];
      const [x2, y2] = r[i] ?? [0, 0];
      const dx = x2 - x1;
      const dy = y2 - y1;
      const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
      best = Math.min(best, Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)));
    }
  }
  return best;
}

/** A label point well inside the shape (never in a hole): the best of a grid of inside points by distance to the edges. */
function labelPoint(polygons: Pt[][][]): Pt {
  let best: Pt | null = null;
  let bestDistance = -1;
  for (const rings of polygons) {
    const xs = rings.flat().map((p) => p[0]);
    const ys = rings.flat().map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const steps = 24;
    for (let i = 0; i <= steps; i++) {
      for (let j = 0; j <= steps; j++) {
        const x = x0 + ((x1 - x0) * i) / steps;
        const y = y0 + ((y1 - y0) * j) / steps;
        if (!pointInRings(x, y, rings)) continue;
        const d = distanceToEdges(x, y, rings);
        if (d > bestDistance) {
          bestDistance = d;
          best = [x, y];
        }
      }
    }
  }
  const first = polygons[0]?.[0]?.[0];
  return best ?? first ?? [0, 0];
}

export interface SceneOptions {
  width: number;
  height: number;
}

/** Only the parcels and overlaps are drawn, so notices (征前 公告) reuse it with their parcels alone. */
export function buildMapScene(report: Pick<ReviewReport, "parcels" | "overlaps">, options: SceneOptions): MapScene {
  const { width, height } = options;
  if (!(width >= 100 && height >= 100 && width <= 20_000 && height <= 20_000)) {
    throw new RangeError(`map size must be 100–20000 units each way, got ${width}×${height}`);
  }
  const fontSize = Math.max(9, Math.round(Math.min(width, height * 1.4) / 55));
  const margin = Math.round(fontSize * 1.2);
  const epsg = report.parcels[0]?.zoneEpsg;
  const spec = epsg === undefined ? null : zoneFromEpsg(epsg);

  // Legend below the map: one row of items, wrapped when the width runs out.
  const swatch = { width: fontSize * 2, height: fontSize * 1.2 };
  const kinds = OVERLAP_KIND_ORDER.filter((k) => report.overlaps.some((o) => o.kind === k));
  const entries: { key: "parcel" | OverlapKind; label: string; style: MapStyle }[] = [
    { key: "parcel", label: "报批地块", style: PARCEL_STYLE },
    ...kinds.map((k) => ({ key: k, label: OVERLAP_KIND_ZH[k], style: OVERLAP_STYLE[k] })),
  ];
  const titleWidth = textWidthEm("图例") * fontSize + fontSize;
  const rowHeight = fontSize * 1.8;
  const items: SceneLegendItem[] = [];
  let cx = margin + titleWidth;
  let row = 0;
  for (const e of entries) {
    const w = swatch.width + fontSize * 0.5 + textWidthEm(e.label) * fontSize + fontSize * 1.5;
    if (cx + w > width - margin && cx > margin + titleWidth) {
      row++;
      cx = margin + titleWidth;
    }
    items.push({ ...e, x: cx, y: row * rowHeight });
    cx += w;
  }
  const legendHeight = (row + 1) * rowHeight;
  // Last row: the CRS note on the left, the scale bar (tick labels above the bar) on the right, outside the map so it hides nothing.
  const crsHeight = fontSize * 2.8;
  const frame = {
    x: margin,
    y: margin,
    width: width - 2 * margin,
    height: height - 2 * margin - legendHeight - crsHeight - fontSize * 0.6,
  };
  if (frame.height < fontSize * 6) throw new RangeError(`map ${width}×${height} is too small for its legend`);
  const legendTop = frame.y + frame.height + fontSize * 0.6;
  for (const it of items) it.y += legendTop;

  const parcelsPlane = spec ? report.parcels.map((p) => ({ parcelNo: p.parcelNo, polygons: project(p.geometry.coordinates, spec) })) : [];
  const overlapsPlane = spec
    ? [...report.overlaps]
        .sort((a, b) => DRAW_ORDER.indexOf(a.kind) - DRAW_ORDER.indexOf(b.kind))
        .map((o) => ({ kind: o.kind, polygons: project(o.geometry.coordinates, spec) }))
    : [];
  const all = [...parcelsPlane, ...overlapsPlane].flatMap((p) => p.polygons.flat(2));
  const base = {
    width,
    height,
    fontSize,
    frame,
    legend: { title: [margin, legendTop + swatch.height * 0.85] as Pt, items, swatch },
    hatchSpacing: Math.max(4, fontSize * 0.55),
  };
  if (!spec || all.length === 0) {
    return {
      ...base,
      parcels: [],
      overlaps: [],
      scaleBar: { x: frame.x, y: frame.y, segmentPx: 0, segments: 0, height: 0, ticks: [], unit: "" },
      northArrow: { x: frame.x + frame.width - fontSize * 2, y: frame.y + fontSize * 2.5, size: fontSize * 2, rotationDeg: 0 },
      crsLabel: { at: [margin, height - margin * 0.6], text: "" },
      emptyText: "本批次无地块图形",
    };
  }

  const es = all.map((c) => c[0]);
  const ns = all.map((c) => c[1]);
  let [minE, maxE, minN, maxN] = [Math.min(...es), Math.max(...es), Math.min(...ns), Math.max(...ns)];
  // A single point or a line still gets a 100 m window, so the scale stays sensible.
  if (maxE - minE < 100) [minE, maxE] = [(minE + maxE) / 2 - 50, (minE + maxE) / 2 + 50];
  if (maxN - minN < 100) [minN, maxN] = [(minN + maxN) / 2 - 50, (minN + maxN) / 2 + 50];
  const pad = 0.08;
  const scale = Math.min((frame.width * (1 - 2 * pad)) / (maxE - minE), (frame.height * (1 - 2 * pad)) / (maxN - minN));
  const cxMap = frame.x + frame.width / 2;
  const cyMap = frame.y + frame.height / 2;
  const midE = (minE + maxE) / 2;
  const midN = (minN + maxN) / 2;
  const toPx = ([e, n]: [number, number]): Pt => [cxMap + (e - midE) * scale, cyMap - (n - midN) * scale];
  const toRings = (polygons: PlanePolygon[]): Pt[][][] => polygons.map((poly) => poly.map((ring) => ring.map(toPx)));

  // Centre of the drawing in lon/lat, for the scale factor and the convergence.
  const lonlat = report.parcels.flatMap((p) => p.geometry.coordinates.flat(2));
  const lons = lonlat.map((c) => c[0] ?? 0);
  const lats = lonlat.map((c) => c[1] ?? 0);
  const lon = (Math.min(...lons) + Math.max(...lons)) / 2;
  const lat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = pointScaleFactor(lon, lat, spec);
  const pxPerGroundMetre = scale * k;
  const metres = niceLength((frame.width * 0.25) / pxPerGroundMetre);
  const segments = 4;
  const barPx = metres * pxPerGroundMetre;
  const km = metres >= 1000;
  const fmt = (m: number) => String(km ? m / 1000 : m);
  const unit = km ? "千米" : "米";
  const barX = width - margin - barPx - fontSize * (textWidthEm(unit) + 0.6);
  const scaleBar = {
    x: barX,
    y: height - margin * 0.6 - fontSize * 0.45,
    segmentPx: barPx / segments,
    segments,
    height: fontSize * 0.45,
    ticks: [0, metres / 2, metres].map((m) => ({ x: barX + m * pxPerGroundMetre, text: fmt(m) })),
    unit,
  };

  return {
    ...base,
    parcels: parcelsPlane.map((p) => {
      const polygons = toRings(p.polygons);
      return { parcelNo: p.parcelNo, rings: polygons.flat(), label: labelPoint(polygons) };
    }),
    overlaps: overlapsPlane.map((o) => ({ kind: o.kind, style: OVERLAP_STYLE[o.kind], rings: toRings(o.polygons).flat() })),
    scaleBar,
    northArrow: {
      x: frame.x + frame.width - fontSize * 2,
      y: frame.y + fontSize * 2.6,
      size: fontSize * 2,
      rotationDeg: trueNorthBearing(lon, lat, spec),
    },
    crsLabel: {
      at: [margin, height - margin * 0.6],
      text:
        `CGCS2000 高斯—克吕格投影 ${spec.width}° 带第 ${spec.zone} 带（EPSG:${epsg}，中央经线 ${centralMeridian(spec)}°E）` +
        // Parcels of one batch straddling a zone boundary are all drawn in the first one's zone: one plane, one scale.
        (new Set(report.parcels.map((p) => p.zoneEpsg)).size > 1 ? "；地块分属多个投影带，统一按此带绘制" : ""),
    },
    emptyText: null,
  };
}
