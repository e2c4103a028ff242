/**
 * Inference and small-unit bias for single-group segregation indices (METHODS.md §4):
 * permutation test (random relabelling of persons across areas), bootstrap confidence
 * intervals, bias-corrected D (Allen et al. 2015), small-unit warning and minimum-population
 * filter. All seeded and with progress/cancel hooks.
 */
import { chunkSteps } from './chunks';
import { checkPermutations, runSteps, type LoopHooks, type Steps } from './progress';
import { drawKernel, indexStatistic, type DrawInput, type DrawKind, type IndexDrawInput } from './segregationDraws';
import type { SegregationIndexKey } from './segregationIndices';
import { dissimilarity, prepareCounts } from './segregation';
import { invalid } from '../contract/errors.ts';

type Num = ArrayLike<number>;
/** An index computed from group counts x and totals t (e.g. `dissimilarity`). */
export type SegregationStatistic = (x: Float64Array, t: Float64Array) => number;

/** Options of the permutation test and the bootstrap. */
export interface InferenceOptions extends LoopHooks {
  /** default: dissimilarity */
  statistic?: SegregationStatistic;
  /** permutations or bootstrap replications, default 999 */
  permutations?: number;
  seed?: number;
}

/** Result of `segregationPermutationTest`. */
export interface PermutationResult {
  observed: number;
  /** (M + 1)/(R + 1), M = #(null ≥ observed): one-sided, "more segregated than chance" */
  pValue: number;
  /** the statistic under random relabelling */
  null: Float64Array;
  nullMean: number;
  /** original indices of areas left out because t_i = 0 */
  excluded: number[];
}

function checkIntegerCounts(x: Float64Array, t: Float64Array): void {
  for (let i = 0; i < x.length; i++)
    if (!Number.isInteger(x[i]) || !Number.isInteger(t[i])) throw invalid('count', `${x[i]}/${t[i]}`, `area ${i}; persons must be whole numbers`);
}

function mean(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return a.length ? s / a.length : NaN;
}

/**
 * Permutation test: persons are relabelled at random across areas keeping every area total
 * t_i and the group total X (multivariate hypergeometric, drawn area by area:
 * x_i ~ Hypergeometric(remaining persons, remaining group members, t_i)). p = (M+1)/(R+1)
 * (METHODS.md §4).
 */
export function segregationPermutationTest(x: Num, t: Num, opts: InferenceOptions = {}): PermutationResult {
  return runSteps(segregationPermutationSteps(x, t, opts), opts);
}

/** Counts ready for the draws (areas with t = 0 left out, whole numbers checked) and the observed index. */
export function inferenceInput(x: Num, t: Num, kind: DrawKind, opts: InferenceOptions = {}): { input: DrawInput; observed: number; excluded: number[] } {
  const c = prepareCounts(x, t);
  checkIntegerCounts(c.x, c.t);
  const R = checkPermutations(opts.permutations ?? 999);
  const observed = (opts.statistic ?? dissimilarity)(c.x, c.t);
  return { input: { kind, x: c.x, t: c.t, seed: opts.seed ?? 12345, replications: R }, observed, excluded: c.excluded };
}

/** `segregationPermutationTest` as resumable steps (see `runStepsAsync`). */
export function* segregationPermutationSteps(x: Num, t: Num, opts: InferenceOptions = {}): Steps<PermutationResult> {
  const p = inferenceInput(x, t, 'permutation', opts);
  const nul = yield* chunkSteps(drawKernel([opts.statistic ?? dissimilarity]), p.input);
  return permutationResult(p.observed, nul, p.excluded);
}

/** p = (M + 1)/(R + 1) from the statistic under the permutations (`null`). */
export function permutationResult(observed: number, nul: Float64Array, excluded: number[]): PermutationResult {
  let M = 0;
  for (const v of nul) if (v >= observed - 1e-12 * Math.abs(observed)) M++;
  return { observed, pValue: (M + 1) / (nul.length + 1), null: nul, nullMean: mean(nul), excluded };
}

/** Inference of one registry index from shared draws (see `indexInference`). */
export interface IndexInference {
  key: SegregationIndexKey;
  permutation: PermutationResult;
  bootstrap: BootstrapResult;
}

/**
 * The permutation test and the bootstrap of several registry indices at once: one set of
 * permutation draws (seed) and one of bootstrap draws (seed + 1) serves all indices, as run by
 * the pool kernel `SEGREGATION_DRAWS`; `results` reads the indices' p-values and intervals.
 */
