/**
 * Import pipeline: one entry for every format. `previewFile` for the import dialog,
 * `ingestFile` to create a DuckDB table. Tables are built under a temporary name and swapped in
 * only when complete, so a failed or cancelled import leaves nothing behind.
 */
import type { Duck } from '../db/duck';
import { utf16ToUtf8 } from './encoding';
import { quoteIdent } from '../sql/ident';
import { loadCsv, planCsv } from './csv';
import { checkCancelled } from './errors';
import { extensionMismatch, sniffFormat } from './format';
import type { TotalsRow } from './layout';
import { WORKBOOK_FORMAT, type NumberFormat } from './numbers';
import { checkTotals } from './totals';
import { loadGeoJson } from './geojson';
import { loadShapefile } from './shapefile';
import { dropQuietly, swapIn, tempName } from './table';
import { IngestError, GEOM_COL, type FileFormat, type ImportOptions, type ImportPreview, type IngestResult, type ProgressHooks, type RawRow } from './types';

export * from './types';
export { sniffFormat } from './format';

/** The file as the pipeline sees it (a browser `File` read into bytes, or a file read in Node). */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

const PREVIEW_ROWS = 50;
const PREVIEW_BYTES = 1024 * 1024;

type Loaded = Omit<IngestResult, 'table'> & { rawRows?: RawRow[]; totalsRow?: TotalsRow; numberFormat?: NumberFormat };

const FORMAT_NAMES: Record<FileFormat, string> = {
  csv: 'eine Textdatei (CSV)', xlsx: 'eine Excel-Arbeitsmappe (XLSX)', xls: 'eine Excel-97–2003-Datei (XLS)', ods: 'eine OpenDocument-Tabelle (ODS)',
  html: 'eine Webseite mit Tabelle (HTML)', parquet: 'eine Parquet-Datei', geojson: 'eine GeoJSON-Datei', shapefile: 'ein gezipptes Shapefile',
};

async function load(duck: Duck, input: InputFile, target: string, options: ImportOptions, hooks: ProgressHooks, preview: boolean): Promise<Loaded> {
  const utf8 = utf16ToUtf8(input.bytes);
  if (utf8) {
    const r = await loadFormat(duck, { name: input.name, bytes: utf8 }, target, options, hooks, preview);
    const note = { code: 'utf16', message: `„${input.name}“ ist UTF-16-kodiert (Excel „Unicode-Text“) und wurde nach UTF-8 umgewandelt.` };
    return { ...r, detected: { ...r.detected, encoding: 'utf-8' }, warnings: [note, ...r.warnings] };
  }
  return loadFormat(duck, input, target, options, hooks, preview);
}

async function loadFormat(duck: Duck, file: InputFile, target: string, options: ImportOptions, hooks: ProgressHooks, preview: boolean): Promise<Loaded> {
  const format = options.format ?? (await sniffFormat(file.name, file.bytes));
  const r = await loadAs(format, duck, file, target, options, hooks, preview);
  const renamed = extensionMismatch(file.name, format);
  if (renamed && format !== 'html') {
    r.warnings.unshift({ code: 'extension', message: `„${file.name}“ ist ${FORMAT_NAMES[format]}, obwohl der Name auf .${renamed} endet; sie wurde entsprechend gelesen.` });
  }
  if (r.totalsRow) r.detected = { ...r.detected, totals: checkTotals(duck, target, r.columns, r.totalsRow, r.numberFormat ?? WORKBOOK_FORMAT) };
  return r;
}

async function loadAs(format: FileFormat, duck: Duck, file: InputFile, target: string, options: ImportOptions, hooks: ProgressHooks, preview: boolean): Promise<Loaded> {
  switch (format) {
    case 'csv': {
      const plan = planCsv(file.name, file.bytes, options);
      const r = await loadCsv(duck, file.name, file.bytes, target, plan, options, hooks, preview ? PREVIEW_BYTES : undefined);
      return { ...r, detected: plan.detected, rawRows: plan.rawRows, totalsRow: plan.totals, numberFormat: plan.format };
    }
    case 'xlsx':
    case 'xls':
    case 'ods':
    case 'html':
      // SheetJS and hyparquet (≈ 1.3 MB of code) load on first use: the engine worker starts faster
      return (await import('./xlsx')).loadXlsx(duck, file.name, file.bytes, target, options, hooks, format);
    case 'parquet':
      return (await import('./parquet')).loadParquet(duck, file.name, file.bytes, target, hooks);
    case 'geojson':
      return loadGeoJson(duck, file.name, file.bytes, target, options, hooks);
    case 'shapefile':
      return loadShapefile(duck, file.name, file.bytes, target, options, hooks);
    default:
      throw new IngestError(`Unbekanntes Format „${String(format)}“.`, { file: file.name, code: 'format' });
  }
}

function wrapUnexpected(file: string, e: unknown): never {
  if (e instanceof IngestError) throw e;
  const msg = e instanceof Error ? e.message : String(e);
  throw new IngestError(`„${file}“ konnte nicht importiert werden: ${msg}`, { file, code: 'internal', hint: 'Prüfen Sie das Dateiformat; bereits geladene Tabellen sind unverändert.' });
}

/**
 * Import `file` into the DuckDB table `tableName` (replacing a table of that name only on
 * success). Reports progress and honours cancellation between chunks.
 */
export async function ingestFile(duck: Duck, file: InputFile, tableName: string, options: ImportOptions = {}, hooks: ProgressHooks = {}): Promise<IngestResult> {
  const temp = tempName('tbl');
  try {
    hooks.onProgress?.(0, 'Erkennen');
    const r = await load(duck, file, temp, options, hooks, false);
    checkCancelled(file.name, hooks.isCancelled);
    swapIn(duck, temp, tableName);
    hooks.onProgress?.(1, 'Fertig');
    const { rawRows: _raw, totalsRow: _t, numberFormat: _f, ...rest } = r;
    return { table: tableName, ...rest };
  } catch (e) {
    dropQuietly(duck, temp);
    wrapUnexpected(file.name, e);
  }
}

/** Detection and the first rows after applying `options`, for the live preview of the import dialog. */
export async function previewFile(duck: Duck, file: InputFile, options: ImportOptions = {}): Promise<ImportPreview> {
  const temp = tempName('preview');
  try {
    const r = await load(duck, file, temp, options, {}, true);
    const t = duck.query(`SELECT * FROM ${quoteIdent(temp)} LIMIT ${PREVIEW_ROWS}`);
    const names = t.schema.fields.map((f) => f.name);
    const rows = t.toArray().map((row) => {
      const o = row.toJSON() as Record<string, unknown>;
      return names.map((n) => {
        const v = o[n];
        if (v == null) return null;
        if (n === GEOM_COL && typeof v === 'string') return v.length > 80 ? `${v.slice(0, 77)}…` : v;
        if (typeof v === 'bigint') return Number(v);
        if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
        if (v instanceof Date) return v.toISOString().slice(0, 10);
        return String(v);
      });
    });
    return { detected: r.detected, columns: r.columns, rows, rawRows: r.rawRows, warnings: r.warnings };
  } catch (e) {
    wrapUnexpected(file.name, e);
  } finally {
    dropQuietly(duck, temp);
  }
}
