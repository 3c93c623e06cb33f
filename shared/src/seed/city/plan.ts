/**
 * The city plan: everything about the synthetic city that is decided before a single Voronoi
 * site exists — size, study-area outline, urban core, county sectors, hill band, and the linear
 * features (rivers, canals, roads) as polylines. Local plane coordinates: metres east (x) and
 * north (y) of the study centre in CGCS2000 / 3° Gauss–Krüger zone 35 (CM 105°E, EPSG:4544).
 */
import { pointToPlane, type ZoneSpec } from "../../geo/crs/index.ts";
import { createRng, fbm, hashString, type Rng } from "./random.ts";

export type CityScale = "tiny" | "small" | "city" | "bench";

/** Target patch (Voronoi site) count per scale. */
export const CITY_SCALES: Readonly<Record<CityScale, number>> = {
  tiny: 500,
  small: 20_000,
  city: 200_000,
  bench: 2_000_000,
};

/**
 * Mean patch area. The area grows with the scale at constant patch density (≈ 0.5 ha per 图斑,
 * the order of 成都平原 三调 data): tiny ≈ 2.5 km², small ≈ 100 km², city ≈ 1 000 km²,
 * bench ≈ 10 000 km² (most of 成都市).
 */
export const MEAN_PATCH_M2 = 5_000;

export const CITY_ZONE: ZoneSpec = { width: 3, zone: 35, prefixed: false };
export const CITY_CENTRE_LONLAT = [104.0, 30.6] as const;

/** The four real 成都 counties the study area covers, in counter-clockwise sector order from the east. */
export const CITY_COUNTIES = [
  { code: "510112", name: "龙泉驿区" },
  { code: "510117", name: "郫都区" },
  { code: "510115", name: "温江区" },
  { code: "510116", name: "双流区" },
] as const;

export type FeatureKind = "river" | "canal" | "trunk_canal" | "highway" | "road" | "street";

export interface FeatureStyle {
  dlbm: string;
  /** Strip width, m. */
  width: number;
  /** Site spacing along the line, m. */
  step: number;
}

export const FEATURE_STYLES: Readonly<Record<FeatureKind, FeatureStyle>> = {
  river: { dlbm: "1101", width: 45, step: 70 },
  canal: { dlbm: "1107", width: 8, step: 80 },
  trunk_canal: { dlbm: "1107A", width: 16, step: 80 },
  highway: { dlbm: "1003", width: 30, step: 80 },
  road: { dlbm: "1006", width: 6, step: 90 },
  street: { dlbm: "1004", width: 24, step: 90 },
};

export interface Feature {
  kind: FeatureKind;
  /** Flat [x0, y0, x1, y1, …], sampled every `step` metres (roughly). */
  points: number[];
}

export interface CityPlan {
  scale: CityScale;
  seed: string;
  targetPatches: number;
  /** Nominal study radius, m. */
  radius: number;
  /** Regular site grid spacing, m. */
  grid: number;
  /** Plane origin (easting, northing) of the local coordinates. */
  origin: { east: number; north: number };
  core: { x: number; y: number; radius: number };
  /** County sector boundaries (radians, increasing), one per county start. */
  countyAngles: number[];
  features: Feature[];
  /** Integer sub-seeds for the noise fields. */
  noise: Record<
    "outline" | "core" | "hill" | "county" | "warpX" | "warpY" | "dry" | "orchard" | "industry" | "park" | "farmland" | "linpan" | "cell",
    number
  >;
}

function sub(seed: string, name: string): number {
  return hashString(`${seed}:${name}`) & 0x3fffffff;
}

/** Outline radius at angle θ: a noisy circle, periodic in θ. */
export function outlineRadius(plan: CityPlan, theta: number): number {
  const n = fbm(plan.noise.outline, Math.cos(theta) * 2.2 + 10, Math.sin(theta) * 2.2 + 10, 1, 3);
  return plan.radius * (1 + 0.32 * n);
}

export function insideOutline(plan: CityPlan, x: number, y: number, margin = 0): boolean {
  const r = Math.hypot(x, y);
  return r < outlineRadius(plan, Math.atan2(y, x)) + margin;
}

/** Warped distance to the urban core in core radii (< 1 inside). */
export function coreDistance(plan: CityPlan, x: number, y: number): number {
  const { core } = plan;
  const n = fbm(plan.noise.core, x, y, core.radius * 0.9, 3);
  return Math.hypot(x - core.x, y - core.y) / (core.radius * (1 + 0.3 * n));
}

