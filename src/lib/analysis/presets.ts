/**
 * Index presets of German practice (METHODS.md §2): "Status und Dynamik" (Berlin MSS / Hamburg
 * RISE), "Einfacher z-Summenindex" (Münster), "Deziles Ranking" (Dortmund) and "Hauptkomponenten
 * je Dimension, 0–1" (RKI GISD). All build on {@link computeIndex}.
 */
import { computeIndex, classOf, checkBreaks, rankDescending, type IndexInput, type IndexOptions, type IndexResult } from './sozialindex.ts';
import { firstComponent } from './pca.ts';
import { standardize } from './standardize.ts';
import { changePoints } from './indicators.ts';
import { AppError, invalid } from '../contract/errors.ts';

/** Status classes 1–4 (Berlin MSS / Hamburg RISE); "sehr niedrig" = most burden. */
export const STATUS_LABELS = ['hoch', 'mittel', 'niedrig', 'sehr niedrig'] as const;
/** Dynamics classes 1–3; "negativ" = burden rising fastest. */
export const DYNAMICS_LABELS = ['positiv', 'stabil', 'negativ'] as const;
/** Default status cut points in sd of the re-standardised status index (METHODS.md §2). */
export const DEFAULT_STATUS_BREAKS: readonly number[] = [-1, 1, 1.5];
/** Default dynamics cut points: ±1 sd (METHODS.md §2). */
export const DEFAULT_DYNAMICS_BREAKS: readonly number[] = [-1, 1];

/** Options of {@link statusDynamics}: index options plus editable cut points. */
export interface StatusDynamicsOptions extends IndexOptions {
  /** Cut points (z units) on the re-standardised status index; 3 breaks → 4 classes. */
  statusBreaks?: number[];
  /** Cut points on the re-standardised dynamics index; 2 breaks → 3 classes. */
  dynamicsBreaks?: number[];
}

/** Result of {@link statusDynamics}. */
export interface StatusDynamicsResult {
  status: IndexResult;
  dynamics: IndexResult;
  /** 1 = hoch … 4 = sehr niedrig (most burden); 0 = none. */
  statusClass: Int32Array;
  /** 1 = positiv (burden falling), 2 = stabil, 3 = negativ (burden rising); 0 = none. */
  dynamicsClass: Int32Array;
  /** 12-group code (statusClass − 1) · 3 + dynamicsClass, 1 … 12; 0 = none. */
  group: Int32Array;
  /** e.g. "sehr niedrig / negativ"; null = none. */
  groupLabel: (string | null)[];
}

/**
 * "Status und Dynamik": status index from the level indicators, dynamics index from their change
 * in percentage points over the period (same weights and polarity; the change input is computed
 * by the caller with {@link changePoints}). Both are re-standardised over the valid areas; status
 * classes cut at −1 / +1 / +1.5 sd, so "sehr niedrig" (class 4) = most burden; dynamics at ±1 sd,
 * "negativ" (class 3) = burden rising fastest. Areas without a dynamics value keep their status
 * class but get no group. METHODS.md §2.
 */
export function statusDynamics(levels: IndexInput, changes: IndexInput, options: StatusDynamicsOptions = {}): StatusDynamicsResult {
  const sb = checkBreaks([...(options.statusBreaks ?? DEFAULT_STATUS_BREAKS)]);
  const db = checkBreaks([...(options.dynamicsBreaks ?? DEFAULT_DYNAMICS_BREAKS)]);
  if (sb.length !== 3) throw invalid('statusBreaks', `${sb.join(',')}`);
  if (db.length !== 2) throw invalid('dynamicsBreaks', `${db.join(',')}`);
  const status = computeIndex(levels, { ...options, standardization: 'zscore', classMethod: 'sd', breaks: sb });
  // Changes are standardised over the areas valid for the status (same population rule and outliers).
  const dynamics = computeIndex(changes, { ...options, standardization: 'zscore', classMethod: 'sd', breaks: db });
  const n = levels.ids.length;
  const group = new Int32Array(n);
  const groupLabel: (string | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const s = status.classes[i], d = dynamics.classes[i];
    if (s && d) {
      group[i] = (s - 1) * 3 + d;
      groupLabel[i] = `${STATUS_LABELS[s - 1]} / ${DYNAMICS_LABELS[d - 1]}`;
    }
  }
  return { status, dynamics, statusClass: status.classes, dynamicsClass: dynamics.classes, group, groupLabel };
}

