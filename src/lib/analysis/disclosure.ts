/**
 * Statistical disclosure control (Geheimhaltung), METHODS.md §6. Defaults: counts 1 and 2 are
 * secret ("·"); a rate needs denominator ≥ 100 and numerator ≥ 3, else it is not reliable ("/");
 * an exact zero is shown as "–"; missing / not applicable as "x". Secondary suppression across
 * levels and columns that add up: `suppression.ts` (kernel) and `applyDisclosure.ts` (tables).
 */
import { invalid } from '../contract/errors.ts';
export type DisclosureStatus = 'ok' | 'zero' | 'secret' | 'secondary' | 'unreliable' | 'missing';

/** Thresholds of METHODS.md §6 (all configurable). */
export interface DisclosureOptions {
  /** Counts 1 … minCount − 1 are secret (default 3, i.e. 1 and 2 hidden). */
  minCount?: number;
  /** A rate needs a denominator ≥ this (default 100). */
  minDenominator?: number;
  /** A rate needs a numerator ≥ this (default 3); a numerator of exactly 0 gives "zero". */
  minNumerator?: number;
}

/** Status of one value and the symbol to show instead of it. */
export interface Disclosed {
  status: DisclosureStatus;
  /** Official symbol to show instead of the value, or null when the value may be shown. */
  symbol: string | null;
}

/** Official symbols (Zeichenerklärung der amtlichen Statistik). */
export const DISCLOSURE_SYMBOLS: Readonly<Record<DisclosureStatus, string | null>> = {
  ok: null, zero: '–', secret: '·', secondary: '·', unreliable: '/', missing: 'x',
};

/** METHODS.md §6 defaults: counts 1–2 secret, rate needs denominator ≥ 100 and numerator ≥ 3. */
export const DEFAULT_DISCLOSURE: Readonly<Required<DisclosureOptions>> = { minCount: 3, minDenominator: 100, minNumerator: 3 };

function resolve(o: DisclosureOptions): Required<DisclosureOptions> {
  const r = { ...DEFAULT_DISCLOSURE, ...o };
  for (const [k, v] of Object.entries(r)) if (!(v >= 0) || !Number.isFinite(v)) throw invalid(k, `${v}`);
  return r;
}

const mk = (status: DisclosureStatus): Disclosed => ({ status, symbol: DISCLOSURE_SYMBOLS[status] });

/** Status of one count: missing (NaN) → "x", 0 → "–", 0 < c < minCount → "·", else shown. */
export function discloseCount(c: number, options: DisclosureOptions = {}): Disclosed {
  const o = resolve(options);
  if (Number.isNaN(c)) return mk('missing');
  if (c === 0) return mk('zero');
  if (c > 0 && c < o.minCount) return mk('secret');
  return mk('ok');
}

/** {@link discloseCount} for each value. */
export function discloseCounts(counts: ArrayLike<number>, options: DisclosureOptions = {}): Disclosed[] {
  return Array.from(counts, (c) => discloseCount(c, options));
}

/**
 * Status of a rate num/den: missing or den ≤ 0 → "x"; secret numerator (1 … minCount − 1) → "·"
 * (the rate would reveal it); den < minDenominator → "/"; num = 0 → "–"; 0 < num < minNumerator → "/".
 */
export function discloseRate(num: number, den: number, options: DisclosureOptions = {}): Disclosed {
  const o = resolve(options);
  if (Number.isNaN(num) || Number.isNaN(den) || !(den > 0)) return mk('missing');
  if (num > 0 && num < o.minCount) return mk('secret');
  if (den < o.minDenominator) return mk('unreliable');
  if (num === 0) return mk('zero');
  if (num < o.minNumerator) return mk('unreliable');
  return mk('ok');
}

/** {@link discloseRate} for each area. */
export function discloseRates(num: ArrayLike<number>, den: ArrayLike<number>, options: DisclosureOptions = {}): Disclosed[] {
  return Array.from(num, (x, i) => discloseRate(x, den[i], options));
}
