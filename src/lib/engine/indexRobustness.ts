/**
 * Robustness of a Sozialindex configuration (METHODS.md §2) through the task runner: the
 * analysis kernel `robustnessSteps` (Monte Carlo over Dirichlet weights, leave-one-out, the
 * other standardisations, correlations, Cronbach's alpha) plus the per-area summaries the
 * workspace shows.
 */
import { robustnessStage, robustnessSteps } from '../analysis/robustness';
import type { IndexSettings, IndicatorSpec, RobustnessResult, RobustnessSpec } from '../contract/sozialindex';
import { indexInput, indexOptions, yearIndex, type IndexData } from './sozialindex';
import type { TaskContext } from './tasks';

/**
 * Robustness of the weighted index of the chosen year (the base configuration with the chosen
 * standardisation and breaks). Cancellable between Monte Carlo runs.
 */
export async function robustnessRun(
  data: IndexData, indicators: IndicatorSpec[], population: string | null | undefined, s: IndexSettings, spec: RobustnessSpec,
  task: TaskContext,
): Promise<RobustnessResult> {
  const input = indexInput(data, indicators, population, yearIndex(data, s.year));
  const rb = await task.steps(robustnessSteps(input, indexOptions(s, !!population), { runs: spec.runs, concentration: spec.concentration, seed: spec.seed, spearman: spec.spearman }), 0, 1, robustnessStage);
  const base = rb.base, mc = rb.monteCarlo;
  const ownClassProb = Float64Array.from(base.classes, (c, i) => (base.rank[i] && c ? mc.classProb[c - 1][i] : NaN));
  return {
    runs: spec.runs, concentration: spec.concentration, monteCarlo: mc, ownClassProb,
    scenarios: [...rb.leaveOneOut, ...rb.standardizations], maxRankShift: rb.maxRankShift,
    correlation: rb.correlation.pearson, spearman: rb.correlation.spearman, cronbachAlpha: rb.cronbachAlpha,
  };
}
