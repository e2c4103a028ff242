/**
 * Shared "file → columns" step of the spatial CLI commands: reads a file through the import
 * pipeline (`ingestFile`) into the Node DuckDB and hands out plain JS columns, ids and
 * polygon coordinates for the pure analysis modules.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Table } from 'apache-arrow';
import { parseGeometry, type AreaGeometry } from '../lib/analysis/geometry-rings';
import type { Duck } from '../lib/db/duck';
import { createNodeDuck } from '../lib/db/node';
import { GEOM_COL, ingestFile, type ImportOptions } from '../lib/ingest/index';

let duckPromise: Promise<Duck> | null = null;
let tableCounter = 0;

/** One DuckDB per process (lazy; reset when creation fails). */
export function getDuck(): Promise<Duck> {
  duckPromise ??= createNodeDuck().catch((e: unknown) => {
    duckPromise = null;
    throw e;
  });
  return duckPromise;
}

/** A table read through the import pipeline, as plain columns. */
export interface LoadedTable {
  file: string;
  rows: number;
  columns: string[];
  hasGeometry: boolean;
  /** values as text ('' for missing); numbers without trailing zeros */
  text(col: string): string[];
  /** numeric values, NaN for missing or non-numeric */
  numbers(col: string): Float64Array;
  /** polygon coordinates of `_geom` (WGS84), [] where missing */
  geometry(): AreaGeometry[];
}

function missingColumn(file: string, col: string, columns: string[]): Error {
  const shown = columns.filter((c) => c !== GEOM_COL).join(', ');
  return new Error(`Spalte „${col}“ gibt es in „${path.basename(file)}“ nicht. Vorhandene Spalten: ${shown}.`);
}

/** Reads `file` through the shared import pipeline. */
export async function loadTable(file: string, options: ImportOptions = {}): Promise<LoadedTable> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    throw new Error(`Datei „${file}“ kann nicht gelesen werden.`);
  }
  const duck = await getDuck();
  const name = `cli_${++tableCounter}`;
  await ingestFile(duck, { name: path.basename(file), bytes }, name, options);
  const table: Table = duck.query(`SELECT * FROM "${name}"`);
  duck.query(`DROP TABLE IF EXISTS "${name}"`);
  const columns = table.schema.fields.map((f) => f.name);
  const rows = table.numRows;
  const values = (col: string): unknown[] => {
    const v = table.getChild(col);
    if (!v || !columns.includes(col)) throw missingColumn(file, col, columns);
    const out = new Array<unknown>(rows);
    for (let i = 0; i < rows; i++) out[i] = v.get(i);
    return out;
  };
  return {
    file,
    rows,
    columns,
    hasGeometry: columns.includes(GEOM_COL),
    text: (col) => values(col).map((v) => (v === null || v === undefined ? '' : String(v))),
    numbers: (col) =>
      Float64Array.from(values(col), (v) => {
        if (v === null || v === undefined || v === '') return NaN;
        const n = typeof v === 'bigint' ? Number(v) : Number(v);
        return Number.isFinite(n) ? n : NaN;
      }),
    geometry: () => values(GEOM_COL).map((g) => parseGeometry(typeof g === 'string' ? g : null)),
  };
}

/** Numeric column without gaps, or a German error naming the first affected ids. */
export function requireNumbers(t: LoadedTable, col: string, ids: string[]): Float64Array {
  const v = t.numbers(col);
  const bad: string[] = [];
  v.forEach((x, i) => {
    if (Number.isNaN(x)) bad.push(ids[i]);
  });
  if (bad.length)
    throw new Error(`Spalte „${col}“ hat in ${bad.length} Gebiet(en) keinen Zahlenwert (z. B. ${bad.slice(0, 5).join(', ')}).`);
  return v;
}

/** Ids as text; duplicates are an error (they would silently mix areas). */
export function requireIds(t: LoadedTable, col: string): string[] {
  const ids = t.text(col);
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`Die Kennung „${id}“ kommt in Spalte „${col}“ mehrfach vor; jede Zeile braucht eine eindeutige Gebietskennung.`);
    seen.add(id);
  }
  return ids;
}

/** Integer flag ≥ min, German error otherwise. */
export function intFlag(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} muss eine ganze Zahl ≥ ${min} sein, nicht „${value}“.`);
  return n;
}

export { buildWeights } from '../lib/analysis/buildWeights';
