/**
 * Decide each column's type from SQL statistics and build the typed table. CSV and XLSX share
 * this; CSV feeds it chunk by chunk so progress and cancel work during typing too.
 */
import type { Duck } from '../db/duck';
import { DASH_SYMBOLS, SECRET_SYMBOLS, type NumberFormat } from './numbers';
import {
  mayBeDateOrWord, moreStatsSql, notAllNull, parseSymbolCounts, typedInsertSql, typedSelectSql, typingStatsSql, FULL_PREP, type PrepOptions, type SqlColumnType, type TypedColumn,
} from '../sql/typedSelect';
import { dropQuietly } from './table';
import { quoteIdent } from '../sql/ident';
import { checkCancelled } from './errors';
import type { ColumnInfo, ImportWarning, ProgressHooks } from './types';

/** Per-column counts, summed over chunks. */
export interface ColumnStats {
  m: number;
  d: number;
  f: number;
  z: number;
  p: number;
  t: number;
  b: number;
  x: string | null;
  s: Record<string, number>;
  /** numbers in parentheses („(3,2)“, limited reliability) and the smallest of them */
  l: number;
  y: string | null;
}

export interface StatsAcc {
  rows: number;
  cols: ColumnStats[];
}

export const emptyStats = (): ColumnStats => ({ m: 0, d: 0, f: 0, z: 0, p: 0, t: 0, b: 0, x: null, s: {}, l: 0, y: null });

/** `'always'`: dates, yes/no words and symbols counted in every column, in one query (the typing before; for the test that compares). */
export const statsMode = { dates: 'needed' as 'needed' | 'always' };

/**
 * Run the statistics query on one staging table and add its counts to `acc`. Columns with
 * `known[i]` set (already classified from the raw bytes) are left out of the query.
 *
 * The date and yes/no counts decide a type only where every filled cell is one, i.e. in columns
 * without numbers, without plain words (`words[i]`: the byte scan saw a cell starting with a
 * letter that is neither) and whose smallest other cell may be one ({@link mayBeDateOrWord}).
 * Only such columns are counted, in a second query; elsewhere they stay 0, which decides the same
 * type. The second query also counts the missing symbols of the columns with missing cells (none
 * elsewhere). On the demo's CSV neither is needed, which spares the first import ≈ 0.2 MB of
 * DuckDB code compiled on first use (date parsing, the histogram aggregate). `split: false` keeps
 * everything in one query (a file read in several chunks: one pass over each chunk, as before).
 */
export function accumulateStats(
  duck: Duck, source: string, rawColumns: string[], format: NumberFormat, prep: PrepOptions, acc?: StatsAcc, known?: boolean[], words?: boolean[], split = true,
): StatsAcc {
  const out = acc ?? { rows: 0, cols: rawColumns.map(emptyStats) };
  const idx = rawColumns.map((_, i) => i).filter((i) => !known?.[i]);
  if (!idx.length) {
    out.rows += Number(duck.query(`SELECT count(*) AS n FROM ${quoteIdent(source)} WHERE ${notAllNull(rawColumns)}`).get(0)?.toJSON().n ?? 0);
    return out;
  }
  const always = statsMode.dates === 'always' || !split;
  const row = (duck.query(typingStatsSql(source, idx.map((i) => rawColumns[i]), format, prep, rawColumns, { dates: always, symbols: always })).get(0)?.toJSON() ?? {}) as Record<string, unknown>;
  const num = (k: string): number => Number(row[k] ?? 0);
  const rows = num('n');
  out.rows += rows;
  const more: { i: number; dates: boolean; symbols: boolean }[] = [];
  const addSymbols = (c: ColumnStats, s: unknown) => {
    for (const [sym, n] of Object.entries(parseSymbolCounts(typeof s === 'string' ? s : null))) c.s[sym] = (c.s[sym] ?? 0) + n;
  };
  idx.forEach((i, q) => {
    const c = out.cols[i];
    for (const k of ['m', 'd', 'f', 'z', 'p', 'l', ...(always ? (['t', 'b'] as const) : [])] as const) c[k] += num(`${k}${q}`);
    const x = row[`x${q}`] as string | null | undefined;
    if (x != null && (c.x === null || x < c.x)) c.x = x;
    const y = row[`y${q}`] as string | null | undefined;
    if (y != null && (c.y === null || y < c.y)) c.y = y;
    if (always) return addSymbols(c, row[`s${q}`]);
    // x: the smallest filled cell that is no number (none when the chunk's column is empty)
    const dates = num(`d${q}`) === 0 && rows > num(`m${q}`) && !words?.[i] && x != null && mayBeDateOrWord(x);
    const symbols = num(`m${q}`) > 0;
    if (dates || symbols) more.push({ i, dates, symbols });
  });
  if (more.length) {
    const r = (duck.query(moreStatsSql(source, more.map((m) => ({ raw: rawColumns[m.i], dates: m.dates, symbols: m.symbols })), prep, rawColumns)).get(0)?.toJSON() ?? {}) as Record<string, unknown>;
    more.forEach((m, q) => {
      const c = out.cols[m.i];
      c.t += Number(r[`t${q}`] ?? 0);
      c.b += Number(r[`b${q}`] ?? 0);
      addSymbols(c, r[`s${q}`]);
    });
  }
  return out;
}

