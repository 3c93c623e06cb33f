/**
 * PostGIS as an independent oracle for the areas read from every format's fixture:
 *   planeAreaM2       vs ST_Area(ST_Transform(geometry(4490), epsg))  — back to the zone's plane, shoelace there;
 *   ellipsoidalAreaM2 vs ST_Area(geometry(4490)::geography)           — geodesic area on the CGCS2000 ellipsoid.
 * Runs on embedded PGlite + PostGIS, or on the PostgreSQL named by TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testBackend } from "../../db/testing.ts";
import { readFixture, VALID_FIXTURES } from "./test-fixtures.ts";

const AREA_TOLERANCE_M2 = 0.01;
let t: TestDatabase;
const worst = { plane: 0, ellipsoidal: 0 };

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.drop();
  console.log(`[formats PostGIS oracle, ${testBackend()}] max |JS − PostGIS| m²: ${JSON.stringify(worst)}`);
});

const GEOM = "ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4490)";

describe(`areas of every format's fixture vs PostGIS (${testBackend()})`, () => {
  for (const name of VALID_FIXTURES) {
    it(`${name}: planeAreaM2 and ellipsoidalAreaM2 within ${AREA_TOLERANCE_M2} m²`, async () => {
      const r = await readFixture(name);
      expect(r.ok).toBe(true);
      expect(r.parcels.length).toBe(3);
      for (const p of r.parcels) {
        const res = await t.db.query<{ plane: number; ellipsoidal: number; valid: boolean }>(
          `SELECT ST_Area(ST_Transform(${GEOM}, $2::int)) AS plane, ST_Area(${GEOM}::geography) AS ellipsoidal, ST_IsValid(${GEOM}) AS valid`,
          [JSON.stringify(p.geometry), p.epsg],
        );
        const row = res.rows[0];
        const dPlane = Math.abs((p.planeAreaM2 ?? Number.NaN) - Number(row?.plane));
        const dEll = Math.abs((p.ellipsoidalAreaM2 ?? Number.NaN) - Number(row?.ellipsoidal));
        worst.plane = Math.max(worst.plane, dPlane);
        worst.ellipsoidal = Math.max(worst.ellipsoidal, dEll);
        expect(row?.valid, `${name} ${p.number} valid`).toBe(true);
        expect(dPlane, `${name} ${p.number} plane`).toBeLessThan(AREA_TOLERANCE_M2);
        expect(dEll, `${name} ${p.number} ellipsoidal`).toBeLessThan(AREA_TOLERANCE_M2);
      }
    });
  }
});
