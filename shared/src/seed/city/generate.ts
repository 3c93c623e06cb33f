/**
 * The synthetic city generator: Voronoi sites → land-use patches, 乡镇/村 divisions and the three
 * control lines. All administrative and control-line boundaries are unions of patch cells, so
 * they follow patch edges exactly (as 权属界线 do in real 三调 data) and no patch ever needs to
 * be split: the tessellation is exact by construction — every Voronoi vertex is computed once,
 * converted to [lon, lat] once, and shared bit-identically by every ring that uses it.
 *
 * Memory: the Delaunay triangulation and a few typed arrays per site; patch geometry is built
 * and encoded chunk by chunk (`patchChunks`), never all at once.
 */
import { createHash } from "node:crypto";
import { Delaunay } from "d3-delaunay";
import { pointToGeographic, roundArea } from "../../geo/crs/index.ts";
import { landClass, majorClassOf } from "../../standard/codes/index.ts";
import { ewkbMultiPolygonHex, type FlatPolygon, type FlatRing, multiPolygonArea, pointInRing, ringSignedArea2 } from "./geometry.ts";
import { NamePool } from "./names.ts";
import {
  CITY_COUNTIES,
  CITY_ZONE,
  type CityPlan,
  type CityScale,
  coreDistance,
  FEATURE_STYLES,
  type FeatureKind,
  hillDepth,
  insideOutline,
  makePlan,
  countyIndex as sectorCounty,
} from "./plan.ts";
import { createRng, fbm, hashInts, unit } from "./random.ts";

// ── land classes used ───────────────────────────────────────────────────────────────────────────

/** The 三调 codes the generator uses (all valid in a 三调 database). */
export const CITY_CLASSES = [
  "0101",
  "0102",
  "0103",
  "0201",
  "0202",
  "0204",
  "0301",
  "0302",
  "0305",
  "0307",
  "0404",
  "0701",
  "0702",
  "05H1",
  "0508",
  "0601",
  "08H1",
  "08H2",
  "0809",
  "0810",
  "09",
  "1003",
  "1004",
  "1005",
  "1006",
  "1101",
  "1104",
  "1104A",
  "1107",
  "1107A",
  "1201",
  "1202",
  "1203",
] as const;
export type CityClass = (typeof CITY_CLASSES)[number];
const CLASS_INDEX = new Map<string, number>(CITY_CLASSES.map((c, i) => [c, i]));
const ci = (c: CityClass): number => CLASS_INDEX.get(c) as number;
const CLASS_NAMES = CITY_CLASSES.map((c) => {
  const entry = landClass(c);
  if (!entry) throw new Error(`land class ${c} missing from LAND_CLASSES`);
  return entry.name;
});
const IS_CONSTRUCTION = CITY_CLASSES.map((c) => majorClassOf(c) === "建设用地");
const IS_CROPLAND = CITY_CLASSES.map((c) => c.startsWith("01"));
const IS_FOREST = CITY_CLASSES.map((c) => c.startsWith("03") || c === "0404");

type Weights = readonly (readonly [CityClass, number])[];
function chooser(w: Weights): (u: number) => number {
  const total = w.reduce((s, [, x]) => s + x, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const [, x] of w) {
    acc += x / total;
    cum.push(acc);
  }
  const idx = w.map(([c]) => ci(c));
  return (u) => {
    for (let k = 0; k < cum.length; k++) if (u < (cum[k] as number)) return idx[k] as number;
    return idx[idx.length - 1] as number;
  };
}

const URBAN = chooser([
  ["0701", 50],
  ["05H1", 18],
  ["08H2", 9],
  ["08H1", 3],
  ["0809", 3],
  ["1201", 3],
  ["1005", 2],
  ["09", 1],
  ["0810", 5],
  ["1004", 4],
  ["0508", 2],
]);
const INDUSTRY = chooser([
  ["0601", 78],
  ["0508", 14],
  ["1004", 4],
  ["1201", 4],
]);
const TOWN_CENTRE = chooser([
  ["0701", 32],
  ["0702", 22],
  ["05H1", 18],
  ["08H2", 9],
  ["0601", 8],
  ["1004", 7],
  ["0810", 4],
]);
const HILLS = chooser([
  ["0301", 50],
  ["0302", 12],
  ["0305", 10],
  ["0307", 5],
  ["0103", 10],
  ["0202", 5],
  ["0201", 3],
  ["0404", 2],
  ["1203", 1],
  ["0702", 2],
]);
const LINPAN = chooser([
  ["0702", 86],
  ["1202", 4],
  ["0201", 4],
  ["1104", 3],
  ["0809", 1],
  ["1006", 2],
]);
const LINPAN_RING = chooser([
  ["0302", 55],
  ["0307", 20],
  ["0201", 10],
  ["0101", 15],
]);

