/**
 * Contract of the "Angebote & Bedarfe" engine calls (issue 11): requests the UI and the CLI
 * send, responses they get (types only; the engine functions are in src/lib/engine/services-*.ts). Plain data and typed arrays only (they cross the worker boundary).
 */
import type { WeightSpec } from '../analysis/catchmentWeights';
import type { AccessMethod } from '../analysis/floatingCatchment';
import type { DisclosureOptions, DisclosureStatus } from '../analysis/disclosure';
import type { JoinSpecInput } from './catalog';

export type { AccessMethod, WeightSpec };

/** Where area values come from: the layer's own columns or a table joined to it. */
export type AreaSource = JoinSpecInput | { layer: string; table?: undefined };

/** A point table: services, address points or grid cells. */
export interface PointSpec {
  table: string;
  /** id column; omitted → the record number */
  id?: string;
  name?: string;
  category?: string;
  /** places / capacity (S_j); omitted → every service counts 1 */
  capacity?: string;
  /** target group (Zielgruppe) as text, shown and filterable */
  target?: string;
  /** population of demand points (P_i) */
  population?: string;
  /** x/y columns; omitted → the table's point geometry */
  x?: string;
  y?: string;
  /** CRS of x/y ('EPSG:25832', 'EPSG:4326', …); omitted → detected from the values */
  crs?: string;
  /** keep only these categories (omitted or empty: all) */
  categories?: string[];
}

/** Why a row is not used or needs attention (translated by the views: `svc.reason.<code>`). */
export type RowReason =
  | 'missing' | 'not_numeric' | 'zero' | 'out_of_range' | 'no_point' | 'crs_unknown'
  | 'outside_areas' | 'duplicate_id' | 'capacity_text' | 'capacity_negative' | 'capacity_missing'
  | 'population_text' | 'population_negative' | 'off_network' | 'no_cost';

export interface RowIssue {
  /** 1-based record number in the source table */
  row: number;
  id?: string;
  reason: RowReason;
  /** the offending cell as text */
  value?: string;
}

/** A resolved point table: usable rows only, in EPSG:25832 metres and WGS84 degrees. */
export interface PointSet {
  table: string;
  ids: string[];
  names: string[];
  categories: string[];
  targets: string[];
  /** capacity (or population for demand); NaN = missing */
  values: Float64Array;
  x: Float64Array;
  y: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  /** record number in the source table per kept row */
  rows: Int32Array;
  crs: string;
  crsDetected: boolean;
  swapped: boolean;
  /** rows left out (no usable coordinates) */
  skipped: RowIssue[];
  /** kept rows with a problem (capacity text, duplicate id …) */
  warnings: RowIssue[];
  /** rows in the table (before the category filter) */
  total: number;
  /** categories of the whole table with their counts (for the filter) */
  categoryCounts: { value: string; count: number }[];
}

/** Edits of a what-if scenario, applied in order to the supply points. */
export type ScenarioEdit =
  | { op: 'add'; id: string; name: string; category: string; capacity: number; lon: number; lat: number }
  | { op: 'move'; id: string; lon: number; lat: number }
  | { op: 'remove'; id: string }
  | { op: 'capacity'; id: string; capacity: number };

export interface Scenario {
  name: string;
  edits: ScenarioEdit[];
}

/** Target group per area (e.g. children under 6 from the joined indicator table). */
export interface AreaValueSpec {
  source: AreaSource;
  column: string;
  year?: string;
}

export interface CoverageRequest {
  services: PointSpec;
  layer: string;
  /** target group per area; omitted → no rates, only counts */
  target?: AreaValueSpec;
  /** rates per 100 or 1 000 of the target group */
  per: number;
  /** use the capacity column (true) or count services (false) */
  useCapacity: boolean;
  scenario?: ScenarioEdit[];
  /** disclosure thresholds (METHODS §6); false switches the control off */
  disclosure?: DisclosureOptions | false;
  /** also count services (and capacity) per category of `services.category` in each area */
  byCategory?: boolean;
}

export interface CoverageResponse {
  ids: string[];
  names: string[];
  count: Float64Array;
  capacity: Float64Array;
  /** services inside whose capacity is missing */
  capacityMissing: Float64Array;
  target: Float64Array;
  /** supply per `per` of the target group, NaN where not defined */
  rate: Float64Array;
  difference: Float64Array;
  /** municipal value = 100 */
  index: Float64Array;
  municipal: number;
  totals: { count: number; capacity: number; target: number };
  per: number;
  useCapacity: boolean;
  /** disclosure status per area of the count and of the rate */
  countStatus: DisclosureStatus[];
  rateStatus: DisclosureStatus[];
  /** area index per supply point of the (scenario) point set, −1 outside */
  areaOf: Int32Array;
  /** rows not assigned to an area: without coordinates or outside every area */
  unassigned: RowIssue[];
  warnings: RowIssue[];
  services: number;
  /** with `byCategory`: per area, count and capacity (or count without capacity) per category */
  categories?: Record<string, { count: number; capacity: number }>[];
}

