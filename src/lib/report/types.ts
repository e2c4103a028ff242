/**
 * The report model: everything the pure renderer needs, as plain data computed by the engine
 * (`src/lib/engine/report.ts`) from a {@link ReportRequest}. The same model gives the social
 * report (Sozialbericht), the area profiles (Quartierssteckbriefe) and the map export, in the app
 * and in the CLI.
 */
import type { MapAreas } from './geo';
import type { AreaFill, MapLegendEntry } from './svgMap';

/** Title page and map footer data the user enters. */
export interface ReportMeta {
  title: string;
  subtitle: string;
  /** Kommune / Kreis */
  municipality: string;
  author: string;
  /** ISO date of the report */
  date: string;
  /** data sources, e.g. „Stadt Musterstadt, Einwohnermeldeamt; Bundesagentur für Arbeit“ */
  source: string;
  /** Datenstand, e.g. „31.12.2024“ */
  datenstand: string;
  /** Kartengrundlage, e.g. „© GeoBasis-DE / BKG 2024“ */
  attribution: string;
}

export const EMPTY_META: ReportMeta = { title: '', subtitle: '', municipality: '', author: '', date: '', source: '', datenstand: '', attribution: '' };

/** One thematic map, ready to draw. */
export interface ReportMap {
  key: string;
  title: string;
  subtitle?: string;
  fills: AreaFill[];
  legend: MapLegendEntry[];
  legendTitle?: string;
  /** a sentence under the map saying how to read it */
  note?: string;
  /** labels per area (e.g. keys on the overview map) */
  labels?: (string | null)[];
  /** a line under the map before the source (the disclosure rule of the legend) */
  footnote?: string;
}

/** One indicator with its values for every year, disclosure applied (METHODS §6). */
export interface ReportIndicator {
  name: string;
  unit: string;
  /** e.g. „SGB2 / EW_U65 × 100“ */
  formula: string;
  lebensbereich: string;
  polarity: 1 | -1;
  /** effective weight in the index, 0–1 */
  weight: number;
  /** Kreis/NRW reference value in the indicator's unit, when entered */
  reference: number | null;
  years: {
    year: string;
    /** NaN where missing or suppressed */
    values: number[];
    /**
     * official symbol instead of the value, or null: `·` secret (primary suppression), `·s` hidden to
     * protect another cell (secondary suppression), `·q` kept secret by the source („·“ in the imported
     * file, hidden whatever the switch), `/` not reliable, `–` nothing, `x` missing
     */
    symbols: (string | null)[];
    /** municipal value: Σ numerator / Σ denominator × scale (NaN when the total itself is protected) */
    city: number;
    /** symbol of a protected total */
    citySymbol?: string | null;
  }[];
}

/** The disclosure control a report applied (method chapter, exports' „Methode“). */
export interface ReportDisclosureInfo {
  /** false: the project switch „Geheimhaltung“ is off; every value is published as it is */
  enabled: boolean;
  minCount: number;
  minNumerator: number;
  minDenominator: number;
  /** one suppression pattern for all years */
  sameAcrossYears: boolean;
  /** the levels the secondary suppression protects together, finest first („Sozialräume“, „Gemeinden“, „gesamt“) */
  levels: string[];
  /** column sums protected together, e.g. „HZE = HZE_AMBULANT + HZE_STATIONAER“ */
  sums: string[];
  /** cells of the report's indicator tables (areas × years) hidden by primary and by secondary suppression */
  primary: number;
  secondary: number;
  /** cells of those tables the source already kept secret (`·q`; not in `primary`) */
  source: number;
}

export interface ReportIndex {
  preset: string;
  presetLabel: string;
  year: string;
  score: number[];
  /** 1 … n for scored areas, 0 for excluded */
  rank: number[];
  scored: number;
  /** 0-based class per area, −1 without */
  classOf: number[];
  classLabels: string[];
  excluded: (string | null)[];
  population: number[] | null;
  /** the symbol of a population the source kept secret (`·q`), null elsewhere; null when there is none */
  populationSymbol?: (string | null)[] | null;
  /** status × dynamics group label per area (preset status_dynamik); „Status … / –“ where the dynamics has a note */
  group: (string | null)[] | null;
  /** why an area with a status class has no dynamics class („Startwert 2022 fehlt“), else null */
  dynamicsNote?: (string | null)[] | null;
  dynamicsFrom: string | null;
  typeOf: (string | null)[] | null;
  robustness: { runs: number; ownClassProb: number[]; rankLo: number[]; rankHi: number[] } | null;
  /** method note lines (the workspace's note, German) */
  methodLines: string[];
  weights: number[];
}

