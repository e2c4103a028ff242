/** Shared by GeoJSON and Shapefile: check, reproject and tabulate features (properties + `_geom`). */
import { ringSelfIntersects } from '../geo/selfIntersection';
import { Table, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { columnVector } from './arrowColumns';
import { CRS_HINT, isGeographic, looksProjected, normaliseCrs, toWgs84 } from '../geo/crs';
import { uniqueNames } from './names';
import { GEOM_COL, IngestError, type Detected, type ImportWarning } from './types';

export interface Geometry {
  type: string;
  coordinates?: unknown;
  geometries?: Geometry[];
}
export interface Feature {
  type?: string;
  properties?: Record<string, unknown> | null;
  geometry?: Geometry | null;
}
type BBox = [number, number, number, number];

const TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

function eachPosition(coords: unknown, fn: (p: number[]) => void): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number') fn(coords as number[]);
  else for (const c of coords) eachPosition(c, fn);
}

function mapPositions(coords: unknown, fn: (p: number[]) => number[]): unknown {
  if (!Array.isArray(coords)) return coords;
  if (typeof coords[0] === 'number') return fn(coords as number[]);
  return coords.map((c) => mapPositions(c, fn));
}

function forGeometry(g: Geometry, fn: (coords: unknown) => unknown): Geometry {
  if (g.type === 'GeometryCollection') return { type: g.type, geometries: (g.geometries ?? []).map((x) => forGeometry(x, fn)) };
  return { type: g.type, coordinates: fn(g.coordinates) };
}

/** Extent of all positions of the features' geometries. */
export function bboxOf(features: Feature[]): BBox | undefined {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    if (!f.geometry) continue;
    forGeometry(f.geometry, (c) => {
      eachPosition(c, (p) => {
        if (p[0] < b[0]) b[0] = p[0];
        if (p[1] < b[1]) b[1] = p[1];
        if (p[0] > b[2]) b[2] = p[0];
        if (p[1] > b[3]) b[3] = p[1];
      });
      return c;
    });
  }
  return Number.isFinite(b[0]) ? b : undefined;
}

/** 'polygon' | 'point' | 'line' | 'mixed' from the geometry types present. */
export function geometryKind(features: Feature[]): Detected['geometryType'] {
  const kinds = new Set<string>();
  for (const f of features) {
    const t = f.geometry?.type ?? '';
    if (t.includes('Polygon')) kinds.add('polygon');
    else if (t.includes('Point')) kinds.add('point');
    else if (t.includes('LineString')) kinds.add('line');
    else if (t) kinds.add('mixed');
  }
  return kinds.size === 1 ? (kinds.values().next().value as Detected['geometryType']) : kinds.size ? 'mixed' : undefined;
}

/** Throw a German error for a feature whose geometry is not GeoJSON; close unclosed rings (with a warning). */
export function validateGeometries(file: string, features: Feature[], warnings: ImportWarning[]): void {
  let unclosed = 0;
  let missing = 0;
  const crossing: number[] = [];
  features.forEach((f, i) => {
    const g = f.geometry;
    if (!g) return void missing++;
    if (!TYPES.has(g.type) || (g.type !== 'GeometryCollection' && !Array.isArray(g.coordinates))) {
      throw new IngestError(`„${file}“: Objekt ${i + 1} hat keine gültige Geometrie (Typ „${String(g.type)}“).`, {
        file, line: i + 1, code: 'invalid_geometry', hint: 'Erlaubt sind Point, LineString, Polygon und ihre Multi-Varianten. Prüfen Sie die Datei in einem GIS (z. B. QGIS).',
      });
    }
    let bad = false;
    eachPosition(g.coordinates, (p) => { if (p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) bad = true; });
    if (bad) {
      throw new IngestError(`„${file}“: Objekt ${i + 1} enthält ungültige Koordinaten.`, { file, line: i + 1, code: 'invalid_coordinates', hint: 'Prüfen Sie die Geometrie dieses Objekts in einem GIS.' });
    }
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
      for (const poly of polys) for (const ring of poly) {
        const a = ring[0];
        const z = ring[ring.length - 1];
        if (ring.length > 0 && (a[0] !== z[0] || a[1] !== z[1])) (ring.push([...a]), unclosed++);
        if (ringSelfIntersects(ring) && crossing[crossing.length - 1] !== i + 1) crossing.push(i + 1);
      }
    }
  });
  if (missing) warnings.push({ code: 'missing_geometry', message: `${missing} Objekt(e) in „${file}“ haben keine Geometrie; sie werden ohne Fläche übernommen.` });
  if (crossing.length) {
    warnings.push({
      code: 'self_intersection',
      line: crossing[0],
      message: `${crossing.length} Fläche(n) in „${file}“ überschneiden sich selbst (z. B. Objekt ${crossing.slice(0, 5).join(', ')}). Flächengrößen und Nachbarschaften können dort falsch sein; reparieren Sie die Geometrie im GIS (z. B. QGIS „Geometrien reparieren“).`,
    });
  }
  if (unclosed) warnings.push({ code: 'unclosed_ring', message: `${unclosed} Polygonring(e) in „${file}“ waren nicht geschlossen und wurden geschlossen.` });
}

