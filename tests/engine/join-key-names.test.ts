/**
 * Key columns whose names are words the join report's SQL uses for its own columns (key, n, name,
 * total, k, raw, y, r, v …): a planner's file may well call its key column „key“ or „KEY“. The
 * report, the duplicate list and the joined values must work for every such name (before: the
 * unmatched-key list failed with DuckDB's „Binder Error“ for a key column named „key“).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await createNodeDuck());
});

const enc = (s: string) => new TextEncoder().encode(s);
const geojson = (idName: string) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: ['01', '02', '03', '04'].map((id, i) => ({
      type: 'Feature',
      properties: { [idName]: id, name: `Gebiet ${id}` },
      geometry: { type: 'Polygon', coordinates: [[[7 + i * 0.01, 51], [7.01 + i * 0.01, 51], [7.01 + i * 0.01, 51.01], [7 + i * 0.01, 51]]] },
    })),
  });

describe('join report: key columns named like the report’s own columns', () => {
  it.each(['key', 'KEY', 'Key', 'n', 'name', 'total', 'k', 'raw', 'y', 'year', 'r', 'v', 't', 'l'])('key column „%s“', async (col) => {
    const layerName = col === 'name' ? 'gebiet' : col; // the layer's own name column is „name“
    const g = await engine.importFile({ name: `gebiete_${col}.geojson`, bytes: enc(geojson(layerName)) });
    const layer = engine.createLayer({ table: g.name, idColumn: layerName, nameColumn: 'name' });
    // 01 twice (a duplicate), 02, 09 (only in the table); 03 and 04 only in the layer
    const t = await engine.importFile({ name: `werte_${col}.csv`, bytes: enc(`${col};wert\n01;10\n01;12\n02;20\n09;90\n`) }, { textColumns: [col] });
    const r = engine.joinReport({ table: t.name, key: col, layer: layer.table, mode: 'exact' });
    expect(r.matched).toBe(2);
    expect(r.tableOnly).toEqual([{ key: '09', n: 1 }]);
    expect(r.tableOnlyCount).toBe(1);
    expect(r.layerOnly.map((x) => [x.key, x.name])).toEqual([['03', 'Gebiet 03'], ['04', 'Gebiet 04']]);
    expect(r.layerOnlyCount).toBe(2);
    expect(r.tableDuplicates).toEqual([{ key: '01', n: 2 }]);
    // values in layer order: 01 the mean of its two rows, 03/04 without data
    const v = engine.joinedValues({ table: t.name, key: col, layer: layer.table, mode: 'exact' }, { column: 'wert' });
    expect(Array.from(v.values)).toEqual([11, 20, NaN, NaN]);
  });

  it.each(['v', 'k', 'key', 'n', 'r', 'total'])('value column „%s“', async (col) => {
    const g = await engine.importFile({ name: `gebiete_v_${col}.geojson`, bytes: enc(geojson('id')) });
    const layer = engine.createLayer({ table: g.name, idColumn: 'id', nameColumn: 'name' });
    const t = await engine.importFile({ name: `werte_v_${col}.csv`, bytes: enc(`id;${col}\n01;10\n01;12\n02;20\n`) }, { textColumns: ['id'] });
    const v = engine.joinedValues({ table: t.name, key: 'id', layer: layer.table, mode: 'exact' }, { column: col });
    expect(Array.from(v.values)).toEqual([11, 20, NaN, NaN]);
  });
});
