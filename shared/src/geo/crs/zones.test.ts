import { describe, expect, it } from "vitest";
import { PREFIXED_Y, type PrefixedYFile, readFixture, ZONE_DETECTION, type ZoneDetectionFile } from "./test-fixtures.ts";
import {
  addZonePrefix,
  centralMeridian,
  epsgFor,
  falseEasting,
  gisToSurvey,
  proj4Definition,
  stripZonePrefix,
  surveyToGis,
  type ZoneWidth,
  zoneFromEpsg,
  zoneFromLongitude,
  zoneFromSurveyPoints,
  zoneFromY,
} from "./zones.ts";

describe("zone detection for 成都 (zone-detection-chengdu.json)", () => {
  const { cases } = readFixture<ZoneDetectionFile>(ZONE_DETECTION);

  it("puts 成都 city centre (≈104.06°E) in 3° zone 35 and 6° zone 18, both CM 105°E", () => {
    expect(zoneFromLongitude(104.06, 3)).toBe(35);
    expect(centralMeridian({ width: 3, zone: 35 })).toBe(105);
    expect(zoneFromLongitude(104.06, 6)).toBe(18);
    expect(centralMeridian({ width: 6, zone: 18 })).toBe(105);
  });

  for (const c of cases) {
    it(`${c.place} ${c.lonlat[0]}°E`, () => {
      for (const w of ["3", "6"] as const) {
        const width = Number(w) as ZoneWidth;
        const e = c.expected[w];
        const zone = zoneFromLongitude(c.lonlat[0], width);
        expect(zone).toBe(e.zone);
        expect(centralMeridian({ width, zone })).toBe(e.centralMeridian);
        expect(epsgFor({ width, zone, prefixed: true })).toBe(e.epsgPrefixed);
        expect(epsgFor({ width, zone, prefixed: false })).toBe(e.epsgPlain);
      }
    });
  }

  it("refuses longitudes outside the CGCS2000 zones", () => {
    expect(() => zoneFromLongitude(70, 3)).toThrow(RangeError);
    expect(() => zoneFromLongitude(140, 6)).toThrow(RangeError);
    expect(() => zoneFromLongitude(Number.NaN, 3)).toThrow(RangeError);
  });
});

describe("EPSG codes", () => {
  it("maps all 64 codes 4491–4554 to zones and back", () => {
    for (let epsg = 4491; epsg <= 4554; epsg++) expect(epsgFor(zoneFromEpsg(epsg))).toBe(epsg);
  });

  it("knows the block boundaries", () => {
    expect(zoneFromEpsg(4491)).toEqual({ width: 6, zone: 13, prefixed: true });
    expect(zoneFromEpsg(4501)).toEqual({ width: 6, zone: 23, prefixed: true });
    expect(zoneFromEpsg(4502)).toEqual({ width: 6, zone: 13, prefixed: false });
    expect(zoneFromEpsg(4512)).toEqual({ width: 6, zone: 23, prefixed: false });
    expect(zoneFromEpsg(4513)).toEqual({ width: 3, zone: 25, prefixed: true });
    expect(zoneFromEpsg(4523)).toEqual({ width: 3, zone: 35, prefixed: true });
    expect(zoneFromEpsg(4533)).toEqual({ width: 3, zone: 45, prefixed: true });
    expect(zoneFromEpsg(4534)).toEqual({ width: 3, zone: 25, prefixed: false });
    expect(zoneFromEpsg(4544)).toEqual({ width: 3, zone: 35, prefixed: false });
    expect(zoneFromEpsg(4554)).toEqual({ width: 3, zone: 45, prefixed: false });
    expect(() => zoneFromEpsg(4490)).toThrow(RangeError);
    expect(() => zoneFromEpsg(4555)).toThrow(RangeError);
  });

  it("refuses zones EPSG does not define", () => {
    expect(() => epsgFor({ width: 3, zone: 24, prefixed: true })).toThrow(RangeError);
    expect(() => epsgFor({ width: 6, zone: 35, prefixed: true })).toThrow(RangeError);
    expect(() => epsgFor({ width: 3, zone: 35.5, prefixed: true })).toThrow(RangeError);
  });

  it("writes the proj4 strings PostGIS has in spatial_ref_sys", () => {
    expect(proj4Definition({ width: 3, zone: 35, prefixed: true })).toBe(
      "+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=35500000 +y_0=0 +ellps=GRS80 +units=m +no_defs",
    );
    expect(proj4Definition(4544)).toBe("+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs");
    expect(proj4Definition(4496)).toBe("+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=18500000 +y_0=0 +ellps=GRS80 +units=m +no_defs");
    expect(falseEasting({ width: 3, zone: 34, prefixed: true })).toBe(34_500_000);
  });
});

describe("prefixed Y (prefixed-y.json)", () => {
  const { cases } = readFixture<PrefixedYFile>(PREFIXED_Y);
  for (const c of cases) {
    it(`Y ${c.y}${c.error ? ` — ${c.error}` : ""}`, () => {
      if (c.error) {
        expect(() => zoneFromY(c.y)).toThrow(RangeError);
        expect(() => stripZonePrefix(c.y)).toThrow(RangeError);
        return;
      }
      expect(zoneFromY(c.y)).toEqual(c.expected);
      expect(stripZonePrefix(c.y)).toBeCloseTo(c.stripped ?? Number.NaN, 6);
      if (c.expected) expect(addZonePrefix(stripZonePrefix(c.y), c.expected.zone)).toBe(c.y);
    });
  }

  it("insists on a width when told", () => {
    expect(zoneFromY(35512345.67, { width: 3 })).toEqual({ width: 3, zone: 35, prefixed: true });
    expect(() => zoneFromY(35512345.67, { width: 6 })).toThrow(RangeError);
    expect(zoneFromY(18512345.67, { width: 6 })).toEqual({ width: 6, zone: 18, prefixed: true });
  });

  it("finds the one zone of a coordinate list and refuses mixed lists", () => {
    expect(
      zoneFromSurveyPoints([
        { x: 3394765.29, y: 35409916.38 },
        { x: 3394800.1, y: 35410000.5 },
      ]),
    ).toEqual({ width: 3, zone: 35, prefixed: true });
    expect(zoneFromSurveyPoints([{ x: 3394765.29, y: 409916.38 }])).toBeNull();
    expect(() =>
      zoneFromSurveyPoints([
        { x: 3394765.29, y: 35409916.38 },
        { x: 3394765.29, y: 34409916.38 },
      ]),
    ).toThrow(/different zones/);
    expect(() =>
      zoneFromSurveyPoints([
        { x: 3394765.29, y: 35409916.38 },
        { x: 3394765.29, y: 409916.38 },
      ]),
    ).toThrow(/without zone prefix/);
  });
});

describe("survey order vs GIS order", () => {
  it("swaps X (northing) and Y (easting) explicitly", () => {
    const survey = { x: 3394765.293, y: 35409916.381 };
    expect(surveyToGis(survey)).toEqual([35409916.381, 3394765.293]);
    expect(gisToSurvey(surveyToGis(survey))).toEqual(survey);
  });
});
