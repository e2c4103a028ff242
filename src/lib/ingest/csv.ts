/** CSV/TXT import: sniff a sample in JS, then let DuckDB's read_csv parse ≈16 MB chunks into a VARCHAR staging table. */
import type { Duck } from '../db/duck';
import { isCancelled } from '../contract/errors';
import { quoteIdent } from '../sql/ident';
import { DELIMITERS, splitRecords, sniffDelimiter } from './csvSniff';
import { locateTable, rawRowsOf, type TotalsRow } from './layout';
import type { ScanOptions } from './csvScan';
import { scanBytes } from './csvScanWasm';
import { readAhead, aheadAgrees } from './csvAhead';
import { eachChunk, finishTyped, readCsvSql, readTyped, type Chunks } from './csvRead';
import { decodeBytes, detectEncoding } from './encoding';
import { mergeHeaderRows, uniqueNames } from './names';
import { guessNumberFormat, type NumberFormat } from './numbers';
import { dropQuietly, tempName } from './table';
import { accumulateStats, buildTyped, decideColumns, emptyStats, statsFromClasses, type ColumnStats, type StatsAcc } from './typing';
import type { PrepOptions } from '../sql/typedSelect';
import { IngestError, type ColumnInfo, type Detected, type ImportOptions, type ImportWarning, type ProgressHooks, type RawRow } from './types';

const HEAD_BYTES = 256 * 1024;
const TAIL_BYTES = 64 * 1024;
export const CHUNK_BYTES = 16 * 1024 * 1024;

export interface CsvPlan {
  detected: Detected;
  mixed: boolean;
  format: NumberFormat;
  /** non-blank records before the body (titles, header lines, a sums row on top) */
  skipRecords: number;
  /** non-blank records after the body (notes, a sums row at the bottom) */
  footerRows: number;
  width: number;
  headerCells: string[][];
  /** a sums row kept apart (checked against the column sums after loading) */
  totals?: TotalsRow;
  rawRows: RawRow[];
  bodyStart: number;
  warnings: ImportWarning[];
}

/** Records with content; lines of only delimiters count as blank (as in the byte scan). */
const nonBlank = (rs: string[][]): string[][] => rs.filter((r) => r.some((c) => c !== ''));

/** Detect encoding, delimiter, number format and table layout from a head (and tail) sample; options override. */
export function planCsv(name: string, bytes: Uint8Array, options: ImportOptions = {}): CsvPlan {
  const warnings: ImportWarning[] = [];
  const enc = detectEncoding(bytes);
  const encoding = options.encoding ?? enc.encoding;
  const mixed = encoding === 'windows-1252' && enc.mixed && !options.encoding;
  if (mixed) {
    warnings.push({ code: 'mixed_encoding', message: `„${name}“ mischt UTF-8 und Windows-1252 (Byte ${enc.firstInvalid}). Zeilen wurden einzeln dekodiert; prüfen Sie Umlaute.` });
  }
  const bodyStart = enc.bom && encoding === 'utf-8' ? 3 : 0;
  const whole = bytes.length - bodyStart <= HEAD_BYTES;
  let headEnd = Math.min(bytes.length, bodyStart + HEAD_BYTES);
  if (!whole) headEnd = bytes.lastIndexOf(10, headEnd) + 1 || headEnd;
  const head = decodeBytes(bytes.subarray(bodyStart, headEnd), encoding, mixed);
  if (head.trim() === '') {
    throw new IngestError(`Die Datei „${name}“ ist leer.`, { file: name, code: 'empty', hint: 'Prüfen Sie, ob die richtige Datei gewählt wurde, und exportieren Sie sie erneut.' });
  }
  // Excel writes "sep=;" as a first line when asked to; it names the delimiter and is no title
  const sepLine = /^sep=(.)\r?\n/i.exec(head);
  if (sepLine) warnings.push({ code: 'sep_line', line: 1, message: `Zeile 1 von „${name}“ („sep=${sepLine[1]}“) ist ein Excel-Hinweis auf das Trennzeichen und wurde übersprungen.` });
  const delimiter = options.delimiter ?? (sepLine ? sepLine[1] : sniffDelimiter(head));
  const all = splitRecords(head, delimiter, whole);
  const records = nonBlank(all);
  let tail: string[][] | undefined;
  if (!whole) {
    const from = bytes.indexOf(10, Math.max(headEnd, bytes.length - TAIL_BYTES)) + 1;
    tail = from > 0 ? nonBlank(splitRecords(decodeBytes(bytes.subarray(from), encoding, mixed), delimiter)) : [];
  }
  const sampleCells: string[] = [];
  for (let k = 1; k < records.length; k++) for (const c of records[k]) sampleCells.push(c);
  const guessed = guessNumberFormat(sampleCells, delimiter);
  const format: NumberFormat = { decimal: options.decimal ?? guessed.decimal, thousands: options.thousands ?? guessed.thousands };
  const loc = locateTable(all, format, { ...options, delimiter }, tail);
  const headerCells = loc.headerCells;
  const skipRecords = loc.skip;
  const width = Math.max(loc.width, ...headerCells.map((r) => r.length), 1);
  const detected: Detected = {
    format: 'csv', encoding, bom: enc.bom, delimiter, decimal: format.decimal, thousands: format.thousands,
    headerRow: loc.headerRow, headerRows: loc.headerRows, footerRows: loc.footerRows, notes: loc.notes,
  };
  for (const [k, r] of records.slice(0, loc.titleRows).entries()) {
    const line = r.join(delimiter);
    const other = DELIMITERS.find((d) => d !== delimiter && line.split(d).length >= Math.max(2, width));
    if (other) {
      const show = (d: string): string => (d === '\t' ? 'Tabulator' : d);
      warnings.push({
        code: 'mixed_delimiters', line: k + 1,
        message: `Zeile ${k + 1} von „${name}“ verwendet ein anderes Trennzeichen („${show(other)}“) als die Tabelle („${show(delimiter)}“) und wurde übersprungen. Prüfen Sie die Kopfzeile.`,
      });
    }
  }
  const rawRows = rawRowsOf(all, loc, tail);
  return { detected, mixed, format, skipRecords, footerRows: loc.drop, width, headerCells, totals: loc.totals, rawRows, bodyStart, warnings };
}

