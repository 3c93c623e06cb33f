import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../errors/app-error.ts";
import { readBoundaryTxt } from "./read.ts";
import { expectedFor, fixtureBytes, fixtureNames, summarize, writeExpected } from "./test-fixtures.ts";

const update = process.env.UPDATE_TXT_FIXTURES === "1";

describe("fixtures: fixtures/in/*.txt → fixtures/out/*.json", () => {
  for (const name of fixtureNames()) {
    it(name, () => {
      const r = readBoundaryTxt(fixtureBytes(name), { fileName: name });
      const got = summarize(r);
      if (update) writeExpected(name, got);
      const want = expectedFor(name);
      expect({ ...got, parcels: undefined }).toEqual({ ...want, parcels: undefined });
      expect(got.parcels).toHaveLength(want.parcels.length);
      got.parcels.forEach((p, i) => {
        const w = want.parcels[i];
        expect({ ...p, planeAreaM2: 0, ellipsoidalAreaM2: 0 }).toEqual({ ...w, planeAreaM2: 0, ellipsoidalAreaM2: 0 });
        for (const k of ["planeAreaM2", "ellipsoidalAreaM2"] as const) {
          if (w?.[k] === null) expect(p[k]).toBeNull();
          else expect(Math.abs((p[k] ?? Number.NaN) - (w?.[k] ?? Number.NaN)), `${p.number} ${k}`).toBeLessThan(0.001);
        }
      });
      // Every issue is fully located.
      for (const issue of r.issues) {
        expect(issue.file).toBe(name);
        expect(issue.messageZh.length).toBeGreaterThan(0);
        expect(issue.message.length).toBeGreaterThan(0);
      }
    });
  }
});

function read(text: string, options: { areaTolerance?: number } = {}) {
  return readBoundaryTxt(new TextEncoder().encode(text), { fileName: "inline.txt", ...options });
}

const HEADER = "[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n投影类型=高斯克吕格\n计量单位=米\n带号=35\n[地块坐标]\n";
/** 100 m × 100 m square near 成都, clockwise in [E, N] as 界址点 are numbered (TD/T 1008). */
const SQUARE = [
  "J1,1,3394500.000,35405200.000",
  "J2,1,3394600.000,35405200.000",
  "J3,1,3394600.000,35405300.000",
  "J4,1,3394500.000,35405300.000",
] as const;
const parcelLine = (count: number, area: string, extra = "") => `${count},${area},1,测试地块,面,,建设用地,0702,@${extra}`;
const codes = (r: ReturnType<typeof read>) => r.issues.map((i) => i.code);

