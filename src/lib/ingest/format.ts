/**
 * File format by content first, extension second. Files that are no table (PDF, images, Word,
 * GeoPackage, …) get a German message saying what they are and what to do instead.
 */
import { unzipSync } from 'fflate';
import { IngestError, type FileFormat } from './types';

const ext = (name: string): string => name.toLowerCase().split('.').pop() ?? '';

/** Names of the entries of a zip (central directory only; nothing is decompressed). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (f) => (names.push(f.name), false) });
  } catch {
    /* a broken zip: the caller decides */
  }
  return names;
}

/** Share of bytes in the first 4 KB that cannot occur in a text table (NUL, most C0 controls). */
function binaryShare(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, 4096);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12)) bad++;
  }
  return n ? bad / n : 0;
}

const startsWith = (bytes: Uint8Array, sig: number[], at = 0): boolean => sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** Position of an ASCII string at the start of a line in bytes, or -1. */
function findLineStart(bytes: Uint8Array, s: string): number {
  const sig = ascii(s);
  for (let i = bytes.indexOf(sig[0]); i >= 0 && i + sig.length <= bytes.length; i = bytes.indexOf(sig[0], i + 1)) {
    if ((i === 0 || bytes[i - 1] === 10 || bytes[i - 1] === 13) && startsWith(bytes, sig, i)) return i;
  }
  return -1;
}

const TABLE_FORMATS = 'Unterstützt werden CSV/TXT, Excel (XLSX, XLS), OpenDocument-Tabellen (ODS), Parquet, GeoJSON und gezippte Shapefiles.';

/** Not a table at all: say what the file is and how to get a table out of it. */
function refuse(name: string, code: string, what: string, hint: string): never {
  throw new IngestError(`„${name}“ ist ${what} und keine Datentabelle.`, { file: name, code, hint });
}

/** Binary signatures of files people drop by mistake (or export instead of a table). */
const NOT_TABLES: { sig: number[]; at?: number; code: string; what: string; hint: string }[] = [
  {
    sig: ascii('%PDF'), code: 'pdf', what: 'ein PDF-Dokument',
    hint: 'Tabellen in PDFs lassen sich nicht zuverlässig lesen. Fragen Sie die Daten als Excel- oder CSV-Datei an (Statistikstellen liefern sie meist so) oder kopieren Sie die Tabelle nach Excel und speichern Sie sie als .xlsx.',
  },
  ...[[0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], ascii('GIF8'), [0x49, 0x49, 0x2a, 0x00], [0x4d, 0x4d, 0x00, 0x2a], ascii('BM')].map((sig) => ({
    sig, code: 'image', what: 'ein Bild (z. B. ein Foto oder Scan einer Tabelle)',
    hint: 'Aus Bildern können keine Werte gelesen werden. Laden Sie die Tabelle als Excel- oder CSV-Datei.',
  })),
  { sig: ascii('WEBP'), at: 8, code: 'image', what: 'ein Bild (WebP)', hint: 'Aus Bildern können keine Werte gelesen werden. Laden Sie die Tabelle als Excel- oder CSV-Datei.' },
  {
    sig: ascii('SQLite format 3'), code: 'geopackage', what: 'eine SQLite-Datenbank (z. B. ein GeoPackage)',
    hint: 'Exportieren Sie die Ebene im GIS (z. B. QGIS: „Exportieren → Objekte speichern als … GeoJSON“) und laden Sie die GeoJSON-Datei.',
  },
  { sig: [0x1f, 0x8b], code: 'archive', what: 'ein gzip-Archiv', hint: 'Entpacken Sie die Datei und laden Sie die enthaltene Tabelle. Gezippt (ZIP) werden nur Shapefiles gelesen.' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf], code: 'archive', what: 'ein 7-Zip-Archiv', hint: 'Entpacken Sie die Datei und laden Sie die enthaltene Tabelle. Gezippt (ZIP) werden nur Shapefiles gelesen.' },
  { sig: ascii('Rar!'), code: 'archive', what: 'ein RAR-Archiv', hint: 'Entpacken Sie die Datei und laden Sie die enthaltene Tabelle. Gezippt (ZIP) werden nur Shapefiles gelesen.' },
  { sig: ascii('{\\rtf'), code: 'rtf', what: 'ein Textdokument (RTF)', hint: 'Kopieren Sie die Tabelle nach Excel und speichern Sie sie als .xlsx oder CSV.' },
];

