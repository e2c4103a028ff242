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
export function insertDescribed(duck: Duck, target: string, table: Table): { columns: ColumnInfo[]; rows: number; geometryKinds?: string[] } {
  duck.insertArrow(target, table);
  const kinds = geometryKinds(table);
  return { ...(describeArrow(table) ?? describeTable(duck, target)), ...(kinds ? { geometryKinds: kinds } : {}) };
}

/**
 * `geometryKindsSql`'s answer for the table DuckDB creates from `table`: the distinct first
 * `"type"` names of the non-null geometry texts ('' where there is none), in first-seen order.
 * RE2's `\s` is [\t\n\f\r ] and `\w` is [0-9A-Za-z_], spelt out here (JavaScript's `\s` is wider).
 * Undefined without a text geometry column. Spares `createLayer` its query (≈ 30–40 ms of cold
 * DuckDB code on the demo's first layer: the session's only `regexp_extract`).
 */
export function geometryKinds(table: Table): string[] | undefined {
  const i = table.schema.fields.findIndex((f) => f.name === GEOM_COL);
  if (i < 0 || !(table.schema.fields[i].type instanceof Utf8)) return undefined;
  const kinds = new Set<string>();
  const dec = new TextDecoder();
  for (const d of table.getChildAt(i)!.data) {
    const off = d.valueOffsets;
    const bytes = d.values;
    for (let r = 0; r < d.length; r++) {
      if (!d.getValid(r)) continue;
      const [a, b] = [off[r], off[r + 1]];
      // the first match in a prefix is the first in the whole text (a match cannot contain the
      // start of another), so long coordinate lists are decoded only when the prefix has none
      const m = GEOMETRY_TYPE_RE.exec(dec.decode(bytes.subarray(a, Math.min(b, a + 256)))) ?? (b - a > 256 ? GEOMETRY_TYPE_RE.exec(dec.decode(bytes.subarray(a, b))) : null);
      kinds.add(m?.[1] ?? '');
    }
  }
  return [...kinds];
}

const GEOMETRY_TYPE_RE = /"type"[\t\n\f\r ]*:[\t\n\f\r ]*"([0-9A-Za-z_]+)"/;

/** The geometry kinds of a table's `_geom` texts, as `geometryKinds` computes them from the Arrow table. */
export const geometryKindsSql = (table: string): string =>
  `SELECT DISTINCT regexp_extract(${quoteIdent(GEOM_COL)}, '"type"\\s*:\\s*"(\\w+)"', 1) AS k FROM ${quoteIdent(table)} WHERE ${quoteIdent(GEOM_COL)} IS NOT NULL`;

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
