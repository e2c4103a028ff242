/**
 * Sozialindex contract (issue 3, METHODS.md §1–2, §6): what the workspace, the worker, the engine
 * and the CLI exchange — source, indicators, settings, defaults and results. Plain data and typed
 * arrays only; the engine side is `src/lib/engine/sozialindex.ts` and its companions.
 */
import type { JoinSpecInput } from './catalog';
import type { DisclosureOptions, DisclosureStatus } from '../analysis/disclosure';
import type { ExclusionCode, IndexResult } from '../analysis/sozialindex';
import type { MonteCarloResult } from '../analysis/robustness';
import type { Standardization } from '../analysis/standardize';
import type { SdKind } from '../analysis/stats';
import { DEFAULT_BREAKS } from '../analysis/sozialindex';
import { DEFAULT_DYNAMICS_BREAKS, INDEX_PRESETS, type IndexPreset } from '../analysis/presets';

/** Where the area data come from: a table joined to a layer, or the layer's own columns. */
export type IndexSource = (JoinSpecInput | { layer: string; table?: undefined; yearColumn?: undefined }) & {
  /** population column (EW) for the minimum-population rule; none = rule off */
  population?: string | null;
};

/** One indicator: numerator / denominator × scale (or a plain column when no denominator). */
export interface IndicatorSpec {
  name: string;
  numerator: string;
  denominator?: string | null;
  scale?: number;
  unit?: string;
  lebensbereich?: string;
  zielgruppe?: string;
  polarity?: 1 | -1;
  weight?: number;
  /** external reference value (Kreis, NRW) in the indicator's unit */
  reference?: number | null;
}

export { REASON_MIN_POPULATION, REASON_NO_DATA, REASON_NO_POPULATION, REASON_POPULATION_SECRET, REASON_SOURCE_SECRET, type ExclusionCode } from '../analysis/sozialindex';

/**
 * Why an area with a status class has no dynamics class (`ix.dynx.<code>`): a value of an indicator in the
 * dynamics start year was kept secret by the source („·“ in the file) or is missing.
 */
export type DynamicsExclusion = 'startSecret' | 'startMissing';

export { INDEX_PRESETS, type IndexPreset };

export interface IndexSettings {
  preset: IndexPreset;
  standardization: Standardization;
  sd: SdKind;
  minPopulation: number;
  outliers: string[];
  classMethod: 'sd' | 'score';
  /** class breaks; for "Status und Dynamik" the three status cut points */
  breaks: number[];
  /** year of the levels (null = latest / no year column) */
  year: string | null;
  /** start year of the dynamics period (status_dynamik); null = {@link defaultDynamicsFrom} */
  dynamicsFrom: string | null;
  /** length of the default dynamics period in years (Berlin 2, Hamburg 3) */
  dynamicsPeriod: number;
  dynamicsBreaks: number[];
}

export const DEFAULT_INDEX_SETTINGS: IndexSettings = {
  preset: 'standard', standardization: 'zscore', sd: 'sample', minPopulation: 300, outliers: [],
  classMethod: 'sd', breaks: [...DEFAULT_BREAKS], year: null, dynamicsFrom: null, dynamicsPeriod: 2, dynamicsBreaks: [...DEFAULT_DYNAMICS_BREAKS],
};

/** A fresh copy of the defaults (arrays not shared). */
export function defaultIndexSettings(): IndexSettings {
  return { ...DEFAULT_INDEX_SETTINGS, outliers: [], breaks: [...DEFAULT_INDEX_SETTINGS.breaks], dynamicsBreaks: [...DEFAULT_INDEX_SETTINGS.dynamicsBreaks] };
}

/**
 * Default start of the dynamics period, the one rule for UI, engine and CLI: `period` calendar
 * years before `to` (2024 → 2022); when that year is missing, the latest year before it, else the
 * first year. Years that are not numbers: the year before `to`. Null when `to` is the first year.
 */
export function defaultDynamicsFrom(years: string[], to: string, period = 2): string | null {
  const t = years.indexOf(to);
  if (t <= 0) return null;
  const target = Number(to) - period;
  if (!Number.isFinite(target) || years.some((y) => !Number.isFinite(Number(y)))) return years[t - 1];
  const before = years.slice(0, t).filter((y) => Number(y) <= target);
  return before.length ? before[before.length - 1] : years[0];
}

/** Result of one index run, plain data for the UI (typed arrays are transferred). */
export interface IndexRun {
  ids: string[];
  names: string[];
  indicatorNames: string[];
  year: string;
  preset: IndexPreset;
  base: IndexResult;
  /** rates (indicator values) of the year, one per indicator */
  values: Float64Array[];
  population: Float64Array | null;
  /** 1 where the population of the year was kept secret by the source („·“ in the file); absent when none was */
  populationSource?: Uint8Array;
  status: {
    from: string; dynamicsScore: Float64Array; dynamicsZ: Float64Array; dynamicsClass: Int32Array; group: Int32Array; dz: Float64Array[];
    /** why an area with a status class has no dynamics class, else null */
    dynamicsExcluded: (DynamicsExclusion | null)[];
  } | null;
  domains: { name: string; indicators: number[]; loadings: Float64Array; explained: number }[] | null;
}

const STATUS_CODES: DisclosureStatus[] = ['ok', 'zero', 'secret', 'secondary', 'unreliable', 'missing'];

/** Per indicator and year: values, disclosure, municipal mean (pooled) and deviations, histogram. */
export interface IndicatorSummary {
  name: string;
  years: {
    year: string;
    values: Float64Array;
    /** index into {@link DISCLOSURE_ORDER} per area */
    disclosure: Uint8Array;
    /** 1 where the value was kept secret by the source (its `disclosure` is `secret`); absent when none was */
    source?: Uint8Array;
    /** Σ num / Σ den × scale (unweighted mean for plain columns) */
    mean: number;
    fromMean: Float64Array;
    fromReference: Float64Array | null;
    hist: { min: number; max: number; counts: number[] };
  }[];
}

export const DISCLOSURE_ORDER = STATUS_CODES;

/** What the Sozialindex workspace sends for every index call. */
export interface IndexRequest {
  source: IndexSource;
  indicators: IndicatorSpec[];
  settings: IndexSettings;
  disclosure?: DisclosureOptions;
}

export interface TypologySpec {
  method: 'kmeans' | 'ward';
  k: number;
  /** k range of the quality table */
  kMin: number;
  kMax: number;
  seed: number;
  /** k-means starts (best of; default of the kernel when omitted) */
  restarts?: number;
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

export const DEFAULT_TYPOLOGY_SPEC: TypologySpec = { method: 'kmeans', k: 4, kMin: 2, kMax: 8, seed: 1 };

export interface RobustnessSpec {
  runs: number;
  concentration: number;
  seed: number;
  /** also a Spearman correlation matrix */
  spearman?: boolean;
}

export const DEFAULT_ROBUSTNESS_SPEC: RobustnessSpec = { runs: 1000, concentration: 50, seed: 1 };

/** The index per year: standardised within each year, or against a base year's references. */
export interface TimeSeriesSpec {
  mode: 'each' | 'base';
  baseYear: string | null;
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
  /** the same with Spearman's rank correlation, when asked for */
  spearman: Float64Array | null;
  cronbachAlpha: number;
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
  /**
   * why each area has no class in each year (`exclusionCodes`, the run's rule, with that year's source secrets:
   * `sourceSecret` for an indicator value „·“, `populationSecret` for the population „·“), null where it has one
   */
  excluded: (ExclusionCode | null)[][];
}
