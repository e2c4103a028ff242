/**
 * Global and local Moran's I (METHODS.md §5; Cliff & Ord 1981; Anselin 1995).
 * Weights are used as given: row-standardise them first (`rowStandardize`) for the usual
 * GeoDa/spdep results. Islands have a spatial lag of 0.
 */
import { normalTwoSided } from './normal';
import { bhAdjust } from './fdr';
import { createRng } from './random';
import { MORAN_NULL, quadraticForm, type MoranNullInput } from './moranNull';
import { addInto, chunkSteps, type ChunkKernel } from './chunks';
import { chunkCount } from './permutation';
import { checkPermutations, foldedPseudoP, runSteps, type LoopHooks, type Steps } from './progress';
import { upperSymmetric, type Weights } from './weights';
import { invalid } from '../contract/errors.ts';

type Num = ArrayLike<number>;

/** Permutation settings shared by global and local Moran (METHODS.md §5: default 999, seedable). */
export interface PermutationOptions extends LoopHooks {
  /** default 999; 0 skips the permutation test */
  permutations?: number;
  seed?: number;
}

function deviations(x: Num): { z: Float64Array; m2: number; m4: number } {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw invalid('x', `${x[i]}`, `area ${i}`);
    mean += x[i];
  }
  mean /= n;
  const z = new Float64Array(n);
  let m2 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    z[i] = x[i] - mean;
    const q = z[i] * z[i];
    m2 += q;
    m4 += q * q;
  }
  return { z, m2: m2 / n, m4: m4 / n };
}

/** Spatial lag (W z)_i = Σ_j w_ij z_j. */
export function spatialLag(w: Weights, z: Num): Float64Array {
  const lag = new Float64Array(w.n);
  for (let i = 0; i < w.n; i++) {
    let s = 0;
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) s += w.weights[k] * z[w.neighbors[k]];
    lag[i] = s;
  }
  return lag;
}

/**
 * S0 = Σ w_ij, S1 = ½ Σ (w_ij + w_ji)², S2 = Σ_i (w_i· + w_·i)² (Cliff & Ord). On the symmetric
 * upper triangle (`upperSymmetric`), S1 = Σ_{i<j} s_ij² + 2 Σ_i w_ii².
 */
export function weightSums(w: Weights, up: Weights = upperSymmetric(w)): { s0: number; s1: number; s2: number } {
  const n = w.n;
  const rowSum = new Float64Array(n), colSum = new Float64Array(n);
  let s0 = 0;
  for (let i = 0; i < n; i++)
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) {
      const v = w.weights[k];
      rowSum[i] += v;
      colSum[w.neighbors[k]] += v;
      s0 += v;
    }
  let s1 = 0;
  for (let i = 0; i < n; i++)
    for (let k = up.offsets[i]; k < up.offsets[i + 1]; k++) s1 += (up.neighbors[k] === i ? 2 : 1) * up.weights[k] * up.weights[k];
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += (rowSum[i] + colSum[i]) ** 2;
  return { s0, s1, s2 };
}

/** Result of `moranGlobal` (Cliff & Ord inference, METHODS.md §5). */
export interface GlobalMoran {
  I: number;
  /** E[I] = −1/(n − 1) */
  expected: number;
  varianceNormality: number;
  varianceRandomization: number;
  zNormality: number;
  zRandomization: number;
  /** two-sided, under normality */
  pNormality: number;
  /** two-sided, under randomisation */
  pRandomization: number;
  /** folded pseudo p-value (M+1)/(R+1), NaN without permutations */
  pSim: number;
  /** I under random permutations of x */
  null: Float64Array;
}

/**
 * Global Moran's I = (n/S0) Σ_ij w_ij z_i z_j / Σ z_i² with E[I] = −1/(n−1), variances under
 * normality and randomisation (Cliff & Ord 1981) and a permutation pseudo p-value
 * (METHODS.md §5).
 */
