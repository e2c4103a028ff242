/**
 * Point files for the `access` and `coverage` commands: which coordinates a table offers (its
 * point geometry or guessed x/y columns) — the CLI counterpart of the workspace's column guesses.
 */
import { appError, type TableMeta } from '../lib/contract';
import { guessCoordinateColumns } from '../lib/analysis/pointCoords';
import { GEOM_COL } from '../lib/ingest/types';

/** Coordinates of a point file; `optional` (with a cost table) allows a table of ids only. */
export function pointSource(meta: TableMeta, x?: string, y?: string, optional = false): { x?: string; y?: string; polygons: boolean } {
  if (x || y) {
    if (!x || !y) throw appError('svc.cli_both_xy', { table: meta.label });
    return { x, y, polygons: false };
  }
  if (meta.hasGeometry) return { polygons: meta.detected?.geometryType === 'polygon' || meta.detected?.geometryType === 'mixed', x: undefined, y: undefined };
  const g = guessCoordinateColumns(meta.columns.filter((c) => c.name !== GEOM_COL).map((c) => c.name));
  if ((!g.x || !g.y) && optional) return { polygons: false };
  if (!g.x || !g.y) throw appError('svc.cli_no_coordinates', { table: meta.label });
  return { ...g, polygons: false };
}

/** A numeric flag (decimal point or comma). */
export function numberFlag(v: string | undefined, name: string, fallback?: number): number {
  if (v === undefined) {
    if (fallback === undefined) throw appError('svc.cli_missing_flag', { flag: name });
    return fallback;
  }
  const n = Number(v.replace(',', '.'));
  if (!Number.isFinite(n)) throw appError('svc.cli_not_number', { flag: name, value: v });
  return n;
}
