/** Contracts of the import pipeline (shared by worker, Node engine, CLI and UI). */
import { AppError, CANCELLED_CODE, TEXT_CODE } from '../contract/errors';
import type { ChunkRunner } from '../parallel/pool';

/** `xls` = Excel 97–2003 (or Excel 2003 XML), `ods` = OpenDocument, `html` = a table saved as a web page. */
export type FileFormat = 'csv' | 'xlsx' | 'xls' | 'ods' | 'html' | 'parquet' | 'geojson' | 'shapefile';

/** Workbook formats read through the spreadsheet importer (sheets, merged cells). */
export const WORKBOOK_FORMATS: readonly FileFormat[] = ['xlsx', 'xls', 'ods', 'html'];
export type Encoding = 'utf-8' | 'windows-1252';
export type ColumnType = 'integer' | 'double' | 'text' | 'boolean' | 'date';

/** Name of the column that holds an area's geometry as GeoJSON text in WGS84 (EPSG:4326). */
export const GEOM_COL = '_geom';

/** Everything the importer detected (and the user may override). */
export interface ImportOptions {
  format?: FileFormat;
  /** CSV/TXT */
  encoding?: Encoding;
  delimiter?: string; // ';' ',' '\t' '|'
  decimal?: ',' | '.';
  thousands?: '.' | ',' | ' ' | "'" | '';
  /**
   * Row of the (first) header line as Excel or a text editor numbers it: 1-based, blank rows
   * counted. 0 (or −1) = the table has no header row.
   */
  headerRow?: number;
  /** number of header lines merged into one name (statistical-office sheets have 2–3). */
  headerRows?: number;
  /** non-blank lines after the table (footnotes, sources, symbol legends) that are dropped */
  footerRows?: number;
  /** keep a detected sums row („Insgesamt“) as a data row instead of setting it apart */
  keepTotals?: boolean;
  /**
   * read a cell „–“, „-“ or „—“ in a number column as 0 (amtlich „nichts vorhanden, genau null“).
   * Off by default: METHODS §6 keeps them missing, because municipal files often use „-“ for „keine Angabe“.
   */
  dashZero?: boolean;
  /** XLSX */
  sheet?: string;
  /** Geometry: CRS of the source when it cannot be detected, e.g. 'EPSG:25832'. */
  crs?: string;
  /** Column names that must stay text (IDs with leading zeros are kept as text anyway). */
  textColumns?: string[];
  /** CSV: bytes per chunk handed to DuckDB (default 16 MB); progress and cancel are checked between chunks. */
  chunkBytes?: number;
}

export interface Detected extends Required<Pick<ImportOptions, 'format'>> {
  encoding?: Encoding;
  bom?: boolean;
  delimiter?: string;
  decimal?: ',' | '.';
  thousands?: string;
  /** 1-based row of the first header line (0 = none) */
  headerRow?: number;
  headerRows?: number;
  footerRows?: number;
  /** a sums row set apart from the areas, with the check against the column sums */
  totals?: TotalsInfo;
  /** title lines above the table and notes below it (sources, footnotes, symbol legends) */
  notes?: { above: string[]; below: string[] };
  sheets?: string[];
  sheet?: string;
  /** why this sheet: its table size (rows × columns of typed data) per sheet */
  sheetScores?: Record<string, number>;
  /** why `sheet` was read: the user's choice, the active or first sheet (a proper table), or the largest table */
  sheetReason?: 'chosen' | 'active' | 'first' | 'largest';
  /** CRS of the source geometry as found ('EPSG:25832', WKT name, …) */
  crs?: string;
  geometryType?: 'polygon' | 'point' | 'line' | 'mixed';
}

/** A sums row („Insgesamt“, „Summe“, „Stadt gesamt“) kept apart and checked against the column sums. */
export interface TotalsInfo {
  position: 'first' | 'last';
  /** 1-based row in the file/sheet, when known */
  row?: number;
  label: string;
  /** per numeric column: the stated total, the sum over the areas, and whether they agree */
  checks: { column: string; stated: number; sum: number; ok: boolean }[];
}

export interface ColumnInfo {
  name: string;
  type: ColumnType | 'geometry';
  nulls: number;
  /** how many cells were one of the German missing-value symbols, by symbol */
  missingSymbols?: Record<string, number>;
  /** values were percentages like "53,40%" (stored as 53.4) */
  percent?: boolean;
  /** how many values stood in parentheses („(3,2)“: limited reliability), stored as the number */
  limited?: number;
  /** how many cells the source kept secret („·“, „.“): stored as NaN, shown as „· geheim (Quelle)“ */
  secret?: number;
  /** how many cells „–“/„-“ were read as 0 (import option `dashZero`) */
  dashZero?: number;
}

export interface ImportWarning {
  code: string;
  /** German, plain language */
  message: string;
  column?: string;
  line?: number;
}

export interface IngestResult {
  table: string;
  rows: number;
  columns: ColumnInfo[];
  detected: Detected;
  warnings: ImportWarning[];
  /** set for geometry files: WGS84 bbox [minX, minY, maxX, maxY] */
  bbox?: [number, number, number, number];
  /** geometry files: the table's distinct GeoJSON type names as `geometryKindsSql` reads them (see `geometryKinds`) */
  geometryKinds?: string[];
}

/** Preview for the import dialog: first rows after applying the options. */
export interface ImportPreview {
  detected: Detected;
  columns: ColumnInfo[];
  rows: (string | number | boolean | null)[][];
  /** the first (and last) rows of the file or sheet with their row number and role, so the user sees what the header/footer choice does */
  rawRows?: RawRow[];
  warnings: ImportWarning[];
}

/** One row of the file as the import dialog shows it. */
export interface RawRow {
  /** 1-based row number (undefined in the tail of a large file) */
  row?: number;
  cells: string[];
  role: 'blank' | 'title' | 'header' | 'data' | 'totals' | 'footer';
}

export interface ProgressHooks {
  onProgress?: (fraction: number, stage: string) => void;
  /** checked between chunks; throw `IngestError('cancelled')` when true */
  isCancelled?: () => boolean;
  /** the engine's worker pool: a large CSV is scanned in a worker while DuckDB reads it */
  runner?: ChunkRunner;
}

/**
 * An import failure the UI can show as is: German message, where, and what to do. It is an
 * {@link AppError} with the message as German text (`TEXT_CODE`), so message and hint cross the
 * worker boundary; `details.code` names the kind (`cancelled`, `encoding` …).
 */
export class IngestError extends AppError {
  readonly details: { file?: string; line?: number; column?: string; hint?: string; code?: string };

  constructor(message: string, details: { file?: string; line?: number; column?: string; hint?: string; code?: string } = {}) {
    super(details.code === CANCELLED_CODE ? CANCELLED_CODE : TEXT_CODE, {
      text: message, hintText: details.hint ?? null, file: details.file ?? null, line: details.line ?? null, column: details.column ?? null, kind: details.code ?? null,
    }, undefined, message);
    this.name = 'IngestError';
    this.details = details;
  }
}
