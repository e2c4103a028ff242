/**
 * Segregation over time (issue 4, METHODS.md §4): the same index for each year with its
 * bootstrap interval, and the change between consecutive years with an interval, so a change
 * can be judged against sampling noise of small units.
 */
import { dissimilarity } from './segregation';
import { bootstrapResult, inferenceInput, segregationBootstrapSteps, type BootstrapResult, type SegregationStatistic } from './segregationInference';
import type { IndexDrawInput } from './segregationDraws';
import { runSteps, type LoopHooks, type Steps } from './progress';

/** Options of `segregationTrend`. */
export type TrendOptions = LoopHooks & { statistic?: SegregationStatistic; replications?: number; seed?: number; level?: number };

/** Counts of one year. */
export interface YearCounts {
  year: number | string;
  /** group counts per area */
  x: ArrayLike<number>;
  /** area totals */
  t: ArrayLike<number>;
}

/** Index of one year. */
export interface YearResult {
  year: number | string;
  observed: number;
  biasCorrected: number;
  /** basic bootstrap interval (centred on the bias-corrected value) */
  ci: [number, number];
}

/** Change between two consecutive years. */
export interface ChangeResult {
  from: number | string;
  to: number | string;
  /** observed(to) − observed(from) */
  change: number;
  /** basic bootstrap interval of the change (independent resamples per year) */
  ci: [number, number];
  /** true when the interval excludes 0 */
  significant: boolean;
}

function quantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q, lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/**
 * Index per year (default D) with bias-corrected value and interval, and consecutive changes
 * Δ = S(to) − S(from) with the basic interval [2Δ − q_hi(Δ*), 2Δ − q_lo(Δ*)] from paired
 * bootstrap replicates Δ*_b = S*_b(to) − S*_b(from) (Allen et al. 2015 bootstrap, METHODS.md §4).
 */
export function segregationTrend(years: YearCounts[], opts: TrendOptions = {}): { years: YearResult[]; changes: ChangeResult[] } {
  return runSteps(segregationTrendSteps(years, opts), opts);
}

/** `segregationTrend` as resumable steps (see `runStepsAsync`). */
export function* segregationTrendSteps(years: YearCounts[], opts: TrendOptions = {}): Steps<{ years: YearResult[]; changes: ChangeResult[] }> {
  const level = opts.level ?? 0.95;
  const stat = opts.statistic ?? dissimilarity;
  const boots: BootstrapResult[] = [];
  for (let k = 0; k < years.length; k++) {
    const g = segregationBootstrapSteps(years[k].x, years[k].t, {
      statistic: stat,
      permutations: opts.replications ?? 999,
      seed: (opts.seed ?? 12345) + k,
      level,
    });
    for (let s = g.next(); ; s = g.next()) {
      if (s.done) {
        boots.push(s.value);
        break;
      }
      yield (k + s.value) / years.length;
    }
  }
  return trendResult(years, boots, level);
}

/**
 * The trend of D as pool jobs: one bootstrap per year (seed + k, as in `segregationTrendSteps`)
 * and how to read the trend from their replicates.
 */
export function trendInference(years: YearCounts[], opts: { replications: number; seed: number; level?: number }) {
  const parts = years.map((y, k) => inferenceInput(y.x, y.t, 'bootstrap', { permutations: opts.replications, seed: opts.seed + k }));
  const inputs: IndexDrawInput[] = parts.map((p) => ({ ...p.input, indices: ['dissimilarity'], atkinsonB: 0.5 }));
  const level = opts.level ?? 0.95;
  const result = (reps: Float64Array[]) => trendResult(years, parts.map((p, k) => bootstrapResult(dissimilarity(p.input.x, p.input.t), reps[k], level, p.excluded)), level);
  return { inputs, result };
}

/** Years and consecutive changes from each year's bootstrap (replicates paired by position). */
export function trendResult(years: YearCounts[], boots: BootstrapResult[], level: number): { years: YearResult[]; changes: ChangeResult[] } {
  const a = (1 - level) / 2;
  const changes: ChangeResult[] = [];
  for (let k = 1; k < years.length; k++) {
    const p = boots[k - 1], q = boots[k];
    const d: number[] = [];
    for (let b = 0; b < Math.min(p.replicates.length, q.replicates.length); b++) {
      const v = q.replicates[b] - p.replicates[b];
      if (!Number.isNaN(v)) d.push(v);
    }
    d.sort((u, v) => u - v);
    const change = q.observed - p.observed;
    const ci: [number, number] = d.length ? [2 * change - quantile(d, 1 - a), 2 * change - quantile(d, a)] : [NaN, NaN];
    changes.push({ from: years[k - 1].year, to: years[k].year, change, ci, significant: ci[0] > 0 || ci[1] < 0 });
  }
  return {
    years: years.map((y, k) => ({ year: y.year, observed: boots[k].observed, biasCorrected: boots[k].biasCorrected, ci: boots[k].ci })),
    changes,
  };
}
