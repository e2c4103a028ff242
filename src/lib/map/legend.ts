/**
 * Pure legend model for choropleth classes (METHODS.md §3: legends show class bounds, counts and
 * a separate class for missing or suppressed values).
 */
import { fmtNumber, getLang, t, type Lang } from '../../i18n/index';
import { NO_VALUE_COLOR, type RGB } from './palettes';
import { invalid } from '../contract/errors';

/** One legend row. */
export interface LegendEntry {
  /** Class index as in `Classification.classOf`; −1 for the no-value entry. */
  classIndex: number;
  /** Bounds label, e.g. `12,3 – 18,0 %`, or the no-value label. */
  label: string;
  /** Optional class name shown next to the bounds (e.g. box-map class "obere Ausreißer"). */
  note?: string;
  color: RGB;
  count: number;
  /** Class bounds (absent for the no-value entry). */
  lower?: number;
  upper?: number;
  /** True for the separate "keine Angabe" entry. */
  noValue?: boolean;
}

export interface LegendOptions {
  /** Suffix after the label, e.g. `' %'` or `' je 1 000 EW'`. */
  unit?: string;
  /** Fixed decimals; default: {@link legendDigits} of the breaks. */
  digits?: number;
  lang?: Lang;
  /** Label of the no-value entry; default `t('legend.noValue')` ("keine Angabe"). */
  noValueLabel?: string;
  noValueColor?: RGB;
  /**
   * Per-class names, shown as `note` (see {@link boxmapClassNames}); ignored unless there is one
   * per class (a box map of all-equal values has a single class, which is no "lower outlier").
   */
  classNames?: readonly string[];
}

/** The parts of a classification the legend needs (a `Classification` fits). */
export interface LegendInput {
  breaks: readonly number[];
  counts: readonly number[];
  missing: number;
}

/** Largest number of decimals {@link legendDigits} returns. */
export const MAX_LEGEND_DIGITS = 6;

/**
 * Decimals for the legend bounds: the fewer of {@link MAX_LEGEND_DIGITS} and the larger of
 * (a) the fewest decimals at which adjacent unequal bounds print differently and (b) one decimal
 * finer than the magnitude of the narrowest class (width 5,7 → 1 decimal, so "12,3 – 18,0" rather
 * than "12 – 18"), but never more than needed to print every bound exactly (integer bounds print
 * without decimals).
 */
export function legendDigits(breaks: readonly number[]): number {
  let distinct = MAX_LEGEND_DIGITS;
  for (let d = 0; d < MAX_LEGEND_DIGITS; d++) {
    let ok = true;
    for (let i = 1; i < breaks.length && ok; i++) {
      if (breaks[i] !== breaks[i - 1] && breaks[i].toFixed(d) === breaks[i - 1].toFixed(d)) ok = false;
    }
    if (ok) {
      distinct = d;
      break;
    }
  }
  let exact = 0;
  while (exact < MAX_LEGEND_DIGITS && !breaks.every((b) => Number(b.toFixed(exact)) === b)) exact++;
  let minWidth = Infinity;
  for (let i = 1; i < breaks.length; i++) {
    const w = breaks[i] - breaks[i - 1];
    if (w > 0 && w < minWidth) minWidth = w;
  }
  const byWidth = Number.isFinite(minWidth) ? Math.ceil(Math.log10(10 / minWidth)) : 0;
  return Math.max(distinct, Math.min(exact, byWidth));
}

/**
 * Legend entries for classes `0…breaks.length−2` (label `lower – upper` + unit, or a single value
 * when both bounds are equal, German number formatting by default) followed by the separate
 * no-value entry with the missing count, which is always present so the legend shape is stable.
 * @throws `invalid colors: …` when fewer colours than classes are given.
 */
export function buildLegend(input: LegendInput, colors: readonly RGB[], opts: LegendOptions = {}): LegendEntry[] {
  const lang = opts.lang ?? getLang();
  const unit = opts.unit ?? '';
  const { breaks, counts } = input;
  const n = Math.max(0, breaks.length - 1);
  if (colors.length < n) throw invalid('colors', `need ${n}, got ${colors.length}`);
  const digits = opts.digits ?? legendDigits(breaks);
  const names = opts.classNames?.length === n ? opts.classNames : undefined;
  const fmt = (x: number) => fmtNumber(x, digits, lang);
  const entries: LegendEntry[] = [];
  for (let i = 0; i < n; i++) {
    const lower = breaks[i];
    const upper = breaks[i + 1];
    const text = fmt(lower) === fmt(upper) ? fmt(lower) : `${fmt(lower)} – ${fmt(upper)}`;
    const entry: LegendEntry = { classIndex: i, label: text + unit, color: colors[i], count: counts[i] ?? 0, lower, upper };
    if (names?.[i]) entry.note = names[i];
    entries.push(entry);
  }
  entries.push({
    classIndex: -1,
    label: opts.noValueLabel ?? t('legend.noValue', undefined, lang),
    color: opts.noValueColor ?? NO_VALUE_COLOR,
    count: input.missing,
    noValue: true,
  });
  return entries;
}

/** Names of the six box-map classes in `lang` (for {@link LegendOptions.classNames}). */
export function boxmapClassNames(lang: Lang = getLang()): string[] {
  return [0, 1, 2, 3, 4, 5].map((i) => t(`legend.boxmap.${i}`, undefined, lang));
}

/** CSS background of an entry's swatch: its colour, hatched for the no-value entry. */
export function swatchCss(e: LegendEntry): string {
  const c = `rgb(${e.color[0]}, ${e.color[1]}, ${e.color[2]})`;
  return e.noValue ? `repeating-linear-gradient(45deg, ${c} 0 3px, rgb(150, 150, 150) 3px 4px)` : c;
}

/**
 * The legend's line when no area has a value to classify: the short reason when the value cannot
 * be brought to this level (QA-27: a rate or median on an upper level; the panel says it in full),
 * else the plain „Keine Werte zum Klassifizieren.“
 */
export function emptyLegendText(why: { code: string; params: Record<string, string> } | null | undefined, lang: Lang = getLang()): string {
  return why ? t(`${why.code}.short`, why.params, lang) : t('legend.empty', undefined, lang);
}
