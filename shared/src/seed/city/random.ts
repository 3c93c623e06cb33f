/**
 * Deterministic randomness for the synthetic city: a seeded PRNG (sfc32) and smooth 2-D value
 * noise. Nothing here touches Math.random, so one seed always gives one city.
 */

/** 32-bit integer hash of a string (FNV-1a), used to derive sub-seeds. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes integers into one 32-bit hash (murmur3 finaliser per step). */
export function hashInts(a: number, b: number, c: number): number {
  let h = Math.imul(a | 0, 0x9e3779b1) ^ Math.imul(b | 0, 0x85ebca77) ^ Math.imul(c | 0, 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform [0, 1) from a 32-bit hash. */
export function unit(h: number): number {
  return h / 4294967296;
}

export interface Rng {
  /** Uniform [0, 1). */
  next(): number;
  /** Uniform [lo, hi). */
  range(lo: number, hi: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded from a string. */
export function createRng(seed: string): Rng {
  let a = hashString(`${seed}/a`);
  let b = hashString(`${seed}/b`);
  let c = hashString(`${seed}/c`);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return {
    next,
    range: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError("pick from an empty list");
      return item;
    },
  };
}

const fade = (t: number): number => t * t * t * (t * (t * 6 - 15) + 10);

/** Smooth value noise in [-1, 1] with unit feature size, keyed by an integer seed. */
export function valueNoise(seed: number, x: number, y: number): number {
  const xi = Math.floor(x);
  const yi = Math.floor(y);
  const u = fade(x - xi);
  const v = fade(y - yi);
  const n00 = unit(hashInts(xi, yi, seed));
  const n10 = unit(hashInts(xi + 1, yi, seed));
  const n01 = unit(hashInts(xi, yi + 1, seed));
  const n11 = unit(hashInts(xi + 1, yi + 1, seed));
  const a = n00 + (n10 - n00) * u;
  const b = n01 + (n11 - n01) * u;
  return (a + (b - a) * v) * 2 - 1;
}

/** Fractal (fBm) value noise, roughly in [-1, 1]; `scale` is the largest feature size. */
export function fbm(seed: number, x: number, y: number, scale: number, octaves = 3): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let f = 1 / scale;
  for (let o = 0; o < octaves; o++) {
    sum += amp * valueNoise(seed + o * 1013, x * f, y * f);
    norm += amp;
    amp *= 0.5;
    f *= 2.03;
  }
  return sum / norm;
}