/**
 * "Einfacher z-Summenindex": z-scores over the valid areas, score = Σ_j w_j z_ij with the weights
 * normalised to sum k (equal weights → plain sum of z). Ranking and classes as {@link computeIndex}
 * (the class uses the re-standardised score, which a constant factor does not change).
 */
export function zSumIndex(input: IndexInput, options: IndexOptions = {}): IndexResult {
  const r = computeIndex(input, { ...options, standardization: 'zscore' });
  const k = input.values.length;
  for (let i = 0; i < r.score.length; i++) r.score[i] *= k;
  r.scoreReference = { mean: r.scoreReference.mean * k, sd: r.scoreReference.sd * k };
  // breaks on the raw score refer to the sum, not to the mean
  if (r.settings.classMethod === 'score') for (let i = 0; i < r.score.length; i++) r.classes[i] = classOf(r.score[i], r.settings.breaks);
  return r;
}

/**
 * "Deziles Ranking": deciles of the score among the scored areas, from the rank:
 * decile = 10 − ⌊10 · (rank − 1) / n_scored⌋, so decile 10 = the 10 % with most burden. Returns the
 * index with `classes` replaced by the decile (1 … 10, 0 = none).
 */
export function decileRanking(input: IndexInput, options: IndexOptions = {}): IndexResult {
  const r = computeIndex(input, options);
  let m = 0;
  for (let i = 0; i < r.rank.length; i++) if (r.rank[i] > 0) m++;
  for (let i = 0; i < r.rank.length; i++) r.classes[i] = r.rank[i] > 0 ? 10 - Math.floor((10 * (r.rank[i] - 1)) / m) : 0;
  r.settings = { ...r.settings, classMethod: 'score', breaks: [] };
  return r;
}

/** Result of {@link pcaDomains}: the index and, per Lebensbereich, loadings, explained variance and 0–1 scores. */
export interface PcaDomainsResult {
  index: IndexResult;
  domains: { name: string; indicators: number[]; loadings: Float64Array; explained: number; score01: Float64Array }[];
}

/**
 * "Hauptkomponenten je Dimension, 0–1" (GISD type): per Lebensbereich the first principal
 * component of the z-standardised, polarity-signed indicators (correlation matrix over the valid
 * areas), rescaled to 0–1 by min–max over the valid areas; the score is the mean (or sum) of the
 * domain scores. Rank and class (breaks on the re-standardised score) as in {@link computeIndex}.
 * `domains[j]` names the Lebensbereich of indicator j. Weights are not used: within a domain the
 * loadings weight the indicators, and the domains count equally.
 */