// ── output rows ─────────────────────────────────────────────────────────────────────────────────

export interface PatchRow {
  bsm: string;
  dlbm: string;
  dlmc: string;
  qsxz: string;
  qsdwdm: string;
  zldwdm: string;
  /** m², 2 decimals, as a decimal string. */
  tbmj: string;
  divisionCode: string;
  /** Hex EWKB MultiPolygon, SRID 4490. */
  geom: string;
}

export interface DivisionRow {
  code: string;
  name: string;
  level: "county" | "town" | "village";
  parentCode: string;
  geom: string;
}

export interface ControlLineRow {
  kind: "basic_farmland" | "eco_redline" | "urban_boundary";
  name: string;
  source: string;
  divisionCode: string;
  geom: string;
}

export const CITY_SOURCE = "synthetic-city";

interface Town {
  code: string;
  name: string;
  county: number;
  /** 街道 (urban) or 镇/乡. */
  street: boolean;
  x: number;
  y: number;
  /** 镇区 radius, m (0 for 街道). */
  centreRadius: number;
  villages: number[];
}

interface Village {
  code: string;
  name: string;
  town: number;
  x: number;
  y: number;
  qsxz: string;
}

const SITE_REGULAR = 0;
const SITE_CENTRE = 1;
const SITE_SIDE = 2;

const FEATURE_KINDS = Object.keys(FEATURE_STYLES) as FeatureKind[];

export interface CityModel {
  plan: CityPlan;
  scale: CityScale;
  seed: string;
  /** Number of patches (study cells). */
  patchCount: number;
  towns: readonly Town[];
  villages: readonly Village[];
  /** Study-area (boundary) ellipsoidal area, m². */
  boundaryArea: number;
  /** Patch rows in chunks of `size`, in a stable spatial order. */
  patchChunks(size?: number): Generator<PatchRow[]>;
  /** County parts, towns and villages (parents first). */
  divisions(): Generator<DivisionRow>;
  controlLines(): Generator<ControlLineRow>;
  /** Class → patch count, for reports. */
  classCounts(): Record<string, number>;
}

export interface BuildOptions {
  scale: CityScale;
  seed: string | number;
  onProgress?: (done: number, total: number, stage: string) => void;
}

