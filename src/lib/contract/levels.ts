/**
 * Levels and aggregation (issue 12): what the „Ebenen“ workspace, the map's level view and the CLI
 * `aggregate` ask the engine (`engine/levels.ts`, `engine/aggregate.ts`) and what they get back.
 */
import type { ValueSpec } from '../sql/join';
import type { ColumnRole } from '../analysis/columnRoles';
import type { DisclosureStatus } from '../analysis/disclosure';
import type { ColumnSum, DisclosureSettings, RateSpec, SuppressionMark } from '../analysis/applyDisclosure';
import type { JoinSpecInput } from './catalog';

/** How a child layer is tied to its parent, with what did not fit. */
export interface LayerLink {
  child: string;
  parent: string;
  by: 'key' | 'geometry';
  parentIndex: Int32Array;
  /** child ids whose parent key names no parent area */
  unknown: { id: string; key: string }[];
  noParent: string[];
  childless: string[];
  /** geometry only: children that do not nest, with their shares (0–1) in each parent they touch */
  notNested: { id: string; parts: { id: string; share: number }[] }[];
}

/** What to show on which layer, with which disclosure settings. */
export interface LevelRequest {
  /** the layer on the map */
  layer: string;
  /** table joined to a layer at or below `layer` (null: the layer's own columns) */
  join: JoinSpecInput | null;
  value: ValueSpec;
  year?: string;
  disclosure: DisclosureSettings & { sameAcrossYears?: boolean };
  /** roles chosen by the user; other numeric columns are guessed */
  roles?: Record<string, ColumnRole>;
  /** column sums to protect together; undefined: detected in the data */
  sums?: ColumnSum[];
  /** population column for the minimum-population flag */
  population?: string;
  minPopulation?: number;
}

export interface LevelValues {
  layer: string | null;
  ids: string[];
  names: string[];
  /** index of each area's parent in the next level */
  parent: Int32Array | null;
  values: Float64Array;
  status: DisclosureStatus[];
  marks: SuppressionMark[];
  /** the reason in words where a map knows one more precise than its status (the population „·“ at the source); see `whyText` */
  reasons?: (string | null)[];
  /** areas under the minimum population (flagged, not hidden) */
  small: boolean[];
}

/** What the sum over all areas is: a Kreis of member towns, or a Stadt. */
export type TotalKind = 'kreis' | 'stadt';

/**
 * One rule for naming the total in the app and in reports: „Kreis“ when a level above the areas
 * holds Gemeinden (Kommunen, Städte), else „Stadt“. `parentLabels`: labels of the layers above.
 */
export function totalKind(parentLabels: string[]): TotalKind {
  return parentLabels.some((n) => /gemeinde|kommune|städte|staedte/i.test(n)) ? 'kreis' : 'stadt';
}

export interface LevelSeries {
  /** finest (the joined layer) → … → the total */
  levels: LevelValues[];
  /** index of the requested layer in `levels` */
  at: number;
  /** why the value cannot be shown above the finest level (translated in the view) */
  notAggregable: { code: string; params: Record<string, string> } | null;
  primary: number;
  secondary: number;
  /** cells the source kept secret („·“ in the file) */
  source?: number;
  unaudited: number;
  roles: Record<string, ColumnRole>;
  sums: ColumnSum[];
  links: LayerLink[];
  /** what the total is called (Kreis or Stadt), from the labels of the layers above the areas */
  total?: TotalKind;
}

export interface AggregateRequest {
  table: string;
  /** id columns, finest → coarsest */
  levels: string[];
  counts: string[];
  rates?: RateSpec[];
  /** columns that add up in every area (protected together) */
  sums?: ColumnSum[];
  disclosure?: DisclosureSettings;
  /** keep only rows where a column has this value (e.g. one year of a long table) */
  filter?: { column: string; value: string };
}

export interface AggregateArea {
  id: string;
  parent: string | null;
  counts: Record<string, number | null>;
  rates: Record<string, number | null>;
  suppressed: Record<string, SuppressionMark>;
}

export interface AggregateResult {
  levels: { level: string; areas: AggregateArea[] }[];
}
