import { qi } from './ident';

/**
 * How join keys are compared. `exact`: as text; `trim`: without surrounding whitespace;
 * `zeros`: additionally without leading zeros ("007" = "7"), which also bridges number vs text keys.
 */
export type KeyNormalization = 'exact' | 'trim' | 'zeros';
export const KEY_NORMALIZATIONS: KeyNormalization[] = ['exact', 'trim', 'zeros'];

/** SQL expression for a normalised key (text). Doubles like 7.0 become "7". */
export function keyExpr(column: string, mode: KeyNormalization, alias?: string): string {
  const col = alias ? `${alias}.${qi(column)}` : qi(column);
  // Integral doubles print as "7.0" when cast; cast through BIGINT first when that is lossless.
  const asText = `CASE WHEN TRY_CAST(${col} AS DOUBLE) IS NOT NULL AND typeof(${col}) IN ('DOUBLE','FLOAT','DECIMAL') AND TRY_CAST(${col} AS DOUBLE) = floor(TRY_CAST(${col} AS DOUBLE)) THEN CAST(CAST(${col} AS BIGINT) AS VARCHAR) ELSE CAST(${col} AS VARCHAR) END`;
  if (mode === 'exact') return asText;
  const trimmed = `trim(${asText})`;
  if (mode === 'trim') return trimmed;
  return `CASE WHEN ltrim(${trimmed}, '0') = '' AND ${trimmed} <> '' THEN '0' ELSE ltrim(${trimmed}, '0') END`;
}

export interface JoinSpec {
  table: string;
  key: string;
  layer: string;
  layerKey: string;
  mode: KeyNormalization;
  /** when the table is long (one row per area and year), duplicates are judged within a year */
  yearColumn?: string;
}

/** Keys of one side with their multiplicity (per year if given). */
function keyCounts(table: string, key: string, mode: KeyNormalization, year?: string): string {
  const by = year ? `, ${qi(year)}` : '';
  return `SELECT ${keyExpr(key, mode)} AS k${by ? `, ${qi(year!)} AS y` : ''}, count(*) AS n, min(CAST(${qi(key)} AS VARCHAR)) AS raw FROM ${qi(table)} WHERE ${qi(key)} IS NOT NULL GROUP BY ALL`;
}

/** One row: matched/unmatched/duplicate counts of a join. */
export function joinSummarySql(s: JoinSpec): string {
  const t = `SELECT DISTINCT ${keyExpr(s.key, s.mode)} AS k FROM ${qi(s.table)} WHERE ${qi(s.key)} IS NOT NULL`;
  const l = `SELECT DISTINCT ${keyExpr(s.layerKey, s.mode)} AS k FROM ${qi(s.layer)} WHERE ${qi(s.layerKey)} IS NOT NULL`;
  return `WITH t AS (${t}), l AS (${l})
SELECT
  (SELECT count(*) FROM t) AS table_keys,
  (SELECT count(*) FROM l) AS layer_keys,
  (SELECT count(*) FROM t JOIN l USING (k)) AS matched,
  (SELECT count(*) FROM t ANTI JOIN l USING (k)) AS table_only,
  (SELECT count(*) FROM l ANTI JOIN t USING (k)) AS layer_only,
  (SELECT count(*) FROM ${qi(s.table)} WHERE ${qi(s.key)} IS NULL) AS table_null_keys,
  (SELECT count(*) FROM ${qi(s.layer)} WHERE ${qi(s.layerKey)} IS NULL) AS layer_null_keys`;
}

/** Keys present on one side only (raw spelling kept so the user recognises them). */
export function unmatchedSql(s: JoinSpec, side: 'table' | 'layer', limit = 200): string {
  const [a, ak, b, bk] = side === 'table' ? [s.table, s.key, s.layer, s.layerKey] : [s.layer, s.layerKey, s.table, s.key];
  return `SELECT min(CAST(${qi(ak)} AS VARCHAR)) AS key, count(*) AS n FROM ${qi(a)}
WHERE ${qi(ak)} IS NOT NULL AND ${keyExpr(ak, s.mode)} NOT IN (SELECT ${keyExpr(bk, s.mode)} FROM ${qi(b)} WHERE ${qi(bk)} IS NOT NULL)
GROUP BY ${keyExpr(ak, s.mode)} ORDER BY 1 LIMIT ${limit}`;
}

/** Keys that occur more than once on one side (per year for a long table). */
export function duplicatesSql(table: string, key: string, mode: KeyNormalization, year?: string, limit = 200): string {
  return `SELECT raw AS key${year ? ', y AS year' : ''}, n FROM (${keyCounts(table, key, mode, year)}) WHERE n > 1 ORDER BY n DESC, raw LIMIT ${limit}`;
}

/** What to map: a column, or a rate numerator / denominator × scale. */
export interface ValueSpec {
  column: string;
  denominator?: string;
  scale?: number;
}

/** Aggregate expression of a value spec over the rows of one key (duplicates: mean, rates: pooled). */
export function valueAggExpr(v: ValueSpec): string {
  const num = `TRY_CAST(${qi(v.column)} AS DOUBLE)`;
  if (!v.denominator) return `avg(${num})`;
  const den = `TRY_CAST(${qi(v.denominator)} AS DOUBLE)`;
  return `sum(${num}) / nullif(sum(${den}), 0) * ${Number(v.scale ?? 100)}`;
}

/**
 * Values in layer row order (rowid), joined by key; NULL where unmatched.
 * Duplicate table keys are averaged (rates pooled); the join report warns about them.
 */
export function joinedValuesSql(s: JoinSpec, v: ValueSpec, year?: string | number): string {
  const yearFilter = s.yearColumn && year !== undefined ? `WHERE CAST(${qi(s.yearColumn)} AS VARCHAR) = '${String(year).replaceAll("'", "''")}'` : '';
  return `WITH t AS (SELECT ${keyExpr(s.key, s.mode)} AS k, ${valueAggExpr(v)} AS v FROM ${qi(s.table)} ${yearFilter} GROUP BY 1)
SELECT l.rowid AS r, t.v AS v FROM ${qi(s.layer)} AS l LEFT JOIN t ON t.k = ${keyExpr(s.layerKey, s.mode, 'l')} ORDER BY l.rowid`;
}

/** Values of the layer's own columns, in row order. */
export function layerValuesSql(layer: string, v: ValueSpec): string {
  return `SELECT rowid AS r, ${valueAggExpr(v)} AS v FROM ${qi(layer)} GROUP BY rowid ORDER BY rowid`;
}
