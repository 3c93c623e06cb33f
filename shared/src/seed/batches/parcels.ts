/**
 * Drawing parcels on the city's 地类图斑 and writing them as 勘测定界 TXT files.
 *
 * A parcel is grown around a seed point (the point-on-surface of a random patch of the county): all
 * the county's patches within a radius that matches the planned area, except patches in 永久基本农田 /
 * 生态保护红线 and patches already under a parcel (unless the parcel is meant to overlap them), are
 * unioned in PostGIS; the part containing the seed is kept with its holes (the excluded patches
 * inside it) — so a parcel's outline follows real patch boundaries and never covers what it left out.
 * Its rings are projected to 3° Gauss–Krüger zone 35 (CGCS2000), rounded to the millimetre, numbered
 * clockwise from the north-west corner (TD/T 1008), and the whole file is checked with readBoundaryTxt
 * before use; a candidate that fails (touching rings after rounding, …) is drawn again.
 */

import type { Queryable } from "../../db/types.ts";
import { type SurveyPoint, toPlane } from "../../geo/crs/index.ts";
import { encodeTxtText } from "../../geo/txt/decode.ts";
import {
  type BoundaryTxtReadResult,
  readBoundaryTxt,
  type TxtHeader,
  type WritableParcel,
  writeBoundaryTxtText,
} from "../../geo/txt/index.ts";
import { CITY_ZONE } from "../city/plan.ts";
import type { Rng } from "../city/random.ts";
import type { TxtVariant } from "./plan.ts";
import { approvedParcelCount, approvedParcelPoint, type CountyExtent, patchCluster, seedPoint } from "./repository.ts";

export interface DrawnParcel extends WritableParcel {
  /** Plane area of the rounded rings (what the importer will store), m². */
  planeAreaM2: number;
  /** CGCS2000 GeoJSON of the parcel (for village look-ups before import). */
  geojson: string;
  deliberateOverlap: "basic_farmland" | "eco_redline" | "earlier_approval" | null;
  overlapsWith: string | null;
}

type Ring = { label: string; x: number; y: number }[];

const round3 = (v: number): number => Math.round(v * 1000) / 1000;

/** Signed area in the east–north plane (positive = counter-clockwise). */
function signedArea(r: readonly SurveyPoint[]): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const a = r[i] as SurveyPoint;
    const b = r[(i + 1) % r.length] as SurveyPoint;
    s += a.y * b.x - b.y * a.x;
  }
  return s / 2;
}

function reverseKeepFirst<T>(r: readonly T[]): T[] {
  return [r[0] as T, ...r.slice(1).reverse()];
}

function pointInLonLatRing(lon: number, lat: number, ring: readonly number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function lonLatArea(ring: readonly number[][]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i] as [number, number];
    const [x1, y1] = ring[i + 1] as [number, number];
    s += x0 * y1 - x1 * y0;
  }
  return Math.abs(s / 2);
}

/** GeoJSON polygon rings → survey rings (open, mm, oriented, outer starting at the north-west). */
function toSurveyRings(polygon: number[][][]): { rings: SurveyPoint[][]; area: number } | null {
  const out: SurveyPoint[][] = [];
  let area = 0;
  polygon.forEach((ll, k) => {
    const open = ll.slice(0, -1).map((c) => [c[0] as number, c[1] as number] as const);
    const plane = toPlane(open, CITY_ZONE).map((p) => ({ x: round3(p.x), y: round3(p.y) }));
    const ring: SurveyPoint[] = [];
    for (const p of plane) {
      const last = ring[ring.length - 1];
      if (!last || last.x !== p.x || last.y !== p.y) ring.push(p);
    }
    while (
      ring.length > 1 &&
      (ring[0] as SurveyPoint).x === (ring[ring.length - 1] as SurveyPoint).x &&
      (ring[0] as SurveyPoint).y === (ring[ring.length - 1] as SurveyPoint).y
    )
      ring.pop();
    if (ring.length < 3) return;
    const s = signedArea(ring);
    if (k === 0) {
      let oriented = s > 0 ? reverseKeepFirst(ring) : ring;
      let best = 0;
      oriented.forEach((p, i) => {
        const q = oriented[best] as SurveyPoint;
        if (p.x - p.y > q.x - q.y) best = i;
      });
      oriented = [...oriented.slice(best), ...oriented.slice(0, best)];
      out.push(oriented);
      area += Math.abs(s);
    } else {
      if (Math.abs(s) < 5) return; // float slivers of the union, not excluded patches
      out.push(s < 0 ? reverseKeepFirst(ring) : ring);
      area -= Math.abs(s);
    }
  });
  return out.length > 0 ? { rings: out, area } : null;
}

