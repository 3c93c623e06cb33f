import { describe, expect, it } from "vitest";
import {
  AREA_PRECISION,
  areaFigures,
  ellipsoidalArea,
  hectaresToMu,
  muToSquareMetres,
  planeArea,
  roundArea,
  roundDecimal,
  SQUARE_METRES_PER_MU,
  squareMetresToHectares,
  squareMetresToMu,
} from "./area.ts";
import { AREA_RULES, areaKindFor } from "./rules.ts";
import {
  BOUNDARY_SURVEY,
  type BoundarySurveyFile,
  PARCELS,
  PARCELS_ORACLE,
  type ParcelCollection,
  type ParcelOracle,
  readFixture,
} from "./test-fixtures.ts";
import { ringsToGeographic, ringsToPlane } from "./transform.ts";
import { type GisPosition, type SurveyPoint, surveyToGis, zoneFromEpsg } from "./zones.ts";

const square = (x0: number, y0: number, side: number): SurveyPoint[] => [
  { x: x0, y: y0 },
  { x: x0 + side, y: y0 },
  { x: x0 + side, y: y0 + side },
  { x: x0, y: y0 + side },
];

describe("planeArea", () => {
  it("is the shoelace area, outer minus holes, in either orientation, open or closed", () => {
    const outer = square(3394000, 35409000, 100);
    const hole = square(3394010, 35409010, 20);
    expect(planeArea([outer])).toBe(10_000);
    expect(planeArea([[...outer].reverse()])).toBe(10_000);
    expect(planeArea([[...outer, outer[0] as SurveyPoint]])).toBe(10_000);
    expect(planeArea([outer, hole])).toBe(9_600);
    expect(planeArea([outer, [...hole].reverse()])).toBe(9_600);
    expect(planeArea([])).toBe(0);
    expect(planeArea([outer.slice(0, 2)])).toBe(0);
  });

  it("gives the same area in survey order and GIS order", () => {
    const ring: SurveyPoint[] = [
      { x: 3394765.293, y: 35409916.381 },
      { x: 3394777.699, y: 35410103.932 },
      { x: 3394621.521, y: 35410117.499 },
      { x: 3394555.248, y: 35410012.384 },
    ];
    const gis: GisPosition[] = ring.map(surveyToGis);
    expect(planeArea([gis])).toBe(planeArea([ring]));
  });

  it("loses nothing to the zone prefix: prefixed and plain Y give the same area to 1e-6 m²", () => {
    const file = readFixture<BoundarySurveyFile>(BOUNDARY_SURVEY);
    for (const parcel of file.parcels) {
      const spec = zoneFromEpsg(parcel.epsg);
      if (!spec.prefixed) continue;
      const plain = parcel.rings.map((r) => r.map((p) => ({ x: p.x, y: p.y - spec.zone * 1_000_000 })));
      expect(Math.abs(planeArea(parcel.rings) - planeArea(plain))).toBeLessThan(1e-6);
    }
  });

  it("refuses non-finite coordinates", () => {
    expect(() => planeArea([[...square(0, 0, 1), { x: Number.NaN, y: 0 }]])).toThrow(RangeError);
  });
});

describe("ellipsoidalArea", () => {
  it("is orientation-independent and subtracts holes", () => {
    const outer: [number, number][] = [
      [104, 30.6],
      [104.01, 30.6],
      [104.01, 30.61],
      [104, 30.61],
    ];
    const a = ellipsoidalArea([outer]);
    // PostGIS 3.3 / 3.6: ST_Area('POLYGON((104 30.6,104.01 30.6,104.01 30.61,104 30.61,104 30.6))'::geometry(4490)::geography)
    expect(a).toBeCloseTo(1063125.1085586548, 6);
    expect(ellipsoidalArea([[...outer].reverse()])).toBeCloseTo(a, 6);
    expect(ellipsoidalArea([[...outer, [104, 30.6]]])).toBeCloseTo(a, 6);
    const hole: [number, number][] = [
      [104.002, 30.602],
      [104.003, 30.602],
      [104.003, 30.603],
      [104.002, 30.603],
    ];
    expect(ellipsoidalArea([outer, hole])).toBeCloseTo(a - ellipsoidalArea([hole]), 6);
    expect(ellipsoidalArea([])).toBe(0);
  });

  it("is smaller than the Gauss–Krüger plane area by the scale factor squared, ≈ 1 + (Δλ·cos φ)²", () => {
    const parcels = readFixture<ParcelCollection>(PARCELS);
    for (const f of parcels.features) {
      const rings = f.geometry.coordinates;
      const ellipsoidal = ellipsoidalArea(rings);
      const [lon, lat] = rings[0]?.[0] ?? [Number.NaN, Number.NaN];
      const spec = zoneFromEpsg(4544); // CM 105°E
      const ratio = planeArea(ringsToPlane(rings, spec)) / ellipsoidal;
      const dl = ((lon - 105) * Math.PI) / 180;
      const expected = 1 + (dl * Math.cos((lat * Math.PI) / 180)) ** 2;
      expect(ratio).toBeGreaterThan(1);
      expect(Math.abs(ratio - expected)).toBeLessThan(2e-5);
    }
  });

  it("agrees with planeArea on the way back from a survey file (plane → geographic)", () => {
    const file = readFixture<BoundarySurveyFile>(BOUNDARY_SURVEY);
    for (const parcel of file.parcels) {
      const spec = zoneFromEpsg(parcel.epsg);
      const plane = planeArea(parcel.rings);
      const ellipsoidal = ellipsoidalArea(ringsToGeographic(parcel.rings, spec));
      expect(Math.abs(plane / ellipsoidal - 1)).toBeLessThan(1e-3);
    }
  });
});

