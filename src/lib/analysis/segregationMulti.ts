/**
 * Multigroup segregation (METHODS.md §4; Reardon & Firebaugh 2002): groups k = 1..K with counts
 * x_ik, unit total t_i = Σ_k x_ik, π_k = X_k/T, π_ik = x_ik/t_i, Simpson interaction
 * I = Σ π_k (1 − π_k), diversity E = −Σ π_k ln π_k. Areas with t_i = 0 are left out.
 */
import { invalid } from '../contract/errors.ts';

type Num = ArrayLike<number>;

/** Result of `multigroupIndices` (names as in the CLI JSON). */
export interface MultigroupIndices {
  dissimilarity: number;
  gini: number;
  information_theory: number;
  normalized_exposure: number;
  relative_diversity: number;
  squared_coefficient_of_variation: number;
  diversity: number;
  /** original indices of areas left out because t_i = 0 */
  excluded: number[];
}

interface Prepared {
  K: number;
  n: number;
  /** x[k][i] over kept areas */
  x: Float64Array[];
  t: Float64Array;
  T: number;
  pk: Float64Array;
  kept: number[];
  excluded: number[];
}

function prepare(groups: Num[]): Prepared {
  const K = groups.length;
  if (K < 2) throw invalid('groups', `${K}`, `need at least 2`);
  const N = groups[0].length;
  for (const g of groups) if (g.length !== N) throw invalid('groups', `lengths ${g.length} ≠ ${N}`);
  const kept: number[] = [], excluded: number[] = [];
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) {
      const v = groups[k][i];
      if (!Number.isFinite(v) || v < 0) throw invalid('count', `${v}`, `group ${k}, area ${i}`);
      s += v;
    }
    if (s > 0) kept.push(i);
    else excluded.push(i);
  }
  const n = kept.length;
  const x = groups.map((g) => Float64Array.from(kept, (i) => g[i]));
  const t = new Float64Array(n);
  for (let k = 0; k < K; k++) for (let i = 0; i < n; i++) t[i] += x[k][i];
  let T = 0;
  for (let i = 0; i < n; i++) T += t[i];
  if (!(T > 0)) throw invalid('total', `${T}`);
  const pk = Float64Array.from(x, (xk) => xk.reduce((a, b) => a + b, 0) / T);
  return { K, n, x, t, T, pk, kept, excluded };
}

/** Σ_i Σ_j t_i t_j |q_i − q_j| in O(n log n) (sorted prefix sums). */
function pairwiseAbs(t: Float64Array, q: Float64Array): number {
  const idx = Array.from({ length: t.length }, (_, i) => i).sort((a, b) => q[a] - q[b]);
  let W = 0, S = 0, acc = 0;
  for (const j of idx) {
    acc += t[j] * (q[j] * W - S);
    W += t[j];
    S += t[j] * q[j];
  }
  return 2 * acc;
}

/**
 * All multigroup indices (METHODS.md §4):
 * D_M = Σ_i Σ_k t_i |π_ik − π_k| / (2 T I); Gini_M = Σ_k Σ_i Σ_j t_i t_j |π_ik − π_jk| / (2 T² I);
 * H = Σ_i Σ_k t_i π_ik ln(π_ik/π_k) / (T E); normalized exposure = Σ_k Σ_i t_i (π_ik − π_k)² / ((1 − π_k) T);
 * relative diversity = Σ_i Σ_k t_i (π_ik − π_k)² / (T I);
 * squared coefficient of variation = Σ_k Σ_i t_i (π_ik − π_k)² / (T (K − 1) π_k); diversity = E.
 * `groups[k][i]` is the count of group k in area i; the unit total is the sum over groups.
 */
export function multigroupIndices(groups: Num[]): MultigroupIndices {
  const { K, n, x, t, T, pk, excluded } = prepare(groups);
  let I = 0, E = 0;
  for (let k = 0; k < K; k++) {
    I += pk[k] * (1 - pk[k]);
    if (pk[k] > 0) E -= pk[k] * Math.log(pk[k]);
  }
  let d = 0, h = 0, ne = 0, rd = 0, scv = 0, g = 0;
  const q = new Float64Array(n);
  for (let k = 0; k < K; k++) {
    const p = pk[k];
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const pik = x[k][i] / t[i];
      q[i] = pik;
      const diff = pik - p;
      d += t[i] * Math.abs(diff);
      if (pik > 0) h += t[i] * pik * Math.log(pik / p);
      sq += t[i] * diff * diff;
    }
    rd += sq;
    if (p < 1) ne += sq / (1 - p);
    if (p > 0) scv += sq / p;
    g += pairwiseAbs(t, q);
  }
  return {
    dissimilarity: d / (2 * T * I),
    gini: g / (2 * T * T * I),
    information_theory: h / (T * E),
    normalized_exposure: ne / T,
    relative_diversity: rd / (T * I),
    squared_coefficient_of_variation: scv / (T * (K - 1)),
    diversity: E,
    excluded,
  };
}

/** Result of `multigroupLocal`. */
export interface MultigroupLocal {
  /** lq[k][i] = π_ik / π_k (NaN where t_i = 0) */
  lq: Float64Array[];
  /** −Σ_k π_ik ln π_ik */
  entropy: Float64Array;
  /** entropy / ln K, in [0, 1] */
  entropyNormalized: Float64Array;
}

/** Local location quotients LQ_ik = π_ik/π_k and local entropy −Σ_k π_ik ln π_ik (and / ln K) (METHODS.md §4). */
export function multigroupLocal(groups: Num[]): MultigroupLocal {
  const K = groups.length;
  if (K < 2) throw invalid('groups', `${K}`, `need at least 2`);
  const N = groups[0].length;
  const t = new Float64Array(N);
  const Xk = new Float64Array(K);
  for (let k = 0; k < K; k++)
    for (let i = 0; i < N; i++) {
      t[i] += groups[k][i];
      Xk[k] += groups[k][i];
    }
  const T = Xk.reduce((a, b) => a + b, 0);
  const lq = groups.map(() => new Float64Array(N));
  const entropy = new Float64Array(N), entropyNormalized = new Float64Array(N);
  const lnK = Math.log(K);
  for (let i = 0; i < N; i++) {
    let e = 0;
    for (let k = 0; k < K; k++) {
      const pik = t[i] > 0 ? groups[k][i] / t[i] : NaN;
      lq[k][i] = Xk[k] > 0 ? pik / (Xk[k] / T) : NaN;
      if (pik > 0) e -= pik * Math.log(pik);
    }
    entropy[i] = t[i] > 0 ? e : NaN;
    entropyNormalized[i] = entropy[i] / lnK;
  }
  return { lq, entropy, entropyNormalized };
}
