/**
 * Standardisation of indicators (METHODS.md §2): z-score, min–max 0–100 and percentile rank.
 * The reference statistics are computed over the valid areas only (mask) and then applied to
 * all areas, so excluded areas (e.g. under 300 EW) still receive comparable values.
 * Polarity −1 mirrors the scale so that higher always means more burden.
 */
import { checkSd, type SdKind } from './stats.ts';
import { invalid } from '../contract/errors.ts';

/** Standardisation methods of METHODS.md §2. */
export type Standardization = 'zscore' | 'minmax' | 'percentile';
/** All standardisation methods, in the order offered to the user. */
export const STANDARDIZATIONS: readonly Standardization[] = ['zscore', 'minmax', 'percentile'];

/** Options of {@link standardize}. */
export interface StandardizeOptions {
  method?: Standardization;
  /** z-score only: `sample` (n − 1, default) or `population` (n). */
  sd?: SdKind;
  /** 1 = area belongs to the reference set; absent = all areas with a finite value. */
  mask?: ArrayLike<number> | null;
  /** 1 (higher = more burden, default) or −1. */
  polarity?: number;
}

/** Reference statistics of one indicator, fitted on the valid areas (see {@link fitStandardization}). */
export interface StandardizationReference {
  method: Standardization;
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** Ascending valid values (percentile method only; empty otherwise). */
  sorted: Float64Array;
  n: number;
}

/** Validates a method name. */
export function checkStandardization(m: string): Standardization {
  if (!(STANDARDIZATIONS as readonly string[]).includes(m)) throw invalid('standardization', `${m}`);
  return m as Standardization;
}

/** Validates a polarity (1 or −1). */
export function checkPolarity(p: number): 1 | -1 {
  if (p !== 1 && p !== -1) throw invalid('polarity', `${p}`);
  return p;
}

/**
 * Fits the reference of x over the valid areas: mean and sd (n − 1 or n) for z-scores, min and max
 * for min–max, the sorted values for the percentile rank. METHODS.md §2.
 */
export function fitStandardization(
  x: ArrayLike<number>,
  method: Standardization = 'zscore',
  mask?: ArrayLike<number> | null,
  sd: SdKind = 'sample',
): StandardizationReference {
  checkStandardization(method);
  checkSd(sd);
  // pass 1: n, sum, min, max; pass 2: squared deviations (two-pass for accuracy)
  let n = 0, sum = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v || (mask && !mask[i])) continue;
    n++; sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v || (mask && !mask[i])) continue;
    ss += (v - mean) * (v - mean);
  }
  const den = sd === 'sample' ? n - 1 : n;
  let sorted = new Float64Array(0);
  if (method === 'percentile') {
    sorted = new Float64Array(n);
    for (let i = 0, q = 0; i < x.length; i++) if (!(x[i] !== x[i] || (mask && !mask[i]))) sorted[q++] = x[i];
    sorted.sort();
  }
  return { method, mean, sd: den > 0 ? Math.sqrt(ss / den) : NaN, min: n ? min : NaN, max: n ? max : NaN, sorted, n };
}

/**
 * Applies a fitted reference to every area:
 * - zscore: z = (x − mean) / sd (0 if sd = 0: the indicator does not discriminate);
 * - minmax: 100 · (x − min) / (max − min) (50 if max = min; areas outside the reference may leave 0–100);
 * - percentile: 100 · (#{ref < x} + ½ · #{ref = x}) / n_ref (mid-rank percentile).
 * Polarity −1 gives −z, 100 − minmax and 100 − percentile (exactly the values of −x). NaN stays NaN.
 */
export function applyStandardization(
  x: ArrayLike<number>,
  ref: StandardizationReference,
  polarity = 1,
  out: Float64Array = new Float64Array(x.length),
): Float64Array {
  const p = checkPolarity(polarity);
  const n = x.length;
  if (ref.method === 'zscore') {
    // NaN (missing value, or no reference: mean NaN) propagates through the arithmetic
    const f = ref.sd > 0 ? p / ref.sd : 0, mean = ref.mean;
    for (let i = 0; i < n; i++) out[i] = (x[i] - mean) * f;
  } else if (ref.method === 'minmax') {
    const range = ref.max - ref.min;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(x[i]) || ref.n === 0) { out[i] = NaN; continue; }
      const v = range > 0 ? (100 * (x[i] - ref.min)) / range : 50;
      out[i] = p === 1 ? v : 100 - v;
    }
  } else {
    const s = ref.sorted, m = s.length;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (Number.isNaN(v) || m === 0) { out[i] = NaN; continue; }
      const below = lowerBound(s, v), upTo = upperBound(s, v);
      const pr = (100 * (below + 0.5 * (upTo - below))) / m;
      out[i] = p === 1 ? pr : 100 - pr;
    }
  }
  return out;
}

/** Fits over the valid areas and applies to all (see {@link fitStandardization}, {@link applyStandardization}). */
export function standardize(x: ArrayLike<number>, options: StandardizeOptions = {}, out?: Float64Array): Float64Array {
  const ref = fitStandardization(x, options.method ?? 'zscore', options.mask, options.sd ?? 'sample');
  return applyStandardization(x, ref, options.polarity ?? 1, out);
}

/** z = (x − mean) / sd over the valid areas (sd with n − 1 by default). METHODS.md §2. */
export function zScores(x: ArrayLike<number>, mask?: ArrayLike<number> | null, sd: SdKind = 'sample'): Float64Array {
  return standardize(x, { method: 'zscore', mask, sd });
}

/** 100 · (x − min) / (max − min) with min and max over the valid areas. METHODS.md §2. */
export function minMax(x: ArrayLike<number>, mask?: ArrayLike<number> | null): Float64Array {
  return standardize(x, { method: 'minmax', mask });
}

/** Mid-rank percentile 100 · (#below + ½ #equal) / n among the valid areas. METHODS.md §2. */
export function percentileRank(x: ArrayLike<number>, mask?: ArrayLike<number> | null): Float64Array {
  return standardize(x, { method: 'percentile', mask });
}

function lowerBound(s: Float64Array, v: number): number {
  let lo = 0, hi = s.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (s[mid] < v) lo = mid + 1; else hi = mid; }
  return lo;
}
function upperBound(s: Float64Array, v: number): number {
  let lo = 0, hi = s.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (s[mid] <= v) lo = mid + 1; else hi = mid; }
  return lo;
}
