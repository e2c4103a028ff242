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
  const checks = new GeometryChecks(file);
  checks.check(features);
  checks.warn(warnings);
}

/** `validateGeometries` over features that arrive in batches: counts run across batches, warnings at the end. */
export class GeometryChecks {
  private unclosed = 0;
  private missing = 0;
  private readonly crossing: number[] = [];

  constructor(private readonly file: string) {}

  /** Check (and close rings of) `features`, the first of which is feature number `offset` + 1. */
  check(features: Feature[], offset = 0): void {
    const file = this.file;
    const crossing = this.crossing;
    features.forEach((f, k) => {
      const i = offset + k;
      const g = f.geometry;
      if (!g) return void this.missing++;
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
          if (ring.length > 0 && (a[0] !== z[0] || a[1] !== z[1])) (ring.push([...a]), this.unclosed++);
          if (ringSelfIntersects(ring) && crossing[crossing.length - 1] !== i + 1) crossing.push(i + 1);
        }
      }
    });
  }

  warn(warnings: ImportWarning[]): void {
    const { file, missing, crossing, unclosed } = this;
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
}

/**
 * Reproject features to WGS84 in place. `sourceCrs` is what the file says (undefined = unknown),
 * `userCrs` what the user chose (wins). Unknown CRS with projected-looking coordinates → IngestError.
 */
export function reprojectFeatures(file: string, features: Feature[], sourceCrs: string | undefined, userCrs: string | undefined): { crs?: string; bbox?: BBox } {
  const r = new Reprojection(file, sourceCrs, userCrs);
  r.apply(features);
  return r.finish();
}

/**
 * `reprojectFeatures` over features that arrive in batches: the CRS is fixed before the first
 * batch; the checks that need the extent of all features run in `finish`.
 */
export class Reprojection {
  private raw: BBox | undefined;
  private out: BBox | undefined;
  private readonly crs: string | undefined;
  private conv: ((p: number[]) => number[]) | null | undefined;

  constructor(private readonly file: string, sourceCrs: string | undefined, userCrs: string | undefined) {
    this.crs = userCrs ?? sourceCrs;
  }

  /** Reproject one batch in place. */
  apply(features: Feature[]): void {
    const { file, crs } = this;
    const raw = bboxOf(features);
    if (!raw) return;
    this.raw = union(this.raw, raw);
    if (!crs || isGeographic(crs)) {
      if (looksProjected(raw)) {
        const said = crs ? ` Die Datei gibt ${normaliseCrs(crs)} an, die Koordinaten (z. B. ${Math.round(raw[0])}, ${Math.round(raw[1])}) sind aber projiziert.` : '';
        throw new IngestError(`„${file}“ enthält projizierte Koordinaten, aber kein bekanntes Koordinatensystem.${said}`, { file, code: 'crs_required', hint: CRS_HINT });
      }
      return;
    }
    if (this.conv === undefined) {
      try {
        this.conv = toWgs84(crs);
      } catch (e) {
        throw new IngestError(`„${file}“: Das Koordinatensystem „${crs.slice(0, 80)}“ ist unbekannt (${(e as Error).message}).`, { file, code: 'crs_unknown', hint: CRS_HINT });
      }
    }
    const conv = this.conv!;
    // full double precision: identical source vertices stay identical and distinct ones stay
    // distinct, so contiguity with tolerance 0 is exact on the file's own coordinates (rounding to
    // 1e-7° merged vertices a few millimetres apart: Köln Stadtteile 476 instead of 458 queen links)
    for (const f of features) {
      if (f.geometry) f.geometry = forGeometry(f.geometry, (c) => mapPositions(c, (p) => { const q = conv(p); return [q[0], q[1]]; }));
    }
    this.out = union(this.out, bboxOf(features));
  }

  /** The CRS used and the extent in WGS84; throws when the extent shows a wrong CRS. */
  finish(): { crs?: string; bbox?: BBox } {
    const { file, crs, raw } = this;
    if (!raw) return { crs };
    if (!crs || isGeographic(crs)) return { crs: crs ? normaliseCrs(crs) : 'EPSG:4326', bbox: raw };
    if (!looksProjected(raw) && Math.abs(raw[2] - raw[0]) < 360 && Math.abs(raw[3] - raw[1]) < 180 && raw.every((v) => Math.abs(v) < 1000)) {
      // metre coordinates of any German CRS are far above 1000; degrees read as metres would land near 0°/0°
      throw new IngestError(`„${file}“: Die Koordinaten (z. B. ${raw[0]}, ${raw[1]}) sind Längen-/Breitengrade, nicht ${normaliseCrs(crs)}.`, {
        file, code: 'crs_mismatch', hint: 'Wählen Sie EPSG:4326 (WGS 84) oder lassen Sie das Koordinatensystem automatisch erkennen.',
      });
    }
    const bbox = this.out;
    if (bbox && looksProjected(bbox)) {
      throw new IngestError(`„${file}“: Nach der Umrechnung aus ${normaliseCrs(crs)} liegen die Koordinaten außerhalb der Erde.`, { file, code: 'crs_mismatch', hint: CRS_HINT });
    }
    return { crs: normaliseCrs(crs), bbox };
  }
}

function union(a: BBox | undefined, b: BBox | undefined): BBox | undefined {
  if (!a || !b) return a ?? b;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** Properties (union of keys, first-seen order) + `_geom` (GeoJSON text) as an Arrow table. */
export function featuresToArrow(features: Feature[], warnings: ImportWarning[]): Table {
  return tabulate(features.map((f) => f.properties ?? null), features.map((f) => (f.geometry ? JSON.stringify(f.geometry) : null)), warnings);
}

/** `featuresToArrow` from properties and geometry text kept apart (the streaming GeoJSON reader keeps only these). */
export function tabulate(properties: (Record<string, unknown> | null)[], geometries: (string | null)[], warnings: ImportWarning[]): Table {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const p of properties) for (const k of Object.keys(p ?? {})) if (!seen.has(k)) (seen.add(k), keys.push(k));
  const names = uniqueNames(keys, warnings);
  const cols: Record<string, Vector> = {};
  keys.forEach((k, j) => (cols[names[j]] = columnVector(properties.map((p) => p?.[k] ?? null))));
  cols[GEOM_COL] = vectorFromArray(geometries, new Utf8());
  return new Table(cols);
}
