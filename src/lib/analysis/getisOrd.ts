/**
 * Getis–Ord local G_i* (Getis & Ord 1992; Ord & Getis 1995; METHODS.md §5) as z-scores:
 * z_i = (Σ_j w_ij x_j − x̄ W_i) / (S √((n S1_i − W_i²)/(n − 1))), with W_i = Σ_j w_ij,
 * S1_i = Σ_j w_ij², x̄ and S² = Σx²/n − x̄² over all n areas, and w_ii = `selfWeight` (G*).
 */
import { normalTwoSided } from './normal';
import type { Weights } from './weights';
import { invalid } from '../contract/errors.ts';

/** Result of `getisOrdGStar`. */
export interface GetisOrd {
  /** G_i* = Σ_j w_ij x_j / Σ_j x_j */
  G: Float64Array;
  z: Float64Array;
  /** two-sided normal p-values */
  p: Float64Array;
}

/** Local G_i*; use binary weights (the contiguity itself), self weight 1 by default. */
export function getisOrdGStar(x: ArrayLike<number>, w: Weights, opts: { selfWeight?: number } = {}): GetisOrd {
  const n = x.length;
  if (w.n !== n) throw invalid('weights', `n ${w.n} ≠ ${n}`);
  const self = opts.selfWeight ?? 1;
  if (!(self >= 0)) throw invalid('selfWeight', `${opts.selfWeight}`);
  let sum = 0, sq = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw invalid('x', `${x[i]}`, `area ${i}`);
    sum += x[i];
    sq += x[i] * x[i];
  }
  const mean = sum / n;
  const S = Math.sqrt(Math.max(0, sq / n - mean * mean));
  const G = new Float64Array(n), z = new Float64Array(n), p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lag = self * x[i], Wi = self, S1 = self * self;
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) {
      const v = w.weights[k];
      lag += v * x[w.neighbors[k]];
      Wi += v;
      S1 += v * v;
    }
    G[i] = lag / sum;
    const den = S * Math.sqrt((n * S1 - Wi * Wi) / (n - 1));
    z[i] = den > 0 ? (lag - mean * Wi) / den : NaN;
    p[i] = normalTwoSided(z[i]);
  }
  return { G, z, p };
}