/**
 * Reproject features to WGS84 in place. `sourceCrs` is what the file says (undefined = unknown),
 * `userCrs` what the user chose (wins). Unknown CRS with projected-looking coordinates → IngestError.
 */
export function reprojectFeatures(file: string, features: Feature[], sourceCrs: string | undefined, userCrs: string | undefined): { crs?: string; bbox?: BBox } {
  const raw = bboxOf(features);
  const crs = userCrs ?? sourceCrs;
  if (!raw) return { crs };
  if (!crs || isGeographic(crs)) {
    if (looksProjected(raw)) {
      const said = crs ? ` Die Datei gibt ${normaliseCrs(crs)} an, die Koordinaten (z. B. ${Math.round(raw[0])}, ${Math.round(raw[1])}) sind aber projiziert.` : '';
      throw new IngestError(`„${file}“ enthält projizierte Koordinaten, aber kein bekanntes Koordinatensystem.${said}`, { file, code: 'crs_required', hint: CRS_HINT });
    }
    return { crs: crs ? normaliseCrs(crs) : 'EPSG:4326', bbox: raw };
  }
  if (!looksProjected(raw) && Math.abs(raw[2] - raw[0]) < 360 && Math.abs(raw[3] - raw[1]) < 180 && raw.every((v) => Math.abs(v) < 1000)) {
    // metre coordinates of any German CRS are far above 1000; degrees read as metres would land near 0°/0°
    throw new IngestError(`„${file}“: Die Koordinaten (z. B. ${raw[0]}, ${raw[1]}) sind Längen-/Breitengrade, nicht ${normaliseCrs(crs)}.`, {
      file, code: 'crs_mismatch', hint: 'Wählen Sie EPSG:4326 (WGS 84) oder lassen Sie das Koordinatensystem automatisch erkennen.',
    });
  }
  let conv: (p: number[]) => number[];
  try {
    conv = toWgs84(crs);
  } catch (e) {
    throw new IngestError(`„${file}“: Das Koordinatensystem „${crs.slice(0, 80)}“ ist unbekannt (${(e as Error).message}).`, { file, code: 'crs_unknown', hint: CRS_HINT });
  }
  // full double precision: identical source vertices stay identical and distinct ones stay
  // distinct, so contiguity with tolerance 0 is exact on the file's own coordinates (rounding to
  // 1e-7° merged vertices a few millimetres apart: Köln Stadtteile 476 instead of 458 queen links)
  for (const f of features) {
    if (f.geometry) f.geometry = forGeometry(f.geometry, (c) => mapPositions(c, (p) => { const q = conv(p); return [q[0], q[1]]; }));
  }
  const bbox = bboxOf(features);
  if (bbox && looksProjected(bbox)) {
    throw new IngestError(`„${file}“: Nach der Umrechnung aus ${normaliseCrs(crs)} liegen die Koordinaten außerhalb der Erde.`, { file, code: 'crs_mismatch', hint: CRS_HINT });
  }
  return { crs: normaliseCrs(crs), bbox };
}

/** Properties (union of keys, first-seen order) + `_geom` (GeoJSON text) as an Arrow table. */
export function featuresToArrow(features: Feature[], warnings: ImportWarning[]): Table {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) if (!seen.has(k)) (seen.add(k), keys.push(k));
  const names = uniqueNames(keys, warnings);
  const cols: Record<string, Vector> = {};
  keys.forEach((k, j) => (cols[names[j]] = columnVector(features.map((f) => f.properties?.[k] ?? null))));
  cols[GEOM_COL] = vectorFromArray(features.map((f) => (f.geometry ? JSON.stringify(f.geometry) : null)), new Utf8());
  return new Table(cols);
}
