/**
 * PostGIS as an independent oracle: our proj4 + GeographicLib results against ST_Transform /
 * ST_Area on the test database (embedded PGlite + PostGIS, or TEST_DATABASE_URL's PostgreSQL).
 * UPDATE_CRS_FIXTURES=1 rewrites fixtures/parcels-chengdu.postgis.json from the database in use.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testBackend } from "../../db/testing.ts";
import { ellipsoidalArea, planeArea } from "./area.ts";
import {
  BOUNDARY_SURVEY,
  type BoundarySurveyFile,
  PARCELS,
  PARCELS_ORACLE,
  type ParcelCollection,
  type ParcelOracle,
  readFixture,
  writeFixture,
} from "./test-fixtures.ts";
import { ringsToGeographic, ringsToPlane, toPlane } from "./transform.ts";
import { CGCS2000_ELLIPSOID, proj4Definition, zoneFromEpsg } from "./zones.ts";

/** Agreement required by the brief: 0.01 m² for areas, 1 mm for coordinates. */
const AREA_TOLERANCE_M2 = 0.01;
const COORD_TOLERANCE_M = 0.001;
/** 1 mm on the ground is ≈ 9e-9° of latitude (and of longitude at 30°N ≈ 1.04e-8°). */
const DEGREE_TOLERANCE = 9e-9;

const parcels = readFixture<ParcelCollection>(PARCELS);
const survey = readFixture<BoundarySurveyFile>(BOUNDARY_SURVEY);

let t: TestDatabase;
const worst = { planeArea: 0, ellipsoidalArea: 0, toPlane: 0, toGeographic: 0, surveyPlaneArea: 0 };

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.drop();
  // The measured agreement, for the record (vitest prints it with the file's output).
  console.log(`[crs oracle, ${testBackend()}] max |JS − PostGIS|: ${JSON.stringify(worst)}`);
});

const GEOM = "ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4490)";

function geojson(coordinates: unknown): string {
  return JSON.stringify({ type: "Polygon", coordinates });
}

function polygonWkt(rings: readonly (readonly { x: number; y: number }[])[]): string {
  // GIS order in WKT: easting (Y) first.
  const ring = (r: readonly { x: number; y: number }[]) => {
    const pts = r.map((p) => `${p.y} ${p.x}`);
    return `(${[...pts, pts[0]].join(",")})`;
  };
  return `POLYGON(${rings.map(ring).join(",")})`;
}

