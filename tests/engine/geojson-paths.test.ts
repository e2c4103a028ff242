/**
 * A GeoJSON file of one piece (≤ 1 MB) is parsed whole instead of streamed: both reads must give
 * the same table, description, detection, warnings and errors.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Duck } from '../../src/lib/db/duck';
import { createNodeDuck } from '../../src/lib/db/node';
import { loadGeoJsonStream, loadGeoJsonWhole } from '../../src/lib/ingest/geojson';
import { dropQuietly } from '../../src/lib/ingest/table';

let duck: Duck;
beforeAll(async () => {
  duck = await createNodeDuck();
});

const ROOT = path.resolve(import.meta.dirname, '../..');
const geojsonFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? geojsonFiles(p) : f.endsWith('.geojson') ? [p] : [];
  });

let k = 0;
type Read = (...a: Parameters<typeof loadGeoJsonWhole>) => ReturnType<typeof loadGeoJsonWhole> | ReturnType<typeof loadGeoJsonStream>;
async function outcome(read: Read, name: string, bytes: Uint8Array, crs?: string) {
  const target = `gj_${k++}`;
  try {
    const r = await read(duck, name, bytes, target, crs ? { crs } : {}, {});
    const rows = duck.query(`SELECT * FROM "${target}" ORDER BY rowid`).toArray().map((x) => JSON.stringify(x.toJSON()));
    return { ...r, rows: r.rows, content: rows };
  } catch (e) {
    const x = e as { code?: string; message: string; line?: number };
    return { error: { code: x.code, message: x.message, line: x.line } };
  } finally {
    dropQuietly(duck, target);
  }
}

const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
const collection = (features: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features });

/** Documents beyond the fixtures: late crs, BOM, Windows-1252, more features than a batch, a bare Feature, broken JSON. */
function made(): [string, Uint8Array, string?][] {
  const enc = (s: string) => new TextEncoder().encode(s);
  const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const utm = Array.from({ length: 30 }, (_, i) => ({ type: 'Feature', properties: { id: `0${i}`, n: i, q: i / 3, ok: i % 2 === 0 }, geometry: { type: 'Polygon', coordinates: square(356000 + i * 100, 5645000, 100) } }));
  const points = Array.from({ length: 2600 }, (_, i) => ({ type: 'Feature', properties: { nr: i, name: i % 9 ? `Kita ${i}` : null }, geometry: i % 50 ? { type: 'Point', coordinates: [6.9 + i / 1e4, 50.9] } : null }));
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(collection(utm.slice(0, 3), { crs: { type: 'name', properties: { name: 'EPSG:25832' } } }))]);
  return [
    ['late-crs.geojson', enc(JSON.stringify({ type: 'FeatureCollection', features: utm, crs: { type: 'name', properties: { name: 'EPSG:25832' } } }))],
    ['bom.geojson', bom],
    // Windows-1252 = Latin-1 for these letters: one byte per character
    ['cp1252.geojson', latin1(collection([{ type: 'Feature', properties: { name: 'Süd-Straße ÄÖÜ', wert: 1.5 }, geometry: { type: 'Point', coordinates: [7, 51] } }]))],
    ['points.geojson', enc(collection(points))],
    ['feature.geojson', enc(JSON.stringify({ type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: [7, 51] } }))],
    ['mixed.geojson', enc(collection([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [7, 51] } }, { type: 'Feature', properties: { b: 'x' }, geometry: { type: 'LineString', coordinates: [[7, 51], [7.1, 51]] } }]))],
    ['empty.geojson', enc(collection([]))],
    ['truncated.geojson', enc(collection(utm).slice(0, 400))],
    ['utm-no-crs.geojson', enc(collection(utm)), 'EPSG:25832'],
  ];
}

describe('GeoJSON: whole-text parse of small files = streaming read', () => {
  it('every GeoJSON fixture and sample file, and made-up documents', async () => {
    const files: [string, Uint8Array, string?][] = [...geojsonFiles(path.join(ROOT, 'tests/fixtures')), ...geojsonFiles(path.join(ROOT, 'sample-data'))]
      .map((p) => [path.basename(p), new Uint8Array(readFileSync(p))] as [string, Uint8Array]);
    let ok = 0;
    let failed = 0;
    for (const [name, bytes, crs] of [...files, ...made()]) {
      const whole = await outcome(loadGeoJsonWhole, name, bytes, crs);
      const stream = await outcome(loadGeoJsonStream, name, bytes, crs);
      expect({ name, ...whole }).toEqual({ name, ...stream });
      if ('error' in whole) failed++;
      else ok++;
    }
    expect(ok).toBeGreaterThanOrEqual(15);
    expect(failed).toBeGreaterThanOrEqual(5);
  });
});