/**
 * Statistics of a column whose raw cells are all empty, plain digit runs or plain words — exactly
 * what the SQL would count for them — so the query can skip it. Undefined when SQL is needed.
 */
export function statsFromClasses(c: { empty: number; digits: number; zeros: number; other: number; text: number } | undefined): ColumnStats | undefined {
  // mixed digits and words need the SQL statistics (for the example value of the warning)
  if (!c || c.other > 0 || (c.text > 0 && c.digits + c.zeros > 0)) return undefined;
  return { ...emptyStats(), m: c.empty, d: c.digits + c.zeros, z: c.zeros, s: c.empty ? { '': c.empty } : {} };
}

function decide(st: ColumnStats, rows: number, forceText: boolean): SqlColumnType {
  const filled = rows - st.m;
  if (forceText || filled === 0 || st.z > 0) return 'text';
  if (st.d === filled) return st.f === 0 && st.p === 0 ? 'integer' : 'double';
  if (st.t === filled) return 'date';
  if (st.b === filled) return 'boolean';
  return 'text';
}

/** A dash counted as a number 0 instead of a missing cell (import option `dashZero`). */
function dashesAsZero(st: ColumnStats): { st: ColumnStats; dashes: number } {
  const dashes = DASH_SYMBOLS.reduce((n, s) => n + (st.s[s] ?? 0), 0);
  if (!dashes) return { st, dashes };
  const s = { ...st.s };
  for (const d of DASH_SYMBOLS) delete s[d];
  return { st: { ...st, m: st.m - dashes, d: st.d + dashes, s }, dashes };
}

/**
 * Types, column infos and warnings from the accumulated statistics. `dashZero`: a dash („–“, „-“)
 * in a number column is 0 (amtlich „genau null“), not missing; said in one notice.
 */
