/**
 * The 建库标准's table definitions: one description of every layer and table that drives the
 * database (migrations are checked against it), `prisma/schema.prisma` and the written standard
 * (docs/standard/建库标准.md). Field names are the database's; Chinese names are the standard's.
 */
export type FieldType =
  | { kind: "text" }
  | { kind: "varchar"; length: number }
  | { kind: "char"; length: number }
  | { kind: "integer" }
  | { kind: "bigint" }
  | { kind: "serial" }
  | { kind: "numeric"; precision: number; scale: number }
  | { kind: "boolean" }
  | { kind: "date" }
  | { kind: "timestamptz" }
  | { kind: "uuid" }
  | { kind: "jsonb" }
  | { kind: "text[]" }
  /** A full-text search vector (derived data: search indexes). */
  | { kind: "tsvector" }
  | { kind: "geometry"; geometry: "MultiPolygon" | "Polygon" | "Point" | "MultiLineString"; srid: number };

export interface FieldDef {
  name: string;
  nameZh: string;
  type: FieldType;
  required: boolean;
  /** SQL default expression, as written in the migration. */
  default?: string;
  /** Id of a code table in CODE_TABLES whose codes this field must take. */
  codeTable?: string;
  /** Foreign key: "table.column". */
  references?: string;
  /** On delete of the referenced row (default: refuse). */
  onDelete?: "cascade";
  /** An extra SQL CHECK on this column (formats, ranges). */
  check?: string;
  unit?: string;
  note?: string;
  /**
   * Personal or otherwise sensitive information (《个人信息保护法》): shown masked by default,
   * in clear only to authorised roles with an audit event; the note says how it is stored.
   */
  sensitive?: true;
}

export interface TableDef {
  name: string;
  nameZh: string;
  /** The subsystem (MISSION.md numbering) that owns the table. */
  subsystem:
    | "foundation"
    | "base"
    | "acquisition"
    | "quota"
    | "approval"
    | "supervision"
    | "disclosure"
    | "evaluation"
    | "archive"
    | "documents";
  description: string;
  fields: FieldDef[];
  primaryKey: string[];
  unique?: string[][];
  /** Ids of QUALITY_RULES that apply to this table. */
  qualityRules?: string[];
  /** Rows are never updated or deleted (enforced by a trigger). */
  appendOnly?: boolean;
  /**
   * Configuration whose default rows a migration writes: a restore replaces them with the
   * backup's rows instead of refusing a database that is not empty.
   */
  migrationDefaults?: true;
}

/** Field builders, so table files read like the standard's tables. */
type Opts = Partial<Pick<FieldDef, "default" | "codeTable" | "references" | "onDelete" | "check" | "unit" | "note" | "sensitive">> & {
  required?: boolean;
};
const make =
  (type: FieldType) =>
  (name: string, nameZh: string, opts: Opts = {}): FieldDef => ({ name, nameZh, type, required: opts.required ?? false, ...opts });

export const f = {
  text: make({ kind: "text" }),
  varchar: (length: number) => make({ kind: "varchar", length }),
  char: (length: number) => make({ kind: "char", length }),
  integer: make({ kind: "integer" }),
  bigint: make({ kind: "bigint" }),
  serial: make({ kind: "serial" }),
  numeric: (precision: number, scale: number) => make({ kind: "numeric", precision, scale }),
  boolean: make({ kind: "boolean" }),
  date: make({ kind: "date" }),
  timestamptz: make({ kind: "timestamptz" }),
  uuid: make({ kind: "uuid" }),
  jsonb: make({ kind: "jsonb" }),
  textArray: make({ kind: "text[]" }),
  tsvector: make({ kind: "tsvector" }),
  geometry: (geometry: "MultiPolygon" | "Polygon" | "Point" | "MultiLineString", srid = 4490) => make({ kind: "geometry", geometry, srid }),
};

/** Common columns, defined once. */
export const common = {
  id: () => f.uuid("id", "标识码", { required: true, default: "gen_random_uuid()" }),
  serialId: () => f.serial("id", "标识码", { required: true }),
  divisionCode: (nameZh = "行政区划代码") =>
    f.varchar(12)("division_code", nameZh, {
      required: true,
      references: "division.code",
      note: "GB/T 2260（县级 6 位，乡镇 9 位，村 12 位）；区县数据权限按此字段划分",
    }),
  batchId: (required = true) => f.uuid("batch_id", "批次标识码", { required, references: "batch.id" }),
  approvalDocId: (required = true) => f.uuid("approval_doc_id", "批准文件标识码", { required, references: "approval_doc.id" }),
  createdAt: () => f.timestamptz("created_at", "创建时间", { required: true, default: "now()" }),
  updatedAt: () => f.timestamptz("updated_at", "更新时间", { required: true, default: "now()" }),
  createdBy: () => f.varchar(64)("created_by", "创建人", { required: true }),
  geom: (required = true) => f.geometry("MultiPolygon")("geom", "图形", { required, note: "CGCS2000 地理坐标（EPSG:4490）" }),
};
