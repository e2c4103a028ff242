/**
 * Fast ranking for the index kernels (METHODS.md §2: rank 1 = highest score; ties keep input
 * order, so ranks are a permutation). First choice: a stable bucket sort (m linear buckets over
 * [min, max], insertion sort inside each bucket; O(m) for smooth score distributions). If a
 * bucket gets crowded (e.g. one extreme outlier stretches the range), a native Float64Array sort
 * on keys that carry the position in their lowest mantissa bits, followed by an exact insertion
 * fix-up pass. Assumes little-endian typed arrays (all supported platforms).
 */
import { invalid } from '../contract/errors.ts';

/** Reusable buffers for {@link argsortDescending} on up to `capacity` values. */
export class RankWorkspace {
  readonly keys: Float64Array;
  readonly words: Uint32Array;
  readonly start: Int32Array;
  readonly bucket: Int32Array;
  constructor(readonly capacity: number) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.words = new Uint32Array(this.keys.buffer);
    this.start = new Int32Array(capacity + 2);
    this.bucket = new Int32Array(Math.max(1, capacity));
  }
}

const MAX_BUCKET = 48;

/** True if a (value va) belongs before b (value vb) in descending, position-stable order. */
const before = (va: number, a: number, vb: number, b: number): boolean => va > vb || (va === vb && a < b);

/**
 * Positions 0..m−1 of `values` sorted descending (no NaN allowed); ties in position order.
 * Exact: the embedded-position sort only pre-orders, the fix-up pass compares the true values.
 */
export function argsortDescending(values: ArrayLike<number>, m: number, order: Int32Array, ws: RankWorkspace = new RankWorkspace(m)): Int32Array {
  if (m > ws.capacity) throw invalid('workspace', `${ws.capacity}`, `capacity`);
  if (bucketSort(values, m, order, ws)) return order;
  return embeddedSort(values, m, order, ws);
}

/** Stable bucket sort; false (order undefined) if a bucket exceeds MAX_BUCKET or values are not finite. */
function bucketSort(values: ArrayLike<number>, m: number, order: Int32Array, ws: RankWorkspace): boolean {
  let lo = Infinity, hi = -Infinity;
  for (let p = 0; p < m; p++) { const v = values[p]; if (v < lo) lo = v; if (v > hi) hi = v; }
  if (m === 0) return true;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return false;
  if (hi === lo) { for (let p = 0; p < m; p++) order[p] = p; return true; }
  const start = ws.start, bucket = ws.bucket, keys = ws.keys;
  const scale = m / (hi - lo);
  if (!Number.isFinite(scale)) return false;
  start.fill(0, 0, m + 2);
  for (let p = 0; p < m; p++) {
    let b = ((hi - values[p]) * scale) | 0;
    if (b >= m) b = m - 1;
    bucket[p] = b;
    start[b + 1]++;
  }
  for (let b = 0; b < m; b++) { if (start[b + 1] > MAX_BUCKET) return false; start[b + 1] += start[b]; }
  for (let p = 0; p < m; p++) { const q = start[bucket[p]]++; order[q] = p; keys[q] = values[p]; }
  // start[b] is now the end of bucket b; insertion sort inside each bucket
  for (let b = 0, from = 0; b < m; b++) {
    const to = start[b];
    for (let p = from + 1; p < to; p++) {
      const key = keys[p], id = order[p];
      let q = p - 1;
      if (before(keys[q], order[q], key, id)) continue;
      while (q >= from && !before(keys[q], order[q], key, id)) { keys[q + 1] = keys[q]; order[q + 1] = order[q]; q--; }
      keys[q + 1] = key; order[q + 1] = id;
    }
    from = to;
  }
  return true;
}

/** Native sort on position-carrying keys, then an exact insertion fix-up. */
function embeddedSort(values: ArrayLike<number>, m: number, order: Int32Array, ws: RankWorkspace): Int32Array {
  if (m > 2 ** 30) throw invalid('length', `${m}`);
  let bits = 1;
  while (1 << bits < m) bits++;
  const mask = (1 << bits) - 1, keep = ~mask >>> 0;
  const keys = ws.keys, words = ws.words;
  for (let p = 0; p < m; p++) {
    const v = values[p];
    keys[p] = v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v;
    // positive keys: ascending mantissa = ascending value; store mask − p so that after the
    // final reversal equal values come out in position order (fixed exactly below anyway)
    words[2 * p] = ((words[2 * p] & keep) | (mask - p)) >>> 0;
  }
  keys.subarray(0, m).sort();
  for (let p = 0; p < m; p++) order[p] = mask - (words[2 * (m - 1 - p)] & mask);
  for (let p = 1; p < m; p++) {
    const id = order[p], v = values[id];
    let q = p - 1;
    if (before(values[order[q]], order[q], v, id)) continue;
    while (q >= 0 && !before(values[order[q]], order[q], v, id)) { order[q + 1] = order[q]; q--; }
    order[q + 1] = id;
  }
  return order;
}

/**
 * Re-sorts `order` (a permutation of 0..m−1) descending by `values` with insertion sort, ties in
 * position order, using `sortedKeys` as scratch (`sortedKeys[p] = values[order[p]]` afterwards).
 * Gives up and returns false after `budget` element moves (the caller then uses
 * {@link argsortDescending}). Cost O(m + inversions).
 */
export function insertionResort(values: ArrayLike<number>, m: number, order: Int32Array, sortedKeys: Float64Array, budget: number): boolean {
  for (let p = 0; p < m; p++) sortedKeys[p] = values[order[p]];
  let moves = 0;
  for (let p = 1; p < m; p++) {
    const key = sortedKeys[p], id = order[p];
    if (before(sortedKeys[p - 1], order[p - 1], key, id)) continue;
    let q = p - 1;
    while (q >= 0 && !before(sortedKeys[q], order[q], key, id)) { sortedKeys[q + 1] = sortedKeys[q]; order[q + 1] = order[q]; q--; }
    moves += p - 1 - q;
    sortedKeys[q + 1] = key; order[q + 1] = id;
    if (moves > budget) return false;
  }
  return true;
}
