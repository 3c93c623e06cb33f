import type { FieldDef, FieldType, TableDef } from "./types.ts";

/**
 * DDL from the table definitions. Used to write a migration when the model changes (migrations
 * stay immutable files; the drift test then holds the database and the definitions together).
 */
export type CodeLookup = (codeTableId: string) => readonly string[];

export function sqlType(t: FieldType): string {
  switch (t.kind) {
    case "text":
    case "integer":
    case "bigint":
    case "boolean":
    case "date":
    case "timestamptz":
    case "uuid":
    case "jsonb":
    case "text[]":
    case "tsvector":
      return t.kind;
    case "serial":
      return "bigserial";
    case "varchar":
      return `varchar(${t.length})`;
    case "char":
      return `char(${t.length})`;
    case "numeric":
      return `numeric(${t.precision}, ${t.scale})`;
    case "geometry":
      return `geometry(${t.geometry}, ${t.srid})`;
  }
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

function columnSql(table: TableDef, field: FieldDef, codes: CodeLookup): string {
  const parts = [`  ${field.name.padEnd(22)} ${sqlType(field.type)}`];
  if (field.required && field.type.kind !== "serial") parts.push("NOT NULL");
  if (field.default !== undefined) parts.push(`DEFAULT ${field.default}`);
  if (field.references) {
    const [refTable, refColumn] = field.references.split(".");
    parts.push(`REFERENCES ${refTable} (${refColumn})${field.onDelete === "cascade" ? " ON DELETE CASCADE" : ""}`);
  }
  if (field.check) parts.push(`CONSTRAINT ${table.name}_${field.name}_check CHECK (${field.check})`);
  if (field.codeTable) {
    const list = codes(field.codeTable);
    if (list.length === 0) throw new Error(`code table ${field.codeTable} of ${table.name}.${field.name} is empty or unknown`);
    parts.push(`CONSTRAINT ${table.name}_${field.name}_code CHECK (${field.name} IN (${list.map(quote).join(", ")}))`);
  }
  return parts.join(" ");
}

export function createTableSql(table: TableDef, codes: CodeLookup): string {
  const lines = table.fields.map((fd) => columnSql(table, fd, codes));
  lines.push(`  PRIMARY KEY (${table.primaryKey.join(", ")})`);
  for (const u of table.unique ?? []) lines.push(`  UNIQUE (${u.join(", ")})`);
  const out = [`CREATE TABLE ${table.name} (\n${lines.join(",\n")}\n);`];
  for (const fd of table.fields) {
    if (fd.type.kind === "geometry") out.push(`CREATE INDEX ${table.name}_${fd.name}_gist ON ${table.name} USING gist (${fd.name});`);
    // Foreign keys are joined and filtered on constantly; PostgreSQL does not index them by itself.
    else if (fd.references && !table.primaryKey.includes(fd.name))
      out.push(`CREATE INDEX ${table.name}_${fd.name}_idx ON ${table.name} (${fd.name});`);
  }
  out.push(`COMMENT ON TABLE ${table.name} IS ${quote(`${table.nameZh}：${table.description}`)};`);
  for (const fd of table.fields) out.push(`COMMENT ON COLUMN ${table.name}.${fd.name} IS ${quote(fd.nameZh)};`);
  if (table.appendOnly) {
    out.push(
      `CREATE TRIGGER ${table.name}_append_only BEFORE UPDATE OR DELETE ON ${table.name} FOR EACH ROW EXECUTE FUNCTION refuse_change();`,
    );
  }
  return out.join("\n");
}

export function schemaSql(tables: readonly TableDef[], codes: CodeLookup): string {
  const head = `CREATE EXTENSION IF NOT EXISTS postgis;

-- Append-only tables (audit, versions, ledgers) refuse UPDATE and DELETE.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;`;
  return `${head}\n\n${tables.map((t) => createTableSql(t, codes)).join("\n\n")}\n`;
}
