/**
 * Files → the Node `Engine` for CLI commands that run on the engine path (the same calls the
 * workbench makes): one engine per process, files imported through `Engine.importFile`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createNodeDuck } from '../lib/db/node';
import { Engine } from '../lib/engine/engine';
import type { TableMeta } from '../lib/engine/types';
import type { ImportOptions } from '../lib/ingest/types';
import { guessCoordinateColumns } from '../lib/analysis/pointCoords';
import { GEOM_COL } from '../lib/ingest/types';

let enginePromise: Promise<Engine> | null = null;

/** The process's engine (lazy; reset when the start fails). */
export function cliEngine(): Promise<Engine> {
  enginePromise ??= createNodeDuck()
    .then((d) => new Engine(d))
    .catch((e: unknown) => {
      enginePromise = null;
      throw e;
    });
  return enginePromise;
}

/** Reads and imports a file as a table of the engine. */
export async function importCliFile(file: string, options: ImportOptions = {}): Promise<TableMeta> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    throw new Error(`Datei „${file}“ kann nicht gelesen werden.`);
  }
  const engine = await cliEngine();
  return engine.importFile({ name: path.basename(file), bytes }, options);
}

/** What a point file offers: its geometry kind and guessed x/y columns. */
export function pointSource(meta: TableMeta, x?: string, y?: string, optional = false): { x?: string; y?: string; polygons: boolean } {
  if (x || y) {
    if (!x || !y) throw new Error('Bitte beide Koordinatenspalten angeben (x und y).');
    return { x, y, polygons: false };
  }
  if (meta.hasGeometry) return { polygons: meta.detected?.geometryType === 'polygon' || meta.detected?.geometryType === 'mixed', x: undefined, y: undefined };
  const g = guessCoordinateColumns(meta.columns.filter((c) => c.name !== GEOM_COL).map((c) => c.name));
  if ((!g.x || !g.y) && optional) return { polygons: false };
  if (!g.x || !g.y)
    throw new Error(
      `„${meta.label}“ hat keine Geometrie und keine erkennbaren Koordinatenspalten (z. B. RECHTSWERT/HOCHWERT, x/y, lon/lat). Geben Sie sie mit --…-x und --…-y an; Adressen ohne Koordinaten können nicht verortet werden (keine Geokodierung).`,
    );
  return { ...g, polygons: false };
}
