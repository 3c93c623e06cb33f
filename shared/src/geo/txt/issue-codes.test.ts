// Every TXT issue code has an input that triggers it, and the test pins the line (and parcel/point) it is
// reported at. The table is typed as Record<TxtIssueCode, …>, so adding a code without a case here does not compile.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readBoundaryTxt } from "./read.ts";
import { fixtureBytes } from "./test-fixtures.ts";
import { TXT_ISSUE_CODES, type TxtIssueCode } from "./types.ts";

const header = (extra = "", zone = "带号=35\n") =>
  `[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n投影类型=高斯克吕格\n计量单位=米\n${zone}${extra}[地块坐标]\n`;
// Lines 1–7 are the header above (with no extra lines); the parcel line is line 8, its points lines 9–13.
const SQ = [
  "J1,1,3394500.000,35405200.000",
  "J2,1,3394600.000,35405200.000",
  "J3,1,3394600.000,35405300.000",
  "J4,1,3394500.000,35405300.000",
  "J1,1,3394500.000,35405200.000",
] as const;
const parcel = (count = 5, area = "1.0000", no = "1", kind = "面") => `${count},${area},${no},测试地块,${kind},,建设用地,0702,@`;
const file = (...lines: string[]) => lines.join("\n");
const shifted = SQ.map((s) => s.replace(",3394", ",3395"));
const ring2 = SQ.map((s) =>
  s
    .replace(",1,", ",2,")
    .replace(/,3394(\d)00\./, ",3394$150.")
    .replace(/,35405(\d)00\./, ",35405$150."),
);

function gbkWithBadByte(): Uint8Array {
  const bytes = iconv.encode(header() + file(parcel().replace("测试地块", "测试地块X"), ...SQ), "gbk");
  bytes[bytes.indexOf(0x58)] = 0xff; // 0xFF is no lead byte in GBK (nor any UTF-8 byte)
  return new Uint8Array(bytes);
}

interface Case {
  input: { fixture: string } | { text: string } | { bytes: () => Uint8Array };
  line: number;
  parcel?: string;
  point?: string;
}

