/**
 * The index over time (METHODS.md §2): per year either standardised on that year's own valid areas
 * ("each": relative position within the year) or against a base year's reference statistics
 * ("base": absolute change becomes visible, e.g. a falling SGB-II-Quote lowers all scores), plus
 * rank changes between years.
 */
import { computeIndex, type IndexInput, type IndexOptions, type IndexResult } from './sozialindex.ts';
import { invalid } from '../contract/errors.ts';

/** `each`: standardise every year on itself; `base`: on the base year's reference (METHODS.md §2). */
export type TimeMode = 'each' | 'base';

/** One year's indicator values for {@link indexByYear}. */
export interface YearInput {
  year: number;
  /** Indicator values of this year, same order of areas and indicators in every year. */
  values: Float64Array[];
  population?: ArrayLike<number>;
}

/**
 * Index per year. mode "each": {@link computeIndex} on every year separately. mode "base": the
 * indicator references (mean/sd, min/max or sorted values) and the score's mean/sd for the class
 * are fitted in the base year and applied unchanged to all years, so scores are on one scale.
 */
export function indexByYear(
  ids: string[], years: YearInput[],
  common: Omit<IndexInput, 'ids' | 'values' | 'population'>,
  options: IndexOptions & { mode?: TimeMode; baseYear?: number } = {},
): { years: number[]; results: IndexResult[]; mode: TimeMode; baseYear: number | null } {
  const mode = options.mode ?? 'each';
  if (mode !== 'each' && mode !== 'base') throw invalid('mode', `${mode}`);
  if (years.length === 0) throw invalid('years', '0');
  const input = (y: YearInput): IndexInput => ({ ...common, ids, values: y.values, population: y.population });
  if (mode === 'each') return { years: years.map((y) => y.year), results: years.map((y) => computeIndex(input(y), options)), mode, baseYear: null };
  const baseYear = options.baseYear ?? years[0].year;
  const b = years.find((y) => y.year === baseYear);
  if (!b) throw invalid('baseYear', `${baseYear}`);
  const base = computeIndex(input(b), options);
  const results = years.map((y) => (y === b ? base : computeIndex(input(y), { ...options, references: base.references, scoreReference: base.scoreReference })));
  return { years: years.map((y) => y.year), results, mode, baseYear };
}

/**
 * Rank change to − from per area (ranks 1 = most burden, 0 = none): negative = the area moved up
 * towards more burden relative to the others; NaN where either rank is missing.
 */
export function rankChanges(from: Int32Array, to: Int32Array): Float64Array {
  if (from.length !== to.length) throw invalid('length', `${to.length}`);
  const out = new Float64Array(from.length);
  for (let i = 0; i < from.length; i++) out[i] = from[i] > 0 && to[i] > 0 ? to[i] - from[i] : NaN;
  return out;
}

/** Score change to − from per area (meaningful across years in mode "base"). */
export function scoreChanges(from: Float64Array, to: Float64Array): Float64Array {
  if (from.length !== to.length) throw invalid('length', `${to.length}`);
  const out = new Float64Array(from.length);
  for (let i = 0; i < from.length; i++) out[i] = to[i] - from[i];
  return out;
}
