/**
 * Disclosure control on the plain map, its tooltip and table (METHODS §6): symbols per area, the
 * legend rows for hidden and unreliable values, and the words for each status. Pure (strings via t).
 */
import type { DisclosureStatus } from '../analysis/disclosure';
import type { SuppressionMark } from '../analysis/applyDisclosure';
import type { LevelSeries, LevelValues } from '../contract/levels';
import { fmtNumber, t } from '../../i18n/index';
import { NO_VALUE_COLOR, type RGB } from './palettes';
import type { LegendEntry } from './legend';

/** Legend class indices of the disclosure rows (below the classes, like the no-value row). */
export const SECRET_CLASS = -2;
export const UNRELIABLE_CLASS = -3;
const SECRET_COLOR: RGB = [120, 120, 120];
const UNRELIABLE_COLOR: RGB = [190, 190, 190];

/** The official symbol shown on the map and in tables: `·` hidden, `/` not reliable enough. */
export function symbolFor(status: DisclosureStatus): string | null {
  return status === 'secret' || status === 'secondary' ? '·' : status === 'unreliable' ? '/' : null;
}

/** Symbols per area (null where the value is shown or simply missing). */
export function mapSymbols(lv: Pick<LevelValues, 'status'> | null): (string | null)[] | null {
  if (!lv) return null;
  const s = lv.status.map(symbolFor);
  return s.some(Boolean) ? s : null;
}

/** Why a value is not shown, in words (tooltip, table cell title, export). */
export function statusText(status: DisclosureStatus, mark: SuppressionMark): string | null {
  if (mark === 'source') return t('disclosure.status.source');
  if (mark === 'primary' || status === 'secret') return t('disclosure.status.primary');
  if (mark === 'secondary' || status === 'secondary') return t('disclosure.status.secondary');
  if (status === 'unreliable') return t('disclosure.status.unreliable');
  return null;
}

/** Why area `i` has no value shown, in words: the map's own reason where it has one, else its status's ({@link statusText}). */
export function whyText(lv: Pick<LevelValues, 'status' | 'marks' | 'reasons'>, i: number): string | null {
  return lv.reasons?.[i] ?? statusText(lv.status[i], lv.marks[i]);
}

/** Short mark for tables and exports: „primär“ / „sekundär“ / „Quelle“ / „unsicher“. */
export function markLabel(status: DisclosureStatus, mark: SuppressionMark): string {
  if (mark === 'source') return t('disclosure.mark.source');
  if (mark === 'primary' || status === 'secret') return t('disclosure.mark.primary');
  if (mark === 'secondary' || status === 'secondary') return t('disclosure.mark.secondary');
  if (status === 'unreliable') return t('disclosure.mark.unreliable');
  return '';
}

/** Superscript after the „·“ in tables: p (primär), s (sekundär), Q (Quelle); '' otherwise. */
export function markSup(mark: SuppressionMark): string {
  return mark ? t(`disclosure.sup.${mark}`) : '';
}

/** The class column of an area without a class: the legend row it is counted in (hidden, unreliable, or „keine Angabe“). */
export function noClassText(status: DisclosureStatus | undefined, mark: SuppressionMark | undefined): string {
  if (mark === 'source') return t('disclosure.legend.secretSource');
  if (status === 'secret' || status === 'secondary') return t('disclosure.legend.secret');
  if (status === 'unreliable') return t('disclosure.legend.unreliable');
  return t('legend.noValue');
}

/**
 * Legend with the no-value row split: hidden values (`·`, with how many primary, secondary and kept
 * secret by the source), not reliable enough (`/`), and what is left as „keine Angabe“.
 */