const WORD_HINT = 'Kopieren Sie die Tabelle aus dem Dokument nach Excel und speichern Sie sie als .xlsx oder CSV.';

/** What a zip holds: Excel/ODS/Word/PowerPoint (Office Open XML or OpenDocument) or a shapefile. */
function sniffZip(name: string, bytes: Uint8Array): FileFormat {
  const e = ext(name);
  const entries = zipEntryNames(bytes);
  if (entries.some((n) => n.startsWith('xl/'))) return 'xlsx';
  // a damaged archive lists nothing: trust the extension so the right importer explains the damage
  if (entries.length === 0 && (e === 'xlsx' || e === 'xlsm')) return 'xlsx';
  if (entries.some((n) => /\.shp$/i.test(n) && !n.includes('__MACOSX'))) return 'shapefile';
  if (entries.includes('mimetype')) {
    let mime = '';
    try {
      mime = new TextDecoder().decode(unzipSync(bytes, { filter: (f) => f.name === 'mimetype' }).mimetype ?? new Uint8Array());
    } catch {
      /* unreadable: judged below */
    }
    if (mime.includes('opendocument.spreadsheet')) return 'ods';
    if (mime.includes('opendocument.text')) refuse(name, 'word', 'ein Textdokument (OpenDocument, .odt)', WORD_HINT);
  }
  if (entries.some((n) => n.startsWith('word/'))) refuse(name, 'word', 'ein Word-Dokument', WORD_HINT);
  if (entries.some((n) => n.startsWith('ppt/'))) refuse(name, 'powerpoint', 'eine PowerPoint-Präsentation', WORD_HINT);
  throw new IngestError(`„${name}“ ist ein ZIP-Archiv ohne Shapefile (.shp) und ohne Excel-Arbeitsmappe.`, {
    file: name, code: 'zip_unknown', hint: 'Packen Sie .shp, .dbf, .shx und .prj gemeinsam in ein ZIP, oder laden Sie die Datei direkt.',
  });
}

/** Old Office files share one container (OLE2): Excel 97–2003, Word, PowerPoint or an encrypted workbook. */
async function sniffOle(name: string, bytes: Uint8Array): Promise<FileFormat> {
  let paths: string[] = [];
  // SheetJS loads on first use (it is large and rarely needed at start-up)
  const XLSX = await import('@e965/xlsx');
  try {
    paths = XLSX.CFB.read(bytes, { type: 'array' }).FullPaths.map((p: string) => p.replace(/\/$/, '').split('/').pop() ?? '');
  } catch {
    /* damaged container */
  }
  if (paths.includes('Workbook') || paths.includes('Book')) return 'xls';
  if (paths.includes('EncryptedPackage')) {
    throw new IngestError(`„${name}“ ist eine passwortgeschützte Excel-Datei.`, {
      file: name, code: 'encrypted', hint: 'Öffnen Sie die Datei in Excel, entfernen Sie den Kennwortschutz (Datei → Informationen → Arbeitsmappe schützen) und speichern Sie sie erneut.',
    });
  }
  if (paths.includes('WordDocument')) refuse(name, 'word', 'ein Word-Dokument (.doc)', WORD_HINT);
  if (paths.includes('PowerPoint Document')) refuse(name, 'powerpoint', 'eine PowerPoint-Präsentation (.ppt)', WORD_HINT);
  throw new IngestError(`„${name}“ ist eine alte Excel-Datei (.xls), die nicht gelesen werden kann (beschädigt oder unvollständig).`, {
    file: name, code: 'xls', hint: 'Öffnen Sie die Datei in Excel und speichern Sie sie als .xlsx oder als CSV (Trennzeichen Semikolon); laden Sie sie dann erneut.',
  });
}