describe("against areas PostGIS computed (parcels-chengdu.postgis.json; live checks in postgis-oracle.test.ts)", () => {
  const parcels = readFixture<ParcelCollection>(PARCELS);
  const oracle = readFixture<ParcelOracle>(PARCELS_ORACLE);
  for (const f of parcels.features) {
    it(`${f.properties.name}: plane and ellipsoidal areas within 0.01 m² of ${oracle.recordedWith}`, () => {
      const rec = oracle.parcels[f.properties.name];
      if (!rec) throw new Error(`no recorded areas for ${f.properties.name}`);
      const rings = f.geometry.coordinates;
      expect(Math.abs(ellipsoidalArea(rings) - rec.ellipsoidalArea)).toBeLessThan(0.01);
      for (const epsg of f.properties.planeEpsg) {
        const expected = rec.planeArea[String(epsg)] ?? Number.NaN;
        expect(Math.abs(planeArea(ringsToPlane(rings, zoneFromEpsg(epsg))) - expected)).toBeLessThan(0.01);
      }
    });
  }
});

describe("units and rounding", () => {
  it("converts m² → 公顷 → 亩 (1 公顷 = 15 亩, 1 亩 = 10000/15 m²)", () => {
    expect(squareMetresToHectares(12_345.678)).toBeCloseTo(1.2345678, 12);
    expect(hectaresToMu(1)).toBe(15);
    expect(squareMetresToMu(10_000)).toBe(15);
    expect(SQUARE_METRES_PER_MU).toBeCloseTo(666.6667, 4);
    expect(muToSquareMetres(15)).toBe(10_000);
  });

  it("rounds 公顷 to 4, 亩 to 2, m² to 2 decimals", () => {
    expect(AREA_PRECISION).toEqual({ m2: 2, ha: 4, mu: 2 });
    expect(squareMetresToHectares(12_345.678, { round: true })).toBe(1.2346);
    expect(squareMetresToMu(12_345.678, { round: true })).toBe(18.52);
    expect(hectaresToMu(1.2345678, { round: true })).toBe(18.52);
    expect(roundArea(12_345.675, "m2")).toBe(12_345.68);
    expect(areaFigures(1_063_125.1085586548)).toEqual({ m2: 1_063_125.11, ha: 106.3125, mu: 1594.69 });
  });

  it("rounds half up on the decimal digits (1.005 → 1.01), half-even on request (GB/T 8170)", () => {
    expect(roundDecimal(1.005, 2)).toBe(1.01);
    expect(roundDecimal(2.675, 2)).toBe(2.68);
    expect(roundDecimal(0.125, 2, "half-even")).toBe(0.12);
    expect(roundDecimal(0.135, 2, "half-even")).toBe(0.14);
    expect(roundDecimal(-1.005, 2)).toBe(-1.01);
    expect(roundDecimal(1e-7, 4)).toBe(0);
    expect(roundDecimal(1.5e21, 2)).toBe(1.5e21);
    expect(() => roundDecimal(Number.NaN, 2)).toThrow(RangeError);
  });
});

describe("AREA_RULES", () => {
  it("reports plane area for 勘测定界/报批/征地 and ellipsoidal area for 国土调查 statistics", () => {
    expect(areaKindFor("boundarySurvey")).toBe("plane");
    expect(areaKindFor("landApproval")).toBe("plane");
    expect(areaKindFor("landAcquisition")).toBe("plane");
    expect(areaKindFor("landUseStatistics")).toBe("ellipsoidal");
    for (const rule of Object.values(AREA_RULES)) expect(rule.source).toMatch(/TD\/T|《/);
  });
});
