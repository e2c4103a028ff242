import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import proj4 from 'proj4';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { layerAreas, layerWeights } from '../../src/lib/engine/layerData';
import { CRS_DEFS } from '../../src/lib/geo/crs';

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data');

/** The demo's Bezirke in EPSG:25832 metres, without a `crs` member (the CRS must be chosen). */
function projectedBezirke(): Uint8Array {
  const fc = JSON.parse(readFileSync(`${SAMPLE}/musterstadt/bezirke.geojson`, 'utf8'));
  const to = proj4('EPSG:4326', CRS_DEFS['EPSG:25832']);
  const ring = (r: number[][]) => r.map(([x, y]) => to.forward([x, y]));
  for (const f of fc.features) {
    const g = f.geometry;
    g.coordinates = g.type === 'Polygon' ? g.coordinates.map(ring) : g.coordinates.map((p: number[][][]) => p.map(ring));
  }
  delete fc.crs;
  return new TextEncoder().encode(JSON.stringify(fc));
}

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await createNodeDuck());
});

describe('cache keys by table version', () => {
  it('a layer re-imported with another CRS gets fresh bounds and fresh areas', async () => {
    const bytes = projectedBezirke();
    const t = await engine.importFile({ name: 'bezirke_m.geojson', bytes }, { crs: 'EPSG:25832' });
    const layer = engine.createLayer({ table: t.name, idColumn: 'BEZ_ID', nameColumn: 'BEZ_NAME' });
    const areas = layerAreas(engine, t.name);
    const weights = layerWeights(engine, t.name, { type: 'queen' });
    // NRW in UTM 32N: around 7° E, 51° N; areas of a city district in km²
    expect(layer.bbox[0]).toBeGreaterThan(5);
    expect(layer.bbox[1]).toBeGreaterThan(50);
    expect(layerAreas(engine, t.name)).toBe(areas); // memoised while nothing changes
    const v1 = engine.versionKey(t.name);

    // the same metres read as Web Mercator land near 3° E, 45° N: other bounds, other areas
    const again = await engine.importFile({ name: 'bezirke_m.geojson', bytes }, { crs: 'EPSG:3857' }, undefined, t.name);
    const relayer = engine.layer(t.name);
    expect(again.version).toBeGreaterThan(t.version);
    expect(engine.versionKey(t.name)).not.toBe(v1);
    expect(relayer.bbox).toEqual(again.bbox);
    expect(relayer.bbox[1]).toBeLessThan(47);
    expect(relayer.bbox[0]).toBeLessThan(layer.bbox[0] - 2);
    const fresh = layerAreas(engine, t.name);
    expect(fresh).not.toBe(areas);
    // Mercator stretches by 1/cos²(lat) ≈ 2: the true areas are about half the UTM ones
    const ratio = fresh.reduce((s, a) => s + a, 0) / areas.reduce((s, a) => s + a, 0);
    expect(ratio).toBeGreaterThan(0.35);
    expect(ratio).toBeLessThan(0.65);
    expect(layerWeights(engine, t.name, { type: 'queen' })).not.toBe(weights);
    // the layer still knows its id and name columns
    expect(engine.layerLabels(t.name).ids).toHaveLength(layer.features);
  });

  it('rename bumps the version; a replaced file without the id column drops the layer with a warning', async () => {
    const bytes = projectedBezirke();
    const t = await engine.importFile({ name: 'b2.geojson', bytes }, { crs: 'EPSG:25832' });
    engine.createLayer({ table: t.name, idColumn: 'BEZ_ID' });
    const k = engine.versionKey(t.name);
    engine.renameTable(t.name, 'Bezirke (Meter)');
    expect(engine.versionKey(t.name)).not.toBe(k);
    const csv = new TextEncoder().encode('ANDERE_ID;WERT\n1;2\n');
    const m = await engine.importFile({ name: 'b2.csv', bytes: csv }, undefined, undefined, t.name);
    expect(engine.listLayers().some((l) => l.table === t.name)).toBe(false);
    expect(m.warnings.some((w) => w.code === 'layerDropped')).toBe(true);
  });
});
