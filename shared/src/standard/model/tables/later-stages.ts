import { common, f, type TableDef } from "../types.ts";

export const implementationProgressTable: TableDef = {
  name: "implementation_progress",
  nameZh: "征后实施进度",
  subsystem: "supervision",
  description: "批后征收实施进度（征收公告、补偿登记、协议签订、补偿款支付、交地等）的上报记录。",
  fields: [
    common.serialId(),
    common.approvalDocId(),
    f.date("reported_on", "上报日期", { required: true }),
    f.varchar(40)("stage", "实施环节", { required: true, codeTable: "implementationStage" }),
    f.numeric(5, 2)("percent", "完成比例", { required: true, unit: "%", check: "percent BETWEEN 0 AND 100" }),
    f.text("note", "说明"),
    common.divisionCode(),
    common.createdAt(),
  ],
  primaryKey: ["id"],
};

export const filingTable: TableDef = {
  name: "filing",
  nameZh: "备案",
  subsystem: "supervision",
  description: "向上级报送的备案记录。",
  fields: [
    common.id(),
    common.approvalDocId(),
    f.varchar(60)("filing_no", "备案编号", { required: true }),
    f.date("filed_on", "备案日期", { required: true }),
    f.varchar(20)("status", "备案状态", { required: true, codeTable: "filingStatus" }),
    common.divisionCode(),
    common.createdAt(),
  ],
  primaryKey: ["id"],
  unique: [["filing_no"]],
};

export const disclosureRecordTable: TableDef = {
  name: "disclosure_record",
  nameZh: "征地信息公开记录",
  subsystem: "disclosure",
  description: "一个建设用地批准文件一条公开信息：汇集批文、批前材料、报批材料与批后实施材料；发布后的修改生成新版本。",
  fields: [
    common.id(),
    common.approvalDocId(),
    f.varchar(60)("index_no", "索引号", { required: true }),
    f.varchar(300)("title", "标题", { required: true }),
    f.varchar(100)("publisher", "发布机构", { required: true }),
    f.varchar(20)("status", "公开状态", { required: true, codeTable: "disclosureStatus" }),
    f.date("published_on", "发布日期"),
    f.integer("version", "版本号", { required: true, default: "1" }),
    common.divisionCode(),
    common.createdAt(),
    common.updatedAt(),
    common.batchId(false),
    f.varchar(60)("doc_number", "批准文号", { note: "冗余自批准文件，供检索与地址生成；如 川府土〔2023〕456号" }),
    f.varchar(120)("slug", "公开地址标识", {
      required: true,
      check: "slug ~ '^[0-9a-z-]+$'",
      note: "由批准文号生成的稳定地址 /gongkai/<slug>（如 chuan-fu-tu-2023-456），发布后不变",
    }),
    f.varchar(10)("stage", "阶段", {
      check: "stage IN ('批前', '报批', '批文', '批后')",
      note: "已汇集材料的最后阶段：批前、报批、批文、批后",
    }),
    f.jsonb("summary", "摘要", {
      required: true,
      default: "'{}'::jsonb",
      note: "公开页概要表与检索分面（区县、批准年度、批准机关、用地类型、面积）",
    }),
    f.varchar(10)("flow_level", "公开审核层级", {
      check: "flow_level IN ('county', 'city', 'province')",
      note: "按公开流程（区县 → 市 → 省，见 disclosure_flow）已完成的最后一级；确认后为第一级，发布时为最后一级",
    }),
    f.varchar(64)("confirmed_by", "确认人", { note: "双人复核：确认人不得办理其后的发布步骤" }),
    f.timestamptz("confirmed_at", "确认时间"),
    f.varchar(64)("published_by", "发布人"),
    f.text("withdrawn_reason", "撤回原因", { note: "撤回发布或批准文件撤回/失效时必填" }),
  ],
  primaryKey: ["id"],
  unique: [["approval_doc_id"], ["index_no"], ["slug"]],
  qualityRules: ["archive-complete"],
};

export const evaluationScoreTable: TableDef = {
  name: "evaluation_score",
  nameZh: "用地审批工作评价得分",
  subsystem: "evaluation",
  description: "按年度、区县对六个方面（审批制度建设、备案完整性、审批效率、报件质量、退件补正、规范审批）的评价得分。",
  fields: [
    common.serialId(),
    f.integer("year", "评价年度", { required: true }),
    common.divisionCode(),
    f.varchar(30)("aspect", "评价方面", { required: true, codeTable: "evaluationAspect" }),
    f.numeric(5, 2)("score", "得分", { required: true, check: "score BETWEEN 0 AND 100" }),
    f.text("basis", "计分依据"),
    common.createdAt(),
  ],
  primaryKey: ["id"],
  unique: [["year", "division_code", "aspect"]],
};

export const resultsEntryTable: TableDef = {
  name: "results_entry",
  nameZh: "成果库条目",
  subsystem: "archive",
  description: "推送到成果管理数据库的已清理批次与征地项目，带内容散列与图属档一致性检查结果。",
  fields: [
    common.id(),
    common.batchId(),
    common.approvalDocId(false),
    f.timestamptz("pushed_at", "推送时间", { required: true, default: "now()" }),
    f.char(64)("content_hash", "内容散列", { required: true }),
    f.varchar(20)("consistency", "图属档一致性", { required: true, codeTable: "consistencyStatus" }),
    common.divisionCode(),
  ],
  primaryKey: ["id"],
  qualityRules: ["archive-hash"],
};
