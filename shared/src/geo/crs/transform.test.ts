import { describe, expect, it } from "vitest";
import { BOUNDARY_SURVEY, type BoundarySurveyFile, PARCELS, type ParcelCollection, readFixture } from "./test-fixtures.ts";
import { pointToGeographic, pointToPlane, toGeographic, toPlane } from "./transform.ts";
import { zoneFromEpsg, zoneFromSurveyPoints } from "./zones.ts";

const survey = readFixture<BoundarySurveyFile>(BOUNDARY_SURVEY);
const parcels = readFixture<ParcelCollection>(PARCELS);

describe("plane → geographic → plane round trip (boundary-survey-points.in.json)", () => {
  for (const parcel of survey.parcels) {
    it(`${parcel.name} (EPSG:${parcel.epsg}) returns within 1 mm`, () => {
      const spec = zoneFromEpsg(parcel.epsg);
      let worst = 0;
      for (const ring of parcel.rings) {
        const back = toPlane(toGeographic(ring, spec), spec);
        back.forEach((p, i) => {
          const q = ring[i];
          if (!q) throw new Error("ring length changed");
          worst = Math.max(worst, Math.abs(p.x - q.x), Math.abs(p.y - q.y));
        });
      }
      expect(worst).toBeLessThan(0.001);
    });
  }

  it("reads the zone off the file's prefixed Y values", () => {
    const first = survey.parcels[0];
    if (!first) throw new Error("fixture empty");
    expect(zoneFromSurveyPoints(first.rings.flat())).toEqual(zoneFromEpsg(first.epsg));
  });
});

describe("geographic → plane → geographic round trip (parcels-chengdu.in.json)", () => {
  for (const f of parcels.features) {
    it(`${f.properties.name} returns within 1e-9° (≈0.1 mm)`, () => {
      for (const epsg of f.properties.planeEpsg) {
        const spec = zoneFromEpsg(epsg);
        for (const ring of f.geometry.coordinates) {
          const back = toGeographic(toPlane(ring, spec), spec);
          back.forEach(([lon, lat], i) => {
            const [lon0, lat0] = ring[i] ?? [Number.NaN, Number.NaN];
            expect(Math.abs(lon - lon0)).toBeLessThan(1e-9);
            expect(Math.abs(lat - lat0)).toBeLessThan(1e-9);
          });
        }
      }
    });
  }
});

describe("conventions", () => {
  it("projects the central meridian to Y = 500000 (+ prefix) and X = meridian arc length", () => {
    const p = pointToPlane([105, 30], { width: 3, zone: 35, prefixed: true });
    expect(p.y).toBeCloseTo(35_500_000, 6);
    // Meridian arc from the equator to 30°N on GRS80/CGCS2000: 3 320 113.398 m.
    expect(p.x).toBeCloseTo(3_320_113.398, 2);
    const plain = pointToPlane([105, 30], { width: 3, zone: 35, prefixed: false });
    expect(plain.y).toBeCloseTo(500_000, 6);
    expect(plain.x).toBe(p.x);
  });

  it("puts points west of the central meridian below 500000", () => {
    const p = pointToPlane([104.06, 30.67], { width: 3, zone: 35, prefixed: false });
    expect(p.y).toBeLessThan(500_000);
    expect(p.x).toBeGreaterThan(3_390_000);
  });

  it("refuses a Y whose prefix does not match the zone spec", () => {
    const prefixed = { x: 3394765.293, y: 35409916.381 };
    const plain = { x: 3394765.293, y: 409916.381 };
    expect(() => pointToGeographic(prefixed, { width: 3, zone: 35, prefixed: false })).toThrow(/carries zone prefix 35/);
    expect(() => pointToGeographic(plain, { width: 3, zone: 35, prefixed: true })).toThrow(/no zone prefix/);
    expect(() => pointToGeographic(prefixed, { width: 3, zone: 34, prefixed: true })).toThrow(/says 34/);
    const [lonA, latA] = pointToGeographic(prefixed, { width: 3, zone: 35, prefixed: true });
    const [lonB, latB] = pointToGeographic(plain, { width: 3, zone: 35, prefixed: false });
    expect(lonA).toBeCloseTo(lonB, 10);
    expect(latA).toBeCloseTo(latB, 10);
  });

  it("refuses bad input", () => {
    expect(() => pointToPlane([Number.NaN, 30], { width: 3, zone: 35, prefixed: true })).toThrow(RangeError);
    expect(() => pointToPlane([104, 95], { width: 3, zone: 35, prefixed: true })).toThrow(RangeError);
    expect(() => pointToPlane([104, 30], { width: 3, zone: 18, prefixed: true })).toThrow(RangeError);
  });
});