/** Markup: HTML tables (Excel „Webseite“, portals that save HTML as .xls), Excel 2003 XML, or XML that is no table. */
function sniffMarkup(name: string, head: string): FileFormat {
  const lower = head.toLowerCase();
  if (lower.includes('urn:schemas-microsoft-com:office:spreadsheet') && lower.includes('<workbook')) return 'xls';
  if (/<(html|table|!doctype html)[\s>]/.test(lower)) {
    if (lower.includes('<table')) return 'html';
    refuse(name, 'html', 'eine Webseite (HTML) ohne Tabelle', 'Laden Sie die Daten von der Webseite als CSV- oder Excel-Datei herunter, nicht die Seite selbst.');
  }
  if (/<kml[\s>]/.test(lower)) refuse(name, 'kml', 'eine KML-Datei (Google Earth)', 'Wandeln Sie sie im GIS in GeoJSON um (z. B. QGIS: „Exportieren → Objekte speichern als … GeoJSON“).');
  if (/<(gml:|wfs:featurecollection)/.test(lower)) refuse(name, 'gml', 'eine GML-/WFS-Datei', 'Wandeln Sie sie im GIS in GeoJSON um (z. B. QGIS: „Exportieren → Objekte speichern als … GeoJSON“).');
  if (lower.startsWith('<?xml')) refuse(name, 'xml', 'eine XML-Datei', `${TABLE_FORMATS} Exportieren Sie die Daten in eines dieser Formate.`);
  return 'csv';
}

/**
 * Which importer handles the file: zip with xl/ → xlsx, OpenDocument spreadsheet → ods, zip with a
 * .shp → shapefile, OLE2 workbook or Excel 2003 XML → xls, HTML with a table → html, PAR1 →
 * parquet, JSON FeatureCollection/Feature → geojson, other text → csv. Everything else (PDF,
 * images, Word, archives, GeoPackage, binary) → IngestError saying what the file is.
 */
export async function sniffFormat(name: string, bytes: Uint8Array): Promise<FileFormat> {
  const e = ext(name);
  if (startsWith(bytes, [0x50, 0x4b]) && (bytes[2] === 3 || bytes[2] === 5)) return sniffZip(name, bytes);
  if (bytes.length >= 8 && startsWith(bytes, ascii('PAR1'))) return 'parquet';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return sniffOle(name, bytes);
  for (const n of NOT_TABLES) if (startsWith(bytes, n.sig, n.at)) refuse(name, n.code, n.what, n.hint);
  // PDF readers accept the header anywhere in the first 1024 bytes (after mail or print-spool junk)
  if (findLineStart(bytes.subarray(0, 1024), '%PDF-') >= 0) refuse(name, NOT_TABLES[0].code, NOT_TABLES[0].what, NOT_TABLES[0].hint);
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start < bytes.length && (bytes[start] === 32 || bytes[start] === 9 || bytes[start] === 10 || bytes[start] === 13)) start++;
  const head = (): string => new TextDecoder().decode(bytes.subarray(start, start + 65536));
  if (bytes[start] === 0x7b /* { */ && (e === 'json' || e === 'geojson' || /"type"\s*:\s*"(FeatureCollection|Feature)"/.test(head()))) return 'geojson';
  if (e === 'geojson' || (bytes[start] === 0x5b /* [ */ && e === 'json')) return 'geojson';
  if (bytes[start] === 0x3c /* < */) return sniffMarkup(name, head());
  if (binaryShare(bytes) > 0.01) {
    throw new IngestError(`„${name}“ ist keine Textdatei (Binärdaten) und kein bekanntes Format.`, {
      file: name, code: 'binary', hint: `${TABLE_FORMATS} Exportieren Sie die Daten in eines dieser Formate.`,
    });
  }
  return 'csv';
}

/** The format the file's extension promises, when it is a different one (a renamed or mislabelled file). */
export function extensionMismatch(name: string, format: FileFormat): string | undefined {
  const e = ext(name);
  const expected: Record<string, FileFormat[]> = {
    csv: ['csv'], txt: ['csv'], tsv: ['csv'], xlsx: ['xlsx'], xlsm: ['xlsx'], xls: ['xls'], ods: ['ods'], parquet: ['parquet'],
    geojson: ['geojson'], json: ['geojson'], zip: ['shapefile'], html: ['html'], htm: ['html'],
  };
  const ok = expected[e];
  return ok && !ok.includes(format) ? e : undefined;
}
