/**
 * Areas of the 土地分类面积汇总表 in m², 公顷 and 亩, and their rounding.
 *
 * Rounding rule (ROUNDING_RULE_ZH, printed in every report): m² to 0.01, 公顷 to 0.0001, 亩 to 0.01,
 * 1 亩 = 10000/15 m². A single figure is rounded from its unrounded m² value (half away from zero).
 * The rows of a table are balanced per unit by largest remainder (allocateCents, as for
 * parcel_class_area) so that they add up to the rounded total; 三大类 and 耕地 are sums of the
 * balanced 二级类 rows, so the printed table adds up both ways.
 */
import { M2_PER_MU } from "../../acquisition/personal-data.ts";
import { allocateCents } from "../import-boundary-survey.ts";
import type { AreaFigures } from "./types.ts";

export const ROUNDING_RULE_ZH =
  "面积以平方米计至 0.01、公顷计至 0.0001、亩计至 0.01（1 亩 = 10000/15 平方米）；各数均由未取舍的平方米值换算后四舍五入，表内各行按最大余数法平差，使各行之和等于取舍后的合计；三大类及其中耕地为二级类各行之和。";

/** Integer counts of the smallest printed unit: 0.01 m², 0.0001 公顷 (= 1 m²), 0.01 亩. */
export interface AreaUnits {
  m2: number;
  ha: number;
  mu: number;
}

const PER_M2: AreaUnits = { m2: 100, ha: 1, mu: 100 / M2_PER_MU };
const UNIT_KEYS = ["m2", "ha", "mu"] as const;

function roundUnits(v: number): number {
  // Guard against 0.1 + 0.2 style residue deciding a half.
  const x = Math.round(v * 1e6) / 1e6;
  return Math.sign(x) * Math.round(Math.abs(x));
}

export function unitsOf(m2: number): AreaUnits {
  return { m2: roundUnits(m2 * PER_M2.m2), ha: roundUnits(m2 * PER_M2.ha), mu: roundUnits(m2 * PER_M2.mu) };
}

export function figuresOfUnits(u: AreaUnits): AreaFigures {
  return { m2: u.m2 / 100, ha: u.ha / 10_000, mu: u.mu / 100 };
}

/** One figure rounded from its unrounded m² value. */
export function figures(m2: number): AreaFigures {
  return figuresOfUnits(unitsOf(m2));
}

export const ZERO_UNITS: AreaUnits = { m2: 0, ha: 0, mu: 0 };

export function addUnits(a: AreaUnits, b: AreaUnits): AreaUnits {
  return { m2: a.m2 + b.m2, ha: a.ha + b.ha, mu: a.mu + b.mu };
}

/**
 * Rows (unrounded m², ≥ 0) rounded per unit and balanced by largest remainder so that they add up to
 * the rounded `totalM2` (default: their sum).
 */
export function balance(valuesM2: readonly number[], totalM2?: number): AreaUnits[] {
  const total = totalM2 ?? valuesM2.reduce((s, v) => s + v, 0);
  const out: AreaUnits[] = valuesM2.map(() => ({ ...ZERO_UNITS }));
  for (const k of UNIT_KEYS) {
    // allocateCents counts hundredths of its input; feed it the unit count / 100.
    const counts = allocateCents(
      valuesM2.map((v) => (Math.max(0, v) * PER_M2[k]) / 100),
      unitsOf(total)[k],
    );
    counts.forEach((c, i) => {
      (out[i] as AreaUnits)[k] = c;
    });
  }
  return out;
}
