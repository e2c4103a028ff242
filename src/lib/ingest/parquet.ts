/** Parquet via hyparquet (DuckDB's parquet extension is not available offline) → Arrow → DuckDB, one row group at a time. */
import { Bool, Float64, Table, Utf8, type DataType, type Vector } from 'apache-arrow';
import { parquetMetadata, parquetRead, parquetSchema, type SchemaElement } from 'hyparquet';
import type { Duck } from '../db/duck';
import { quoteIdent } from '../sql/ident';
import { columnVector } from './arrowColumns';
import { checkCancelled } from './errors';
import { uniqueNames } from './names';
import { describeTable, dropQuietly, tempName } from './table';
import { IngestError, type ImportWarning, type IngestResult, type ProgressHooks } from './types';

const INT_CONVERTED = new Set(['INT_8', 'INT_16', 'INT_32', 'INT_64', 'UINT_8', 'UINT_16', 'UINT_32', 'UINT_64']);

/**
 * Arrow type for a top-level Parquet column, plus the DuckDB type to cast to afterwards.
 * Integers travel as Float64 (BigInt → Number) and become BIGINT again in DuckDB.
 */
export function parquetColumnType(e: SchemaElement): { arrow: DataType; cast?: string } {
  if (e.num_children) return { arrow: new Utf8() };
  const logical = e.logical_type?.type;
  if (e.converted_type === 'DATE' || logical === 'DATE') return { arrow: new Utf8(), cast: 'DATE' };
  if (e.type === 'BOOLEAN') return { arrow: new Bool() };
  if ((e.type === 'INT32' || e.type === 'INT64') && (!e.converted_type || INT_CONVERTED.has(e.converted_type)) && (!logical || logical === 'INTEGER')) {
    return { arrow: new Float64(), cast: 'BIGINT' };
  }
  if (e.type === 'FLOAT' || e.type === 'DOUBLE' || e.type === 'INT32' || e.type === 'INT64' || e.converted_type === 'DECIMAL') return { arrow: new Float64() };
  return { arrow: new Utf8() };
}

/** Load a Parquet file into `target`. */
export async function loadParquet(duck: Duck, file: string, bytes: Uint8Array, target: string, hooks: ProgressHooks = {}): Promise<Omit<IngestResult, 'table'>> {
  const warnings: ImportWarning[] = [];
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata;
  try {
    metadata = parquetMetadata(buffer);
  } catch (e) {
    throw new IngestError(`„${file}“ ist keine lesbare Parquet-Datei (${(e as Error).message}).`, { file, code: 'parquet_corrupt', hint: 'Exportieren Sie die Datei erneut oder wählen Sie CSV.' });
  }
  const top = parquetSchema(metadata).children.map((c) => c.element);
  const leaves = top.map((e) => e.name);
  const kinds = top.map(parquetColumnType);
  const names = uniqueNames(leaves, warnings);
  const total = Number(metadata.num_rows);
  let start = 0;
  const groups = metadata.row_groups.length ? metadata.row_groups : [{ num_rows: 0n }];
  for (let g = 0; g < groups.length; g++) {
    checkCancelled(file, hooks.isCancelled);
    const end = start + Number(groups[g].num_rows);
    let rows: unknown[][] = [];
    await parquetRead({ file: buffer, metadata, rowStart: start, rowEnd: end, columns: leaves, rowFormat: 'array', onComplete: (r) => (rows = r) });
    const cols: Record<string, Vector> = {};
    names.forEach((n, j) => (cols[n] = columnVector(rows.map((r) => r[j]), kinds[j].arrow)));
    if (g === 0) duck.insertArrow(target, new Table(cols));
    else {
      const part = tempName('pq');
      try {
        duck.insertArrow(part, new Table(cols));
        duck.query(`INSERT INTO ${quoteIdent(target)} SELECT * FROM ${quoteIdent(part)}`);
      } finally {
        dropQuietly(duck, part);
      }
    }
    start = end;
    hooks.onProgress?.(total ? (0.95 * end) / total : 0.95, 'Einlesen');
  }
  names.forEach((n, j) => {
    const cast = kinds[j].cast;
    if (cast) duck.query(`ALTER TABLE ${quoteIdent(target)} ALTER ${quoteIdent(n)} TYPE ${cast} USING TRY_CAST(${quoteIdent(n)} AS ${cast})`);
  });
  const { columns, rows } = describeTable(duck, target);
  return { rows, columns, detected: { format: 'parquet' }, warnings };
}
