import { LAND_VERSION } from "../version.ts";
import { migrationStatus } from "./migrate.ts";
import type { Db } from "./types.ts";

export interface Health {
  ok: boolean;
  version: string;
  db: { reachable: boolean; kind: string; postgis: string | null; error?: string };
  migrations: { current: boolean; applied: number; pending: string[] };
}

export async function checkHealth(db: Db, migrationsDir?: string): Promise<Health> {
  const health: Health = {
    ok: false,
    version: LAND_VERSION,
    db: { reachable: false, kind: db.kind, postgis: null },
    migrations: { current: false, applied: 0, pending: [] },
  };
  try {
    await db.query("SELECT 1");
    health.db.reachable = true;
    const pg = await db.query<{ v: string | null }>("SELECT (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS v");
    health.db.postgis = pg.rows[0]?.v ?? null;
    const status = await migrationStatus(db, migrationsDir);
    health.migrations = { current: status.current, applied: status.applied.length, pending: status.pending };
  } catch (e) {
    health.db.error = (e as Error).message;
  }
  health.ok = health.db.reachable && health.db.postgis !== null && health.migrations.current;
  return health;
}
