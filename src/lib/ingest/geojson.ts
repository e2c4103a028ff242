/** GeoJSON (FeatureCollection or single Feature) → table with properties and `_geom` in WGS84. */
import type { Duck } from '../db/duck';
import { decodeBytes, detectEncoding } from './encoding';
import { checkCancelled, positionToLineColumn } from './errors';
import { featuresToArrow, geometryKind, reprojectFeatures, validateGeometries, type Feature } from './geometry';
import { describeTable } from './table';
import { IngestError, type Detected, type ImportOptions, type ImportWarning, type IngestResult, type ProgressHooks } from './types';

const HINT = 'Prüfen Sie die Datei mit einem GeoJSON-Validator oder exportieren Sie sie erneut aus dem GIS (z. B. QGIS: „Exportieren → GeoJSON“).';

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

/** Load a GeoJSON file into `target`. */
export function loadGeoJson(duck: Duck, file: string, bytes: Uint8Array, target: string, options: ImportOptions, hooks: ProgressHooks = {}): Omit<IngestResult, 'table'> {
  const warnings: ImportWarning[] = [];
  const enc = detectEncoding(bytes);
  const text = decodeBytes(enc.bom ? bytes.subarray(3) : bytes, enc.encoding);
  const { features, crs } = parseGeoJson(file, text);
  if (features.length === 0) {
    throw new IngestError(`„${file}“ enthält keine Objekte (leere FeatureCollection).`, { file, code: 'no_data', hint: HINT });
  }
  hooks.onProgress?.(0.3, 'Geometrien prüfen');
  validateGeometries(file, features, warnings);
  checkCancelled(file, hooks.isCancelled);
  const { crs: used, bbox } = reprojectFeatures(file, features, crs, options.crs);
  hooks.onProgress?.(0.6, 'Umrechnen');
  checkCancelled(file, hooks.isCancelled);
  duck.insertArrow(target, featuresToArrow(features, warnings));
  const { columns, rows } = describeTable(duck, target);
  const detected: Detected = { format: 'geojson', encoding: enc.encoding, crs: used, geometryType: geometryKind(features) };
  return { rows, columns, detected, warnings, bbox };
}
