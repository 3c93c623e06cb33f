// Test-only: the TXT fixtures (fixtures/in/*.txt) and their expected results (fixtures/out/*.json).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { BoundaryTxtReadResult } from "./types.ts";

export const IN_DIR = new URL("./fixtures/in/", import.meta.url);
export const OUT_DIR = new URL("./fixtures/out/", import.meta.url);

export function fixtureNames(): string[] {
  return readdirSync(IN_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort();
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, IN_DIR)));
}

export interface ExpectedIssue {
  severity: "error" | "warning";
  code: string;
  line: number;
  parcel?: string;
  point?: string;
}

export interface ExpectedParcel {
  number: string;
  rings: string[];
  points: number;
  planeAreaM2: number | null;
  ellipsoidalAreaM2: number | null;
}

export interface ExpectedResult {
  ok: boolean;
  encoding: string;
  epsg: number | null;
  issues: ExpectedIssue[];
  parcels: ExpectedParcel[];
}

const round4 = (v: number | null): number | null => (v === null ? null : Math.round(v * 1e4) / 1e4);

/** The part of a read result the fixtures pin down. */
export function summarize(r: BoundaryTxtReadResult): ExpectedResult {
  return {
    ok: r.ok,
    encoding: r.encoding,
    epsg: r.epsg,
    issues: r.issues.map((i) => ({
      severity: i.severity,
      code: i.code,
      line: i.line,
      ...(i.parcel === undefined ? {} : { parcel: i.parcel }),
      ...(i.point === undefined ? {} : { point: i.point }),
    })),
    parcels: r.parcels.map((p) => ({
      number: p.number,
      rings: p.rings.map((ring) => `${ring.ringNumber}:${ring.role}${ring.parent === null ? "" : `<${ring.parent}`}`),
      points: p.rings.reduce((s, ring) => s + ring.points.length, 0),
      planeAreaM2: round4(p.planeAreaM2),
      ellipsoidalAreaM2: round4(p.ellipsoidalAreaM2),
    })),
  };
}

export function expectedFor(name: string): ExpectedResult {
  return JSON.parse(readFileSync(new URL(name.replace(/\.txt$/, ".json"), OUT_DIR), "utf8")) as ExpectedResult;
}

export function writeExpected(name: string, value: ExpectedResult): void {
  writeFileSync(new URL(name.replace(/\.txt$/, ".json"), OUT_DIR), `${JSON.stringify(value, null, 2)}\n`);
}