export function moranGlobal(x: Num, w: Weights, opts: PermutationOptions = {}): GlobalMoran {
  return runSteps(moranGlobalSteps(x, w, opts), opts);
}

/** Global Moran's I before its permutations: the statistic, its moments and the null's input. */
export interface MoranGlobalPrepared {
  result: Omit<GlobalMoran, 'pSim' | 'null'>;
  /** input of `MORAN_NULL` */
  nullInput: MoranNullInput;
  /** I = scale · z'Wz */
  scale: number;
}

/** The statistic and its analytic inference; the permutations are left to `moranNullChunk`. */
export function moranGlobalPrepare(x: Num, w: Weights, opts: PermutationOptions = {}): MoranGlobalPrepared {
  const n = x.length;
  if (w.n !== n) throw invalid('weights', `n ${w.n} ≠ ${n}`);
  if (n < 4) throw invalid('n', `${n}`);
  const R = checkPermutations(opts.permutations ?? 999);
  const { z, m2, m4 } = deviations(x);
  const up = upperSymmetric(w);
  const { s0, s1, s2 } = weightSums(w, up);
  // (n/S0) · z'Wz / (n · m2); the null uses the same evaluation, so ties compare exactly
  const scale = 1 / (s0 * m2);
  const I = quadraticForm(z, up) * scale;
  const E = -1 / (n - 1);
  const s02 = s0 * s0;
  const vN = (n * n * s1 - n * s2 + 3 * s02) / ((n * n - 1) * s02) - E * E;
  const kurt = m4 / (m2 * m2);
  const A = n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s02);
  const B = kurt * ((n * n - n) * s1 - 2 * n * s2 + 6 * s02);
  const vR = (A - B) / ((n - 1) * (n - 2) * (n - 3) * s02) - E * E;
  const zN = (I - E) / Math.sqrt(vN), zR = (I - E) / Math.sqrt(vR);
  return {
    result: {
      I,
      expected: E,
      varianceNormality: vN,
      varianceRandomization: vR,
      zNormality: zN,
      zRandomization: zR,
      pNormality: normalTwoSided(zN),
      pRandomization: normalTwoSided(zR),
    },
    nullInput: { z, up, seed: opts.seed ?? 12345, permutations: R },
    scale,
  };
}

/** Puts the null (z'Wz per permutation, `MORAN_NULL`'s accumulator) together with the prepared statistic. */
export function moranGlobalFinish(p: MoranGlobalPrepared, zWz: Float64Array): GlobalMoran {
  const R = p.nullInput.permutations;
  if (zWz.length !== R) throw invalid('null', zWz.length, `of ${R} permutations`);
  const nul = new Float64Array(R);
  let larger = 0;
  for (let r = 0; r < R; r++) {
    nul[r] = zWz[r] * p.scale;
    if (nul[r] >= p.result.I) larger++;
  }
  return { ...p.result, pSim: R > 0 ? foldedPseudoP(larger, R) : NaN, null: nul };
}

/** `moranGlobal` as resumable steps (see `runStepsAsync`): one step per chunk of permutations. */
export function* moranGlobalSteps(x: Num, w: Weights, opts: PermutationOptions = {}): Steps<GlobalMoran> {
  const p = moranGlobalPrepare(x, w, opts);
  return moranGlobalFinish(p, yield* chunkSteps(MORAN_NULL, p.nullInput));
}

/** Moran scatterplot quadrant: 1 HH, 2 LH, 3 LL, 4 HL (PySAL codes), 0 for islands or z = 0 / lag = 0. */
export type Quadrant = 0 | 1 | 2 | 3 | 4;
/** Labels of the Moran scatterplot quadrants, indexed by `Quadrant`. */
export const QUADRANT_LABELS = ['', 'HH', 'LH', 'LL', 'HL'] as const;

/** Options of `localMoran`: permutations plus significance level and FDR. */
export interface LocalMoranOptions extends PermutationOptions {
  /** significance level, default 0.05 */
  alpha?: number;
  /** use Benjamini–Hochberg FDR on the pseudo p-values for `significant` */
  fdr?: boolean;
}

