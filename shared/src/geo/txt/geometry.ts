/**
 * Plane geometry for ring validation, in the GIS plane: a position is [easting, northing] in metres.
 *
 * The orientation predicate is robust: a floating-point evaluation with Shewchuk's error bound, and
 * when the result is too close to call, an exact evaluation on the doubles' binary values with BigInt.
 * Segment tests built on it never report a crossing that is not there, nor miss one, whatever the
 * magnitude of the coordinates (zone-prefixed eastings ≈ 3.5e7 m included).
 */

export type Pos = readonly [e: number, n: number];

const EPSILON = 2 ** -53;
/** Shewchuk's ccwerrboundA: bound on the error of the naïve orient2d determinant. */
const ORIENT_ERROR_BOUND = (3 + 16 * EPSILON) * EPSILON;

const scratch = new DataView(new ArrayBuffer(8));

/** A finite double as mantissa · 2^exponent, exactly. */
function decompose(v: number): { m: bigint; e: number } {
  if (v === 0) return { m: 0n, e: 0 };
  scratch.setFloat64(0, v);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (expBits === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = expBits - 1075;
  }
  return { m: hi >>> 31 ? -m : m, e };
}

/** Exact sign of (b − a) × (c − a). */
function exactOrient(values: readonly number[]): -1 | 0 | 1 {
  const parts = values.map(decompose);
  let emin = Number.POSITIVE_INFINITY;
  for (const p of parts) if (p.m !== 0n && p.e < emin) emin = p.e;
  if (!Number.isFinite(emin)) return 0;
  const [ax, ay, bx, by, cx, cy] = parts.map((p) => (p.m === 0n ? 0n : p.m << BigInt(p.e - emin))) as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  const det = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return det > 0n ? 1 : det < 0n ? -1 : 0;
}

/** Sign of the turn a → b → c: 1 counter-clockwise (left), −1 clockwise, 0 collinear. Exact. */
export function orient(a: Pos, b: Pos, c: Pos): -1 | 0 | 1 {
  const detLeft = (b[0] - a[0]) * (c[1] - a[1]);
  const detRight = (b[1] - a[1]) * (c[0] - a[0]);
  const det = detLeft - detRight;
  const bound = ORIENT_ERROR_BOUND * (Math.abs(detLeft) + Math.abs(detRight));
  if (det > bound) return 1;
  if (-det > bound) return -1;
  return exactOrient([a[0], a[1], b[0], b[1], c[0], c[1]]);
}

function samePos(a: Pos, b: Pos): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** For p collinear with a–b: whether p lies on the closed segment (exact comparisons). */
function withinBox(a: Pos, b: Pos, p: Pos): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

export type SegmentContact =
  | { kind: "cross"; at: [number, number] }
  | { kind: "touch"; at: [number, number] }
  | { kind: "overlap"; at: [number, number] };

/**
 * How the closed segments p1–p2 and p3–p4 meet, or null if they do not: a proper crossing, a touch
 * (an endpoint on the other segment), or a collinear overlap of positive length. `at` is the point
 * (the crossing, the touching endpoint, the start of the overlap).
 */
export function segmentContact(p1: Pos, p2: Pos, p3: Pos, p4: Pos): SegmentContact | null {
  const d1 = orient(p3, p4, p1);
  const d2 = orient(p3, p4, p2);
  const d3 = orient(p1, p2, p3);
  const d4 = orient(p1, p2, p4);
  if (d1 * d2 < 0 && d3 * d4 < 0) {
    const rx = p2[0] - p1[0];
    const ry = p2[1] - p1[1];
    const sx = p4[0] - p3[0];
    const sy = p4[1] - p3[1];
    const t = ((p3[0] - p1[0]) * sy - (p3[1] - p1[1]) * sx) / (rx * sy - ry * sx);
    return { kind: "cross", at: [p1[0] + t * rx, p1[1] + t * ry] };
  }
  if (d1 === 0 && d2 === 0) {
    // Collinear: overlap of positive length, a single shared point, or nothing.
    const on: Pos[] = [];
    if (withinBox(p3, p4, p1)) on.push(p1);
    if (withinBox(p3, p4, p2)) on.push(p2);
    if (withinBox(p1, p2, p3)) on.push(p3);
    if (withinBox(p1, p2, p4)) on.push(p4);
    const first = on[0];
    if (!first) return null;
    const distinct = on.some((p) => !samePos(p, first));
    return { kind: distinct ? "overlap" : "touch", at: [first[0], first[1]] };
  }
  if (d1 === 0 && withinBox(p3, p4, p1)) return { kind: "touch", at: [p1[0], p1[1]] };
  if (d2 === 0 && withinBox(p3, p4, p2)) return { kind: "touch", at: [p2[0], p2[1]] };
  if (d3 === 0 && withinBox(p1, p2, p3)) return { kind: "touch", at: [p3[0], p3[1]] };
  if (d4 === 0 && withinBox(p1, p2, p4)) return { kind: "touch", at: [p4[0], p4[1]] };
  return null;
}

interface Edge {
  /** Index of the ring and of the edge's first vertex. */
  ring: number;
  i: number;
  a: Pos;
  b: Pos;
  minE: number;
  maxE: number;
  minN: number;
  maxN: number;
}

