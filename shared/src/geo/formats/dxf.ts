/**
 * DXF reader (dxf-parser): closed LWPOLYLINE / POLYLINE entities are the rings (a polyline whose last
 * vertex repeats the first counts as closed); holes and parts by containment; a TEXT/MTEXT inside a
 * polygon gives its parcel number, and polygons labelled alike form one multipart parcel. DXF has no
 * CRS: the zone comes from --zone or from the zone prefix of the eastings (35 395000.00), and CAD's
 * x/y are easting/northing. Bulges (arc segments) are read as straight edges. Features are the
 * parcels in drawing order, located by the line of their first polyline's entity.
 */
import dxfParserModule from "dxf-parser";
import { decodeTxtBytes, type Pos, pointInRing } from "../txt/index.ts";
import { buildParcels, type Position, type SourceFeature } from "./features.ts";
import { issueList } from "./issues.ts";
import type { ParcelFileReadResult, ReadParcelFileOptions } from "./types.ts";

// The package's CommonJS build is the class itself under Node, its typings describe the ES build's namespace.
const DxfParser = ((dxfParserModule as unknown as { default?: unknown }).default ?? dxfParserModule) as unknown as new () => {
  parseSync(text: string): unknown;
};

interface DxfVertex {
  x: number;
  y: number;
}

interface DxfEntity {
  type: string;
  handle?: string | number;
  vertices?: DxfVertex[];
  shape?: boolean;
  text?: string;
  startPoint?: DxfVertex;
  position?: DxfVertex;
}

interface Ring {
  points: Pos[];
  line: number;
}

/** Line of the "0 / TYPE" pair of each entity in the ENTITIES section, per type in order. */
function entityLines(text: string): Map<string, number[]> {
  const lines = text.split(/\r\n|\r|\n/);
  const out = new Map<string, number[]>();
  let inEntities = false;
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const code = lines[i]?.trim();
    const value = lines[i + 1]?.trim() ?? "";
    if (code === "2" && value === "ENTITIES") inEntities = true;
    else if (code === "0" && value === "ENDSEC") inEntities = false;
    else if (inEntities && code === "0") {
      const list = out.get(value) ?? [];
      list.push(i + 1);
      out.set(value, list);
    }
  }
  return out;
}

function inside(p: Pos, ring: readonly Pos[]): boolean {
  return pointInRing(p, ring as Pos[]) === "inside";
}

/** A vertex of `a` not on the boundary of `b`, tested against `b`. */
function ringInside(a: readonly Pos[], b: readonly Pos[]): boolean {
  for (const v of a) {
    const where = pointInRing(v, b as Pos[]);
    if (where !== "boundary") return where === "inside";
  }
  return false;
}

function plainText(s: string): string {
  // MTEXT formatting codes (\P paragraph, {\f…;} fonts) are not part of the number.
  return s
    .replace(/\\[A-Za-z][^;\\]*;/g, "")
    .replace(/\\P/g, " ")
    .replace(/[{}]/g, "")
    .trim();
}

export function readDxf(bytes: Uint8Array, fileName: string, options: ReadParcelFileOptions): ParcelFileReadResult {
  const list = issueList(fileName);
  const decoded = decodeTxtBytes(bytes);
  const features: SourceFeature[] = [];
  try {
    const dxf = new DxfParser().parseSync(decoded.text) as { entities?: DxfEntity[] } | null;
    const lines = entityLines(decoded.text);
    const seen = new Map<string, number>();
    const rings: Ring[] = [];
    const labels: { at: Pos; text: string }[] = [];
    const open: number[] = [];
    for (const e of dxf?.entities ?? []) {
      const k = seen.get(e.type) ?? 0;
      seen.set(e.type, k + 1);
      const line = lines.get(e.type)?.[k] ?? 0;
      if ((e.type === "LWPOLYLINE" || e.type === "POLYLINE") && e.vertices) {
        const pts: Pos[] = e.vertices.map((v) => [v.x, v.y]);
        const first = pts[0];
        const last = pts[pts.length - 1];
        const closedByPoint = pts.length > 3 && first && last && first[0] === last[0] && first[1] === last[1];
        // A closed polyline's closing edge is implicit: the ring is given closed, as the other formats give it.
        if (closedByPoint) rings.push({ points: pts, line });
        else if (e.shape && first) rings.push({ points: [...pts, first], line });
        else open.push(line);
      } else if ((e.type === "TEXT" || e.type === "MTEXT") && typeof e.text === "string") {
        const p = e.startPoint ?? e.position;
        if (p) labels.push({ at: [p.x, p.y], text: plainText(e.text) });
      }
    }
    if (open.length > 0) {
      list.add(
        "FMT_IGNORED_ENTITY",
        open[0] ?? 0,
        `${open.length} 条多段线未闭合，不作为地块边界，已忽略`,
        `${open.length} polyline(s) are not closed and are not parcel boundaries; ignored`,
      );
    }
    // Even containment depth: an outer ring; odd: a hole of the ring one level up.
    const depth = rings.map((r, i) => rings.filter((o, j) => i !== j && ringInside(r.points, o.points)).length);
    const polygons: { outer: Ring; holes: Ring[] }[] = [];
    rings.forEach((r, i) => {
      if ((depth[i] ?? 0) % 2 === 0) polygons.push({ outer: r, holes: [] });
    });
    rings.forEach((r, i) => {
      const d = depth[i] ?? 0;
      if (d % 2 === 0) return;
      const parent = polygons.find((p) => (depth[rings.indexOf(p.outer)] ?? 0) === d - 1 && ringInside(r.points, p.outer.points));
      if (parent) parent.holes.push(r);
      else polygons.push({ outer: r, holes: [] });
    });
    const byLabel = new Map<string, { number: string | null; polys: { outer: Ring; holes: Ring[] }[] }>();
    const parcels: { number: string | null; polys: { outer: Ring; holes: Ring[] }[] }[] = [];
    for (const p of polygons) {
      const label = labels.find((l) => inside(l.at, p.outer.points) && !p.holes.some((h) => inside(l.at, h.points)));
      const existing = label ? byLabel.get(label.text) : undefined;
      if (existing) existing.polys.push(p);
      else {
        const entry = { number: label?.text ?? null, polys: [p] };
        parcels.push(entry);
        if (label) byLabel.set(label.text, entry);
      }
    }
    parcels.forEach((p, i) => {
      features.push({
        feature: i + 1,
        line: p.polys[0]?.outer.line ?? 0,
        properties: p.number === null ? {} : { 地块编号: p.number },
        polygons: p.polys.map((poly) => [poly.outer.points as Position[], ...poly.holes.map((h) => h.points as Position[])]),
        notPolygon: "",
      });
    });
  } catch (e) {
    list.add("FMT_UNREADABLE", 0, `DXF 解析失败：${(e as Error).message}`, `DXF does not parse: ${(e as Error).message}`);
  }
  return buildParcels({
    file: fileName,
    format: "dxf",
    features,
    crs: null,
    crsSource: "DXF（无坐标系：投影带取自 --zone 或坐标带号前缀）",
    list,
    options,
    ringConvention: "none",
    encoding: decoded.encoding,
  });
}
