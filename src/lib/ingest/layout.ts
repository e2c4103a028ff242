/**
 * Where the table sits in a sheet or text file: title lines above, 1–3 header lines, the body,
 * a sums row („Insgesamt“, „Summe“, „Stadt gesamt“) and footnotes, source lines and symbol
 * legends below. Pure: works on rows of text cells; CSV and XLSX share it.
 */
import { isMissing, parseNumber, type NumberFormat } from './numbers';
import type { RawRow } from './types';

export interface TableLayout {
  /** index (among non-blank records) of the first header line; -1 = no header */
  headerRow: number;
  headerRows: number;
  /** non-blank records at the end that are not part of the table */
  footerRows: number;
  /** number of columns of the table */
  width: number;
  /** non-blank title records above the table (skipped also when there is no header) */
  titleRows: number;
}

const nonEmpty = (r: string[]): number => r.reduce((n, c) => n + (c.trim() === '' ? 0 : 1), 0);
const distinct = (r: string[]): number => new Set(r.map((c) => c.trim()).filter((c) => c !== '')).size;

/** Most frequent record width among records with at least two non-empty fields. */
export function modeWidth(records: string[][]): number {
  const counts = new Map<number, number>();
  for (const r of records) if (nonEmpty(r) >= 2) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let mode = Math.max(1, ...records.map((r) => r.length).slice(0, 1));
  let freq = 0;
  for (const [k, v] of counts) if (v > freq || (v === freq && k > mode)) (mode = k), (freq = v);
  return mode;
}

const isNum = (c: string, f: NumberFormat): boolean => parseNumber(c, f) !== null;
const isYear = (c: string): boolean => /^(19|20)[0-9]{2}$/.test(c.trim());

/** Lines that name the table, its source or its date: never a header or data line. */
const TITLE_MARK = /^\s*(Tabelle|Tab\.|Statistik\b|Titel|Quelle|Datenquelle|Stand\b|Stichtag|Datenstand|Gebietsstand|Hinweis|Anmerkung|Einheit|Erläuterung)/i;
/** Lines below a table that are notes: source, date, remarks, footnote marks, copyright. */
const NOTE_MARK = /^\s*(\*|\d{1,2}\s?\)|[¹²³⁴⁵⁶⁷⁸⁹]|©|\(c\)|Quelle|Datenquelle|Stand\b|Stichtag|Datenstand|Anm|Hinweis|Fußnote|Erläuterung|Zeichenerklärung|Legende|Methodik|Bitte beachten|Copyright|Vervielfältigung)/i;
/** A symbol legend line: „· = Wert geheim gehalten“, „– = nichts vorhanden“, „x = Aussage nicht sinnvoll“. */
const LEGEND = /^\s*(\S{1,4}|\(\s?\))\s*(=|:)\s*\p{L}/u;
/** A rule under the table (GENESIS exports: „__________“). */
const RULE = /^\s*[_\-=–—]{3,}\s*$/;

/** A note line below or above a table (judged on the joined text, so a delimiter inside does not matter). */
export function isNoteLine(r: string[]): boolean {
  const text = r.map((c) => c.trim()).filter((c) => c !== '').join(' ');
  return NOTE_MARK.test(text) || LEGEND.test(text) || RULE.test(text);
}

/**
 * Locate the table in non-blank records: title lines above (fewer fields, a single value, or a
 * title mark such as „Tabelle 3:“), 1–3 header lines, footnote lines below. `tail` are the last
 * non-blank records of the file (for footers of files larger than the sample).
 */
