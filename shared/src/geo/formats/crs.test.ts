import { describe, expect, it } from "vitest";
import { crsFromEpsg, crsFromWkt, zoneName, zoneWkt } from "./crs.ts";

const GEOG =
  'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]';

describe("crsFromWkt", () => {
  it("EPSG authority of QGIS/GDAL WKT1 and WKT2", () => {
    expect(crsFromWkt(zoneWkt({ width: 3, zone: 35, prefixed: false }))).toMatchObject({ kind: "plane", epsg: 4544 });
    expect(crsFromWkt(zoneWkt({ width: 3, zone: 35, prefixed: true }))).toMatchObject({ kind: "plane", epsg: 4523 });
    expect(
      crsFromWkt(
        'PROJCRS["CGCS2000 / 3-degree Gauss-Kruger CM 105E",BASEGEOGCRS["China Geodetic Coordinate System 2000"],ID["EPSG",4544]]',
      ),
    ).toMatchObject({
      kind: "plane",
      epsg: 4544,
    });
  });

  it("ESRI .prj names without authority: zone (prefixed) and CM (not prefixed), 3° and 6°", () => {
    const esri = (name: string, cm: number, fe: number): string =>
      `PROJCS["${name}",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${fe}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
    expect(crsFromWkt(esri("CGCS2000_3_Degree_GK_Zone_35", 105, 35500000))).toMatchObject({ kind: "plane", epsg: 4523 });
    expect(crsFromWkt(esri("CGCS2000_3_Degree_GK_CM_105E", 105, 500000))).toMatchObject({ kind: "plane", epsg: 4544 });
    expect(crsFromWkt(esri("CGCS2000_GK_Zone_18", 105, 18500000))).toMatchObject({ kind: "plane", epsg: 4496 });
    expect(crsFromWkt(esri("CGCS2000_GK_CM_105E", 105, 500000))).toMatchObject({ kind: "plane", epsg: 4507 });
    // A custom name: the parameters decide (105°E taken as 3° zone 35).
    expect(crsFromWkt(esri("Chengdu_survey", 105, 500000))).toMatchObject({ kind: "plane", epsg: 4544 });
    expect(crsFromWkt(esri("Chengdu_survey", 104, 500000))).toMatchObject({ kind: "unknown" });
  });

  it("geographic CGCS2000 / WGS84, Xian 80 refused, unknown", () => {
    expect(crsFromWkt(GEOG).kind).toBe("geographic");
    expect(crsFromWkt('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]').kind).toBe("geographic");
    expect(
      crsFromWkt(
        'PROJCS["Xian_1980_3_Degree_GK_CM_105E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]]]]',
      ).kind,
    ).toBe("unsupported");
    expect(crsFromWkt('PROJCS["WGS 84 / UTM zone 48N",GEOGCS["WGS 84"],AUTHORITY["EPSG","32648"]]').kind).toBe("unknown");
  });

  it("zoneWkt / zoneName read back as the same zone, 3° and 6°, with and without prefix", () => {
    expect(zoneName({ width: 6, zone: 18, prefixed: true })).toBe("CGCS2000 / Gauss-Kruger zone 18");
    for (const spec of [
      { width: 3, zone: 35, prefixed: false },
      { width: 3, zone: 34, prefixed: true },
      { width: 6, zone: 18, prefixed: false },
      { width: 6, zone: 17, prefixed: true },
    ] as const) {
      expect(crsFromWkt(zoneWkt(spec))).toMatchObject({ kind: "plane", zone: spec });
      expect(crsFromWkt(zoneWkt(spec).replace(/,AUTHORITY\["EPSG","\d+"\]\]$/, "]"))).toMatchObject({ kind: "plane", zone: spec });
    }
  });

  it("crsFromEpsg", () => {
    expect(crsFromEpsg(4490).kind).toBe("geographic");
    expect(crsFromEpsg(4326).kind).toBe("geographic");
    expect(crsFromEpsg(4554)).toMatchObject({ kind: "plane", zone: { width: 3, zone: 45, prefixed: false } });
    expect(crsFromEpsg(2383).kind).toBe("unsupported");
    expect(crsFromEpsg(3857).kind).toBe("unknown");
  });
});
