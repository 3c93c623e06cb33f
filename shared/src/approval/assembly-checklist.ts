/**
 * 组卷 completeness as data: the materials of a 建设用地 approval package, each required for some
 * 用地类型 (LAND_USE_TYPES) and possibly only under a condition, each satisfied by attachments of
 * given DOCUMENT_KINDS and/or by records the system already holds (the 勘测定界 import, the 地类面积,
 * the 指标 reservation, the 征前 records). Sources name the rule the item comes from; `verified`
 * false means the citation was written from knowledge of the rules, not checked against the text
 * offline — the bureau's 报批 staff should confirm the list (it is meant to be edited here).
 */
import type { Queryable } from "../db/types.ts";
import { readAssemblyFacts } from "./repository-assembly.ts";

export type LandUseType = "urban_batch" | "village_batch" | "standalone_project" | "linkage" | "collective_commercial";

/** Records that satisfy an item without an uploaded file. */
export type RecordFact =
  | "boundary_survey"
  | "class_areas"
  | "quota_reservation"
  | "pre_announcement"
  | "status_survey"
  | "risk_assessment"
  | "compensation_notice"
  | "agreement_signing"
  | "hearing_held";

export type ChecklistCondition = "occupies_cultivated" | "hearing_required";

export interface ChecklistItem {
  id: string;
  nameZh: string;
  /** Attachments of any of these kinds satisfy the item. */
  kinds: readonly string[];
  /** …or all of these records. */
  records?: readonly RecordFact[];
  requiredFor: readonly LandUseType[];
  condition?: ChecklistCondition;
  source: string;
  verified: boolean;
  comment?: string;
}

const ALL: readonly LandUseType[] = ["urban_batch", "village_batch", "standalone_project", "linkage", "collective_commercial"];
/** Types that take collective land by 征收 (集体经营性建设用地 入市 does not). */
const ACQUIRING: readonly LandUseType[] = ["urban_batch", "village_batch", "standalone_project", "linkage"];

export const ASSEMBLY_CHECKLIST: readonly ChecklistItem[] = [
  {
    id: "project_approval",
    nameZh: "用地预审与选址意见书/立项批复",
    kinds: ["project_approval"],
    requiredFor: ["standalone_project"],
    source: "《建设用地审查报批管理办法》第二条、第四条（单独选址建设项目须先行用地预审）",
    verified: false,
    comment: "城市批次、村庄集镇批次用地不经预审。",
  },
  {
    id: "submission_statement",
    nameZh: "建设用地呈报说明书",
    kinds: ["submission_statement"],
    requiredFor: ALL,
    source: "《建设用地审查报批管理办法》第七条（一书三方案）",
    verified: false,
  },
  {
    id: "conversion_plan",
    nameZh: "农用地转用方案",
    kinds: ["conversion_plan"],
    requiredFor: ALL,
    source: "《建设用地审查报批管理办法》第七条；《土地管理法》第四十四条",
    verified: false,
  },
  {
    id: "acquisition_plan",
    nameZh: "征收土地方案",
    kinds: ["acquisition_plan"],
    requiredFor: ACQUIRING,
    source: "《建设用地审查报批管理办法》第七条；《土地管理法》第四十六条",
    verified: false,
  },
  {
    id: "boundary_survey",
    nameZh: "勘测定界成果（界址点坐标）",
    kinds: ["survey_map"],
    records: ["boundary_survey"],
    requiredFor: ALL,
    source: "《建设用地勘测定界规程》TD/T 1008-2007；报部坐标文件格式",
    verified: false,
    comment: "导入的勘测定界坐标文件即满足。",
  },
  {
    id: "survey_report",
    nameZh: "勘测定界报告",
    kinds: ["survey_report"],
    requiredFor: ALL,
    source: "《建设用地审查报批管理办法》第七条（勘测定界图及勘测定界技术报告书）；TD/T 1008-2007",
    verified: false,
  },
  {
    id: "area_summary",
    nameZh: "土地分类面积汇总表",
    kinds: ["area_summary"],
    records: ["class_areas"],
    requiredFor: ALL,
    source: "TD/T 1008-2007 勘测定界成果；《建设用地审查报批管理办法》第七条",
    verified: false,
    comment: "地块分地类面积已入库的，由系统生成汇总表即满足。",
  },
  {
    id: "quota",
    nameZh: "计划指标（预安排或证明）",
    kinds: ["quota_certificate"],
    records: ["quota_reservation"],
    requiredFor: ["urban_batch", "village_batch", "standalone_project"],
    source: "《土地管理法》第二十三条、《土地利用年度计划管理办法》（农用地转用须有年度计划指标）",
    verified: false,
    comment: "增减挂钩项目使用挂钩指标，集体经营性建设用地另行管理，不在此列。",
  },
  {
    id: "planning_review",
    nameZh: "规划审查意见（符合国土空间规划）",
    kinds: ["planning_review"],
    requiredFor: ALL,
    source: "《土地管理法》第四十四条、第四十五条；《建设用地审查报批管理办法》第九条",
    verified: false,
  },
  {
    id: "farmland_balance",
    nameZh: "补充耕地/占补平衡材料",
    kinds: ["farmland_balance"],
    requiredFor: ALL,
    condition: "occupies_cultivated",
    source: "《土地管理法》第三十条（占用耕地补偿制度）",
    verified: false,
    comment: "地块分地类面积中含耕地（01）时需要；尚无地类面积时按需要处理。",
  },
  {
    id: "pre_announcement",
    nameZh: "征收土地预公告",
    kinds: ["pre_announcement"],
    records: ["pre_announcement"],
    requiredFor: ACQUIRING,
    source: "《土地管理法实施条例》第二十六条",
    verified: true,
  },
  {
    id: "status_survey",
    nameZh: "土地现状调查成果",
    kinds: ["status_survey"],
    records: ["status_survey"],
    requiredFor: ACQUIRING,
    source: "《土地管理法实施条例》第二十六条",
    verified: true,
  },
  {
    id: "risk_assessment",
    nameZh: "社会稳定风险评估报告",
    kinds: ["risk_assessment"],
    records: ["risk_assessment"],
    requiredFor: ACQUIRING,
    source: "《土地管理法实施条例》第二十六条",
    verified: true,
  },
  {
    id: "compensation_notice",
    nameZh: "征地补偿安置方案公告",
    kinds: ["compensation_notice"],
    records: ["compensation_notice"],
    requiredFor: ACQUIRING,
    source: "《土地管理法》第四十七条；《土地管理法实施条例》第二十八条",
    verified: true,
  },
  {
    id: "hearing",
    nameZh: "听证材料",
    kinds: ["hearing"],
    records: ["hearing_held"],
    requiredFor: ACQUIRING,
    condition: "hearing_required",
    source: "《土地管理法》第四十七条第三款；《土地管理法实施条例》第二十八条",
    verified: true,
    comment: "过半数成员对方案有异议时需要。",
  },
  {
    id: "compensation_agreement",
    nameZh: "征地补偿安置协议（签订情况）",
    kinds: ["compensation_agreement"],
    records: ["agreement_signing"],
    requiredFor: ACQUIRING,
    source: "《土地管理法实施条例》第二十九条",
    verified: true,
  },
  {
    id: "social_security_review",
    nameZh: "被征地农民社会保障审核意见",
    kinds: ["social_security_review"],
    requiredFor: ACQUIRING,
    source: "《土地管理法》第四十八条（社会保障费用）；人力资源社会保障部门出具的社保审核意见",
    verified: false,
  },
];

