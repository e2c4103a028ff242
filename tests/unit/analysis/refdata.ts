/** Loaders for tests/fixtures/reference used by the spatial-statistics tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { parseDbf, parseShp } from 'shpjs';
import type { AreaGeometry } from '../../../src/lib/analysis/geometry-rings';

export const REF = path.resolve(__dirname, '../../fixtures/reference');

/** Plain comma CSV without quotes → header + rows of strings. */
export function readCsv(rel: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path.join(REF, rel), 'utf8').trim().split(/\r?\n/);
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

export function column(csv: { header: string[]; rows: string[][] }, name: string): Float64Array {
  const j = csv.header.indexOf(name);
  if (j < 0) throw new Error(`no column ${name}`);
  return Float64Array.from(csv.rows, (r) => Number(r[j]));
}

export function sacramento() {
  const csv = readCsv('sacramento2000/sacramento2000_tracts.csv');
  return { csv, fips: csv.rows.map((r) => r[0]), col: (c: string) => column(csv, c) };
}

interface Feature {
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown>;
}

/** Shapefile zip → features (geometry in file coordinates). */
export function readShapefileZip(rel: string): Feature[] {
  const files = unzipSync(readFileSync(path.join(REF, rel)));
  const name = (ext: string) => Object.keys(files).find((k) => k.toLowerCase().endsWith(ext))!;
  const buf = (u8: Uint8Array) => u8.slice().buffer as ArrayBuffer;
  const geoms = parseShp(buf(files[name('.shp')])) as Feature['geometry'][];
  const props = parseDbf(buf(files[name('.dbf')])) as Record<string, unknown>[];
  return geoms.map((geometry, i) => ({ geometry, properties: props[i] }));
}

export function toArea(g: Feature['geometry']): AreaGeometry {
  if (!g) return [];
  return g.type === 'Polygon' ? [g.coordinates as AreaGeometry[number]] : (g.coordinates as AreaGeometry);
}

export function columbus(): { features: Feature[]; areas: AreaGeometry[] } {
  const gj = JSON.parse(readFileSync(path.join(REF, 'columbus/columbus.geojson'), 'utf8')) as { features: Feature[] };
  return { features: gj.features, areas: gj.features.map((f) => toArea(f.geometry)) };
}
