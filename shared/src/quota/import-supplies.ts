/**
 * Use case: import 供地 records (from the CSV/Excel template or an API) and match each to an approved
 * parcel — by parcel id, by 批次编号 + 地块编号, or spatially (the approved parcel its geometry overlaps
 * most). Every row is checked first and all problems are reported at once; with any problem nothing
 * is imported (clerks fix the file and import it again). One transaction, one audit event.
 */
import { z } from "zod";
import { actorSchema, isoDate, parseInput } from "../approval/common.ts";
import type { Db, Queryable } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { MODEL_CODE_TABLES } from "../standard/model/model-codes.ts";

const SUPPLY_KINDS = MODEL_CODE_TABLES.find((t) => t.id === "supplyKind")?.entries ?? [];

/** 供地方式 as a code (transfer) or as clerks write it (出让). */
const supplyKind = z
  .string()
  .trim()
  .transform((v) => SUPPLY_KINDS.find((k) => k.code === v || k.name === v)?.code ?? v)
  .refine((v) => SUPPLY_KINDS.some((k) => k.code === v), `供地方式应为 ${SUPPLY_KINDS.map((k) => k.name).join("、")}`);

export const supplyRowSchema = z.object({
  contractNo: z.string().trim().min(1).max(60),
  supplyKind,
  suppliedOn: isoDate,
  areaHa: z.number().positive().max(1e5),
  agreedStartOn: isoDate.optional(),
  actualStartOn: isoDate.optional(),
  parcelId: z.uuid().optional(),
  batchNo: z.string().trim().min(1).max(60).optional(),
  parcelNo: z.string().trim().min(1).max(40).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** GeoJSON (Multi)Polygon in CGCS2000 geographic coordinates. */
  geometry: z.record(z.string(), z.unknown()).optional(),
});

const schema = z.object({ rows: z.array(z.unknown()).min(1).max(20_000), actor: actorSchema });

export type SupplyRow = z.input<typeof supplyRowSchema>;
export type ImportSuppliesOptions = { rows: unknown[]; actor: string };

export interface SupplyImportProblem {
  /** 1-based row number in the file (after the header). */
  row: number;
  field: string;
  messageZh: string;
}

export interface ImportSuppliesResult {
  imported: number;
  matchedById: number;
  matchedSpatially: number;
  unmatched: number;
}

interface Match {
  parcelId: string | null;
  divisionCode: string | null;
  how: "id" | "spatial" | "none";
}

async function matchRow(q: Queryable, r: z.output<typeof supplyRowSchema>): Promise<Match> {
  const approved = "b.state IN ('approved', 'implementing', 'completed')";
  if (r.parcelId) {
    const x = await q.query<{ id: string; division_code: string }>(
      `SELECT p.id, p.division_code FROM parcel p JOIN batch b ON b.id = p.batch_id WHERE p.id = $1 AND ${approved}`,
      [r.parcelId],
    );
    return x.rows[0]
      ? { parcelId: x.rows[0].id, divisionCode: x.rows[0].division_code, how: "id" }
      : { parcelId: null, divisionCode: null, how: "none" };
  }
  if (r.batchNo && r.parcelNo) {
    const x = await q.query<{ id: string; division_code: string }>(
      `SELECT p.id, p.division_code FROM parcel p JOIN batch b ON b.id = p.batch_id WHERE b.batch_no = $1 AND p.parcel_no = $2 AND ${approved}`,
      [r.batchNo, r.parcelNo],
    );
    if (x.rows[0]) return { parcelId: x.rows[0].id, divisionCode: x.rows[0].division_code, how: "id" };
  }
  if (r.geometry) {
    const x = await q.query<{ id: string; division_code: string }>(
      `WITH g AS (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)) AS geom)
       SELECT p.id, p.division_code FROM parcel p JOIN batch b ON b.id = p.batch_id, g
       WHERE ${approved} AND p.geom && g.geom AND ST_Intersects(p.geom, g.geom)
       ORDER BY ST_Area(ST_Intersection(p.geom, g.geom)) DESC LIMIT 1`,
      [JSON.stringify(r.geometry)],
    );
    if (x.rows[0]) return { parcelId: x.rows[0].id, divisionCode: x.rows[0].division_code, how: "spatial" };
  }
  return { parcelId: null, divisionCode: null, how: "none" };
}

