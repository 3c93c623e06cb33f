import { DOMParser, type Document } from "@xmldom/xmldom";
import geographiclib from "geographiclib-geodesic";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { CGCS2000_ELLIPSOID, zoneFromEpsg } from "../../../geo/crs/zones.ts";
import type { ReviewReport } from "../types.ts";
import { buildSampleReport } from "./fixtures/sample-report.ts";
import { renderReviewMapPng, renderReviewMapSvg } from "./index.ts";
import { buildMapScene, niceLength, type Pt, pointScaleFactor, trueNorthBearing } from "./map-scene.ts";

const report = buildSampleReport();
const SIZE = { width: 1200, height: 900 };

function parseSvg(svg: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== "warning") errors.push(msg);
    },
  }).parseFromString(svg, "image/svg+xml");
  expect(errors).toEqual([]);
  return doc;
}

function legendKeys(svg: string): string[] {
  return [...parseSvg(svg).getElementsByTagName("g")].map((g) => g.getAttribute("data-legend")).filter((k): k is string => !!k);
}

function centroid(ring: Pt[]): Pt {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

describe("renderReviewMapSvg", () => {
  it("is well-formed XML with labels escaped", () => {
    const tricky: ReviewReport = {
      ...report,
      parcels: report.parcels.map((p, i) => (i === 0 ? { ...p, parcelNo: `A&B<1>"'` } : p)),
    };
    const svg = renderReviewMapSvg(tricky, SIZE);
    const doc = parseSvg(svg);
    const texts = [...doc.getElementsByTagName("text")].map((t) => t.textContent);
    expect(texts).toContain(`A&B<1>"'`);
    expect(doc.documentElement?.getAttribute("width")).toBe("1200");
  });

  it("has legend entries for the parcel and exactly the overlap kinds present, in Chinese", () => {
    expect(legendKeys(renderReviewMapSvg(report, SIZE))).toEqual([
      "parcel",
      "basic_farmland",
      "eco_redline",
      "outside_urban_boundary",
      "approved_parcel",
      "supplied_land",
    ]);
    const onlyRedline = { ...report, overlaps: report.overlaps.filter((o) => o.kind === "eco_redline") };
    const svg = renderReviewMapSvg(onlyRedline, SIZE);
    expect(legendKeys(svg)).toEqual(["parcel", "eco_redline"]);
    expect(svg).toContain("生态保护红线");
    expect(svg).not.toContain("永久基本农田");
    expect(legendKeys(renderReviewMapSvg({ ...report, overlaps: [] }, SIZE))).toEqual(["parcel"]);
  });

  it("draws holes with the even-odd rule and copes with a report without parcels", () => {
    const svg = renderReviewMapSvg(report, SIZE);
    const first = parseSvg(svg).getElementById("parcels")?.getElementsByTagName("path")[0];
    expect(first?.getAttribute("fill-rule")).toBe("evenodd");
    expect(first?.getAttribute("d")?.match(/M/g)).toHaveLength(2); // outer ring and hole
    const empty = renderReviewMapSvg({ ...report, parcels: [], overlaps: [] }, SIZE);
    expect(empty).toContain("本批次无地块图形");
    parseSvg(empty);
  });

  it("rejects sizes it cannot lay out", () => {
    expect(() => renderReviewMapSvg(report, { width: 10, height: 10 })).toThrow(RangeError);
  });
});

describe("map scene geometry", () => {
  const spec = zoneFromEpsg(4544);

  it("uses the Gauss–Krüger point scale factor and the meridian convergence at 成都", () => {
    // 104.06°E is 0.94° west of CM 105°E: k ≈ 1 + (Δλ·cos φ)²·(1 + η²)/2, γ ≈ Δλ·sin φ.
    const dl = ((104.06 - 105) * Math.PI) / 180;
    const phi = (30.62 * Math.PI) / 180;
    const f = CGCS2000_ELLIPSOID.f;
    const eta2 = ((f * (2 - f)) / (1 - f) ** 2) * Math.cos(phi) ** 2;
    expect(pointScaleFactor(104.06, 30.62, spec)).toBeCloseTo(1 + ((dl * Math.cos(phi)) ** 2 * (1 + eta2)) / 2, 7);
    // West of the central meridian true north leans east of grid north.
    expect(trueNorthBearing(104.06, 30.62, spec)).toBeCloseTo((-dl * Math.sin(phi) * 180) / Math.PI, 2);
    expect(niceLength(237)).toBe(200);
    expect(niceLength(99)).toBe(50);
    expect(niceLength(1)).toBe(1);
  });

  it("scale bar matches geodesic distances on the drawing", () => {
    const scene = buildMapScene(report, SIZE);
    const sb = scene.scaleBar;
    const pxPerMetre = (sb.segmentPx * sb.segments) / (Number(sb.ticks.at(-1)?.text) * (sb.unit === "千米" ? 1000 : 1));
    // Two far-apart parcel vertices: on-screen distance / ground (geodesic) distance = the bar's px per metre.
    const a = report.parcels[0]?.geometry.coordinates[0]?.[0]?.[0] ?? [];
    const b = report.parcels[3]?.geometry.coordinates[1]?.[0]?.[2] ?? [];
    const pa = scene.parcels[0]?.rings[0]?.[0];
    const pb = scene.parcels[3]?.rings[1]?.[2];
    if (!pa || !pb) throw new Error("fixture changed");
    const g = new geographiclib.Geodesic.Geodesic(CGCS2000_ELLIPSOID.a, CGCS2000_ELLIPSOID.f);
    const ground = g.Inverse(a[1] ?? 0, a[0] ?? 0, b[1] ?? 0, b[0] ?? 0).s12 ?? 0;
    const screen = Math.hypot(pb[0] - pa[0], pb[1] - pa[1]);
    expect(ground).toBeGreaterThan(500);
    expect(screen / ground / pxPerMetre).toBeCloseTo(1, 4);
  });

  it("keeps shapes true: equal sides in metres are equal on screen in both directions", () => {
    // Parcel XD2026-04's first part is a 90 × 70 m rectangle (× the fixture's stretch) in the plane.
    const scene = buildMapScene(report, SIZE);
    const r = scene.parcels[3]?.rings[0] ?? [];
    const [p0, p1, , p3] = r as [Pt, Pt, Pt, Pt];
    const w = Math.hypot(p1[0] - p0[0], p1[1] - p0[1]);
    const h = Math.hypot(p3[0] - p0[0], p3[1] - p0[1]);
    expect(w / h).toBeCloseTo(90 / 70, 6);
  });
});

describe("renderReviewMapPng", () => {
  it("is a PNG of the asked size with the parcels painted and the hole left open", async () => {
    const bytes = await renderReviewMapPng(report, SIZE);
    const png = PNG.sync.read(Buffer.from(bytes));
    expect([png.width, png.height]).toEqual([SIZE.width, SIZE.height]);
    const at = ([x, y]: Pt) => {
      const i = (Math.round(y) * png.width + Math.round(x)) * 4;
      return [png.data[i], png.data[i + 1], png.data[i + 2]];
    };
    const scene = buildMapScene(report, SIZE);
    for (const p of scene.parcels) {
      const ring = p.rings[0] ?? [];
      const xs = ring.map((q) => q[0]);
      const ys = ring.map((q) => q[1]);
      let painted = 0;
      let total = 0;
      for (let y = Math.ceil(Math.min(...ys)); y < Math.max(...ys); y += 2) {
        for (let x = Math.ceil(Math.min(...xs)); x < Math.max(...xs); x += 2) {
          total++;
          const [r, g, b] = at([x, y]);
          if (r !== 255 || g !== 255 || b !== 255) painted++;
        }
      }
      // Rectangles are fully painted; the pentagon and the L-shape cover well over half their box.
      expect(painted / total, p.parcelNo).toBeGreaterThan(0.5);
    }
    // Parcel XD2026-01's hole (a kept 宅基地) is white in the middle.
    const hole = scene.parcels[0]?.rings[1];
    if (!hole) throw new Error("fixture changed");
    expect(at(centroid(hole))).toEqual([255, 255, 255]);
    // The parcel fill (#fdf2c7 at 85 % on white) just outside the hole's corner but inside the parcel.
    const [hx, hy] = [Math.min(...hole.map((q) => q[0])), Math.min(...hole.map((q) => q[1]))];
    const [r, g, b] = at([hx - 12, hy - 12]);
    expect(r).toBeGreaterThan(245);
    expect(b).toBeLessThan(220);
    expect(g).toBeGreaterThan(b ?? 0);
  });
});
