/**
 * The CLI side of "one engine path": every command gets the same `Engine` the worker runs (on
 * DuckDB-wasm's Node build), loads its files through `engine.importFile` and calls the same
 * engine functions as the UI; the command itself only parses arguments and prints.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SNAP_M } from '../lib/analysis/buildWeights';
import { appError, type LayerArgs, type LayerMeta, type TableMeta, type ValueSource } from '../lib/contract';
import { createNodeDuck } from '../lib/db/node';
import { Engine } from '../lib/engine/engine';
import { nodeRunner } from '../lib/parallel/node';
import type { ImportOptions } from '../lib/ingest/types';

let enginePromise: Promise<Engine> | null = null;

/** One engine per process (lazy; forgotten when the start fails, so a retry starts again). */
export function cliEngine(): Promise<Engine> {
  enginePromise ??= createNodeDuck()
    .then((d) => {
      const e = new Engine(d);
      // permutation work on all cores (worker threads; small jobs stay in this thread)
      e.runner = nodeRunner();
      return e;
    })
    .catch((e: unknown) => {
      enginePromise = null;
      throw e;
    });
  return enginePromise;
}

/** Import a file from disk as a table, exactly as a drop in the browser does. */
export async function loadFile(engine: Engine, file: string, options?: ImportOptions): Promise<TableMeta> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    throw appError('cli.fileUnreadable', { file });
  }
  return engine.importFile({ name: path.basename(file), bytes }, options);
}

/** Import a geometry file and make it an area layer with `idColumn` (and `nameColumn`). */
export async function loadLayer(engine: Engine, file: string, args: Omit<LayerArgs, 'table'>, options?: ImportOptions): Promise<LayerMeta> {
  const t = await loadFile(engine, file, options);
  if (!t.hasGeometry) throw appError('cli.noGeometry', { file });
  return engine.createLayer({ ...args, table: t.name });
}

/**
 * A data file as areas: a geometry file becomes a layer with its own columns; a plain table gets
 * areas from its keys (in file order) and is joined to them. `source` is what the analyses read.
 */
export async function loadAreas(engine: Engine, file: string, idColumn: string, options?: ImportOptions): Promise<{ table: TableMeta; layer: LayerMeta; source: ValueSource }> {
  const table = await loadFile(engine, file, options);
  if (table.hasGeometry) {
    const layer = engine.createLayer({ table: table.name, idColumn });
    return { table, layer, source: { layer: layer.table } };
  }
  const layer = engine.createKeyLayer({ table: table.name, idColumn });
  return { table, layer, source: { table: table.name, key: idColumn, layer: layer.table, mode: 'exact' } };
}

/** A note for the reader on stderr (JSON stays alone on stdout). */
export function note(text: string): void {
  process.stderr.write(`Hinweis: ${text}\n`);
}

/** Integer flag ≥ min, German error otherwise. */
export function intFlag(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw appError('cli.intFlag', { name, min, value });
  return n;
}

/** `--tolerance M`: snapping tolerance of contiguity in metres (default 1 cm; 0 = exact vertices). */
export function toleranceFlag(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SNAP_M;
  const n = Number(value.replace(',', '.'));
  if (value.trim() === '' || !(n >= 0) || !Number.isFinite(n)) throw appError('cli.tolerance', { value });
  return n;
}
