// Every FMT_* issue code has an input that triggers it, with the feature and line it is reported at
// (line 0 = the whole file). The table is typed as Record<FmtIssueCode, …>: a new code without a case does not compile.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkBoundarySurvey } from "../../approval/check-boundary-survey.ts";
import { readParcelFile } from "./read.ts";
import { FMT_ISSUE_CODES, type FmtIssueCode, type ParcelFileInput, type ParcelIssue } from "./types.ts";
import { unzipFiles } from "./zip.ts";

const FIXTURES = new URL("./fixtures/", import.meta.url);
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A 100 m square near 成都 in lon/lat (counter-clockwise, RFC 7946), shifted by k squares to the east. */
function square(k = 0): number[][][] {
  const lon = 104.06 + k * 0.002;
  const lat = 30.6;
  const d = 0.001;
  return [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ],
  ];
}

/** One feature per line, so feature n sits on line n + 1. */
function geojson(features: { geometry: unknown; properties: Record<string, unknown> }[], crs?: string): string {
  const head = crs
    ? `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"${crs}"}},"features":[`
    : `{"type":"FeatureCollection","features":[`;
  return `${head}\n${features.map((f) => JSON.stringify({ type: "Feature", ...f })).join(",\n")}\n]}\n`;
}
const ok = (k: number, props: Record<string, unknown> = { DKBH: String(k + 1) }) => ({
  geometry: { type: "Polygon", coordinates: square(k) },
  properties: props,
});

async function shapefileSet(): Promise<ParcelFileInput[]> {
  return unzipFiles(fixture("parcels-zone35.zip"));
}

interface Case {
  files: () => Promise<ParcelFileInput[]>;
  /** Runs the 预检 (checkBoundarySurvey) instead of the reader: for codes only it raises. */
  precheck?: boolean;
  line: number;
  feature?: number;
}

const one = (fileName: string, bytes: Uint8Array) => async () => [{ fileName, bytes }];

const CASES: Record<FmtIssueCode, Case> = {
  FMT_UNSUPPORTED_FORMAT: { files: one("parcels.xlsx", text("not a boundary file")), precheck: true, line: 0 },
  FMT_UNREADABLE: { files: one("broken.geojson", text('{"type":"FeatureCollection","features":[')), line: 0 },
  FMT_PART_MISSING: { files: async () => (await shapefileSet()).filter((f) => !/\.dbf$/i.test(f.fileName)), line: 0 },
  FMT_EXTRA_LAYERS: {
    files: async () => {
      const set = await shapefileSet();
      return [...set, ...set.map((f) => ({ fileName: f.fileName.replace(/^(.*)\.(\w+)$/, "$1_b.$2"), bytes: f.bytes }))];
    },
    line: 0,
  },
  FMT_PRJ_MISSING: { files: async () => (await shapefileSet()).filter((f) => !/\.prj$/i.test(f.fileName)), line: 0 },
  FMT_CRS_UNKNOWN: { files: one("mercator.geojson", text(geojson([ok(0)], "urn:ogc:def:crs:EPSG::3857x"))), line: 0 },
  FMT_CRS_UNSUPPORTED: { files: one("xian80.geojson", text(geojson([ok(0)], "urn:ogc:def:crs:EPSG::2383"))), line: 0 },
  FMT_ZONE_CONFLICT: { files: shapefileSet, line: 0 },
  FMT_CPG_MISSING: { files: async () => (await shapefileSet()).filter((f) => !/\.cpg$/i.test(f.fileName)), line: 0 },
  FMT_NO_FEATURES: { files: one("empty.geojson", text(geojson([]))), line: 0 },
  FMT_EMPTY_GEOMETRY: {
    files: one("empty-geometry.geojson", text(geojson([ok(0), { geometry: null, properties: { DKBH: "2" } }]))),
    line: 3,
    feature: 2,
  },
  FMT_NOT_POLYGON: {
    files: one(
      "line.geojson",
      text(geojson([ok(0), { geometry: { type: "LineString", coordinates: square(1)[0] }, properties: { DKBH: "2" } }])),
    ),
    line: 3,
    feature: 2,
  },
  FMT_IGNORED_ENTITY: {
    files: async () => {
      const dxf = new TextDecoder().decode(fixture("parcels.dxf"));
      // An open LWPOLYLINE (flag 0) appended to the entities: not a parcel.
      const open = [
        "0",
        "LWPOLYLINE",
        "8",
        "PARCEL",
        "90",
        "2",
        "70",
        "0",
        "10",
        "395000",
        "20",
        "3393000",
        "10",
        "395100",
        "20",
        "3393000",
      ].join("\n");
      return [{ fileName: "open.dxf", bytes: text(dxf.replace(/\n0\nENDSEC\n0\nEOF/, `\n${open}\n0\nENDSEC\n0\nEOF`)) }];
    },
    line: -1,
  },
  FMT_ATTRIBUTE_MISSING: { files: one("no-number.geojson", text(geojson([ok(0), ok(1, { DKMC: "无编号" })]))), line: 3, feature: 2 },
  FMT_BAD_ATTRIBUTE: { files: one("bad-area.geojson", text(geojson([ok(0, { DKBH: "1", DKMJ: "十公顷" })]))), line: 2, feature: 1 },
};

async function issuesOf(c: Case): Promise<ParcelIssue[]> {
  const files = await c.files();
  if (c.precheck) {
    const f = files[0] as ParcelFileInput;
    const r = await checkBoundarySurvey(f.bytes, f.fileName);
    return [...r.errors, ...r.warnings] as unknown as ParcelIssue[];
  }
  const r = await readParcelFile(files, c === CASES.FMT_ZONE_CONFLICT ? { zone: 36 } : {});
  return r.issues;
}

describe("every FMT issue code is triggered by an input and located", () => {
  it("the case table covers exactly the documented codes", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(FMT_ISSUE_CODES).sort());
  });
  for (const [code, c] of Object.entries(CASES) as [FmtIssueCode, Case][]) {
    it(`${code}`, async () => {
      const issues = await issuesOf(c);
      const hits = issues.filter((i) => i.code === code);
      expect(hits.length, `${code} not reported; got ${issues.map((i) => `${i.code}@${i.line}`).join(" ")}`).toBeGreaterThan(0);
      const first = hits[0] as ParcelIssue;
      expect(first.severity).toBe(FMT_ISSUE_CODES[code].severity);
      if (c.line >= 0) expect(first.line).toBe(c.line);
      else expect(first.line).toBeGreaterThan(0);
      if (c.feature !== undefined) expect(first.feature).toBe(c.feature);
      expect(first.messageZh.length).toBeGreaterThan(0);
    });
  }
});
