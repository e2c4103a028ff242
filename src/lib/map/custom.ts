import type { DisclosureStatus } from '../analysis/disclosure';
import type { SuppressionMark } from '../analysis/applyDisclosure';

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
