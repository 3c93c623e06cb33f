import { common, f, type TableDef } from "../types.ts";

/** Overlap kinds of a 报批审查 (ReviewReport OverlapKind). */
export const REVIEW_OVERLAP_KINDS = [
  "basic_farmland",
  "eco_redline",
  "outside_urban_boundary",
  "approved_parcel",
  "supplied_land",
] as const;
const quoted = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(", ");

// A control line is one (multi)polygon per county or village: up to hundreds of thousands of vertices.
// Every overlay against it would walk all of them; pieces of ≤ 256 vertices with their own bounding
// boxes let the GiST index pick the few that matter (ST_Subdivide). Polygons of ≤ 1024 vertices stay whole.
export const controlLinePartTable: TableDef = {
  name: "control_line_part",
  nameZh: "规划管控线分块",
  subsystem: "base",
  description:
    "规划管控线的多边形分块：不超过 1024 个顶点的多边形原样保存，更大的按不超过 256 个顶点切分（ST_Subdivide）。由触发器随 control_line 自动维护，不接受直接写入；仅用于叠加分析提速；各分块互不重叠，合并即原图形。",
  fields: [
    common.serialId(),
    f.bigint("control_line_id", "规划管控线标识码", { required: true, references: "control_line.id", onDelete: "cascade" }),
    f.varchar(20)("kind", "管控线类型", { required: true, codeTable: "controlLineKind" }),
    common.divisionCode(),
    f.geometry("Polygon")("geom", "分块图形", { required: true, note: "CGCS2000 地理坐标（EPSG:4490）" }),
  ],
  primaryKey: ["id"],
};

export const reviewTable: TableDef = {
  name: "review",
  nameZh: "报批审查",
  subsystem: "approval",
  description:
    "批次的空间审查结果（土地分类面积汇总表、与三条控制线及已批、已供土地的重叠、批准机关）。每次审查（含补正后复审）新增一个版本，历史版本保留不改。",
  fields: [
    common.id(),
    common.batchId(),
    f.integer("version", "审查版本号", { required: true, check: "version >= 1", note: "同一批次从 1 起连续编号" }),
    f.boolean("passed", "审查通过", { required: true, note: "无阻断性问题" }),
    f.varchar(10)("authority", "批准机关", { required: true, codeTable: "approvalAuthority", note: "按《土地管理法》第四十六条判定" }),
    f.numeric(15, 2)("total_area_m2", "审查总面积", { required: true, unit: "平方米", note: "勘测定界平面面积" }),
    f.jsonb("report", "审查报告", { required: true, note: "ReviewReport（shared/src/approval/review/types.ts）" }),
    common.divisionCode(),
    common.createdAt(),
    common.createdBy(),
  ],
  primaryKey: ["id"],
  unique: [["batch_id", "version"]],
  appendOnly: true,
};

export const reviewOverlapTable: TableDef = {
  name: "review_overlap",
  nameZh: "报批审查重叠图斑",
  subsystem: "approval",
  description:
    "审查发现的每一处重叠（地块与永久基本农田、生态保护红线、已批地块、已供地的交集，或城镇开发边界以外部分）及其图形，供地图与接口使用。",
  fields: [
    common.serialId(),
    f.uuid("review_id", "报批审查标识码", { required: true, references: "review.id" }),
    f.varchar(30)("kind", "重叠类型", { required: true, check: `kind IN (${quoted(REVIEW_OVERLAP_KINDS)})` }),
    f.varchar(10)("severity", "严重程度", { required: true, check: "severity IN ('blocking', 'warning', 'info')" }),
    f.uuid("parcel_id", "地块标识码", { required: true, note: "审查时的地块；补正重新导入后地块可能已替换，故不设外键" }),
    f.varchar(40)("parcel_no", "地块编号", { required: true }),
    f.varchar(40)("ref_table", "重叠对象所在表", { required: true }),
    f.varchar(40)("ref_id", "重叠对象标识码"),
    f.varchar(300)("ref_label", "重叠对象"),
    f.numeric(15, 2)("area_m2", "重叠面积", { required: true, unit: "平方米", note: "椭球面积按地块平面/椭球面积比换算到平面面积口径" }),
    common.divisionCode(),
    common.geom(),
  ],
  primaryKey: ["id"],
  appendOnly: true,
  qualityRules: ["geom-valid"],
};
