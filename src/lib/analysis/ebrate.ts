/**
 * Empirical Bayes smoothed rates (METHODS.md §5; Marshall 1991, method of moments):
 * r_i = y_i/n_i, b = Σy/Σn, s² = Σ n_i (r_i − b)²/Σ n_i, a = s² − b/n̄ (n̄ mean population,
 * a < 0 → 0), EB_i = b + a (r_i − b)/(a + b/n_i). Same as R spdep `EBest` (method "moments").
 */
import type { Weights } from './weights';
import { invalid } from '../contract/errors.ts';

type Num = ArrayLike<number>;

function check(events: Num, pop: Num): void {
  if (events.length !== pop.length) throw invalid('events', `length ${events.length} ≠ ${pop.length}`);
  for (let i = 0; i < events.length; i++) {
    if (!Number.isFinite(events[i]) || events[i] < 0) throw invalid('events', `${events[i]}`, `area ${i}`);
    if (!Number.isFinite(pop[i]) || pop[i] < 0) throw invalid('population', `${pop[i]}`, `area ${i}`);
  }
}

/** Shrinkage of one rate towards prior mean b with prior variance a; n_i = 0 gives b. */
function shrink(r: number, n: number, b: number, a: number): number {
  if (!(n > 0)) return b;
  const den = a + b / n;
  return den > 0 ? b + (a * (r - b)) / den : b;
}

/** Method-of-moments prior over a set of areas (indices `idx`). */
function moments(events: Num, pop: Num, idx: ArrayLike<number>): { b: number; a: number; s2: number } {
  let Y = 0, N = 0, m = 0;
  for (let k = 0; k < idx.length; k++) {
    Y += events[idx[k]];
    N += pop[idx[k]];
    m++;
  }
  if (!(N > 0)) return { b: NaN, a: NaN, s2: NaN };
  const b = Y / N;
  let s = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    if (pop[i] > 0) s += pop[i] * (events[i] / pop[i] - b) ** 2;
  }
  const s2 = s / N;
  const a = Math.max(0, s2 - b / (N / m));
  return { b, a, s2 };
}

/** Result of `ebGlobal`. */
export interface GlobalEB {
  /** b = Σy/Σn */
  priorMean: number;
  /** a = max(0, s² − b/n̄) */
  priorVariance: number;
  /** raw rates y_i/n_i (NaN where n_i = 0) */
  raw: Float64Array;
  eb: Float64Array;
}

/** Global empirical Bayes rates (Marshall 1991; METHODS.md §5). */
export function ebGlobal(events: Num, pop: Num): GlobalEB {
  check(events, pop);
  const n = events.length;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const { b, a } = moments(events, pop, all);
  if (Number.isNaN(b)) throw invalid('population', 'total is 0');
  const raw = new Float64Array(n), eb = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    raw[i] = pop[i] > 0 ? events[i] / pop[i] : NaN;
    eb[i] = shrink(raw[i], pop[i], b, a);
  }
  return { priorMean: b, priorVariance: a, raw, eb };
}

/** Result of `ebSpatial`. */
export interface SpatialEB {
  raw: Float64Array;
  eb: Float64Array;
  /** local prior mean per area (its window: the area and its neighbours) */
  priorMean: Float64Array;
  priorVariance: Float64Array;
}

/**
 * Spatial empirical Bayes (METHODS.md §5): the prior of area i is estimated by the same
 * moments over its window {i} ∪ N(i) (neighbourhood sums, as GeoDa). Weight values are ignored.
 */
export function ebSpatial(events: Num, pop: Num, w: Weights): SpatialEB {
  check(events, pop);
  const n = events.length;
  if (w.n !== n) throw invalid('weights', `n ${w.n} ≠ ${n}`);
  const raw = new Float64Array(n), eb = new Float64Array(n);
  const priorMean = new Float64Array(n), priorVariance = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const win = [i];
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) win.push(w.neighbors[k]);
    const { b, a } = moments(events, pop, win);
    raw[i] = pop[i] > 0 ? events[i] / pop[i] : NaN;
    priorMean[i] = b;
    priorVariance[i] = a;
    eb[i] = Number.isNaN(b) ? NaN : shrink(raw[i], pop[i], b, a);
  }
  return { raw, eb, priorMean, priorVariance };
}
