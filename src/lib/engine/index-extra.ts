/**
 * Typology, robustness and the index over time on read index data (issue 3, METHODS.md §2).
 * Companion of `./index.ts`; plain data out.
 */
import { chooseK, cutTree, kmeans, typeProfiles, ward } from '../analysis/cluster';
import { correlationMatrix } from '../analysis/pca';
import { alternativeStandardizations, cronbachAlpha, leaveOneOut, monteCarloWeights, type MonteCarloResult, type ScenarioRanks } from '../analysis/robustness';
import { computeIndex } from '../analysis/sozialindex';
import { indexByYear, rankChanges } from '../analysis/timeseries';
import { indexInput, indexOptions, yearIndex, type IndexData, type IndexSettings, type IndicatorSpec, type IndexRun } from './index';

export interface TypologySpec {
  method: 'kmeans' | 'ward';
  k: number;
  /** k range of the quality table */
  kMin: number;
  kMax: number;
  seed: number;
}

export interface TypologyResult {
  method: 'kmeans' | 'ward';
  k: number;
  /** type 1 … k per area, 0 = not clustered */
  labels: Int32Array;
  /** profiles[c][j] = mean signed standardised value of indicator j in type c + 1 */
  profiles: number[][];
  sizes: number[];
  quality: { k: number; withinSS: number; calinskiHarabasz: number; silhouette: number }[];
}

/** k-means or Ward on the signed standardised indicators of the valid areas; quality over a k range. */
export function typology(run: IndexRun, spec: TypologySpec): TypologyResult {
  const cols = run.base.z, mask = run.base.valid;
  let m = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] && cols.every((c) => Number.isFinite(c[i]))) m++;
  if (spec.k < 2 || spec.k > m) throw new Error(`Die Zahl der Typen muss zwischen 2 und ${m} liegen.`);
  const cl = spec.method === 'ward' ? cutTree(ward(cols, { mask }), cols, spec.k) : kmeans(cols, spec.k, { mask, seed: spec.seed });
  // areas without a score (under the minimum population, missing values) get no type either
  for (let i = 0; i < cl.labels.length; i++) if (!run.base.rank[i]) cl.labels[i] = 0;
  const prof = typeProfiles(cols, cl.labels, spec.k, mask);
  const kMax = Math.min(spec.kMax, m - 1), kMin = Math.max(2, Math.min(spec.kMin, kMax));
  const ks = Array.from({ length: kMax - kMin + 1 }, (_, q) => kMin + q);
  const quality = chooseK(cols, ks, { method: spec.method, mask, seed: spec.seed });
  return {
    method: spec.method, k: spec.k, labels: cl.labels,
    profiles: prof.means.map((mu) => Array.from(mu)), sizes: Array.from(prof.sizes), quality,
  };
}

export interface RobustnessSpec {
  runs: number;
  concentration: number;
  seed: number;
}

export interface RobustnessResult {
  runs: number;
  concentration: number;
  monteCarlo: MonteCarloResult;
  /** probability of the class the base index assigns, per area (NaN without score) */
  ownClassProb: Float64Array;
  scenarios: { label: string; rank: Int32Array; classes: Int32Array }[];
  maxRankShift: Float64Array;
  /** k × k row-major Pearson correlations of the signed standardised indicators */
  correlation: Float64Array;
  cronbachAlpha: number;
}

/**
 * Robustness of the weighted index of the current year (the base configuration with the chosen
 * standardisation and breaks): Monte Carlo over Dirichlet weights, leave-one-out, the other
 * standardisations, correlations and Cronbach's alpha. `step` is awaited between stages so the
 * worker can report progress and notice a cancel request.
 */
export async function robustnessRun(
  data: IndexData, indicators: IndicatorSpec[], population: string | null | undefined, s: IndexSettings, spec: RobustnessSpec,
  step: (fraction: number, stage: string) => Promise<void>,
): Promise<RobustnessResult> {
  const input = indexInput(data, indicators, population, yearIndex(data, s.year));
  const options = indexOptions(s, !!population);
  const base = computeIndex(input, options);
  await step(0.05, 'montecarlo');
  const mc = monteCarloWeights(base, { runs: spec.runs, concentration: spec.concentration, seed: spec.seed });
  await step(0.7, 'leaveoneout');
  const loo: ScenarioRanks[] = leaveOneOut(base);
  await step(0.8, 'standardizations');
  const alt = alternativeStandardizations(input, options);
  await step(0.9, 'correlation');
  const n = base.ids.length;
  const maxRankShift = new Float64Array(n);
  const ownClassProb = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    if (!base.rank[i]) { maxRankShift[i] = NaN; continue; }
    for (const sc of [...loo, ...alt]) if (sc.rank[i]) maxRankShift[i] = Math.max(maxRankShift[i], Math.abs(sc.rank[i] - base.rank[i]));
    if (base.classes[i]) ownClassProb[i] = mc.classProb[base.classes[i] - 1][i];
  }
  const scored = Uint8Array.from(base.score, (v, i) => (!Number.isNaN(v) && base.valid[i] ? 1 : 0));
  return {
    runs: spec.runs, concentration: spec.concentration, monteCarlo: mc, ownClassProb,
    scenarios: [...loo, ...alt], maxRankShift,
    correlation: correlationMatrix(base.z, scored), cronbachAlpha: cronbachAlpha(base.z, scored),
  };
}

export interface TimeSeriesResult {
  mode: 'each' | 'base';
  baseYear: string | null;
  years: string[];
  score: Float64Array[];
  rank: Int32Array[];
  classes: Int32Array[];
  /** rank change against the previous year (NaN for the first year) */
  rankChange: Float64Array[];
}

/** The weighted index per year: standardised within each year, or against a base year's references. */
export function timeSeries(
  data: IndexData, indicators: IndicatorSpec[], population: string | null | undefined, s: IndexSettings,
  mode: 'each' | 'base', baseYear: string | null,
): TimeSeriesResult {
  const years = data.years.map((year, y) => {
    const inp = indexInput(data, indicators, population, y);
    return { year: y, values: inp.values, population: inp.population };
  });
  const first = indexInput(data, indicators, population, 0);
  const b = baseYear !== null && data.years.includes(baseYear) ? data.years.indexOf(baseYear) : 0;
  const ts = indexByYear(data.ids, years, { names: first.names, weights: first.weights, polarity: first.polarity }, { ...indexOptions(s, !!population), mode, baseYear: b });
  return {
    mode, baseYear: mode === 'base' ? data.years[b] : null, years: data.years,
    score: ts.results.map((r) => r.score), rank: ts.results.map((r) => r.rank), classes: ts.results.map((r) => r.classes),
    rankChange: ts.results.map((r, q) => (q === 0 ? new Float64Array(r.rank.length).fill(NaN) : rankChanges(ts.results[q - 1].rank, r.rank))),
  };
}
