/** Handing a CSV body to DuckDB chunk by chunk: as VARCHAR staging input or read with types at once. */
import { duckErrorMessage, type Duck } from '../db/duck';
import { quoteIdent, quoteLiteral } from '../sql/ident';
import type { TypedColumn } from '../sql/typedSelect';
import type { CsvPlan } from './csv';
import type { ScanResult } from './csvScan';
import { decodeBytes } from './encoding';
import { checkCancelled } from './errors';
import { tempName } from './table';
import { IngestError, type ProgressHooks } from './types';

/** The longest record DuckDB may read (a field with a whole geometry as text, say). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** DuckDB's own default read buffer, the most a chunk's buffer takes. */
const MAX_BUFFER_BYTES = 32 * 1024 * 1024;

/**
 * read_csv of a chunk of `bytes` bytes: columns c0, c1, … as `types` (default all VARCHAR), no
 * sniffing. The read buffer is sized to the chunk (at most DuckDB's default 32 MiB): DuckDB's default
 * is 16 × the maximum line size, which with 16 MiB lines made every read — even of a 47 kB file —
 * grow the wasm memory by ≈ 600 MB (and the worker then spent ≈ 0.1 s in a garbage collection
 * for the „external memory“). A record cannot be longer than its chunk, so lines up to the chunk's
 * size (at most 16 MiB, as before) still read.
 */
export function readCsvSql(file: string, delimiter: string, width: number, bytes: number, types?: string[]): string {
  const cols = Array.from({ length: width }, (_, j) => `'c${j}': '${types?.[j] ?? 'VARCHAR'}'`).join(', ');
  const buffer = Math.max(64 * 1024, Math.min(bytes + 1, MAX_BUFFER_BYTES));
  return (
    `read_csv(${quoteLiteral(file)}, auto_detect=false, header=false, ${types ? '' : 'all_varchar=true, '}` +
    `delim=${quoteLiteral(delimiter)}, quote='"', escape='"', columns={${cols}}, null_padding=true, ` +
    `strict_mode=false, parallel=false, buffer_size=${buffer}, max_line_size=${Math.min(MAX_LINE_BYTES, buffer)})`
  );
}

/** What reading the body chunk by chunk needs. */
export interface Chunks {
  duck: Duck;
  name: string;
  src: Uint8Array;
  /** chunk boundaries (record starts), body start first and body end last */
  bounds: number[];
  delimiter: string;
  width: number;
  plan: CsvPlan;
  hooks: ProgressHooks;
}

/**
 * Hand each body chunk to DuckDB as a UTF-8 file and call `use(k, file, bytes)` while it is registered;
 * progress runs to `to`, cancel is honoured between chunks.
 */
export async function eachChunk(c: Chunks, to: number, use: (k: number, file: string, bytes: number) => void): Promise<void> {
  const encoder = new TextEncoder();
  const n = c.bounds.length - 1;
  const span = Math.max(1, c.bounds[n] - c.bounds[0]);
  for (let k = 0; k < n; k++) {
    // let a queued cancel (and progress) message through: DuckDB's blocking calls never yield
    if (n > 1) await new Promise<void>((r) => setTimeout(r, 0));
    checkCancelled(c.name, c.hooks.isCancelled);
    const piece = c.src.subarray(c.bounds[k], c.bounds[k + 1]);
    // registerBuffer copies the bytes into DuckDB's memory (blocking bindings: malloc + set, the
    // view is not detached): a UTF-8 chunk goes as it is, a view into the file's bytes
    const utf8 = c.plan.detected.encoding === 'utf-8' ? piece : encoder.encode(decodeBytes(piece, 'windows-1252', c.plan.mixed));
    const file = `${tempName('csvfile')}.csv`;
    c.duck.registerBuffer(file, utf8);
    try {
      use(k, file, utf8.length);
    } catch (e) {
      if (e instanceof IngestError) throw e;
      const msg = duckErrorMessage(e);
      const line = /Line: (\d+)/.exec(msg)?.[1];
      throw new IngestError(`„${c.name}“ konnte nicht gelesen werden${line ? ` (um Zeile ${line} des Abschnitts ${k + 1})` : ''}: ${msg.split('\n')[0]}`, {
        file: c.name, line: line ? Number(line) : undefined, code: 'csv_parse', hint: 'Prüfen Sie Trennzeichen und Anführungszeichen im Importdialog.',
      });
    } finally {
      c.duck.dropFile(file);
    }
    c.hooks.onProgress?.((to * (c.bounds[k + 1] - c.bounds[0])) / span, 'Einlesen');
  }
}

/**
 * The fast path: read every chunk with the decided types straight into `target` (no VARCHAR
 * staging, no statistics, no second pass). Only for plain columns: DuckDB's own conversion of a
 * plain digit run or word is exactly the app's typing rule. Blank lines are removed afterwards
 * by `finishTyped` (a filter on every row costs more than deleting the few).
 */
export async function readTyped(c: Chunks, target: string, typed: TypedColumn[], to = 0.98): Promise<void> {
  const types = typed.map((t) => (t.type === 'integer' ? 'BIGINT' : 'VARCHAR'));
  const select = (file: string, bytes: number) => `SELECT ${typed.map((t, j) => `c${j} AS ${quoteIdent(t.name)}`).join(', ')} FROM ${readCsvSql(file, c.delimiter, c.width, bytes, types)}`;
  await eachChunk(c, to, (k, file, bytes) => c.duck.query(k === 0 ? `CREATE TABLE ${quoteIdent(target)} AS ${select(file, bytes)}` : `INSERT INTO ${quoteIdent(target)} ${select(file, bytes)}`));
}

/**
 * After `readTyped`: drop the rows of blank lines (";;;" or empty, which DuckDB may read as rows
 * of NULLs) and check that the table holds exactly the records the byte scan counted.
 */
export function finishTyped(duck: Duck, target: string, typed: TypedColumn[], scan: ScanResult): boolean {
  const t = quoteIdent(target);
  // (no coalesce: its arguments would need one common type)
  if (scan.blankLines > 0) duck.query(`DELETE FROM ${t} WHERE ${typed.map((c) => `${quoteIdent(c.name)} IS NULL`).join(' AND ')}`);
  return Number(duck.query(`SELECT count(*) AS n FROM ${t}`).get(0)?.toJSON().n ?? -1) === scan.bodyRecords;
}
