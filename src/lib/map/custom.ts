import type { DisclosureStatus } from '../analysis/disclosure';
import type { SuppressionMark } from '../analysis/applyDisclosure';
import type { LevelValues } from '../contract/levels';
import { t, type Lang } from '../../i18n/index';
import { withDisclosureRows } from './disclosure';
import type { LegendEntry } from './legend';
import { NO_VALUE_COLOR } from './palettes';

/**
 * A map computed by a workspace (index classes, LISA clusters, location quotients …):
 * values and classes per feature of the current layer, with its own colours and legend labels.
 */
export interface CustomMap {
  title: string;
  values: Float64Array;
  classOf: Int16Array;
  colors: [number, number, number][];
  /** one label per class (categorical legends); without it bounds from `breaks` are shown */
  labels?: string[];
  breaks?: number[];
  unit?: string;
  /** what `values` are, with unit, for table headings and tooltips (default: the title) */
  valueLabel?: string;
  /** key of the workspace part that drew it (so a restored session can draw it again) */
  owner?: string;
  /** why areas have no value (hidden, unreliable): split out of „keine Angabe“ in legend, table and tooltip */
  disclosure?: { status: DisclosureStatus[]; marks: SuppressionMark[]; reasons?: (string | null)[] };
  /** the rule the legend's footnote names when it is not the project's (the Sozialindex's own thresholds) */
  rule?: DisclosureRule;
}

/** A disclosure rule as the legend footnote states it. */
export interface DisclosureRule {
  enabled: boolean;
  minCount: number;
  minDenominator: number;
  minNumerator: number;
}

/** Areas per class of a workspace map (at least one count per colour) and those without a class. */
export function classCounts(m: Pick<CustomMap, 'classOf' | 'colors' | 'breaks'>): { counts: number[]; missing: number } {
  const counts = new Array<number>(Math.max(m.colors.length, (m.breaks?.length ?? 1) - 1)).fill(0);
  let missing = 0;
  for (const k of m.classOf) k >= 0 ? counts[k]++ : missing++;
  return { counts, missing };
}

/**
 * The legend of a map with one label per class: its classes, then the rows an area without a class is
 * counted in — hidden, not reliable, „keine Angabe“ ({@link withDisclosureRows}). The big map's legend and
 * the small year maps' key read the same rows.
 */
export function labelledLegend(
  m: Pick<CustomMap, 'colors'> & { labels: string[] }, counts: readonly number[], missing: number,
  disclosed: Pick<LevelValues, 'status' | 'marks'> | null, lang?: Lang,
): LegendEntry[] {
  return withDisclosureRows([
    ...m.labels.map((label, i) => ({ classIndex: i, label, color: m.colors[i], count: counts[i] ?? 0 })),
    { classIndex: -1, label: t('legend.noValue', undefined, lang), color: NO_VALUE_COLOR, count: missing, noValue: true },
  ], disclosed);
}