export interface ReportSegregation {
  year: string;
  group: string;
  total: string;
  used: number;
  n: number;
  minPopulation: number;
  permutations: number;
  rows: { label: string; value: number; p: number | null; note?: string }[];
  filtered: string[];
  map: ReportMap | null;
  trend: { year: string; d: number }[];
  /** snapping tolerance (m) of the queen contiguity behind Morrill's D; null without geometry */
  tolerance: number | null;
}

export interface ReportSpatial {
  variable: string;
  weights: string;
  permutations: number;
  alpha: number;
  fdr: boolean;
  I: number;
  expected: number;
  p: number;
  counts: { HH: number; LL: number; HL: number; LH: number; ns: number };
  map: ReportMap;
  /** names of areas in High-High clusters */
  hotspots: string[];
}

/** METHODS §6 defaults, for models without indicator tables (a single map export). */
export const DEFAULT_DISCLOSURE_INFO: ReportDisclosureInfo = {
  enabled: true, minCount: 3, minNumerator: 3, minDenominator: 100, sameAcrossYears: false, levels: [], sums: [], primary: 0, secondary: 0, source: 0,
};
/**
 * A level above the report's areas (issue 12's layer chain, e.g. Stadtbezirke above Statistische
 * Bezirke): each indicator's value of the parent area in the index year, Σ Zähler / Σ Nenner of the
 * areas below, with the levels' disclosure.
 */
export interface ReportParentLevel {
  /** layer label, e.g. „Stadtbezirke“ */
  label: string;
  names: string[];
  /** per report area: index of its parent area on this level, −1 without */
  of: number[];
  /** [indicator][parent area]: value (NaN where hidden) and official symbol */
  values: number[][];
  symbols: (string | null)[][];
}

/** Everything the renderer draws. */
export interface ReportModel {
  meta: ReportMeta;
  generator: string;
  /** ISO timestamp */
  created: string;
  layerLabel: string;
  ids: string[];
  names: string[];
  areas: MapAreas;
  /** the reference year of the index (or the latest year) */
  year: string;
  years: string[];
  indicators: ReportIndicator[];
  index: ReportIndex | null;
  /** index maps (classes, status × dynamics, types, certainty) */
  maps: ReportMap[];
  /** one map per indicator for the index year, disclosure applied */
  indicatorMaps: ReportMap[];
  segregation: ReportSegregation | null;
  spatial: ReportSpatial | null;
  disclosure: ReportDisclosureInfo;
  /** levels above the areas (nearest first; none without a parent layer) */
  parents?: ReportParentLevel[];
  /** what the sum over all areas is called: „Stadt“ or „Kreis“ */
  totalLabel?: string;
  /** the report includes every area's profile */
  includeProfiles: boolean;
  /** data of plug-in sections by key (see sections.ts) */
  extras: Record<string, unknown>;
}

/**
 * A chapter of the report and/or a block of each area profile. Built-in sections live in
 * `sections/`; other workspaces (services, workshop notes) register theirs with
 * {@link registerSection} and put their data into `model.extras[key]` (state: the report request's
 * `extras`; engine: an optional `prepare`).
 */
export interface ReportSection {
  key: string;
  /** position among the chapters (built-ins: 10, 20, …) */
  order: number;
  /** chapter title in the table of contents ('' = not listed) */
  title(m: ReportModel): string;
  /** the chapter's HTML, or '' to leave it out */
  report?(m: ReportModel): string;
  /** the block in the profile of area i, or '' */
  profile?(m: ReportModel, i: number): string;
  /** rows of label and value added to the profile's key figures of area i (next to the inset map) */
  facts?(m: ReportModel, i: number): [string, string][];
  /** a short block under the key figures, beside the inset map (where the page has room), or '' */
  side?(m: ReportModel, i: number): string;
}