describe("readBoundaryTxt", () => {
  it("reads a minimal closed square: zone, EPSG, areas, lon/lat geometry", () => {
    const r = read(`${HEADER}${parcelLine(5, "1.0000")}\n${[...SQUARE, SQUARE[0]].join("\n")}\n`);
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.zone).toEqual({ width: 3, zone: 35, prefixed: false });
    expect(r.epsg).toBe(4544);
    const p = r.parcels[0];
    expect(p?.planeAreaM2).toBe(10_000);
    expect(p?.rings[0]?.points.map((q) => q.label)).toEqual(["J1", "J2", "J3", "J4"]);
    expect(p?.rings[0]?.points[1]).toEqual({ label: "J2", x: 3394600, y: 405200, line: 10 });
    const ring = p?.geometry?.coordinates[0]?.[0];
    expect(ring).toHaveLength(5);
    // GeoJSON (RFC 7946): the outer ring runs counter-clockwise in [lon, lat] — positive shoelace sum.
    const shoelace = (ring ?? []).slice(0, -1).reduce((s, [x0 = 0, y0 = 0], i, a) => {
      const [x1 = 0, y1 = 0] = a[(i + 1) % a.length] ?? [];
      return s + x0 * y1 - x1 * y0;
    }, 0);
    expect(shoelace).toBeGreaterThan(0);
    expect(ring?.[0]).toEqual(ring?.[4]);
    const [lon, lat] = ring?.[0] ?? [0, 0];
    expect(lon).toBeGreaterThan(104);
    expect(lon).toBeLessThan(105);
    expect(lat).toBeGreaterThan(30.6);
    expect(lat).toBeLessThan(30.7);
    expect(Math.abs((p?.ellipsoidalAreaM2 ?? 0) - 10_000)).toBeLessThan(10);
  });

  it("declared 界址点数 may count with or without closing points", () => {
    for (const n of [4, 5]) expect(codes(read(`${HEADER}${parcelLine(n, "1.0000")}\n${[...SQUARE, SQUARE[0]].join("\n")}\n`))).toEqual([]);
    expect(codes(read(`${HEADER}${parcelLine(3, "1.0000")}\n${[...SQUARE, SQUARE[0]].join("\n")}\n`))).toEqual([
      "TXT_POINT_COUNT_MISMATCH",
    ]);
  });

  it("honours areaTolerance and the declared area's own rounding", () => {
    const body = `\n${[...SQUARE, SQUARE[0]].join("\n")}\n`;
    expect(codes(read(`${HEADER}${parcelLine(5, "1.0150")}${body}`))).toEqual(["TXT_AREA_MISMATCH"]);
    expect(codes(read(`${HEADER}${parcelLine(5, "1.0150")}${body}`, { areaTolerance: 0.02 }))).toEqual([]);
    // 1 ha declared with 0 decimals covers ±0.5 ha.
    expect(codes(read(`${HEADER}${parcelLine(5, "1")}${body}`, { areaTolerance: 0 }))).toEqual([]);
    expect(codes(read(`${HEADER}${parcelLine(5, "1.0001")}${body}`, { areaTolerance: 0 }))).toEqual(["TXT_AREA_MISMATCH"]);
  });

  it("reads area units 平方米 and 亩 from a 面积单位 line, and warns on an unknown one", () => {
    const body = `\n${[...SQUARE, SQUARE[0]].join("\n")}\n`;
    const m2 = read(HEADER.replace("[地块坐标]", "面积单位=平方米\n[地块坐标]") + parcelLine(5, "10000.00") + body);
    expect(m2.issues).toEqual([]);
    expect(m2.parcels[0]?.declaredAreaHa).toBe(1);
    const mu = read(HEADER.replace("[地块坐标]", "地块面积单位 = 亩\n[地块坐标]") + parcelLine(5, "15.00") + body);
    expect(mu.issues).toEqual([]);
    expect(mu.parcels[0]?.declaredAreaUnit).toBe("mu");
    expect(mu.parcels[0]?.declaredAreaHa).toBeCloseTo(1, 10);
    expect(codes(read(HEADER.replace("[地块坐标]", "面积单位=英亩\n[地块坐标]") + parcelLine(5, "1.0000") + body))).toEqual([
      "TXT_AREA_UNIT_UNKNOWN",
    ]);
  });

  it("takes the zone from 中央经线 when 带号 is missing, and rejects a zone of the wrong width", () => {
    const body = `${parcelLine(5, "1.0000")}\n${[...SQUARE, SQUARE[0]].map((l) => l.replace(",35405", ",405")).join("\n")}\n`;
    const cm = read(HEADER.replace("带号=35", "中央经线=105") + body);
    expect(cm.issues).toEqual([]);
    expect(cm.epsg).toBe(4544);
    const wrong = read(HEADER.replace("几度分带=3", "几度分带=6") + body);
    expect(codes(wrong)).toEqual(["TXT_ZONE_INVALID", "TXT_ZONE_MISSING"]);
  });

  it("accepts a 6° zone from the header", () => {
    // 6° zone 18 has central meridian 105°E as well.
    const body = `${parcelLine(5, "1.0000")}\n${[...SQUARE, SQUARE[0]].map((l) => l.replace(",35405", ",405")).join("\n")}\n`;
    const r = read(HEADER.replace("几度分带=3", "几度分带=6度").replace("带号=35", "带号=18") + body);
    expect(r.issues).toEqual([]);
    expect(r.zone).toEqual({ width: 6, zone: 18, prefixed: false });
    expect(r.epsg).toBe(4507);
  });

  it("reports a closing point that repeats the first label with other coordinates", () => {
    const r = read(`${HEADER}${parcelLine(5, "1.0000")}\n${[...SQUARE, "J1,1,3394500.050,35405200.000"].join("\n")}\n`);
    expect(codes(r)).toEqual(["TXT_RING_CLOSURE_MISMATCH"]);
    expect(r.issues[0]).toMatchObject({ line: 13, parcel: "1", point: "J1", location: { x: 3394500.05, y: 35405200 } });
  });

  it("reports rings with fewer than 3 distinct points and collinear rings, and a spike", () => {
    const few = read(`${HEADER}${parcelLine(3, "")}\nJ1,1,3394500,35405200\nJ2,1,3394600,35405200\nJ1,1,3394500,35405200\n`);
    expect(codes(few)).toEqual(["TXT_AREA_MISSING", "TXT_TOO_FEW_POINTS"]);
    const line = read(
      `${HEADER}${parcelLine(4, "")}\nJ1,1,3394500,35405200\nJ2,1,3394600,35405200\nJ3,1,3394700,35405200\nJ1,1,3394500,35405200\n`,
    );
    expect(codes(line)).toEqual(["TXT_AREA_MISSING", "TXT_DEGENERATE_RING"]);
    const spike = read(
      `${HEADER}${parcelLine(6, "1.0000")}\n${[SQUARE[0], SQUARE[1], "J2a,1,3394500.000,35405350.000", SQUARE[1].replace("J2", "J2b"), SQUARE[2], SQUARE[3]].join("\n")}\n`,
    );
    expect(codes(spike)).toContain("TXT_SELF_INTERSECTION");
  });

  it("reports rings of one parcel that cross each other", () => {
    const ring2 = ["K1,2,3394550,35405250", "K2,2,3394550,35405350", "K3,2,3394650,35405350", "K4,2,3394650,35405250"];
    const r = read(`${HEADER}${parcelLine(8, "")}\n${[...SQUARE, ...ring2].join("\n")}\n`);
    expect(codes(r)).toContain("TXT_RINGS_INTERSECT");
    expect(r.issues.find((i) => i.code === "TXT_RINGS_INTERSECT")?.location).toBeDefined();
  });

  it("treats an island inside a hole as a part of its own", () => {
    // Survey convention: holes counter-clockwise, outer rings (the island too) clockwise in [E, N].
    const hole = ["H1,2,3394520,35405220", "H2,2,3394520,35405280", "H3,2,3394580,35405280", "H4,2,3394580,35405220"];
    const island = ["I1,3,3394540,35405240", "I2,3,3394560,35405240", "I3,3,3394560,35405260", "I4,3,3394540,35405260"];
    const r = read(`${HEADER}${parcelLine(12, "0.6800")}\n${[...SQUARE, ...hole, ...island].join("\n")}\n`);
    expect(r.parcels[0]?.rings.map((x) => [x.ringNumber, x.role, x.parent])).toEqual([
      [1, "outer", null],
      [2, "hole", 1],
      [3, "outer", null],
    ]);
    expect(r.parcels[0]?.planeAreaM2).toBe(10_000 - 3_600 + 400);
    expect(r.parcels[0]?.geometry?.coordinates).toHaveLength(2);
    // The rings are not closed in this file (warned); 12 = the points without closing repeats.
    expect(codes(r)).toEqual(["TXT_RING_NOT_CLOSED", "TXT_RING_NOT_CLOSED", "TXT_RING_NOT_CLOSED"]);
  });

  it("reports a point whose prefix names another zone, and Y values that are no coordinates", () => {
    const r = read(
      `${HEADER}${parcelLine(4, "1.0000")}\n${[SQUARE[0], SQUARE[1], SQUARE[2], SQUARE[3]?.replace(",35405", ",34405")].join("\n")}\n`,
    );
    expect(codes(r)).toContain("TXT_POINT_ZONE_MISMATCH");
    const bad = read(
      `${HEADER}${parcelLine(4, "1.0000")}\n${[SQUARE[0], SQUARE[1], SQUARE[2], "J4,1,3394600.000,123405200.000"].join("\n")}\n`,
    );
    expect(codes(bad)).toContain("TXT_COORD_INVALID");
    expect(bad.issues.find((i) => i.code === "TXT_COORD_INVALID")).toMatchObject({ line: 12, point: "J4" });
  });

  it("reports coordinate lines before any parcel, short lines, a missing [地块坐标] section and stray lines", () => {
    expect(codes(read(`${HEADER}J1,1,3394500,35405200\n`))).toEqual(["TXT_NO_PARCELS", "TXT_POINT_WITHOUT_PARCEL"]);
    expect(codes(read(`${HEADER}${parcelLine(1, "")}\nJ1,1,3394500\n`))).toEqual(["TXT_AREA_MISSING", "TXT_BAD_POINT_LINE"]);
    expect(codes(read("[属性描述]\n坐标系=2000国家大地坐标系\n带号=35\n"))).toEqual(["TXT_NO_PARCELS"]);
    expect(codes(read(`hello\n${HEADER}${parcelLine(5, "1.0000")}\n${[...SQUARE, SQUARE[0]].join("\n")}\n`))).toEqual(["TXT_UNKNOWN_LINE"]);
  });

  it("reads a parcel line without the closing @ as a parcel line, with a warning", () => {
    const r = read(`${HEADER}${parcelLine(5, "1.0000").replace(",@", "")}\n${SQUARE.join("\n")}\n${SQUARE[0]}\n`);
    expect(r.ok).toBe(true);
    expect(r.parcels.map((p) => [p.number, p.landClass])).toEqual([["1", "0702"]]);
    expect(r.issues.map((i) => [i.code, i.line, i.severity])).toEqual([["TXT_PARCEL_FIELDS", 8, "warning"]]);
  });

  it("reports duplicate parcel numbers, unsupported geometry kinds and non-metre units", () => {
    const one = `${parcelLine(5, "1.0000")}\n${[...SQUARE, SQUARE[0]].join("\n")}\n`;
    expect(codes(read(`${HEADER}${one}${one.replace(/35405/g, "35406")}`))).toEqual(["TXT_DUPLICATE_PARCEL_NUMBER"]);
    expect(codes(read(`${HEADER}${one.replace(",面,", ",线,")}`))).toEqual(["TXT_UNSUPPORTED_GEOMETRY"]);
    expect(codes(read(HEADER.replace("计量单位=米", "计量单位=千米") + one))).toEqual(["TXT_UNIT_UNSUPPORTED"]);
  });

  it("detects GBK vs UTF-8 and warns about undecodable bytes", () => {
    const text = `${HEADER}${parcelLine(5, "1.0000")}\n${[...SQUARE, SQUARE[0]].join("\n")}\n`;
    const gbk = readBoundaryTxt(new Uint8Array(iconv.encode(text, "gbk")), { fileName: "g.txt" });
    expect(gbk.encoding).toBe("gbk");
    expect(gbk.parcels[0]?.name).toBe("测试地块");
    const broken = new Uint8Array([...new TextEncoder().encode("\uFEFF"), 0xff, ...new TextEncoder().encode(text)]);
    expect(codes(readBoundaryTxt(broken, { fileName: "b.txt" }))).toContain("TXT_DECODE_REPLACEMENT");
  });

  it("rejects bad options with AppError VALIDATION_FAILED", () => {
    let caught: unknown;
    try {
      readBoundaryTxt(new Uint8Array(), { fileName: "" });
    } catch (e) {
      caught = e;
    }
    expect(isAppError(caught) && caught.code).toBe("VALIDATION_FAILED");
    expect(() => readBoundaryTxt(new Uint8Array(), { fileName: "x", areaTolerance: -1 })).toThrow();
  });
});