export type DemandSpec =
  | { kind: 'points'; points: PointSpec; population: string }
  | { kind: 'areas'; layer: string; population: AreaValueSpec };

export type CostSpec =
  | { kind: 'euclidean'; detour: number }
  | { kind: 'table'; table: string; origin: string; destination: string; value: string; unit?: 'min' | 'm' }
  | { kind: 'network'; table: string; maxSnap?: number; tolerance?: number };

export interface AccessRequest {
  demand: DemandSpec;
  supply: PointSpec;
  cost: CostSpec;
  method: AccessMethod;
  /** catchment c_max in the cost unit */
  maxCost: number;
  /** omitted: W = 1 (FCA, 2SFCA, 3SFCA) or PySAL's E2SFCA steps 10/20/30 → 1/0.68/0.22 */
  weights?: WeightSpec;
  normalize?: boolean;
  scenario?: ScenarioEdit[];
  /** aggregate to this layer (population-weighted mean) */
  areas?: string;
  /** share of the demand whose nearest service costs at most this (same unit) */
  reach?: number;
}

export interface AccessWarning {
  code: string;
  params: Record<string, string | number>;
}

export interface AccessResponse {
  method: AccessMethod;
  weights: WeightSpec;
  /** 'points' (address/block points), 'grid' (Zensus cells) or 'areas' (a point inside each area) */
  demandKind: 'points' | 'grid' | 'areas';
  costKind: CostSpec['kind'];
  maxCost: number;
  normalized: boolean;
  demand: {
    ids: string[];
    population: Float64Array;
    access: Float64Array;
    reached: Uint8Array;
    lon: Float64Array;
    lat: Float64Array;
    /** cost to the nearest service (Infinity when none within the catchment) */
    nearest: Float64Array;
  };
  supply: {
    ids: string[];
    names: string[];
    categories: string[];
    capacity: Float64Array;
    ratio: Float64Array;
    demand: Float64Array;
    lon: Float64Array;
    lat: Float64Array;
  };
  totalSupply: number;
  weightedAccessSum: number;
  meanAccess: number;
  /** |Σ P·A − Σ S| / Σ S (two/three-step methods) */
  invariantGap: number | null;
  unreached: { count: number; population: number };
  areas?: {
    layer: string;
    ids: string[];
    names: string[];
    access: Float64Array;
    population: Float64Array;
    reachShare: Float64Array | null;
  };
  reach?: { cost: number; overall: number };
  skipped: { demand: RowIssue[]; supply: RowIssue[] };
  warnings: AccessWarning[];
}

/** Need for the gap analysis: a variable of the layer (or joined table) or values per area. */
export type NeedSpec =
  | { kind: 'variable'; source: AreaSource; column: string; denominator?: string; scale?: number; year?: string }
  | { kind: 'values'; values: number[]; label: string };

export interface GapsRequest {
  layer: string;
  need: NeedSpec;
  /** supply per area, higher = better (coverage rate or mean accessibility) */
  supply: number[];
  supplyLabel: string;
}

export interface GapRowOut {
  index: number;
  id: string;
  name: string;
  need: number;
  supply: number;
  needClass: number;
  supplyClass: number;
  gap: number;
}

export interface GapsResponse {
  ids: string[];
  names: string[];
  need: Float64Array;
  supply: Float64Array;
  /** 3 × 3 cell per area: needClass × 3 + supplyClass, −1 without values */
  cell: Int16Array;
  gaps: GapRowOut[];
  watch: GapRowOut[];
  needLabel: string;
  supplyLabel: string;
}

/** A service in or near an area (area profiles, issue 10). */
export interface AreaService {
  id: string;
  name: string;
  category: string;
  capacity: number | null;
  /** 0 inside the area, else the straight-line distance to its boundary in metres */
  distance: number;
  inside: boolean;
}

export interface AreaServicesRequest {
  services: PointSpec;
  layer: string;
  /** area id (value of the layer's id column) */
  area: string;
  /** metres around the area that count as "near" */
  radius: number;
}
