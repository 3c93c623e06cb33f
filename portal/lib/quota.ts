/**
 * The quota dashboard's data: filters from the URL, the figures from @land/shared, and the table
 * definitions shared by the pages and the Excel export (so a table exports exactly as shown).
 */
import {
  ageBucketLabels,
  approvedNotSuppliedSummary,
  IDLE_ONLY,
  IDLE_STAGE_NAMES,
  IDLE_STAGES,
  listApprovedNotSupplied,
  listMovements,
  listSupplyStatus,
  QUOTA_KINDS,
  QUOTA_MOVEMENT_KINDS,
  type QuotaFigureName,
  quotaOverview,
  quotaTrend,
  topConsumers,
} from "@land/shared";
import { getLand } from "./land.ts";
import type { SearchParamsRecord } from "./table.ts";

export interface QuotaParams {
  year: number | undefined;
  divisionCode: string | undefined;
  quotaKind: string;
  asOf: string;
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export function parseQuotaParams(sp: SearchParamsRecord): QuotaParams {
  const year = Number(one(sp.year));
  const division = one(sp.division);
  const kind = one(sp.kind);
  const asOf = one(sp.asOf);
  return {
    year: Number.isInteger(year) && year >= 1999 && year <= 2100 ? year : undefined,
    divisionCode: division && /^\d{2,6}$/.test(division) ? division : undefined,
    quotaKind: QUOTA_KINDS.some((k) => k.code === kind) ? (kind as string) : "new_construction",
    asOf: asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : new Date().toISOString().slice(0, 10),
  };
}

export const FIGURES: { key: QuotaFigureName; label: string }[] = [
  { key: "allocated", label: "下达" },
  { key: "reserved", label: "预安排" },
  { key: "used", label: "已使用" },
  { key: "transferred", label: "调剂净额" },
  { key: "adjusted", label: "调整" },
  { key: "available", label: "可用余额" },
];

export const MOVEMENT_KIND_NAMES: Record<string, string> = Object.fromEntries(QUOTA_MOVEMENT_KINDS.map((k) => [k.code, k.name]));
export const QUOTA_KIND_NAMES: Record<string, string> = Object.fromEntries(QUOTA_KINDS.map((k) => [k.code, k.name]));

export async function loadDashboard(p: QuotaParams) {
  const { db } = getLand();
  const trend = await quotaTrend(db, { divisionCode: p.divisionCode, quotaKind: p.quotaKind });
  const year = p.year ?? trend[trend.length - 1]?.year ?? new Date().getFullYear();
  const [overview, top, unsupplied, supplies] = await Promise.all([
    quotaOverview(db, { year, divisionCode: p.divisionCode, quotaKind: p.quotaKind }),
    topConsumers(db, { year, divisionCode: p.divisionCode, quotaKind: p.quotaKind, limit: 10 }),
    approvedNotSuppliedSummary(db, { asOf: p.asOf, divisionCode: p.divisionCode }),
    listSupplyStatus(db, { asOf: p.asOf, divisionCode: p.divisionCode }),
  ]);
  const buckets = ageBucketLabels().map((label) => ({
    label,
    ha: round(unsupplied.filter((r) => r.bucket === label).reduce((s, r) => s + r.unsuppliedHa, 0)),
  }));
  const stages = IDLE_STAGES.map((s) => {
    const rows = supplies.filter((x) => x.stage === s.code);
    return { code: s.code, label: s.name, count: rows.length, ha: round(rows.reduce((a, r) => a + r.areaHa, 0)) };
  });
  return { year, trend, overview, top, buckets, stages };
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;

/** Map features: 批而未供 parcels and idle supplies, coloured by status. */
export async function loadMapFeatures(p: QuotaParams) {
  const { db } = getLand();
  const [unsupplied, idle] = await Promise.all([
    listApprovedNotSupplied(db, { asOf: p.asOf, divisionCode: p.divisionCode, withGeometry: true, limit: 300 }),
    listSupplyStatus(db, { asOf: p.asOf, divisionCode: p.divisionCode, stages: IDLE_ONLY, withGeometry: true }),
  ]);
  const features = [
    ...unsupplied
      .filter((u) => u.geometry)
      .map((u) => ({
        type: "Feature" as const,
        geometry: u.geometry as { type: string; coordinates: unknown },
        properties: { id: `p-${u.parcelId}`, name: u.parcelNo, status: u.overdue ? "批而未供（满两年）" : "批而未供", ref: u.batchNo },
      })),
    ...idle
      .filter((s) => s.geometry)
      .map((s) => ({
        type: "Feature" as const,
        geometry: s.geometry as { type: string; coordinates: unknown },
        properties: { id: `s-${s.supplyId}`, name: s.contractNo, status: IDLE_STAGE_NAMES[s.stage], ref: s.contractNo },
      })),
  ];
  return { type: "FeatureCollection" as const, features };
}

export const MAP_COLORS: Record<string, string> = {
  批而未供: "#2563eb",
  "批而未供（满两年）": "#7c3aed",
  [IDLE_STAGE_NAMES.idle_fee]: "#d97706",
  [IDLE_STAGE_NAMES.idle_reclaim]: "#dc2626",
  [IDLE_STAGE_NAMES.stalled]: "#be185d",
};

// ── tables (page + Excel) ─────────────────────────────────────────────────────────────────────

export interface TableDef {
  title: string;
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | null>[];
}

export async function movementsTable(
  p: QuotaParams & { figure?: QuotaFigureName | undefined; batchId?: string | undefined; limit: number; offset: number },
): Promise<TableDef & { total: number }> {
  const r = await listMovements(getLand().db, {
    year: p.year,
    divisionCode: p.divisionCode,
    quotaKind: p.quotaKind,
    ...(p.figure ? { figure: p.figure } : {}),
    ...(p.batchId ? { batchId: p.batchId } : {}),
    limit: p.limit,
    offset: p.offset,
  });
  return {
    title: "计划指标变动明细",
    total: r.total,
    columns: [
      { key: "id", label: "序号" },
      { key: "createdAt", label: "记账时间" },
      { key: "year", label: "指标年度" },
      { key: "divisionCode", label: "行政区划代码" },
      { key: "quotaKind", label: "指标类型" },
      { key: "kind", label: "变动类型" },
      { key: "amountHa", label: "变动面积（公顷）" },
      { key: "batchNo", label: "批次编号" },
      { key: "docRef", label: "依据文件" },
      { key: "reason", label: "事由" },
      { key: "createdBy", label: "记账人" },
    ],
    rows: r.rows.map((m) => ({
      id: m.id,
      createdAt: m.createdAt,
      year: m.year,
      divisionCode: m.divisionCode,
      quotaKind: QUOTA_KIND_NAMES[m.quotaKind] ?? m.quotaKind,
      kind: MOVEMENT_KIND_NAMES[m.kind] ?? m.kind,
      amountHa: m.amountHa.toFixed(4),
      batchNo: m.batchNo,
      docRef: m.docRef,
      reason: m.reason,
      createdBy: m.createdBy,
    })),
  };
}

export async function overviewTable(p: QuotaParams): Promise<TableDef> {
  const { overview, year } = await loadDashboard(p);
  return {
    title: `${year} 年度计划指标（${QUOTA_KIND_NAMES[p.quotaKind]}）`,
    columns: [{ key: "division", label: "区县" }, ...FIGURES.map((f) => ({ key: f.key, label: `${f.label}（公顷）` }))],
    rows: overview.map((r) => ({
      division: `${r.divisionName}（${r.divisionCode}）`,
      ...Object.fromEntries(FIGURES.map((f) => [f.key, r[f.key].toFixed(4)])),
    })),
  };
}

export async function unsuppliedTable(p: QuotaParams): Promise<TableDef> {
  const rows = await listApprovedNotSupplied(getLand().db, { asOf: p.asOf, divisionCode: p.divisionCode, year: p.year, limit: 20_000 });
  return {
    title: `批而未供土地（截至 ${p.asOf}）`,
    columns: [
      { key: "divisionCode", label: "行政区划代码" },
      { key: "batchNo", label: "批次编号" },
      { key: "parcelNo", label: "地块编号" },
      { key: "docNumber", label: "批准文号" },
      { key: "approvedOn", label: "批准日期" },
      { key: "areaHa", label: "批准面积（公顷）" },
      { key: "suppliedHa", label: "已供面积（公顷）" },
      { key: "unsuppliedHa", label: "未供面积（公顷）" },
      { key: "ageYears", label: "批后年限（年）" },
      { key: "bucket", label: "年限分段" },
      { key: "overdue", label: "满两年" },
    ],
    rows: rows.map((r) => ({ ...r, overdue: r.overdue ? "是" : "否", geometry: null })),
  };
}

export async function idleTable(p: QuotaParams): Promise<TableDef> {
  const rows = await listSupplyStatus(getLand().db, { asOf: p.asOf, divisionCode: p.divisionCode, year: p.year, stages: IDLE_ONLY });
  return {
    title: `闲置土地（截至 ${p.asOf}）`,
    columns: [
      { key: "divisionCode", label: "行政区划代码" },
      { key: "contractNo", label: "合同或划拨决定书编号" },
      { key: "suppliedOn", label: "供地日期" },
      { key: "areaHa", label: "供地面积（公顷）" },
      { key: "agreedStartOn", label: "约定开工日期" },
      { key: "actualStartOn", label: "实际开工日期" },
      { key: "developedAreaHa", label: "已开发面积（公顷）" },
      { key: "investedPercent", label: "已投资比例（%）" },
      { key: "stoppedSince", label: "中止开发起始" },
      { key: "stage", label: "闲置情形" },
    ],
    rows: rows.map((r) => ({ ...r, stage: IDLE_STAGE_NAMES[r.stage], geometry: null })),
  };
}

export async function topTable(p: QuotaParams): Promise<TableDef> {
  const { top, year } = await loadDashboard(p);
  return {
    title: `${year} 年度用指标最多的批次`,
    columns: [
      { key: "batchNo", label: "批次编号" },
      { key: "name", label: "批次名称" },
      { key: "divisionCode", label: "行政区划代码" },
      { key: "usedHa", label: "已使用（公顷）" },
    ],
    rows: top.map((t) => ({ ...t, usedHa: t.usedHa.toFixed(4) })),
  };
}
