/** XLSX via @e965/xlsx: sheet choice, merged cells, cached formula values, Excel errors → NULL; typed by the CSV typing SQL. */
import { Table, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import * as XLSX from '@e965/xlsx';
import type { Duck } from '../db/duck';
import { detectLayout } from './csvSniff';
import { checkCancelled } from './errors';
import { mergeHeaderRows, uniqueNames } from './names';
import type { NumberFormat } from './numbers';
import { dropQuietly, tempName } from './table';
import { typeTable } from './typing';
import { IngestError, type Detected, type ImportOptions, type ImportWarning, type IngestResult, type ProgressHooks } from './types';

const FORMAT: NumberFormat = { decimal: '.', thousands: '' };

/** A sheet as text cells ('' = empty), merged regions filled with their top-left value; counts Excel errors. */
export function sheetCells(ws: XLSX.WorkSheet): { cells: string[][]; errors: { count: number; where: string[]; codes: Set<string> } } {
  const errors = { count: 0, where: [] as string[], codes: new Set<string>() };
  const ref = ws['!ref'];
  if (!ref) return { cells: [], errors };
  const range = XLSX.utils.decode_range(ref);
  const cells: string[][] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const row: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) {
      const addr = XLSX.utils.encode_cell({ r, c });
      const cell = ws[addr] as XLSX.CellObject | undefined;
      let v = '';
      if (cell) {
        if (cell.t === 'e') {
          errors.count++;
          errors.codes.add(cell.w ?? XLSX.utils.format_cell(cell));
          if (errors.where.length < 5) errors.where.push(addr);
        } else if (cell.t === 'n') v = Number.isFinite(cell.v as number) ? String(cell.v) : '';
        else if (cell.t === 'b') v = cell.v ? 'true' : 'false';
        else if (cell.t === 'd') v = cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
        else if (cell.v != null) v = String(cell.v);
      }
      row.push(v);
    }
    cells.push(row);
  }
  for (const m of ws['!merges'] ?? []) {
    const top = cells[m.s.r - range.s.r]?.[m.s.c - range.s.c] ?? '';
    for (let r = m.s.r; r <= m.e.r; r++) for (let c = m.s.c; c <= m.e.c; c++) {
      const row = cells[r - range.s.r];
      if (row && c - range.s.c < row.length) row[c - range.s.c] = top;
    }
  }
  return { cells, errors };
}

/** Load one sheet of an XLSX workbook into `target`. */
export function loadXlsx(duck: Duck, file: string, bytes: Uint8Array, target: string, options: ImportOptions, hooks: ProgressHooks = {}): Omit<IngestResult, 'table'> {
  const warnings: ImportWarning[] = [];
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'array', cellDates: true, cellFormula: false, cellHTML: false, cellStyles: false });
  } catch (e) {
    throw new IngestError(`„${file}“ ist keine lesbare Excel-Datei (${(e as Error).message}).`, { file, code: 'xlsx_corrupt', hint: 'Öffnen Sie die Datei in Excel und speichern Sie sie erneut als .xlsx.' });
  }
  hooks.onProgress?.(0.3, 'Tabellenblatt lesen');
  const sheets = wb.SheetNames;
  if (options.sheet && !sheets.includes(options.sheet)) {
    throw new IngestError(`„${file}“ hat kein Tabellenblatt „${options.sheet}“.`, { file, code: 'no_sheet', hint: `Vorhanden: ${sheets.join(', ')}.` });
  }
  const nonEmpty = (name: string): boolean => sheetCells(wb.Sheets[name]).cells.some((r) => r.some((c) => c !== ''));
  const sheet = options.sheet ?? sheets.find(nonEmpty);
  if (!sheet) throw new IngestError(`„${file}“ enthält nur leere Tabellenblätter.`, { file, code: 'empty', hint: 'Prüfen Sie, ob die richtige Datei gewählt wurde.' });
  const { cells, errors } = sheetCells(wb.Sheets[sheet]);
  if (errors.count) {
    warnings.push({
      code: 'excel_errors',
      message: `Tabellenblatt „${sheet}“: ${errors.count} Zelle(n) mit Excel-Fehlern (${[...errors.codes].join(', ')}, z. B. ${errors.where.join(', ')}) wurden leer übernommen.`,
    });
  }
  checkCancelled(file, hooks.isCancelled);
  const records = cells.filter((r) => r.some((c) => c.trim() !== ''));
  const layout = detectLayout(records, FORMAT);
  const headerRow = options.headerRow ?? layout.headerRow;
  const headerRows = headerRow < 0 ? 0 : Math.max(1, options.headerRows ?? (options.headerRow === undefined ? layout.headerRows : 1));
  const footerRows = options.footerRows ?? layout.footerRows;
  const bodyFrom = headerRow < 0 ? (options.headerRow === -1 ? 0 : layout.titleRows) : headerRow + headerRows;
  const body = records.slice(bodyFrom, Math.max(bodyFrom, records.length - footerRows));
  if (body.length === 0) {
    throw new IngestError(`Tabellenblatt „${sheet}“ in „${file}“ enthält keine Datenzeilen.`, { file, code: 'no_data', hint: 'Wählen Sie ein anderes Tabellenblatt oder eine andere Kopfzeile.' });
  }
  const width = Math.max(...records.map((r) => r.length));
  const names = uniqueNames(mergeHeaderRows(headerRow < 0 ? [] : records.slice(headerRow, headerRow + headerRows), width), warnings);
  const rawColumns = names.map((_, j) => `c${j}`);
  const cols: Record<string, Vector> = {};
  rawColumns.forEach((c, j) => (cols[c] = vectorFromArray(body.map((r) => (r[j] === '' || r[j] === undefined ? null : r[j])), new Utf8())));
  const staging = tempName('xlsx');
  try {
    duck.insertArrow(staging, new Table(cols));
    hooks.onProgress?.(0.7, 'Typen erkennen');
    const typed = typeTable(duck, { source: staging, target, rawColumns, names, format: FORMAT, textColumns: options.textColumns });
    const detected: Detected = { format: 'xlsx', sheets, sheet, headerRow, headerRows, footerRows, decimal: '.' };
    return { rows: typed.rows, columns: typed.columns, detected, warnings: [...warnings, ...typed.warnings] };
  } finally {
    dropQuietly(duck, staging);
  }
}
