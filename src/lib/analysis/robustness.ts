/**
 * Robustness of the composite index (METHODS.md §2, "no anchor offers this"): Monte Carlo over
 * weights w ~ Dirichlet(α · w₀) around the chosen weights w₀ (α = concentration; E[w] = w₀,
 * Var[w_j] = w₀_j(1 − w₀_j)/(α + 1); α = ∞ means no noise), leave-one-indicator-out and the
 * alternative standardisations. Per area: rank interval (5th–95th percentile), median rank and
 * the share of runs in each class; plus indicator correlations and Cronbach's alpha.
 */
import { createRng } from './prng.ts';
import { argsortDescending, RankWorkspace } from './ranking.ts';
import { classOf, computeIndex, rankDescending, type IndexInput, type IndexOptions, type IndexResult } from './sozialindex.ts';
import { STANDARDIZATIONS, type Standardization } from './standardize.ts';
import { correlationMatrix } from './pca.ts';
import { meanSd } from './stats.ts';
import { runSteps, type Steps } from './progress.ts';
import { addInto, chunkSteps, type ChunkKernel } from './chunks.ts';
import { chunkCount, chunkLength } from './permutation.ts';
import { chunkSeed } from './random.ts';
import { invalid } from '../contract/errors.ts';

/** Options of {@link monteCarloWeights}. */
export interface MonteCarloOptions {
  runs?: number;
  /** Dirichlet concentration α > 0 (default 50); Infinity = the base weights in every run. */
  concentration?: number;
  seed?: number;
  /** Lower and upper rank percentile (default 0.05, 0.95). */
  interval?: [number, number];
}

/** Per-area rank interval, median rank and class probabilities over the weight runs. */
export interface MonteCarloResult {
  runs: number;
  /** Per area; NaN for areas without a score. Ordinal ranks (1 = most burden). */
  rankLow: Float64Array;
  rankMedian: Float64Array;
  rankHigh: Float64Array;
  /** classProb[c][i] = share of runs in which area i fell into class c + 1. */
  classProb: Float64Array[];
  /** Rank resolution: 1 when the number of scored areas ≤ 2048; else ranks are counted in bins of this width and reported as the first rank of the bin. */
  rankResolution: number;
}

const MAX_BINS = 2048;

/**
 * Monte Carlo over Dirichlet weights on the signed standardised indicators of a base index.
 * Each run: w ~ Dir(α w₀) (Gamma(α w₀_j) draws, Marsaglia–Tsang, normalised), s_i = Σ_j w_j z_ij,
 * ordinal rank (ties in base order, so α = ∞ reproduces the base ranks), class on s
 * re-standardised over the base's valid areas with the base breaks. The inner loop does not
 * allocate: areas are stored in base order (so ties keep it), each run is ranked by an exact
 * stable bucket sort ({@link argsortDescending}), and rank counts go into a per-area histogram
 * from which the percentiles are read.
 */
export function monteCarloWeights(base: IndexResult, options: MonteCarloOptions = {}): MonteCarloResult {
  return runSteps(monteCarloSteps(base, options));
}

/** {@link monteCarloWeights} as resumable steps (one step per chunk of runs). */
export function* monteCarloSteps(base: IndexResult, options: MonteCarloOptions = {}): Steps<MonteCarloResult> {
  const p = monteCarloPrepare(base, options);
  return monteCarloFinish(p, yield* chunkSteps(MONTE_CARLO, p.input));
}

/** What the Monte Carlo chunks need (plain data: crosses to pool workers). */
export interface MonteCarloInput {
  /** standardised indicators of the m scored areas in base rank order, row-major (m × k) */
  z: Float64Array;
  /** 1 where the area counts for the re-standardisation (base `valid`) */
  ref: Uint8Array;
  m: number;
  k: number;
  w0: Float64Array;
  alpha: number;
  breaks: Float64Array;
  useZ: boolean;
  sampleSd: boolean;
  runs: number;
  seed: number;
  /** rank bins: `bins` bins of `width` ranks */
  width: number;
  bins: number;
}

/** Rank counts per area and bin, class counts per area and class (added up over runs). */
export interface MonteCarloCounts {
  hist: Uint16Array | Int32Array;
  cls: Int32Array;
}

