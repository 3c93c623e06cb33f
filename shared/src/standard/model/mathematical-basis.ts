import { AREA_PRECISION, AREA_RULES } from "../../geo/crs/index.ts";

/** Chapter 5 (数学基础) of the standard, written from the geo module's rules so the two agree. */
export function mathematicalBasis(): string[] {
  const lines = [
    "- **坐标系统**：2000 国家大地坐标系（CGCS2000）。数据库统一以地理坐标存储（EPSG:4490，单位：度）；椭球参数 a = 6378137 m，f = 1/298.257222101。",
    "- **高程基准**：1985 国家高程基准。",
    "- **地图投影**：高斯—克吕格投影。3° 分带带号 25–45（中央经线 75°E–135°E），带号前缀坐标为 EPSG:4513–4533，无带号前缀坐标为 EPSG:4534–4554；6° 分带带号 13–23，对应 EPSG:4491–4501（有前缀）与 EPSG:4502–4512（无前缀）。成都市位于 3° 带第 35 带（中央经线 105°E，EPSG:4523 / 4544）与 6° 带第 18 带。",
    "- **坐标轴约定**：测量坐标 X 为纵坐标（北向），Y 为横坐标（东向）；Y 值前两位（8 位整数部分时）为带号。",
    "- **带号识别**：优先取坐标文件声明的带号；未声明时由 Y 坐标的带号前缀识别，仍无法识别时由经度计算。",
    "",
    "面积计算规则：",
    "",
    "| 用途 | 面积类型 | 适用 | 依据 |",
    "|---|---|---|---|",
  ];
  for (const [use, rule] of Object.entries(AREA_RULES)) {
    lines.push(
      `| ${use} | ${rule.kind === "plane" ? "平面面积（高斯投影 3° 带，坐标解析法）" : "椭球面积（CGCS2000 椭球）"} | ${rule.appliesTo} | ${rule.source} |`,
    );
  }
  lines.push(
    "",
    `面积单位与精度：平方米保留 ${AREA_PRECISION.m2} 位小数，公顷保留 ${AREA_PRECISION.ha} 位小数，亩保留 ${AREA_PRECISION.mu} 位小数（1 亩 = 10000/15 平方米）；各单位均由未经舍入的平方米换算后再舍入。`,
  );
  return lines;
}
