/**
 * Segregation over time (issue 4, METHODS.md §4): the same index for each year with its
 * bootstrap interval, and the change between consecutive years with an interval, so a change
 * can be judged against sampling noise of small units.
 */
import { dissimilarity } from './segregation';
import { segregationBootstrap, type SegregationStatistic } from './segregationInference';
import type { LoopHooks } from './progress';

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
export function segregationTrend(
  years: YearCounts[],
  opts: LoopHooks & { statistic?: SegregationStatistic; replications?: number; seed?: number; level?: number } = {},
): { years: YearResult[]; changes: ChangeResult[] } {
  const level = opts.level ?? 0.95;
  const stat = opts.statistic ?? dissimilarity;
  const boots = years.map((y, k) =>
    segregationBootstrap(y.x, y.t, {
      statistic: stat,
      permutations: opts.replications ?? 999,
      seed: (opts.seed ?? 12345) + k,
      level,
      isCancelled: opts.isCancelled,
      onProgress: opts.onProgress ? (f) => opts.onProgress!((k + f) / years.length) : undefined,
    }),
  );
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
