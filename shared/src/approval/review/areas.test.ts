import { describe, expect, it } from "vitest";
import { balance, figures, figuresOfUnits } from "./areas.ts";
import { decideAuthority } from "./authority.ts";
import { compareRow } from "./declared.ts";

describe("areas in m², 公顷, 亩", () => {
  it("rounds one figure from its unrounded m² value: m² 0.01, 公顷 0.0001, 亩 0.01 (1 亩 = 10000/15 m²)", () => {
    expect(figures(666.6667)).toEqual({ m2: 666.67, ha: 0.0667, mu: 1 });
    expect(figures(12_345.675)).toEqual({ m2: 12_345.68, ha: 1.2346, mu: 18.52 });
    expect(figures(0.004)).toEqual({ m2: 0, ha: 0, mu: 0 });
  });

  it("balances rows by largest remainder so that every unit adds up to the rounded total", () => {
    const rows = balance([100 / 3, 100 / 3, 100 / 3]);
    const sum = (k: "m2" | "ha" | "mu") => rows.reduce((s, r) => s + r[k], 0);
    // 100 m² = 0.01 公顷 = 0.15 亩: the table prints 33.34 + 33.33 + 33.33, 0.0034 + 0.0033 + 0.0033, 0.05 × 3.
    expect(rows.map((r) => figuresOfUnits(r).m2)).toEqual([33.34, 33.33, 33.33]);
    expect(rows.map((r) => figuresOfUnits(r).ha)).toEqual([0.0034, 0.0033, 0.0033]);
    expect(rows.map((r) => figuresOfUnits(r).mu)).toEqual([0.05, 0.05, 0.05]);
    expect([sum("m2"), sum("ha"), sum("mu")]).toEqual([10_000, 100, 15]);
    // Seven rows whose separate rounding would drift from the total.
    const vals = [1234.565, 2345.675, 3456.785, 4567.895, 5678.905, 6789.015, 7890.125];
    const total = vals.reduce((s, v) => s + v, 0);
    const b = balance(vals, total);
    expect(b.reduce((s, r) => s + r.m2, 0)).toBe(figures(total).m2 * 100);
    expect(b.reduce((s, r) => s + r.ha, 0)).toBe(Math.round(figures(total).ha * 10_000));
    expect(b.reduce((s, r) => s + r.mu, 0)).toBe(Math.round(figures(total).mu * 100));
    for (const [i, r] of b.entries()) expect(Math.abs(r.m2 - (vals[i] as number) * 100)).toBeLessThan(1);
  });
});

describe("批准机关 (《土地管理法》第四十六条)", () => {
  it("any 永久基本农田 → 国务院", () => {
    expect(decideAuthority({ basicFarmlandM2: 1, cultivatedM2: 0, otherM2: 0 }).authority).toBe("GWY");
  });
  it("耕地 over 35 公顷 → 国务院; exactly 35 stays with the province", () => {
    expect(decideAuthority({ basicFarmlandM2: 0, cultivatedM2: 350_000, otherM2: 0 }).authority).toBe("SZF");
    const d = decideAuthority({ basicFarmlandM2: 0, cultivatedM2: 350_001, otherM2: 0 });
    expect(d.authority).toBe("GWY");
    expect(d.reasonsZh.join()).toContain("超过 35 公顷");
  });
  it("other land over 70 公顷 → 国务院; 耕地 and other land are not added up", () => {
    expect(decideAuthority({ basicFarmlandM2: 0, cultivatedM2: 340_000, otherM2: 700_000 }).authority).toBe("SZF");
    expect(decideAuthority({ basicFarmlandM2: 0, cultivatedM2: 0, otherM2: 700_001 }).authority).toBe("GWY");
  });
});

describe("declared comparison", () => {
  it("is within tolerance up to the relative limit or below the 1 m² resolution of 0.0001 公顷", () => {
    expect(compareRow("0101", 10_000, 10_100, 0.01).withinTolerance).toBe(true);
    expect(compareRow("0101", 10_000, 10_101, 0.01).withinTolerance).toBe(false);
    expect(compareRow("0101", 0, 0.5, 0.01)).toMatchObject({ difference: 1, withinTolerance: true });
    expect(compareRow("0101", 0, 2, 0.01)).toMatchObject({ difference: 1, withinTolerance: false });
    expect(compareRow("0101", 0, 0, 0.01)).toMatchObject({ difference: 0, withinTolerance: true });
  });
});
