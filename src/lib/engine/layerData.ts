/**
 * Values and geometry of an area layer for the analyses: a column or rate per feature (joined
 * by key or the layer's own), the year to use, and spatial weights and polygon areas memoised by
 * the layer's version (a re-imported layer — another CRS, another id column — gets fresh ones).
 */
import { buildWeights, weightsKey, type WeightsSpec } from '../analysis/buildWeights';
import { parseGeometry, projectLocal, areaAndCentroid } from '../analysis/geometry-rings';
import type { Weights } from '../analysis/weights';
import { appError } from '../contract/errors';
import type { ValueSource } from '../contract/spatial';
import type { Engine } from './engine';

/** The year to use: the given one, or the latest when the join has a year column. */
export function resolveYear(engine: Engine, source: ValueSource, year?: string): string | undefined {
  if (year !== undefined && year !== '') return year;
  if (source.table !== undefined && 'yearColumn' in source && source.yearColumn) return engine.distinct(source.table, source.yearColumn).at(-1);
  return undefined;
}

/** Does the layer have polygons or points (not areas from a table's keys)? */
export function hasGeometry(engine: Engine, layer: string): boolean {
  return engine.layer(layer).geometryType !== 'none';
}

/** German error when a column is not in the source table (before SQL would say it in English). */
export function requireColumns(engine: Engine, source: ValueSource, ...columns: (string | undefined)[]): void {
  const t = engine.table(source.table ?? source.layer);
  for (const c of columns) if (c && !t.columns.some((x) => x.name === c)) throw appError('column.missing', { column: c, table: t.label });
}

/** One numeric column per layer feature (NaN where missing). */
export function columnValues(engine: Engine, source: ValueSource, column: string, year?: string): Float64Array {
  requireColumns(engine, source, column);
  return engine.joinedValues(source, { column }, resolveYear(engine, source, year)).values;
}

interface LayerGeometry {
  weights: Map<string, Weights>;
  area?: Float64Array;
}
const memo = new WeakMap<Engine, Map<string, LayerGeometry>>();

function layerMemo(engine: Engine, layer: string): LayerGeometry {
  let m = memo.get(engine);
  if (!m) memo.set(engine, (m = new Map()));
  // keyed by the layer's version: every re-import, replace or new id column gets fresh geometry
  const key = engine.versionKey(layer);
  let g = m.get(key);
  if (!g) {
    for (const k of m.keys()) if (k.startsWith(`${layer}@`)) m.delete(k);
    m.set(key, (g = { weights: new Map() }));
  }
  return g;
}

/** Binary spatial weights of a layer, memoised per layer and weights type. */
export function layerWeights(engine: Engine, layer: string, spec: WeightsSpec): Weights {
  if (!hasGeometry(engine, layer)) throw appError('weights.noGeometry');
  const g = layerMemo(engine, layer);
  const key = weightsKey(spec);
  let w = g.weights.get(key);
  if (!w) {
    w = buildWeights(engine.geometries(layer).map((s) => parseGeometry(s)), spec);
    g.weights.set(key, w);
  }
  return w;
}

/** Polygon areas in m² (local projection), memoised per layer (for Delta). */
export function layerAreas(engine: Engine, layer: string): Float64Array {
  if (!hasGeometry(engine, layer)) throw appError('weights.noGeometry');
  const g = layerMemo(engine, layer);
  g.area ??= Float64Array.from(projectLocal(engine.geometries(layer).map((s) => parseGeometry(s))), (a) => Math.abs(areaAndCentroid(a).area));
  return g.area;
}
