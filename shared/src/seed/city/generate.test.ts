import { describe, expect, it } from "vitest";
import { buildCity, CITY_CLASSES, cityHash } from "./generate.ts";

describe("synthetic city generator", () => {
  it("is deterministic by seed", () => {
    const a = cityHash(buildCity({ scale: "tiny", seed: "chengdu" }));
    const b = cityHash(buildCity({ scale: "tiny", seed: "chengdu" }));
    const c = cityHash(buildCity({ scale: "tiny", seed: "chengdu-2" }));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("tessellates the study area: patch areas sum to the boundary area", () => {
    const model = buildCity({ scale: "tiny", seed: 7 });
    let sum = 0;
    const bsm = new Set<string>();
    for (const chunk of model.patchChunks(100)) {
      for (const r of chunk) {
        sum += Number(r.tbmj);
        expect(r.bsm).toHaveLength(18);
        bsm.add(r.bsm);
        expect(CITY_CLASSES).toContain(r.dlbm as (typeof CITY_CLASSES)[number]);
        expect(r.zldwdm).toMatch(/^\d{12}$/);
        expect(r.zldwdm.slice(0, 6)).toBe(r.divisionCode);
        expect(r.tbmj).toMatch(/^\d+\.\d{2}$/);
      }
    }
    expect(bsm.size).toBe(model.patchCount);
    expect(model.patchCount).toBeGreaterThan(350);
    expect(model.patchCount).toBeLessThan(800);
    expect(Math.abs(sum - model.boundaryArea) / model.boundaryArea).toBeLessThan(1e-4);
  });

  it("names 乡镇 and 村 with GB/T 10114-style codes under their county", () => {
    const model = buildCity({ scale: "small", seed: "names" });
    const divisions = [...model.divisions()];
    const towns = divisions.filter((d) => d.level === "town");
    const villages = divisions.filter((d) => d.level === "village");
    expect(divisions.filter((d) => d.level === "county")).toHaveLength(4);
    expect(towns.length).toBeGreaterThanOrEqual(8);
    expect(villages.length).toBeGreaterThanOrEqual(2 * towns.length);
    for (const t of towns) {
      expect(t.code).toMatch(/^\d{9}$/);
      expect(t.code.slice(0, 6)).toBe(t.parentCode);
      expect(t.name).toMatch(/(镇|街道|乡)$/);
    }
    const townCodes = new Set(towns.map((t) => t.code));
    for (const v of villages) {
      expect(v.code).toMatch(/^\d{12}$/);
      expect(townCodes.has(v.parentCode)).toBe(true);
      expect(v.code.slice(0, 9)).toBe(v.parentCode);
      expect(v.name).toMatch(/(村|社区)$/);
    }
    expect(new Set(divisions.map((d) => d.code)).size).toBe(divisions.length);
  });

  it("has a plausible class mix at the small scale", () => {
    const model = buildCity({ scale: "small", seed: "mix" });
    const area: Record<string, number> = {};
    let total = 0;
    for (const chunk of model.patchChunks()) {
      for (const r of chunk) {
        const a = Number(r.tbmj);
        area[r.dlbm.slice(0, 2)] = (area[r.dlbm.slice(0, 2)] ?? 0) + a;
        total += a;
      }
    }
    const share = (k: string): number => (area[k] ?? 0) / total;
    expect(model.patchCount).toBeGreaterThan(15_000);
    expect(share("01")).toBeGreaterThan(0.3);
    expect(share("01")).toBeLessThan(0.7);
    expect(share("03")).toBeGreaterThan(0.05);
    expect(share("07")).toBeGreaterThan(0.04);
    expect(share("10")).toBeGreaterThan(0.01);
    expect(share("11")).toBeGreaterThan(0.01);
  });
});
