/**
 * Pure SQL builders that type an all-VARCHAR staging table the German way: missing symbols → NULL,
 * thousands separators stripped only in proper groups, decimal comma, trailing "%", a number in
 * parentheses („(3,2)“: official sign for limited reliability) read as the number. The rules are
 * the same as `parseNumber` in `../ingest/numbers.ts` (a property test checks they agree).
 *
 * Every cell is prepared once in an inner projection (trim, "%", Unicode minus) so the regular
 * expressions run at most twice per cell.
 */
import { DASH_SYMBOLS, MISSING_SYMBOLS, SECRET_SYMBOLS, TRIM_CHARS, groupedPattern, plainPattern, type NumberFormat } from '../ingest/numbers';
import { quoteIdent, quoteLiteral } from './ident';

export type SqlColumnType = 'integer' | 'double' | 'text' | 'boolean' | 'date';

const missingList = MISSING_SYMBOLS.map(quoteLiteral).join(', ');
const MAX_SYMBOL_BYTES = Math.max(...MISSING_SYMBOLS.map((m) => new TextEncoder().encode(m).length));
const DATE_FORMATS = "['%d.%m.%Y', '%Y-%m-%d', '%d.%m.%y']";
const TRUE_WORDS = "('ja', 'true', 'wahr', 'yes')";
const BOOL_WORDS = "('ja', 'nein', 'true', 'false', 'wahr', 'falsch', 'yes', 'no')";

/**
 * Which cell clean-ups the data need. Each costs a string pass per cell, so the importer turns
 * off what the bytes show to be unnecessary (no padded fields, no "%", no Unicode minus).
 */
export interface PrepOptions {
  trim: boolean;
  percent: boolean;
  minus: boolean;
  /** „(3,2)“ → 3,2 (value with limited reliability); off when the data hold no "(" */
  paren?: boolean;
}

export const FULL_PREP: PrepOptions = { trim: true, percent: true, minus: true, paren: true };

/** SQL: the trimmed cell `t` without enclosing parentheses („(3,2)“ → „3,2“), as `stripParens` does in JS. */
const unparen = (t: string): string => `CASE WHEN starts_with(${t}, '(') AND ends_with(${t}, ')') THEN ${t}[2:-2] ELSE ${t} END`;

/**
 * Inner projections of raw columns: `t_i` (trimmed text), then `p_i` (number candidate: without
 * trailing "%" and with a Unicode minus as "-"). Rows are kept unless all `rowColumns` (default:
 * `columns`) are NULL. Returns the FROM clause body.
 */
export function preparedFrom(source: string, columns: string[], prep: PrepOptions = FULL_PREP, rowColumns: string[] = columns): string {
  const t = columns.map((c, i) => `${prep.trim ? `trim(${quoteIdent(c)}, ${quoteLiteral(TRIM_CHARS)})` : quoteIdent(c)} AS t${i}`).join(', ');
  const pExpr = (i: number): string => {
    let e = `t${i}`;
    if (prep.paren) e = unparen(e);
    if (prep.minus) e = `replace(${e}, '\u2212', '-')`;
    if (prep.percent) e = `rtrim(${e}, '% ')`;
    return e;
  };
  const p = columns.map((_, i) => `t${i}, ${pExpr(i)} AS p${i}`).join(', ');
  return `(SELECT ${p} FROM (SELECT ${t} FROM ${quoteIdent(source)} WHERE ${notAllNull(rowColumns)}))`;
}

/** Condition dropping rows whose cells are all NULL (lines like ";;;"). */
export function notAllNull(columns: string[]): string {
  return columns.length ? `coalesce(${columns.map(quoteIdent).join(', ')}) IS NOT NULL` : 'true';
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
  return `CASE WHEN strlen(${t}) BETWEEN 6 AND 10 AND regexp_full_match(${t}, '[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{2,4}|[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(TRY_STRPTIME(${t}, ${DATE_FORMATS}) AS DATE) END`;
}

/**
 * One-row statistics query over `source`; per column i: m_i (missing), d_i (numbers), f_i
 * (numbers with a fraction), z_i (leading-zero IDs), p_i (numbers with "%"), t_i (dates), b_i
 * (yes/no words), x_i (smallest non-number), s_i (missing symbol positions → counts, see
 * `parseSymbolCounts`), l_i (numbers in parentheses: limited reliability) and y_i (the smallest of
 * them, for the notice). Statistics may cover a subset of the table's `rowColumns`. Cell values are prepared and tested once in inner projections; the
 * aggregates only combine those flags, and costly checks are guarded by O(1) length tests.
 */