/** Runs per chunk: part of the method (results depend on it). */
export const MC_CHUNK = 64;

/** The Monte Carlo runs in chunks of MC_CHUNK, chunk c with its own stream `chunkSeed(seed, c)`. */
export const MONTE_CARLO: ChunkKernel<MonteCarloInput, MonteCarloCounts> = {
  chunks: (inp) => chunkCount(inp.runs, MC_CHUNK),
  // rank counts 16-bit when they fit (halves the memory the inner loop touches)
  init: (inp) => ({ hist: inp.runs < 65536 ? new Uint16Array(inp.m * inp.bins) : new Int32Array(inp.m * inp.bins), cls: new Int32Array(inp.m * (inp.breaks.length + 1)) }),
  run: monteCarloChunk,
  merge: (into, from) => {
    addInto(into.hist, from.hist);
    addInto(into.cls, from.cls);
  },
  work: (inp) => inp.runs * inp.m * (inp.k + 8),
};

interface MonteCarloPrepared {
  input: MonteCarloInput;
  /** position a → area index */
  areas: Int32Array;
  n: number;
  interval: [number, number];
}

/** Checks the options and lays the scored areas out in base rank order for the chunks. */
export function monteCarloPrepare(base: IndexResult, options: MonteCarloOptions = {}): MonteCarloPrepared {
  const runs = options.runs ?? 1000, alpha = options.concentration ?? 50;
  const [pLo, pHi] = options.interval ?? [0.05, 0.95];
  if (!Number.isInteger(runs) || runs < 1) throw invalid('runs', runs);
  if (!(alpha > 0)) throw invalid('concentration', alpha);
  if (!(pLo >= 0 && pLo <= pHi && pHi <= 1)) throw invalid('interval', `${pLo},${pHi}`);
  const n = base.ids.length, k = base.z.length;
  // scored areas in base rank order: position a holds the area with base rank a + 1
  const areas = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (base.rank[i] > 0) areas[base.rank[i] - 1] = i, m++;
  const z = new Float64Array(m * k), ref = new Uint8Array(m);
  for (let a = 0; a < m; a++) { const i = areas[a]; ref[a] = base.valid[i]; for (let j = 0; j < k; j++) z[a * k + j] = base.z[j][i]; }
  const width = Math.max(1, Math.ceil(m / MAX_BINS)), bins = Math.ceil(m / width);
  return {
    input: {
      z, ref, m, k, w0: Float64Array.from(base.weights), alpha, breaks: Float64Array.from(base.settings.breaks),
      useZ: base.settings.classMethod === 'sd', sampleSd: base.settings.sd === 'sample', runs, seed: options.seed ?? 1, width, bins,
    },
    areas: areas.subarray(0, m),
    n,
    interval: [pLo, pHi],
  };
}

function monteCarloChunk(inp: MonteCarloInput, chunk: number, acc: MonteCarloCounts): void {
  const { z, ref, m, k, w0, alpha, breaks, useZ, sampleSd, width, bins } = inp;
  const { hist, cls } = acc;
  const nb = breaks.length, nc = nb + 1;
  const rng = createRng(chunkSeed(inp.seed, chunk));
  const s = new Float64Array(m), order = new Int32Array(m);
  const w = new Float64Array(k), ws = new RankWorkspace(m);
  const count = chunkLength(inp.runs, MC_CHUNK, chunk);
  for (let r = 0; r < count; r++) {
    if (alpha === Infinity) w.set(w0);
    else {
      let tot = 0;
      for (let j = 0; j < k; j++) { w[j] = w0[j] === 0 ? 0 : rng.gamma(alpha * w0[j]); tot += w[j]; }
      for (let j = 0; j < k; j++) w[j] /= tot;
    }
    scoreRows(z, w, s, m, k);
    let sum = 0, cnt = 0;
    for (let a = 0; a < m; a++) if (ref[a]) { sum += s[a]; cnt++; }
    const mean = sum / cnt;
    let ss = 0;
    for (let a = 0; a < m; a++) if (ref[a]) ss += (s[a] - mean) * (s[a] - mean);
    const sd = Math.sqrt(ss / (sampleSd ? cnt - 1 : cnt));
    argsortDescending(s, m, order, ws);
    // one pass in descending score order: rank bin from the position, class from a pointer
    // that only moves down (classes are monotone in the score)
    let c = nb;
    for (let p = 0; p < m; p++) {
      const a = order[p], v = s[a];
      const x = useZ ? (sd > 0 ? (v - mean) / sd : 0) : v;
      while (c > 0 && !(x >= breaks[c - 1])) c--;
      cls[a * nc + c]++;
      hist[a * bins + ((p / width) | 0)]++;
    }
  }
}

