import type { Duck } from '../db/duck';
import { GEOM_COL, type ColumnInfo, type ColumnType } from '../ingest/types';
import { qi } from '../sql/ident';

/** DuckDB type name → the catalogue's column type. */
export function columnTypeOf(duckType: string): ColumnType {
  const t = duckType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)/.test(t)) return 'integer';
  if (/^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(t)) return 'double';
  if (t === 'BOOLEAN') return 'boolean';
  if (/^(DATE|TIMESTAMP)/.test(t)) return 'date';
  return 'text';
}

/** Column names, types and NULL counts of a table, straight from DuckDB. */
export function describeTable(duck: Duck, table: string): { rows: number; columns: ColumnInfo[] } {
  const desc = duck.query(`SELECT column_name, column_type FROM (DESCRIBE ${qi(table)})`).toArray();
  const names = desc.map((r) => String(r.column_name));
  const types = desc.map((r) => String(r.column_type));
  const counts = duck
    .query(`SELECT count(*) AS __n${names.map((n, i) => `, count(*) - count(${qi(n)}) AS c${i}`).join('')} FROM ${qi(table)}`)
    .toArray()[0];
  const rows = Number(counts.__n);
  const columns: ColumnInfo[] = names.map((name, i) => ({
    name,
    type: name === GEOM_COL ? 'geometry' : columnTypeOf(types[i]),
    nulls: Number(counts[`c${i}`]),
  }));
  return { rows, columns };
}

/** True for the numeric column types (choropleth, indicators). */
export function isNumeric(c: ColumnInfo): boolean {
  return c.type === 'integer' || c.type === 'double';
}
