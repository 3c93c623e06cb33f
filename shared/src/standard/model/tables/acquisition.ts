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

export const compensationRegistrationTable: TableDef = {
  name: "compensation_registration",
  nameZh: "补偿登记",
  subsystem: "acquisition",
  description:
    "补偿安置方案公告后，权利人持不动产权属证明材料办理的补偿登记（实施条例第二十七条）：到户的面积、地上附着物和青苗、补偿金额。身份证号、联系电话、银行账号以 AES-256-GCM 加密存储（关联数据绑定表、字段与行标识），身份证号另存带密钥散列（HMAC-SHA256）供精确查询；默认脱敏展示。",
  fields: [
    common.id(),
    common.batchId(),
    f.varchar(12)("village_code", "村级行政区划代码", { required: true, check: "village_code ~ '^[0-9]{12}$'" }),
    f.varchar(50)("holder_name", "权利人姓名", { required: true, sensitive: true, note: "明文存储，展示时脱敏（张*某）" }),
    f.text("id_number_sealed", "身份证号（密文）", {
      required: true,
      check: "id_number_sealed ~ '^v1[.][0-9a-f]{8}[.]'",
      sensitive: true,
      note: "GB 11643 公民身份号码，AES-256-GCM 密文 v1.<密钥标识>.<IV>.<密文>；关联数据 compensation_registration.id_number:<id>",
    }),
    f.char(64)("id_number_hash", "身份证号散列", {
      required: true,
      check: "id_number_hash ~ '^[0-9a-f]{64}$'",
      note: "HMAC-SHA256（密钥由主密钥派生），仅供精确查询，不可逆",
    }),
    f.text("phone_sealed", "联系电话（密文）", {
      sensitive: true,
      check: "phone_sealed ~ '^v1[.][0-9a-f]{8}[.]'",
      note: "AES-256-GCM 密文；关联数据 compensation_registration.phone:<id>",
    }),
    f.text("bank_account_sealed", "银行账号（密文）", {
      sensitive: true,
      check: "bank_account_sealed ~ '^v1[.][0-9a-f]{8}[.]'",
      note: "AES-256-GCM 密文；关联数据 compensation_registration.bank_account:<id>",
    }),
    f.numeric(12, 4)("area_mu", "登记面积（亩）", { required: true, unit: "亩", check: "area_mu >= 0" }),
    f.numeric(15, 2)("area_m2", "登记面积（平方米）", { required: true, unit: "平方米", check: "area_m2 >= 0" }),
    f.text("attachments_on_land", "地上附着物和青苗"),
    f.numeric(15, 2)("amount_yuan", "补偿金额", {
      required: true,
      unit: "元",
      check: "amount_yuan >= 0",
      note: "到户金额；整行密级为敏感",
    }),
    f.date("registered_on", "登记日期", { required: true }),
    common.divisionCode(),
    f.varchar(10)("classification", "密级", { required: true, default: "'sensitive'", codeTable: "classification" }),
    common.createdAt(),
    common.createdBy(),
  ],
  primaryKey: ["id"],
};

export const villageObjectionTable: TableDef = {
  name: "village_objection",
  nameZh: "方案异议统计",
  subsystem: "acquisition",
  description:
    "补偿安置方案公告期间按村（农村集体经济组织）统计的成员总数与认为方案不符合法律法规的成员数；过半数时应组织听证（土地管理法第四十七条第三款，实施条例第二十八条）。按方案修订号分别统计。",
  fields: [
    common.id(),
    common.batchId(),
    f.varchar(12)("village_code", "村级行政区划代码", { required: true, check: "village_code ~ '^[0-9]{12}$'" }),
    f.integer("notice_revision", "方案修订号", { required: true, check: "notice_revision >= 1" }),
    f.integer("members_total", "集体经济组织成员数", { required: true, unit: "人", check: "members_total > 0" }),
    f.integer("members_objecting", "提出异议成员数", {
      required: true,
      unit: "人",
      check: "members_objecting >= 0 AND members_objecting <= members_total",
    }),
    f.date("recorded_on", "统计日期", { required: true }),
    common.divisionCode(),
    common.createdAt(),
    common.createdBy(),
  ],
  primaryKey: ["id"],
  unique: [["batch_id", "village_code", "notice_revision"]],
};

export const agreementSigningTable: TableDef = {
  name: "agreement_signing",
  nameZh: "补偿协议签订情况",
  subsystem: "acquisition",
  description:
    "按村统计的征地补偿安置协议签订户数（实施条例第二十九条：申请征收前与所有权人、使用权人签订协议，个别难以达成协议的在申请时如实说明）。每次统计一行，以最新一行为准。",
  fields: [
    common.id(),
    common.batchId(),
    f.varchar(12)("village_code", "村级行政区划代码", { required: true, check: "village_code ~ '^[0-9]{12}$'" }),
    f.integer("households_total", "应签订户数", { required: true, unit: "户", check: "households_total > 0" }),
    f.integer("households_signed", "已签订户数", {
      required: true,
      unit: "户",
      check: "households_signed >= 0 AND households_signed <= households_total",
    }),
    f.date("as_of", "统计日期", { required: true }),
    f.text("unsigned_note", "未签订情况说明"),
    common.divisionCode(),
    common.createdAt(),
    common.createdBy(),
  ],
  primaryKey: ["id"],
  unique: [["batch_id", "village_code", "as_of"]],
};
