/** File format by magic bytes first, extension second. */
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

/**
 * Which importer handles the file: zip with a .shp → shapefile, zip with xl/ → xlsx, PAR1 →
 * parquet, JSON FeatureCollection/Feature → geojson, other text → csv; binary → IngestError.
 */
export function sniffFormat(name: string, bytes: Uint8Array): FileFormat {
  const e = ext(name);
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) {
    const entries = zipEntryNames(bytes);
    if (entries.some((n) => n.startsWith('xl/'))) return 'xlsx';
    // a damaged archive lists nothing: trust the extension so the right importer explains the damage
    if (entries.length === 0 && e === 'xlsx') return 'xlsx';
    if (entries.some((n) => /\.shp$/i.test(n) && !n.includes('__MACOSX'))) return 'shapefile';
    throw new IngestError(`„${name}“ ist ein ZIP-Archiv ohne Shapefile (.shp) und ohne Excel-Arbeitsmappe.`, {
      file: name, code: 'zip_unknown', hint: 'Packen Sie .shp, .dbf, .shx und .prj gemeinsam in ein ZIP, oder laden Sie die Datei direkt.',
    });
  }
  if (bytes.length >= 8 && bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31) return 'parquet';
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new IngestError(`„${name}“ ist eine alte Excel-Datei (.xls), die nicht gelesen werden kann.`, {
      file: name, code: 'xls', hint: 'Speichern Sie die Datei in Excel als .xlsx oder als CSV (Trennzeichen Semikolon) und laden Sie sie erneut.',
    });
  }
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start < bytes.length && (bytes[start] === 32 || bytes[start] === 9 || bytes[start] === 10 || bytes[start] === 13)) start++;
  if (bytes[start] === 0x7b /* { */ && (e === 'json' || e === 'geojson' || /"type"\s*:\s*"(FeatureCollection|Feature)"/.test(new TextDecoder().decode(bytes.subarray(start, start + 65536))))) {
    return 'geojson';
  }
  if (e === 'geojson' || (bytes[start] === 0x5b /* [ */ && e === 'json')) return 'geojson';
  if (binaryShare(bytes) > 0.01) {
    throw new IngestError(`„${name}“ ist keine Textdatei (Binärdaten) und kein bekanntes Format.`, {
      file: name, code: 'binary', hint: 'Unterstützt werden CSV/TXT, XLSX, Parquet, GeoJSON und gezippte Shapefiles. Exportieren Sie die Daten in eines dieser Formate.',
    });
  }
  return 'csv';
}
