import { randomBytes } from "node:crypto";
import { loadConfig } from "../config/env.ts";
import { migrate } from "./migrate.ts";
import { openDatabase } from "./open.ts";
import { openPostgres } from "./postgres.ts";
import type { Db } from "./types.ts";

/**
 * A database of its own for one test file: a fresh PostgreSQL database on the server named by
 * TEST_DATABASE_URL, else a throwaway in-memory PGlite + PostGIS. Migrated unless told not to.
 */
export interface TestDatabase {
  db: Db;
  /** Connection string of the test database (PostgreSQL only). */
  url: string | null;
  drop(): Promise<void>;
}

export function testBackend(): "postgres" | "embedded" {
  return process.env.TEST_DATABASE_URL ? "postgres" : "embedded";
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let result: TestDatabase;
  if (serverUrl) {
    const name = `land_t_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = await openPostgres({ url: serverUrl, max: 1 });
    await admin.exec(`CREATE DATABASE ${name}`);
    await admin.close();
    const url = withDatabase(serverUrl, name);
    const db = await openDatabase(loadConfig({ NODE_ENV: "test", DATABASE_URL: url }), { max: 4 });
    result = {
      db,
      url,
      async drop() {
        await db.close();
        const a = await openPostgres({ url: serverUrl, max: 1 });
        await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.close();
      },
    };
  } else {
    const db = await openDatabase(loadConfig({ NODE_ENV: "test", LAND_DATA_DIR: "memory://" }));
    result = { db, url: null, drop: () => db.close() };
  }
  if (options.migrate !== false) await migrate(result.db);
  return result;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
