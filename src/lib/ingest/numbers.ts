/**
 * German number and missing-value conventions, shared by the sniffer (JS) and the SQL typing
 * builder (`../sql/typedSelect.ts`), which implements exactly the same rules in SQL.
 */

/** Cell contents that official statistics use for "no value" (METHODS.md §6); compared after trim. */
export const MISSING_SYMBOLS = ['', '-', '–', '—', '.', '·', '·s', 'x', 'X', '/', 'k.A.', 'k. A.', 'k.a.', '...', '…', '()', '( )', '·q'] as const;

const MISSING = new Set<string>(MISSING_SYMBOLS);

/**
 * Of those, the signs that mean „Zahlenwert unbekannt oder geheim zu halten“ (Zeichenerklärung der
 * amtlichen Statistik: „·“, in GENESIS/CSV exports „.“; „·s“ and „·q“ are our own exports' secondary
 * and source marks).
 * A numeric column keeps such a cell as NaN (not NULL), so it stays „geheim (Quelle)“ — distinct
 * from a value that was not delivered — up to the map, tables, legends and exports.
 */
export const SECRET_SYMBOLS = ['·', '.', '·s', '·q'] as const;

/** „–“ (amtlich „nichts vorhanden, genau null“) and its stand-ins „-“, „—“: missing by default, 0 with the import option `dashZero`. */
export const DASH_SYMBOLS = ['-', '–', '—'] as const;

/** Characters trimmed from both ends of a cell (the SQL side trims the same set). */
export const TRIM_CHARS = ' \t\r\n\u00a0';
const TRIM_RE = /^[ \t\r\n\u00a0]+|[ \t\r\n\u00a0]+$/g;

/** Trim a cell exactly like the SQL typing does. */
export function trimCell(cell: string): string {
  // most cells have nothing to trim: skip the regular expression then
  return cell === '' || (!isTrimChar(cell.charCodeAt(0)) && !isTrimChar(cell.charCodeAt(cell.length - 1))) ? cell : cell.replace(TRIM_RE, '');
}

const isTrimChar = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10 || c === 0xa0;

/** A run of ASCII digits only, short enough to be a finite number (most sampled cells). */
function isDigitRun(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 300) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** True when the trimmed cell is empty or a missing-value symbol. */
export function isMissing(cell: string | null | undefined): boolean {
  return cell == null || MISSING.has(trimCell(cell));
}

export interface NumberFormat {
  decimal: ',' | '.';
  /** '' = none */
  thousands: string;
}

/** Numbers leave SheetJS as JS numbers; they are written with a point and no grouping. */
export const WORKBOOK_FORMAT: NumberFormat = { decimal: '.', thousands: '' };

/** Regex source (anchored) of a number with grouped thousands for the given separators. */
export function groupedPattern(f: NumberFormat): string {
  const t = f.thousands === '.' ? '\\.' : f.thousands === ' ' ? '[  ]' : f.thousands === "'" ? "'" : ',';
  const d = f.decimal === ',' ? ',' : '\\.';
  return `^[-+]?[0-9]{1,3}(${t}[0-9]{3})+(${d}[0-9]*)?$`;
}

/** Regex source of a plain number (no grouping) with the given decimal separator. */
export function plainPattern(f: NumberFormat): string {
  const d = f.decimal === ',' ? ',' : '\\.';
  return `^[-+]?([0-9]+(${d}[0-9]*)?|${d}[0-9]+)([eE][-+]?[0-9]+)?$`;
}

/**
 * Parse one cell as a number the way the SQL typing does: trim, strip a trailing "%", accept
 * thousands separators only in proper groups ("1.234,5", never "1.5" with decimal ","), decimal
 * separator as given; „(3,2)“ is 3,2 with `limited` set (official „( )“: value of limited
 * reliability, e.g. a small sample). Returns null for anything else (including missing symbols).
 */
export function parseNumber(cell: string, f: NumberFormat): { value: number; percent: boolean; limited: boolean } | null {
  // a plain digit run is the same number in every format (the patterns below agree)
  if (isDigitRun(cell)) return { value: Number(cell), percent: false, limited: false };
  const t = trimCell(cell);
  const percent = t.endsWith('%');
  const limited = isParenthesised(t);
  let s = (limited ? t.slice(1, -1) : t).replace(/\u2212/g, '-').replace(/[% ]+$/, '');
  const re = patterns(f);
  if (f.thousands && re.grouped.test(s)) s = s.split(f.thousands === ' ' ? /[  ]/ : f.thousands).join('');
  else if (!re.plain.test(s)) return null;
  if (f.decimal === ',') s = s.replace(',', '.');
  const value = Number(s);
  return Number.isFinite(value) ? { value, percent, limited } : null;
}

