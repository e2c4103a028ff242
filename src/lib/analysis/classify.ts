/**
 * Classification of a numeric column into map classes (METHODS.md §3: quantiles, equal
 * intervals, natural breaks via ckmeans, standard-deviation classes, box map with hinge 1.5,
 * manual breaks). Pure: typed arrays in, plain data out.
 */
import { ckmeans } from 'simple-statistics';
import { invalid } from '../contract/errors.ts';

/** Classification methods of METHODS.md §3. */
export type ClassMethod = 'quantile' | 'equal' | 'ckmeans' | 'sd' | 'boxmap' | 'manual';

export const CLASS_METHODS: readonly ClassMethod[] = ['quantile', 'equal', 'ckmeans', 'sd', 'boxmap', 'manual'];

/** Result of {@link classify}. The number of classes is `breaks.length - 1` (0 if no value). */
export interface Classification {
  /** Class bounds, ascending: `breaks[0]` ≤ data minimum, `breaks[at(-1)]` ≥ data maximum. */
  breaks: number[];
  /** Class per row; −1 = missing (NaN or ±Infinity). */
  classOf: Int16Array;
  /** Rows per class. */
  counts: number[];
  /** Rows without a value. */
  missing: number;
}

export interface ClassifyOptions {
  /** Manual breaks: all class bounds in strictly ascending order (k + 1 numbers). */
  breaks?: number[];
}

/** Largest class count accepted for `k`. */
export const MAX_CLASSES = 12;

/**
 * Classify `values` into map classes.
 *
 * Class membership is upper-inclusive (mapclassify/GeoDa convention): row value v goes to the
 * first class i with v ≤ `breaks[i+1]`; class 0 also holds `breaks[0]`. The box map's lower
 * outlier class is strict (v < Q1 − 1.5·IQR), as in GeoDa.
 *
 * - `quantile`: upper bounds are the i/k quantiles (linear interpolation, R type 7). Tied data
 *   can make bounds coincide; coinciding bounds are merged, so fewer than k classes may result.
 *   A class whose lower and upper bound are equal holds exactly that value.
 * - `equal`: k intervals of width (max − min)/k (empty classes are kept).
 * - `ckmeans`: natural breaks, the exact optimal 1-D k-means of Wang & Song (2011) via
 *   `simple-statistics`; k is reduced to the number of distinct values.
 * - `sd`: k classes of one (population) standard deviation centred on the mean (even k: a bound
 *   at the mean; odd k: a middle class mean ± 0.5 sd). The outer classes are open-ended and
 *   reach to the data min/max; they may be empty. Bounds are at mean + j·sd.
 * - `boxmap`: 6 classes (k ignored): lower outlier, < Q1, Q1–median, median–Q3, > Q3, upper
 *   outlier, fences at Q1 − 1.5·IQR and Q3 + 1.5·IQR (Anselin's box map, hinge 1.5). Outlier
 *   classes may be empty.
 * - `manual`: `opts.breaks` (k ignored); values outside are put into the first/last class and the
 *   returned outer bounds are widened to the data min/max.
 *
 * Degenerate input: no finite value → no classes (`breaks = []`); all values equal → one class
 * `[v, v]` for every method.
 *
 * @throws `invalid method: …`, `invalid k: …` (integer 1…{@link MAX_CLASSES}), `invalid breaks: …`
 */
