/**
 * What each overlap means for the batch (severity) and the findings of a review, with stable codes
 * and Chinese messages citing the rule where it is known.
 *
 * Severity by kind:
 * - 生态保护红线: blocking (中办发〔2019〕48号: 生态保护红线内原则上禁止开发性、生产性建设活动).
 * - 永久基本农田: the batch must go to 国务院 (《土地管理法》第四十四条、第四十六条; authority GWY). Only 国家
 *   重点建设项目 that cannot avoid it may occupy it at all (第三十五条), so for 单独选址 / 先行用地 it is a
 *   warning (the review passes with authority 国务院); for every batch type it is blocking.
 * - 城镇开发边界以外: blocking for a 城镇批次 (it must lie inside, 中办发〔2019〕48号), warning for
 *   单独选址 / 先行用地 (allowed with 选址论证), info for the other types (村庄 batches lie outside by nature).
 * - 已批地块 (重复报批) and 已供地: blocking.
 */
import type { DeclaredComparisonRow, FindingSeverity, OverlapKind, ReviewFinding } from "./types.ts";

const SITE_SELECTED: readonly string[] = ["standalone_project", "advance_use"];

export function overlapSeverity(kind: OverlapKind, landUseType: string): FindingSeverity {
  switch (kind) {
    case "basic_farmland":
      return SITE_SELECTED.includes(landUseType) ? "warning" : "blocking";
    case "outside_urban_boundary":
      return landUseType === "urban_batch" ? "blocking" : SITE_SELECTED.includes(landUseType) ? "warning" : "info";
    default:
      return "blocking";
  }
}

export const OVERLAP_FINDING_CODES: Readonly<Record<OverlapKind, string>> = {
  basic_farmland: "REVIEW_BASIC_FARMLAND",
  eco_redline: "REVIEW_ECO_REDLINE",
  outside_urban_boundary: "REVIEW_OUTSIDE_URBAN_BOUNDARY",
  approved_parcel: "REVIEW_DUPLICATE_APPROVAL",
  supplied_land: "REVIEW_SUPPLIED_LAND",
};

const haText = (m2: number): string => `${(Math.round(m2) / 10_000).toFixed(4)} 公顷（${m2.toFixed(2)} 平方米）`;

export function overlapMessage(
  kind: OverlapKind,
  severity: FindingSeverity,
  parcelNo: string,
  label: string,
  m2: number,
): { zh: string; en: string } {
  const area = haText(m2);
  switch (kind) {
    case "eco_redline":
      return {
        zh: `地块 ${parcelNo} 占用生态保护红线“${label}” ${area}。生态保护红线内原则上禁止开发性、生产性建设活动（中办发〔2019〕48号），不得报批。`,
        en: `parcel ${parcelNo} overlaps the ecological protection redline "${label}" by ${m2.toFixed(2)} m²`,
      };
    case "basic_farmland":
      return severity === "blocking"
        ? {
            zh: `地块 ${parcelNo} 占用永久基本农田“${label}” ${area}。永久基本农田不得擅自占用，仅国家重点建设项目选址确实难以避让的可报国务院批准（《土地管理法》第三十五条、第四十四条、第四十六条），本批次不得占用，省级及以下无权批准。`,
            en: `parcel ${parcelNo} occupies permanent basic farmland "${label}" by ${m2.toFixed(2)} m²; only key projects may, with State Council approval`,
          }
        : {
            zh: `地块 ${parcelNo} 占用永久基本农田“${label}” ${area}，须报国务院批准（《土地管理法》第三十五条、第四十四条、第四十六条），省级及以下无权批准。`,
            en: `parcel ${parcelNo} occupies permanent basic farmland "${label}" by ${m2.toFixed(2)} m²: State Council approval required`,
          };
    case "outside_urban_boundary":
      return {
        zh: `地块 ${parcelNo} 有 ${area} 位于城镇开发边界以外（中办发〔2019〕48号）。${
          severity === "blocking" ? "城镇批次建设用地应位于城镇开发边界以内。" : severity === "warning" ? "单独选址项目须附选址论证。" : ""
        }`,
        en: `parcel ${parcelNo}: ${m2.toFixed(2)} m² outside the urban development boundary`,
      };
    case "approved_parcel":
      return {
        zh: `地块 ${parcelNo} 与已批准用地（${label}）重叠 ${area}，属重复报批。`,
        en: `parcel ${parcelNo} overlaps approved land (${label}) by ${m2.toFixed(2)} m²: duplicate submission`,
      };
    case "supplied_land":
      return {
        zh: `地块 ${parcelNo} 与已供应土地（${label}）重叠 ${area}，已供地不得再次报批。`,
        en: `parcel ${parcelNo} overlaps land already supplied (${label}) by ${m2.toFixed(2)} m²`,
      };
  }
}

export function mismatchFindings(rows: readonly DeclaredComparisonRow[], tolerance: number): ReviewFinding[] {
  return rows
    .filter((r) => !r.withinTolerance)
    .map((r) => {
      const what = r.dlbm === "total" ? "总面积" : `地类 ${r.dlbm}`;
      const pct = `${(r.difference * 100).toFixed(2)}%`;
      return {
        code: "REVIEW_CLASS_AREA_MISMATCH",
        severity: "warning" as const,
        messageZh: `${what} 申报面积 ${r.declaredM2.toFixed(2)} 平方米，核算面积 ${r.computedM2.toFixed(2)} 平方米，相差 ${pct}，超过允许误差 ${(tolerance * 100).toFixed(2)}%。`,
        message: `${r.dlbm === "total" ? "total" : `class ${r.dlbm}`}: declared ${r.declaredM2} m², computed ${r.computedM2} m² (${pct} > ${(tolerance * 100).toFixed(2)}%)`,
      };
    });
}
