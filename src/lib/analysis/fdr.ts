/**
 * False discovery rate control for local statistics (METHODS.md §5 "optional FDR"),
 * Benjamini & Hochberg (1995). NaN p-values (e.g. islands) are ignored.
 */
import { invalid } from '../contract/errors.ts';

/** BH-adjusted p-values q_(k) = min_{j ≥ k} p_(j)·m/j, capped at 1; NaN stays NaN. */
export function bhAdjust(p: ArrayLike<number>): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i])) idx.push(i);
  idx.sort((a, b) => p[a] - p[b]);
  const m = idx.length;
  const q = new Float64Array(p.length).fill(NaN);
  let run = 1;
  for (let k = m - 1; k >= 0; k--) {
    run = Math.min(run, (p[idx[k]] * m) / (k + 1));
    q[idx[k]] = run;
  }
  return q;
}

/**
 * Significant under BH at level alpha: p_i ≤ p_(k*) with k* the largest k such that
 * p_(k) ≤ k·alpha/m (the GeoDa "FDR" cut-off).
 */
export function fdrSignificant(p: ArrayLike<number>, alpha = 0.05): Uint8Array {
  if (!(alpha > 0 && alpha < 1)) throw invalid('alpha', `${alpha}`);
  const q = bhAdjust(p);
  const out = new Uint8Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = q[i] <= alpha ? 1 : 0;
  return out;
}