export function detectLayout(records: string[][], f: NumberFormat, tail: string[][] = records): TableLayout {
  const width = modeWidth(records);
  // a title merged across the sheet (XLSX merges are filled) repeats one value: not a table line;
  // a title with a delimiter inside („Tabelle 3: Einwohner; Stand 31.12.“) has a title mark
  const isTableLine = (r: string[]): boolean =>
    ((nonEmpty(r) >= 2 && (distinct(r) >= 2 || width <= 2)) || (width === 1 && r.length === 1)) &&
    !(TITLE_MARK.test(r[0] ?? '') && nonEmpty(r) < Math.min(width, 3)) &&
    !(width >= 5 && nonEmpty(r) === 2 && (r[0] ?? '').trim().length >= 25);
  const start = records.findIndex(isTableLine);
  if (start < 0) return { headerRow: -1, headerRows: 0, footerRows: 0, width, titleRows: 0 };
  // numeric columns judged on the lower part of the sample (below any header)
  const body = records.slice(start + 1).filter((r) => r.length >= Math.min(2, width) && !isNoteLine(r));
  // (at most the last 3 000 records: enough to judge, and parsing every cell of a large sample costs)
  const lower = body.slice(Math.max(Math.floor(body.length / 3), body.length - 3000));
  const numericCol: boolean[] = [];
  for (let j = 0; j < width; j++) {
    let num = 0;
    let seen = 0;
    for (const r of lower) {
      const c = r[j] ?? '';
      if (isMissing(c)) continue;
      seen++;
      if (isNum(c, f)) num++;
    }
    numericCol.push(seen > 0 && num / seen >= 0.8);
  }
  const textInNumeric = (r: string[]): boolean => r.some((c, j) => numericCol[j] && !isMissing(c) && !isNum(c, f));
  const allText = (r: string[]): boolean => r.every((c) => isMissing(c) || !isNum(c, f));
  const first = records[start];
  // a lone all-text line is a header without data (the caller reports that), not a data row
  const hasHeader = textInNumeric(first) || (allText(first) && (body.length === 0 || !body.every(allText) || numericCol.every((x) => !x)));
  const maxFooter = (head: number): number => (tail === records ? records.length - start - head - 1 : 20);
  if (!hasHeader) return { headerRow: -1, headerRows: 0, footerRows: detectFooter(tail, width, numericCol, f, maxFooter(0)), width, titleRows: start };
  let headerRows = 1;
  while (headerRows < 3 && start + headerRows < records.length) {
    const prev = records[start + headerRows - 1];
    const r = records[start + headerRows];
    // spanning header cells: empty right of a label (CSV) or repeated label (filled merged cells in XLSX)
    const spanning = prev.some((c, j) => j > 0 && (prev[j - 1] ?? '').trim() !== '' && (c.trim() === '' || c.trim() === (prev[j - 1] ?? '').trim()));
    const yearsOrText = r.every((c) => isMissing(c) || isYear(c) || !isNum(c, f)) && r.some(isYear);
    // a further header line names most columns and holds no numbers where the data have them
    const noNumbers = r.every((c, j) => !numericCol[j] || isMissing(c) || !isNum(c, f));
    const namesMost = nonEmpty(r) >= Math.max(2, Math.ceil(width / 2));
    // under spanning labels a sub-header line may name only some columns („insgesamt | | unter 18“)
    if ((textInNumeric(r) && noNumbers && namesMost) || (spanning && (yearsOrText || (allText(r) && noNumbers && nonEmpty(r) >= 2)))) headerRows++;
    else break;
  }
  return { headerRow: start, headerRows, footerRows: detectFooter(tail, width, numericCol, f, maxFooter(headerRows)), width, titleRows: start };
}

/** Trailing footnote records; more than `max` (the data rows but one) only when marked as notes. */
function detectFooter(tail: string[][], width: number, numericCol: boolean[], f: NumberFormat, max = 20): number {
  let n = 0;
  for (let i = tail.length - 1; i >= 0 && n < 20; i--) {
    const r = tail[i];
    const filled = nonEmpty(r);
    const noNumbers = r.every((c, j) => !numericCol[j] || isMissing(c) || !isNum(c, f));
    const marker = isNoteLine(r);
    // footnotes start in the first column and read like a sentence ("Quelle: …", "* vorläufig");
    // a short lone name ("Neubaugebiet;;;") is a data row whose values are all missing
    const first = (r[0] ?? '').trim();
    const firstOnly = filled === 1 && first !== '' && (first.length >= 25 || first.includes(':'));
    // a marked note may fill every field when its text holds the delimiter („Quelle: A; B; C“)
    const footnote =
      (noNumbers && ((firstOnly && (width > 2 || marker)) || (r.length < width && width > 2) || (marker && numericCol.some((x) => x)))) || (marker && filled < width);
    // only explicit footnotes ("Quelle", "*", …) may leave no data row at all
    if (n >= max && !marker) break;
    if (r.length < Math.min(width, 2) || footnote) n++;
    else break;
  }
  return n;
}

/** Labels of a sums row; „Stadt Köln“/„Kreis Mettmann“ only count when the numbers add up. */
const TOTAL_STRONG = /^(summe|insgesamt|gesamt|zusammen|total|sum|gesamtsumme|alle gebiete|gesamtstadt|(stadt|kreis|gemeinde|bezirk|land)\s*(gesamt|insgesamt)|.{0,40}\b(insgesamt|gesamt))\s*[*¹²³)]*$/i;
const TOTAL_WEAK = /^(stadt|kreis|gemeinde|landkreis|städteregion|region)\s+\S/i;

/** A sums row kept apart from the areas (offered as a check against the column sums). */
export interface TotalsRow {
  position: 'first' | 'last';
  /** 1-based row in the file/sheet, when known (not for the tail of a large CSV) */
  row?: number;
  label: string;
  cells: string[];
}

