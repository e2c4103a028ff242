/**
 * Pure SQL builders that type an all-VARCHAR staging table the German way: missing symbols → NULL,
 * thousands separators stripped only in proper groups, decimal comma, trailing "%". The rules are
 * the same as `parseNumber` in `../ingest/numbers.ts` (a property test checks they agree).
 *
 * Every cell is prepared once in an inner projection (trim, "%", Unicode minus) so the regular
 * expressions run at most twice per cell.
 */
import { MISSING_SYMBOLS, TRIM_CHARS, groupedPattern, plainPattern, type NumberFormat } from '../ingest/numbers';
import { quoteIdent, quoteLiteral } from './ident';

export type SqlColumnType = 'integer' | 'double' | 'text' | 'boolean' | 'date';

const missingList = MISSING_SYMBOLS.map(quoteLiteral).join(', ');
const MAX_SYMBOL_BYTES = Math.max(...MISSING_SYMBOLS.map((m) => new TextEncoder().encode(m).length));
const DATE_FORMATS = "['%d.%m.%Y', '%Y-%m-%d', '%d.%m.%y']";
const TRUE_WORDS = "('ja', 'true', 'wahr', 'yes')";
const BOOL_WORDS = "('ja', 'nein', 'true', 'false', 'wahr', 'falsch', 'yes', 'no')";

/**
 * Inner projections of raw columns: `t_i` (trimmed text), then `p_i` (number candidate: without
 * trailing "%" and with a Unicode minus as "-"). Returns the FROM clause body.
 */
export function preparedFrom(source: string, columns: string[]): string {
  const t = columns.map((c, i) => `trim(${quoteIdent(c)}, ${quoteLiteral(TRIM_CHARS)}) AS t${i}`).join(', ');
  const p = columns.map((_, i) => `t${i}, rtrim(replace(t${i}, '\u2212', '-'), '% ') AS p${i}`).join(', ');
  return `(SELECT ${p} FROM (SELECT ${t} FROM ${quoteIdent(source)}))`;
}

/** SQL condition on the trimmed column `t`: NULL, empty or a missing-value symbol. */
export function missingCond(t: string): string {
  // strlen is O(1) in DuckDB and spares the IN list for ordinary values
  return `(${t} IS NULL OR (strlen(${t}) <= ${MAX_SYMBOL_BYTES} AND ${t} IN (${missingList})))`;
}

/** SQL expression: the prepared column `p` as DOUBLE under format `f`, NULL when it is not a number. */
export function numberExpr(p: string, f: NumberFormat): string {
  const dec = (x: string): string => (f.decimal === ',' ? `replace(${x}, ',', '.')` : x);
  const strip = f.thousands === ' ' ? `regexp_replace(${p}, '[ \u00a0]', '', 'g')` : `replace(${p}, ${quoteLiteral(f.thousands)}, '')`;
  const grouped = f.thousands ? ` WHEN regexp_full_match(${p}, ${quoteLiteral(groupedPattern(f))}) THEN ${dec(strip)}` : '';
  return `TRY_CAST(CASE WHEN regexp_full_match(${p}, ${quoteLiteral(plainPattern(f))}) THEN ${dec(p)}${grouped} END AS DOUBLE)`;
}

/** SQL expression: the trimmed column `t` as DATE (German dd.mm.yyyy or ISO), NULL otherwise. */
export function dateExpr(t: string): string {
  // the regex guard keeps TRY_STRPTIME (slow on failures) away from ordinary text
  return `CASE WHEN regexp_full_match(${t}, '[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{2,4}|[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(TRY_STRPTIME(${t}, ${DATE_FORMATS}) AS DATE) END`;
}

/**
 * Statistics query over `source`, one row per column (`k` = column name), computed on the
 * unpivoted cells so the SQL stays the same size for any table width: n (rows), m (missing),
 * d (numbers), g (integral numbers), z (leading-zero IDs), p (with "%"), t (dates), b (yes/no
 * words), x (an example of a non-number), s (missing symbol positions → counts, see `parseSymbolCounts`).
 */
