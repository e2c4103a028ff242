/**
 * Composite social index (Sozialindex), METHODS.md §2.
 * Each indicator is standardised over the valid areas (population ≥ minimum, not marked as
 * outlier, value present) and multiplied by its polarity; the score is the weighted mean
 * s_i = Σ_j w_j · z_ij with Σ w_j = 1. Rank 1 = highest score (most burden). The class counts
 * from 1 (below the first break) upward on the score re-standardised over the valid areas;
 * a score equal to a break falls into the upper class.
 */
import {
  applyStandardization, checkPolarity, checkStandardization, fitStandardization,
  type Standardization, type StandardizationReference,
} from './standardize.ts';
import { checkSd, meanSd, normalizeWeights, type SdKind } from './stats.ts';
import { argsortDescending } from './ranking.ts';
import { invalid } from '../contract/errors.ts';

/** Areas × indicators for {@link computeIndex} (one typed array per indicator). */
export interface IndexInput {
  ids: string[];
  /** One Float64Array per indicator, each of length n (NaN = missing). */
  values: Float64Array[];
  names?: string[];
  population?: ArrayLike<number>;
  /** Non-negative, normalised internally; default equal. */
  weights?: ArrayLike<number>;
  /** 1 or −1 per indicator; default 1. */
  polarity?: ArrayLike<number>;
}

/** `sd`: breaks on the re-standardised score (z units); `score`: breaks on the raw score. */
export type ClassMethod = 'sd' | 'score';

/** Settings of {@link computeIndex}; defaults follow METHODS.md §2 (z-score, sd n − 1, 300 EW, breaks −1/1/1.5). */
export interface IndexOptions {
  standardization?: Standardization;
  sd?: SdKind;
  /** Areas with population below this are excluded and get no score (default 300; 0 = off). */
  minPopulation?: number;
  /** Ids of user-marked outliers: left out of the standardisation, flagged "Ausreißer", still scored. */
  outliers?: Iterable<string>;
  classMethod?: ClassMethod;
  /** Ascending class breaks (default −1, 1, 1.5). */
  breaks?: number[];
  /** Fixed references per indicator (e.g. a base year), instead of fitting on these data. */
  references?: StandardizationReference[];
  /** Fixed mean/sd for re-standardising the score (base-year mode). */
  scoreReference?: { mean: number; sd: number };
}

/** Result of {@link computeIndex}: per-area arrays plus the resolved settings for the method note. */
export interface IndexResult {
  ids: string[];
  names: string[];
  /** Weighted mean of the signed standardised indicators; NaN = no score. */
  score: Float64Array;
  /** Score re-standardised over the valid areas (z units). */
  scoreZ: Float64Array;
  /** 1 = highest score; 0 = no score. Ties keep input order (ranks are a permutation). */
  rank: Int32Array;
  /** 1 … breaks.length + 1; 0 = no score. */
  classes: Int32Array;
  /** Reason for leaving the area out of the standardisation, or null. */
  /** why an area is flagged (null = none); see {@link ExclusionCode} */
  excluded: (ExclusionCode | null)[];
  /** 1 = area formed the standardisation reference. */
  valid: Uint8Array;
  /** Signed standardised indicators (polarity applied), one per indicator. */
  z: Float64Array[];
  weights: Float64Array;
  polarity: Int8Array;
  references: StandardizationReference[];
  scoreReference: { mean: number; sd: number };
  settings: Required<Pick<IndexOptions, 'standardization' | 'sd' | 'minPopulation' | 'classMethod' | 'breaks'>>;
}

/** Default class breaks on the re-standardised score (METHODS.md §2: −1 / +1 / +1.5 sd). */
export const DEFAULT_BREAKS: readonly number[] = [-1, 1, 1.5];
/**
 * Why an area is flagged (codes; the views and the CLI translate them, `ix.excl.<code>`):
 * `minPopulation` under the minimum („EW unter 300“), `noPopulation` population missing although a
 * minimum applies, `missingValues` an indicator value is missing, `outlier` marked by the user
 * (still scored), `noData` a layer area without any data, `sourceSecret` an indicator value the
 * source kept secret („·“ in the file: known to exist, not missing), `populationSecret` the population
 * kept secret by the source where „EW fehlt“ would be said (the last three set by the engine).
 */
export type ExclusionCode = 'minPopulation' | 'noPopulation' | 'missingValues' | 'outlier' | 'noData' | 'sourceSecret' | 'populationSecret';
export const REASON_OUTLIER: ExclusionCode = 'outlier';
export const REASON_MISSING: ExclusionCode = 'missingValues';
export const REASON_NO_POPULATION: ExclusionCode = 'noPopulation';
export const REASON_MIN_POPULATION: ExclusionCode = 'minPopulation';
export const REASON_NO_DATA: ExclusionCode = 'noData';
export const REASON_SOURCE_SECRET: ExclusionCode = 'sourceSecret';
export const REASON_POPULATION_SECRET: ExclusionCode = 'populationSecret';

/** Validates ascending breaks. */
export function checkBreaks(b: number[]): number[] {
  for (let i = 0; i < b.length; i++) {
    if (!Number.isFinite(b[i]) || (i > 0 && !(b[i] > b[i - 1]))) throw invalid('breaks', b, 'ascending');
  }
  return b;
}