export function typingStatsSql(
  source: string, columns: string[], f: NumberFormat, prep: PrepOptions = FULL_PREP, rowColumns: string[] = columns, o: { dates?: boolean; symbols?: boolean } = {},
): string {
  const dates = o.dates ?? true;
  const symbols = o.symbols ?? true;
  const inner = columns.map((_, i) => `t${i}, ${missingCond(`t${i}`)} AS m${i}, ${numberExpr(`p${i}`, f)} AS d${i}`).join(', ');
  const parts = ['count(*) AS n'];
  columns.forEach((_, i) => {
    const [t, m, d] = [`t${i}`, `m${i}`, `d${i}`];
    parts.push(
      `count(*) FILTER (WHERE ${m}) AS m${i}`,
      `count(${d}) AS d${i}`,
      `count(*) FILTER (WHERE ${d} <> round(${d}) OR abs(${d}) >= 9007199254740992) AS f${i}`,
      // CASE makes the costly test lazy: DuckDB evaluates every conjunct of a plain AND
      `count(*) FILTER (WHERE CASE WHEN ${d} IS NOT NULL AND starts_with(${t}, '0') AND strlen(${t}) > 1 THEN regexp_full_match(${t}, '0[0-9]+') ELSE false END) AS z${i}`,
      `count(*) FILTER (WHERE ${d} IS NOT NULL AND ends_with(${t}, '%')) AS p${i}`,
      ...(dates
        ? [
          `count(*) FILTER (WHERE CASE WHEN NOT ${m} AND ${d} IS NULL THEN ${dateExpr(t)} IS NOT NULL ELSE false END) AS t${i}`,
          `count(*) FILTER (WHERE CASE WHEN NOT ${m} AND ${d} IS NULL AND strlen(${t}) BETWEEN 2 AND 6 THEN lower(${t}) IN ${BOOL_WORDS} ELSE false END) AS b${i}`,
        ]
        : []),
      `min(${t}) FILTER (WHERE NOT ${m} AND ${d} IS NULL) AS x${i}`,
      // symbol positions (1-based in MISSING_SYMBOLS) → counts, as "{1=3, 2=1}"; no JSON extension offline
      ...(symbols ? [symbolsAgg(t, m, i)] : []),
      ...(prep.paren
        ? [`count(*) FILTER (WHERE ${d} IS NOT NULL AND starts_with(${t}, '(')) AS l${i}`, `min(${t}) FILTER (WHERE ${d} IS NOT NULL AND starts_with(${t}, '(')) AS y${i}`]
        : [`0 AS l${i}`, `NULL AS y${i}`]),
    );
  });
  return `SELECT ${parts.join(',\n  ')}\nFROM (SELECT ${inner} FROM ${preparedFrom(source, columns, prep, rowColumns)})`;
}

/** symbol positions (1-based in MISSING_SYMBOLS) → counts, as "{1=3, 2=1}"; no JSON extension offline */
const symbolsAgg = (t: string, m: string, i: number): string =>
  `CAST(histogram(list_position([${missingList}], coalesce(${t}, ''))) FILTER (WHERE ${m}) AS VARCHAR) AS s${i}`;

/**
 * The counts `typingStatsSql` leaves out with `dates: false, symbols: false`, for the columns that
 * need them: the date and yes/no counts (t_i, b_i) of columns in which no cell is a number (there
 * its `d_i IS NULL` condition holds for every cell, so the counts are the same), the missing
 * symbols (s_i) of columns with missing cells.
 */
