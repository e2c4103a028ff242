/**
 * The registry of single-group segregation indices (METHODS.md §4). The engine, the workspace
 * table, the CLI and the strings read this list: adding an index = its kernel in
 * `segregation.ts` (and a field of `singleGroupIndices`), one entry here, and its strings
 * `seg.idx.<key>` / `seg.idx.<key>.help` in `src/i18n/spatial.ts`.
 */
import { atkinson, correlationRatio, dissimilarity, entropy, gini, isolation, type SingleGroupIndices } from './segregation.ts';
import type { SegregationStatistic } from './segregationInference.ts';
import type { MultigroupIndices } from './segregationMulti.ts';

export interface SegregationIndexDef {
  key: keyof Omit<SingleGroupIndices, 'excluded'>;
  /** statistic for the permutation test and bootstrap (indices that grow with segregation) */
  statistic?: (options: { atkinsonB: number }) => SegregationStatistic;
  /** needs contiguity weights (Morrill) or polygon areas (Delta) */
  needs?: 'weights' | 'area';
}

export const SEGREGATION_INDICES = [
  { key: 'dissimilarity', statistic: () => dissimilarity },
  { key: 'gini', statistic: () => gini },
  { key: 'entropy', statistic: () => entropy },
  { key: 'atkinson', statistic: (o) => (x, t) => atkinson(x, t, o.atkinsonB) },
  { key: 'isolation', statistic: () => isolation },
  { key: 'exposure' },
  { key: 'correlation_ratio', statistic: () => correlationRatio },
  { key: 'delta', needs: 'area' },
  { key: 'spatial_dissimilarity', needs: 'weights' },
] as const satisfies readonly SegregationIndexDef[];

export type SegregationIndexKey = (typeof SEGREGATION_INDICES)[number]['key'];
export const SEGREGATION_INDEX_KEYS: SegregationIndexKey[] = SEGREGATION_INDICES.map((d) => d.key);
/** Indices with a permutation p-value and a bootstrap interval. */
export const INFERRED_INDICES = SEGREGATION_INDICES.filter((d): d is Extract<(typeof SEGREGATION_INDICES)[number], { statistic: unknown }> => 'statistic' in d);

/**
 * Multigroup indices (`segregationMulti.ts`) in the order the workspace shows them; strings
 * `seg.multi.<key>` and `seg.multiExp.<key>`.
 */
export const MULTIGROUP_INDICES = [
  'dissimilarity', 'gini', 'information_theory', 'normalized_exposure', 'relative_diversity', 'squared_coefficient_of_variation', 'diversity',
] as const satisfies readonly (keyof Omit<MultigroupIndices, 'excluded'>)[];