const CASES: Record<TxtIssueCode, Case> = {
  TXT_DECODE_REPLACEMENT: { input: { bytes: gbkWithBadByte }, line: 0 },
  TXT_HEADER_MISSING: { input: { text: file("[地块坐标]", parcel(), ...SQ) }, line: 1 },
  TXT_HEADER_DUPLICATE_KEY: { input: { text: header("带号=35\n") + file(parcel(), ...SQ) }, line: 7 },
  TXT_UNKNOWN_LINE: { input: { text: header("随便写点什么\n") + file(parcel(), ...SQ) }, line: 7 },
  TXT_CRS_MISSING: { input: { text: header().replace("坐标系=2000国家大地坐标系\n", "") + file(parcel(), ...SQ) }, line: 1 },
  TXT_CRS_UNKNOWN: { input: { text: header().replace("2000国家大地坐标系", "火星坐标系") + file(parcel(), ...SQ) }, line: 2 },
  TXT_CRS_UNSUPPORTED: { input: { fixture: "crs-xian80.txt" }, line: 5 },
  TXT_ZONE_MISSING: { input: { fixture: "missing-zone.txt" }, line: 1 },
  TXT_ZONE_INVALID: { input: { text: header("", "带号=99\n") + file(parcel(), ...SQ.map((s) => s.replace(",35405", ",405"))) }, line: 6 },
  TXT_ZONE_PREFIX_MISMATCH: { input: { fixture: "zone-prefix-mismatch.txt" }, line: 9 },
  TXT_POINT_ZONE_MISMATCH: {
    input: { text: header() + file(parcel(), SQ[0], SQ[1], SQ[2].replace(",35", ",36"), SQ[3], SQ[4]) },
    line: 11,
    parcel: "1",
    point: "J3",
  },
  TXT_UNIT_UNSUPPORTED: { input: { text: header().replace("计量单位=米", "计量单位=英尺") + file(parcel(), ...SQ) }, line: 5 },
  TXT_AREA_UNIT_UNKNOWN: { input: { text: header("面积单位=平方英里\n") + file(parcel(), ...SQ) }, line: 7 },
  TXT_NO_PARCELS: { input: { text: header() }, line: 7 },
  TXT_PARCEL_FIELDS: { input: { text: header() + file(parcel().replace(",@", ",多余,@"), ...SQ) }, line: 8 },
  TXT_POINT_WITHOUT_PARCEL: { input: { text: header() + file(SQ[0], parcel(), ...SQ) }, line: 8 },
  TXT_BAD_POINT_LINE: {
    input: { text: header() + file(parcel(6), SQ[0], SQ[1], "J9,1,3394550.000", SQ[2], SQ[3], SQ[4]) },
    line: 11,
    parcel: "1",
  },
  TXT_BAD_NUMBER: { input: { fixture: "bad-number.txt" }, line: 17 },
  TXT_DUPLICATE_PARCEL_NUMBER: { input: { text: header() + file(parcel(), ...SQ, parcel(), ...shifted) }, line: 14, parcel: "1" },
  TXT_UNSUPPORTED_GEOMETRY: { input: { text: header() + file(parcel(5, "1.0000", "1", "线"), ...SQ) }, line: 8, parcel: "1" },
  TXT_NO_POINTS: { input: { text: header() + file(parcel(), parcel(5, "1.0000", "2"), ...SQ) }, line: 8, parcel: "1" },
  TXT_DUPLICATE_POINT: { input: { fixture: "duplicate-consecutive-points.txt" }, line: 18 },
  TXT_RING_NOT_CLOSED: { input: { fixture: "unclosed-rings.txt" }, line: 18 },
  TXT_RING_CLOSURE_MISMATCH: {
    input: { text: header() + file(parcel(), ...SQ.slice(0, 4), "J1,1,3394501.000,35405200.000") },
    line: 13,
    parcel: "1",
    point: "J1",
  },
  TXT_TOO_FEW_POINTS: { input: { text: header() + file(parcel(3, "0"), SQ[0], SQ[1], SQ[0]) }, line: 9, parcel: "1", point: "J1" },
  TXT_DEGENERATE_RING: {
    input: { text: header() + file(parcel(4, "0"), SQ[0], SQ[1], "J5,1,3394700.000,35405200.000", SQ[0]) },
    line: 9,
    parcel: "1",
    point: "J1",
  },
  TXT_SELF_INTERSECTION: { input: { fixture: "self-intersecting-bowtie.txt" }, line: 15 },
  TXT_RINGS_INTERSECT: { input: { text: header() + file(parcel(10, "2.0000"), ...SQ, ...ring2) }, line: 14, parcel: "1", point: "J1" },
  TXT_RING_ORIENTATION: { input: { fixture: "counter-clockwise-rings.txt" }, line: 14 },
  TXT_POINT_COUNT_MISMATCH: { input: { fixture: "point-count-mismatch.txt" }, line: 13 },
  TXT_AREA_MISSING: { input: { text: header() + file(parcel(5, ""), ...SQ) }, line: 8, parcel: "1" },
  TXT_AREA_MISMATCH: { input: { fixture: "area-mismatch.txt" }, line: 20 },
  TXT_XY_SWAPPED: { input: { fixture: "swapped-xy.txt" }, line: 14 },
  TXT_COORD_INVALID: {
    input: { text: header() + file(parcel(), SQ[0], SQ[1], "J3,1,3394600.000,99999999999.000", SQ[3], SQ[4]) },
    line: 11,
    parcel: "1",
    point: "J3",
  },
  TXT_OUTSIDE_ZONE: { input: { text: header() + file(parcel(), ...SQ.map((s) => s.replace(",35405", ",35905"))) }, line: 9, parcel: "1" },
  TXT_OUTSIDE_SICHUAN: { input: { fixture: "outside-sichuan.txt" }, line: 14 },
  TXT_PARCELS_OVERLAP: { input: { fixture: "overlapping-parcels.txt" }, line: 20 },
  TXT_UNKNOWN_LAND_CLASS: { input: { fixture: "unknown-land-class.txt" }, line: 13 },
};

function bytesOf(input: Case["input"]): Uint8Array {
  if ("fixture" in input) return fixtureBytes(input.fixture);
  if ("bytes" in input) return input.bytes();
  return new TextEncoder().encode(input.text);
}

describe("every TXT issue code is triggered by an input and located", () => {
  it("the case table covers exactly the documented codes", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(TXT_ISSUE_CODES).sort());
  });
  for (const [code, c] of Object.entries(CASES) as [TxtIssueCode, Case][]) {
    it(`${code} at line ${c.line}`, () => {
      const name = "fixture" in c.input ? c.input.fixture : "inline.txt";
      const r = readBoundaryTxt(bytesOf(c.input), { fileName: name });
      const hits = r.issues.filter((i) => i.code === code);
      expect(hits.length, `${code} not reported; got ${r.issues.map((i) => `${i.code}@${i.line}`).join(" ")}`).toBeGreaterThan(0);
      const first = hits[0];
      expect(first?.line).toBe(c.line);
      expect(first?.severity).toBe(TXT_ISSUE_CODES[code].severity);
      expect(first?.file).toBe(name);
      if (c.parcel !== undefined) expect(first?.parcel).toBe(c.parcel);
      if (c.point !== undefined) expect(first?.point).toBe(c.point);
      if (TXT_ISSUE_CODES[code].severity === "error") expect(r.ok).toBe(false);
    });
  }
});
