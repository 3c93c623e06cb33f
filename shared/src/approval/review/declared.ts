/**
 * Comparison of the computed 土地分类面积 with the declared one (the 勘测定界 报告 / 呈报材料 table),
 * per 地类 and for the total. A row is within tolerance when the difference is at most `tolerance`
 * of the declared area, or below 1 m² — declared areas are written in 公顷 to 0.0001, i.e. 1 m².
 */
import type { ClassRow, DeclaredComparisonRow } from "./types.ts";

export const DECLARED_RESOLUTION_M2 = 1;

export interface DeclaredArea {
  dlbm: string;
  areaM2: number;
}

export function compareRow(dlbm: string, declaredM2: number, computedM2: number, tolerance: number): DeclaredComparisonRow {
  const diff = Math.abs(computedM2 - declaredM2);
  // Declared 0 but computed > 0 has no ratio; 1 (100 %) keeps the JSON finite and the row flagged.
  const difference = declaredM2 > 0 ? diff / declaredM2 : computedM2 > 0 ? 1 : 0;
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    dlbm,
    declaredM2: round(declaredM2),
    computedM2: round(computedM2),
    difference: Math.round(difference * 1e6) / 1e6,
    withinTolerance: diff <= tolerance * declaredM2 || diff < DECLARED_RESOLUTION_M2,
  };
}

/**
 * One row per 地类 declared or computed (sorted by code), then "total". Declared rows of one code are
 * summed. With no declared rows at all there is nothing to compare and the result is empty.
 */
export function compareDeclared(
  declared: readonly DeclaredArea[],
  byClass: readonly ClassRow[],
  declaredTotalM2: number,
  computedTotalM2: number,
  tolerance: number,
): DeclaredComparisonRow[] {
  if (declared.length === 0) return [];
  const d = new Map<string, number>();
  for (const row of declared) d.set(row.dlbm, (d.get(row.dlbm) ?? 0) + row.areaM2);
  const c = new Map(byClass.map((r) => [r.dlbm, r.area.m2]));
  const codes = [...new Set([...d.keys(), ...c.keys()])].sort();
  return [
    ...codes.map((code) => compareRow(code, d.get(code) ?? 0, c.get(code) ?? 0, tolerance)),
    compareRow("total", declaredTotalM2, computedTotalM2, tolerance),
  ];
}