export function decideColumns(
  acc: StatsAcc, rawColumns: string[], names: string[], textColumns: string[] = [], plain: boolean[] = [], dashZero = false,
): { typed: TypedColumn[]; columns: ColumnInfo[]; warnings: ImportWarning[] } {
  const text = new Set(textColumns.map((c) => c.toLowerCase()));
  const typed: TypedColumn[] = [];
  const columns: ColumnInfo[] = [];
  const warnings: ImportWarning[] = [];
  const secrets: string[] = [];
  const zeros: string[] = [];
  rawColumns.forEach((raw, i) => {
    const name = names[i];
    const forceText = text.has(name.toLowerCase());
    let st = acc.cols[i];
    let dashes = 0;
    if (dashZero && !forceText) {
      // the dashes count as numbers only where the column is numeric with them
      const z = dashesAsZero(st);
      const t = z.dashes ? decide(z.st, acc.rows, false) : 'text';
      if (t === 'integer' || t === 'double') [st, dashes] = [z.st, z.dashes];
    }
    const decided = decide(st, acc.rows, forceText);
    const secret = decided === 'integer' || decided === 'double' ? SECRET_SYMBOLS.reduce((n, s) => n + (st.s[s] ?? 0), 0) : 0;
    // NaN marks a secret cell, and only DOUBLE holds NaN
    const type = secret ? 'double' : decided;
    typed.push({ raw, name, type, plain: plain[i] && (type === 'integer' || type === 'text'), ...(secret ? { secret: true } : {}), ...(dashes ? { zero: true } : {}) });
    const filled = acc.rows - st.m;
    const info: ColumnInfo = { name, type, nulls: st.m };
    if (Object.keys(st.s).length) info.missingSymbols = { ...st.s };
    if (secret) {
      info.secret = secret;
      secrets.push(`„${name}“ (${secret})`);
    }
    if (dashes) {
      info.dashZero = dashes;
      zeros.push(`„${name}“ (${dashes})`);
    }
    if (type === 'double' && st.p > 0) info.percent = true;
    const numeric = type === 'integer' || type === 'double';
    if (numeric && st.l > 0) info.limited = st.l;
    columns.push(info);
    if (numeric && st.l > 0) {
      warnings.push({
        code: 'limited_values',
        column: name,
        message: `Spalte „${name}“: ${st.l} ${st.l === 1 ? 'Wert steht' : 'Werte stehen'} in Klammern (z. B. „${st.y ?? ''}“) – in der amtlichen Statistik heißt das „Aussagewert eingeschränkt“ (z. B. kleine Stichprobe). Als Zahl übernommen; deuten Sie ${st.l === 1 ? 'ihn' : 'sie'} vorsichtig.`,
      });
    }
    if (type === 'text' && filled > 0 && st.z === 0 && st.d > 0 && st.d >= filled / 2) {
      const bad = filled - st.d;
      warnings.push({
        code: 'text_in_numeric',
        column: name,
        message: `Spalte „${name}“: ${bad} ${bad === 1 ? 'Wert ist keine Zahl' : 'Werte sind keine Zahl'} (z. B. „${st.x ?? ''}“) – als Text importiert. Korrigieren Sie die Werte oder das Dezimalzeichen.`,
      });
    }
    if (acc.rows > 0 && filled === 0) warnings.push({ code: 'empty_column', column: name, message: `Spalte „${name}“ enthält keine Werte.` });
  });
  // one notice for all columns (the app shows the first three warnings of a file)
  if (zeros.length) {
    warnings.unshift({
      code: 'dash_zero',
      message: `„–“/„-“ als 0 gelesen (amtlich: nichts vorhanden, genau null) in ${zeros.length === 1 ? 'Spalte' : 'Spalten'} ${zeros.join(', ')} – Einstellung „„–“/„-“ als 0 lesen“ im Importdialog; ohne sie fehlen diese Werte.`,
    });
  }
  if (secrets.length) {
    warnings.unshift({
      code: 'source_secret',
      message: `In der Quelle geheim gehaltene Werte (Zeichen ·) in ${secrets.length === 1 ? 'Spalte' : 'Spalten'} ${secrets.join(', ')} – gezeigt als „· geheim (Quelle)“, nicht als fehlend.`,
    });
  }
  return { typed, columns, warnings };
}

/**
 * Create `target` from the staging tables `sources` (in order), dropping each after use.
 * Progress runs from `from` to `to`.
 */
export function buildTyped(
  duck: Duck, file: string, sources: string[], target: string, typed: TypedColumn[], format: NumberFormat, prep: PrepOptions,
  hooks: ProgressHooks = {}, from = 0.9, to = 1,
): void {
  sources.forEach((src, k) => {
    checkCancelled(file, hooks.isCancelled);
    duck.query(k === 0 ? typedSelectSql(src, target, typed, format, prep) : typedInsertSql(src, target, typed, format, prep));
    dropQuietly(duck, src);
    hooks.onProgress?.(from + ((to - from) * (k + 1)) / sources.length, 'Tabelle anlegen');
  });
}

export interface TypingInput {
  /** all-VARCHAR staging table */
  source: string;
  target: string;
  rawColumns: string[];
  names: string[];
  format: NumberFormat;
  textColumns?: string[];
  prep?: PrepOptions;
  /** a dash in a number column is 0 (import option `dashZero`) */
  dashZero?: boolean;
}

/** One-shot typing of a single staging table (XLSX). */
export function typeTable(duck: Duck, input: TypingInput): { columns: ColumnInfo[]; warnings: ImportWarning[]; rows: number } {
  const prep = input.prep ?? FULL_PREP;
  const acc = accumulateStats(duck, input.source, input.rawColumns, input.format, prep);
  const { typed, columns, warnings } = decideColumns(acc, input.rawColumns, input.names, input.textColumns, [], input.dashZero);
  buildTyped(duck, input.source, [input.source], input.target, typed, input.format, prep);
  return { columns, warnings, rows: acc.rows };
}
