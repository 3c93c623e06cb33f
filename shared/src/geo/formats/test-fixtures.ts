// Test-only: the format fixtures (fixtures/, made by fixtures/make-fixtures.ts) and how to read them.
import { readdirSync, readFileSync } from "node:fs";
import { readParcelFile } from "./read.ts";
import type { ParcelFileInput, ParcelFileReadResult, ReadParcelFileOptions } from "./types.ts";

export const FIXTURES_DIR = new URL("./fixtures/", import.meta.url);

export function fixtureFile(name: string): ParcelFileInput {
  return { fileName: name.split("/").pop() as string, bytes: new Uint8Array(readFileSync(new URL(name, FIXTURES_DIR))) };
}

/** The GBK Shapefile set as separate files (.shp .shx .dbf .prj .cpg). */
export function gbkShapefileSet(): ParcelFileInput[] {
  return readdirSync(new URL("gbk/", FIXTURES_DIR))
    .sort()
    .map((f) => fixtureFile(`gbk/${f}`));
}

/** One valid fixture per format (and the GBK set), each holding the three parcels of base.txt. */
export const VALID_FIXTURES: readonly string[] = [
  "base.txt",
  "parcels-zone35.zip",
  "gbk/地块.shp",
  "parcels.geojson",
  "parcels.gpkg",
  "parcels.dxf",
  "parcels.kml",
];

export async function readFixture(name: string, options: ReadParcelFileOptions = {}): Promise<ParcelFileReadResult> {
  return readParcelFile(name.startsWith("gbk/") ? gbkShapefileSet() : fixtureFile(name), options);
}