export function classify(values: Float64Array, method: ClassMethod, k: number, opts: ClassifyOptions = {}): Classification {
  if (!CLASS_METHODS.includes(method)) throw invalid('method', `${String(method)}`);
  if (method !== 'boxmap' && method !== 'manual' && !(Number.isInteger(k) && k >= 1 && k <= MAX_CLASSES)) {
    throw invalid('k', `${k}`);
  }
  const manual = method === 'manual' ? validateBreaks(opts.breaks) : [];

  const n = values.length;
  let missing = 0;
  const finite: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isFinite(v)) finite.push(v);
    else missing++;
  }
  if (finite.length === 0) return { breaks: [], classOf: new Int16Array(n).fill(-1), counts: [], missing };

  const sorted = Float64Array.from(finite).sort();
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  let breaks: number[];
  let strictFirst = false;
  if (min === max && method !== 'manual') {
    breaks = [min, max];
  } else {
    switch (method) {
      case 'quantile': {
        const uppers: number[] = [];
        for (let i = 1; i < k; i++) uppers.push(quantileSorted(sorted, i / k));
        uppers.push(max);
        breaks = mergeUppers(min, uppers);
        break;
      }
      case 'equal': {
        const w = (max - min) / k;
        // capped at max: with a range of a few subnormals (0 … 2e-323) the width rounds up and
        // min + i·w would pass max, giving breaks that fall back (a flaky property test found it)
        breaks = Array.from({ length: k + 1 }, (_, i) => (i === k ? max : Math.min(max, min + i * w)));
        break;
      }
      case 'ckmeans': {
        const kk = Math.min(k, countDistinct(sorted));
        const clusters = ckmeans(finite, kk);
        breaks = mergeUppers(min, clusters.map((c) => c[c.length - 1]));
        break;
      }
      case 'sd':
        breaks = sdBreaks(sorted, k);
        break;
      case 'boxmap': {
        const q1 = quantileSorted(sorted, 0.25);
        const q2 = quantileSorted(sorted, 0.5);
        const q3 = quantileSorted(sorted, 0.75);
        const lo = q1 - 1.5 * (q3 - q1);
        const hi = q3 + 1.5 * (q3 - q1);
        breaks = [Math.min(min, lo), lo, q1, q2, q3, hi, Math.max(max, hi)];
        strictFirst = true;
        break;
      }
      case 'manual':
        breaks = manual.slice();
        breaks[0] = Math.min(breaks[0], min);
        breaks[breaks.length - 1] = Math.max(breaks[breaks.length - 1], max);
        break;
    }
  }

  const nClasses = breaks.length - 1;
  const classOf = new Int16Array(n);
  const counts = new Array<number>(nClasses).fill(0);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      classOf[i] = -1;
      continue;
    }
    const c = strictFirst && v < breaks[1] ? 0 : classIndex(breaks, v, strictFirst ? 1 : 0);
    classOf[i] = c;
    counts[c]++;
  }
  return { breaks, classOf, counts, missing };
}

/** Linear-interpolation quantile (R type 7) of an ascending array, p in [0, 1]. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** First class i ≥ `from` with v ≤ breaks[i+1] (binary search); the last class catches the rest. */
function classIndex(breaks: number[], v: number, from: number): number {
  let lo = from;
  let hi = breaks.length - 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= breaks[mid + 1]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** [min, …upper bounds] with upper bounds that do not exceed the previous one dropped. */
function mergeUppers(min: number, uppers: number[]): number[] {
  const out = [min];
  for (const u of uppers) {
    if (out.length === 1 || u > out[out.length - 1]) out.push(u);
  }
  return out;
}

function countDistinct(sorted: Float64Array): number {
  let c = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) c++;
  return c;
}

function sdBreaks(sorted: Float64Array, k: number): number[] {
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / sorted.length;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) * (v - mean);
  const sd = Math.sqrt(ss / sorted.length);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (k === 1) return [min, max];
  // Interior bounds at mean + j·sd, symmetric around the mean.
  const inner: number[] = [];
  const first = -(k - 2) / 2;
  for (let j = 0; j < k - 1; j++) inner.push(mean + (first + j) * sd);
  return [Math.min(min, inner[0]), ...inner, Math.max(max, inner[inner.length - 1])];
}

function validateBreaks(b: number[] | undefined): number[] {
  if (!Array.isArray(b) || b.length < 2) throw invalid('breaks', `${JSON.stringify(b ?? null)}`, `need at least 2 bounds`);
  for (let i = 0; i < b.length; i++) {
    if (typeof b[i] !== 'number' || !Number.isFinite(b[i])) throw invalid('breaks', `${JSON.stringify(b)}`, `bound ${i + 1} is not a finite number`);
    if (i > 0 && !(b[i] > b[i - 1])) throw invalid('breaks', `${JSON.stringify(b)}`, `bounds must be strictly ascending`);
  }
  if (b.length - 1 > MAX_CLASSES) throw invalid('breaks', `${JSON.stringify(b)}`, `more than ${MAX_CLASSES} classes`);
  return b;
}
