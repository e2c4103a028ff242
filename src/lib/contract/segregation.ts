/**
 * Contract of the "Segregation" workspace (issue 4, METHODS.md §4): request, per-index rows and
 * the response of `src/lib/engine/segregation.ts`. The index keys come from the registry
 * `SEGREGATION_INDICES` in `src/lib/analysis/segregationIndices.ts`.
 */
import type { MultigroupIndices } from '../analysis/segregationMulti';
import type { ChangeResult, YearResult } from '../analysis/segregationTrend';
import type { SegregationIndexKey } from '../analysis/segregationIndices';
import type { ValueSource } from './spatial';

/** Settings of a segregation run. */
export interface SegregationRequest {
  source: ValueSource;
  year?: string;
  /** one group (against total − group) or several (multigroup) */
  groups: string[];
  /** total column; undefined = the sum of the groups */
  total?: string;
  /** areas with fewer persons are left out (0 = keep all) */
  minPopulation: number;
  atkinsonB: number;
  /** permutations and bootstrap replications (0 = no inference) */
  permutations: number;
  seed: number;
  /** index per year with interval (when the join has a year column) */
  trend: boolean;
  /** indices that get a permutation p-value and a bootstrap interval (default: every one that can) */
  infer?: SegregationIndexKey[];
  /** snapping tolerance (metres) of the queen contiguity behind Morrill's D; default 1 cm, 0 = exact */
  tolerance?: number;
}

export interface IndexRow {
  key: SegregationIndexKey;
  value: number;
  /** basic bootstrap interval (centred on the bias-corrected value) */
  ci?: [number, number];
  biasCorrected?: number;
  /** one-sided permutation p-value ("more segregated than random relabelling") */
  p?: number;
  /** the permutation null distribution (for the mini histogram) */
  null?: Float64Array;
}

export interface SingleGroupResult {
  group: string;
  rows: IndexRow[];
}

export interface SegregationResponse {
  year?: string;
  /** snapping tolerance (metres) of the queen contiguity used for Morrill's D */
  tolerance: number;
  /** areas of the layer / areas used after the filter */
  n: number;
  used: number;
  /** names of areas left out: no value, or fewer than the minimum population */
  missing: string[];
  filtered: string[];
  /** areas below 500 (or the chosen minimum) among the used ones, and very unequal sizes */
  small: { count: number; unequal: boolean; minPopulation: number; warning: boolean };
  single: SingleGroupResult[];
  multigroup?: Omit<MultigroupIndices, 'excluded'>;
  /** per group, layer row order, NaN for areas left out */
  lq: Float64Array[];
  /** local entropy / ln K in [0, 1] (K = groups, or 2 for group vs rest) */
  entropyLocal: Float64Array;
  /** local entropy −Σ π ln π (not normalised) */
  entropyLocalRaw: Float64Array;
  trend?: { years: YearResult[]; changes: ChangeResult[] };
}
