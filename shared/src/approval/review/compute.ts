/**
 * The review computation of one batch, read-only: overlay with 地类图斑 → 土地分类面积汇总表, overlaps
 * with the control lines, approved parcels and supplied land, the declared-table comparison, the
 * 批准机关 and the findings. run-review.ts stores it as a version; the bench times it alone.
 *
 * Area basis (as importBoundarySurvey / parcel_class_area): shares are measured on the CGCS2000
 * spheroid and scaled by the parcel's plane / ellipsoidal area, so the class table adds up to the
 * 勘测定界 plane area. A parcel covered by 图斑 to within 0.1 % is taken as fully covered (shares scaled
 * to its plane area: the gap is coordinate rounding, not missing land); a larger gap is reported.
 */
import type { Queryable } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { CONTROL_LINE_KINDS } from "../../standard/codes/index.ts";
import { figures, ROUNDING_RULE_ZH } from "./areas.ts";
import { decideAuthority } from "./authority.ts";
import { buildClassTable, isCultivated, type PlaneShare } from "./class-table.ts";
import { compareDeclared, type DeclaredArea } from "./declared.ts";
import { mismatchFindings, OVERLAP_FINDING_CODES, overlapMessage, overlapSeverity } from "./findings.ts";
import {
  type ParcelRow,
  selectControlLineKinds,
  selectControlLineSources,
  selectDivisionNames,
  selectOverlaps,
  selectParcels,
  selectShares,
} from "./repository.ts";
import type { ReviewFinding, ReviewOverlap, ReviewParcel, ReviewReport } from "./types.ts";

export type ReviewBody = Omit<ReviewReport, "reviewId" | "version" | "createdAt" | "createdBy">;

export interface ReviewedBatch {
  id: string;
  batch_no: string;
  name: string;
  land_use_type: string;
  division_code: string;
}

export interface ComputeReviewOptions {
  /** Declared 土地分类面积 by 地类; default: the parcels' declared areas by their 地类编码. */
  declared?: readonly DeclaredArea[] | undefined;
  /** Allowed relative difference between declared and computed areas (0.01 = 1 %). */
  tolerance: number;
  /** Overlaps smaller than this (m², plane basis) are boundary noise from coordinate rounding. */
  minOverlapM2: number;
}

const COVERAGE_TOLERANCE = 0.001;
const SEVERITY_ORDER = { blocking: 0, warning: 1, info: 2 } as const;

type Geometry = ReviewParcel["geometry"];

function defaultDeclared(parcels: readonly ParcelRow[]): { rows: DeclaredArea[]; totalM2: number } {
  const rows: DeclaredArea[] = [];
  let totalM2 = 0;
  for (const p of parcels) {
    if (p.declared_area_ha === null) continue;
    const m2 = p.declared_area_ha * 10_000;
    totalM2 += m2;
    if (p.dlbm !== null) rows.push({ dlbm: p.dlbm, areaM2: m2 });
  }
  return { rows, totalM2 };
}

