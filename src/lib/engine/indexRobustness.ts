/**
 * Robustness of a Sozialindex configuration (METHODS.md §2) through the task runner: the
 * analysis kernel `robustnessSteps` (Monte Carlo over Dirichlet weights, leave-one-out, the
 * other standardisations, correlations, Cronbach's alpha) plus the per-area summaries the
 * workspace shows.
 */
import { monteCarloFinish, monteCarloPrepare, robustnessRest, robustnessStage } from '../analysis/robustness';
import { computeIndex } from '../analysis/sozialindex';
import { inlineRunner, type ChunkRunner } from '../parallel/pool';
import type { IndexSettings, IndicatorSpec, RobustnessResult, RobustnessSpec } from '../contract/sozialindex';
import { indexInput, indexOptions, yearIndex, type IndexData } from './sozialindex';
import type { TaskContext } from './tasks';

/**
 * Robustness of the weighted index of the chosen year (the base configuration with the chosen
 * standardisation and breaks). Cancellable between Monte Carlo runs.
 */
export async function robustnessRun(
  data: IndexData, indicators: IndicatorSpec[], population: string | null | undefined, s: IndexSettings, spec: RobustnessSpec,
  task: TaskContext, runner: ChunkRunner = inlineRunner(),
): Promise<RobustnessResult> {
  const input = indexInput(data, indicators, population, yearIndex(data, s.year));
  const options = indexOptions(s, !!population);
  const base = computeIndex(input, options);
  // the Monte Carlo runs on the engine's runner (all cores in the browser), the rest here
  const mcp = monteCarloPrepare(base, { runs: spec.runs, concentration: spec.concentration, seed: spec.seed });
  const monteCarlo = monteCarloFinish(mcp, await runner.run('monteCarlo', mcp.input, task.hooks(0, 0.7, 'montecarlo')));
  const rb = await task.steps(robustnessRest(input, options, base, monteCarlo, spec.spearman), 0, 1, robustnessStage);
  const mc = rb.monteCarlo;
  const ownClassProb = Float64Array.from(base.classes, (c, i) => (base.rank[i] && c ? mc.classProb[c - 1][i] : NaN));
  return {
    runs: spec.runs, concentration: spec.concentration, monteCarlo: mc, ownClassProb,
    scenarios: [...rb.leaveOneOut, ...rb.standardizations], maxRankShift: rb.maxRankShift,
    correlation: rb.correlation.pearson, spearman: rb.correlation.spearman, cronbachAlpha: rb.cronbachAlpha,
  };
}
