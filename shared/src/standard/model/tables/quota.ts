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