export function withDisclosureRows(entries: LegendEntry[], lv: Pick<LevelValues, 'status' | 'marks'> | null): LegendEntry[] {
  if (!lv) return entries;
  let primary = 0, secondary = 0, source = 0, unreliable = 0;
  lv.status.forEach((s, i) => {
    if (s === 'unreliable') unreliable++;
    else if (lv.marks[i] === 'source') source++;
    else if (lv.marks[i] === 'primary' || s === 'secret') primary++;
    else if (lv.marks[i] === 'secondary' || s === 'secondary') secondary++;
  });
  const hidden = primary + secondary + source;
  if (!hidden && !unreliable) return entries;
  const out = entries.map((e) => (e.noValue ? { ...e, count: Math.max(0, e.count - hidden - unreliable) } : e));
  const rows: LegendEntry[] = [];
  if (hidden) {
    const own = primary + secondary > 0;
    // only the source's secrets: the label says it all
    const parts = own ? [t('disclosure.legend.secretNote', { p: primary, s: secondary }), source ? t('disclosure.legend.sourceNote', { n: source }) : ''] : [];
    rows.push({
      classIndex: SECRET_CLASS,
      label: t(own ? 'disclosure.legend.secret' : 'disclosure.legend.secretSource'),
      ...(own ? { note: parts.filter(Boolean).join(', ') } : {}),
      color: SECRET_COLOR,
      count: hidden,
    });
  }
  if (unreliable) rows.push({ classIndex: UNRELIABLE_CLASS, label: t('disclosure.legend.unreliable'), color: UNRELIABLE_COLOR, count: unreliable });
  const i = out.findIndex((e) => e.noValue);
  out.splice(i < 0 ? out.length : i, 0, ...rows);
  return out;
}

/** Colour of a hidden or unreliable area on the map (else the usual no-value colour). */
export function disclosureColor(status: DisclosureStatus): RGB {
  return status === 'secret' || status === 'secondary' ? SECRET_COLOR : status === 'unreliable' ? UNRELIABLE_COLOR : NO_VALUE_COLOR;
}

/** The legend's footnote: the switch and its thresholds. `short`: the compact legend's few words (the full text is its title). */
export function disclosureNote(s: { enabled: boolean; minCount: number; minDenominator: number; minNumerator: number }, short = false): string {
  const k = short ? 'Short' : '';
  return s.enabled ? t(`disclosure.legend.on${k}`, { minCount: s.minCount, minDen: s.minDenominator, minNum: s.minNumerator }) : t(`disclosure.legend.off${k}`);
}

/**
 * Classes and colours for the fill, with hidden and unreliable areas in their legend colours
 * (two extra classes after the last one). Unchanged when nothing is hidden.
 */
export function disclosureFill(classOf: Int16Array, colors: RGB[], lv: Pick<LevelValues, 'status'> | null): { classOf: Int16Array; colors: RGB[] } {
  if (!lv || lv.status.length !== classOf.length || !lv.status.some((s) => symbolFor(s))) return { classOf, colors };
  const n = colors.length;
  const out = Int16Array.from(classOf, (c, i) => {
    const s = lv.status[i];
    return s === 'secret' || s === 'secondary' ? n : s === 'unreliable' ? n + 1 : c;
  });
  return { classOf: out, colors: [...colors, SECRET_COLOR, UNRELIABLE_COLOR] };
}

/** A disclosed value as text: its symbol, or the number (German by default). */
export function valueText(lv: LevelValues, i: number, digits?: number): string {
  return symbolFor(lv.status[i]) ?? (Number.isNaN(lv.values[i]) ? '–' : fmtNumber(lv.values[i], digits));
}

/** The total's name in the view: „Kreis“ or „Stadt“ when the series knows it, else „Gesamt“. */
export function totalText(series: LevelSeries | null): string {
  return t(series?.total ? `levels.total.${series.total}` : 'levels.total');
}

/** Reference lines for area `f` of the series' level: its parent area and the total („Durchschnitt ist nirgendwo“). */
export function referenceLines(series: LevelSeries | null, f: number): string[] {
  if (!series) return [];
  const here = series.levels[series.at];
  const up = series.levels[series.at + 1];
  const lines: string[] = [];
  const p = here?.parent?.[f] ?? -1;
  if (up?.layer && p >= 0) lines.push(`${up.names[p]}: ${valueText(up, p)}`);
  if (series.at < series.levels.length - 1) lines.push(`${totalText(series)}: ${valueText(series.levels[series.levels.length - 1], 0)}`);
  return lines;
}
