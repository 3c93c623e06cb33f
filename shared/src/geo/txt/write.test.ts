import { describe, expect, it } from "vitest";
import { isAppError } from "../../errors/app-error.ts";
import { readBoundaryTxt } from "./read.ts";
import { fixtureBytes, fixtureNames } from "./test-fixtures.ts";
import type { BoundaryTxtReadResult } from "./types.ts";
import { writeBoundaryTxt, writeBoundaryTxtText } from "./write.ts";

/** A read result without what depends on the file's layout (line numbers, encoding details). */
function content(r: BoundaryTxtReadResult) {
  return {
    header: r.header,
    zone: r.zone,
    parcels: r.parcels.map((p) => ({
      ...p,
      line: 0,
      rings: p.rings.map((ring) => ({ ...ring, points: ring.points.map((q) => ({ ...q, line: 0 })) })),
    })),
  };
}

describe("writeBoundaryTxt", () => {
  it("reproduces a canonical GBK/CRLF file byte for byte", () => {
    for (const name of ["clean-two-parcels-gbk-crlf.txt"]) {
      const bytes = fixtureBytes(name);
      const r = readBoundaryTxt(bytes, { fileName: name });
      expect(r.ok).toBe(true);
      expect(Buffer.from(writeBoundaryTxt(r, { encoding: "gbk" }))).toEqual(Buffer.from(bytes));
    }
  });

  it("reproduces a canonical UTF-8 file (hole + second part) byte for byte", () => {
    const bytes = fixtureBytes("hole-and-second-part.txt");
    const r = readBoundaryTxt(bytes, { fileName: "h.txt" });
    expect(Buffer.from(writeBoundaryTxt(r, { encoding: "utf8" }))).toEqual(Buffer.from(bytes));
  });

  it("writes the canonical form: header order, CRLF, closed rings, 4-decimal hectares, 3-decimal prefixed coordinates", () => {
    const r = readBoundaryTxt(fixtureBytes("header-spelling-variants.txt"), { fileName: "v.txt" });
    const text = writeBoundaryTxtText(r);
    const lines = text.split("\r\n");
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(lines.slice(0, 12).map((l) => l.split("=")[0])).toEqual([
      "[属性描述]",
      "格式版本号",
      "数据产生单位",
      "数据产生日期",
      "坐标系",
      "几度分带",
      "投影类型",
      "计量单位",
      "带号",
      "精度",
      "转换参数",
      "[地块坐标]",
    ]);
    expect(lines[5]).toBe("几度分带=3");
    expect(lines[12]).toBe("6,2.1008,1,成都市某项目地块一,面,,建设用地,0702,@");
    expect(lines[13]).toBe("J1,1,3394500.000,35405200.000");
    expect(lines[18]).toBe(lines[13]);
  });

  it("round-trips every fixture without errors: read(write(read(f))) has the same content", () => {
    for (const name of fixtureNames()) {
      const first = readBoundaryTxt(fixtureBytes(name), { fileName: name });
      if (!first.ok || first.zone === null) continue;
      for (const encoding of ["utf8", "gbk"] as const) {
        const again = readBoundaryTxt(writeBoundaryTxt(first, { encoding }), { fileName: name });
        expect(again.issues, name).toEqual([]);
        const a = content(first);
        const b = content(again);
        // The writer fills 带号/几度分带 from the zone and writes hectares.
        expect({ ...b.header, zone: null, zoneWidth: null, areaUnit: "ha" }, name).toEqual({
          ...a.header,
          zone: null,
          zoneWidth: null,
          areaUnit: "ha",
        });
        expect(b.zone, name).toEqual(a.zone);
        b.parcels.forEach((p, i) => {
          const q = a.parcels[i];
          const norm = { declaredArea: 0, declaredAreaUnit: "ha", declaredAreaHa: 0, declaredPointCount: 0 };
          expect({ ...p, ...norm }, name).toEqual({ ...q, ...norm });
          expect(Math.abs((p.declaredAreaHa ?? 0) - (q?.declaredAreaHa ?? 0)), name).toBeLessThanOrEqual(0.00005);
        });
      }
    }
  });

  it("refuses unprefixed Y without a zone, and bad options", () => {
    const r = readBoundaryTxt(fixtureBytes("missing-zone.txt"), { fileName: "m.txt" });
    let caught: unknown;
    try {
      writeBoundaryTxt(r, { encoding: "utf8" });
    } catch (e) {
      caught = e;
    }
    expect(isAppError(caught) && caught.code).toBe("VALIDATION_FAILED");
    expect(() => writeBoundaryTxt(r, { encoding: "latin1" as "utf8" })).toThrow();
  });
});