function edgesOf(ring: readonly Pos[], ringIndex: number): Edge[] {
  const n = ring.length;
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) {
    const a = ring[i] as Pos;
    const b = ring[(i + 1) % n] as Pos;
    edges.push({
      ring: ringIndex,
      i,
      a,
      b,
      minE: Math.min(a[0], b[0]),
      maxE: Math.max(a[0], b[0]),
      minN: Math.min(a[1], b[1]),
      maxN: Math.max(a[1], b[1]),
    });
  }
  return edges;
}

/** Pairs of edges whose bounding boxes meet: a sweep along easting (n² only when every box overlaps every other). */
function candidatePairs(edges: Edge[], visit: (x: Edge, y: Edge) => void): void {
  const sorted = [...edges].sort((p, q) => p.minE - q.minE);
  for (let k = 0; k < sorted.length; k++) {
    const x = sorted[k] as Edge;
    for (let l = k + 1; l < sorted.length; l++) {
      const y = sorted[l] as Edge;
      if (y.minE > x.maxE) break;
      if (y.maxN < x.minN || y.minN > x.maxN) continue;
      visit(x, y);
    }
  }
}

export interface SelfIntersection {
  /** Indices of the first vertex of the two edges (edge i runs from vertex i to vertex i + 1, the last edge back to 0). */
  edgeA: number;
  edgeB: number;
  kind: SegmentContact["kind"] | "spike";
  at: [number, number];
}

/**
 * Self-intersections of one open ring (the closing edge is implicit): edges that cross, touch or
 * overlap other than at the vertex two consecutive edges share, and spikes (an edge doubling back
 * along the previous one). Expects no consecutive duplicate vertices.
 */
export function ringSelfIntersections(ring: readonly Pos[], limit = 50): SelfIntersection[] {
  const n = ring.length;
  const found: SelfIntersection[] = [];
  if (n < 3) return found;
  // Spikes: consecutive edges a→b→c collinear with c going back towards a.
  for (let i = 0; i < n; i++) {
    const a = ring[i] as Pos;
    const b = ring[(i + 1) % n] as Pos;
    const c = ring[(i + 2) % n] as Pos;
    if (orient(a, b, c) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0) {
      found.push({ edgeA: i, edgeB: (i + 1) % n, kind: "spike", at: [b[0], b[1]] });
    }
  }
  candidatePairs(edgesOf(ring, 0), (x, y) => {
    if (found.length >= limit) return;
    const i = Math.min(x.i, y.i);
    const j = Math.max(x.i, y.i);
    if (j === i + 1 || (i === 0 && j === n - 1)) return; // adjacent edges share a vertex; spikes handled above
    const c = segmentContact(x.a, x.b, y.a, y.b);
    if (c) found.push({ edgeA: i, edgeB: j, kind: c.kind, at: c.at });
  });
  return found.sort((p, q) => p.edgeA - q.edgeA || p.edgeB - q.edgeB).slice(0, limit);
}

/** First contact between the boundaries of two rings, or null. */
export function ringsContact(r1: readonly Pos[], r2: readonly Pos[]): { edgeA: number; edgeB: number; contact: SegmentContact } | null {
  let best: { edgeA: number; edgeB: number; contact: SegmentContact } | null = null;
  candidatePairs([...edgesOf(r1, 0), ...edgesOf(r2, 1)], (x, y) => {
    if (x.ring === y.ring) return;
    const [p, q] = x.ring === 0 ? [x, y] : [y, x];
    if (best && (best.edgeA < p.i || (best.edgeA === p.i && best.edgeB <= q.i))) return;
    const c = segmentContact(p.a, p.b, q.a, q.b);
    if (c) best = { edgeA: p.i, edgeB: q.i, contact: c };
  });
  return best;
}

/** Where p lies relative to an open ring: inside, outside, or on its boundary (exact). */
export function pointInRing(p: Pos, ring: readonly Pos[]): "inside" | "outside" | "boundary" {
  const n = ring.length;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i] as Pos;
    const b = ring[j] as Pos;
    if (orient(a, b, p) === 0 && withinBox(a, b, p)) return "boundary";
    if (a[1] > p[1] !== b[1] > p[1]) {
      // Does the edge cross the horizontal ray to the east of p? Sign of the crossing relative to p, exactly.
      const o = orient(a, b, p);
      if (b[1] > a[1] ? o > 0 : o < 0) inside = !inside;
    }
  }
  return inside ? "inside" : "outside";
}

/**
 * Twice the signed area of an open ring in the GIS plane (positive = counter-clockwise), computed
 * relative to the first vertex so large (prefixed) coordinates do not lose digits.
 */
export function signedDoubleArea(ring: readonly Pos[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  const o = ring[0] as Pos;
  let sum = 0;
  for (let i = 1; i < n - 1; i++) {
    const a = ring[i] as Pos;
    const b = ring[i + 1] as Pos;
    sum += (a[0] - o[0]) * (b[1] - o[1]) - (b[0] - o[0]) * (a[1] - o[1]);
  }
  return sum;
}
