import { common, f, type TableDef } from "../types.ts";

export const batchTable: TableDef = {
  name: "batch",
  nameZh: "报批批次（项目）",
  subsystem: "approval",
  description: "一次建设用地报批：城镇批次或单独选址项目，含若干地块；状态按报批流程流转。",
  fields: [
    common.id(),
    f.varchar(40)("batch_no", "批次编号", { required: true }),
    f.varchar(200)("name", "批次（项目）名称", { required: true }),
    f.varchar(30)("land_use_type", "用地类型", { required: true, codeTable: "landUseType" }),
    common.divisionCode(),
    f.integer("plan_year", "报批年度", { required: true, check: "plan_year BETWEEN 1999 AND 2100" }),
    f.varchar(30)("state", "批次状态", { required: true, codeTable: "batchState" }),
    f.varchar(10)("approval_authority", "批准机关", { codeTable: "approvalAuthority" }),
    f.numeric(15, 4)("total_area_ha", "总面积", { unit: "公顷" }),
    common.createdAt(),
    common.updatedAt(),
  ],
  primaryKey: ["id"],
  unique: [["batch_no"]],
  qualityRules: ["code-in-table", "archive-complete"],
};

export const parcelTable: TableDef = {
  name: "parcel",
  nameZh: "地块",
  subsystem: "approval",
  description: "勘测定界确定的报批地块（可含多个圈、内环），同时保存平面面积与椭球面积。",
  fields: [
    common.id(),
    common.batchId(),
    f.varchar(40)("parcel_no", "地块编号", { required: true }),
    f.varchar(200)("name", "地块名称"),
    f.varchar(100)("land_use", "地块用途"),
    f.varchar(5)("dlbm", "主要地类编码", { codeTable: "landClass" }),
    f.numeric(15, 4)("declared_area_ha", "申报面积", { unit: "公顷", note: "坐标文件中的地块面积" }),
    f.numeric(15, 2)("plane_area_m2", "平面面积", { required: true, unit: "平方米", note: "所在高斯-克吕格投影带平面面积" }),
    f.numeric(15, 2)("ellipsoidal_area_m2", "椭球面积", { required: true, unit: "平方米" }),
    f.integer("zone_epsg", "投影坐标系 EPSG 代码", { required: true, check: "zone_epsg BETWEEN 4491 AND 4554" }),
    common.divisionCode(),
    common.geom(),
  ],
  primaryKey: ["id"],
  unique: [["batch_id", "parcel_no"]],
  qualityRules: ["geom-valid", "ring-closed", "no-overlap-in-batch", "area-tolerance", "code-in-table"],
};

export const boundaryPointTable: TableDef = {
  name: "boundary_point",
  nameZh: "界址点",
  subsystem: "approval",
  description: "地块界址点，按圈号、序号排列；坐标为测量坐标（X 纵坐标北向，Y 横坐标东向）。",
  fields: [
    common.serialId(),
    f.uuid("parcel_id", "地块标识码", { required: true, references: "parcel.id", onDelete: "cascade" }),
    f.integer("ring_no", "圈号", { required: true, check: "ring_no >= 1" }),
    f.integer("seq", "序号", { required: true, check: "seq >= 1" }),
    f.varchar(20)("label", "界址点号", { required: true }),
    f.numeric(12, 3)("x_northing", "X 坐标（纵）", { required: true, unit: "米" }),
    f.numeric(13, 3)("y_easting", "Y 坐标（横）", { required: true, unit: "米", note: "可含带号" }),
    f.geometry("Point")("geom", "点位", { required: true, note: "CGCS2000 地理坐标（EPSG:4490）" }),
  ],
  primaryKey: ["id"],
  unique: [["parcel_id", "ring_no", "seq"]],
};

export const boundarySurveyTable: TableDef = {
  name: "boundary_survey",
  nameZh: "勘测定界成果",
  subsystem: "approval",
  description: "一个批次的勘测定界成果：测绘单位、日期、坐标系与分带，以及原始坐标文件（附件）。",
  fields: [
    common.id(),
    common.batchId(),
    f.varchar(200)("surveyor", "测绘单位", { required: true }),
    f.date("survey_date", "测绘日期", { required: true }),
    f.varchar(50)("crs_name", "坐标系", { required: true, note: "如 2000国家大地坐标系" }),
    f.integer("zone_width", "分带", { required: true, check: "zone_width IN (3, 6)", unit: "度" }),
    f.integer("zone", "带号", { required: true }),
    f.numeric(6, 3)("precision_m", "精度", { unit: "米" }),
    f.uuid("attachment_id", "坐标文件附件标识码", { references: "attachment.id" }),
    common.divisionCode(),
    common.createdAt(),
  ],
  primaryKey: ["id"],
  qualityRules: ["archive-complete"],
};

