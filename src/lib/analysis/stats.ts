/**
 * Small descriptive helpers shared by the index modules (METHODS.md §2). All skip NaN and, when a
 * mask is given, every position where mask[i] === 0.
 */
import { invalid } from '../contract/errors.ts';
export type SdKind = 'sample' | 'population';

/** Validates an sd convention: `sample` (n − 1, as SPSS and Excel STABW) or `population` (n). */
export function checkSd(sd: string): SdKind {
  if (sd !== 'sample' && sd !== 'population') throw invalid('sd', `${sd}`);
  return sd;
}

/** Mean and standard deviation over the valid, finite values: sd² = Σ(x − x̄)² / (n − 1) or / n. */
export function meanSd(
  x: ArrayLike<number>,
  mask?: ArrayLike<number> | null,
  sd: SdKind = 'sample',
): { mean: number; sd: number; n: number } {
  let n = 0, s = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if ((mask && !mask[i]) || Number.isNaN(v)) continue;
    n++; s += v;
  }
  if (n === 0) return { mean: NaN, sd: NaN, n: 0 };
  const m = s / n;
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if ((mask && !mask[i]) || Number.isNaN(v)) continue;
    ss += (v - m) * (v - m);
  }
  const den = sd === 'sample' ? n - 1 : n;
  return { mean: m, sd: den > 0 ? Math.sqrt(ss / den) : NaN, n };
}

/** Pearson correlation r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²) over pairs valid in both. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>, mask?: ArrayLike<number> | null): number {
  let n = 0, sx = 0, sy = 0;
  for (let i = 0; i < x.length; i++) {
    if ((mask && !mask[i]) || Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    n++; sx += x[i]; sy += y[i];
  }
  if (n < 2) return NaN;
  const mx = sx / n, my = sy / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    if ((mask && !mask[i]) || Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Mid-ranks (1-based, ties get the average rank) of the valid values; invalid positions get NaN. */
export function midRanks(x: ArrayLike<number>, mask?: ArrayLike<number> | null): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (!(mask && !mask[i]) && !Number.isNaN(x[i])) idx.push(i);
  idx.sort((a, b) => x[a] - x[b]);
  for (let s = 0; s < idx.length; ) {
    let e = s;
    while (e + 1 < idx.length && x[idx[e + 1]] === x[idx[s]]) e++;
    const r = (s + e) / 2 + 1;
    for (let t = s; t <= e; t++) out[idx[t]] = r;
    s = e + 1;
  }
  return out;
}

/** Spearman rank correlation: Pearson r of the mid-ranks over pairs valid in both. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>, mask?: ArrayLike<number> | null): number {
  const both = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) both[i] = !(mask && !mask[i]) && !Number.isNaN(x[i]) && !Number.isNaN(y[i]) ? 1 : 0;
  return pearson(midRanks(x, both), midRanks(y, both), both);
}

/** Quantile of an ascending sorted array, linear interpolation (type 7, as R's default and Excel QUANTIL). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Normalises non-negative weights to sum 1; throws `invalid weights` if any is negative/NaN or all are 0. */
export function normalizeWeights(w: ArrayLike<number>, k: number): Float64Array {
  if (w.length !== k) throw invalid('weights', `${Array.from(w).join(',')}`);
  let s = 0;
  for (let j = 0; j < k; j++) {
    if (!(w[j] >= 0) || !Number.isFinite(w[j])) throw invalid('weights', `${Array.from(w).join(',')}`);
    s += w[j];
  }
  if (!(s > 0)) throw invalid('weights', `${Array.from(w).join(',')}`);
  const out = new Float64Array(k);
  for (let j = 0; j < k; j++) out[j] = w[j] / s;
  return out;
}