describe(`PostGIS oracle (${testBackend()})`, () => {
  it("has EPSG:4490 on the CGCS2000 ellipsoid (GRS80 a, 1/f = 298.257222101)", async () => {
    const r = await t.db.query<{ proj4text: string; srtext: string }>("SELECT proj4text, srtext FROM spatial_ref_sys WHERE srid = 4490");
    const row = r.rows[0];
    expect(row?.proj4text.trim()).toBe("+proj=longlat +ellps=GRS80 +no_defs");
    expect(row?.srtext).toContain(`SPHEROID["CGCS2000",${CGCS2000_ELLIPSOID.a},${CGCS2000_ELLIPSOID.inverseFlattening}`);
    // The spheroid geography uses for 4490: the same a, b as ours.
    const s = await t.db.query<{ a: number }>(
      "SELECT ST_Area(ST_GeomFromText('POLYGON((104 30.6,104.01 30.6,104.01 30.61,104 30.61,104 30.6))', 4490)::geography) AS a",
    );
    const ours = ellipsoidalArea([
      [
        [104, 30.6],
        [104.01, 30.6],
        [104.01, 30.61],
        [104, 30.61],
      ],
    ]);
    expect(Math.abs((s.rows[0]?.a ?? 0) - ours)).toBeLessThan(1e-6);
  });

  it("has all 64 Gauss–Krüger zones 4491–4554 with our proj4 definitions", async () => {
    const r = await t.db.query<{ srid: number; proj4text: string }>(
      "SELECT srid, proj4text FROM spatial_ref_sys WHERE srid BETWEEN 4491 AND 4554 ORDER BY srid",
    );
    expect(r.rows).toHaveLength(64);
    for (const row of r.rows) expect(proj4Definition(row.srid), `EPSG:${row.srid}`).toBe(row.proj4text.trim());
  });

  for (const f of parcels.features) {
    const name = f.properties.name;
    const rings = f.geometry.coordinates;

    it(`${name}: ellipsoidalArea = ST_Area(geom::geography) within 0.01 m²`, async () => {
      const r = await t.db.query<{ a: number }>(`SELECT ST_Area(${GEOM}::geography, true) AS a`, [geojson(rings)]);
      const d = Math.abs(ellipsoidalArea(rings) - (r.rows[0]?.a ?? Number.NaN));
      worst.ellipsoidalArea = Math.max(worst.ellipsoidalArea, d);
      expect(d).toBeLessThan(AREA_TOLERANCE_M2);
    });

    for (const epsg of f.properties.planeEpsg) {
      it(`${name}: planeArea(toPlane(…)) = ST_Area(ST_Transform(geom, ${epsg})) within 0.01 m², vertices within 1 mm`, async () => {
        const spec = zoneFromEpsg(epsg);
        const plane = ringsToPlane(rings, spec);
        const a = await t.db.query<{ a: number }>(`SELECT ST_Area(ST_Transform(${GEOM}, $2::int)) AS a`, [geojson(rings), epsg]);
        const dArea = Math.abs(planeArea(plane) - (a.rows[0]?.a ?? Number.NaN));
        worst.planeArea = Math.max(worst.planeArea, dArea);
        expect(dArea).toBeLessThan(AREA_TOLERANCE_M2);

        const pts = await t.db.query<{ e: number; n: number }>(
          `SELECT ST_X((d).geom) AS e, ST_Y((d).geom) AS n
             FROM (SELECT ST_DumpPoints(ST_Transform(${GEOM}, $2::int)) AS d) s ORDER BY (d).path`,
          [geojson(rings), epsg],
        );
        const ours = rings.flatMap((ring) => toPlane(ring, spec));
        expect(pts.rows).toHaveLength(ours.length);
        ours.forEach((p, i) => {
          const row = pts.rows[i];
          const d = Math.max(Math.abs(p.y - (row?.e ?? Number.NaN)), Math.abs(p.x - (row?.n ?? Number.NaN)));
          worst.toPlane = Math.max(worst.toPlane, d);
          expect(d).toBeLessThan(COORD_TOLERANCE_M);
        });
      });
    }
  }

  for (const parcel of survey.parcels) {
    it(`${parcel.name}: planeArea on the file's coordinates = ST_Area in EPSG:${parcel.epsg}; toGeographic = ST_Transform(…, 4490)`, async () => {
      const wkt = polygonWkt(parcel.rings);
      const a = await t.db.query<{ a: number }>("SELECT ST_Area(ST_GeomFromText($1::text, $2::int)) AS a", [wkt, parcel.epsg]);
      const dArea = Math.abs(planeArea(parcel.rings) - (a.rows[0]?.a ?? Number.NaN));
      worst.surveyPlaneArea = Math.max(worst.surveyPlaneArea, dArea);
      expect(dArea).toBeLessThan(AREA_TOLERANCE_M2);

      const pts = await t.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X((d).geom) AS lon, ST_Y((d).geom) AS lat
           FROM (SELECT ST_DumpPoints(ST_Transform(ST_GeomFromText($1::text, $2::int), 4490)) AS d) s ORDER BY (d).path`,
        [wkt, parcel.epsg],
      );
      // PostGIS closes each ring; ours are open in the file.
      const ours = ringsToGeographic(parcel.rings, zoneFromEpsg(parcel.epsg)).flatMap((r) => [...r, r[0] as [number, number]]);
      expect(pts.rows).toHaveLength(ours.length);
      ours.forEach(([lon, lat], i) => {
        const row = pts.rows[i];
        const d = Math.max(Math.abs(lon - (row?.lon ?? Number.NaN)), Math.abs(lat - (row?.lat ?? Number.NaN)));
        worst.toGeographic = Math.max(worst.toGeographic, d);
        expect(d).toBeLessThan(DEGREE_TOLERANCE);
      });
    });
  }

  it("matches the recorded oracle (parcels-chengdu.postgis.json) within 0.01 m²", async () => {
    const live: ParcelOracle["parcels"] = {};
    for (const f of parcels.features) {
      const g = geojson(f.geometry.coordinates);
      const e = await t.db.query<{ a: number }>(`SELECT ST_Area(${GEOM}::geography, true) AS a`, [g]);
      const planes: Record<string, number> = {};
      for (const epsg of f.properties.planeEpsg) {
        const p = await t.db.query<{ a: number }>(`SELECT ST_Area(ST_Transform(${GEOM}, $2::int)) AS a`, [g, epsg]);
        planes[String(epsg)] = p.rows[0]?.a ?? Number.NaN;
      }
      live[f.properties.name] = { ellipsoidalArea: e.rows[0]?.a ?? Number.NaN, planeArea: planes };
    }
    if (process.env.UPDATE_CRS_FIXTURES === "1") {
      const v = await t.db.query<{ v: string }>("SELECT postgis_full_version() AS v");
      const version = v.rows[0]?.v ?? "";
      const recordedWith = [/POSTGIS="([^"]+)"/, /PROJ="([^ "]+)/].map((re) => version.match(re)?.[1] ?? "?");
      writeFixture(PARCELS_ORACLE, {
        description: "PostGIS results for parcels-chengdu.in.json: ST_Area(geom::geography) and ST_Area(ST_Transform(geom, epsg)), m².",
        recordedWith: `PostGIS ${recordedWith[0]}, PROJ ${recordedWith[1]} (${testBackend()})`,
        parcels: live,
      } satisfies ParcelOracle & { description: string });
    }
    const recorded = readFixture<ParcelOracle>(PARCELS_ORACLE);
    for (const f of parcels.features) {
      const name = f.properties.name;
      const rec = recorded.parcels[name];
      const now = live[name];
      expect(rec, name).toBeDefined();
      if (!rec || !now) continue;
      const rings = f.geometry.coordinates;
      expect(Math.abs(rec.ellipsoidalArea - now.ellipsoidalArea)).toBeLessThan(AREA_TOLERANCE_M2);
      expect(Math.abs(rec.ellipsoidalArea - ellipsoidalArea(rings))).toBeLessThan(AREA_TOLERANCE_M2);
      for (const epsg of f.properties.planeEpsg) {
        const r = rec.planeArea[String(epsg)] ?? Number.NaN;
        expect(Math.abs(r - (now.planeArea[String(epsg)] ?? Number.NaN))).toBeLessThan(AREA_TOLERANCE_M2);
        expect(Math.abs(r - planeArea(ringsToPlane(rings, zoneFromEpsg(epsg))))).toBeLessThan(AREA_TOLERANCE_M2);
      }
    }
  });
});