export async function importSupplies(db: Db, options: ImportSuppliesOptions): Promise<ImportSuppliesResult> {
  const o = parseInput("importSupplies", schema, options);
  const problems: SupplyImportProblem[] = [];
  const rows: z.output<typeof supplyRowSchema>[] = [];
  const seen = new Set<string>();
  o.rows.forEach((raw, i) => {
    const p = supplyRowSchema.safeParse(raw);
    if (!p.success) {
      for (const issue of p.error.issues) problems.push({ row: i + 1, field: issue.path.join("."), messageZh: issue.message });
      return;
    }
    if (seen.has(p.data.contractNo)) problems.push({ row: i + 1, field: "contractNo", messageZh: `合同编号重复：${p.data.contractNo}` });
    if (p.data.agreedStartOn && p.data.agreedStartOn < p.data.suppliedOn) {
      problems.push({ row: i + 1, field: "agreedStartOn", messageZh: "约定开工日期早于供地日期" });
    }
    seen.add(p.data.contractNo);
    rows.push(p.data);
  });
  return db.transaction(async (tx) => {
    const result: ImportSuppliesResult = { imported: 0, matchedById: 0, matchedSpatially: 0, unmatched: 0 };
    const matched: { row: z.output<typeof supplyRowSchema>; m: Match }[] = [];
    if (problems.length === 0) {
      for (const [i, row] of rows.entries()) {
        const dup = await tx.query("SELECT 1 FROM land_supply WHERE contract_no = $1", [row.contractNo]);
        if (dup.rows.length > 0) problems.push({ row: i + 1, field: "contractNo", messageZh: `合同编号已导入：${row.contractNo}` });
        const m = await matchRow(tx, row);
        if (m.how === "none" && (row.parcelId || (row.batchNo && row.parcelNo))) {
          problems.push({ row: i + 1, field: row.parcelId ? "parcelId" : "parcelNo", messageZh: "未找到对应的已批地块" });
        }
        if (!m.divisionCode && !row.divisionCode)
          problems.push({ row: i + 1, field: "divisionCode", messageZh: "未匹配到已批地块，须填写行政区划代码" });
        matched.push({ row, m });
      }
    }
    if (problems.length > 0) {
      throw new AppError("VALIDATION_FAILED", `supply import: ${problems.length} problem(s)`, {
        messageZh: `供地数据有 ${problems.length} 处问题，未导入任何记录（第 ${problems[0]?.row} 行：${problems[0]?.messageZh}）`,
        location: { field: problems[0]?.field ?? "", row: problems[0]?.row ?? 0 },
        details: problems,
      });
    }
    for (const { row, m } of matched) {
      await tx.query(
        `INSERT INTO land_supply (parcel_id, supply_kind, contract_no, supplied_on, area_ha, agreed_start_on, actual_start_on, division_code, geom)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
                 CASE WHEN $9::text IS NULL THEN NULL ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($9), 4490)) END)`,
        [
          m.parcelId,
          row.supplyKind,
          row.contractNo,
          row.suppliedOn,
          row.areaHa.toFixed(4),
          row.agreedStartOn ?? null,
          row.actualStartOn ?? null,
          m.divisionCode ?? row.divisionCode,
          row.geometry ? JSON.stringify(row.geometry) : null,
        ],
      );
      result.imported += 1;
      if (m.how === "id") result.matchedById += 1;
      else if (m.how === "spatial") result.matchedSpatially += 1;
      else result.unmatched += 1;
    }
    await appendAudit(tx, {
      actor: o.actor,
      action: "supply.import",
      entity: "land_supply",
      entityId: rows[0]?.contractNo ?? "",
      detail: { ...result, contracts: rows.map((r) => r.contractNo).slice(0, 200) },
    });
    return result;
  });
}

/** The import template's columns: header (as clerks see it) → row field. */
export const SUPPLY_TEMPLATE_COLUMNS = [
  ["合同编号", "contractNo"],
  ["供地方式", "supplyKind"],
  ["供地日期", "suppliedOn"],
  ["供地面积（公顷）", "areaHa"],
  ["约定开工日期", "agreedStartOn"],
  ["实际开工日期", "actualStartOn"],
  ["地块标识码", "parcelId"],
  ["批次编号", "batchNo"],
  ["地块编号", "parcelNo"],
  ["行政区划代码", "divisionCode"],
  ["图形（GeoJSON）", "geometry"],
] as const;

/** Parses the CSV template (UTF-8, optional BOM, RFC 4180 quoting) into rows for importSupplies. */
export function parseSupplyCsv(text: string): Record<string, unknown>[] {
  const records = parseCsv(text.replace(/^\uFEFF/, ""));
  const header = records.shift() ?? [];
  const fields = header.map((h) => SUPPLY_TEMPLATE_COLUMNS.find(([zh, en]) => zh === h.trim() || en === h.trim())?.[1]);
  return records
    .filter((r) => r.some((c) => c.trim() !== ""))
    .map((r) => {
      const row: Record<string, unknown> = {};
      fields.forEach((f, i) => {
        const v = (r[i] ?? "").trim();
        if (!f || v === "") return;
        row[f] = f === "areaHa" ? Number(v) : f === "geometry" ? safeJson(v) : v;
      });
      return row;
    });
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    out.push(row);
  }
  return out;
}