/** Result of `localMoran` (LISA, METHODS.md §5). */
export interface LocalMoran {
  /** I_i = (z_i / m2) Σ_j w_ij z_j, m2 = Σ z²/n (GeoDa/spdep scale; PySAL esda is (n−1)/n of this) */
  Ii: Float64Array;
  z: Float64Array;
  /** spatial lag of z */
  lag: Float64Array;
  quadrant: Uint8Array;
  /** folded conditional-permutation pseudo p-values; NaN for islands or without permutations */
  pSim: Float64Array;
  /** 1 when pSim ≤ alpha (or BH-adjusted ≤ alpha with fdr) */
  significant: Uint8Array;
  /** 'HH' | 'LL' | 'LH' | 'HL' when significant, 'ns' otherwise, 'island' without neighbours */
  cluster: string[];
}

function maxCardinality(w: Weights): number {
  let k = 0;
  for (let i = 0; i < w.n; i++) k = Math.max(k, w.offsets[i + 1] - w.offsets[i]);
  return k;
}

/**
 * R rows of `k` distinct indices drawn from 0 … n − 2 (partial Fisher–Yates). Index j stands
 * for area j, or j + 1 when j ≥ i (skipping the focal area i).
 */
function permutationIds(n: number, R: number, k: number, seed: number): Int32Array {
  const kk = Math.min(k, n - 1);
  const rng = createRng(seed);
  const pool = Int32Array.from({ length: n - 1 }, (_, j) => j);
  const swaps = new Int32Array(kk);
  const ids = new Int32Array(R * kk);
  for (let r = 0; r < R; r++) {
    for (let q = 0; q < kk; q++) {
      const s = q + rng.int(n - 1 - q);
      const tmp = pool[q];
      pool[q] = pool[s];
      pool[s] = tmp;
      swaps[q] = s;
      ids[r * kk + q] = pool[q];
    }
    for (let q = kk - 1; q >= 0; q--) {
      const s = swaps[q], tmp = pool[q];
      pool[q] = pool[s];
      pool[s] = tmp;
    }
  }
  return ids;
}

/**
 * Local Moran (LISA; Anselin 1995) with conditional permutation p-values: for area i the other
 * n − 1 values are randomly re-assigned to its neighbours (METHODS.md §5). As in PySAL esda
 * (`crand`), one set of R random draws is shared by all areas (with area i skipped), which
 * keeps each area's p-value an exact conditional-permutation p-value and makes 10 000 areas ×
 * 999 permutations fast.
 */
export function localMoran(x: Num, w: Weights, opts: LocalMoranOptions = {}): LocalMoran {
  return runSteps(localMoranSteps(x, w, opts), opts);
}

/** `localMoran` as resumable steps (see `runStepsAsync`): one step per chunk of areas. */
export function* localMoranSteps(x: Num, w: Weights, opts: LocalMoranOptions = {}): Steps<LocalMoran> {
  const p = localMoranPrepare(x, w, opts);
  return localMoranFinish(p, yield* chunkSteps(LISA_PERMUTATIONS, p.input), opts);
}

/** LISA before its permutations: the statistics and the input of the permutation chunks. */
export interface LocalMoranPrepared {
  result: Omit<LocalMoran, 'pSim' | 'significant' | 'cluster'>;
  /** input of `LISA_PERMUTATIONS` */
  input: LisaInput;
  w: Weights;
}

