/**
 * The 土地分类面积汇总表 from overlay shares already on the plane-area basis: by 二级地类, by 三大类
 * (农用地 of which 耕地, 建设用地, 未利用地, and the part not covered by any 图斑), by 权属性质 and by 村.
 */
import { landClass, majorClassOf, OWNERSHIP_KINDS } from "../../standard/codes/index.ts";
import { type AreaUnits, addUnits, balance, figures, figuresOfUnits, ZERO_UNITS } from "./areas.ts";
import type { ClassRow, LandClassTable, MajorClassTotals, OwnershipRow, VillageRow } from "./types.ts";

/** One overlay share on the plane-area basis (m², unrounded). */
export interface PlaneShare {
  dlbm: string;
  qsxz: string;
  village: string;
  m2: number;
}

const MAJOR_KEY = { 农用地: "agricultural", 建设用地: "construction", 未利用地: "unused" } as const;

/** 国有 (10 所有权, 20 使用权) or 集体 (30–34 所有权, 40 使用权). */
export function ownershipKindOf(qsxz: string): "state" | "collective" {
  return qsxz.startsWith("1") || qsxz.startsWith("2") ? "state" : "collective";
}

/** 耕地: 一级类 01 (0101 水田, 0102 水浇地, 0103 旱地). */
export function isCultivated(dlbm: string): boolean {
  return dlbm.startsWith("01");
}

function groupSum<K extends string>(shares: readonly PlaneShare[], key: (s: PlaneShare) => K): Map<K, number> {
  const m = new Map<K, number>();
  for (const s of shares) m.set(key(s), (m.get(key(s)) ?? 0) + s.m2);
  return m;
}

/** Rows of one grouping balanced to the total, together with the uncovered part (which is then dropped). */
function balancedRows<K extends string>(groups: Map<K, number>, totalM2: number, uncoveredM2: number): { key: K; units: AreaUnits }[] {
  const keys = [...groups.keys()].sort();
  const units = balance([...keys.map((k) => groups.get(k) as number), uncoveredM2], totalM2);
  return keys.map((key, i) => ({ key, units: units[i] as AreaUnits }));
}

/**
 * @param shares overlay shares on the plane basis; together with `uncoveredM2` they make `totalM2`.
 * @param villageNames 村 names by 12-digit code (the code itself is printed when absent).
 */
export function buildClassTable(
  shares: readonly PlaneShare[],
  totalM2: number,
  uncoveredM2: number,
  villageNames: ReadonlyMap<string, string>,
): LandClassTable {
  const classGroups = groupSum(shares, (s) => s.dlbm);
  const classKeys = [...classGroups.keys()].sort();
  const classUnits = balance([...classKeys.map((k) => classGroups.get(k) as number), uncoveredM2], totalM2);
  const byClass: ClassRow[] = classKeys.map((dlbm, i) => {
    const major = majorClassOf(dlbm);
    return {
      dlbm,
      name: landClass(dlbm)?.name ?? dlbm,
      // An unknown or undivided code cannot be 农用地/建设用地 for sure; 未利用地 is the cautious bucket.
      major: MAJOR_KEY[major ?? "未利用地"],
      area: figuresOfUnits(classUnits[i] as AreaUnits),
    };
  });

  const sums: Record<"agricultural" | "cultivated" | "construction" | "unused", AreaUnits> = {
    agricultural: ZERO_UNITS,
    cultivated: ZERO_UNITS,
    construction: ZERO_UNITS,
    unused: ZERO_UNITS,
  };
  classKeys.forEach((dlbm, i) => {
    const u = classUnits[i] as AreaUnits;
    const key = MAJOR_KEY[majorClassOf(dlbm) ?? "未利用地"];
    sums[key] = addUnits(sums[key], u);
    if (isCultivated(dlbm)) sums.cultivated = addUnits(sums.cultivated, u);
  });
  const byMajor: MajorClassTotals = {
    agricultural: figuresOfUnits(sums.agricultural),
    cultivated: figuresOfUnits(sums.cultivated),
    construction: figuresOfUnits(sums.construction),
    unused: figuresOfUnits(sums.unused),
    uncovered: figuresOfUnits(classUnits[classKeys.length] as AreaUnits),
  };

  const byOwnership: OwnershipRow[] = balancedRows(
    groupSum(shares, (s) => s.qsxz),
    totalM2,
    uncoveredM2,
  ).map(({ key, units }) => ({
    qsxz: key,
    name: OWNERSHIP_KINDS.find((k) => k.code === key)?.name ?? key,
    kind: ownershipKindOf(key),
    area: figuresOfUnits(units),
  }));

  const byVillage: VillageRow[] = balancedRows(
    groupSum(shares, (s) => s.village),
    totalM2,
    uncoveredM2,
  ).map(({ key, units }) => ({ code: key, name: villageNames.get(key) ?? key, area: figuresOfUnits(units) }));

  return { total: figures(totalM2), byClass, byMajor, byOwnership, byVillage };
}
