import { describe, expect, it } from "vitest";
import { AppError } from "../../errors/app-error.ts";
import { readBoundaryTxt } from "../txt/index.ts";
import { readParcelFile } from "./read.ts";
import { fixtureFile, gbkShapefileSet, readFixture, VALID_FIXTURES } from "./test-fixtures.ts";
import { FMT_ISSUE_CODES } from "./types.ts";

const base = readBoundaryTxt(fixtureFile("base.txt").bytes, { fileName: "base.txt" });
const planeOf = new Map(base.parcels.map((p) => [p.number, p.planeAreaM2 as number]));
const ellOf = new Map(base.parcels.map((p) => [p.number, p.ellipsoidalAreaM2 as number]));

describe("every format's fixture reads as the three parcels of base.txt", () => {
  for (const name of VALID_FIXTURES) {
    it(name, async () => {
      const r = await readFixture(name);
      expect(r.ok, JSON.stringify(r.issues)).toBe(true);
      expect(r.epsg).toBe(4544);
      expect(r.zone).toEqual({ width: 3, zone: 35, prefixed: false });
      expect(r.parcels.map((p) => p.number)).toEqual(["1", "2", "3"]);
      // Parcel 3 has a hole in its first part and a second part.
      expect(r.parcels[2]?.rings.map((ring) => `${ring.role}${ring.parent ?? ""}`)).toEqual(["outer", "hole1", "outer"]);
      for (const p of r.parcels) {
        expect(Math.abs((p.planeAreaM2 as number) - (planeOf.get(p.number) as number)), `${p.number} plane`).toBeLessThan(0.01);
        expect(Math.abs((p.ellipsoidalAreaM2 as number) - (ellOf.get(p.number) as number)), `${p.number} ellipsoidal`).toBeLessThan(0.01);
        expect(p.geometry?.type).toBe("MultiPolygon");
      }
      if (name !== "parcels.dxf") expect(r.parcels.map((p) => p.declaredAreaHa)).toEqual([2.1008, 1.2821, 3.18]);
      if (!/zone35|dxf/.test(name)) expect(r.parcels[0]?.name).toBe("成都市某项目地块一");
    });
  }

  it("figures: plane 21008.21 / 12821.40 / 31800.00 m² in 3° zone 35", () => {
    expect([...planeOf.values()].map((v) => v.toFixed(2))).toEqual(["21008.21", "12821.40", "31800.00"]);
  });

  it("GBK .dbf with Chinese field names is decoded through its .cpg", async () => {
    const r = await readParcelFile(gbkShapefileSet());
    expect(r.encoding).toBe("gbk");
    expect(r.parcels.map((p) => p.landClass)).toEqual(["0702", "0601", "0601"]);
    expect(r.issues).toEqual([]);
  });

  it("without the .cpg, GBK is detected and FMT_CPG_MISSING warned; --encoding overrides", async () => {
    const files = gbkShapefileSet().filter((f) => !f.fileName.endsWith(".cpg"));
    const r = await readParcelFile(files);
    expect(r.parcels[2]?.name).toBe("高新区某项目用地");
    expect(r.issues.map((i) => i.code)).toEqual(["FMT_CPG_MISSING"]);
    const forced = await readParcelFile(files, { encoding: "gbk" });
    expect(forced.issues).toEqual([]);
  });

  it("without the .prj the zone comes from --zone (FMT_PRJ_MISSING), or is missing (TXT_ZONE_MISSING)", async () => {
    const files = gbkShapefileSet().filter((f) => !f.fileName.endsWith(".prj"));
    const withZone = await readParcelFile(files, { zone: 35 });
    expect(withZone.ok).toBe(true);
    expect(withZone.issues.map((i) => i.code)).toEqual(["FMT_PRJ_MISSING"]);
    expect(withZone.parcels[0]?.planeAreaM2).toBeCloseTo(planeOf.get("1") as number, 6);
    const without = await readParcelFile(files);
    expect(without.ok).toBe(false);
    expect(without.issues.map((i) => i.code)).toContain("TXT_ZONE_MISSING");
  });

  it("--zone that disagrees with the .prj is warned (FMT_ZONE_CONFLICT) and the .prj wins", async () => {
    const r = await readParcelFile(gbkShapefileSet(), { zone: 36 });
    expect(r.issues.map((i) => i.code)).toEqual(["FMT_ZONE_CONFLICT"]);
    expect(r.epsg).toBe(4544);
  });

  it("lon/lat input is projected into the zone given by --zone", async () => {
    const r = await readFixture("parcels.geojson", { zone: 36 });
    expect(r.epsg).toBe(4545);
    // Another zone, another plane: the GK scale error differs by a few hundred ppm.
    expect(Math.abs((r.parcels[0]?.planeAreaM2 as number) - (planeOf.get("1") as number))).toBeGreaterThan(1);
  });
});