export function pcaDomains(input: IndexInput, domains: string[], options: IndexOptions & { combine?: 'mean' | 'sum' } = {}): PcaDomainsResult {
  const combine = options.combine ?? 'mean';
  if (combine !== 'mean' && combine !== 'sum') throw invalid('combine', `${combine}`);
  if (domains.length !== input.values.length) throw invalid('domains', `${domains.length}`, `length`);
  const base = computeIndex({ ...input, weights: undefined }, { ...options, standardization: 'zscore' });
  const names = [...new Set(domains)];
  const n = input.ids.length;
  const score = new Float64Array(n);
  const out: PcaDomainsResult['domains'] = [];
  for (const name of names) {
    const idx = domains.flatMap((d, j) => (d === name ? [j] : []));
    const pc = firstComponent(idx.map((j) => base.z[j]), base.valid);
    const score01 = standardize(pc.scores, { method: 'minmax', mask: base.valid }).map((v) => v / 100);
    out.push({ name, indicators: idx, loadings: pc.loadings, explained: pc.explained, score01 });
    for (let i = 0; i < n; i++) score[i] += score01[i];
  }
  const breaks = base.settings.breaks;
  let mean = 0, m = 0;
  for (let i = 0; i < n; i++) {
    if (combine === 'mean') score[i] /= names.length;
    if (Number.isNaN(base.score[i])) score[i] = NaN;
    if (base.valid[i] && !Number.isNaN(score[i])) { mean += score[i]; m++; }
  }
  mean /= m;
  let ss = 0;
  for (let i = 0; i < n; i++) if (base.valid[i] && !Number.isNaN(score[i])) ss += (score[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (base.settings.sd === 'sample' ? m - 1 : m));
  const scoreZ = score.map((v) => (sd > 0 ? (v - mean) / sd : Number.isNaN(v) ? NaN : 0));
  const classes = new Int32Array(n);
  for (let i = 0; i < n; i++) classes[i] = classOf(base.settings.classMethod === 'sd' ? scoreZ[i] : score[i], breaks);
  const index: IndexResult = { ...base, score, scoreZ, rank: rankDescending(score), classes, scoreReference: { mean, sd } };
  return { index, domains: out };
}

/** What a preset needs besides the index input of the chosen year. */
export interface PresetExtra {
  /** indicator values of the start year (status_dynamik) */
  before?: Float64Array[];
  dynamicsBreaks?: number[];
  /** Lebensbereich per indicator (pca) */
  domains?: string[];
}

/** What every preset returns: the index (`base`), and the status/dynamics or domain details. */
export interface PresetOutcome {
  base: IndexResult;
  status: StatusDynamicsResult | null;
  domains: { name: string; indicators: number[]; loadings: Float64Array; explained: number }[] | null;
}

/** One index preset: how it runs and what its settings panel and the config check must know. */
export interface PresetDef {
  run(input: IndexInput, options: IndexOptions, extra: PresetExtra): PresetOutcome;
  /** needs a start year for the dynamics (a second year in the data) */
  needsYears?: boolean;
  /** standardisation fixed to z-scores */
  zOnly?: boolean;
  /** exact number of class breaks (status: 3 cut points → 4 classes) */
  breakCount?: number;
  /** classes are deciles of the rank; no breaks */
  deciles?: boolean;
  /** indicator weights are not used (pca: the loadings weight) */
  ignoresWeights?: boolean;
}

const plain = (base: IndexResult): PresetOutcome => ({ base, status: null, domains: null });

/**
 * The registry of index presets (METHODS.md §2). Adding a preset = one entry here plus its
 * strings `ix.preset.<key>` and `ix.preset.<key>.help` (src/i18n/sozialindex.ts); the settings
 * panel, the engine, the config check of the CLI and the docs table read this list.
 */
export const PRESETS = {
  standard: { run: (input, options) => plain(computeIndex(input, options)) },
  status_dynamik: {
    needsYears: true, zOnly: true, breakCount: 3,
    run(input, options, extra) {
      if (!extra.before) throw new AppError('index.dynamicsFromMissing');
      const changes = input.values.map((v, j) => changePoints(extra.before![j], v));
      const sd = statusDynamics(input, { ...input, values: changes }, { ...options, statusBreaks: options.breaks, dynamicsBreaks: extra.dynamicsBreaks });
      return { base: sd.status, status: sd, domains: null };
    },
  },
  z_summe: { zOnly: true, run: (input, options) => plain(zSumIndex(input, options)) },
  dezile: { deciles: true, run: (input, options) => plain(decileRanking(input, options)) },
  pca: {
    zOnly: true, ignoresWeights: true,
    run(input, options, extra) {
      const p = pcaDomains(input, extra.domains ?? input.values.map(() => 'Gesamt'), options);
      return { base: p.index, status: null, domains: p.domains.map((d) => ({ name: d.name, indicators: d.indicators, loadings: d.loadings, explained: d.explained })) };
    },
  },
} satisfies Record<string, PresetDef>;

export type IndexPreset = keyof typeof PRESETS;
export const INDEX_PRESETS = Object.keys(PRESETS) as IndexPreset[];

/** The definition of a preset (typed as the common shape). */
export function presetDef(key: IndexPreset): PresetDef {
  return PRESETS[key];
}
