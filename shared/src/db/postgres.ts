import pg from "pg";
import { AppError } from "../errors/app-error.ts";
import type { Db, Queryable, QueryResult } from "./types.ts";

// Dates and big numbers as strings would leak driver details into the domain: numeric stays
// string (exact decimals for areas), int8 becomes number when safe.
pg.types.setTypeParser(20, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

/** A node-postgres pool or client seen through the `Queryable` interface. */
export function wrapPg(client: pg.Pool | pg.PoolClient | pg.Client): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await client.query(sql, params as unknown[] | undefined);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

export interface PostgresOptions {
  url: string;
  max?: number;
  /** Extra options for the session, e.g. a search_path for isolated test schemas. */
  searchPath?: string;
}

export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    options: options.searchPath ? `-c search_path=${options.searchPath}` : undefined,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  try {
    await pool.query("select 1");
  } catch (e) {
    await pool.end().catch(() => {});
    throw new AppError("DB_UNREACHABLE", `cannot connect to PostgreSQL: ${(e as Error).message}`, {
      messageZh: `无法连接 PostgreSQL（${redact(options.url)}）：${(e as Error).message}`,
      cause: e,
    });
  }
  const base = wrapPg(pool);
  return {
    kind: "postgres",
    query: base.query,
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(wrapPg(client));
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Connection strings may carry passwords: never print them. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