/** Rank percentiles and class shares per area from the added-up counts. */
export function monteCarloFinish(p: MonteCarloPrepared, acc: MonteCarloCounts): MonteCarloResult {
  const { m, runs, width, bins, breaks } = p.input;
  const { hist, cls } = acc;
  const nc = breaks.length + 1, n = p.n;
  const [pLo, pHi] = p.interval;
  const rankLow = new Float64Array(n).fill(NaN), rankHigh = new Float64Array(n).fill(NaN), rankMedian = new Float64Array(n).fill(NaN);
  const classProb = Array.from({ length: nc }, () => new Float64Array(n).fill(NaN));
  const pick = (a: number, q: number): number => {
    const need = Math.max(1, Math.ceil(q * runs - 1e-9));
    let c = 0;
    for (let b = 0; b < bins; b++) { c += hist[a * bins + b]; if (c >= need) return Math.min(m, b * width + 1); }
    return m;
  };
  for (let a = 0; a < m; a++) {
    const i = p.areas[a];
    rankLow[i] = pick(a, pLo); rankMedian[i] = pick(a, 0.5); rankHigh[i] = pick(a, pHi);
    for (let c = 0; c < nc; c++) classProb[c][i] = cls[a * nc + c] / runs;
  }
  return { runs, rankLow, rankMedian, rankHigh, classProb, rankResolution: width };
}

/**
 * s_a = Σ_j w_j z[a·k + j] (row-major), summed in the same order as {@link computeIndex} so that
 * unperturbed weights give bit-identical scores (and therefore identical tie order).
 */
function scoreRows(z: Float64Array, w: Float64Array, s: Float64Array, m: number, k: number): void {
  for (let a = 0, o = 0; a < m; a++, o += k) {
    let v = 0;
    for (let j = 0; j < k; j++) v += w[j] * z[o + j];
    s[a] = v;
  }
}

/** Ranks and classes of one alternative scenario (leave-one-out or another standardisation). */
export interface ScenarioRanks {
  /** Scenario label, e.g. "ohne SGB-II-Quote" or "minmax". */
  label: string;
  rank: Int32Array;
  classes: Int32Array;
}

/** Leave-one-indicator-out: for each j, weights with w_j = 0 renormalised; ranks and classes as in the base. */
export function leaveOneOut(base: IndexResult): ScenarioRanks[] {
  const n = base.ids.length, k = base.z.length;
  if (k < 2) return [];
  return base.names.map((name, drop) => {
    const score = new Float64Array(n);
    const rest = 1 - base.weights[drop];
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(base.score[i])) { score[i] = NaN; continue; }
      let v = 0;
      for (let j = 0; j < k; j++) if (j !== drop) v += base.weights[j] * base.z[j][i];
      score[i] = rest > 0 ? v / rest : 0;
    }
    return { label: `ohne ${name}`, rank: rankDescending(score), classes: classesLike(base, score) };
  });
}

function classesLike(base: IndexResult, score: Float64Array): Int32Array {
  const ms = meanSd(score, base.valid, base.settings.sd);
  return Int32Array.from(score, (v) =>
    classOf(base.settings.classMethod === 'sd' ? (ms.sd > 0 ? (v - ms.mean) / ms.sd : Number.isNaN(v) ? NaN : 0) : v, base.settings.breaks));
}

/**
 * The index recomputed under each other standardisation (z-score, min–max, percentile rank); classes
 * always from the breaks on the re-standardised score so that they compare across methods.
 */
export function alternativeStandardizations(input: IndexInput, options: IndexOptions = {}): ScenarioRanks[] {
  const chosen = options.standardization ?? 'zscore';
  return STANDARDIZATIONS.filter((m: Standardization) => m !== chosen).map((method) => {
    const r = computeIndex(input, { ...options, standardization: method, classMethod: 'sd' });
    return { label: method, rank: r.rank, classes: r.classes };
  });
}