export async function computeReview(q: Queryable, batch: ReviewedBatch, options: ComputeReviewOptions): Promise<ReviewBody> {
  // PostGIS overlay functions carry high planner costs, so PostgreSQL JIT-compiles these queries:
  // ≈ 1.8 s of compilation for ≈ 0.1 s of work on the bench city (bench/review.bench.ts). Local to the
  // caller's transaction (outside one it is a no-op with a warning).
  await q.exec("SET LOCAL jit = off");
  const parcels = await selectParcels(q, batch.id);
  if (parcels.length === 0) {
    throw new AppError("CONFLICT", `batch ${batch.batch_no} has no parcels`, {
      messageZh: `批次 ${batch.batch_no} 尚无地块（未导入勘测定界成果），不能审查`,
      location: { field: "batchId" },
    });
  }
  const factor = new Map(parcels.map((p) => [p.id, p.ellipsoidal_area_m2 > 0 ? p.plane_area_m2 / p.ellipsoidal_area_m2 : 1]));
  const parcelNo = new Map(parcels.map((p) => [p.id, p.parcel_no]));
  const layers = new Set(await selectControlLineKinds(q));
  const lineSources = await selectControlLineSources(q, batch.id);

  // ── 土地分类面积 ──
  const raw = await selectShares(q, batch.id);
  const shares: PlaneShare[] = [];
  const findings: ReviewFinding[] = [];
  let uncoveredM2 = 0;
  for (const p of parcels) {
    const mine = raw.filter((s) => s.parcel_id === p.id).map((s) => ({ ...s, m2: s.area * (factor.get(p.id) as number) }));
    const covered = mine.reduce((s, x) => s + x.m2, 0);
    const full = covered > 0 && covered >= p.plane_area_m2 * (1 - COVERAGE_TOLERANCE);
    const scale = full ? p.plane_area_m2 / covered : 1;
    for (const s of mine) shares.push({ dlbm: s.dlbm, qsxz: s.qsxz, village: s.village, m2: s.m2 * scale });
    const gap = full ? 0 : p.plane_area_m2 - covered;
    uncoveredM2 += gap;
    if (gap >= 1) {
      findings.push({
        code: "REVIEW_LAND_USE_UNCOVERED",
        severity: "warning",
        messageZh: `地块 ${p.parcel_no} 有 ${gap.toFixed(2)} 平方米不在任何三调地类图斑内，该部分地类无法核算，请核实勘测定界成果或地类图斑数据。`,
        message: `parcel ${p.parcel_no}: ${gap.toFixed(2)} m² outside every land-use patch`,
        parcelNo: p.parcel_no,
      });
    }
  }
  const totalM2 = Math.round(parcels.reduce((s, p) => s + p.plane_area_m2 * 100, 0)) / 100;
  const villageCodes = [...new Set(shares.map((s) => s.village))];
  const names = await selectDivisionNames(q, [...villageCodes, batch.division_code]);
  const classTable = buildClassTable(shares, totalM2, uncoveredM2, names);

  // ── 申报面积比对 ──
  const declaredGiven = options.declared !== undefined;
  const fallback = defaultDeclared(parcels);
  const declaredRows = declaredGiven ? [...(options.declared as readonly DeclaredArea[])] : fallback.rows;
  const declaredTotal = declaredGiven ? declaredRows.reduce((s, r) => s + r.areaM2, 0) : fallback.totalM2;
  const declared =
    declaredRows.length === 0 && declaredTotal === 0
      ? []
      : compareDeclared(declaredRows, classTable.byClass, declaredTotal, classTable.total.m2, options.tolerance);
  if (declared.length === 0) {
    findings.push({
      code: "REVIEW_NO_DECLARED_AREAS",
      severity: "info",
      messageZh: "未提供申报的土地分类面积，未进行申报面积比对。",
      message: "no declared land-class areas: comparison skipped",
    });
  }
  findings.push(...mismatchFindings(declared, options.tolerance));

  // ── 重叠 ──
  const overlaps: ReviewOverlap[] = [];
  const cultivatedOf = new Map<ReviewOverlap, number>();
  for (const o of await selectOverlaps(q, batch.id, layers.has("urban_boundary"))) {
    const m2 = o.area * (factor.get(o.parcel_id) as number);
    if (m2 < options.minOverlapM2) continue;
    const no = parcelNo.get(o.parcel_id) as string;
    const severity = overlapSeverity(o.kind, batch.land_use_type);
    const msg = overlapMessage(o.kind, severity, no, o.ref_label, m2);
    const overlap: ReviewOverlap = {
      kind: o.kind,
      severity,
      parcelId: o.parcel_id,
      parcelNo: no,
      area: figures(m2),
      geometry: JSON.parse(o.geojson) as Geometry,
      ref: { table: o.ref_table, id: o.ref_id, label: o.ref_label },
      messageZh: msg.zh,
    };
    overlaps.push(overlap);
    cultivatedOf.set(overlap, o.cultivated * (factor.get(o.parcel_id) as number));
    findings.push({ code: OVERLAP_FINDING_CODES[o.kind], severity, messageZh: msg.zh, message: msg.en, parcelNo: no });
  }
  for (const k of CONTROL_LINE_KINDS) {
    if (!layers.has(k.code)) {
      findings.push({
        code: "REVIEW_LAYER_MISSING",
        severity: "warning",
        messageZh: `系统中没有${k.name}图层，未检查与${k.name}的关系。`,
        message: `no ${k.code} layer loaded: not checked`,
      });
    }
  }

  // ── 批准机关 ──
  const bfOverlaps = overlaps.filter((o) => o.kind === "basic_farmland");
  const basicFarmlandM2 = bfOverlaps.reduce((s, o) => s + o.area.m2, 0);
  const cultivatedInBf = bfOverlaps.reduce((s, o) => s + (cultivatedOf.get(o) ?? 0), 0);
  const cultivatedM2 = Math.max(0, shares.filter((s) => isCultivated(s.dlbm)).reduce((s, x) => s + x.m2, 0) - cultivatedInBf);
  const authority = decideAuthority({
    basicFarmlandM2,
    cultivatedM2,
    otherM2: Math.max(0, totalM2 - basicFarmlandM2 - cultivatedM2),
  });
  findings.push({
    code: authority.authority === "GWY" ? "REVIEW_AUTHORITY_STATE_COUNCIL" : "REVIEW_AUTHORITY_PROVINCE",
    severity: "info",
    messageZh: `批准机关：${authority.authority === "GWY" ? "国务院" : "四川省人民政府"}。${authority.reasonsZh.join("；")}。`,
    message: `approval authority: ${authority.authority === "GWY" ? "State Council" : "provincial government"}`,
  });

  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const kindName = (code: string) => CONTROL_LINE_KINDS.find((k) => k.code === code)?.name ?? code;
  return {
    batchId: batch.id,
    batchNo: batch.batch_no,
    batchName: batch.name,
    divisionCode: batch.division_code,
    divisionName: names.get(batch.division_code) ?? batch.division_code,
    basis: {
      landUseSource: "国土调查（三调及年度变更调查）地类图斑层 DLTB（land_use_patch）",
      controlLineSources: lineSources.map((l) => `${kindName(l.kind)}：${l.source}`),
      areaRule: `在 CGCS2000 地理坐标（EPSG:4490）下叠加，交集按 CGCS2000 椭球面积量算，再乘以所在地块勘测定界平面面积与椭球面积之比，换算为平面面积口径（地块面积为所在 3° 高斯-克吕格投影带平面面积），与土地分类面积表及报批面积一致；小于 ${options.minOverlapM2} 平方米的重叠视为坐标取舍误差，不予列出。`,
      roundingRule: ROUNDING_RULE_ZH,
      tolerance: options.tolerance,
    },
    parcels: parcels.map((p) => ({
      id: p.id,
      parcelNo: p.parcel_no,
      name: p.name,
      planeAreaM2: p.plane_area_m2,
      ellipsoidalAreaM2: p.ellipsoidal_area_m2,
      zoneEpsg: p.zone_epsg,
      geometry: JSON.parse(p.geojson) as Geometry,
    })),
    classTable,
    declared,
    overlaps,
    authority,
    findings,
    passed: !findings.some((f) => f.severity === "blocking"),
  };
}
