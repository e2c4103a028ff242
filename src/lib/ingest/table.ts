/** Table lifecycle helpers: build into a temporary name, then swap in; nothing partial survives. */
import { Bool, Float64, Int32, Utf8, type Table } from 'apache-arrow';
import type { Duck } from '../db/duck';
import { quoteIdent, quoteLiteral } from '../sql/ident';
import type { ColumnInfo, ColumnType } from './types';
import { GEOM_COL } from './types';

let counter = 0;

/** A fresh name for a staging/temporary table. */
export function tempName(prefix: string): string {
  counter++;
  return `__ingest_${prefix}_${Date.now().toString(36)}_${counter}`;
}

/** Drop a table if it exists (errors ignored: used in cleanup paths). */
export function dropQuietly(duck: Duck, table: string): void {
  try {
    duck.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  } catch {
    /* cleanup only */
  }
}

/** Replace `target` with the finished `temp` table. */
export function swapIn(duck: Duck, temp: string, target: string): void {
  duck.query(`DROP TABLE IF EXISTS ${quoteIdent(target)}`);
  duck.query(`ALTER TABLE ${quoteIdent(temp)} RENAME TO ${quoteIdent(target)}`);
}

function mapType(duckType: string): ColumnType {
  const t = duckType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(t)) return 'integer';
  if (/^(FLOAT|DOUBLE|REAL|DECIMAL)/.test(t)) return 'double';
  if (t === 'BOOLEAN') return 'boolean';
  if (t.startsWith('DATE') || t.startsWith('TIMESTAMP')) return 'date';
  return 'text';
}

/** Column names, types and NULL counts of an existing table (for Arrow-built imports). */
export function describeTable(duck: Duck, table: string): { columns: ColumnInfo[]; rows: number } {
  // pragma_table_info, not information_schema.columns: the same answer, but the catalogue views'
  // first query costs ≈ 0.2–0.3 s (binding them runs much cold DuckDB code) — on every demo start
  const desc = duck.query(`SELECT name AS column_name, type AS data_type FROM pragma_table_info(${quoteLiteral(table)}) ORDER BY cid`);
  const cols = desc.toArray().map((r) => r.toJSON() as { column_name: string; data_type: string });
  const counts = cols.map((c) => `count(*) - count(${quoteIdent(c.column_name)})`).join(', ');
  const row = duck.query(`SELECT count(*) AS n${cols.length ? ', ' + counts : ''} FROM ${quoteIdent(table)}`).get(0)?.toArray() ?? [0];
  return {
    rows: Number(row[0]),
    columns: cols.map((c, i) => ({
      name: c.column_name,
      type: c.column_name === GEOM_COL ? 'geometry' : mapType(c.data_type),
      nulls: Number(row[i + 1]),
    })),
  };
}

/** DuckDB's column type for each Arrow field type the importers build (`columnVector`, `tabulate`). */
const ARROW_TYPES: [new () => unknown, string][] = [[Int32, 'INTEGER'], [Float64, 'DOUBLE'], [Bool, 'BOOLEAN'], [Utf8, 'VARCHAR']];

/**
 * Create `target` from an Arrow table and describe it. The description is read from the Arrow
 * table itself: DuckDB creates one column per field, in field order, with the field's name and
 * INTEGER/DOUBLE/BOOLEAN/VARCHAR for Int32/Float64/Bool/Utf8, and keeps every null — so the
 * answer is `describeTable`'s without its two queries (the first catalogue query of a session
 * costs ≈ 50–70 ms of cold DuckDB code in the browser, on every GeoJSON/Shapefile import). Other
 * field types are described by DuckDB.
 */
export function insertDescribed(duck: Duck, target: string, table: Table): { columns: ColumnInfo[]; rows: number } {
  duck.insertArrow(target, table);
  return describeArrow(table) ?? describeTable(duck, target);
}

/** `describeTable` of a table created from `table` by `insertArrow`; undefined for field types not listed above. */
export function describeArrow(table: Table): { columns: ColumnInfo[]; rows: number } | undefined {
  const columns: ColumnInfo[] = [];
  for (const [i, f] of table.schema.fields.entries()) {
    const duckType = ARROW_TYPES.find(([T]) => f.type instanceof T)?.[1];
    if (!duckType) return undefined;
    columns.push({ name: f.name, type: f.name === GEOM_COL ? 'geometry' : mapType(duckType), nulls: table.getChildAt(i)?.nullCount ?? 0 });
  }
  return { columns, rows: table.numRows };
}
