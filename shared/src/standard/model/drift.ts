import type { Queryable } from "../../db/types.ts";
import type { CodeLookup } from "./sql.ts";
import type { FieldType, TableDef } from "./types.ts";

/**
 * Compares a migrated database with the standard's table definitions: tables, columns, types,
 * lengths, nullability, geometry type and SRID, foreign keys and the code-table constraints'
 * code lists. Every difference is one line a reviewer can act on; an empty list means agreement.
 */
export interface Drift {
  table: string;
  column?: string;
  problem: string;
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
}

function expectedUdt(t: FieldType): { udt: string; length?: number; precision?: number; scale?: number } {
  switch (t.kind) {
    case "text":
      return { udt: "text" };
    case "varchar":
      return { udt: "varchar", length: t.length };
    case "char":
      return { udt: "bpchar", length: t.length };
    case "integer":
      return { udt: "int4" };
    case "bigint":
    case "serial":
      return { udt: "int8" };
    case "numeric":
      return { udt: "numeric", precision: t.precision, scale: t.scale };
    case "boolean":
      return { udt: "bool" };
    case "text[]":
      return { udt: "_text" };
    default:
      return { udt: t.kind };
  }
}

export async function findDrift(
  q: Queryable,
  tables: readonly TableDef[],
  systemTables: readonly string[],
  codes: CodeLookup,
): Promise<Drift[]> {
  const drift: Drift[] = [];
  const cols = (
    await q.query<ColumnRow>(
      `SELECT table_name, column_name, udt_name, is_nullable, character_maximum_length, numeric_precision, numeric_scale
         FROM information_schema.columns
        WHERE table_schema = current_schema()
          AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
        ORDER BY table_name, ordinal_position`,
    )
  ).rows.filter((c) => !systemTables.includes(c.table_name));
  const geoms = (
    await q.query<{ t: string; c: string; type: string; srid: number }>(
      "SELECT f_table_name AS t, f_geometry_column AS c, type, srid FROM geometry_columns WHERE f_table_schema = current_schema()",
    )
  ).rows;
  const constraints = (
    await q.query<{ tbl: string; name: string; type: string; def: string }>(
      `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema()`,
    )
  ).rows;

  const defined = new Map(tables.map((t) => [t.name, t]));
  const dbTables = new Set(cols.map((c) => c.table_name));
  for (const name of dbTables)
    if (!defined.has(name)) drift.push({ table: name, problem: "数据库中存在，标准未定义 (table not in the standard)" });

  for (const table of tables) {
    if (!dbTables.has(table.name)) {
      drift.push({ table: table.name, problem: "标准已定义，数据库中不存在 (table missing in the database)" });
      continue;
    }
    const dbCols = new Map(cols.filter((c) => c.table_name === table.name).map((c) => [c.column_name, c]));
    for (const name of dbCols.keys()) {
      if (!table.fields.some((fd) => fd.name === name))
        drift.push({ table: table.name, column: name, problem: "字段未在标准中定义 (column not in the standard)" });
    }
    for (const field of table.fields) {
      const col = dbCols.get(field.name);
      if (!col) {
        drift.push({ table: table.name, column: field.name, problem: "标准定义的字段在数据库中不存在 (column missing)" });
        continue;
      }
      const want = expectedUdt(field.type);
      const got = `${col.udt_name}${col.character_maximum_length ? `(${col.character_maximum_length})` : ""}${col.udt_name === "numeric" ? `(${col.numeric_precision},${col.numeric_scale})` : ""}`;
      const expected = `${want.udt}${want.length ? `(${want.length})` : ""}${want.udt === "numeric" ? `(${want.precision},${want.scale})` : ""}`;
      if (got !== expected) drift.push({ table: table.name, column: field.name, problem: `类型不符：数据库 ${got}，标准 ${expected}` });
      const required = field.required || table.primaryKey.includes(field.name);
      if ((col.is_nullable === "NO") !== required)
        drift.push({
          table: table.name,
          column: field.name,
          problem: `必填不符：数据库 ${col.is_nullable === "NO" ? "NOT NULL" : "可空"}，标准 ${required ? "必填" : "可空"}`,
        });
      if (field.type.kind === "geometry") {
        const g = geoms.find((x) => x.t === table.name && x.c === field.name);
        if (!g || g.type.toUpperCase() !== field.type.geometry.toUpperCase() || Number(g.srid) !== field.type.srid) {
          drift.push({
            table: table.name,
            column: field.name,
            problem: `几何类型不符：数据库 ${g ? `${g.type}/${g.srid}` : "无"}，标准 ${field.type.geometry}/${field.type.srid}`,
          });
        }
      }
      const tableConstraints = constraints.filter((c) => c.tbl === table.name);
      if (field.references) {
        const [refTable, refCol] = field.references.split(".");
        const fk = tableConstraints.find((c) => c.type === "f" && c.def.startsWith(`FOREIGN KEY (${field.name})`));
        if (!fk?.def.includes(`REFERENCES ${refTable}(${refCol})`))
          drift.push({ table: table.name, column: field.name, problem: `缺少外键 → ${field.references}` });
      }
      if (field.codeTable) {
        const check = tableConstraints.find((c) => c.name === `${table.name}_${field.name}_code`);
        const inDb = new Set([...(check?.def ?? "").matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? "").replace(/''/g, "'")));
        const inStandard = new Set(codes(field.codeTable));
        const missing = [...inStandard].filter((c) => !inDb.has(c));
        const extra = [...inDb].filter((c) => !inStandard.has(c));
        if (!check) drift.push({ table: table.name, column: field.name, problem: `缺少代码表约束（${field.codeTable}）` });
        else if (missing.length || extra.length) {
          drift.push({
            table: table.name,
            column: field.name,
            problem: `代码表约束与代码表 ${field.codeTable} 不符：缺 ${missing.join(",") || "无"}；多 ${extra.join(",") || "无"}`,
          });
        }
      }
    }
  }
  return drift;
}