export function typingStatsSql(source: string, columns: string[], f: NumberFormat): string {
  const cols = columns.map(quoteIdent).join(', ');
  const cells = `(SELECT k, v FROM ${quoteIdent(source)} UNPIVOT INCLUDE NULLS (v FOR k IN (${cols})))`;
  const t = `(SELECT k, trim(v, ${quoteLiteral(TRIM_CHARS)}) AS t FROM ${cells})`;
  const p = `(SELECT k, t, rtrim(replace(t, '\u2212', '-'), '% ') AS p FROM ${t})`;
  const inner = `(SELECT k, t, ${missingCond('t')} AS m, ${numberExpr('p', f)} AS d FROM ${p})`;
  return [
    'SELECT k, count(*) AS n,',
    '  count(*) FILTER (WHERE m) AS m,',
    '  count(*) FILTER (WHERE NOT m AND d IS NOT NULL) AS d,',
    '  count(*) FILTER (WHERE NOT m AND d = round(d) AND abs(d) < 9007199254740992) AS g,',
    "  count(*) FILTER (WHERE regexp_full_match(t, '0[0-9]+')) AS z,",
    "  count(*) FILTER (WHERE NOT m AND d IS NOT NULL AND ends_with(t, '%')) AS p,",
    `  count(*) FILTER (WHERE NOT m AND d IS NULL AND ${dateExpr('t')} IS NOT NULL) AS t,`,
    `  count(*) FILTER (WHERE lower(t) IN ${BOOL_WORDS}) AS b,`,
    '  min(t) FILTER (WHERE NOT m AND d IS NULL) AS x,',
    // symbol positions (1-based in MISSING_SYMBOLS) → counts, as "{1=3, 2=1}"; no JSON extension offline
    `  CAST(histogram(list_position([${missingList}], coalesce(t, ''))) FILTER (WHERE m) AS VARCHAR) AS s`,
    `FROM ${inner}`,
    'GROUP BY k',
  ].join('\n');
}

/** Parse the `s_i` statistic ("{1=3, 2=1}") into symbol → count. */
export function parseSymbolCounts(text: string | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of (text ?? '').matchAll(/(\d+)=(\d+)/g)) {
    const sym = MISSING_SYMBOLS[Number(m[1]) - 1];
    if (sym !== undefined) out[sym] = (out[sym] ?? 0) + Number(m[2]);
  }
  return out;
}

/** One output column: raw staging column, final name, decided type. */
export interface TypedColumn {
  raw: string;
  name: string;
  type: SqlColumnType;
}

/** SQL expression converting prepared column i (`t_i`, `p_i`) to `type`. */
export function castExpr(i: number, type: SqlColumnType, f: NumberFormat): string {
  const t = `t${i}`;
  switch (type) {
    case 'integer':
      return `CAST(${numberExpr(`p${i}`, f)} AS BIGINT)`;
    case 'double':
      return numberExpr(`p${i}`, f);
    case 'date':
      return dateExpr(t);
    case 'boolean':
      return `CASE WHEN ${missingCond(t)} THEN NULL ELSE lower(${t}) IN ${TRUE_WORDS} END`;
    default:
      return `CASE WHEN ${missingCond(t)} THEN NULL ELSE ${t} END`;
  }
}

/** `CREATE TABLE target AS SELECT …` with every column converted to its decided type. */
export function typedSelectSql(source: string, target: string, columns: TypedColumn[], f: NumberFormat): string {
  const cols = columns.map((c, i) => `${castExpr(i, c.type, f)} AS ${quoteIdent(c.name)}`);
  return (
    `CREATE TABLE ${quoteIdent(target)} AS SELECT\n  ${cols.join(',\n  ')}\n` +
    `FROM ${preparedFrom(source, columns.map((c) => c.raw))}`
  );
}
