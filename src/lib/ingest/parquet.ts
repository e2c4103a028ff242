/** Parquet via hyparquet (DuckDB's parquet extension is not available offline) → Arrow → DuckDB, one row group at a time. */
import { Table, type DataType, type Vector } from 'apache-arrow';
import { parquetMetadata, parquetRead } from 'hyparquet';
import type { Duck } from '../db/duck';
import { quoteIdent } from '../sql/ident';
import { columnVector, inferArrowType } from './arrowColumns';
import { checkCancelled } from './errors';
import { uniqueNames } from './names';
import { describeTable, dropQuietly, tempName } from './table';
import { IngestError, type ImportWarning, type IngestResult, type ProgressHooks } from './types';

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
  const leaves = metadata.schema.slice(1).filter((s) => !s.num_children).map((s) => s.name);
  const names = uniqueNames(leaves, warnings);
  const total = Number(metadata.num_rows);
  let types: DataType[] | undefined;
  let start = 0;
  const groups = metadata.row_groups.length ? metadata.row_groups : [{ num_rows: 0n }];
  for (let g = 0; g < groups.length; g++) {
    checkCancelled(file, hooks.isCancelled);
    const end = start + Number(groups[g].num_rows);
    let rows: unknown[][] = [];
    await parquetRead({ file: buffer, metadata, rowStart: start, rowEnd: end, columns: leaves, rowFormat: 'array', onComplete: (r) => (rows = r) });
    types ??= leaves.map((_, j) => inferArrowType(rows.map((r) => r[j])));
    const cols: Record<string, Vector> = {};
    names.forEach((n, j) => (cols[n] = columnVector(rows.map((r) => r[j]), types![j])));
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
  const { columns, rows } = describeTable(duck, target);
  return { rows, columns, detected: { format: 'parquet' }, warnings };
}
