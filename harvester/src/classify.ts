/**
 * Which document kind (建库标准 DOCUMENT_KINDS) a harvested file is: the source's own kind when it
 * gives one, else the first rule that matches its file name, then its caption/title, then the head
 * of its text (titles are at the top of Chinese official documents). Rules go from the most to the
 * least specific wording, so 征收土地预公告 is not taken for 征收土地公告.
 */
import { DOCUMENT_KINDS } from "@land/shared/standard/codes/enumerations";

const RULES: readonly [kind: string, pattern: RegExp][] = [
  ["pre_announcement", /预公告|拟征收土地(的)?公告/],
  ["compensation_notice", /补偿安置方案(的)?公告|补偿安置方案/],
  ["compensation_agreement", /补偿安置协议|征地补偿协议|补偿协议/],
  ["compensation_registration", /补偿登记/],
  ["acquisition_notice", /征收土地公告|征地公告/],
  ["status_survey", /现状调查/],
  ["risk_assessment", /(社会)?稳定风险评估/],
  ["hearing", /听证/],
  ["social_security_review", /社保审核|社会保障.{0,6}审核|社保.{0,4}意见/],
  ["project_approval", /预审|选址意见书|立项|可行性研究报告的批复|核准/],
  ["submission_statement", /呈报说明书/],
  ["conversion_plan", /农用地转用方案/],
  ["acquisition_plan", /征收土地方案|征地方案/],
  ["farmland_balance", /补充耕地|占补平衡/],
  ["quota_certificate", /计划指标|指标(落实)?证明|节余指标/],
  ["planning_review", /规划(符合性)?审查/],
  ["survey_map", /勘测定界图/],
  ["survey_report", /勘测定界/],
  ["area_summary", /面积汇总表|分类面积/],
  ["review_opinion", /审查意见|审查报告/],
  ["withdrawal", /撤回/],
  ["expiry", /失效/],
  ["filing", /备案/],
  ["land_supply", /供地|划拨决定书|出让合同/],
  ["approval_doc", /批复|批准文件|用地批文|建设用地的批复|[府函]土?〔|农用地转用和土地征收/],
  ["implementation", /实施|交地|补偿(费用)?支付|安置落实/],
];

const KINDS = new Set<string>(DOCUMENT_KINDS.map((k) => k.code));

export interface ClassifyInput {
  kindHint?: string | null;
  fileName?: string | null;
  caption?: string | null;
  title?: string | null;
  text?: string | null;
}

export interface Classification {
  kind: string | null;
  /** Where the kind came from. */
  by: "source" | "file_name" | "caption" | "title" | "text" | null;
}

const match = (s: string | null | undefined): string | null => {
  if (!s) return null;
  for (const [kind, re] of RULES) if (re.test(s)) return kind;
  return null;
};

export function classifyDocument(input: ClassifyInput): Classification {
  if (input.kindHint && KINDS.has(input.kindHint)) return { kind: input.kindHint, by: "source" };
  const name = input.fileName?.replace(/\.[a-z0-9]+$/i, "");
  for (const [by, value] of [
    ["file_name", name],
    ["caption", input.caption],
    ["title", input.title],
    ["text", input.text?.replace(/\s+/g, "").slice(0, 200)],
  ] as const) {
    const kind = match(value);
    if (kind) return { kind, by };
  }
  return { kind: null, by: null };
}