/**
 * Load the CSV into `target` (which must not exist yet). `limitBytes` loads only a head slice
 * (preview). Returns typed column infos and warnings.
 */
export async function loadCsv(
  duck: Duck, name: string, bytes: Uint8Array, target: string, plan: CsvPlan, options: ImportOptions, hooks: ProgressHooks = {}, limitBytes?: number,
): Promise<{ columns: ColumnInfo[]; warnings: ImportWarning[]; rows: number }> {
  const warnings = [...plan.warnings];
  const delimiter = plan.detected.delimiter ?? ';';
  const limited = limitBytes !== undefined && bytes.length > limitBytes;
  const src = limited ? bytes.subarray(0, bytes.lastIndexOf(10, limitBytes) + 1 || limitBytes) : bytes;
  const scanOpts: ScanOptions = {
    start: plan.bodyStart, skipRecords: plan.skipRecords, footerRecords: limited ? 0 : plan.footerRows,
    expectedFields: plan.width, chunkBytes: Math.max(1024, options.chunkBytes ?? CHUNK_BYTES),
  };
  // after a read ahead that is not kept the import starts again: progress never goes back
  let shown = 0;
  const report = hooks.onProgress;
  const steady: ProgressHooks = { ...hooks, onProgress: report && ((f, stage) => f >= shown && report((shown = f), stage)) };
  const base = { duck, name, src, delimiter, plan, hooks: steady };
  // a large file with a worker beside this one: the worker scans while DuckDB reads with the sample's types
  const ahead = limited ? undefined : await readAhead(base, target, scanOpts, hooks.runner, options.textColumns);
  const scan = ahead?.scan ?? scanBytes(src, delimiter, scanOpts);
  const dropAhead = () => ahead?.read && dropQuietly(duck, target);
  if (scan.openQuoteLine !== undefined && !limited) {
    dropAhead();
    throw new IngestError(`In „${name}“ wird in Zeile ${scan.openQuoteLine} ein Anführungszeichen (") geöffnet, aber nie geschlossen.`, {
      file: name, line: scan.openQuoteLine, code: 'open_quote', hint: 'Schließen Sie das Anführungszeichen in dieser Zeile oder entfernen Sie es, und laden Sie die Datei erneut.',
    });
  }
  if (scan.bodyRecords === 0) {
    dropAhead();
    throw new IngestError(`„${name}“ enthält nur Kopf- oder Titelzeilen, aber keine Datenzeilen.`, {
      file: name, code: 'no_data', hint: 'Prüfen Sie die Datei oder wählen Sie im Importdialog eine andere Kopfzeile.',
    });
  }
  const width = Math.max(plan.width, scan.maxFields);
  if (scan.ragged.count > 0) {
    const where = scan.ragged.lines.map((l, k) => `Zeile ${l} (${scan.ragged.fields[k]} Felder)`).join(', ');
    warnings.push({
      code: 'ragged_rows', line: scan.ragged.lines[0],
      message: `${scan.ragged.count} Zeile(n) haben nicht ${plan.width} Felder, z. B. ${where}. Fehlende Felder sind leer${width > plan.width ? ', zusätzliche Felder wurden als eigene Spalten angehängt' : ''}.`,
    });
  }
  const header = mergeHeaderRows(plan.headerCells, width);
  const names = uniqueNames(header, warnings);
  const rawColumns = names.map((_, j) => `c${j}`);
  const bounds = [scan.bodyStart, ...scan.cuts, scan.bodyEnd];
  // columns the byte scan already classified completely (plain digits / empty / plain words) skip the statistics
  const known = rawColumns.map((_, j) => statsFromClasses(scan.classes[j]));
  const isKnown = known.map((k) => k !== undefined);
  const chunks: Chunks = { ...base, bounds, width };
  if (isKnown.every(Boolean)) {
    // every cell is empty, a plain digit run or a plain word: DuckDB reads the types directly
    const decided = decideColumns({ rows: scan.bodyRecords, cols: known as ColumnStats[] }, rawColumns, names, options.textColumns, isKnown, options.dashZero);
    const done = { columns: decided.columns, warnings: [...warnings, ...decided.warnings], rows: scan.bodyRecords };
    // the read ahead stands when the scan confirms what it assumed
    if (ahead?.read && aheadAgrees(ahead.read, scan, width, decided.typed) && finishTyped(duck, target, decided.typed, scan)) return done;
    dropAhead();
    try {
      await readTyped(chunks, target, decided.typed);
      if (finishTyped(duck, target, decided.typed, scan)) return done;
    } catch (e) {
      // the scan and DuckDB disagree on a cell (not seen, but possible): the general path below decides
      if (isCancelled(e)) throw e;
    }
    dropQuietly(duck, target);
  } else dropAhead();
  // what the SQL clean-up must handle (three passes over the bytes: only the general path needs them)
  const prep: PrepOptions = { trim: scan.padded, percent: src.includes(0x25), minus: plan.detected.encoding === 'utf-8' && hasUnicodeMinus(src), paren: src.includes(0x28) };
  const staging = tempName('csv');
  const parts: string[] = [];
  const acc: StatsAcc = { rows: 0, cols: known.map((k) => k ?? emptyStats()) };
  // a plain word (a letter first, no number, date, symbol or yes/no word) makes a column text;
  // a file of one chunk (where first-use costs dominate) gets the lean statistics (see accumulateStats)
  const words = rawColumns.map((_, j) => (scan.classes[j]?.text ?? 0) > 0);
  try {
    await eachChunk(chunks, 0.7, (k, file, bytes) => {
      const part = `${staging}_${k}`;
      parts.push(part);
      duck.query(`CREATE TABLE ${quoteIdent(part)} (${rawColumns.map((c) => `${quoteIdent(c)} VARCHAR`).join(', ')})`);
      duck.query(`INSERT INTO ${quoteIdent(part)} SELECT * FROM ${readCsvSql(file, delimiter, width, bytes)}`);
      accumulateStats(duck, part, rawColumns, plan.format, prep, acc, isKnown, words, bounds.length <= 2);
    });
    // scan-classified columns hold no padding, symbols or separators: cast without clean-up
    const decided = decideColumns(acc, rawColumns, names, options.textColumns, isKnown, options.dashZero);
    buildTyped(duck, name, parts, target, decided.typed, plan.format, prep, steady, 0.7, 0.98);
    return { columns: decided.columns, warnings: [...warnings, ...decided.warnings], rows: acc.rows };
  } finally {
    for (const p of parts) dropQuietly(duck, p);
  }
}

/** Whether UTF-8 bytes contain "−" (U+2212, E2 88 92), which German tables sometimes use as minus. */
function hasUnicodeMinus(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0xe2); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xe2, i + 1)) {
    if (bytes[i + 1] === 0x88 && bytes[i + 2] === 0x92) return true;
  }
  return false;
}
