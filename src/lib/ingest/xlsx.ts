/**
 * Workbooks via @e965/xlsx (SheetJS): XLSX, XLS (97–2003 and 2003 XML), ODS and HTML tables.
 * The sheet holding the table is chosen by its size in typed data; merged cells are filled;
 * cached formula values are used; Excel errors become NULL; typed by the CSV typing SQL.
 */
import { Table, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import * as XLSX from '@e965/xlsx';
import type { Duck } from '../db/duck';
import { decodeBytes, detectEncoding } from './encoding';
import { checkCancelled } from './errors';
import { isBlankRow, locateTable, rawRowsOf, type TotalsRow } from './layout';
import { mergeHeaderRows, uniqueNames } from './names';
import { parseNumber, WORKBOOK_FORMAT } from './numbers';
import { dropQuietly, tempName } from './table';
import { typeTable } from './typing';
import { IngestError, type Detected, type FileFormat, type ImportOptions, type ImportWarning, type IngestResult, type ProgressHooks, type RawRow } from './types';

/** A number as text without binary noise (0.534 × 100 = 53.400000000000006 → "53.4"). */
const numText = (v: number): string => String(Number(v.toPrecision(15)));

/**
 * A sheet as text cells ('' = empty), from row 1 (so index + 1 is Excel's row number), merged
 * regions filled with their top-left value. Percent-formatted numbers keep what Excel shows
 * ("53.4%"); Excel errors are counted and left empty.
 */
export function sheetCells(ws: XLSX.WorkSheet): { cells: string[][]; errors: { count: number; where: string[]; codes: Set<string> } } {
  const errors = { count: 0, where: [] as string[], codes: new Set<string>() };
  const ref = ws['!ref'];
  if (!ref) return { cells: [], errors };
  const range = XLSX.utils.decode_range(ref);
  const cells: string[][] = [];
  for (let r = 0; r <= range.e.r; r++) {
    const row: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) {
      const addr = XLSX.utils.encode_cell({ r, c });
      const cell = r < range.s.r ? undefined : (ws[addr] as XLSX.CellObject | undefined);
      let v = '';
      if (cell) {
        if (cell.t === 'e') {
          errors.count++;
          errors.codes.add(cell.w ?? XLSX.utils.format_cell(cell));
          if (errors.where.length < 5) errors.where.push(addr);
        } else if (cell.t === 'n') {
          const n = cell.v as number;
          v = !Number.isFinite(n) ? '' : cell.w?.trim().endsWith('%') ? `${numText(n * 100)}%` : numText(n);
        } else if (cell.t === 'b') v = cell.v ? 'true' : 'false';
        else if (cell.t === 'd') v = cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
        else if (cell.v != null) v = String(cell.v).trim() === '' ? '' : String(cell.v);
      }
      row.push(v);
    }
    cells.push(row);
  }
  for (const m of ws['!merges'] ?? []) {
    const top = cells[m.s.r]?.[m.s.c - range.s.c] ?? '';
    for (let r = m.s.r; r <= m.e.r; r++) for (let c = m.s.c; c <= m.e.c; c++) {
      const row = cells[r];
      if (row && c - range.s.c < row.length && c >= range.s.c) row[c - range.s.c] = top;
    }
  }
  return { cells, errors };
}

/**
 * Size of the table a sheet holds, in typed data: rows with a number and at least two filled
 * cells × columns that are numbers in at least half of those rows. An info sheet scores ~0.
 */
export function sheetScore(cells: string[][]): number {
  const s = sheetShape(cells);
  return s.rows * s.cols;
}

