/**
 * GeoJSON (FeatureCollection or single Feature) → table with properties and `_geom` in WGS84.
 * A FeatureCollection is read as a stream (@streamparser/json): features arrive one by one and
 * are checked, reprojected and kept as compact GeoJSON text in batches, so a 100 MB file never
 * becomes one string or one tree of JavaScript objects.
 */
import type { Duck } from '../db/duck';
import { decodeBytes, detectEncoding } from './encoding';
import { checkCancelled, positionToLineColumn } from './errors';
import { GeometryChecks, Reprojection, geometryKind, tabulate, type Feature } from './geometry';
import { insertDescribed } from './table';
import { IngestError, type Detected, type ImportOptions, type ImportWarning, type IngestResult, type ProgressHooks } from './types';

const HINT = 'Prüfen Sie die Datei mit einem GeoJSON-Validator oder exportieren Sie sie erneut aus dem GIS (z. B. QGIS: „Exportieren → GeoJSON“).';

/** Bytes handed to the parser at a time; between pieces a cancel can arrive. */
const PIECE = 1 << 20;
/** Features checked and reprojected together. */
const BATCH = 2000;

/** Parse GeoJSON text into features and the CRS named by a legacy `crs` member. */
export function parseGeoJson(file: string, text: string): { features: Feature[]; crs?: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const where = positionToLineColumn(text, (e as Error).message);
    throw new IngestError(`„${file}“ ist kein gültiges JSON${where.line ? ` (Zeile ${where.line}, Spalte ${where.column})` : ''}.`, {
      file, line: where.line, column: where.column !== undefined ? String(where.column) : undefined, code: 'invalid_json', hint: HINT,
    });
  }
  const d = doc as { type?: string; features?: unknown; crs?: { properties?: { name?: string } } };
  const crs = d?.crs?.properties?.name;
  if (d?.type === 'FeatureCollection' && Array.isArray(d.features)) return { features: d.features as Feature[], crs };
  if (d?.type === 'Feature') return { features: [d as Feature], crs };
  throw new IngestError(`„${file}“ ist kein GeoJSON mit Objekten (FeatureCollection oder Feature erwartet${Array.isArray(d) ? ', gefunden: eine JSON-Liste' : d?.type ? `, gefunden „${String(d.type)}“` : ''}).`, {
    file, code: 'not_geojson', hint: HINT,
  });
}