export function indexInference(x: Num, t: Num, indices: readonly SegregationIndexKey[], opts: { atkinsonB: number; permutations: number; seed: number; level?: number }) {
  const { input, excluded } = inferenceInput(x, t, 'permutation', opts);
  const permutation: IndexDrawInput = { ...input, indices, atkinsonB: opts.atkinsonB };
  const bootstrap: IndexDrawInput = { ...permutation, kind: 'bootstrap', seed: opts.seed + 1 };
  const R = input.replications;
  const results = (nul: Float64Array, reps: Float64Array): IndexInference[] =>
    indices.map((key, s) => {
      const observed = indexStatistic(key, opts.atkinsonB)(input.x, input.t);
      return {
        key,
        permutation: permutationResult(observed, nul.slice(s * R, (s + 1) * R), excluded),
        bootstrap: bootstrapResult(observed, reps.slice(s * R, (s + 1) * R), opts.level ?? 0.95, excluded),
      };
    });
  return { permutation, bootstrap, results };
}

/** Result of `segregationBootstrap`. */
export interface BootstrapResult {
  observed: number;
  /**
   * Basic (bias-corrected) bootstrap interval [2·obs − q_hi, 2·obs − q_lo]: centred on the
   * bias-corrected index, since D* is biased upward just as D is.
   */
  ci: [number, number];
  /** plain percentile interval [q_lo, q_hi] of the bootstrap distribution */
  ciPercentile: [number, number];
  level: number;
  bootMean: number;
  /** 2·observed − mean(bootstrap) (Allen et al. 2015) */
  biasCorrected: number;
  replicates: Float64Array;
  excluded: number[];
}

/** Type-7 quantile of sorted values. */
function quantileSorted(s: Float64Array, q: number): number {
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * q, lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

/**
 * Bootstrap: persons are resampled within each area, x_i* ~ Binomial(t_i, p_i), t_i fixed.
 * Gives the bias-corrected index 2·obs − mean(boot), its basic bootstrap interval and the
 * percentile interval
 * (Allen, Burgess, Davidson & Windmeijer 2015; METHODS.md §4).
 */
export function segregationBootstrap(x: Num, t: Num, opts: InferenceOptions & { level?: number } = {}): BootstrapResult {
  return runSteps(segregationBootstrapSteps(x, t, opts), opts);
}

/** `segregationBootstrap` as resumable steps (see `runStepsAsync`). */
export function* segregationBootstrapSteps(x: Num, t: Num, opts: InferenceOptions & { level?: number } = {}): Steps<BootstrapResult> {
  const level = checkLevel(opts.level ?? 0.95);
  const p = inferenceInput(x, t, 'bootstrap', opts);
  const reps = yield* chunkSteps(drawKernel([opts.statistic ?? dissimilarity]), p.input);
  return bootstrapResult(p.observed, reps, level, p.excluded);
}

function checkLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw invalid('level', `${level}`);
  return level;
}

/** Intervals and the bias-corrected index from the bootstrap replicates. */
export function bootstrapResult(observed: number, reps: Float64Array, level: number, excluded: number[]): BootstrapResult {
  checkLevel(level);
  const finite = reps.filter((v) => !Number.isNaN(v)).sort();
  const a = (1 - level) / 2;
  const bootMean = mean(finite);
  const lo = quantileSorted(finite, a), hi = quantileSorted(finite, 1 - a);
  return {
    observed,
    ci: [2 * observed - hi, 2 * observed - lo],
    ciPercentile: [lo, hi],
    level,
    bootMean,
    biasCorrected: 2 * observed - bootMean,
    replicates: reps,
    excluded,
  };
}

/** Result of `smallUnitCheck`. */
export interface SmallUnitReport {
  /** true when any area is below `minPopulation` or sizes are very unequal */
  warning: boolean;
  /** indices of areas with 0 < t_i < minPopulation */
  small: number[];
  /** largest/smallest positive area total > 10 */
  unequal: boolean;
  minPopulation: number;
}

/**
 * Small-unit check (METHODS.md §4: D is biased upward for small units): flags areas below
 * `minPopulation` (default 500, as in NRW studies) and very unequal sizes (max/min > 10).
 */
export function smallUnitCheck(t: Num, minPopulation = 500): SmallUnitReport {
  if (!(minPopulation >= 0)) throw invalid('minPopulation', `${minPopulation}`);
  const small: number[] = [];
  let min = Infinity, max = 0;
  for (let i = 0; i < t.length; i++) {
    if (!(t[i] > 0)) continue;
    if (t[i] < minPopulation) small.push(i);
    min = Math.min(min, t[i]);
    max = Math.max(max, t[i]);
  }
  const unequal = max / min > 10;
  return { warning: small.length > 0 || unequal, small, unequal, minPopulation };
}

/** Indices of areas with t_i ≥ minPopulation (default 500), for the minimum-population filter. */
export function filterMinPopulation(t: Num, minPopulation = 500): Int32Array {
  if (!(minPopulation >= 0)) throw invalid('minPopulation', `${minPopulation}`);
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) if (t[i] >= minPopulation && t[i] > 0) out.push(i);
  return Int32Array.from(out);
}