export interface LocateOptions {
  /** 1-based row of the (first) header line in the file, blank rows counted; 0 = no header */
  headerRow?: number;
  headerRows?: number;
  footerRows?: number;
  /** keep a detected sums row as a data row */
  keepTotals?: boolean;
  /** how the cells of a note line are joined back (the CSV delimiter) */
  delimiter?: string;
}

/** Role of a row, for the import preview. */
export type RowRole = 'blank' | 'title' | 'header' | 'data' | 'totals' | 'footer';

export interface Located {
  /** 1-based file row of the first header line; 0 = no header */
  headerRow: number;
  headerRows: number;
  /** non-blank title records above the header (or above the body without a header) */
  titleRows: number;
  /** non-blank note records below the table (without a sums row) */
  footerRows: number;
  width: number;
  totals?: TotalsRow;
  /** title lines above and note lines below, as text */
  notes: { above: string[]; below: string[] };
  headerCells: string[][];
  /** non-blank records before the body (titles, header lines, a sums row on top) */
  skip: number;
  /** non-blank records after the body (notes, a sums row at the bottom) */
  drop: number;
  /** the sample's rows with their role (blank rows included), for the preview */
  roles: RowRole[];
  /** the roles of `tail` when the sample is not the whole file */
  tailRoles?: RowRole[];
}

// exactly as the CSV byte scan counts: a row of empty fields is blank, one with a space is not
export const isBlankRow = (r: string[]): boolean => r.every((c) => c === '');
const isBlank = isBlankRow;
const MAX_NOTES = 10;
const clip = (s: string): string => (s.length > 200 ? `${s.slice(0, 199)}…` : s);

/** A note line as written: cells joined by the file's delimiter (a „;“ inside a note stays), trailing empties cut. */
const lineText = (r: string[], sep: string): string => {
  let n = r.length;
  while (n > 0 && r[n - 1].trim() === '') n--;
  // a merged title is filled into every cell of its range: once is enough
  return r.slice(0, n).filter((c, j) => j === 0 || c === '' || c !== r[j - 1]).join(sep).trim();
};

/** A header line of group labels: first column empty, text only, each label above a named column. */
function isGroupLine(r: string[], header: string[], f: NumberFormat): boolean {
  const filled = r.map((c, j) => (c.trim() !== '' ? j : -1)).filter((j) => j >= 0);
  return (
    filled.length >= 1 && (r[0] ?? '').trim() === '' && !isNoteLine(r) &&
    filled.every((j) => !isNum(r[j], f) && (header[j] ?? '').trim() !== '') && filled.length < nonEmpty(header)
  );
}

/** The label of a candidate sums row: its first non-empty text cell among the first three. */
function rowLabel(r: string[], f: NumberFormat): string {
  for (const c of r.slice(0, 3)) if (c.trim() !== '' && !isNum(c, f)) return c.trim();
  return '';
}

/**
 * Whether `cand` holds the column sums of `rows` in most numeric columns (exact up to rounding;
 * counts suppressed for disclosure may leave a small difference).
 */
export function addsUp(cand: string[], rows: string[][], f: NumberFormat): boolean {
  let checked = 0;
  let ok = 0;
  for (let j = 0; j < cand.length; j++) {
    const stated = parseNumber(cand[j] ?? '', f);
    if (!stated || stated.percent) continue;
    let sum = 0;
    let values = 0;
    for (const r of rows) {
      const v = parseNumber(r[j] ?? '', f);
      if (v) (sum += v.value), values++;
    }
    if (values < 2) continue;
    checked++;
    if (Math.abs(sum - stated.value) <= Math.max(0.5, Math.abs(stated.value) * 0.005)) ok++;
  }
  return checked > 0 && ok * 2 >= checked;
}

/**
 * Locate the table in `rows` (blank rows included: index + 1 is the row number in the file or
 * sheet). `tail` = the last non-blank records of a file larger than the sample. User options
 * override what is detected. Sums rows are detected on top and at the bottom of the body.
 */
