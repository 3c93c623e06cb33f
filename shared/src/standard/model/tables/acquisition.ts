import { common, f, type TableDef } from "../types.ts";

// 征前程序 (土地管理法 第四十七条；土地管理法实施条例 第二十六至二十九条).
export const statusSurveyTable: TableDef = {
  name: "status_survey",
  nameZh: "土地现状调查",
  subsystem: "acquisition",
  description: "按村开展的土地现状调查：地类、权属、地上附着物和青苗、人口等。",
  fields: [
    common.id(),
    common.batchId(),
    f.varchar(12)("village_code", "村级行政区划代码", { required: true }),
    f.date("surveyed_on", "调查日期", { required: true }),
    f.jsonb("land_summary", "地类面积", { required: true, default: "'{}'::jsonb", note: "地类编码 → 平方米" }),
    f.text("ownership", "权属情况"),
    f.text("attachments_on_land", "地上附着物和青苗"),
    f.integer("population", "涉及人口", { unit: "人" }),
    common.divisionCode(),
    common.createdAt(),
  ],
  primaryKey: ["id"],
};

export const riskAssessmentTable: TableDef = {
  name: "risk_assessment",
  nameZh: "社会稳定风险评估",
  subsystem: "acquisition",
  description: "征收土地社会稳定风险评估的等级、措施与结论。",
  fields: [
    common.id(),
    common.batchId(),
    f.varchar(10)("risk_level", "风险等级", { required: true, codeTable: "riskLevel" }),
    f.text("measures", "防范化解措施"),
    f.text("conclusion", "评估结论", { required: true }),
    f.date("assessed_on", "评估日期", { required: true }),
    common.divisionCode(),
    common.createdAt(),
  ],
  primaryKey: ["id"],
};

export const preAnnouncementTable: TableDef = {
  name: "pre_announcement",
  nameZh: "征收土地预公告",
  subsystem: "acquisition",
  description: "征收范围、目的、开展土地现状调查安排等的预公告，公告期不少于十个工作日（实施条例第二十六条）。",
  fields: [
    common.id(),
    common.batchId(),
    f.varchar(60)("notice_no", "公告编号"),
    f.date("published_on", "发布日期", { required: true }),
    f.date("period_end_on", "公告期截止日期", { required: true, check: "period_end_on >= published_on" }),
    f.text("scope", "征收范围", { required: true }),
    f.text("purpose", "征收目的", { required: true }),
    common.divisionCode(),
    common.createdAt(),
  ],
  primaryKey: ["id"],
  qualityRules: ["archive-complete"],
};

export const compensationNoticeTable: TableDef = {
  name: "compensation_notice",
  nameZh: "征地补偿安置方案公告",
  subsystem: "acquisition",
  description: "补偿标准、安置方式、社会保障等方案公告，公告期不少于三十日；修改后的方案重新公布（修订号递增）。",
  fields: [
    common.id(),
    common.batchId(),
    f.varchar(60)("notice_no", "公告编号"),
    f.integer("revision", "修订号", { required: true, default: "1", check: "revision >= 1" }),
    f.date("published_on", "发布日期", { required: true }),
    f.date("period_end_on", "公告期截止日期", { required: true, check: "period_end_on >= published_on" }),
    f.text("standards", "补偿标准", { required: true }),
    f.text("resettlement", "安置方式"),
    f.text("social_security", "社会保障"),
    f.date("registration_deadline", "补偿登记截止日期"),
    f.text("objection_channel", "异议反映渠道"),
    common.divisionCode(),
    common.createdAt(),
  ],
  primaryKey: ["id"],
  unique: [["batch_id", "revision"]],
  qualityRules: ["archive-complete"],
};

export const hearingTable: TableDef = {
  name: "hearing",
  nameZh: "听证",
  subsystem: "acquisition",
  description: "过半数集体经济组织成员认为方案不符合法律法规时组织的听证（实施条例第二十八条）。",
  fields: [
    common.id(),
    common.batchId(),
    f.date("requested_on", "申请日期", { required: true }),
    f.date("held_on", "听证日期"),
    f.text("outcome", "听证结果"),
    common.divisionCode(),
    common.createdAt(),
  ],
  primaryKey: ["id"],
};
