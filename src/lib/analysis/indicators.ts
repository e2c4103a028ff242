/**
 * Indicators as rates (METHODS.md §1): rate_i = numerator_i / denominator_i × scale, change in
 * percentage points, deviation from the municipal mean ("Durchschnitt ist nirgendwo") and a
 * catalogue of the usual indicators of German social planning as templates.
 */
import { invalid } from '../contract/errors.ts';
export type Lebensbereich =
  | 'Einkommen/Transfer' | 'Arbeit' | 'Bildung' | 'Gesundheit' | 'Wohnen' | 'Demografie' | 'Teilhabe';

/** A catalogue entry (METHODS.md §1): metadata and column-name patterns for numerator and denominator. */
export interface IndicatorTemplate {
  key: string;
  name: string;
  unit: string;
  lebensbereich: Lebensbereich;
  zielgruppe: string;
  /** 1 = higher means more burden, −1 = higher means less. */
  polarity: 1 | -1;
  scale: number;
  /** Case-insensitive regular expressions suggesting matching column names. */
  numerator: string[];
  denominator: string[];
  note?: string;
}

/**
 * rate_i = num_i / den_i × scale; NaN where the denominator is 0, negative or missing, or the
 * numerator is missing. METHODS.md §1.
 */
export function rate(num: ArrayLike<number>, den: ArrayLike<number>, scale = 100, out = new Float64Array(num.length)): Float64Array {
  if (!(scale > 0) || !Number.isFinite(scale)) throw invalid('scale', `${scale}`);
  if (num.length !== den.length) throw invalid('denominator', `${den.length}`, `length`);
  for (let i = 0; i < num.length; i++) {
    const d = den[i];
    out[i] = d > 0 ? (num[i] / d) * scale : NaN; // a NaN numerator propagates
  }
  return out;
}

/** Rates for several years at once: one rate array per year (see {@link rate}). */
export function ratesByYear(num: ArrayLike<number>[], den: ArrayLike<number>[], scale = 100): Float64Array[] {
  if (num.length !== den.length) throw invalid('years', `${num.length} vs ${den.length}`);
  return num.map((x, t) => rate(x, den[t], scale));
}

/**
 * Municipal (population-weighted) mean as in German practice: Σ num / Σ den × scale over areas
 * where both are present and den > 0. METHODS.md §1.
 */
export function municipalRate(num: ArrayLike<number>, den: ArrayLike<number>, scale = 100): number {
  let sn = 0, sd = 0;
  for (let i = 0; i < num.length; i++) if (den[i] > 0 && !Number.isNaN(num[i])) { sn += num[i]; sd += den[i]; }
  return sd > 0 ? (sn / sd) * scale : NaN;
}

/** Unweighted mean of the area rates (each area counts once), NaN skipped. */
export function unweightedMean(values: ArrayLike<number>): number {
  let s = 0, n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) { s += values[i]; n++; }
  return n ? s / n : NaN;
}

/** Change in percentage points: to_i − from_i (rates on the same scale). METHODS.md §1 (Dynamik). */
export function changePoints(from: ArrayLike<number>, to: ArrayLike<number>): Float64Array {
  if (from.length !== to.length) throw invalid('length', `${to.length}`);
  const out = new Float64Array(from.length);
  for (let i = 0; i < from.length; i++) out[i] = to[i] - from[i];
  return out;
}

/** `weighted` = Σ numerator / Σ denominator × scale (German practice), `unweighted` = mean of the area rates. */
export type MeanKind = 'weighted' | 'unweighted';

/** Result of {@link deviations}. */
export interface Deviation {
  /** The mean used: weighted = Σnum/Σden × scale (municipal value), unweighted = mean of area rates. */
  mean: number;
  meanKind: MeanKind;
  /** rate_i − mean, in the unit of the rate (percentage points for scale 100). */
  fromMean: Float64Array;
  /** rate_i − reference (e.g. Kreis or NRW), when a reference is given. */
  fromReference: Float64Array | null;
}

