import { describe, expect, it } from "vitest";
import { AppError } from "../../errors/app-error.ts";
import { readParcelFile } from "./read.ts";
import { fixtureFile } from "./test-fixtures.ts";
import type { ParcelFormat } from "./types.ts";
import { writeParcelFile, writeShapefileSet } from "./write.ts";
import { unzipFiles } from "./zip.ts";

const base = await readParcelFile(fixtureFile("base.txt"));
const EXT: Record<ParcelFormat, string> = { txt: "txt", shp: "zip", geojson: "geojson", gpkg: "gpkg", dxf: "dxf", kml: "kml", kmz: "kmz" };

describe("round trip: base.txt → format → read gives the same parcels and areas (0.01 m²)", () => {
  for (const format of ["txt", "shp", "geojson", "gpkg", "dxf", "kml", "kmz"] as const) {
    it(format, async () => {
      const bytes = await writeParcelFile(format, { parcels: base.parcels, header: base.header });
      const r = await readParcelFile({ fileName: `round-trip.${EXT[format]}`, bytes });
      expect(r.issues.filter((i) => i.code !== "TXT_AREA_MISSING")).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.epsg).toBe(4544);
      expect(r.parcels.map((p) => p.number)).toEqual(["1", "2", "3"]);
      r.parcels.forEach((p, i) => {
        const b = base.parcels[i];
        expect(p.rings.map((ring) => `${ring.role}:${ring.points.length}`)).toEqual(
          b?.rings.map((ring) => `${ring.role}:${ring.points.length}`),
        );
        expect(Math.abs((p.planeAreaM2 as number) - (b?.planeAreaM2 as number))).toBeLessThan(0.01);
        expect(Math.abs((p.ellipsoidalAreaM2 as number) - (b?.ellipsoidalAreaM2 as number))).toBeLessThan(0.01);
        // DXF carries only geometry and the number; every other format keeps the attributes.
        if (format !== "dxf") {
          expect(p.name).toBe(b?.name);
          expect(p.landClass).toBe(b?.landClass);
          expect(p.declaredAreaHa).toBe(b?.declaredAreaHa);
        }
      });
    });
  }
});

describe("writers", () => {
  it("Shapefile set: .shp .shx .dbf .prj (EPSG:4544 WKT) .cpg; GBK by default, UTF-8 on request", async () => {
    const gbk = await writeShapefileSet({ parcels: base.parcels });
    expect(Object.keys(gbk).sort()).toEqual(["parcels.cpg", "parcels.dbf", "parcels.prj", "parcels.shp", "parcels.shx"]);
    expect(new TextDecoder().decode(gbk["parcels.cpg"])).toBe("GBK");
    expect(new TextDecoder().decode(gbk["parcels.prj"])).toMatch(
      /CGCS2000 \/ 3-degree Gauss-Kruger CM 105E.*AUTHORITY\["EPSG","4544"\]\]$/,
    );
    const utf8 = await writeShapefileSet({ parcels: base.parcels }, { encoding: "utf8", layerName: "dk" });
    expect(new TextDecoder().decode(utf8["dk.cpg"])).toBe("UTF-8");
    expect(new TextDecoder().decode(utf8["dk.dbf"])).toContain("高新区某项目用地");
  });

  it("the zipped Shapefile unzips to the five files", async () => {
    const zip = await writeParcelFile("shp", { parcels: base.parcels });
    expect((await unzipFiles(zip)).map((f) => f.fileName).sort()).toEqual([
      "parcels.cpg",
      "parcels.dbf",
      "parcels.prj",
      "parcels.shp",
      "parcels.shx",
    ]);
  });

  it("GeoJSON is RFC 7946: lon/lat, outer rings counter-clockwise (read back without orientation warnings)", async () => {
    const doc = JSON.parse(new TextDecoder().decode(await writeParcelFile("geojson", { parcels: base.parcels }))) as {
      features: { properties: Record<string, unknown>; geometry: { coordinates: number[][][][] } }[];
    };
    const [lon, lat] = doc.features[0]?.geometry.coordinates[0]?.[0]?.[0] ?? [];
    expect(lon).toBeGreaterThan(103);
    expect(lat).toBeGreaterThan(30);
    expect(doc.features[0]?.properties).toMatchObject({ 地块编号: "1", DKBH: "1", DKMJ: 2.1008, PMMJ: 21008.21 });
  });

  it("DXF writes prefixed eastings so the zone travels with the file", async () => {
    const text = new TextDecoder().decode(await writeParcelFile("dxf", { parcels: base.parcels }));
    expect(text).toContain("LWPOLYLINE");
    expect(text).toMatch(/\n35405200(\.0+)?\r?\n/);
  });

  it("nothing to write, or a parcel without zone, is an AppError", async () => {
    await expect(writeParcelFile("geojson", { parcels: [] })).rejects.toBeInstanceOf(AppError);
    const p = { ...(base.parcels[0] as (typeof base.parcels)[number]), zone: null, geometry: null };
    await expect(writeParcelFile("gpkg", { parcels: [p] })).rejects.toBeInstanceOf(AppError);
    await expect(writeParcelFile("kml", { parcels: [p] })).rejects.toBeInstanceOf(AppError);
  });
});