/** Builds the model (sites, triangulation, per-cell attributes); geometry is produced lazily. */
export function buildCity(options: BuildOptions): CityModel {
  const seed = String(options.seed);
  const plan = makePlan(options.scale, seed);
  const progress = options.onProgress ?? (() => {});
  const rng = createRng(`sites:${seed}`);
  const { grid, radius } = plan;

  // ── sites ─────────────────────────────────────────────────────────────────────────────────
  const xs: number[] = [];
  const ys: number[] = [];
  const kinds: number[] = [];
  const feats: number[] = [];
  // Spatial hash of linear-feature sites: rejects near-duplicates and keeps regular sites clear of strips.
  const HASH = 100;
  const hash = new Map<number, number[]>();
  const key = (gx: number, gy: number): number => (gx + 32768) * 65536 + (gy + 32768);
  const near = (x: number, y: number, test: (i: number, d: number) => boolean): boolean => {
    const gx = Math.floor(x / HASH);
    const gy = Math.floor(y / HASH);
    for (let a = -1; a <= 1; a++) {
      for (let b = -1; b <= 1; b++) {
        const list = hash.get(key(gx + a, gy + b));
        if (!list) continue;
        for (const i of list) if (test(i, Math.hypot((xs[i] as number) - x, (ys[i] as number) - y))) return true;
      }
    }
    return false;
  };
  const addSite = (x: number, y: number, kind: number, feature: number): void => {
    const i = xs.length;
    xs.push(x);
    ys.push(y);
    kinds.push(kind);
    feats.push(feature);
    if (kind !== SITE_REGULAR) {
      const k = key(Math.floor(x / HASH), Math.floor(y / HASH));
      const list = hash.get(k);
      if (list) list.push(i);
      else hash.set(k, [i]);
    }
  };
  const featureKindIndex: number[] = [];
  plan.features.forEach((f, fi) => {
    const style = FEATURE_STYLES[f.kind];
    featureKindIndex.push(FEATURE_KINDS.indexOf(f.kind));
    const p = f.points;
    const n = p.length / 2;
    for (let k = 0; k < n; k++) {
      const x = p[2 * k] as number;
      const y = p[2 * k + 1] as number;
      const a = Math.max(0, k - 1);
      const b = Math.min(n - 1, k + 1);
      let tx = (p[2 * b] as number) - (p[2 * a] as number);
      let ty = (p[2 * b + 1] as number) - (p[2 * a + 1] as number);
      const tl = Math.hypot(tx, ty) || 1;
      tx /= tl;
      ty /= tl;
      const w = style.width;
      const candidates: [number, number, number][] = [[x, y, SITE_CENTRE]];
      for (const side of [-1, 1]) {
        const along = rng.range(-0.2, 0.2) * style.step;
        const across = w * (1 + rng.range(-0.06, 0.06));
        candidates.push([x + tx * along - ty * across * side, y + ty * along + tx * across * side, SITE_SIDE]);
      }
      for (const [cx, cy, kind] of candidates) {
        if (near(cx, cy, (_i, d) => d < 3)) continue;
        addSite(cx, cy, kind, fi);
      }
    }
  });
  const clearance = (i: number, d: number): boolean => {
    if (kinds[i] === SITE_CENTRE) {
      const kind = plan.features[feats[i] as number]?.kind as FeatureKind;
      return d < FEATURE_STYLES[kind].width + 22;
    }
    return d < 16;
  };
  const extent = radius * 1.4 + 4 * grid;
  const cells = Math.ceil(extent / grid);
  for (let gy = -cells; gy < cells; gy++) {
    for (let gx = -cells; gx < cells; gx++) {
      const x = (gx + 0.05 + 0.9 * rng.next()) * grid;
      const y = (gy + 0.05 + 0.9 * rng.next()) * grid;
      if (!insideOutline(plan, x, y, 4 * grid)) continue;
      if (near(x, y, clearance)) continue;
      addSite(x, y, SITE_REGULAR, -1);
    }
  }
  const siteCount = xs.length;
  const coords = new Float64Array(siteCount * 2);
  for (let i = 0; i < siteCount; i++) {
    coords[2 * i] = xs[i] as number;
    coords[2 * i + 1] = ys[i] as number;
  }
  xs.length = 0;
  ys.length = 0;
  hash.clear();
  const siteKind = Uint8Array.from(kinds);
  const siteFeature = Int32Array.from(feats);
  kinds.length = 0;
  feats.length = 0;
  progress(1, 6, "sites");

  // ── triangulation ───────────────────────────────────────────────────────────────────────────
  const delaunay = new Delaunay(coords);
  const { triangles, halfedges, inedges } = delaunay;
  const triCount = triangles.length / 3;
  const circ = new Float64Array(triCount * 2);
  for (let t = 0; t < triCount; t++) {
    const i0 = (triangles[3 * t] as number) * 2;
    const i1 = (triangles[3 * t + 1] as number) * 2;
    const i2 = (triangles[3 * t + 2] as number) * 2;
    const x1 = coords[i0] as number;
    const y1 = coords[i0 + 1] as number;
    const dx = (coords[i1] as number) - x1;
    const dy = (coords[i1 + 1] as number) - y1;
    const ex = (coords[i2] as number) - x1;
    const ey = (coords[i2 + 1] as number) - y1;
    const ab = (dx * ey - dy * ex) * 2;
    const bl = dx * dx + dy * dy;
    const cl = ex * ex + ey * ey;
    if (Math.abs(ab) < 1e-9) {
      // Degenerate (collinear) triangles only occur on the hull, far outside the study area.
      circ[2 * t] = (x1 + (coords[i1] as number) + (coords[i2] as number)) / 3;
      circ[2 * t + 1] = (y1 + (coords[i1 + 1] as number) + (coords[i2 + 1] as number)) / 3;
    } else {
      circ[2 * t] = x1 + (ey * bl - dy * cl) / ab;
      circ[2 * t + 1] = y1 + (dx * cl - ex * bl) / ab;
    }
  }
  progress(2, 6, "triangulation");

  // Cell walk: triangles around site i in ring order; nbr[k] is the site across edge k → k+1.
  const triBuf = new Int32Array(64);
  const nbrBuf = new Int32Array(64);
  const walk = (i: number): number => {
    const e0 = inedges[i] as number;
    if (e0 === -1) return -1;
    let e = e0;
    let n = 0;
    do {
      const en = e % 3 === 2 ? e - 2 : e + 1;
      const enn = en % 3 === 2 ? en - 2 : en + 1;
      if (n >= 64) return -1;
      triBuf[n] = (e / 3) | 0;
      nbrBuf[n] = triangles[enn] as number;
      n++;
      e = halfedges[en] as number;
    } while (e !== e0 && e !== -1);
    return e === -1 ? -1 : n;
  };

  // ── study cells ─────────────────────────────────────────────────────────────────────────────
  const inStudy = new Uint8Array(siteCount);
  let studyCount = 0;
  for (let i = 0; i < siteCount; i++) {
    if (!insideOutline(plan, coords[2 * i] as number, coords[2 * i + 1] as number)) continue;
    if (walk(i) < 3) throw new Error(`synthetic city: study cell ${i} is open (site domain too small)`);
    inStudy[i] = 1;
    studyCount++;
  }

  // ── counties, towns, villages ──────────────────────────────────────────────────────────────
  const county = new Uint8Array(siteCount);
  const countyCells: number[][] = CITY_COUNTIES.map(() => []);
  const dcore = new Float32Array(siteCount);
  for (let i = 0; i < siteCount; i++) {
    if (!inStudy[i]) continue;
    const x = coords[2 * i] as number;
    const y = coords[2 * i + 1] as number;
    const c = sectorCounty(plan, x, y);
    county[i] = c;
    countyCells[c]?.push(i);
    dcore[i] = coreDistance(plan, x, y);
  }
  const cellArea = (Math.PI * radius * radius * 1.02) / Math.max(1, studyCount);
  const TOWN_AREA = 30e6;
  const VILLAGE_AREA = 3e6;
  const names = new NamePool(createRng(`names:${seed}`));
  const arng = createRng(`admin:${seed}`);
  const bestCandidate = (pool: readonly number[], count: number, ring: number): number[] => {
    const chosen: number[] = [];
    for (let k = 0; k < count && pool.length > 0; k++) {
      let best = -1;
      let bestD = -1;
      for (let c = 0; c < ring; c++) {
        const cand = arng.pick(pool);
        let d = Number.POSITIVE_INFINITY;
        for (const s of chosen)
          d = Math.min(
            d,
            Math.hypot(
              (coords[2 * s] as number) - (coords[2 * cand] as number),
              (coords[2 * s + 1] as number) - (coords[2 * cand + 1] as number),
            ),
          );
        if (d > bestD) {
          bestD = d;
          best = cand;
        }
      }
      if (!chosen.includes(best)) chosen.push(best);
    }
    return chosen;
  };
  const warp = (x: number, y: number, amount: number, scale: number): [number, number] => [
    x + amount * fbm(plan.noise.warpX, x, y, scale, 3),
    y + amount * fbm(plan.noise.warpY, x, y, scale, 3),
  ];
  const nearest = (seeds: readonly number[], px: number, py: number, sx: Float64Array | number[], sy: Float64Array | number[]): number => {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let k = 0; k < seeds.length; k++) {
      const d = ((sx[k] as number) - px) ** 2 + ((sy[k] as number) - py) ** 2;
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return seeds[best] as number;
  };

  const towns: Town[] = [];
  const villages: Village[] = [];
  const townOf = new Int32Array(siteCount).fill(-1);
  const villageOf = new Int32Array(siteCount).fill(-1);
  CITY_COUNTIES.forEach((cty, c) => {
    const pool = countyCells[c] as number[];
    if (pool.length === 0) return;
    const n = Math.max(2, Math.round((pool.length * cellArea) / TOWN_AREA));
    const seeds = bestCandidate(pool, n, 8);
    const townIds = seeds.map((s) => {
      const x = coords[2 * s] as number;
      const y = coords[2 * s + 1] as number;
      const t: Town = { code: "", name: "", county: c, street: (dcore[s] as number) < 1, x, y, centreRadius: 0, villages: [] };
      towns.push(t);
      return towns.length - 1;
    });
    const spacing = Math.sqrt((pool.length * cellArea) / n);
    const tx = townIds.map((t) => (towns[t] as Town).x);
    const ty = townIds.map((t) => (towns[t] as Town).y);
    const townCells = new Map<number, number[]>(townIds.map((t) => [t, []]));
    for (const i of pool) {
      const [wx, wy] = warp(coords[2 * i] as number, coords[2 * i + 1] as number, spacing * 0.3, spacing * 0.8);
      const t = nearest(townIds, wx, wy, tx, ty);
      townOf[i] = t;
      townCells.get(t)?.push(i);
    }
    // Codes: 街道 001–099, 镇 101–199, then 乡 201– (GB/T 10114 乡级代码 ranges).
    let nStreet = 0;
    let nTown = 0;
    let nXiang = 0;
    for (const t of townIds) {
      const town = towns[t] as Town;
      const cellsOfTown = townCells.get(t) as number[];
      if (cellsOfTown.length === 0) continue;
      let suffix: string;
      if (town.street && nStreet < 99) {
        town.code = `${cty.code}${String(++nStreet).padStart(3, "0")}`;
        suffix = "街道";
      } else if (nTown < 99) {
        town.street = false;
        town.code = `${cty.code}${String(100 + ++nTown)}`;
        suffix = "镇";
      } else {
        town.street = false;
        town.code = `${cty.code}${String(200 + ++nXiang)}`;
        suffix = "乡";
      }
      town.name = names.stem() + suffix;
      const townArea = cellsOfTown.length * cellArea;
      if (!town.street) town.centreRadius = (200 + 220 * arng.next()) * Math.min(1, Math.sqrt(townArea / TOWN_AREA));
      const nv = Math.max(2, Math.round(townArea / VILLAGE_AREA));
      const vseeds = bestCandidate(cellsOfTown, nv, 6);
      const vspacing = Math.sqrt(townArea / vseeds.length);
      const vx = vseeds.map((s) => coords[2 * s] as number);
      const vy = vseeds.map((s) => coords[2 * s + 1] as number);
      const vids = vseeds.map((s, k) => {
        villages.push({ code: "", name: "", town: t, x: vx[k] as number, y: vy[k] as number, qsxz: arng.next() < 0.8 ? "30" : "32" });
        void s;
        return villages.length - 1;
      });
      const counts = new Map<number, number>();
      for (const i of cellsOfTown) {
        const [wx, wy] = warp(coords[2 * i] as number, coords[2 * i + 1] as number, vspacing * 0.3, vspacing * 0.8);
        const v = nearest(vids, wx, wy, vx, vy);
        villageOf[i] = v;
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      // The village holding the 镇 seat is a 社区; in 街道 all are 社区. 社区 001–, 村 201–.
      let nCommunity = 0;
      let nVillage = 0;
      const seat = nearest(vids, town.x, town.y, vx, vy);
      for (const v of vids) {
        if (!counts.get(v)) continue;
        const village = villages[v] as Village;
        const community = town.street || v === seat;
        village.code = community ? `${town.code}${String(++nCommunity).padStart(3, "0")}` : `${town.code}${String(200 + ++nVillage)}`;
        village.name = names.stem() + (community ? "社区" : "村");
        town.villages.push(v);
      }
    }
  });
  progress(3, 6, "divisions");

  // ── land use ────────────────────────────────────────────────────────────────────────────────
  const cls = new Uint8Array(siteCount);
  const flags = new Uint8Array(siteCount); // 1 = 镇区, 2 = river corridor, 4 = hill core
  const LINPAN_GRID = 420;
  const linpanAt = (x: number, y: number): [number, number] => {
    // Distance to the nearest 林盘 (川西 rural settlement cluster) centre, and its radius.
    const gx = Math.floor(x / LINPAN_GRID);
    const gy = Math.floor(y / LINPAN_GRID);
    let best = Number.POSITIVE_INFINITY;
    let bestR = 0;
    for (let a = -1; a <= 1; a++) {
      for (let b = -1; b <= 1; b++) {
        const h = hashInts(gx + a, gy + b, plan.noise.linpan);
        if (unit(h) > 0.72) continue;
        const cx = (gx + a + 0.15 + 0.7 * unit(hashInts(h, 1, 7))) * LINPAN_GRID;
        const cy = (gy + b + 0.15 + 0.7 * unit(hashInts(h, 2, 7))) * LINPAN_GRID;
        const d = Math.hypot(x - cx, y - cy);
        if (d < best) {
          best = d;
          bestR = 40 + 50 * unit(hashInts(h, 3, 7));
        }
      }
    }
    return [best, bestR];
  };
  const rural = (x: number, y: number, u: number, u2: number): number => {
    const [ld, lr] = linpanAt(x, y);
    if (ld < lr) return LINPAN(u);
    if (ld < lr + 28 && u2 < 0.7) return LINPAN_RING(u);
    if (u < 0.018) return ci(u2 < 0.3 ? "1104A" : "1104");
    if (u < 0.03) return ci("1202");
    if (u < 0.036) return ci("0307");
    if (u < 0.039) return ci("0404");
    if (fbm(plan.noise.orchard, x, y, 1800, 3) > 0.42) return u2 < 0.7 ? ci("0204") : ci("0201");
    if (fbm(plan.noise.dry, x, y, 2500, 3) > 0.38) return ci(u2 < 0.85 ? "0103" : "0101");
    return u2 < 0.04 ? ci("0102") : u2 < 0.1 ? ci("0103") : ci("0101");
  };
  for (let i = 0; i < siteCount; i++) {
    if (!inStudy[i]) continue;
    const x = coords[2 * i] as number;
    const y = coords[2 * i + 1] as number;
    const h = hashInts(i, siteCount, plan.noise.cell);
    const u = unit(h);
    const u2 = unit(hashInts(h, 11, 13));
    const dc = dcore[i] as number;
    const hill = hillDepth(plan, x, y);
    if (hill > 0.06) flags[i] = (flags[i] as number) | 4;
    const t = towns[townOf[i] as number] as Town;
    const inCentre = t.centreRadius > 0 && Math.hypot(x - t.x, y - t.y) < t.centreRadius;
    if (inCentre) flags[i] = (flags[i] as number) | 1;
    const f = siteFeature[i] as number;
    const featureKind = f >= 0 ? (plan.features[f]?.kind as FeatureKind) : null;
    if (featureKind === "river") flags[i] = (flags[i] as number) | 2;
    if (siteKind[i] === SITE_CENTRE && featureKind) {
      let code = FEATURE_STYLES[featureKind].dlbm as CityClass;
      if ((featureKind === "road" || featureKind === "highway") && (dc < 1 || inCentre)) code = "1004";
      cls[i] = ci(code);
      continue;
    }
    let c: number;
    if (dc < 1) {
      c =
        fbm(plan.noise.industry, x, y, plan.core.radius * 0.5, 2) > 0.38
          ? INDUSTRY(u)
          : fbm(plan.noise.park, x, y, 900, 2) > 0.55
            ? ci("0810")
            : URBAN(u);
    } else if (inCentre) {
      c = TOWN_CENTRE(u);
    } else if (dc < 1.5 && u2 < (1.5 - dc) * 1.2) {
      c = fbm(plan.noise.industry, x, y, plan.core.radius * 0.5, 2) > 0.3 ? INDUSTRY(u) : URBAN(u);
    } else if (hill > 0 || (hill > -0.05 && u2 < 0.5)) {
      c = HILLS(u);
    } else {
      c = rural(x, y, u, u2);
    }
    cls[i] = c;
  }
  progress(4, 6, "land use");

  // ── output order and coordinates ──────────────────────────────────────────────────────────
  const order = new Int32Array(studyCount);
  {
    let k = 0;
    for (let i = 0; i < siteCount; i++) if (inStudy[i]) order[k++] = i;
    const BLOCK = 1000;
    const sortKey = new Float64Array(siteCount);
    for (const i of order) {
      const bx = Math.floor((coords[2 * i] as number) / BLOCK) + 1000;
      const by = Math.floor((coords[2 * i + 1] as number) / BLOCK) + 1000;
      sortKey[i] = (villageOf[i] as number) * 4e6 + by * 2000 + bx + i / (siteCount + 1);
    }
    order.sort((a, b) => (sortKey[a] as number) - (sortKey[b] as number));
  }
  // [lon, lat] of every Voronoi vertex a study cell uses, converted once.
  const lonlat = new Float64Array(triCount * 2).fill(Number.NaN);
  const { east, north } = plan.origin;
  const vertex = (t: number): void => {
    if (!Number.isNaN(lonlat[2 * t] as number)) return;
    const [lon, lat] = pointToGeographic({ x: north + (circ[2 * t + 1] as number), y: east + (circ[2 * t] as number) }, CITY_ZONE);
    lonlat[2 * t] = lon;
    lonlat[2 * t + 1] = lat;
  };
  const flatRing = (tris: ArrayLike<number>, n: number): FlatRing => {
    const r: FlatRing = [];
    for (let k = 0; k < n; k++) {
      const t = tris[k] as number;
      vertex(t);
      const lon = lonlat[2 * t] as number;
      const lat = lonlat[2 * t + 1] as number;
      const m = r.length;
      if (m >= 2 && r[m - 2] === lon && r[m - 1] === lat) continue;
      r.push(lon, lat);
    }
    while (r.length >= 4 && r[0] === r[r.length - 2] && r[1] === r[r.length - 1]) r.length -= 2;
    return r;
  };
  // Orientation of cell rings in the plane (all cells share it).
  const cellSign = (() => {
    const i = order[0] as number;
    const n = walk(i);
    const xy: number[] = [];
    for (let k = 0; k < n; k++) xy.push(circ[2 * (triBuf[k] as number)] as number, circ[2 * (triBuf[k] as number) + 1] as number);
    return Math.sign(ringSignedArea2(xy, n));
  })();

  /**
   * Union of the cells of each group, by boundary-edge chaining on Voronoi vertex ids: edges
   * whose neighbour is in another group (or outside the study area) are kept, and since every
   * Voronoi vertex has degree 3, each boundary vertex has exactly one outgoing boundary edge.
   */
  function* unionGroups(groupOf: (i: number) => number, groupCount: number): Generator<{ group: number; polygons: FlatPolygon[] }> {
    const edgeFrom: number[] = [];
    const edgeTo: number[] = [];
    const edgeGroup: number[] = [];
    for (const i of order) {
      const g = groupOf(i);
      if (g < 0) continue;
      const n = walk(i);
      for (let k = 0; k < n; k++) {
        const j = nbrBuf[k] as number;
        if (inStudy[j] && groupOf(j) === g) continue;
        edgeFrom.push(triBuf[k] as number);
        edgeTo.push(triBuf[(k + 1) % n] as number);
        edgeGroup.push(g);
      }
    }
    const start = new Int32Array(groupCount + 1);
    for (const g of edgeGroup) start[g + 1] = (start[g + 1] as number) + 1;
    for (let g = 0; g < groupCount; g++) start[g + 1] = (start[g + 1] as number) + (start[g] as number);
    const fill = start.slice(0, groupCount);
    const sorted = new Int32Array(edgeGroup.length);
    for (let e = 0; e < edgeGroup.length; e++) {
      const g = edgeGroup[e] as number;
      sorted[fill[g] as number] = e;
      fill[g] = (fill[g] as number) + 1;
    }
    const next = new Map<number, number>();
    for (let g = 0; g < groupCount; g++) {
      const s = start[g] as number;
      const end = start[g + 1] as number;
      if (s === end) continue;
      next.clear();
      for (let k = s; k < end; k++) {
        const e = sorted[k] as number;
        next.set(edgeFrom[e] as number, edgeTo[e] as number);
      }
      const outers: { plane: number[]; ll: FlatRing; area: number; box: number[] }[] = [];
      const holes: { plane: number[]; ll: FlatRing }[] = [];
      for (let k = s; k < end; k++) {
        const first = edgeFrom[sorted[k] as number] as number;
        if (!next.has(first)) continue;
        const tris: number[] = [];
        let v = first;
        while (next.has(v)) {
          tris.push(v);
          const w = next.get(v) as number;
          next.delete(v);
          v = w;
        }
        if (v !== first) throw new Error("synthetic city: open boundary ring");
        const plane: number[] = [];
        for (const t of tris) plane.push(circ[2 * t] as number, circ[2 * t + 1] as number);
        const a2 = ringSignedArea2(plane, tris.length);
        const ll = flatRing(tris, tris.length);
        if (ll.length < 6) continue;
        if (Math.sign(a2) === cellSign) {
          let x0 = Number.POSITIVE_INFINITY;
          let y0 = Number.POSITIVE_INFINITY;
          let x1 = Number.NEGATIVE_INFINITY;
          let y1 = Number.NEGATIVE_INFINITY;
          for (let q = 0; q < plane.length; q += 2) {
            x0 = Math.min(x0, plane[q] as number);
            x1 = Math.max(x1, plane[q] as number);
            y0 = Math.min(y0, plane[q + 1] as number);
            y1 = Math.max(y1, plane[q + 1] as number);
          }
          outers.push({ plane, ll, area: Math.abs(a2), box: [x0, y0, x1, y1] });
        } else holes.push({ plane, ll });
      }
      const polygons: FlatPolygon[] = outers.map((o) => [o.ll]);
      for (const h of holes) {
        const px = h.plane[0] as number;
        const py = h.plane[1] as number;
        let best = -1;
        for (let q = 0; q < outers.length; q++) {
          const o = outers[q] as (typeof outers)[number];
          const b = o.box;
          if (px < (b[0] as number) || px > (b[2] as number) || py < (b[1] as number) || py > (b[3] as number)) continue;
          if (!pointInRing(px, py, o.plane, o.plane.length / 2)) continue;
          if (best < 0 || o.area < (outers[best] as (typeof outers)[number]).area) best = q;
        }
        if (best < 0) throw new Error("synthetic city: hole outside every shell");
        polygons[best]?.push(h.ll);
      }
      yield { group: g, polygons };
    }
  }

  const boundaryPolygons = unionGroups((i) => (inStudy[i] ? 0 : -1), 1).next().value?.polygons ?? [];
  const boundaryArea = multiPolygonArea(boundaryPolygons);
  progress(5, 6, "boundary");

  const isBasicFarmland = (i: number): boolean =>
    IS_CROPLAND[cls[i] as number] === true &&
    (dcore[i] as number) > 1.35 &&
    ((flags[i] as number) & 1) === 0 &&
    fbm(plan.noise.farmland, coords[2 * i] as number, coords[2 * i + 1] as number, 1200, 3) > -0.3 &&
    !nearTownCentre(i);
  function nearTownCentre(i: number): boolean {
    const t = towns[townOf[i] as number] as Town;
    return t.centreRadius > 0 && Math.hypot((coords[2 * i] as number) - t.x, (coords[2 * i + 1] as number) - t.y) < t.centreRadius * 1.4;
  }
  const isUrbanBoundary = (i: number): boolean => (dcore[i] as number) < 1.12 || ((flags[i] as number) & 1) !== 0;
  const isEco = (i: number): boolean => {
    if (isUrbanBoundary(i) || isBasicFarmland(i)) return false;
    const c = cls[i] as number;
    if (((flags[i] as number) & 4) !== 0 && IS_FOREST[c]) return true;
    return ((flags[i] as number) & 2) !== 0 && (c === ci("1101") || !IS_CROPLAND[c]);
  };

  const model: CityModel = {
    plan,
    scale: options.scale,
    seed,
    patchCount: studyCount,
    towns,
    villages,
    boundaryArea,
    *patchChunks(size = 5000) {
      const seqByCounty = new Int32Array(CITY_COUNTIES.length);
      let chunk: PatchRow[] = [];
      for (const i of order) {
        const n = walk(i);
        const ring = flatRing(triBuf, n);
        const polygons: FlatPolygon[] = [[ring]];
        const area = multiPolygonArea(polygons);
        const c = cls[i] as number;
        const v = villages[villageOf[i] as number] as Village;
        const t = towns[v.town] as Town;
        const cty = CITY_COUNTIES[county[i] as number] as (typeof CITY_COUNTIES)[number];
        const code = CITY_CLASSES[c] as CityClass;
        const state =
          code === "1003" ||
          code === "1004" ||
          code === "1101" ||
          code === "1107A" ||
          code === "09" ||
          code === "1005" ||
          (IS_CONSTRUCTION[c] === true && code !== "0702" && ((dcore[i] as number) < 1.5 || t.street || ((flags[i] as number) & 1) !== 0));
        const seq = (seqByCounty[county[i] as number] as number) + 1;
        seqByCounty[county[i] as number] = seq;
        chunk.push({
          bsm: `${cty.code}2110${String(seq).padStart(8, "0")}`,
          dlbm: code,
          dlmc: CLASS_NAMES[c] as string,
          qsxz: state ? "10" : v.qsxz,
          qsdwdm: v.code,
          zldwdm: v.code,
          tbmj: roundArea(area, "m2").toFixed(2),
          divisionCode: cty.code,
          geom: ewkbMultiPolygonHex(polygons),
        });
        if (chunk.length >= size) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length > 0) yield chunk;
    },
    *divisions() {
      for (const { group, polygons } of unionGroups((i) => county[i] as number, CITY_COUNTIES.length)) {
        const cty = CITY_COUNTIES[group] as (typeof CITY_COUNTIES)[number];
        yield { code: cty.code, name: cty.name, level: "county", parentCode: "510100", geom: ewkbMultiPolygonHex(polygons) };
      }
      for (const { group, polygons } of unionGroups((i) => townOf[i] as number, towns.length)) {
        const t = towns[group] as Town;
        yield {
          code: t.code,
          name: t.name,
          level: "town",
          parentCode: (CITY_COUNTIES[t.county] as { code: string }).code,
          geom: ewkbMultiPolygonHex(polygons),
        };
      }
      for (const { group, polygons } of unionGroups((i) => villageOf[i] as number, villages.length)) {
        const v = villages[group] as Village;
        yield {
          code: v.code,
          name: v.name,
          level: "village",
          parentCode: (towns[v.town] as Town).code,
          geom: ewkbMultiPolygonHex(polygons),
        };
      }
    },
    *controlLines() {
      const source = `${CITY_SOURCE} seed=${seed} scale=${options.scale}`;
      for (const { group, polygons } of unionGroups((i) => (isUrbanBoundary(i) ? (county[i] as number) : -1), CITY_COUNTIES.length)) {
        const cty = CITY_COUNTIES[group] as (typeof CITY_COUNTIES)[number];
        yield {
          kind: "urban_boundary",
          name: `${cty.name}城镇开发边界`,
          source,
          divisionCode: cty.code,
          geom: ewkbMultiPolygonHex(polygons),
        };
      }
      for (const { group, polygons } of unionGroups((i) => (isEco(i) ? (county[i] as number) : -1), CITY_COUNTIES.length)) {
        const cty = CITY_COUNTIES[group] as (typeof CITY_COUNTIES)[number];
        yield { kind: "eco_redline", name: `${cty.name}生态保护红线`, source, divisionCode: cty.code, geom: ewkbMultiPolygonHex(polygons) };
      }
      for (const { group, polygons } of unionGroups((i) => (isBasicFarmland(i) ? (villageOf[i] as number) : -1), villages.length)) {
        const v = villages[group] as Village;
        const t = towns[v.town] as Town;
        const cty = CITY_COUNTIES[t.county] as (typeof CITY_COUNTIES)[number];
        yield {
          kind: "basic_farmland",
          name: `${t.name}${v.name}永久基本农田`,
          source,
          divisionCode: cty.code,
          geom: ewkbMultiPolygonHex(polygons),
        };
      }
    },
    classCounts() {
      const out: Record<string, number> = {};
      for (const i of order) {
        const code = CITY_CLASSES[cls[i] as number] as string;
        out[code] = (out[code] ?? 0) + 1;
      }
      return out;
    },
  };
  progress(6, 6, "model");
  return model;
}

/** SHA-256 over every row the generator produces, in order: the determinism fingerprint. */
export function cityHash(model: CityModel): string {
  const h = createHash("sha256");
  for (const chunk of model.patchChunks()) {
    for (const r of chunk) h.update(`${r.bsm}|${r.dlbm}|${r.qsxz}|${r.zldwdm}|${r.tbmj}|${r.divisionCode}|${r.geom}\n`);
  }
  for (const d of model.divisions()) h.update(`${d.code}|${d.name}|${d.level}|${d.parentCode}|${d.geom}\n`);
  for (const c of model.controlLines()) h.update(`${c.kind}|${c.name}|${c.divisionCode}|${c.geom}\n`);
  return h.digest("hex");
}