export const parcelClassAreaTable: TableDef = {
  name: "parcel_class_area",
  nameZh: "土地分类面积",
  subsystem: "approval",
  description: "地块按地类的面积（土地分类面积汇总表的明细），由地块与地类图斑叠加得到。",
  fields: [
    common.serialId(),
    f.uuid("parcel_id", "地块标识码", { required: true, references: "parcel.id", onDelete: "cascade" }),
    f.varchar(5)("dlbm", "地类编码", { required: true, codeTable: "landClass" }),
    f.varchar(10)("major_class", "三大类", { required: true, codeTable: "majorClass" }),
    f.numeric(15, 2)("area_m2", "面积", { required: true, unit: "平方米", check: "area_m2 >= 0" }),
  ],
  primaryKey: ["id"],
  unique: [["parcel_id", "dlbm"]],
  qualityRules: ["code-in-table"],
};

export const approvalDocTable: TableDef = {
  name: "approval_doc",
  nameZh: "建设用地批准文件",
  subsystem: "approval",
  description: "省政府或国务院的批复（批文）。效力状态随撤回、失效自动更新；变更生成新版本。",
  fields: [
    common.id(),
    common.batchId(),
    f.varchar(60)("doc_number", "批准文号", { required: true, note: "如 川府土〔2023〕456号" }),
    f.varchar(300)("title", "文件标题", { required: true }),
    f.varchar(10)("authority", "批准机关", { required: true, codeTable: "approvalAuthority" }),
    f.date("approved_on", "批准日期", { required: true }),
    f.numeric(15, 4)("approved_area_ha", "批准面积", { required: true, unit: "公顷" }),
    f.varchar(20)("status", "效力状态", { required: true, codeTable: "approvalDocStatus" }),
    f.integer("version", "版本号", { required: true, default: "1" }),
    common.divisionCode(),
    common.createdAt(),
  ],
  primaryKey: ["id"],
  unique: [["doc_number"]],
  qualityRules: ["code-in-table", "archive-complete"],
};

export const batchTransitionTable: TableDef = {
  name: "batch_transition",
  nameZh: "批次状态流转",
  subsystem: "approval",
  description: "批次每一次状态变化（谁、何时、从何状态到何状态、原因），与状态变更在同一事务写入。",
  fields: [
    common.serialId(),
    common.batchId(),
    f.varchar(30)("from_state", "原状态", { codeTable: "batchState" }),
    f.varchar(30)("to_state", "新状态", { required: true, codeTable: "batchState" }),
    f.varchar(64)("actor", "操作人", { required: true }),
    f.timestamptz("at", "时间", { required: true, default: "now()" }),
    f.text("reason", "原因"),
    f.textArray("reason_codes", "原因代码", { note: "退件、撤回等的结构化原因代码（供审批工作评价统计）" }),
    f.textArray("attachment_ids", "附件", { note: "该次流转所附材料（附件档案标识码）" }),
  ],
  primaryKey: ["id"],
  appendOnly: true,
};

export const batchAlertTable: TableDef = {
  name: "batch_alert",
  nameZh: "批次预警",
  subsystem: "approval",
  description:
    "按规则（规则及其依据见代码表与文档）每日检查得到的批次预警：批准文件即将失效、已失效等；同一批次同一规则同一到期日只预警一次，处理后记录处理时间。",
  fields: [
    common.serialId(),
    common.batchId(),
    f.varchar(40)("rule", "规则", { required: true }),
    f.varchar(10)("severity", "严重程度", { required: true, codeTable: "findingSeverity" }),
    f.date("due_on", "到期日", { required: true }),
    f.text("message", "预警内容", { required: true }),
    f.timestamptz("resolved_at", "处理时间"),
    common.divisionCode(),
    common.createdAt(),
  ],
  primaryKey: ["id"],
  unique: [["batch_id", "rule", "due_on"]],
};