/** Where the byte sequence `needle` (ASCII) first occurs in `bytes`, or -1. */
function indexOfAscii(bytes: Uint8Array, needle: string, from = 0): number {
  const first = needle.charCodeAt(0);
  for (let i = bytes.indexOf(first, from); i >= 0; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && bytes[i + k] === needle.charCodeAt(k)) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

const crsName = (v: unknown): string | undefined => (v as { properties?: { name?: string } } | null)?.properties?.name;

/** The document's UTF-8 bytes piece by piece (Windows-1252 files are converted piece by piece). */
function* pieces(bytes: Uint8Array, encoding: string, start: number): Generator<[Uint8Array, number]> {
  const encoder = new TextEncoder();
  for (let at = start; at < bytes.length; at += PIECE) {
    const piece = bytes.subarray(at, Math.min(bytes.length, at + PIECE));
    // Windows-1252 has one byte per character: any cut is a character boundary
    yield [encoding === 'utf-8' ? piece : encoder.encode(decodeBytes(piece, 'windows-1252')), at + piece.length];
  }
}

/**
 * Load a GeoJSON file into `target`. A file of one piece is parsed whole: the stream would read it
 * as one piece and one batch too, and `JSON.parse` is native code where the streaming tokenizer is
 * JavaScript (≈ 50 ms for the demo's 54 KB on its first run, 0.5 ms with `JSON.parse`).
 */
export async function loadGeoJson(duck: Duck, file: string, bytes: Uint8Array, target: string, options: ImportOptions, hooks: ProgressHooks = {}): Promise<Omit<IngestResult, 'table'>> {
  if (bytes.length <= PIECE) return loadGeoJsonWhole(duck, file, bytes, target, options, hooks);
  return loadGeoJsonStream(duck, file, bytes, target, options, hooks);
}

/** The streaming read (exported for the test that compares it with the whole-text parse). */
export async function loadGeoJsonStream(duck: Duck, file: string, bytes: Uint8Array, target: string, options: ImportOptions, hooks: ProgressHooks = {}): Promise<Omit<IngestResult, 'table'>> {
  const warnings: ImportWarning[] = [];
  const enc = detectEncoding(bytes);
  const start = enc.bom ? 3 : 0;
  // the CRS must be known before the first batch is reprojected: a `crs` member after the
  // features (rare; it would stand in the file's last bytes) is read in a first, light pass
  const head = bytes.subarray(start, Math.min(bytes.length, start + 65536));
  const features = indexOfAscii(head, '"features"');
  const crsFirst = indexOfAscii(head, '"crs"');
  const crsLate = (crsFirst < 0 || (features >= 0 && crsFirst > features)) && indexOfAscii(bytes.subarray(Math.max(start, bytes.length - 65536)), '"crs"') >= 0;
  let crs: string | undefined;
  if (!options.crs && crsLate) crs = await readMember(bytes, enc.encoding, start, 'crs', hooks, file).then(crsName);
  const checks = new GeometryChecks(file);
  let reprojection: Reprojection | undefined;
  const properties: (Record<string, unknown> | null)[] = [];
  const geometries: (string | null)[] = [];
  let kind: Detected['geometryType'];
  let type: unknown;
  let batch: Feature[] = [];
  const flush = (): void => {
    if (!batch.length) return;
    checks.check(batch, properties.length);
    reprojection ??= new Reprojection(file, crs, options.crs);
    reprojection.apply(batch);
    const k = geometryKind(batch);
    kind = kind === undefined || kind === k ? k : k === undefined ? kind : 'mixed';
    for (const f of batch) {
      properties.push(f.properties ?? null);
      geometries.push(f.geometry ? JSON.stringify(f.geometry) : null);
    }
    batch = [];
  };
  // the tokenizer loads with the first file above one piece: small files never need it
  const { JSONParser } = await import('@streamparser/json');
  const parser = new JSONParser({ paths: ['$.type', '$.crs', '$.features.*'], keepStack: false });
  parser.onValue = ({ value, key, stack }) => {
    if (stack.length === 2) batch.push(value as Feature);
    else if (key === 'type') type = value;
    else if (key === 'crs') crs ??= crsName(value);
  };
  try {
    for (const [piece, done] of pieces(bytes, enc.encoding, start)) {
      parser.write(piece);
      if (batch.length >= BATCH) flush();
      // let a queued cancel (and progress) message through
      await new Promise<void>((r) => setTimeout(r, 0));
      checkCancelled(file, hooks.isCancelled);
      hooks.onProgress?.((0.8 * done) / bytes.length, 'Einlesen');
    }
    if (!parser.isEnded) parser.end();
  } catch (e) {
    if (e instanceof IngestError) throw e;
    // not JSON, or JSON but no FeatureCollection: the whole-text parse says exactly what and where
    return loadGeoJsonWhole(duck, file, bytes, target, options, hooks);
  }
  if (type !== 'FeatureCollection') return loadGeoJsonWhole(duck, file, bytes, target, options, hooks);
  flush();
  if (geometries.length === 0) {
    throw new IngestError(`„${file}“ enthält keine Objekte (leere FeatureCollection).`, { file, code: 'no_data', hint: HINT });
  }
  checks.warn(warnings);
  const { crs: used, bbox } = (reprojection ?? new Reprojection(file, crs, options.crs)).finish();
  hooks.onProgress?.(0.85, 'Tabelle anlegen');
  checkCancelled(file, hooks.isCancelled);
  const { columns, rows, geometryKinds } = insertDescribed(duck, target, tabulate(properties, geometries, warnings));
  const detected: Detected = { format: 'geojson', encoding: enc.encoding, crs: used, geometryType: kind };
  return { rows, columns, detected, warnings, bbox, geometryKinds };
}

/** One top-level member of the document (a light pass: nothing else is kept). */
async function readMember(bytes: Uint8Array, encoding: string, start: number, member: string, hooks: ProgressHooks, file: string): Promise<unknown> {
  const { JSONParser } = await import('@streamparser/json');
  const parser = new JSONParser({ paths: [`$.${member}`], keepStack: false });
  let found: unknown;
  parser.onValue = ({ value }) => void (found = value);
  try {
    for (const [piece] of pieces(bytes, encoding, start)) {
      parser.write(piece);
      if (found !== undefined) break;
      await new Promise<void>((r) => setTimeout(r, 0));
      checkCancelled(file, hooks.isCancelled);
    }
  } catch (e) {
    if (e instanceof IngestError) throw e;
    // a broken document is reported by the main pass
  }
  return found;
}

/** Parsed whole: a small file, a single Feature, or a document that is no FeatureCollection (for its error). */
export function loadGeoJsonWhole(duck: Duck, file: string, bytes: Uint8Array, target: string, options: ImportOptions, hooks: ProgressHooks): Omit<IngestResult, 'table'> {
  const warnings: ImportWarning[] = [];
  const enc = detectEncoding(bytes);
  const text = decodeBytes(enc.bom ? bytes.subarray(3) : bytes, enc.encoding);
  const { features, crs } = parseGeoJson(file, text);
  if (features.length === 0) {
    throw new IngestError(`„${file}“ enthält keine Objekte (leere FeatureCollection).`, { file, code: 'no_data', hint: HINT });
  }
  hooks.onProgress?.(0.3, 'Geometrien prüfen');
  const checks = new GeometryChecks(file);
  checks.check(features);
  checks.warn(warnings);
  checkCancelled(file, hooks.isCancelled);
  const reprojection = new Reprojection(file, crs, options.crs);
  reprojection.apply(features);
  const { crs: used, bbox } = reprojection.finish();
  hooks.onProgress?.(0.6, 'Umrechnen');
  checkCancelled(file, hooks.isCancelled);
  const { columns, rows, geometryKinds } = insertDescribed(duck, target, tabulate(features.map((f) => f.properties ?? null), features.map((f) => (f.geometry ? JSON.stringify(f.geometry) : null)), warnings));
  const detected: Detected = { format: 'geojson', encoding: enc.encoding, crs: used, geometryType: geometryKind(features) };
  return { rows, columns, detected, warnings, bbox, geometryKinds };
}
