import { common, f, type TableDef } from "../types.ts";

// Field names follow the 第三次全国国土调查 数据库标准 (TD/T 1057 / 三调数据库标准) DLTB layer.
export const landUsePatchTable: TableDef = {
  name: "land_use_patch",
  nameZh: "地类图斑（DLTB）",
  subsystem: "base",
  description: "国土调查地类图斑层，来自“一张图”，用于报批审查的地类核算与叠加分析。",
  fields: [
    common.serialId(),
    f.varchar(18)("bsm", "标识码", { required: true }),
    f.varchar(5)("dlbm", "地类编码", { required: true, codeTable: "landClass" }),
    f.varchar(60)("dlmc", "地类名称", { required: true }),
    f.varchar(2)("qsxz", "权属性质", { required: true, codeTable: "ownershipKind" }),
    f.varchar(19)("qsdwdm", "权属单位代码"),
    f.varchar(19)("zldwdm", "坐落单位代码", { required: true }),
    f.numeric(15, 2)("tbmj", "图斑面积", { required: true, unit: "平方米", note: "椭球面积" }),
    common.divisionCode("县级行政区划代码"),
    common.geom(),
  ],
  primaryKey: ["id"],
  unique: [["bsm"]],
  qualityRules: ["geom-valid", "code-in-table", "patch-area-ellipsoidal"],
};

export const controlLineTable: TableDef = {
  name: "control_line",
  nameZh: "规划管控线",
  subsystem: "base",
  description: "永久基本农田、生态保护红线、城镇开发边界（三条控制线）图层，报批审查据此判断占用情况。",
  fields: [
    common.serialId(),
    f.varchar(20)("kind", "管控线类型", { required: true, codeTable: "controlLineKind" }),
    f.varchar(200)("name", "名称"),
    f.varchar(200)("source", "数据来源", { note: "批准文件或数据版本" }),
    common.divisionCode(),
    common.geom(),
  ],
  primaryKey: ["id"],
  qualityRules: ["geom-valid", "code-in-table"],
};