export function locateTable(rows: string[][], f: NumberFormat, o: LocateOptions = {}, tail?: string[][]): Located {
  const idx: number[] = [];
  rows.forEach((r, i) => !isBlank(r) && idx.push(i));
  const records = idx.map((i) => rows[i]);
  const layout = detectLayout(records, f, tail ?? records);
  let head: number;
  let headerRows: number;
  if (o.headerRow !== undefined && o.headerRow > 0) {
    head = idx.findIndex((i) => i + 1 >= o.headerRow!);
    if (head < 0) head = records.length;
    headerRows = Math.max(1, Math.min(3, o.headerRows ?? 1));
  } else if (o.headerRow !== undefined) {
    head = -1;
    headerRows = 0;
  } else {
    head = layout.headerRow;
    headerRows = head < 0 ? 0 : Math.max(1, Math.min(3, o.headerRows ?? layout.headerRows));
    // a group label right above the header, over the value columns only (GENESIS: „;;;Bevölkerungsstand;;“)
    if (head > 0 && headerRows < 3 && o.headerRows === undefined && idx[head - 1] === idx[head] - 1 && isGroupLine(records[head - 1], records[head], f)) {
      head--;
      headerRows++;
    }
  }
  const titleRows = head >= 0 ? head : o.headerRow !== undefined ? 0 : layout.titleRows;
  const bodyFrom = head >= 0 ? head + headerRows : titleRows;
  const footerRows = o.footerRows ?? layout.footerRows;
  const end = tail ? tail : records;
  // body rows as far as the sample shows them
  const bodyHead = records.slice(bodyFrom, tail ? records.length : Math.max(bodyFrom, records.length - footerRows));
  const bodyTail = tail ? tail.slice(0, Math.max(0, tail.length - footerRows)) : bodyHead;
  let totals: TotalsRow | undefined;
  if (!o.keepTotals && bodyHead.length >= 3) {
    const candidates: [TotalsRow['position'], string[], string[][], number | undefined][] = [
      ['last', bodyTail[bodyTail.length - 1], tail ? [] : bodyHead.slice(0, -1), tail ? undefined : idx[bodyFrom + bodyHead.length - 1] + 1],
      ['first', bodyHead[0], tail ? [] : bodyHead.slice(1), idx[bodyFrom] + 1],
    ];
    for (const [position, cells, others, row] of candidates) {
      if (!cells) continue;
      const label = rowLabel(cells, f);
      // a weak label needs the numbers to add up, which the whole file must show
      if (TOTAL_STRONG.test(label) || (TOTAL_WEAK.test(label) && others.length >= 2 && addsUp(cells, others, f))) {
        totals = { position, row, label, cells };
        break;
      }
    }
  }
  const skip = bodyFrom + (totals?.position === 'first' ? 1 : 0);
  const drop = footerRows + (totals?.position === 'last' ? 1 : 0);
  // roles per row of the sample
  const roles: RowRole[] = rows.map((r) => (isBlank(r) ? 'blank' : 'data'));
  idx.forEach((i, k) => {
    if (k < titleRows) roles[i] = 'title';
    else if (head >= 0 && k >= head && k < head + headerRows) roles[i] = 'header';
    else if (!tail && k >= records.length - footerRows) roles[i] = 'footer';
  });
  if (totals?.row) roles[totals.row - 1] = 'totals';
  const tailRoles = tail?.map((_, k): RowRole => (k >= tail.length - footerRows ? 'footer' : totals?.position === 'last' && k === tail.length - footerRows - 1 ? 'totals' : 'data'));
  return {
    headerRow: head >= 0 && head < records.length ? idx[head] + 1 : 0,
    headerRows: head >= 0 ? headerRows : 0,
    titleRows,
    footerRows,
    width: layout.width,
    totals,
    // rows above a header chosen far down may be a whole other table: keep the notes short
    notes: {
      above: records.slice(0, titleRows).slice(-MAX_NOTES).map((r) => clip(lineText(r, o.delimiter ?? ' '))),
      below: end.slice(end.length - footerRows).slice(0, MAX_NOTES).map((r) => clip(lineText(r, o.delimiter ?? ' '))),
    },
    headerCells: head >= 0 ? records.slice(head, head + headerRows) : [],
    skip,
    drop,
    roles,
    tailRoles,
  };
}

/**
 * Rows of the sample for the import preview, with their roles: the first `head` rows, a window
 * around the header (so a header far down can be seen and chosen), and the last `last` rows of
 * the sample (or of the file's tail).
 */
export function rawRowsOf(rows: string[][], loc: Located, tail?: string[][], head = 150, last = 12): RawRow[] {
  const pick = new Set<number>();
  for (let i = 0; i < Math.min(head, rows.length); i++) pick.add(i);
  if (loc.headerRow > 0) for (let i = Math.max(0, loc.headerRow - 6); i < Math.min(rows.length, loc.headerRow + 10); i++) pick.add(i);
  if (!tail) for (let i = Math.max(0, rows.length - last); i < rows.length; i++) pick.add(i);
  const out: RawRow[] = [...pick].sort((a, b) => a - b).map((i) => ({ row: i + 1, cells: rows[i], role: loc.roles[i] }));
  if (tail && loc.tailRoles) {
    for (let k = Math.max(0, tail.length - last); k < tail.length; k++) out.push({ cells: tail[k], role: loc.tailRoles[k] });
  }
  return out;
}
