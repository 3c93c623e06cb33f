/**
 * Which area is reported where — as data, so the portal, the report generators and the checks all
 * read the same rule. "plane": shoelace area on the 3° Gauss–Krüger plane coordinates of the
 * 界址点 (planeArea); "ellipsoidal": geodesic area on the CGCS2000 ellipsoid (ellipsoidalArea).
 *
 * The two differ by the Gauss–Krüger scale factor squared, ≈ 1 + (Δλ·cos φ)² where Δλ is the
 * distance from the central meridian in radians: in 成都 (φ ≈ 30.7°) about +0.02 % at 1° from
 * CM 105°E and +0.05 % at 1.5°, the edge of a 3° zone — material for 亩-level compensation sums.
 */
import type { ZoneWidth } from "./zones.ts";

export type AreaKind = "plane" | "ellipsoidal";

export interface AreaRule {
  readonly kind: AreaKind;
  /** Zone width of the plane coordinates, for "plane" rules. */
  readonly zoneWidth?: ZoneWidth;
  /** What the figure is, in the words of the documents it appears in. */
  readonly appliesTo: string;
  /** Standard or regulation the rule comes from. */
  readonly source: string;
}

export const AREA_RULES = {
  /** 勘测定界: 界址点成果 and the 用地面积 computed from them. */
  boundarySurvey: {
    kind: "plane",
    zoneWidth: 3,
    appliesTo: "勘测定界 界址点坐标成果表、勘测定界图及勘测定界技术报告中的用地面积（坐标解析法）",
    source: "TD/T 1008-2007《土地勘测定界规程》：界址点采用高斯—克吕格 3° 分带平面坐标，面积以界址点坐标按解析法计算",
  },
  /** 建设用地报批 (农转用/征收 呈报材料): the area comes from the 勘测定界 result. */
  landApproval: {
    kind: "plane",
    zoneWidth: 3,
    appliesTo: "建设用地报批 呈报说明书、一书四方案（农用地转用方案、补充耕地方案、征收土地方案、供地方案）中的用地总面积",
    source: "《建设用地审查报批管理办法》：报批材料附具土地勘测定界成果；本系统据此取勘测定界面积（见 boundarySurvey）",
  },
  /** 征地: the areas in 征地公告/补偿登记 and compensation sums follow the 勘测定界 result. */
  landAcquisition: {
    kind: "plane",
    zoneWidth: 3,
    appliesTo: "征收土地预公告、征地公告、补偿登记及征地补偿安置方案中的征收面积",
    source:
      "《土地管理法实施条例》(2021) 征收程序（预公告、土地现状调查、补偿安置方案、补偿登记）以勘测定界成果为准；本系统据此取勘测定界面积（见 boundarySurvey）",
  },
  /** 国土调查 statistics: 三调 and the annual 变更调查 (图斑面积, 地类统计). */
  landUseStatistics: {
    kind: "ellipsoidal",
    appliesTo: "第三次全国国土调查及年度国土变更调查的图斑面积、地类面积统计与汇总",
    source: "TD/T 1055-2019《第三次全国国土调查技术规程》：图斑面积采用 CGCS2000 椭球面积计算（椭球面积计算公式），统计汇总以椭球面积为准",
  },
} as const satisfies Record<string, AreaRule>;

export type AreaUse = keyof typeof AREA_RULES;

/** The kind of area to report for a use. */
export function areaKindFor(use: AreaUse): AreaKind {
  return AREA_RULES[use].kind;
}
