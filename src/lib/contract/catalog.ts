/**
 * Catalogue contract: tables, area layers, joins and the values the map draws. Every table and
 * layer carries a `version` that the engine bumps on each import, replace, rename or layer
 * change; caches key on {@link versionKey} instead of stand-ins such as row counts.
 */
import type { ColumnInfo, Detected, ImportWarning } from '../ingest/types';
import type { KeyNormalization } from '../sql/join';

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
}

/** Arguments that make a geometry table an area layer. */
export interface LayerArgs {
  table: string;
  idColumn: string;
  nameColumn?: string;
  parentColumn?: string;
  parentLayer?: string;
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
  yearColumn?: string;
}

export interface JoinReport {
  spec: JoinSpecInput & { layerKey: string };
  tableKeys: number;
  layerKeys: number;
  matched: number;
  tableNullKeys: number;
  layerNullKeys: number;
  tableOnly: { key: string; n: number }[];
  layerOnly: { key: string; n: number }[];
  tableDuplicates: { key: string; year?: string; n: number }[];
  layerDuplicates: { key: string; n: number }[];
  /** matches reached under each key normalisation (offers the fix-up) */
  byMode: Record<KeyNormalization, number>;
  /** the normalisation that matches the most keys, if better than the chosen one */
  suggestion?: KeyNormalization;
}

/** Per-feature values of one column for the map, in layer row order. */
export interface ColumnValues {
  values: Float64Array;
  /** feature ids in the same order */
  ids: string[];
  names: string[];
}
