/**
 * Seeded pseudo-random numbers for reproducible Monte Carlo runs (robustness, k-means++): the
 * uniform generator of `random.ts` (xoshiro128**, Blackman & Vigna 2018) plus normal deviates by
 * the Marsaglia polar method; gamma deviates by Marsaglia & Tsang (2000). METHODS.md §2 (robustness).
 */
import { createRng as createUniform } from './random';
import { invalid } from '../contract/errors.ts';

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

/** Creates a seeded generator (xoshiro128** from `random.ts`); equal seeds give equal streams. */
export function createRng(seed = 1): Rng {
  if (!Number.isFinite(seed)) throw invalid('seed', `${seed}`);
  const uniform = createUniform(Math.floor(seed));
  let spare = NaN;
  const next = (): number => uniform.next();
  const normal = (): number => {
    if (!Number.isNaN(spare)) { const s = spare; spare = NaN; return s; }
    let u: number, v: number, s: number;
    do { u = 2 * next() - 1; v = 2 * next() - 1; s = u * u + v * v; } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    return u * f;
  };
  const gamma = (shape: number): number => {
    if (!(shape > 0) || !Number.isFinite(shape)) throw invalid('shape', `${shape}`);
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
  const int = (n: number): number => uniform.int(n);
  return { next, normal, gamma, int };
}