function labelRings(rings: readonly SurveyPoint[][]): Ring[] {
  let n = 0;
  return rings.map((r) => r.map((p) => ({ label: `J${++n}`, x: p.x, y: p.y })));
}

export function txtHeader(surveyor: string, date: string, precision = "0.01"): TxtHeader {
  return {
    formatVersion: "1.01版本",
    producer: surveyor,
    producedOn: date,
    coordinateSystem: "2000国家大地坐标系",
    zoneWidth: 3,
    projection: "高斯克吕格",
    unit: "米",
    zone: CITY_ZONE.zone,
    precision,
    transformParameters: ",,,,,,",
    areaUnit: "ha",
    extra: [],
  };
}

/** The file as a surveyor's software would write it: encoding, BOM, line ending, Y with or without 带号. */
export function txtBytes(header: TxtHeader, parcels: readonly WritableParcel[], variant: TxtVariant): Uint8Array {
  let text = writeBoundaryTxtText({ header, parcels });
  if (!variant.prefixedY) text = text.replace(/^([^,\r\n]+,\d+,\d+\.\d{3},)35(\d{6}\.\d{3})(\r?)$/gm, "$1$2$3");
  if (variant.lineEnding === "lf") text = text.replace(/\r\n/g, "\n");
  const bytes = encodeTxtText(text, variant.encoding);
  if (!variant.bom) return bytes;
  const out = new Uint8Array(bytes.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(bytes, 3);
  return out;
}

export function check(header: TxtHeader, parcels: readonly WritableParcel[]): BoundaryTxtReadResult {
  return readBoundaryTxt(txtBytes(header, parcels, { encoding: "utf8", bom: false, lineEnding: "crlf", prefixedY: true }), {
    fileName: "check.txt",
  });
}

export interface DrawOptions {
  county: CountyExtent;
  areas: readonly number[];
  overlap: "none" | "basic_farmland" | "eco_redline" | "earlier_approval";
  header: TxtHeader;
  namePrefix: string;
}

/** Draws a batch's parcels (fewer when the county runs out of room; possibly none). */
export async function drawParcels(q: Queryable, rng: Rng, o: DrawOptions): Promise<DrawnParcel[]> {
  const parcels: DrawnParcel[] = [];
  const used: number[] = [];
  for (let i = 0; i < o.areas.length; i++) {
    const deliberate = i === 0 && o.overlap !== "none" ? o.overlap : null;
    for (let attempt = 0; attempt < 6; attempt++) {
      const fromId = o.county.minId + rng.int(Math.max(1, o.county.maxId - o.county.minId + 1));
      let seed: { lon: number; lat: number } | null = null;
      let overlapsWith: string | null = null;
      if (deliberate === "earlier_approval") {
        const n = await approvedParcelCount(q, o.county.code);
        if (n === 0) break;
        const p = await approvedParcelPoint(q, o.county.code, rng.int(n));
        if (p) {
          seed = p;
          overlapsWith = `${p.batchNo}/${p.parcelNo}`;
        }
      } else {
        seed = await seedPoint(q, o.county.code, fromId, deliberate);
      }
      if (!seed) continue;
      const area = (o.areas[i] as number) * (attempt < 3 ? 1 : 0.6);
      const radiusDeg = Math.sqrt(area / Math.PI) / 111_320;
      const cluster = await patchCluster(q, {
        lon: seed.lon,
        lat: seed.lat,
        radiusDeg,
        county: o.county.code,
        excludeIds: used,
        allowKinds: deliberate === "basic_farmland" || deliberate === "eco_redline" ? [deliberate] : [],
        allowParcels: deliberate === "earlier_approval",
      });
      if (!cluster.geojson || cluster.ids.length === 0) continue;
      const g = JSON.parse(cluster.geojson) as { type: string; coordinates: unknown };
      const polys = (g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : []) as number[][][][];
      if (polys.length === 0) continue;
      const seedLon = seed.lon;
      const seedLat = seed.lat;
      const chosen =
        polys.find((p) => pointInLonLatRing(seedLon, seedLat, p[0] as number[][])) ??
        [...polys].sort((a, b) => lonLatArea(b[0] as number[][]) - lonLatArea(a[0] as number[][]))[0];
      if (!chosen) continue;
      const survey = toSurveyRings(chosen);
      if (!survey || survey.area < 200) continue;
      const n = parcels.length + 1;
      const candidate: DrawnParcel = {
        number: String(n),
        name: `${o.namePrefix}${n}号地块`,
        geometryKind: "面",
        mapSheet: "",
        use: "建设用地",
        landClass: cluster.dlbm ?? "",
        declaredAreaHa: null,
        planeAreaM2: survey.area,
        zone: CITY_ZONE,
        rings: labelRings(survey.rings).map((points, k) => ({ ringNumber: k + 1, points })),
        geojson: JSON.stringify({ type: "Polygon", coordinates: chosen }),
        deliberateOverlap: deliberate,
        overlapsWith,
      };
      const read = check(o.header, [...parcels, candidate]);
      if (read.issues.some((x) => x.severity === "error")) continue;
      const readParcel = read.parcels[read.parcels.length - 1];
      candidate.planeAreaM2 = readParcel?.planeAreaM2 ?? survey.area;
      candidate.geojson = JSON.stringify(readParcel?.geometry ?? { type: "Polygon", coordinates: chosen });
      parcels.push(candidate);
      used.push(...cluster.ids);
      break;
    }
  }
  return parcels;
}

/** A deliberately defective copy of a good file's parcels, or null when the defect cannot be made. */
export function defective(
  header: TxtHeader,
  parcels: readonly DrawnParcel[],
  defect: "self_intersection" | "area_mismatch" | "parcel_overlap",
  expectedCode: string,
): WritableParcel[] | null {
  const first = parcels[0];
  if (!first) return null;
  const rest = parcels.slice(1);
  const tries: WritableParcel[][] = [];
  if (defect === "area_mismatch") {
    tries.push([{ ...first, declaredAreaHa: (first.planeAreaM2 / 1e4) * 1.08 }, ...rest]);
  } else if (defect === "parcel_overlap") {
    const shifted: WritableParcel = {
      ...first,
      number: String(parcels.length + 1),
      name: `${first.name}（重复）`,
      rings: first.rings.map((r) => ({ ...r, points: r.points.map((p) => ({ ...p, y: round3(p.y + 7) })) })),
    };
    tries.push([...parcels, shifted]);
  } else {
    const outer = first.rings[0];
    if (!outer) return null;
    for (let k = 1; k + 2 < outer.points.length; k++) {
      const pts = [...outer.points];
      const a = pts[k] as Ring[number];
      pts[k] = { ...(pts[k + 1] as Ring[number]), label: a.label };
      pts[k + 1] = { ...a, label: (outer.points[k + 1] as Ring[number]).label };
      tries.push([{ ...first, rings: [{ ...outer, points: pts }, ...first.rings.slice(1)] }, ...rest]);
    }
  }
  for (const t of tries) {
    const read = check(header, t);
    if (read.issues.some((i) => i.code === expectedCode && i.severity === "error")) return t;
  }
  return null;
}
