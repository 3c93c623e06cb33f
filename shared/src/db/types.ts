/**
 * The one database interface both backends implement. Repositories take a `Queryable`, so the
 * same code runs inside or outside a transaction, on PostgreSQL or on embedded PGlite.
 */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Several statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

export type DbKind = "postgres" | "embedded";

export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Runs fn in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
