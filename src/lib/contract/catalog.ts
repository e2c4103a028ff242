/**
 * Catalogue contract: tables, area layers, joins and the values the map draws. Every table and
 * layer carries a `version` that the engine bumps on each import, replace, rename or layer
 * change; caches key on {@link versionKey} instead of stand-ins such as row counts.
 */
import type { ColumnInfo, Detected, ImportWarning } from '../ingest/types';
import type { KeyNormalization } from '../sql/join';
import type { KeyTransform } from '../sql/keyTransform';

/** A file handed to the engine (the worker turns a browser `File` into this). */
export interface FileInput {
  name: string;
  bytes: Uint8Array;
}

/** A table in the data catalogue. */
export interface TableMeta {
  /** SQL name (stable) */
  name: string;
  /** what the user sees: the file name until renamed */
  label: string;
  fileName: string;
  rows: number;
  columns: ColumnInfo[];
  detected?: Detected;
  warnings: ImportWarning[];
  /** has a `_geom` column */
  hasGeometry: boolean;
  bbox?: [number, number, number, number];
  /** derived from another table (pivot/unpivot) */
  derivedFrom?: string;
  /** bumped on every import, replace or rename (unique across the session) */
  version: number;
}

/** An area layer (Gebietsebene) built from a geometry table. */
export interface LayerMeta {
  table: string;
  label: string;
  idColumn: string;
  nameColumn?: string;
  parentColumn?: string;
  /** layer of the parents (e.g. Stadtbezirke for statistical districts) */
  parentLayer?: string;
  features: number;
  /** 'none': areas from a table's keys without geometry ({@link Engine.createKeyLayer}), no map */
  geometryType: 'polygon' | 'point' | 'line' | 'mixed' | 'none';
  bbox: [number, number, number, number];
  /** bumped whenever the layer or its table changes (re-import with another CRS, new id column …) */
  version: number;
  /** ids that occur more than once, with the areas behind them (warned when the layer is made) */
  duplicates?: LayerDuplicate[];
}

/** One area behind a duplicated id: what the user needs to tell them apart. */
export interface DuplicateArea {
  /** 0-based row in the layer table */
  row: number;
  name?: string;
  /** km² (0 for points and lines) */
  areaKm2: number;
  /** [lon, lat] of the area-weighted centroid (WGS84) */
  centroid: [number, number];
}

/** An id that several areas of a layer carry. */
export interface LayerDuplicate {
  key: string;
  areas: DuplicateArea[];
}

/** Arguments that make a geometry table an area layer. */
export interface LayerArgs {
  table: string;
  idColumn: string;
  nameColumn?: string;
  parentColumn?: string;
  parentLayer?: string;
  /** what to do with ids several areas carry (chosen after the warning): merge them or keep the first */
  duplicates?: 'merge' | 'first';
}

/** Long → wide: one new column per distinct value of `nameColumn`. */
export interface PivotWideArgs {
  table: string;
  idColumns: string[];
  nameColumn: string;
  valueColumn: string;
  prefix?: string;
}

/** Wide year columns → (ids…, Jahr, value per stem). */
export interface UnpivotArgs {
  table: string;
  idColumns: string[];
  yearColumns: string[];
}

/** Cache key of tables and layers by version: `name@version|…` — changes whenever one of them does. */
export function versionKey(...items: ({ name?: string; table?: string; version: number } | undefined | null)[]): string {
  return items.map((x) => (x ? `${x.name ?? x.table}@${x.version}` : '-')).join('|');
}

export interface JoinSpecInput {
  table: string;
  key: string;
  layer: string;
  mode: KeyNormalization;
  /** a key transformation the user confirmed (prefix, ARS → AGS, names …); wins over `mode`; saved with the session and project */
  transform?: KeyTransform;
  /** a layer column to join on instead of the layer's id column (its name column for a join by name) */
  layerKey?: string;
  yearColumn?: string;
}

/** A key transformation the join report offers; the user confirms it before it is used. */
export interface KeySuggestion {
  /** table column and layer column it joins (a name join may use other columns than the spec) */
  key: string;
  layerKey: string;
  transform: KeyTransform;
  /** distinct layer keys matched (counted by the SQL join itself) */
  matched: number;
  /** matched pairs (table key, layer key) so the user can see what it does */
  examples: [string, string][];
  /** joins by area names rather than keys */
  byName: boolean;
}

/**
 * A table with one row per area, year and characteristic (Köln's long format): to map a
 * characteristic it must first be reshaped to one column per characteristic.
 */
export interface LongTableHint {
  /** columns that identify a row of the wide result: the area key (and the year) */
  idColumns: string[];
  /** the characteristic column whose values become columns */
  nameColumn: string;
  valueColumn: string;
  yearColumn?: string;
  /** distinct characteristics (new columns) */
  characteristics: number;
}

export interface JoinReport {
  spec: JoinSpecInput & { layerKey: string };
  tableKeys: number;
  layerKeys: number;
  matched: number;
  tableNullKeys: number;
  layerNullKeys: number;
  /** the first 200 keys on one side only; the counts are the true totals */
  tableOnly: { key: string; n: number }[];
  tableOnlyCount: number;
  layerOnly: { key: string; n: number; name?: string }[];
  layerOnlyCount: number;
  /** the first 200 duplicated keys (per year for a long table); the counts are the true totals */
  tableDuplicates: { key: string; year?: string; n: number }[];
  tableDuplicateCount: number;
  /** ids several areas of the layer carry, with the areas (name, size, centroid) */
  layerDuplicates: LayerDuplicate[];
  /** key transformations that match more areas than the chosen join, best first */
  suggestions: KeySuggestion[];
  /** set when the table is in long format (duplicates per key and year are characteristics) */
  longTable?: LongTableHint;
}

/** Per-feature values of one column for the map, in layer row order. */
export interface ColumnValues {
  values: Float64Array;
  /** feature ids in the same order */
  ids: string[];
  names: string[];
}