/** Rows with a number and at least two filled cells, and the columns that are numbers in at least half of them. */
function sheetShape(cells: string[][]): { rows: number; cols: number } {
  const rows = cells.filter((r) => r.filter((c) => c !== '').length >= 2 && r.some((c) => parseNumber(c, WORKBOOK_FORMAT) !== null));
  if (rows.length === 0) return { rows: 0, cols: 0 };
  const width = Math.max(...rows.map((r) => r.length));
  let cols = 0;
  for (let j = 0; j < width; j++) {
    let n = 0;
    for (const r of rows) if (parseNumber(r[j] ?? '', WORKBOOK_FORMAT) !== null) n++;
    if (n * 2 >= rows.length) cols++;
  }
  return { rows: rows.length, cols };
}

/** A table in its own right: at least three rows with numbers and a column of numbers (not an info or notes sheet). */
export const isProperTable = (cells: string[][]): boolean => {
  const s = sheetShape(cells);
  return s.rows >= 3 && s.cols >= 1;
};

/**
 * Which sheet to read without the user's choice (QA-25): the workbook's active sheet (the first when
 * none is marked) when it holds a proper table — what the author meant, e.g. „Ergebnisse“ of our own
 * export — else the one with the largest typed table.
 */
export function chooseSheet(sheets: string[], cells: Map<string, string[][]>, scores: Record<string, number>, active = 0): { sheet: string | undefined; reason: 'first' | 'active' | 'largest' } {
  const front = sheets[active] ?? sheets[0];
  if (front !== undefined && isProperTable(cells.get(front)!)) return { sheet: front, reason: active > 0 ? 'active' : 'first' };
  const filled = sheets.filter((s) => cells.get(s)!.some((r) => !isBlankRow(r)));
  return { sheet: filled.reduce<string | undefined>((a, s) => (a === undefined || scores[s] > scores[a] ? s : a), undefined), reason: 'largest' };
}

const HTML_CHARSET = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i;

function readWorkbook(file: string, bytes: Uint8Array, format: FileFormat): XLSX.WorkBook {
  const opts: XLSX.ParsingOptions = { cellDates: true, cellFormula: false, cellHTML: false, cellStyles: false, dense: false };
  const what = format === 'html' ? 'lesbare Tabelle (HTML)' : format === 'ods' ? 'lesbare OpenDocument-Tabelle' : 'lesbare Excel-Datei';
  try {
    if (format === 'html') {
      // decode ourselves: portals save such "xls" files as UTF-8 or Windows-1252
      const declared = HTML_CHARSET.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 4096)))?.[1]?.toLowerCase();
      const enc = declared && /1252|8859-1|latin/.test(declared) ? 'windows-1252' : detectEncoding(bytes).encoding;
      return XLSX.read(decodeBytes(bytes, enc), { ...opts, type: 'string' });
    }
    return XLSX.read(bytes, { ...opts, type: 'array' });
  } catch (e) {
    throw new IngestError(`„${file}“ ist keine ${what} (${(e as Error).message}).`, {
      file, code: 'xlsx_corrupt', hint: 'Öffnen Sie die Datei in Excel oder LibreOffice und speichern Sie sie erneut als .xlsx.',
    });
  }
}

export type WorkbookLoaded = Omit<IngestResult, 'table'> & { rawRows: RawRow[]; totalsRow?: TotalsRow };