/** Compiled once per format: the sniffer calls parseNumber for every sampled cell. */
const compiled = new Map<string, { grouped: RegExp; plain: RegExp }>();
function patterns(f: NumberFormat): { grouped: RegExp; plain: RegExp } {
  const key = f.decimal + f.thousands;
  let re = compiled.get(key);
  if (!re) compiled.set(key, (re = { grouped: new RegExp(groupedPattern(f)), plain: new RegExp(plainPattern(f)) }));
  return re;
}

/** „(…)“ around a trimmed cell: the official sign for a value of limited reliability. */
function isParenthesised(t: string): boolean {
  return t.length >= 2 && t.startsWith('(') && t.endsWith(')');
}

/** An ID-like token: digits with a leading zero ("001", "06010102") — such columns stay text. */
export function hasLeadingZero(cell: string): boolean {
  return /^0[0-9]/.test(cell.trim());
}

const SIGN = '^[-+\u2212]?';
/** The cell shapes `guessNumberFormat` counts (compiled once: it runs over every sampled cell). */
const GUESS = {
  commaDecDotGroups: new RegExp(`${SIGN}[0-9]{1,3}(\\.[0-9]{3})+,[0-9]+$`),
  pointDecCommaGroups: new RegExp(`${SIGN}[0-9]{1,3}(,[0-9]{3})+\\.[0-9]+$`),
  dotGroups: new RegExp(`${SIGN}[0-9]{1,3}(\\.[0-9]{3}){2,}$`),
  spaceGroups: new RegExp(`${SIGN}[0-9]{1,3}([ \u00a0][0-9]{3})+(,[0-9]+)?$`),
  ambiguousDot: new RegExp(`${SIGN}[0-9]{1,3}\\.[0-9]{3}$`),
  commaDec: new RegExp(`${SIGN}[0-9]+,[0-9]+$`),
  pointDec: new RegExp(`${SIGN}[0-9]*\\.[0-9]+$`),
};

/**
 * Guess decimal and thousands separators from sample cell values (quoting already resolved).
 * "1.234" alone is ambiguous; it counts as German grouping only in semicolon files or when
 * there is no unambiguous decimal point elsewhere.
 */
export function guessNumberFormat(cells: string[], delimiter: string): NumberFormat {
  let commaDec = 0;
  let pointDec = 0;
  let ambiguousDot = 0;
  let dotGroups = 0;
  let commaGroups = 0;
  let spaceGroups = 0;
  for (const raw of cells) {
    // a plain digit run matches none of the shapes counted below
    if (isDigitRun(raw)) continue;
    const c = raw.trim().replace(/\s*%$/, '');
    if (!/^[-+\u2212]?[0-9]/.test(c)) continue;
    if (GUESS.commaDecDotGroups.test(c)) (commaDec++, dotGroups++);
    else if (GUESS.pointDecCommaGroups.test(c)) (pointDec++, commaGroups++);
    else if (GUESS.dotGroups.test(c)) dotGroups++;
    else if (GUESS.spaceGroups.test(c)) spaceGroups++;
    else if (GUESS.ambiguousDot.test(c)) ambiguousDot++;
    else if (GUESS.commaDec.test(c)) commaDec++;
    else if (GUESS.pointDec.test(c)) pointDec++;
  }
  if (commaDec > pointDec || (pointDec === 0 && (dotGroups > 0 || spaceGroups > 0 || (ambiguousDot > 0 && delimiter === ';')))) {
    return { decimal: ',', thousands: dotGroups > 0 || ambiguousDot > 0 ? '.' : spaceGroups > 0 ? ' ' : '' };
  }
  if (pointDec > 0 || ambiguousDot > 0) return { decimal: '.', thousands: commaGroups > 0 && delimiter !== ',' ? ',' : '' };
  return { decimal: delimiter === ';' ? ',' : '.', thousands: '' };
}
