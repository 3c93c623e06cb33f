/**
 * Areas of 10 000 parcels near 成都 (8–32 vertices, one in five with a hole): PostGIS in one query
 * (embedded PGlite + PostGIS, as `land start` runs it) against our JS planeArea / ellipsoidalArea.
 * Baseline: SELECT sum(ST_Area(geom::geography)) — the ellipsoidal area, like for like with
 * ellipsoidalArea. setup() checks that both sides agree before anything is timed.
 */
import { loadConfig } from "../../config/env.ts";
import { openDatabase } from "../../db/open.ts";
import type { Db } from "../../db/types.ts";
import { ellipsoidalArea, planeArea } from "./area.ts";
import { ringsToPlane } from "./transform.ts";
import type { LonLat, SurveyPoint, ZoneSpec } from "./zones.ts";

const COUNT = 10_000;
const ZONE_35: ZoneSpec = { width: 3, zone: 35, prefixed: true }; // EPSG:4523
const EPSG_ZONE_35 = 4523;

let db: Db | null = null;
let lonlat: LonLat[][][] = [];
/** The same parcels as a 勘测定界 file would give them: survey-order plane coordinates in zone 35. */
let plane: SurveyPoint[][][] = [];

/** mulberry32: the same parcels on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A star-shaped (so simple) closed ring of n vertices with radii in [rMin, rMax] metres around (lon, lat). */
function starRing(rnd: () => number, lon: number, lat: number, n: number, rMin: number, rMax: number, clockwise: boolean): LonLat[] {
  const mPerDegLat = 110_850;
  const mPerDegLon = 111_320 * Math.cos((lat * Math.PI) / 180);
  const ring: LonLat[] = [];
  for (let k = 0; k < n; k++) {
    const a = ((clockwise ? -1 : 1) * 2 * Math.PI * (k + 0.8 * rnd())) / n;
    const r = rMin + (rMax - rMin) * rnd();
    ring.push([lon + (r * Math.cos(a)) / mPerDegLon, lat + (r * Math.sin(a)) / mPerDegLat]);
  }
  ring.push(ring[0] as LonLat);
  return ring;
}

function makeParcels(): LonLat[][][] {
  const rnd = random(20260517);
  const out: LonLat[][][] = [];
  for (let i = 0; i < COUNT; i++) {
    const lon = 103.6 + 1.3 * rnd();
    const lat = 30.2 + 0.8 * rnd();
    const size = 20 + 380 * rnd();
    const n = 8 + Math.floor(25 * rnd());
    const rings = [starRing(rnd, lon, lat, n, 0.6 * size, size, rnd() < 0.5)];
    if (rnd() < 0.2) rings.push(starRing(rnd, lon, lat, 8, 0.1 * size, 0.3 * size, rnd() < 0.5));
    out.push(rings);
  }
  return out;
}

async function timed(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function sum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

function requireDb(): Db {
  if (!db) throw new Error("area bench: setup() did not run");
  return db;
}

async function postgisSum(sql: string): Promise<number> {
  const r = await requireDb().query<{ s: number }>(sql);
  return Number(r.rows[0]?.s);
}

const SQL_ELLIPSOIDAL = "SELECT sum(ST_Area(geom::geography)) AS s FROM bench_parcel";
const SQL_PLANE = `SELECT sum(ST_Area(ST_Transform(geom, ${EPSG_ZONE_35}))) AS s FROM bench_parcel`;

export default {
  name: "parcel areas: JS (proj4 + GeographicLib) vs PostGIS ST_Area, 10k polygons",
  repeat: 5,
  unit: "ms",
  async setup() {
    lonlat = makeParcels();
    plane = lonlat.map((rings) => ringsToPlane(rings, ZONE_35));
    db = await openDatabase(loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: "memory://" }));
    await db.exec(
      "CREATE EXTENSION IF NOT EXISTS postgis; CREATE TABLE bench_parcel (id int PRIMARY KEY, geom geometry(Polygon, 4490) NOT NULL)",
    );
    const features = lonlat.map((coordinates) => JSON.stringify({ type: "Polygon", coordinates }));
    await db.query(
      `INSERT INTO bench_parcel (id, geom)
       SELECT ord, ST_SetSRID(ST_GeomFromGeoJSON(value), 4490) FROM json_array_elements_text($1::json) WITH ORDINALITY AS t(value, ord)`,
      [JSON.stringify(features)],
    );
    // Benchmark the right thing: both sides must give the same totals (≤ 0.01 m² per parcel).
    const checks = [
      { what: "ellipsoidal", js: sum(lonlat.map(ellipsoidalArea)), pg: await postgisSum(SQL_ELLIPSOIDAL) },
      { what: "plane", js: sum(plane.map(planeArea)), pg: await postgisSum(SQL_PLANE) },
    ];
    for (const c of checks) {
      if (!(Math.abs(c.js - c.pg) < 0.01 * COUNT)) throw new Error(`area bench: ${c.what} totals differ: JS ${c.js} vs PostGIS ${c.pg}`);
    }
  },
  async teardown() {
    await db?.close();
    db = null;
  },
  baseline: {
    label: "PostGIS sum(ST_Area(geom::geography)), one query (embedded)",
    run: () => timed(() => postgisSum(SQL_ELLIPSOIDAL)),
  },
  cases: [
    { label: "JS ellipsoidalArea (GeographicLib) on lon/lat", run: () => timed(() => sum(lonlat.map(ellipsoidalArea))) },
    { label: "JS planeArea on zone-35 plane coordinates (勘测定界 file)", run: () => timed(() => sum(plane.map(planeArea))) },
    {
      label: "JS toPlane (proj4) + planeArea from lon/lat",
      run: () => timed(() => sum(lonlat.map((rings) => planeArea(ringsToPlane(rings, ZONE_35))))),
    },
    { label: "PostGIS sum(ST_Area(ST_Transform(geom, 4523))), one query (embedded)", run: () => timed(() => postgisSum(SQL_PLANE)) },
  ],
};
