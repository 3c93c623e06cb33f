import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/env.ts";
import { migrate } from "./migrate.ts";
import { openDatabase } from "./open.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";
import type { Db, Queryable } from "./types.ts";

/**
 * The same migrations must have the same effect on PostgreSQL + PostGIS and on embedded
 * PGlite + PostGIS: same tables, columns, constraints, indexes, triggers, geometry columns, and
 * the PostGIS functions the code relies on giving the same answers. Needs both backends, so it
 * runs in the PostgreSQL pass (TEST_DATABASE_URL set); the embedded-only pass skips it.
 * Not used, on purpose: ST_AsMVT/ST_AsMVTGeom — PGlite's PostGIS is built without protobuf-c and
 * raises "Compiled without protobuf-c support", so maps are served as GeoJSON (see onemap/).
 */
const POSTGIS_FUNCTIONS_USED = [
  "st_area",
  "st_transform",
  "st_geomfromtext",
  "st_geomfromgeojson",
  "st_asgeojson",
  "st_isvalid",
  "st_isvalidreason",
  "st_makevalid",
  "st_intersects",
  "st_intersection",
  "st_union",
  "st_buffer",
  "st_simplifypreservetopology",
  "st_makeenvelope",
  "st_multi",
  "st_srid",
];

async function fingerprint(q: Queryable): Promise<Record<string, unknown>> {
  const rows = async (sql: string) => (await q.query(sql)).rows;
  return {
    columns: await rows(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'spatial_ref_sys'
      ORDER BY table_name, ordinal_position`),
    constraints: await rows(`SELECT c.conrelid::regclass::text AS tbl, c.conname, c.contype, pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      -- NOT NULL as a constraint row exists only in newer PostgreSQL (PGlite); is_nullable covers it.
      WHERE n.nspname = 'public' AND c.contype <> 'n' AND c.conrelid::regclass::text <> 'spatial_ref_sys' ORDER BY 1, 2`),
    indexes: await rows(`SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys' ORDER BY tablename, indexname`),
    triggers: await rows(`SELECT event_object_table, trigger_name, event_manipulation, action_timing, action_statement
      FROM information_schema.triggers WHERE trigger_schema = 'public' ORDER BY 1, 2, 3`),
    geometryColumns: await rows(`SELECT f_table_name, f_geometry_column, coord_dimension, srid, type
      FROM geometry_columns WHERE f_table_schema = 'public' ORDER BY 1, 2`),
    functions: await rows(`SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      -- NOT NULL as a constraint row exists only in newer PostgreSQL (PGlite); is_nullable covers it.
      WHERE n.nspname = 'public' AND p.proname = ANY(ARRAY['${POSTGIS_FUNCTIONS_USED.join("','")}']) GROUP BY p.proname ORDER BY p.proname`),
  };
}

/** A 勘测定界-sized parcel near 成都 (EPSG:4490): plane area in GK CM 102E/105E, ellipsoidal area, validity. */
async function spatialAnswers(q: Queryable) {
  const r = await q.query<Record<string, number | string | boolean>>(`
    WITH p AS (SELECT ST_GeomFromText('POLYGON((104.05 30.65, 104.06 30.65, 104.06 30.66, 104.05 30.66, 104.05 30.65))', 4490) AS g)
    SELECT ST_Area(ST_Transform(g, 4543)) AS plane_102,
           ST_Area(ST_Transform(g, 4544)) AS plane_105,
           ST_Area(g::geography) AS ellipsoidal,
           ST_IsValid(ST_GeomFromText('POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))')) AS bowtie_valid,
           ST_X(ST_Transform(ST_SetSRID(ST_MakePoint(104.06, 30.67), 4490), 4523)) AS x_zone35
      FROM p`);
  return r.rows[0] ?? {};
}

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("PostgreSQL and embedded PGlite after the same migrations", () => {
  let server: TestDatabase;
  let embedded: Db;
  beforeAll(async () => {
    server = await createTestDatabase();
    embedded = await openDatabase(loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: "memory://" }));
    await migrate(embedded);
  });
  afterAll(async () => {
    await server?.drop();
    await embedded?.close();
  });

  it("have identical schemas", async () => {
    const a = await fingerprint(server.db);
    const b = await fingerprint(embedded);
    expect((a.columns as unknown[]).length).toBeGreaterThan(10);
    expect(b).toEqual(a);
  });

  it("have every PostGIS function the code uses", async () => {
    const fns = (await fingerprint(embedded)).functions as { proname: string }[];
    expect(fns.map((f) => f.proname)).toEqual([...POSTGIS_FUNCTIONS_USED].sort());
  });

  it("give the same spatial answers (within a square centimetre: PROJ versions differ in the last digits)", async () => {
    const a = await spatialAnswers(server.db);
    const b = await spatialAnswers(embedded);
    expect(b.bowtie_valid).toBe(false);
    expect(a.bowtie_valid).toBe(false);
    for (const key of ["plane_102", "plane_105", "ellipsoidal", "x_zone35"]) {
      expect(Math.abs(Number(b[key]) - Number(a[key]))).toBeLessThan(1e-4);
    }
    // ~0.01° × 0.01° at 30.65°N is about 1.03 km²: a sanity bound on the numbers themselves.
    expect(Number(a.ellipsoidal)).toBeGreaterThan(1.0e6);
    expect(Number(a.ellipsoidal)).toBeLessThan(1.1e6);
  });
});
