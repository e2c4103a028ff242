import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { IngestError } from '../../src/lib/ingest/types';

/**
 * More of the bad-input corpus (issue 5), through the engine the app uses: each file gets a clear
 * German error or warning, and what was loaded before stays loaded and usable.
 */
let engine: Engine;
const bad = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(new URL(`../fixtures/bad/${name}`, import.meta.url))) });

beforeAll(async () => {
  engine = new Engine(await createNodeDuck());
  const geo = await engine.importFile({ name: 'bezirke.geojson', bytes: new Uint8Array(readFileSync(new URL('../../sample-data/musterstadt/bezirke.geojson', import.meta.url))) });
  engine.createLayer({ table: geo.name, idColumn: 'BEZ_ID', nameColumn: 'BEZ_NAME' });
});

function intact(): void {
  const layer = engine.listLayers()[0];
  expect(layer.features).toBe(60);
  expect(engine.joinedValues({ layer: layer.table }, { column: 'FLAECHE_KM2' }).values.length).toBe(60);
}

describe('bad input (more): German messages, nothing lost', () => {
  it.each([
    ['plain_array.json', /kein GeoJSON .* gefunden: eine JSON-Liste/],
    ['kml_renamed.geojson', /kein gültiges JSON/],
  ])('%s is refused with a German message', async (file, message) => {
    const err = await engine.importFile(bad(file)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).message).toMatch(message);
    expect((err as IngestError).details.hint).toBeTruthy();
    intact();
  });

  it.each([
    ['self_intersecting.geojson', 'self_intersection', /überschneiden sich selbst \(z\. B\. Objekt 1\)/],
    ['null_geometries.geojson', 'missing_geometry', /keine Geometrie/],
    ['utf16le.csv', 'utf16', /UTF-16/],
    ['sep_line.csv', 'sep_line', /Excel-Hinweis auf das Trennzeichen/],
    ['stray_comma_row.csv', 'ragged_rows', /Zeile 3/],
    ['formula_errors_footnote.xlsx', 'excel_errors', /#DIV\/0!, z\. B\. D6/],
  ])('%s imports with warning %s', async (file, code, message) => {
    const t = await engine.importFile(bad(file));
    const w = t.warnings.find((x) => x.code === code);
    expect(w, JSON.stringify(t.warnings)).toBeDefined();
    expect(w!.message).toMatch(message);
    intact();
  });

  it('UTF-16 keeps umlauts and ß', async () => {
    const t = engine.listTables().find((x) => x.fileName === 'utf16le.csv')!;
    const names = engine.duck.query(`SELECT Name FROM "${t.name}" ORDER BY ID`).toArray().map((r) => r.Name);
    expect(names).toEqual(['Müllerstraße', 'Bärenweg']);
  });

  it('an XLSX with merged title, two header rows and a source line gets clean names and no footnote row', async () => {
    const t = engine.listTables().find((x) => x.fileName === 'formula_errors_footnote.xlsx')!;
    expect(t.columns.map((c) => c.name)).toEqual(['Gebiet Nr.', 'Gebiet Name', 'Einwohner insgesamt', 'SGB II Quote']);
    expect(t.rows).toBe(3);
    expect(t.columns[0].type).toBe('text');
  });

  it('duplicate IDs in a table are named in the join report', async () => {
    const t = await engine.importFile(bad('duplicate_ids.csv'));
    const layer = engine.listLayers()[0];
    const r = engine.joinReport({ table: t.name, key: 'BEZ_ID', layer: layer.table, mode: 'exact' });
    expect(r.tableDuplicates).toEqual([{ key: '010', year: undefined, n: 2 }]);
    intact();
  });
});
