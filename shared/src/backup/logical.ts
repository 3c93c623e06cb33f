import type { Queryable } from "../db/types.ts";
import type { TableDef } from "../standard/model/types.ts";

/**
 * Rows of one table as JSON text, in primary-key order, with values that survive the round trip
 * exactly on both backends: geometry as hex EWKB (PostGIS reads it back as is), numeric as text
 * (no float rounding), timestamps with microseconds, jsonb as JSON.
 */
export function selectSql(table: TableDef): string {
  const cols = table.fields.map((f) => {
    if (f.type.kind === "geometry") return `encode(ST_AsEWKB(${f.name}), 'hex') AS ${f.name}`;
    if (f.type.kind === "numeric") return `${f.name}::text AS ${f.name}`;
    return f.name;
  });
  return `SELECT row_to_json(x)::text AS row FROM (SELECT ${cols.join(", ")} FROM ${table.name} ORDER BY ${table.primaryKey.join(", ")}) x`;
}

export async function readRows(q: Queryable, table: TableDef): Promise<string[]> {
  const r = await q.query<{ row: string }>(selectSql(table));
  return r.rows.map((x) => x.row);
}

/** Inserts rows produced by readRows; the database parses every value with its own input functions. */
export async function writeRows(q: Queryable, table: TableDef, rows: readonly string[], chunk = 2000): Promise<void> {
  const columns = table.fields.map((f) => f.name).join(", ");
  for (let i = 0; i < rows.length; i += chunk) {
    const part = `[${rows.slice(i, i + chunk).join(",")}]`;
    await q.query(`INSERT INTO ${table.name} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${table.name}, $1::json)`, [
      part,
    ]);
  }
}

/** After explicit ids were inserted, serial columns must continue after the highest one. */
export async function resetSequences(q: Queryable, table: TableDef): Promise<void> {
  for (const f of table.fields.filter((x) => x.type.kind === "serial")) {
    await q.query(
      `SELECT setval(pg_get_serial_sequence('${table.name}', '${f.name}'), coalesce((SELECT max(${f.name}) FROM ${table.name}), 0) + 1, false)`,
    );
  }
}