export function moreStatsSql(source: string, columns: { raw: string; dates: boolean; symbols: boolean }[], prep: PrepOptions = FULL_PREP, rowColumns: string[] = columns.map((c) => c.raw)): string {
  const inner = columns.map((_, i) => `t${i}, ${missingCond(`t${i}`)} AS m${i}`).join(', ');
  const parts = columns.flatMap((c, i) => [
    ...(c.dates
      ? [
        `count(*) FILTER (WHERE CASE WHEN NOT m${i} THEN ${dateExpr(`t${i}`)} IS NOT NULL ELSE false END) AS t${i}`,
        `count(*) FILTER (WHERE CASE WHEN NOT m${i} AND strlen(t${i}) BETWEEN 2 AND 6 THEN lower(t${i}) IN ${BOOL_WORDS} ELSE false END) AS b${i}`,
      ]
      : []),
    ...(c.symbols ? [symbolsAgg(`t${i}`, `m${i}`, i)] : []),
  ]);
  const raw = columns.map((c) => c.raw);
  return `SELECT ${parts.join(',\n  ')}\nFROM (SELECT ${inner} FROM ${preparedFrom(source, raw, { ...prep, percent: false, minus: false, paren: false }, rowColumns)})`;
}

/**
 * Whether a cell may count as a date or a yes/no word in the statistics (`dateExpr`'s length and
 * pattern guard, the words' length and spelling). False means it certainly does not: then its
 * column is no date or yes/no column, and the SQL need not count them.
 */
export function mayBeDateOrWord(cell: string): boolean {
  const bytes = new TextEncoder().encode(cell).length;
  if (bytes >= 6 && bytes <= 10 && /^(?:[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{2,4}|[0-9]{4}-[0-9]{2}-[0-9]{2})$/.test(cell)) return true;
  // DuckDB's lower() is Unicode-aware: only plain ASCII cells are judged here
  if (bytes >= 2 && bytes <= 6) return !/^[\x00-\x7f]*$/.test(cell) || WORDS.has(cell.toLowerCase());
  return false;
}
const WORDS = new Set(['ja', 'nein', 'true', 'false', 'wahr', 'falsch', 'yes', 'no']);

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
  /** every non-empty cell is known to be a plain digit run (integer/text) or a plain word (text): no clean-up needed */
  plain?: boolean;
  /** (double) the column holds secrecy signs of the source („·“, „.“): those cells become NaN, not NULL */
  secret?: boolean;
  /** (integer/double) „–“/„-“ cells become 0, not NULL (import option `dashZero`) */
  zero?: boolean;
}

const secretList = SECRET_SYMBOLS.map(quoteLiteral).join(', ');
const dashList = DASH_SYMBOLS.map(quoteLiteral).join(', ');

/**
 * SQL expression converting prepared column i (`t_i`, `p_i`) to `type`; with `secret`, a source's
 * secrecy sign becomes NaN; with `zero`, a dash („genau null“) becomes 0.
 */
export function castExpr(i: number, type: SqlColumnType, f: NumberFormat, plain = false, secret = false, zero = false): string {
  const t = `t${i}`;
  if (zero && (type === 'integer' || type === 'double')) return `CASE WHEN ${t} IN (${dashList}) THEN 0 ELSE ${castExpr(i, type, f, false, secret)} END`;
  if (secret && type === 'double') return `CASE WHEN ${t} IN (${secretList}) THEN CAST('NaN' AS DOUBLE) ELSE ${numberExpr(`p${i}`, f)} END`;
  if (plain && type === 'integer') return `CAST(${t} AS BIGINT)`;
  if (plain && type === 'text') return t;
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

/** `SELECT …` of every column converted to its decided type (body of CREATE/INSERT). */
export function typedSelectBody(source: string, columns: TypedColumn[], f: NumberFormat, prep: PrepOptions = FULL_PREP): string {
  const cols = columns.map((c, i) => `${castExpr(i, c.type, f, c.plain, c.secret, c.zero)} AS ${quoteIdent(c.name)}`);
  return `SELECT\n  ${cols.join(',\n  ')}\nFROM ${preparedFrom(source, columns.map((c) => c.raw), prep)}`;
}

/** `CREATE TABLE target AS SELECT …` with every column converted to its decided type. */
export function typedSelectSql(source: string, target: string, columns: TypedColumn[], f: NumberFormat, prep: PrepOptions = FULL_PREP): string {
  return `CREATE TABLE ${quoteIdent(target)} AS ${typedSelectBody(source, columns, f, prep)}`;
}

/** `INSERT INTO target SELECT …`: appends a further chunk converted the same way. */
export function typedInsertSql(source: string, target: string, columns: TypedColumn[], f: NumberFormat, prep: PrepOptions = FULL_PREP): string {
  return `INSERT INTO ${quoteIdent(target)} ${typedSelectBody(source, columns, f, prep)}`;
}
