/** Chinese names of the codes in a ReviewReport, shared by the document and the map legend. */
import type { AuthorityDecision, FindingSeverity, OverlapKind } from "../types.ts";

export const OVERLAP_KIND_ZH = {
  basic_farmland: "永久基本农田",
  eco_redline: "生态保护红线",
  outside_urban_boundary: "城镇开发边界外",
  approved_parcel: "已批建设用地",
  supplied_land: "已供地",
} as const satisfies Record<OverlapKind, string>;

/** Legend and table order: control lines first (the blocking kinds), then land records. */
export const OVERLAP_KIND_ORDER: readonly OverlapKind[] = [
  "basic_farmland",
  "eco_redline",
  "outside_urban_boundary",
  "approved_parcel",
  "supplied_land",
];

export const SEVERITY_ZH = { blocking: "阻断性问题", warning: "警示性问题", info: "提示" } as const satisfies Record<
  FindingSeverity,
  string
>;

/** Short form for narrow table columns. */
export const SEVERITY_SHORT_ZH = { blocking: "阻断", warning: "警示", info: "提示" } as const satisfies Record<FindingSeverity, string>;

export const SEVERITY_ORDER: readonly FindingSeverity[] = ["blocking", "warning", "info"];

export const AUTHORITY_ZH = { GWY: "国务院", SZF: "四川省人民政府" } as const satisfies Record<AuthorityDecision["authority"], string>;

export function majorClassZh(major: string): string {
  return major === "agricultural" ? "农用地" : major === "construction" ? "建设用地" : major === "unused" ? "未利用地" : major;
}

export function ownershipKindZh(kind: "state" | "collective"): string {
  return kind === "state" ? "国有" : "集体";
}