export interface AssemblyFacts {
  landUseType: string;
  attachmentKinds: ReadonlySet<string>;
  records: ReadonlySet<RecordFact>;
  /** null when no 地类面积 is known yet. */
  occupiesCultivated: boolean | null;
  hearingRequired: boolean;
}

export interface ChecklistResult {
  id: string;
  nameZh: string;
  status: "present" | "missing" | "not_required";
  /** What satisfied it: attachment kinds found or records. */
  satisfiedBy: string[];
  source: string;
  comment: string | null;
}

export interface AssemblyChecklist {
  complete: boolean;
  items: ChecklistResult[];
  missing: { code: "MATERIAL_MISSING"; item: string; messageZh: string }[];
}

export function evaluateChecklist(facts: AssemblyFacts, checklist: readonly ChecklistItem[] = ASSEMBLY_CHECKLIST): AssemblyChecklist {
  const items: ChecklistResult[] = [];
  const missing: AssemblyChecklist["missing"] = [];
  for (const item of checklist) {
    const base = { id: item.id, nameZh: item.nameZh, source: item.source, comment: item.comment ?? null };
    const applies =
      item.requiredFor.includes(facts.landUseType as LandUseType) &&
      (item.condition === undefined ||
        (item.condition === "occupies_cultivated" && facts.occupiesCultivated !== false) ||
        (item.condition === "hearing_required" && facts.hearingRequired));
    const byFile = item.kinds.filter((k) => facts.attachmentKinds.has(k));
    const byRecords = item.records?.every((r) => facts.records.has(r)) ? item.records.map((r) => `record:${r}`) : [];
    const satisfiedBy = [...byFile, ...byRecords];
    if (!applies) {
      items.push({ ...base, status: "not_required", satisfiedBy });
      continue;
    }
    if (satisfiedBy.length > 0) {
      items.push({ ...base, status: "present", satisfiedBy });
      continue;
    }
    items.push({ ...base, status: "missing", satisfiedBy });
    missing.push({ code: "MATERIAL_MISSING", item: item.id, messageZh: `缺少组卷材料：${item.nameZh}（${item.source}）` });
  }
  return { complete: missing.length === 0, items, missing };
}

/** The checklist of a batch as it stands (attachments and records in the database). */
export async function readAssemblyChecklist(q: Queryable, batchId: string, landUseType?: string): Promise<AssemblyChecklist | null> {
  const facts = await readAssemblyFacts(q, batchId);
  return facts ? evaluateChecklist(landUseType ? { ...facts, landUseType } : facts) : null;
}
