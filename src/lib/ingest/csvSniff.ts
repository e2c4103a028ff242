/** Pure sniffing on a decoded text sample: records, delimiter, and where the table sits. */
import { isMissing, parseNumber, type NumberFormat } from './numbers';

export const DELIMITERS = [';', ',', '\t', '|'] as const;

/**
 * Split text into records of fields (RFC 4180 quoting with `""` escapes, newlines inside quotes
 * allowed). Blank lines are kept as `[]` so line numbers stay meaningful. `complete=false` drops
 * the last record, which may be cut off in a sample.
 */
export function splitRecords(text: string, delimiter: string, complete = true): string[][] {
  const out: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotedField = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') (field += '"', i++);
        else inQuotes = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === '' && !quotedField) {
      inQuotes = true;
      quotedField = true;
      field = '';
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      quotedField = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      out.push(fields.length === 1 && fields[0] === '' && !quotedField ? [] : fields);
      fields = [];
      field = '';
      quotedField = false;
    } else field += ch;
  }
  if (complete && (field !== '' || fields.length > 0 || quotedField)) {
    fields.push(field);
    out.push(fields);
  }
  return out;
}

/**
 * Pick the delimiter whose field count is most consistent (and > 1) over the sample lines.
 * Title and footnote lines usually have one field, so they do not disturb the mode.
 */
export function sniffDelimiter(text: string): string {
  let best: string = ';';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const recs = splitRecords(text, d, false).filter((r) => r.length > 0).slice(0, 200);
    if (recs.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of recs) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let mode = 1;
    let freq = 0;
    for (const [k, v] of counts) if (k > 1 && (v > freq || (v === freq && k > mode))) (mode = k), (freq = v);
    if (freq === 0) continue;
    // consistency first, then more columns (a comma inside text splits less regularly than the real delimiter)
    const score = (freq / recs.length) * 1000 + Math.min(mode, 50);
    if (score > bestScore) (bestScore = score), (best = d);
  }
  return best;
}

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

/**
 * Locate the table in non-blank records: title lines above (fewer fields or a single non-empty
 * cell), 1–3 header lines, footnote lines below. `tail` are the last non-blank records of the
 * file (for footers of files larger than the sample).
 */
export function detectLayout(records: string[][], f: NumberFormat, tail: string[][] = records): TableLayout {
  const width = modeWidth(records);
  // a title merged across the sheet (XLSX merges are filled) repeats one value: not a table line
  const distinct = (r: string[]): number => new Set(r.map((c) => c.trim()).filter((c) => c !== '')).size;
  const isTableLine = (r: string[]): boolean => (nonEmpty(r) >= 2 && (distinct(r) >= 2 || width <= 2)) || (width === 1 && r.length === 1);
  const start = records.findIndex(isTableLine);
  if (start < 0) return { headerRow: -1, headerRows: 0, footerRows: 0, width, titleRows: 0 };
  // numeric columns judged on the lower part of the sample (below any header)
  const body = records.slice(start + 1).filter((r) => r.length >= Math.min(2, width));
  const numericCol: boolean[] = [];
  for (let j = 0; j < width; j++) {
    let num = 0;
    let seen = 0;
    for (const r of body.slice(Math.floor(body.length / 3))) {
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
    if ((textInNumeric(r) && noNumbers && namesMost) || (spanning && (yearsOrText || (allText(r) && namesMost)))) headerRows++;
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
    const marker = /^\s*(\*|\d\)|Quelle|Stand|Anm|Hinweis|Fußnote|Erläuterung)/i.test(r[0] ?? '');
    // footnotes start in the first column and read like a sentence ("Quelle: …", "* vorläufig");
    // a short lone name ("Neubaugebiet;;;") is a data row whose values are all missing
    const first = (r[0] ?? '').trim();
    const firstOnly = filled === 1 && first !== '' && (first.length >= 25 || first.includes(':'));
    const footnote = noNumbers && ((firstOnly && (width > 2 || marker)) || (r.length < width && width > 2) || (marker && filled < width));
    // only explicit footnotes ("Quelle", "*", …) may leave no data row at all
    if (n >= max && !marker) break;
    if (r.length < Math.min(width, 2) || footnote) n++;
    else break;
  }
  return n;
}