/**
 * Deviation of each area's rate from the municipal mean and optionally from an external
 * reference value ("Durchschnitt ist nirgendwo", METHODS.md §1). Default mean: weighted.
 */
export function deviations(
  num: ArrayLike<number>, den: ArrayLike<number>, scale = 100,
  options: { meanKind?: MeanKind; reference?: number } = {},
): Deviation {
  const meanKind = options.meanKind ?? 'weighted';
  if (meanKind !== 'weighted' && meanKind !== 'unweighted') throw invalid('meanKind', `${meanKind}`);
  const r = rate(num, den, scale);
  const mean = meanKind === 'weighted' ? municipalRate(num, den, scale) : unweightedMean(r);
  const fromMean = r.map((v) => v - mean);
  const ref = options.reference;
  if (ref !== undefined && !Number.isFinite(ref)) throw invalid('reference', `${ref}`);
  return { mean, meanKind, fromMean, fromReference: ref === undefined ? null : r.map((v) => v - ref) };
}

const T = (t: IndicatorTemplate): IndicatorTemplate => t;

/** Catalogue of usual indicators (METHODS.md §1), offered as templates the user maps to columns. */
export const INDICATOR_CATALOGUE: readonly IndicatorTemplate[] = [
  T({ key: 'sgb2', name: 'SGB-II-Quote', unit: '%', lebensbereich: 'Einkommen/Transfer', zielgruppe: 'Bevölkerung unter Rentenalter', polarity: 1, scale: 100,
    numerator: ['^sgb_?2$', 'sgb_?ii', 'elb', 'regelleistung', 'leistungsberechtigt'], denominator: ['ew_?u65', 'ew_?0_?64', 'unter_?65', '^ew$', 'einwohner'],
    note: 'SGB-II-Leistungsberechtigte je Einwohner unter der Regelaltersgrenze' }),
  T({ key: 'kinderarmut', name: 'Kinderarmut', unit: '%', lebensbereich: 'Einkommen/Transfer', zielgruppe: 'Kinder', polarity: 1, scale: 100,
    numerator: ['sgb_?2_?u15', 'sgb_?ii_?u15', 'nef_?u15', 'kinder.*sgb'], denominator: ['ew_?u15', 'ew_?0_?14', 'unter_?15'] }),
  T({ key: 'alo', name: 'Arbeitslosenanteil', unit: '%', lebensbereich: 'Arbeit', zielgruppe: 'Erwerbsfähige 15–64', polarity: 1, scale: 100,
    numerator: ['^alo$', 'arbeitslos'], denominator: ['ew_?15_?64', 'ew_?u65', 'erwerbsf'],
    note: 'Arbeitslose je Einwohner 15–64, nicht die Arbeitslosenquote der BA' }),
  T({ key: 'langzeit', name: 'Langzeitarbeitslose', unit: '%', lebensbereich: 'Arbeit', zielgruppe: 'Erwerbsfähige 15–64', polarity: 1, scale: 100,
    numerator: ['lzalo', 'langzeit'], denominator: ['ew_?15_?64', 'ew_?u65', 'erwerbsf'] }),
  T({ key: 'jugendalo', name: 'Jugendarbeitslosigkeit', unit: '%', lebensbereich: 'Arbeit', zielgruppe: 'Jugendliche', polarity: 1, scale: 100,
    numerator: ['alo_?u25', 'jugend.*arbeitslos'], denominator: ['ew_?15_?24', 'ew_?u25'] }),
  T({ key: 'altersarmut', name: 'Altersarmut', unit: '%', lebensbereich: 'Einkommen/Transfer', zielgruppe: 'Ältere', polarity: 1, scale: 100,
    numerator: ['grusi', 'grundsicherung'], denominator: ['ew_?65', 'ew_?65plus', 'ab_?65'] }),
  T({ key: 'alleinerziehende', name: 'Alleinerziehende', unit: '%', lebensbereich: 'Demografie', zielgruppe: 'Familien', polarity: 1, scale: 100,
    numerator: ['alleinerz'], denominator: ['hh_?kinder', 'hh_?mit_?kind', '^hh$', 'haushalte'] }),
  T({ key: 'migration_u18', name: 'Migrationshintergrund unter 18', unit: '%', lebensbereich: 'Teilhabe', zielgruppe: 'Kinder und Jugendliche', polarity: 1, scale: 100,
    numerator: ['mh_?u18', 'migration.*u18'], denominator: ['ew_?u18', 'unter_?18'] }),
  T({ key: 'auslaender', name: 'Ausländeranteil', unit: '%', lebensbereich: 'Teilhabe', zielgruppe: 'Bevölkerung', polarity: 1, scale: 100,
    numerator: ['^ausl', 'auslaend', 'ausländ', 'nichtdeutsch'], denominator: ['^ew$', 'einwohner', 'bevoelkerung', 'bevölkerung'] }),
  T({ key: 'wohndauer', name: 'Wohndauer über 5 Jahre', unit: '%', lebensbereich: 'Wohnen', zielgruppe: 'Bevölkerung', polarity: -1, scale: 100,
    numerator: ['wohndauer', 'wd_?5'], denominator: ['^ew$', 'einwohner'] }),
  T({ key: 'wanderung', name: 'Wanderungsvolumen', unit: 'je 1.000 EW', lebensbereich: 'Wohnen', zielgruppe: 'Bevölkerung', polarity: 1, scale: 1000,
    numerator: ['wanderung', 'zuzug.*fortzug', 'umzug'], denominator: ['^ew$', 'einwohner'] }),
  T({ key: 'gymnasium', name: 'Übergangsquote Gymnasium', unit: '%', lebensbereich: 'Bildung', zielgruppe: 'Kinder', polarity: -1, scale: 100,
    numerator: ['gym', 'uebergang', 'übergang'], denominator: ['viertkl', 'klasse_?4', 'grundschul'] }),
  T({ key: 'hze', name: 'Hilfen zur Erziehung', unit: 'je 1.000 unter 21', lebensbereich: 'Teilhabe', zielgruppe: 'Kinder und Jugendliche', polarity: 1, scale: 1000,
    numerator: ['hze', 'hilfe.*erziehung'], denominator: ['ew_?u21', 'unter_?21'] }),
  T({ key: 'beschaeftigt', name: 'Beschäftigtenquote', unit: '%', lebensbereich: 'Arbeit', zielgruppe: 'Erwerbsfähige 15–64', polarity: -1, scale: 100,
    numerator: ['svb', 'beschaeftigt', 'beschäftigt'], denominator: ['ew_?15_?64', 'ew_?u65', 'erwerbsf'] }),
  T({ key: 'seu', name: 'Auffälligkeiten Schuleingangsuntersuchung', unit: '%', lebensbereich: 'Gesundheit', zielgruppe: 'Kinder', polarity: 1, scale: 100,
    numerator: ['seu', 'schuleingang'], denominator: ['untersucht', 'seu_?n', 'einschul'] }),
];

/**
 * Suggests numerator and denominator columns for a template: the first column (in the order of
 * the template's patterns) whose name matches a pattern, case-insensitively. Null if none.
 */
export function suggestColumns(template: IndicatorTemplate, columns: string[]): { numerator: string | null; denominator: string | null } {
  const pick = (patterns: string[], skip: string | null): string | null => {
    for (const p of patterns) {
      const re = new RegExp(p, 'i');
      const hit = columns.find((c) => c !== skip && re.test(c));
      if (hit) return hit;
    }
    return null;
  };
  const numerator = pick(template.numerator, null);
  return { numerator, denominator: pick(template.denominator, numerator) };
}
