import path from "node:path";
import { PGlite, types } from "@electric-sql/pglite";
import { postgis } from "@electric-sql/pglite-postgis";
import { acquireDataDirLock } from "./lock.ts";
import type { Db, Queryable, QueryResult } from "./types.ts";

export interface EmbeddedOptions {
  /** Our data directory; PGlite's cluster lives in `<dataDir>/pg`. `memory://` for throwaway. */
  dataDir: string;
  command?: string;
}

// Same value shapes as the pg backend, so the domain never sees which one runs.
const parsers = {
  [types.INT8]: (v: string) => {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  },
  [types.NUMERIC]: (v: string) => v,
};

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

function wrap(pg: PgliteLike): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await pg.query<T>(sql, params as unknown[] | undefined);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await pg.exec(sql);
    },
  };
}

// The PGlite instance behind an embedded Db, for libraries that take one (pg-boss's fromPglite):
// they must share this one connection, a second opener would corrupt the data directory.
const instances = new WeakMap<Db, PGlite>();

export function pgliteOf(db: Db): PGlite | null {
  return instances.get(db) ?? null;
}

export async function openEmbedded(options: EmbeddedOptions): Promise<Db> {
  const inMemory = options.dataDir === "memory://";
  const lock = inMemory ? null : acquireDataDirLock(path.resolve(options.dataDir), options.command);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: inMemory ? undefined : path.join(path.resolve(options.dataDir), "pg"),
      extensions: { postgis },
      parsers,
    });
  } catch (e) {
    lock?.release();
    throw e;
  }
  const base = wrap(pglite as unknown as PgliteLike);
  const db: Db = {
    kind: "embedded",
    query: base.query,
    exec: base.exec,
    // PGlite is one connection: its transaction() holds an exclusive mutex, so other queries
    // of this process wait instead of landing inside someone else's transaction.
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pglite.transaction((tx) => fn(wrap(tx as unknown as PgliteLike)));
    },
    async close() {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
  instances.set(db, pglite);
  return db;
}
