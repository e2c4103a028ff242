import type { ColumnInfo, Detected, ImportWarning } from '../ingest/types';
import type { KeyNormalization } from '../sql/join';

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
  geometryType: 'polygon' | 'point' | 'line' | 'mixed';
  bbox: [number, number, number, number];
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
