// Test-only: typed readers for the JSON fixtures in ./fixtures (in = input, postgis = recorded oracle output).
import { readFileSync, writeFileSync } from "node:fs";
import type { LonLat, SurveyPoint, ZoneWidth } from "./zones.ts";

const dir = new URL("./fixtures/", import.meta.url);

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, dir), "utf8")) as T;
}

export function writeFixture(name: string, value: unknown): void {
  writeFileSync(new URL(name, dir), `${JSON.stringify(value, null, 2)}\n`);
}

export interface ParcelFeature {
  type: "Feature";
  properties: { name: string; description: string; planeEpsg: number[] };
  geometry: { type: "Polygon"; coordinates: LonLat[][] };
}

export interface ParcelCollection {
  features: ParcelFeature[];
}

/** What PostGIS computed for parcels-chengdu.in.json (parcels-chengdu.postgis.json). */
export interface ParcelOracle {
  recordedWith: string;
  parcels: Record<string, { ellipsoidalArea: number; planeArea: Record<string, number> }>;
}

export interface BoundarySurveyFile {
  parcels: { name: string; epsg: number; description: string; rings: (SurveyPoint & { point: string })[][] }[];
}

export interface ZoneDetectionFile {
  cases: {
    place: string;
    lonlat: LonLat;
    expected: Record<"3" | "6", { zone: number; centralMeridian: number; epsgPrefixed: number; epsgPlain: number }>;
  }[];
}

export interface PrefixedYFile {
  cases: { y: number; expected?: { width: ZoneWidth; zone: number; prefixed: true } | null; stripped?: number; error?: string }[];
}

export const PARCELS = "parcels-chengdu.in.json";
export const PARCELS_ORACLE = "parcels-chengdu.postgis.json";
export const BOUNDARY_SURVEY = "boundary-survey-points.in.json";
export const ZONE_DETECTION = "zone-detection-chengdu.json";
export const PREFIXED_Y = "prefixed-y.json";