/** > 0 inside the western hill band (龙门山 foothills stand-in), in units of the study radius. */
export function hillDepth(plan: CityPlan, x: number, y: number): number {
  return -x / plan.radius - 0.55 + 0.14 * fbm(plan.noise.hill, x, y, plan.radius * 0.35, 3);
}

/** County index (into CITY_COUNTIES) by warped angular sector around the core. */
export function countyIndex(plan: CityPlan, x: number, y: number): number {
  const { core } = plan;
  let theta = Math.atan2(y - core.y, x - core.x) + 0.35 * fbm(plan.noise.county, x, y, plan.radius * 0.3, 3);
  const a = plan.countyAngles;
  const a0 = a[0] as number;
  while (theta < a0) theta += 2 * Math.PI;
  while (theta >= a0 + 2 * Math.PI) theta -= 2 * Math.PI;
  for (let k = a.length - 1; k >= 0; k--) if (theta >= (a[k] as number)) return k;
  return 0;
}

function polyline(
  plan: CityPlan,
  rng: Rng,
  kind: FeatureKind,
  at: (t: number) => [number, number],
  t0: number,
  t1: number,
  keep: (x: number, y: number) => boolean,
): Feature[] {
  // Sample densely, then resample at the feature's step by arc length; split where `keep` fails.
  const step = FEATURE_STYLES[kind].step;
  const out: Feature[] = [];
  let current: number[] = [];
  let carried = 0;
  const dense = Math.max(4, step / 4);
  let [px, py] = at(t0);
  const limit = plan.radius * 1.6;
  for (let t = t0 + dense; t <= t1; t += dense) {
    const [x, y] = at(t);
    carried += Math.hypot(x - px, y - py);
    px = x;
    py = y;
    if (carried < step) continue;
    carried = 0;
    if (Math.abs(x) > limit || Math.abs(y) > limit || !insideOutline(plan, x, y, plan.grid * 4) || !keep(x, y)) {
      if (current.length >= 4) out.push({ kind, points: current });
      current = [];
      continue;
    }
    current.push(x, y);
  }
  if (current.length >= 4) out.push({ kind, points: current });
  void rng;
  return out;
}

