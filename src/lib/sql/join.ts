import { qi } from './ident';

import { stepsSql, type KeyStep, type KeyTransform } from './keyTransform';

/**
 * Plain key comparisons. `exact`: as text; `trim`: without whitespace; `zeros`: additionally
 * without leading zeros ("007" = "7"), which also bridges number vs text keys. A confirmed
 * {@link KeyTransform} (prefixes, ARS → AGS, names …) goes further and wins over the mode.
 */
export type KeyNormalization = 'exact' | 'trim' | 'zeros';
export const KEY_NORMALIZATIONS: KeyNormalization[] = ['exact', 'trim', 'zeros'];

/** The steps a plain mode stands for. */
export function modeSteps(mode: KeyNormalization): KeyStep[] {
  return mode === 'exact' ? [] : mode === 'trim' ? [{ op: 'trim' }] : [{ op: 'trim' }, { op: 'zeros' }];
}

/** A key column as text; integral doubles like 7.0 become "7". */
function textExpr(column: string, alias?: string): string {
  const col = alias ? `${alias}.${qi(column)}` : qi(column);
  // Integral doubles print as "7.0" when cast; cast through BIGINT first when that is lossless.
  return `CASE WHEN TRY_CAST(${col} AS DOUBLE) IS NOT NULL AND typeof(${col}) IN ('DOUBLE','FLOAT','DECIMAL') AND TRY_CAST(${col} AS DOUBLE) = floor(TRY_CAST(${col} AS DOUBLE)) THEN CAST(CAST(${col} AS BIGINT) AS VARCHAR) ELSE CAST(${col} AS VARCHAR) END`;
}

/** SQL expression for a normalised key (text), by a plain mode or explicit steps. */
export function keyExpr(column: string, mode: KeyNormalization | readonly KeyStep[], alias?: string): string {
  return stepsSql(textExpr(column, alias), typeof mode === 'string' ? modeSteps(mode) : mode);
}

/** What a join spec says about its keys (the input form, as the UI and sessions keep it). */
export interface JoinKeys {
  key: string;
  mode: KeyNormalization;
  /** a confirmed transformation of both sides' keys (wins over `mode`) */
  transform?: KeyTransform;
  /** a layer column to join on instead of the layer's id column (e.g. its name column) */
  layerKey?: string;
}

/** Steps of the table side and of the layer side of a join. */
export const tableSteps = (s: JoinKeys): readonly KeyStep[] => s.transform?.table ?? modeSteps(s.mode);
export const layerSteps = (s: JoinKeys): readonly KeyStep[] => s.transform?.layer ?? modeSteps(s.mode);

/** The table's key as the join compares it. */
export const tableKeyExpr = (s: JoinKeys, alias?: string): string => keyExpr(s.key, tableSteps(s), alias);
/** The layer's key (its id column unless the join names another) as the join compares it. */
export const layerKeyExpr = (s: JoinKeys, idColumn: string, alias?: string): string => keyExpr(s.layerKey ?? idColumn, layerSteps(s), alias);

export interface JoinSpec extends JoinKeys {
  table: string;
  layer: string;
  /** the layer column joined on (resolved: the join's `layerKey` or the layer's id column) */
  layerKey: string;
  /** when the table is long (one row per area and year), duplicates are judged within a year */
  yearColumn?: string;
}

/** Keys of one side with their multiplicity (per year if given). */
function keyCounts(table: string, key: string, steps: readonly KeyStep[], year?: string): string {
  const by = year ? `, ${qi(year)}` : '';
  return `SELECT ${keyExpr(key, steps)} AS k${by ? `, ${qi(year!)} AS y` : ''}, count(*) AS n, min(CAST(${qi(key)} AS VARCHAR)) AS raw FROM ${qi(table)} WHERE ${qi(key)} IS NOT NULL GROUP BY ALL`;
}

/** One row: matched/unmatched/duplicate counts of a join. */
export function joinSummarySql(s: JoinSpec): string {
  const t = `SELECT DISTINCT ${tableKeyExpr(s)} AS k FROM ${qi(s.table)} WHERE ${qi(s.key)} IS NOT NULL`;
  const l = `SELECT DISTINCT ${layerKeyExpr(s, s.layerKey)} AS k FROM ${qi(s.layer)} WHERE ${qi(s.layerKey)} IS NOT NULL`;
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

/**
 * Keys present on one side only (raw spelling kept so the user recognises them), with the
 * layer's area name when given; `total` on every row is the count before the limit.
 */
export function unmatchedSql(s: JoinSpec, side: 'table' | 'layer', limit = 200, nameColumn?: string): string {
  const [a, ak, as, b, bk, bs] =
    side === 'table' ? [s.table, s.key, tableSteps(s), s.layer, s.layerKey, layerSteps(s)] : [s.layer, s.layerKey, layerSteps(s), s.table, s.key, tableSteps(s)];
  const name = nameColumn ? `min(CAST(${qi(nameColumn)} AS VARCHAR))` : 'NULL';
  // sorted outside the grouping: a key column named „key“ would otherwise meet the alias in ORDER BY
  return `SELECT * FROM (SELECT min(CAST(${qi(ak)} AS VARCHAR)) AS key, count(*) AS n, ${name} AS name, count(*) OVER () AS total FROM ${qi(a)}
WHERE ${qi(ak)} IS NOT NULL AND ${keyExpr(ak, as)} NOT IN (SELECT ${keyExpr(bk, bs)} FROM ${qi(b)} WHERE ${qi(bk)} IS NOT NULL)
GROUP BY ${keyExpr(ak, as)}) ORDER BY TRY_CAST(key AS DOUBLE) NULLS LAST, key LIMIT ${limit}`;
}

/** Keys that occur more than once on one side (per year for a long table); `total` = all such keys before the limit. */
export function duplicatesSql(table: string, key: string, steps: KeyNormalization | readonly KeyStep[], year?: string, limit = 200): string {
  const st = typeof steps === 'string' ? modeSteps(steps) : steps;
  return `SELECT raw AS key${year ? ', y AS year' : ''}, n, count(*) OVER () AS total FROM (${keyCounts(table, key, st, year)}) WHERE n > 1 ORDER BY n DESC, raw LIMIT ${limit}`;
}

/** One row: how many keys `duplicatesSql` would list before its limit (`total`), without sorting or a window. */
export function duplicateCountSql(table: string, key: string, steps: KeyNormalization | readonly KeyStep[], year?: string): string {
  const st = typeof steps === 'string' ? modeSteps(steps) : steps;
  return `SELECT count(*) AS total FROM (SELECT count(*) AS n FROM ${qi(table)} WHERE ${qi(key)} IS NOT NULL GROUP BY ${keyExpr(key, st)}${year ? `, ${qi(year)}` : ''}) WHERE n > 1`;
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
  return `WITH t AS (SELECT ${tableKeyExpr(s)} AS k, ${valueAggExpr(v)} AS v FROM ${qi(s.table)} ${yearFilter} GROUP BY 1)
SELECT l.rowid AS r, t.v AS v FROM ${qi(s.layer)} AS l LEFT JOIN t ON t.k = ${layerKeyExpr(s, s.layerKey, 'l')} ORDER BY l.rowid`;
}

/** Values of the layer's own columns, in row order. */
export function layerValuesSql(layer: string, v: ValueSpec): string {
  return `SELECT rowid AS r, ${valueAggExpr(v)} AS v FROM ${qi(layer)} GROUP BY rowid ORDER BY rowid`;
}
