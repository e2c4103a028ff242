/**
 * Display rules for numbers (issue 13): years and codes never get a thousands separator, German
 * mode writes 1.234,5 and „12,3 %“, English mode writes 1,234.5 and "12.3%" everywhere (also in
 * p-values, units and the scale factor), and every rate carries its unit. Pure: no DOM, no state;
 * the language comes in as an argument (default: the current UI language).
 */
import { fmtNumber, getLang, type Lang } from '../../i18n/index';

/**
 * Column names that hold a year (Jahr, Berichtsjahr, year, JAHR_2 …): German compounds end in
 * „jahr“, English names are `year`/`yr` as a word part.
 */
const YEAR_NAME = /(^|[_\s.-])(jahr|year|yr|jahrgang)([_\s.-]|$)|jahr$/i;
/** Column names that hold a key or code (ids, Gemeindeschlüssel, PLZ …), never a quantity. */
const CODE_NAME = /(^|[_\s.-])(id|nr|no|nummer|key|code|schl(ue|ü)ssel|kennung|ags|ars|gkz|plz|fid|objectid|gid)([_\s.-]|$)|^(id|fid)\d*$/i;

/** A column as far as formatting cares: its name and storage type. */
export interface FormatColumn {
  name: string;
  type?: string;
}

/** True when the column's name says it holds years. */
export function isYearColumn(name: string): boolean {
  return YEAR_NAME.test(name);
}

/** True when the column's name says it holds keys or codes. */
export function isCodeColumn(name: string): boolean {
  return CODE_NAME.test(name);
}

/** A year as written: `2019`, never `2.019` or `2,019`; non-integers fall back to numbers. */
export function fmtYear(y: number | string | null | undefined, lang: Lang = getLang()): string {
  if (y === null || y === undefined || y === '') return '–';
  if (typeof y === 'string') return y;
  if (Number.isNaN(y)) return '–';
  return Number.isInteger(y) ? String(y) : fmtNumber(y, undefined, lang);
}

/**
 * One table cell: years and integer codes as plain digits, other numbers in the language's format,
 * anything else as text (empty for null). NaN is a cell the source kept secret („·“ on import).
 */
export function fmtCell(v: unknown, col: FormatColumn, lang: Lang = getLang()): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'bigint') v = Number(v);
  if (typeof v !== 'number') return String(v);
  if (Number.isNaN(v)) return '·';
  if (Number.isInteger(v) && (isYearColumn(col.name) || isCodeColumn(col.name))) return String(v);
  return fmtNumber(v, undefined, lang);
}

/** Whole number with the language's thousands separator (counts, inhabitants). */
export function fmtInt(n: number | null | undefined, lang: Lang = getLang()): string {
  return fmtNumber(n, 0, lang);
}

/**
 * A unit after a number: `12,3 %` in German (DIN 5008: space before % and ‰), `12.3%` in English;
 * other units always with a space (`4,5 km²`). Empty unit → empty suffix.
 */
export function unitSuffix(unit: string, lang: Lang = getLang()): string {
  if (!unit) return '';
  if ((unit === '%' || unit === '‰') && lang === 'en') return unit;
  return ` ${unit}`;
}

/** A percentage with its sign in the language's style. */
export function fmtPercent(x: number | null | undefined, digits = 1, lang: Lang = getLang()): string {
  const s = fmtNumber(x, digits, lang);
  return s === '–' ? s : s + unitSuffix('%', lang);
}

/** A p-value: three decimals, below 0.001 as „< 0,001“ / "< 0.001". */
export function fmtP(p: number | null | undefined, lang: Lang = getLang()): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '–';
  return p < 0.001 ? `< ${fmtNumber(0.001, 3, lang)}` : fmtNumber(p, 3, lang);
}

/** The unit of a rate with this scale: 100 → %, 1000 → ‰, other scales have none. */
export function rateUnit(scale: number | null | undefined): '' | '%' | '‰' {
  return scale === 100 ? '%' : scale === 1000 ? '‰' : '';
}

/** Unit of a change between two years of a rate: percentage points (Prozentpunkte) and their ‰ twin. */
export function changeUnit(scale: number | null | undefined, lang: Lang = getLang()): string {
  const u = rateUnit(scale);
  if (u === '%') return lang === 'de' ? 'Prozentpunkte' : 'percentage points';
  if (u === '‰') return lang === 'de' ? 'Promillepunkte' : 'per-mille points';
  return '';
}

/** Short form of {@link changeUnit} for legends and table cells (Pp. / pp). */
export function changeUnitShort(scale: number | null | undefined, lang: Lang = getLang()): string {
  const u = rateUnit(scale);
  if (u === '%') return lang === 'de' ? 'Pp.' : 'pp';
  if (u === '‰') return lang === 'de' ? '‰-Pkt.' : '‰ pts';
  return '';
}

/** A signed number (+1,2 / −0,4 with a real minus sign) for changes. */
export function fmtSigned(x: number | null | undefined, digits?: number, lang: Lang = getLang()): string {
  const s = fmtNumber(x, digits, lang);
  if (s === '–' || x === null || x === undefined) return s;
  if (/^-?0([.,]0*)?$/.test(s)) return s.replace(/^-/, '');
  if (x > 0) return `+${s}`;
  return s.replace(/^-/, '−');
}
