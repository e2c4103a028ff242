/** Guesses of a table's key, name and year columns (the UI's defaults and the CLI's). */
import type { ColumnInfo } from './types';

const ID_RE = /(^|_)(id|nr|nummer|schl(ue|ü)ssel|key|code|ags|ars|gkz|fips|polyid|raum_id|planning_area)$|^(id|nr|schluessel)/i;
const NAME_RE = /(^|_)(name|bez(eichnung)?|stadtteil|gebiet|raum|gemeinde)$|name/i;
const YEAR_RE = /^(jahr|year|berichtsjahr|stichtag|zeit)$/i;

/** A likely key column: named like an ID, else the first text column. */
export function guessIdColumn(cols: ColumnInfo[]): string | undefined {
  const usable = cols.filter((c) => c.type !== 'geometry');
  return usable.find((c) => ID_RE.test(c.name))?.name ?? usable.find((c) => c.type === 'text')?.name ?? usable[0]?.name;
}

export function guessNameColumn(cols: ColumnInfo[]): string | undefined {
  return cols.find((c) => c.type === 'text' && NAME_RE.test(c.name) && !ID_RE.test(c.name))?.name;
}

export function guessYearColumn(cols: ColumnInfo[]): string | undefined {
  return cols.find((c) => YEAR_RE.test(c.name))?.name;
}
