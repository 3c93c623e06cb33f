/**
 * Geometry encoding for the loader: MultiPolygon [lon, lat] rings → EWKB (little endian, SRID 4490)
 * as hex, which PostgreSQL's geometry input accepts directly (also inside COPY text).
 */
import { ellipsoidalArea, type LonLat } from "../../geo/crs/index.ts";

/** A ring as flat [lon0, lat0, lon1, lat1, …], not closed, consecutive duplicates removed. */
export type FlatRing = number[];
/** Polygon: outer ring first, then holes. */
export type FlatPolygon = FlatRing[];

export const SRID = 4490;

export function ewkbMultiPolygonHex(polygons: readonly FlatPolygon[]): string {
  let size = 1 + 4 + 4 + 4;
  for (const p of polygons) {
    size += 1 + 4 + 4;
    for (const r of p) size += 4 + (r.length / 2 + 1) * 16;
  }
  const buf = Buffer.allocUnsafe(size);
  let o = 0;
  buf.writeUInt8(1, o);
  buf.writeUInt32LE(0x20000006, o + 1);
  buf.writeUInt32LE(SRID, o + 5);
  buf.writeUInt32LE(polygons.length, o + 9);
  o += 13;
  for (const p of polygons) {
    buf.writeUInt8(1, o);
    buf.writeUInt32LE(3, o + 1);
    buf.writeUInt32LE(p.length, o + 5);
    o += 9;
    for (const r of p) {
      const n = r.length / 2;
      buf.writeUInt32LE(n + 1, o);
      o += 4;
      for (let i = 0; i < r.length; i++) {
        buf.writeDoubleLE(r[i] as number, o);
        o += 8;
      }
      buf.writeDoubleLE(r[0] as number, o);
      buf.writeDoubleLE(r[1] as number, o + 8);
      o += 16;
    }
  }
  return buf.toString("hex");
}

export function ringToLonLat(r: FlatRing): LonLat[] {
  const out: LonLat[] = [];
  for (let i = 0; i < r.length; i += 2) out.push([r[i] as number, r[i + 1] as number]);
  return out;
}

/** Ellipsoidal (CGCS2000 geodesic) area of a multipolygon, m², via the shared crs helper. */
export function multiPolygonArea(polygons: readonly FlatPolygon[]): number {
  let a = 0;
  for (const p of polygons) a += ellipsoidalArea(p.map(ringToLonLat));
  return a;
}

/** Twice the signed area of a flat ring (any planar coordinates). */
export function ringSignedArea2(xy: ArrayLike<number>, n: number): number {
  let s = 0;
  const x0 = xy[0] as number;
  const y0 = xy[1] as number;
  for (let i = 1; i + 1 < n; i++) {
    const ax = (xy[2 * i] as number) - x0;
    const ay = (xy[2 * i + 1] as number) - y0;
    const bx = (xy[2 * i + 2] as number) - x0;
    const by = (xy[2 * i + 3] as number) - y0;
    s += ax * by - bx * ay;
  }
  return s;
}

/** Even–odd point-in-ring test on a flat ring. */
export function pointInRing(x: number, y: number, ring: ArrayLike<number>, n: number): boolean {
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i] as number;
    const yi = ring[2 * i + 1] as number;
    const xj = ring[2 * j] as number;
    const yj = ring[2 * j + 1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