export function makePlan(scale: CityScale, seed: string): CityPlan {
  const targetPatches = CITY_SCALES[scale];
  if (targetPatches === undefined) throw new RangeError(`unknown city scale ${String(scale)}`);
  const rng = createRng(`city:${seed}`);
  const area = targetPatches * MEAN_PATCH_M2;
  // The outline is a noisy circle r(θ) = R·(1 + 0.32·n(θ)); R is solved so its area is `area`.
  const outlineSeed = sub(seed, "outline");
  let unitArea = 0;
  const STEPS = 1440;
  for (let k = 0; k < STEPS; k++) {
    const th = (2 * Math.PI * k) / STEPS;
    const r = 1 + 0.32 * fbm(outlineSeed, Math.cos(th) * 2.2 + 10, Math.sin(th) * 2.2 + 10, 1, 3);
    unitArea += (r * r * Math.PI) / STEPS;
  }
  const radius = Math.sqrt(area / unitArea);
  const origin = pointToPlane(CITY_CENTRE_LONLAT, CITY_ZONE);
  const coreAngle = rng.range(-0.6, 0.4);
  const plan: CityPlan = {
    scale,
    seed,
    targetPatches,
    radius,
    // Regular sites make up ~ 64 % of the patches; the strips along linear features the rest.
    grid: Math.sqrt(MEAN_PATCH_M2 / 0.64),
    origin: { east: origin.y, north: origin.x },
    core: {
      x: Math.cos(coreAngle) * radius * rng.range(0.08, 0.16),
      y: Math.sin(coreAngle) * radius * rng.range(0.0, 0.1),
      radius: radius * rng.range(0.33, 0.38),
    },
    countyAngles: [],
    features: [],
    noise: {
      outline: outlineSeed,
      core: sub(seed, "core"),
      hill: sub(seed, "hill"),
      county: sub(seed, "county"),
      warpX: sub(seed, "warpX"),
      warpY: sub(seed, "warpY"),
      dry: sub(seed, "dry"),
      orchard: sub(seed, "orchard"),
      industry: sub(seed, "industry"),
      park: sub(seed, "park"),
      farmland: sub(seed, "farmland"),
      linpan: sub(seed, "linpan"),
      cell: sub(seed, "cell"),
    },
  };
  const start = -Math.PI / 4 + rng.range(-0.25, 0.25);
  for (let k = 0; k < CITY_COUNTIES.length; k++) plan.countyAngles.push(start + (k * Math.PI) / 2 + (k === 0 ? 0 : rng.range(-0.3, 0.3)));

  const { core } = plan;
  const extent = radius * 1.5;
  // Water flows from the north-west (都江堰) to the south-east across the plain.
  const phi = ((-40 + rng.range(-8, 8)) * Math.PI) / 180;
  const dx = Math.cos(phi);
  const dy = Math.sin(phi);
  const nx = -dy;
  const ny = dx;
  const coreOffset = core.x * nx + core.y * ny;
  const family = (
    kind: FeatureKind,
    spacing: number,
    phase: number,
    meander: number,
    along: [number, number],
    normal: [number, number],
    keep: (x: number, y: number) => boolean,
  ): void => {
    const first = Math.ceil((-extent - phase) / spacing);
    const last = Math.floor((extent - phase) / spacing);
    for (let k = first; k <= last; k++) {
      const o = phase + k * spacing;
      const s = sub(seed, `${kind}:${k}`);
      const at = (t: number): [number, number] => {
        const off = o + meander * fbm(s, t, o, Math.max(1500, spacing * 1.5), 3);
        return [t * along[0] + off * normal[0], t * along[1] + off * normal[1]];
      };
      plan.features.push(...polyline(plan, rng, kind, at, -extent, extent, keep));
    }
  };
  const rural = (x: number, y: number): boolean => coreDistance(plan, x, y) > 1.05 && hillDepth(plan, x, y) < 0.12;
  const always = (): boolean => true;
  // Rivers: one through the core (锦江-like), others every ~6 km.
  family("river", 6000, coreOffset + rng.range(-0.25, 0.25) * core.radius, 500, [dx, dy], [nx, ny], always);
  // Irrigation canals every ~2 km, offset from the rivers; every third a trunk canal (干渠).
  const canalPhase = coreOffset + rng.range(900, 1100);
  family("canal", 2000, canalPhase, 300, [dx, dy], [nx, ny], (x, y) => coreDistance(plan, x, y) > 0.9);
  family("trunk_canal", 6000, canalPhase + 1000, 300, [dx, dy], [nx, ny], (x, y) => coreDistance(plan, x, y) > 0.9);
  // Rural roads: a loose grid along and across the canals.
  family("road", 1500, rng.range(0, 1500), 120, [dx, dy], [nx, ny], rural);
  family("road", 1500, rng.range(0, 1500), 120, [nx, ny], [dx, dy], rural);
  // Streets in the core: a north-aligned grid.
  const psi = (rng.range(-10, 10) * Math.PI) / 180;
  const inCore = (x: number, y: number): boolean => coreDistance(plan, x, y) < 0.97;
  family("street", 550, rng.range(0, 550), 30, [Math.cos(psi), Math.sin(psi)], [-Math.sin(psi), Math.cos(psi)], inCore);
  family("street", 550, rng.range(0, 550), 30, [-Math.sin(psi), Math.cos(psi)], [Math.cos(psi), Math.sin(psi)], inCore);
  // Highways: radial roads leaving the core, and a ring road just outside it.
  const rays = 5;
  const ray0 = rng.range(0, (2 * Math.PI) / rays);
  for (let r = 0; r < rays; r++) {
    const a = ray0 + (r * 2 * Math.PI) / rays + rng.range(-0.2, 0.2);
    const s = sub(seed, `ray:${r}`);
    const at = (t: number): [number, number] => {
      const bend = 0.15 * fbm(s, t, 0, radius * 0.5, 2);
      return [core.x + t * Math.cos(a + bend), core.y + t * Math.sin(a + bend)];
    };
    plan.features.push(...polyline(plan, rng, "highway", at, core.radius * 0.95, extent * 1.4, always));
  }
  const ringR = core.radius * 1.18;
  const ringAt = (t: number): [number, number] => [core.x + ringR * Math.cos(t / ringR), core.y + ringR * Math.sin(t / ringR)];
  plan.features.push(...polyline(plan, rng, "highway", ringAt, 0, 2 * Math.PI * ringR, always));
  return plan;
}
