import { common, f, type TableDef } from "../types.ts";

export const quotaMovementTable: TableDef = {
  name: "quota_movement",
  nameZh: "计划指标台账",
  subsystem: "quota",
  description:
    "年度计划指标的每一笔变动（下达、预安排、使用、调剂、退回、调整），只追加不修改；余额由变动汇总得出，任何变动不得使可用余额为负。",
  fields: [
    common.serialId(),
    f.integer("year", "指标年度", { required: true, check: "year BETWEEN 1999 AND 2100" }),
    common.divisionCode(),
    f.varchar(30)("quota_kind", "指标类型", { required: true, codeTable: "quotaKind" }),
    f.varchar(20)("kind", "变动类型", { required: true, codeTable: "quotaMovementKind" }),
    f.numeric(15, 4)("amount_ha", "变动面积", { required: true, unit: "公顷", note: "增加为正，减少为负" }),
    common.batchId(false),
    f.varchar(100)("doc_ref", "依据文件", { required: true }),
    f.text("reason", "事由", { required: true }),
    f.uuid("transfer_group", "调剂组标识", { note: "一次调剂的两笔变动共用" }),
    common.createdAt(),
    common.createdBy(),
  ],
  primaryKey: ["id"],
  appendOnly: true,
  qualityRules: ["code-in-table", "quota-non-negative"],
};

export const landSupplyTable: TableDef = {
  name: "land_supply",
  nameZh: "供地",
  subsystem: "quota",
  description: "已批土地的供应（出让、划拨）及开工情况，用于批而未供与闲置土地监测。",
  fields: [
    common.id(),
    f.uuid("parcel_id", "地块标识码", { references: "parcel.id" }),
    f.varchar(10)("supply_kind", "供地方式", { required: true, codeTable: "supplyKind" }),
    f.varchar(60)("contract_no", "合同或划拨决定书编号", { required: true }),
    f.date("supplied_on", "供地日期", { required: true }),
    f.numeric(15, 4)("area_ha", "供地面积", { required: true, unit: "公顷" }),
    f.date("agreed_start_on", "约定开工日期"),
    f.date("actual_start_on", "实际开工日期"),
    common.divisionCode(),
    common.geom(false),
    common.createdAt(),
  ],
  primaryKey: ["id"],
  unique: [["contract_no"]],
  qualityRules: ["geom-valid", "code-in-table"],
};

export const quotaBalanceTable: TableDef = {
  name: "quota_balance",
  nameZh: "计划指标余额",
  subsystem: "quota",
  description:
    "每个指标账户（年度 × 区县 × 指标类型）的余额缓存，与台账的每一笔变动在同一事务中更新；余额以台账汇总为准，`land quota verify` 逐账户重算核对。",
  fields: [
    f.integer("year", "指标年度", { required: true, check: "year BETWEEN 1999 AND 2100" }),
    common.divisionCode(),
    f.varchar(30)("quota_kind", "指标类型", { required: true, codeTable: "quotaKind" }),
    f.numeric(15, 4)("allocated_ha", "下达", { required: true, default: "0", unit: "公顷", note: "下达变动之和" }),
    f.numeric(15, 4)("reserved_ha", "预安排", { required: true, default: "0", unit: "公顷", note: "尚未核销的预安排" }),
    f.numeric(15, 4)("used_ha", "已使用", { required: true, default: "0", unit: "公顷", note: "使用减去退回的已使用" }),
    f.numeric(15, 4)("transferred_ha", "调剂净额", { required: true, default: "0", unit: "公顷", note: "调入为正，调出为负" }),
    f.numeric(15, 4)("adjusted_ha", "调整净额", { required: true, default: "0", unit: "公顷" }),
    f.numeric(15, 4)("available_ha", "可用余额", {
      required: true,
      default: "0",
      unit: "公顷",
      check: "available_ha >= 0",
      note: "下达 − 预安排 − 已使用 + 调剂 + 调整，等于台账变动之和",
    }),
    f.integer("movements", "变动笔数", { required: true, default: "0" }),
    common.updatedAt(),
  ],
  primaryKey: ["year", "division_code", "quota_kind"],
  qualityRules: ["code-in-table", "quota-non-negative"],
};

export const constructionProgressTable: TableDef = {
  name: "construction_progress",
  nameZh: "开发建设进度",
  subsystem: "quota",
  description:
    "已供土地的开发建设进度上报（已开发面积、已投资比例、是否中止），用于按《闲置土地处置办法》第二条判定已动工但开发不足且中止满一年的闲置土地；只追加不修改。",
  fields: [
    common.serialId(),
    f.uuid("land_supply_id", "供地标识码", { required: true, references: "land_supply.id" }),
    f.date("reported_on", "上报日期", { required: true }),
    f.numeric(15, 4)("developed_area_ha", "已开发面积", { required: true, unit: "公顷", check: "developed_area_ha >= 0" }),
    f.numeric(5, 2)("invested_percent", "已投资比例", {
      required: true,
      unit: "%",
      check: "invested_percent BETWEEN 0 AND 100",
      note: "已投资额占总投资额",
    }),
    f.boolean("stopped", "中止开发", { required: true, default: "false" }),
    f.text("note", "说明"),
    common.divisionCode(),
    common.createdAt(),
    common.createdBy(),
  ],
  primaryKey: ["id"],
  appendOnly: true,
};
