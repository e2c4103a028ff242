/**
 * Single-group segregation indices: group x against the rest y = t − x (METHODS.md §4).
 * Inputs are counts per area; areas with t_i = 0 carry no information and are left out
 * (their indices are reported in `excluded`).
 */
import type { Weights } from './weights';
import { invalid } from '../contract/errors.ts';

type Num = ArrayLike<number>;

/** Counts after validation, without areas of zero population. */
export interface GroupCounts {
  x: Float64Array;
  t: Float64Array;
  /** original indices of the areas kept */
  kept: Int32Array;
  /** original indices of areas left out because t_i = 0 */
  excluded: number[];
}

/**
 * Validates x (group) and t (total) and drops areas with t_i = 0.
 * Throws `invalid x: …` when counts are negative, not finite or x_i > t_i.
 */
export function prepareCounts(x: Num, t: Num): GroupCounts {
  if (x.length !== t.length) throw invalid('x', `length ${x.length} ≠ total length ${t.length}`);
  const kept: number[] = [];
  const excluded: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i], ti = t[i];
    if (!Number.isFinite(xi) || xi < 0) throw invalid('x', `${xi}`, `area ${i}`);
    if (!Number.isFinite(ti) || ti < 0) throw invalid('total', `${ti}`, `area ${i}`);
    if (xi > ti * (1 + 1e-12)) throw invalid('x', `${xi} > total ${ti}`, `area ${i}`);
    if (ti === 0) excluded.push(i);
    else kept.push(i);
  }
  const n = kept.length;
  const xs = new Float64Array(n), ts = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    xs[k] = x[kept[k]];
    ts[k] = t[kept[k]];
  }
  return { x: xs, t: ts, kept: Int32Array.from(kept), excluded };
}

function totals(x: Num, t: Num): { X: number; T: number; P: number } {
  let X = 0, T = 0;
  for (let i = 0; i < x.length; i++) {
    X += x[i];
    T += t[i];
  }
  if (T <= 0) throw invalid('total', `${T}`);
  return { X, T, P: X / T };
}

/**
 * Dissimilarity D = ½ Σ |x_i/X − y_i/Y|, y = t − x (Duncan & Duncan 1955; METHODS.md §4).
 * Areas with t_i = 0 contribute 0. Returns NaN when X = 0 or Y = 0.
 */
export function dissimilarity(x: Num, t: Num): number {
  const { X, T } = totals(x, t);
  const Y = T - X;
  if (X <= 0 || Y <= 0) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i] / X - (t[i] - x[i]) / Y);
  return s / 2;
}

/**
 * Gini G = Σ_i Σ_j t_i t_j |p_i − p_j| / (2 T² P (1 − P)) (METHODS.md §4), computed in
 * O(n log n) with areas sorted by p_i.
 */
export function gini(x: Num, t: Num): number {
  const { T, P } = totals(x, t);
  if (P <= 0 || P >= 1) return NaN;
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (t[i] > 0) idx.push(i);
  idx.sort((a, b) => x[a] / t[a] - x[b] / t[b]);
  // Σ_{i<j} t_i t_j (p_j − p_i) = Σ_j t_j (p_j W_{<j} − S_{<j}), W = Σ t, S = Σ t p
  let W = 0, S = 0, acc = 0;
  for (const j of idx) {
    const pj = x[j] / t[j];
    acc += t[j] * (pj * W - S);
    W += t[j];
    S += x[j];
  }
  return (2 * acc) / (2 * T * T * P * (1 - P));
}

function binEntropy(p: number): number {
  let e = 0;
  if (p > 0) e -= p * Math.log(p);
  if (p < 1) e -= (1 - p) * Math.log(1 - p);
  return e;
}

/**
 * Entropy index (Theil H): E = −[P ln P + (1−P) ln(1−P)], E_i likewise with p_i (0·ln 0 = 0),
 * H = Σ t_i (E − E_i) / (E T) (METHODS.md §4).
 */
export function entropy(x: Num, t: Num): number {
  const { T, P } = totals(x, t);
  const E = binEntropy(P);
  if (E === 0) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) if (t[i] > 0) s += t[i] * (E - binEntropy(x[i] / t[i]));
  return s / (E * T);
}

/**
 * Atkinson A(b) = 1 − P/(1−P) · |Σ (1−p_i)^(1−b) p_i^b t_i / (P T)|^(1/(1−b)), 0 < b < 1,
 * default b = 0.5 (METHODS.md §4).
 */
