/**
 * Seeded pseudo-random numbers for reproducible Monte Carlo runs (robustness, k-means++).
 * Generator: xoshiro128** (Blackman & Vigna 2018), seeded through splitmix32; normal deviates by
 * the Marsaglia polar method; gamma deviates by Marsaglia & Tsang (2000). METHODS.md §2 (robustness).
 */
export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
  /** Standard normal deviate. */
  normal(): number;
  /** Gamma(shape, 1) deviate, shape > 0 (Marsaglia–Tsang; shape < 1 via the U^(1/a) boost). */
  gamma(shape: number): number;
  /** Integer uniform on 0..n−1. */
  int(n: number): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a seeded generator (xoshiro128**); equal seeds give equal streams. */
export function createRng(seed = 1): Rng {
  if (!Number.isFinite(seed)) throw new Error(`invalid seed: ${seed}`);
  const sm = splitmix32(Math.floor(seed));
  let a = sm(), b = sm(), c = sm(), d = sm();
  if ((a | b | c | d) === 0) a = 1;
  let spare = NaN;
  const nextU32 = (): number => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11);
    return r;
  };
  const next = (): number => nextU32() / 4294967296;
  const normal = (): number => {
    if (!Number.isNaN(spare)) { const s = spare; spare = NaN; return s; }
    let u: number, v: number, s: number;
    do { u = 2 * next() - 1; v = 2 * next() - 1; s = u * u + v * v; } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    return u * f;
  };
  const gamma = (shape: number): number => {
    if (!(shape > 0) || !Number.isFinite(shape)) throw new Error(`invalid shape: ${shape}`);
    if (shape < 1) {
      let u = next();
      while (u === 0) u = next();
      return gamma(shape + 1) * Math.pow(u, 1 / shape);
    }
    const dd = shape - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number, v: number;
      do { x = normal(); v = 1 + cc * x; } while (v <= 0);
      v = v * v * v;
      const u = next();
      if (u < 1 - 0.0331 * x * x * x * x) return dd * v;
      if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v;
    }
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, normal, gamma, int };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
