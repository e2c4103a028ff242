import { beforeAll, describe, expect, it } from 'vitest';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import * as XLSX from '@e965/xlsx';
import type { Duck } from '../../src/lib/db/duck';
import { createNodeDuck } from '../../src/lib/db/node';
import { ingestFile } from '../../src/lib/ingest/index';
import { exportBundle } from '../../src/lib/export/tables';
import { csvBytes, geojsonBytes, parquetBytes, xlsxBytes } from '../../src/lib/export/writers';
import { fixtureModel } from '../unit/report/fixture';

// Exports read back through the app's own importer: values survive, suppressed cells stay empty.
let duck: Duck;
beforeAll(async () => {
  duck = await createNodeDuck();
});
const rows = (sql: string) => duck.query(sql).toArray().map((r) => r.toJSON() as Record<string, unknown>);

const m = fixtureModel();
const bundle = exportBundle(m);
const results = bundle.tables[0];
const col = (name: string) => results.columns.findIndex((c) => c.name === name);

describe('export tables', () => {
  it('one row per area by rank, suppressed cells without a value but with their symbol', () => {
    expect(results.rows.map((r) => r[0])).toEqual(['01', '02', '03', '04']);
    const q = col('SGB-II-Quote 2023 (%)');
    expect(results.rows[1][q]).toBeNull();
    expect(results.symbols[1][q]).toBe('·');
    expect(results.rows[3][q]).toBeNull();
    expect(results.symbols[3][q]).toBe('/');
    expect(results.rows[0][q]).toBe(11);
    expect(results.rows[3][col('Ausschlussgrund')]).toBe('EW unter 300');
    expect(bundle.method.find(([k]) => k === 'Geheimhaltung')![1]).toMatch(/Fallzahlen 1 bis 2 geheim/);
  });
});

describe('round trip through the importer', () => {
  /** `hidden`: what a hidden cell reads back as — NaN (secret) from a „·“ in the cell, null where the format keeps the sign in a „Zeichen“ column */
  const check = (t: string, hidden: number | null = NaN) => {
    const back = rows(`SELECT * FROM ${t} ORDER BY "Schlüssel"`);
    expect(back.map((r) => r['Schlüssel'])).toEqual(['01', '02', '03', '04']);
    // „·“ reads back as secret (NaN: „· geheim (Quelle)“), „/“ (not reliable) as missing
    expect(back.map((r) => r['SGB-II-Quote 2023 (%)'])).toEqual([11, hidden, 5, null]);
    expect(back.map((r) => r['Sozialindex 2023'])).toEqual([1.1, 0.2, -1.3, null]);
    expect(back.map((r) => r['Einwohner'])).toEqual([5200, 3100, 4300, 120]);
    expect(back.map((r) => r['Gebiet'])).toEqual(m.names);
  };

  it('German CSV (semicolon, decimal comma, BOM): the importer skips the method lines and reads „·“ as secret, „/“ as missing', async () => {
    const bytes = csvBytes(results, bundle.method, 'de');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF# Titel: Sozialbericht 2024\r\n')).toBe(true);
    expect(text).toContain(';11;');
    expect(text).toContain(';·;');
    const r = await ingestFile(duck, { name: 'ergebnisse.csv', bytes }, 'csv_de');
    expect(r.detected).toMatchObject({ delimiter: ';', decimal: ',' });
    check('csv_de');
  });

  it('international CSV (comma, decimal point, no BOM)', async () => {
    const bytes = csvBytes(results, bundle.method, 'intl');
    const text = new TextDecoder().decode(bytes);
    expect(text.charCodeAt(0)).toBe(0x23); // '#'
    expect(text).toContain(',1.1,');
    const r = await ingestFile(duck, { name: 'results.csv', bytes }, 'csv_intl');
    expect(r.detected).toMatchObject({ delimiter: ',', decimal: '.' });
    check('csv_intl');
  });

  it('XLSX: results sheet first, then „Methode“ and „Zeichenerklärung“', async () => {
    const bytes = xlsxBytes(bundle);
    const wb = XLSX.read(bytes, { type: 'array' });
    expect(wb.SheetNames).toEqual(['Ergebnisse', 'Indikatoren je Jahr', 'Stadtwerte', 'Methode', 'Zeichenerklärung']);
    // on a Kreis of member towns the totals sheet is named after the Kreis, as in the report
    expect(exportBundle({ ...m, totalLabel: 'Kreis' }).tables.map((t) => t.name)).toContain('Kreiswerte');
    const method = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Methode, { header: 1 });
    expect(method.find((r) => r[0] === 'Geheimhaltung')?.[1]).toMatch(/geheim/);
    const r = await ingestFile(duck, { name: 'ergebnisse.xlsx', bytes }, 'xlsx_t');
    expect(r.rows).toBe(4);
    expect([r.detected.sheet, r.detected.sheetReason]).toEqual(['Ergebnisse', 'first']);
    check('xlsx_t');
  });

  it('Parquet: null for suppressed cells, a symbol column, the method as key-value metadata', async () => {
    const bytes = parquetBytes(bundle);
    const meta = parquetMetadata(bytes.buffer as ArrayBuffer);
    expect(meta.key_value_metadata?.some((kv) => kv.key.endsWith('Geheimhaltung'))).toBe(true);
    const objs = await parquetReadObjects({ file: bytes.buffer as ArrayBuffer });
    expect(objs[1]['SGB-II-Quote 2023 (%)']).toBeNull();
    expect(objs[1]['SGB-II-Quote 2023 (%) Zeichen']).toBe('·');
    await ingestFile(duck, { name: 'ergebnisse.parquet', bytes }, 'pq');
    check('pq', null);
  });

  it('GeoJSON: geometry per area and the method in a metadata member', async () => {
    const geoms = new Map(m.ids.map((id, i) => [id, JSON.stringify({ type: 'Point', coordinates: [7 + i / 100, 51] })]));
    const bytes = geojsonBytes(bundle, geoms);
    const fc = JSON.parse(new TextDecoder().decode(bytes));
    expect(fc.metadata.Geheimhaltung).toMatch(/geheim/);
    // no numbered duplicates of a repeated method key: every value is a string or a list of strings
    expect(Object.keys(fc.metadata).filter((k) => / [0-9]+$/.test(k))).toEqual([]);
    expect(Object.values(fc.metadata).every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))).toBe(true);
    expect(fc.features[1].properties['SGB-II-Quote 2023 (%)']).toBeNull();
    expect(fc.features[1].properties['SGB-II-Quote 2023 (%) Zeichen']).toBe('·');
    await ingestFile(duck, { name: 'ergebnisse.geojson', bytes }, 'gj');
    check('gj', null);
  });
});