/** The local statistics and quadrants; the permutations are left to `LISA_PERMUTATIONS`. */
export function localMoranPrepare(x: Num, w: Weights, opts: LocalMoranOptions = {}): LocalMoranPrepared {
  const n = x.length;
  if (w.n !== n) throw invalid('weights', `n ${w.n} ≠ ${n}`);
  if (n < 3) throw invalid('n', `${n}`);
  const R = checkPermutations(opts.permutations ?? 999);
  const alpha = opts.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw invalid('alpha', `${alpha}`);
  const { z, m2 } = deviations(x);
  const lag = spatialLag(w, z);
  const Ii = new Float64Array(n);
  const quadrant = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    Ii[i] = m2 > 0 ? (z[i] / m2) * lag[i] : 0;
    if (w.offsets[i + 1] === w.offsets[i] || z[i] === 0 || lag[i] === 0) quadrant[i] = 0;
    else quadrant[i] = z[i] > 0 ? (lag[i] > 0 ? 1 : 4) : lag[i] > 0 ? 2 : 3;
  }
  const draws = R > 0 && m2 > 0;
  const ids = draws ? permutationIds(n, R, maxCardinality(w), opts.seed ?? 12345) : new Int32Array(0);
  return { result: { Ii, z, lag, quadrant }, input: { z, m2, Ii, w, ids, permutations: draws ? R : 0 }, w };
}

/** Significance, FDR and cluster labels from the pseudo p-values of the permutation chunks. */
export function localMoranFinish(p: LocalMoranPrepared, pSimAcc: Float64Array, opts: LocalMoranOptions = {}): LocalMoran {
  const { w } = p;
  const n = w.n;
  const alpha = opts.alpha ?? 0.05;
  const pSim = p.input.permutations > 0 ? pSimAcc : new Float64Array(n).fill(NaN);
  const significant = new Uint8Array(n);
  const q = opts.fdr ? bhAdjust(pSim) : pSim;
  for (let i = 0; i < n; i++) significant[i] = q[i] <= alpha ? 1 : 0;
  const cluster = Array.from(p.result.quadrant, (c, i) =>
    w.offsets[i + 1] === w.offsets[i] ? 'island' : significant[i] && c ? QUADRANT_LABELS[c] : 'ns',
  );
  return { ...p.result, pSim, significant, cluster };
}

/** What the LISA permutation chunks need (plain data: crosses to pool workers). */
export interface LisaInput {
  z: Float64Array;
  m2: number;
  Ii: Float64Array;
  w: Weights;
  /** `permutationIds`: R rows of the largest neighbour count, shared by all areas */
  ids: Int32Array;
  /** 0 when there is nothing to permute (no permutations asked, or constant values) */
  permutations: number;
}

/** Areas per chunk of the LISA permutations (their draws are shared, so chunks need no seeds). */
export const LISA_CHUNK = 512;

/**
 * The conditional permutations of LISA, chunked by areas: chunk c writes the folded pseudo
 * p-values of areas [c·LISA_CHUNK, (c+1)·LISA_CHUNK) (NaN for islands).
 */
export const LISA_PERMUTATIONS: ChunkKernel<LisaInput, Float64Array> = {
  chunks: (inp) => (inp.permutations > 0 ? chunkCount(inp.z.length, LISA_CHUNK) : 0),
  init: (inp) => new Float64Array(inp.z.length),
  run: (inp, chunk, pSim) => lisaPseudoP(inp, chunk * LISA_CHUNK, Math.min(inp.z.length, (chunk + 1) * LISA_CHUNK), pSim),
  merge: addInto,
  work: (inp) => inp.permutations * inp.w.neighbors.length,
};

function lisaPseudoP(inp: LisaInput, from: number, to: number, pSim: Float64Array): void {
  const { z, m2, Ii, w, ids } = inp;
  const R = inp.permutations;
  const kmax = ids.length / R;
  const W = w.weights;
  for (let i = from; i < to; i++) {
    const o = w.offsets[i], k = w.offsets[i + 1] - o;
    if (k === 0) {
      pSim[i] = NaN;
      continue;
    }
    const zi = z[i] / m2, obs = Ii[i];
    let larger = 0;
    for (let r = 0, base = 0; r < R; r++, base += kmax) {
      let l = 0;
      for (let q = 0; q < k; q++) {
        const j = ids[base + q];
        l += W[o + q] * z[j >= i ? j + 1 : j];
      }
      if (zi * l >= obs) larger++;
    }
    pSim[i] = foldedPseudoP(larger, R);
  }
}