/**
 * Cronbach's alpha α = k/(k − 1) · (1 − Σ_j var(x_j) / var(Σ_j x_j)) over the masked areas with all
 * values present. On z-scores this is the standardised alpha.
 */
export function cronbachAlpha(cols: Float64Array[], mask?: ArrayLike<number> | null): number {
  const k = cols.length, n = cols[0]?.length ?? 0;
  if (k < 2) return NaN;
  const ok = new Uint8Array(n), total = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ok[i] = mask && !mask[i] ? 0 : 1;
    for (let j = 0; j < k; j++) { if (Number.isNaN(cols[j][i])) ok[i] = 0; total[i] += cols[j][i]; }
  }
  let sv = 0;
  for (let j = 0; j < k; j++) sv += meanSd(cols[j], ok).sd ** 2;
  const vt = meanSd(total, ok).sd ** 2;
  return vt > 0 ? (k / (k - 1)) * (1 - sv / vt) : NaN;
}

/** Result of {@link robustness}. */
export interface RobustnessReport {
  base: IndexResult;
  monteCarlo: MonteCarloResult;
  leaveOneOut: ScenarioRanks[];
  standardizations: ScenarioRanks[];
  /** Largest |rank − base rank| over the leave-one-out and standardisation scenarios; NaN = no score. */
  maxRankShift: Float64Array;
  correlation: { names: string[]; pearson: Float64Array; spearman: Float64Array | null };
  cronbachAlpha: number;
}

/** All robustness checks on one index configuration (see the functions above). */
export function robustness(
  input: IndexInput, options: IndexOptions = {}, mc: MonteCarloOptions & { spearman?: boolean } = {},
): RobustnessReport {
  return runSteps(robustnessSteps(input, options, mc));
}

/** Stages of {@link robustnessSteps} by the progress fraction where they start (for progress labels). */
export const ROBUSTNESS_STAGES: readonly [number, string][] = [[0, 'montecarlo'], [0.7, 'leaveoneout'], [0.8, 'standardizations'], [0.9, 'correlation']];

/** The stage of a progress fraction of {@link robustnessSteps}. */
export function robustnessStage(f: number): string {
  let s = ROBUSTNESS_STAGES[0][1];
  for (const [from, name] of ROBUSTNESS_STAGES) if (f >= from) s = name;
  return s;
}

/** {@link robustness} as resumable steps: Monte Carlo runs 0–0.7, then one step per check. */
export function* robustnessSteps(
  input: IndexInput, options: IndexOptions = {}, mc: MonteCarloOptions & { spearman?: boolean } = {},
): Steps<RobustnessReport> {
  const base = computeIndex(input, options);
  const mcSteps = monteCarloSteps(base, mc);
  let next = mcSteps.next();
  while (!next.done) {
    yield next.value * 0.7;
    next = mcSteps.next();
  }
  return yield* robustnessRest(input, options, base, next.value, mc.spearman);
}

/** The checks after the Monte Carlo runs (progress 0.7 → 1): leave-one-out, standardisations, correlations. */
export function* robustnessRest(input: IndexInput, options: IndexOptions, base: IndexResult, monteCarlo: MonteCarloResult, spearman = false): Steps<RobustnessReport> {
  yield 0.7;
  const loo = leaveOneOut(base);
  yield 0.8;
  const alt = alternativeStandardizations(input, options);
  yield 0.9;
  const n = base.ids.length;
  const maxRankShift = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!base.rank[i]) { maxRankShift[i] = NaN; continue; }
    for (const sc of [...loo, ...alt]) if (sc.rank[i]) maxRankShift[i] = Math.max(maxRankShift[i], Math.abs(sc.rank[i] - base.rank[i]));
  }
  const scored = Uint8Array.from(base.score, (v, i) => (!Number.isNaN(v) && base.valid[i] ? 1 : 0));
  return {
    base, monteCarlo, leaveOneOut: loo, standardizations: alt, maxRankShift,
    correlation: {
      names: base.names,
      pearson: correlationMatrix(base.z, scored),
      spearman: spearman ? correlationMatrix(base.z, scored, 'spearman') : null,
    },
    cronbachAlpha: cronbachAlpha(base.z, scored),
  };
}