/**
 * Ordinal ranks, 1 = highest finite value; NaN gets 0. Ties are broken by input order so the
 * ranks of the n′ finite values are a permutation of 1..n′.
 */
export function rankDescending(score: ArrayLike<number>, out: Int32Array = new Int32Array(score.length)): Int32Array {
  const n = score.length, pos = new Int32Array(n), vals = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(score[i])) { pos[m] = i; vals[m++] = score[i]; }
  const order = argsortDescending(vals, m, new Int32Array(m));
  out.fill(0);
  for (let r = 0; r < m; r++) out[pos[order[r]]] = r + 1;
  return out;
}

/** Class 1 + #{breaks ≤ v}; 0 for NaN. */
export function classOf(v: number, breaks: readonly number[]): number {
  if (Number.isNaN(v)) return 0;
  let c = 1;
  for (let b = 0; b < breaks.length; b++) if (v >= breaks[b]) c++;
  return c;
}

/** Exclusion reasons per area: population below the minimum or missing, outlier (see {@link ExclusionCode}). */
export function exclusionReasons(
  ids: string[], population: ArrayLike<number> | undefined, minPopulation: number, outliers: Iterable<string> = [],
): (ExclusionCode | null)[] {
  if (!(minPopulation >= 0)) throw invalid('minPopulation', minPopulation);
  const out = new Set(outliers);
  return ids.map((id, i) => {
    if (population && minPopulation > 0) {
      if (Number.isNaN(population[i])) return REASON_NO_POPULATION;
      if (population[i] < minPopulation) return REASON_MIN_POPULATION;
    }
    return out.has(id) ? REASON_OUTLIER : null;
  });
}

/**
 * Computes the composite index (METHODS.md §2): standardise over valid areas, apply polarity,
 * weighted mean, rank, class on the re-standardised score. Areas under the minimum population
 * (or without a population value) or with a missing indicator get score/rank/class null (NaN/0);
 * outliers are scored but not used as reference.
 */
export function computeIndex(input: IndexInput, options: IndexOptions = {}): IndexResult {
  const n = input.ids.length, k = input.values.length;
  if (k === 0) throw invalid('indicators', '0');
  for (const v of input.values) if (v.length !== n) throw invalid('values', `${v.length}`, `length`);
  const standardization = checkStandardization(options.standardization ?? 'zscore');
  const sd = checkSd(options.sd ?? 'sample');
  const minPopulation = options.minPopulation ?? 300;
  const classMethod = options.classMethod ?? 'sd';
  if (classMethod !== 'sd' && classMethod !== 'score') throw invalid('classMethod', `${classMethod}`);
  const breaks = checkBreaks([...(options.breaks ?? DEFAULT_BREAKS)]);
  const weights = normalizeWeights(input.weights ?? new Array<number>(k).fill(1), k);
  const polarity = Int8Array.from({ length: k }, (_, j) => checkPolarity(input.polarity ? input.polarity[j] : 1));
  if (options.references && options.references.length !== k) throw invalid('references', `${options.references.length}`);

  const excluded = exclusionReasons(input.ids, input.population, minPopulation, options.outliers);
  const noScore = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (excluded[i] !== null && excluded[i] !== REASON_OUTLIER) noScore[i] = 1;
  for (let j = 0; j < k; j++) {
    const x = input.values[j];
    for (let i = 0; i < n; i++) if (x[i] !== x[i] && !noScore[i]) { noScore[i] = 1; excluded[i] ??= REASON_MISSING; }
  }
  const refMask = new Uint8Array(n);
  for (let i = 0; i < n; i++) refMask[i] = excluded[i] === null ? 1 : 0;

  const references = input.values.map((x, j) => options.references?.[j] ?? fitStandardization(x, standardization, refMask, sd));
  const z = input.values.map((x, j) => applyStandardization(x, references[j], polarity[j]));

  const score = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    const zj = z[j], wj = weights[j];
    if (wj === 0) continue;
    for (let i = 0; i < n; i++) score[i] += wj * zj[i];
  }
  for (let i = 0; i < n; i++) if (noScore[i]) score[i] = NaN;
  const scoreReference = options.scoreReference ?? (() => {
    const ms = meanSd(score, refMask, sd);
    return { mean: ms.mean, sd: ms.sd };
  })();
  const scoreZ = new Float64Array(n);
  for (let i = 0; i < n; i++) scoreZ[i] = scoreReference.sd > 0 ? (score[i] - scoreReference.mean) / scoreReference.sd : Number.isNaN(score[i]) ? NaN : 0;
  const rank = rankDescending(score);
  const classes = new Int32Array(n);
  for (let i = 0; i < n; i++) classes[i] = classOf(classMethod === 'sd' ? scoreZ[i] : score[i], breaks);

  return {
    ids: input.ids, names: input.names ?? input.values.map((_, j) => `I${j + 1}`),
    score, scoreZ, rank, classes, excluded, valid: refMask, z, weights, polarity, references, scoreReference,
    settings: { standardization, sd, minPopulation, classMethod, breaks },
  };
}
