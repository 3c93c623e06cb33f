/**
 * Which document kinds a disclosure record must bundle, per 用地类型. The code tables
 * (shared/src/standard/codes) define the kinds but not which are required; this is that list.
 *
 * Sources: 《土地管理法》第四十四条、第四十七条 and 《实施条例》第二十六条至第三十一条 (征收 procedure:
 * 预公告, 现状调查, 风险评估, 补偿安置方案公告, 社保审核, 协议, 征收土地公告); 《建设用地审查报批管理办法》
 * (组卷材料: 呈报说明书, 农用地转用方案, 补充耕地方案, 征收土地方案, 勘测定界); the requirement text's
 * "一个建设用地批准文件一条公开信息，包括批文、批前材料、报批材料和批后实施材料". Types without 征收
 * (集体经营性建设用地入市, 农村村民住宅 on collective land) need the 转用 set only.
 */
import type { DocumentKind, LandUseType } from "@land/shared/standard/codes/enumerations";

/** Every 征收 needs these (《实施条例》第二十六条至第三十一条). */
const ACQUISITION: readonly DocumentKind[] = [
  "pre_announcement",
  "status_survey",
  "risk_assessment",
  "compensation_notice",
  "social_security_review",
  "compensation_agreement",
  "acquisition_plan",
  "acquisition_notice",
];

/** Every 农用地转用 submission needs these (组卷). */
const CONVERSION: readonly DocumentKind[] = [
  "submission_statement",
  "conversion_plan",
  "farmland_balance",
  "survey_report",
  "survey_map",
  "area_summary",
  "approval_doc",
];

export const REQUIRED_DOCUMENT_KINDS: Readonly<Record<LandUseType, readonly DocumentKind[]>> = {
  urban_batch: [...CONVERSION, "quota_certificate", ...ACQUISITION],
  village_batch: [...CONVERSION, "quota_certificate", ...ACQUISITION],
  standalone_project: ["project_approval", ...CONVERSION, "quota_certificate", ...ACQUISITION],
  // 增减挂钩 uses 节余指标, certified by the same quota_certificate kind.
  linkage: [...CONVERSION, "quota_certificate", ...ACQUISITION],
  collective_commercial: [...CONVERSION, "quota_certificate"],
  rural_housing: [...CONVERSION, "quota_certificate"],
  rural_revitalization: [...CONVERSION, "quota_certificate", ...ACQUISITION],
  advance_use: ["project_approval", "survey_report", "survey_map", "area_summary", "approval_doc"],
};