describe("a self-intersection in each format is located by feature (and line where the format has lines)", () => {
  const cases: [string, number, number, string][] = [
    // file, feature, line, first point of the crossing edge
    ["bowtie.zip", 2, 0, "J1"],
    ["bowtie.geojson", 2, 45, "J1"],
    ["bowtie.gpkg", 2, 0, "J2"],
    ["bowtie.dxf", 1, 5, "J1"],
    ["bowtie.kml", 2, 10, "J1"],
  ];
  for (const [name, feature, line, point] of cases) {
    it(name, async () => {
      const r = await readFixture(name);
      expect(r.ok).toBe(false);
      const si = r.issues.find((i) => i.code === "TXT_SELF_INTERSECTION");
      expect(si).toMatchObject({ severity: "error", file: name, feature, line, parcel: "X1", point });
      expect(si?.messageZh).toMatch(/自相交.*交点 X=3394560\.000 Y=(35)?40[56]260\.000/);
    });
  }

  it("GeoJSON: a LineString is FMT_NOT_POLYGON at its feature and line; the overlap with parcel 1 is reported", async () => {
    const r = await readFixture("bowtie.geojson");
    expect(r.issues.find((i) => i.code === "FMT_NOT_POLYGON")).toMatchObject({ feature: 3, line: 79 });
    expect(r.issues.find((i) => i.code === "TXT_PARCELS_OVERLAP")).toMatchObject({ feature: 2, parcel: "X1" });
  });
});

describe("format-level problems", () => {
  it("broken files are FMT_UNREADABLE, not exceptions", async () => {
    for (const fileName of ["x.geojson", "x.gpkg", "x.kml", "x.zip", "x.kmz"]) {
      const r = await readParcelFile({ fileName, bytes: new TextEncoder().encode("{ not this format") });
      expect(r.ok, fileName).toBe(false);
      expect(
        r.issues.some((i) => i.code === "FMT_UNREADABLE" || i.code === "FMT_PART_MISSING"),
        `${fileName}: ${JSON.stringify(r.issues)}`,
      ).toBe(true);
    }
  });

  it("an unknown extension and a bad zone option are AppErrors", async () => {
    await expect(readParcelFile({ fileName: "x.xlsx", bytes: new Uint8Array(1) })).rejects.toBeInstanceOf(AppError);
    await expect(readParcelFile(fixtureFile("parcels.geojson"), { zone: 99 })).rejects.toBeInstanceOf(AppError);
  });

  it("every FMT code has a severity and Chinese text", () => {
    for (const [code, v] of Object.entries(FMT_ISSUE_CODES)) {
      expect(code).toMatch(/^FMT_[A-Z_]+$/);
      expect(["error", "warning"]).toContain(v.severity);
      expect(v.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("a DXF without zone prefix and without --zone reports TXT_ZONE_MISSING; with --zone it reads", async () => {
    const text = new TextDecoder().decode(fixtureFile("bowtie.dxf").bytes).replace(/\r\n35(\d{6}\.\d{3})/g, "\r\n$1");
    const bytes = new TextEncoder().encode(text);
    const r = await readParcelFile({ fileName: "plain.dxf", bytes });
    expect(r.issues.map((i) => i.code)).toContain("TXT_ZONE_MISSING");
    const z = await readParcelFile({ fileName: "plain.dxf", bytes }, { zone: 35 });
    expect(z.issues.map((i) => i.code)).not.toContain("TXT_ZONE_MISSING");
    expect(z.epsg).toBe(4544);
  });
});