export function atkinson(x: Num, t: Num, b = 0.5): number {
  if (!(b > 0 && b < 1)) throw invalid('b', `${b}`);
  const { T, P } = totals(x, t);
  if (P <= 0 || P >= 1) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    if (t[i] <= 0) continue;
    const p = x[i] / t[i];
    s += Math.pow(1 - p, 1 - b) * Math.pow(p, b) * t[i];
  }
  return 1 - (P / (1 - P)) * Math.pow(Math.abs(s / (P * T)), 1 / (1 - b));
}

/** Isolation xPx = Σ (x_i/X)(x_i/t_i) (METHODS.md §4). */
export function isolation(x: Num, t: Num): number {
  const { X } = totals(x, t);
  if (X <= 0) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) if (t[i] > 0) s += (x[i] / X) * (x[i] / t[i]);
  return s;
}

/** Exposure (interaction) xPy = Σ (x_i/X)(y_i/t_i), y = t − x (METHODS.md §4). */
export function exposure(x: Num, t: Num): number {
  const { X } = totals(x, t);
  if (X <= 0) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) if (t[i] > 0) s += (x[i] / X) * ((t[i] - x[i]) / t[i]);
  return s;
}

/** Correlation ratio η² = (xPx − P)/(1 − P) (METHODS.md §4). */
export function correlationRatio(x: Num, t: Num): number {
  const { P } = totals(x, t);
  if (P >= 1) return NaN;
  return (isolation(x, t) - P) / (1 - P);
}

/** Delta Δ = ½ Σ |x_i/X − a_i/A| with area sizes a (Hoover; Massey & Denton 1988, METHODS.md §4). */
export function delta(x: Num, t: Num, area: Num): number {
  if (area.length !== x.length) throw invalid('area', `length ${area.length}`);
  const { X } = totals(x, t);
  let A = 0;
  for (let i = 0; i < x.length; i++) if (t[i] > 0) A += area[i];
  if (X <= 0 || !(A > 0)) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) if (t[i] > 0) s += Math.abs(x[i] / X - area[i] / A);
  return s / 2;
}

/**
 * Spatial dissimilarity (Morrill 1991): D − Σ_ij c_ij |p_i − p_j| / Σ_ij c_ij with binary
 * contiguity c (every listed neighbour counts 1, whatever its weight; METHODS.md §4).
 * Weights are indexed like x and t; pairs touching an area with t = 0 are skipped.
 */
export function spatialDissimilarity(x: Num, t: Num, w: Weights): number {
  if (w.n !== x.length) throw invalid('weights', `n ${w.n} ≠ ${x.length}`);
  let num = 0, cnt = 0;
  for (let i = 0; i < w.n; i++) {
    if (t[i] <= 0) continue;
    const pi = x[i] / t[i];
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) {
      const j = w.neighbors[k];
      if (t[j] <= 0) continue;
      num += Math.abs(pi - x[j] / t[j]);
      cnt++;
    }
  }
  if (cnt === 0) return NaN;
  return dissimilarity(x, t) - num / cnt;
}

/** Location quotients LQ_i = p_i / P (METHODS.md §4); NaN where t_i = 0. */
export function locationQuotients(x: Num, t: Num): Float64Array {
  const { P } = totals(x, t);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = t[i] > 0 && P > 0 ? x[i] / t[i] / P : NaN;
  return out;
}

/** All single-group indices of METHODS.md §4 at once. */
export interface SingleGroupIndices {
  dissimilarity: number;
  gini: number;
  entropy: number;
  atkinson: number;
  isolation: number;
  exposure: number;
  correlation_ratio: number;
  spatial_dissimilarity?: number;
  delta?: number;
  /** original indices of areas left out because t_i = 0 */
  excluded: number[];
}

/**
 * Computes every single-group index (METHODS.md §4) on areas with t_i > 0.
 * Optional: contiguity `weights` (same indexing as x) for Morrill's D, `area` for Delta.
 */
export function singleGroupIndices(
  x: Num,
  t: Num,
  opts: { atkinsonB?: number; weights?: Weights; area?: Num } = {},
): SingleGroupIndices {
  const c = prepareCounts(x, t);
  const r: SingleGroupIndices = {
    dissimilarity: dissimilarity(c.x, c.t),
    gini: gini(c.x, c.t),
    entropy: entropy(c.x, c.t),
    atkinson: atkinson(c.x, c.t, opts.atkinsonB ?? 0.5),
    isolation: isolation(c.x, c.t),
    exposure: exposure(c.x, c.t),
    correlation_ratio: correlationRatio(c.x, c.t),
    excluded: c.excluded,
  };
  // Morrill and Delta work on the full indexing: zero-population areas are skipped inside.
  if (opts.weights) r.spatial_dissimilarity = spatialDissimilarity(x, t, opts.weights);
  if (opts.area) r.delta = delta(x, t, opts.area);
  return r;
}