/** Load one sheet of a workbook into `target`: the user's, else the active/first one when it holds a table, else the one with the largest typed table. */
export function loadXlsx(
  duck: Duck, file: string, bytes: Uint8Array, target: string, options: ImportOptions, hooks: ProgressHooks = {}, format: FileFormat = 'xlsx',
): WorkbookLoaded {
  const warnings: ImportWarning[] = [];
  const wb = readWorkbook(file, bytes, format);
  hooks.onProgress?.(0.3, 'Tabellenblatt lesen');
  const sheets = wb.SheetNames;
  if (options.sheet && !sheets.includes(options.sheet)) {
    throw new IngestError(`„${file}“ hat kein Tabellenblatt „${options.sheet}“.`, { file, code: 'no_sheet', hint: `Vorhanden: ${sheets.join(', ')}.` });
  }
  const grids = new Map(sheets.map((s) => [s, sheetCells(wb.Sheets[s])]));
  const scores: Record<string, number> = {};
  for (const [s, g] of grids) scores[s] = sheetScore(g.cells);
  // SheetJS reads bookViews/workbookView@activeTab but its WBView type does not declare it
  const activeTab = Number((wb.Workbook?.Views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0) || 0;
  const auto = chooseSheet(sheets, new Map([...grids].map(([s, g]) => [s, g.cells])), scores, activeTab);
  const sheet = options.sheet ?? auto.sheet;
  const sheetReason = options.sheet ? 'chosen' : auto.reason;
  if (!sheet) throw new IngestError(`„${file}“ enthält nur leere Tabellenblätter.`, { file, code: 'empty', hint: 'Prüfen Sie, ob die richtige Datei gewählt wurde.' });
  const { cells: raw, errors } = grids.get(sheet)!;
  if (errors.count) {
    warnings.push({
      code: 'excel_errors',
      message: `Tabellenblatt „${sheet}“: ${errors.count} Zelle(n) mit Excel-Fehlern (${[...errors.codes].join(', ')}, z. B. ${errors.where.join(', ')}) wurden leer übernommen.`,
    });
  }
  if (format === 'html') {
    warnings.push({ code: 'html_table', message: `„${file}“ ist eine als Tabelle gespeicherte Webseite (HTML), keine echte Excel-Datei; die Tabelle wurde daraus gelesen. Prüfen Sie Zahlen und Umlaute.` });
  }
  checkCancelled(file, hooks.isCancelled);
  const cells = dropEmptyColumns(raw);
  const loc = locateTable(cells, WORKBOOK_FORMAT, options);
  const records = cells.filter((r) => !isBlankRow(r));
  const body = records.slice(loc.skip, Math.max(loc.skip, records.length - loc.drop));
  if (body.length === 0) {
    throw new IngestError(`Tabellenblatt „${sheet}“ in „${file}“ enthält keine Datenzeilen.`, { file, code: 'no_data', hint: 'Wählen Sie ein anderes Tabellenblatt oder eine andere Kopfzeile.' });
  }
  const width = Math.max(1, ...records.map((r) => r.length));
  const names = uniqueNames(mergeHeaderRows(loc.headerCells, width), warnings);
  const rawColumns = names.map((_, j) => `c${j}`);
  const cols: Record<string, Vector> = {};
  rawColumns.forEach((c, j) => (cols[c] = vectorFromArray(body.map((r) => (r[j] === '' || r[j] === undefined ? null : r[j])), new Utf8())));
  const staging = tempName('xlsx');
  try {
    duck.insertArrow(staging, new Table(cols));
    hooks.onProgress?.(0.7, 'Typen erkennen');
    const typed = typeTable(duck, { source: staging, target, rawColumns, names, format: WORKBOOK_FORMAT, textColumns: options.textColumns, dashZero: options.dashZero });
    const detected: Detected = {
      format, sheets, sheet, sheetReason, sheetScores: scores, headerRow: loc.headerRow, headerRows: loc.headerRows, footerRows: loc.footerRows, notes: loc.notes, decimal: '.',
    };
    return { rows: typed.rows, columns: typed.columns, detected, warnings: [...warnings, ...typed.warnings], rawRows: rawRowsOf(cells, loc), totalsRow: loc.totals };
  } finally {
    dropQuietly(duck, staging);
  }
}

/** Leave out columns that are empty in every row (formatted but unused sheet columns). */
function dropEmptyColumns(cells: string[][]): string[][] {
  const width = Math.max(0, ...cells.map((r) => r.length));
  const keep: number[] = [];
  for (let j = 0; j < width; j++) if (cells.some((r) => (r[j] ?? '') !== '')) keep.push(j);
  if (keep.length === width) return cells;
  return cells.map((r) => keep.map((j) => r[j] ?? ''));
}
