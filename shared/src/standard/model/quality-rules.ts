/** Quality rules of the standard (质量要求); table definitions refer to them by id. */
export interface QualityRule {
  id: string;
  kind: "拓扑" | "属性" | "档案";
  nameZh: string;
  rule: string;
  source: string;
}

export const QUALITY_RULES: readonly QualityRule[] = [
  {
    id: "geom-valid",
    kind: "拓扑",
    nameZh: "图形有效",
    rule: "多边形有效（OGC Simple Features）：无自相交，环闭合，内环位于外环之内，至少三个不同点。",
    source: "GB/T 21740 / OGC 06-103r4；ST_IsValid",
  },
  {
    id: "ring-closed",
    kind: "拓扑",
    nameZh: "环闭合与方向",
    rule: "每个圈首尾点相同；外环逆时针、内环顺时针（导入时自动纠正并提示）。",
    source: "本标准",
  },
  {
    id: "no-overlap-in-batch",
    kind: "拓扑",
    nameZh: "批次内地块不重叠",
    rule: "同一批次的地块两两之间重叠面积为 0（容差 0.01 平方米）。",
    source: "本标准",
  },
  {
    id: "area-tolerance",
    kind: "属性",
    nameZh: "面积一致",
    rule: "坐标文件申报面积与按坐标计算的平面面积之差不超过 1%（可配置）。",
    source: "本标准；勘测定界技术规程（TD/T 1008）面积量算要求",
  },
  {
    id: "patch-area-ellipsoidal",
    kind: "属性",
    nameZh: "图斑椭球面积",
    rule: "图斑面积 TBMJ 为 CGCS2000 椭球面积，与按图形计算的椭球面积之差不超过 0.01 平方米。",
    source: "《第三次全国国土调查技术规程》（TD/T 1055-2019）",
  },
  {
    id: "code-in-table",
    kind: "属性",
    nameZh: "代码有效",
    rule: "代码字段取值必须属于所引用的代码表（数据库检查约束强制）。",
    source: "本标准 第 7 章",
  },
  {
    id: "archive-complete",
    kind: "档案",
    nameZh: "材料齐全",
    rule: "记录所需的每一类材料都有对应附件，附件的材料类别与记录一致。",
    source: "本标准；组卷材料清单",
  },
  {
    id: "archive-hash",
    kind: "档案",
    nameZh: "档案散列一致",
    rule: "附件文件的 SHA-256 与登记的内容散列一致（图属档一致性检查的“档”）。",
    source: "本标准",
  },
  {
    id: "quota-non-negative",
    kind: "属性",
    nameZh: "指标不透支",
    rule: "任何一笔指标变动后，相应年度、区县、指标类型的可用余额不得为负。",
    source: "土地利用年度计划管理办法",
  },
];
