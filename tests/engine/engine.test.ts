import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';

const REF = path.resolve(import.meta.dirname, '../fixtures/reference');
const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data');
const file = (p: string) => ({ name: path.basename(p), bytes: new Uint8Array(readFileSync(p)) });

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await createNodeDuck());
});

describe('Engine: catalogue, layers and join report', () => {
  it('catches the duplicate key in the Berlin LOR geometry and matches the leading-zero keys', async () => {
    const geo = await engine.importFile(file(`${REF}/berlin/berlin-lor-planning-areas-until-2020.geojson`));
    const pop = await engine.importFile(file(`${REF}/berlin/berlin-lor-population-2020-02-t1-planning-areas.csv`));
    expect(geo.hasGeometry).toBe(true);
    expect(geo.rows).toBe(448);
    expect(geo.columns.find((c) => c.name === 'id')!.type).toBe('text');
    const layer = engine.createLayer({ table: geo.name, idColumn: 'id', nameColumn: 'name' });
    expect(layer.features).toBe(448);
    expect(layer.geometryType).toBe('polygon');
    const key = pop.columns.find((c) => c.name === 'id')!;
    expect(key.type).toBe('text');
    expect(pop.rows).toBe(448);
    // warned when the layer is made: both areas with name, size and centroid
    expect(layer.duplicates).toHaveLength(1);
    expect(layer.duplicates![0].key).toBe('06010102');
    // two different „Schloßstraße“ areas (Charlottenburg's is really 04030417): the file's own
    // `area` attribute (m²) is the reference for the size, the README's note for the centroid
    const areas = [...layer.duplicates![0].areas].sort((x, y) => x.centroid[1] - y.centroid[1]);
    expect(areas.map((x) => x.name)).toEqual(['Schloßstraße', 'Schloßstraße']);
    expect(areas[0].areaKm2).toBeCloseTo(0.48859434, 2);
    expect(areas[1].areaKm2).toBeCloseTo(0.56245433, 2);
    expect(Math.abs(areas[1].areaKm2 / 0.56245433 - 1)).toBeLessThan(0.01);
    expect(areas[1].centroid[0]).toBeCloseTo(13.295, 2);
    expect(areas[1].centroid[1]).toBeCloseTo(52.514, 2);
    expect(areas[0].centroid[1]).toBeLessThan(52.47);
    const r = engine.joinReport({ table: pop.name, key: key.name, layer: layer.table, mode: 'exact' });
    expect(r.layerDuplicates).toEqual(layer.duplicates);
    // 447 distinct layer keys; "04030417" is missing from the geometry because of the defect
    expect(r.layerKeys).toBe(447);
    expect(r.tableOnly.map((x) => x.key)).toContain('04030417');
    expect(r.matched).toBe(447);
  });

  it('offers the leading-zero fix-up when one side lost its zeros', async () => {
    const geo = engine.listTables().find((t) => t.hasGeometry && t.rows === 448)!;
    const layer = engine.listLayers().find((l) => l.table === geo.name)!;
    const csv = 'LOR;EW\n' + ['1011101', '1011102', '01011103'].map((k, i) => `${k};${100 + i}`).join('\n') + '\n';
    const t = await engine.importFile({ name: 'ohne_nullen.csv', bytes: new TextEncoder().encode(csv) }, { textColumns: ['LOR'] });
    const r = engine.joinReport({ table: t.name, key: 'LOR', layer: layer.table, mode: 'exact' });
    expect(r.matched).toBe(1);
    expect(r.suggestions[0]).toMatchObject({ matched: 3, key: 'LOR', layerKey: 'id', byName: false });
    expect(r.suggestions[0].transform.layer).toContainEqual({ op: 'zeros' });
    const fixed = engine.joinReport({ table: t.name, key: 'LOR', layer: layer.table, mode: 'exact', transform: r.suggestions[0].transform });
    expect(fixed.matched).toBe(3);
    expect(fixed.suggestions).toEqual([]);
  });

  it('pivots the Köln long table to wide and unpivots Flensburg year columns', async () => {
    const koeln = await engine.importFile(file(`${REF}/koeln/bevoelkerung_koeln_2005-2012.csv`));
    const einw = engine.listTables().length;
    const wide = engine.pivotWide({ table: koeln.name, idColumns: ['jahr', 'raum_id'], nameColumn: 'tabelle', valueColumn: 'zahl' });
    expect(engine.listTables().length).toBe(einw + 1);
    expect(wide.columns.map((c) => c.name).slice(0, 2)).toEqual(['jahr', 'raum_id']);
    // 8 years × (1 city + 9 Bezirke + 86 Stadtteile)
    expect(wide.rows).toBe(8 * 96);

    const fl = await engine.importFile(file(`${REF}/flensburg/tab1_einwohner.csv`));
    const yearCols = fl.columns.map((c) => c.name).filter((c) => /20\d\d$/.test(c));
    expect(yearCols.length).toBeGreaterThanOrEqual(5);
    const idCols = fl.columns.map((c) => c.name).filter((c) => !yearCols.includes(c));
    const long = engine.unpivot({ table: fl.name, idColumns: idCols, yearColumns: yearCols });
    expect(long.rows).toBe(fl.rows * yearCols.length);
    expect(long.columns.some((c) => c.name === 'Jahr')).toBe(true);
  });

  it('maps a rate joined by key per year on the demo data', async () => {
    const geo = await engine.importFile(file(`${SAMPLE}/musterstadt/bezirke.geojson`));
    const ind = await engine.importFile(file(`${SAMPLE}/musterstadt/indikatoren_2019-2024.csv`));
    expect(ind.detected?.encoding).toBe('windows-1252');
    expect(ind.columns.find((c) => c.name === 'BEZ_ID')!.type).toBe('text');
    const layer = engine.createLayer({ table: geo.name, idColumn: 'BEZ_ID', nameColumn: 'BEZ_NAME', parentColumn: 'SBZ_ID' });
    const spec = { table: ind.name, key: 'BEZ_ID', layer: layer.table, mode: 'exact' as const, yearColumn: 'JAHR' };
    const r = engine.joinReport(spec);
    expect(r.matched).toBe(60);
    expect(r.tableDuplicates).toEqual([]);
    const c = engine.choropleth(spec, { column: 'SGB2', denominator: 'EW_U65', scale: 100 }, '2024', 'quantile', 5);
    expect(c.values.length).toBe(60);
    expect(c.classes.counts.reduce((a, b) => a + b, 0) + c.classes.missing).toBe(60);
    // check one value against a direct computation
    const row = engine.duck.query(`SELECT SGB2 / EW_U65 * 100 AS q FROM "${ind.name}" WHERE BEZ_ID = '${c.ids[0]}' AND JAHR = 2024`).toArray()[0];
    expect(c.values[0]).toBeCloseTo(Number(row.q), 10);
    expect(c.names[0]).not.toBe('');
  });

  it('a cancel sent during a chunked import stops it between chunks and keeps the catalogue', async () => {
    const before = engine.listTables().map((t) => t.name);
    const lines = ['ID;WERT', ...Array.from({ length: 40_000 }, (_, i) => `${String(i).padStart(6, '0')};${i},5`)];
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const running = engine.importFile({ name: 'gross.csv', bytes }, { chunkBytes: 16 * 1024 });
    setTimeout(() => engine.cancel(), 0);
    await expect(running).rejects.toThrow(/abgebrochen/i);
    expect(engine.listTables().map((t) => t.name)).toEqual(before);
  });

  it('a failed import leaves everything loaded intact', async () => {
    const before = engine.listTables().map((t) => t.name);
    await expect(engine.importFile({ name: 'kaputt.csv', bytes: new Uint8Array([0, 159, 146, 150, 0, 0, 1, 2, 3, 255]) })).rejects.toThrow();
    expect(engine.listTables().map((t) => t.name)).toEqual(before);
    for (const t of before) expect(() => engine.rowsIPC(t, 0, 5)).not.toThrow();
  });

  it('re-importing a layer table with other settings keeps the layer (with its new rows), or drops it when its id column is gone', async () => {
    const gj = JSON.stringify({
      type: 'FeatureCollection',
      features: [1, 2, 3].map((i) => ({ type: 'Feature', properties: { nr: `A${i}` }, geometry: { type: 'Point', coordinates: [7 + i / 10, 51] } })),
    });
    const g = await engine.importFile({ name: 'punkte.geojson', bytes: new TextEncoder().encode(gj) });
    engine.createLayer({ table: g.name, idColumn: 'nr' });
    const again = await engine.importFile({ name: 'punkte.geojson', bytes: new TextEncoder().encode(gj) }, { crs: 'EPSG:4326' }, undefined, g.name);
    expect(again.name).toBe(g.name);
    expect(engine.layer(g.name)).toMatchObject({ idColumn: 'nr', features: 3 });
    const other = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'x' }, geometry: { type: 'Point', coordinates: [7, 51] } }] });
    await engine.importFile({ name: 'punkte.geojson', bytes: new TextEncoder().encode(other) }, {}, undefined, g.name);
    expect(() => engine.layer(g.name)).toThrow();
  });
});
