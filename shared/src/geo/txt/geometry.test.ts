import { describe, expect, it } from "vitest";
import { orient, type Pos, pointInRing, ringSelfIntersections, segmentContact, signedDoubleArea } from "./geometry.ts";

describe("orient (robust)", () => {
  it("decides near-collinear triples exactly, also with zone-prefixed magnitudes", () => {
    const a: Pos = [35405200.001, 3394500.001];
    const b: Pos = [35405300.001, 3394600.001];
    // c on the line a–b up to one ulp either way.
    const ulp = 2 ** -26 * 4; // ≈ 6e-8 > ulp(3.5e7) ≈ 7.5e-9
    expect(orient(a, b, [35405250.001, 3394550.001])).toBe(0);
    expect(orient([0.5, 0.5], [12, 12], [24, 24])).toBe(0);
    expect(orient(a, b, [35405250.001, 3394550.001 + ulp])).toBe(1);
    expect(orient(a, b, [35405250.001, 3394550.001 - ulp])).toBe(-1);
    // The classic failure case of the naive determinant.
    for (let i = 0; i < 64; i++) {
      const c: Pos = [0.5 + i * 2 ** -53, 0.5];
      const exact = orient([12, 12], [24, 24], c);
      expect([-1, 0, 1]).toContain(exact);
      expect(orient([24, 24], [12, 12], c)).toBe(-exact || 0);
    }
  });
});

describe("segmentContact", () => {
  it("classifies crossings, touches and overlaps", () => {
    expect(segmentContact([0, 0], [2, 2], [0, 2], [2, 0])).toEqual({ kind: "cross", at: [1, 1] });
    expect(segmentContact([0, 0], [2, 0], [1, 0], [1, 5])).toEqual({ kind: "touch", at: [1, 0] });
    expect(segmentContact([0, 0], [2, 0], [1, 0], [3, 0])?.kind).toBe("overlap");
    expect(segmentContact([0, 0], [2, 0], [3, 0], [4, 0])).toBeNull();
    expect(segmentContact([0, 0], [2, 0], [0, 1], [2, 1])).toBeNull();
  });
});

describe("ringSelfIntersections", () => {
  it("finds the crossing of a bow-tie and nothing in a convex ring", () => {
    expect(
      ringSelfIntersections([
        [0, 0],
        [10, 10],
        [10, 0],
        [0, 10],
      ]),
    ).toEqual([{ edgeA: 0, edgeB: 2, kind: "cross", at: [5, 5] }]);
    expect(
      ringSelfIntersections([
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
      ]),
    ).toEqual([]);
  });

  it("finds a ring touching itself at a vertex", () => {
    const r: Pos[] = [
      [0, 0],
      [10, 0],
      [5, 5],
      [10, 10],
      [0, 10],
      [5, 5],
    ];
    expect(ringSelfIntersections(r).length).toBeGreaterThan(0);
  });

  it("handles 2000-vertex rings quickly", () => {
    const n = 2000;
    const ring: Pos[] = Array.from({ length: n }, (_, i) => {
      const t = (2 * Math.PI * i) / n;
      const r = 500 + 20 * Math.sin(17 * t);
      return [405000 + r * Math.cos(t), 3394000 + r * Math.sin(t)];
    });
    const t0 = performance.now();
    expect(ringSelfIntersections(ring)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(signedDoubleArea(ring)).toBeGreaterThan(0);
  });
});

describe("pointInRing", () => {
  it("tells inside, outside and boundary apart", () => {
    const sq: Pos[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ];
    expect(pointInRing([5, 5], sq)).toBe("inside");
    expect(pointInRing([15, 5], sq)).toBe("outside");
    expect(pointInRing([10, 5], sq)).toBe("boundary");
    expect(pointInRing([0, 0], sq)).toBe("boundary");
    expect(pointInRing([5, 10.000001], sq)).toBe("outside");
  });
});
