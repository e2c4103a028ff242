import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Duck } from '../../src/lib/db/duck';
import { createNodeDuck } from '../../src/lib/db/node';
import { IngestError, ingestFile, type ImportOptions } from '../../src/lib/ingest/index';

let duck: Duck;
const bad = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(new URL(`../fixtures/bad/${name}`, import.meta.url))) });
const rows = (sql: string) => duck.query(sql).toArray().map((r) => r.toJSON() as Record<string, unknown>);
const tables = () => rows('SELECT table_name FROM information_schema.tables ORDER BY 1').map((r) => r.table_name);

beforeAll(async () => {
  duck = await createNodeDuck();
  // something the user loaded before: must survive every failure below
  await ingestFile(duck, bad('text_in_numeric.csv'), 'vorher');
});

/** Bad files that must fail with a German IngestError naming the file, with a hint. */
const ERRORS: [file: string, code: string, message: RegExp, line?: number][] = [
  ['empty.csv', 'empty', /ist leer/],
  ['only_header.csv', 'no_data', /keine Datenzeilen/],
  ['only_title.csv', 'no_data', /keine Datenzeilen/],
  ['binary_renamed.csv', 'binary', /keine Textdatei/],
  ['old_excel.xls', 'xls', /alte Excel-Datei/],
  ['open_quote.csv', 'open_quote', /Zeile 3 ein Anführungszeichen/, 3],
  ['invalid.geojson', 'invalid_json', /kein gültiges JSON \(Zeile 5, Spalte \d+\)/, 5],
  ['not_features.geojson', 'not_geojson', /FeatureCollection oder Feature erwartet, gefunden „Topology“/],
  ['bad_geometry_type.geojson', 'invalid_geometry', /Objekt 1 hat keine gültige Geometrie \(Typ „Circle“\)/, 1],
  ['wrong_crs_declared.geojson', 'crs_required', /gibt EPSG:4326 an, die Koordinaten .* sind aber projiziert/],
  ['shp_without_dbf.zip', 'no_dbf', /fehlt die Sachdatentabelle „bezirke\.dbf“/],
  ['shp_without_prj_projected.zip', 'crs_required', /projizierte Koordinaten, aber kein bekanntes Koordinatensystem/],
  ['zip_without_shp.zip', 'zip_unknown', /ZIP-Archiv ohne Shapefile/],
  ['zip_bomb.zip', 'zip_bomb', /ZIP-Bombe/],
  ['truncated.xlsx', 'xlsx_corrupt', /keine lesbare Excel-Datei/],
];

describe('bad input: clear German errors, nothing lost', () => {
  it.each(ERRORS)('%s → %s', async (file, code, message, line) => {
    const before = tables();
    const err = await ingestFile(duck, bad(file), 'neu').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    const e = err as IngestError;
    expect(e.details.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.message).toContain(file);
    expect(e.details.file).toBe(file);
    expect(e.details.hint).toMatch(/[A-ZÄÖÜ].{15,}/);
    if (line !== undefined) expect(e.details.line).toBe(line);
    expect(tables()).toEqual(before);
    expect(rows('SELECT count(*) AS n FROM vorher')).toEqual([{ n: 6 }]);
  });

  it('asks for the CRS with the EPSG:25832 hint', async () => {
    const e = (await ingestFile(duck, bad('shp_without_prj_projected.zip'), 'neu').catch((x: unknown) => x)) as IngestError;
    expect(e.details.hint).toBe('Wählen Sie das Koordinatensystem, z. B. EPSG:25832 (UTM 32N, NRW).');
  });
});

/** Bad files that import, with a warning that says what happened. */
const WARNINGS: [file: string, code: string, message: RegExp, options?: ImportOptions][] = [
  ['ragged_rows.csv', 'ragged_rows', /2 Zeile\(n\) haben nicht 3 Felder, z\. B\. Zeile 3 \(2 Felder\), Zeile 4 \(4 Felder\)/],
  ['mixed_encoding.csv', 'mixed_encoding', /mischt UTF-8 und Windows-1252/],
  ['text_in_numeric.csv', 'text_in_numeric', /Spalte „einwohner“: 1 Wert ist keine Zahl \(z\. B\. „ca\. 900“\) – als Text importiert/],
  ['duplicate_headers.csv', 'duplicate_name', /„wert“ kommt mehrfach vor – umbenannt in „wert_2“/],
  ['all_null_column.csv', 'empty_column', /Spalte „leer“ enthält keine Werte/],
  ['html_in_names.csv', 'markup_in_name', /spitze Klammern/],
  ['unclosed_ring.geojson', 'unclosed_ring', /nicht geschlossen und wurden geschlossen/],
  ['mixed_delimiters.csv', 'mixed_delimiters', /Zeile 1 von „mixed_delimiters\.csv“ verwendet ein anderes Trennzeichen \(„;“\) als die Tabelle \(„,“\)/],
];

describe('bad input that imports with a warning', () => {
  it.each(WARNINGS)('%s → %s', async (file, code, message, options) => {
    const r = await ingestFile(duck, bad(file), 'warn', options);
    const w = r.warnings.find((x) => x.code === code);
    expect(w, JSON.stringify(r.warnings)).toBeDefined();
    expect(w!.message).toMatch(message);
  });

  it('mixed encodings keep every umlaut', async () => {
    await ingestFile(duck, bad('mixed_encoding.csv'), 'mixed');
    expect(rows('SELECT name FROM mixed ORDER BY id').map((r) => r.name)).toEqual(['Köln', 'Düsseldorf', 'Mönchengladbach', 'Gießen']);
  });

  it('ragged rows: short rows padded with NULL, extra fields kept in an extra column', async () => {
    await ingestFile(duck, bad('ragged_rows.csv'), 'ragged');
    expect(rows('SELECT * FROM ragged ORDER BY id')).toEqual([
      { id: 1, name: 'Nord', wert: 10, Spalte_4: null },
      { id: 2, name: 'Süd', wert: null, Spalte_4: null },
      { id: 3, name: 'West', wert: 30, Spalte_4: 'Zusatz' },
      { id: 4, name: 'Ost', wert: 40, Spalte_4: null },
    ]);
  });

  it('HTML/script in names and values is stored verbatim as text, never interpreted', async () => {
    const r = await ingestFile(duck, bad('html_in_names.csv'), 'html');
    expect(r.columns.map((c) => c.name)).toEqual(['id', '<script>alert(1)</script>', 'name']);
    expect(rows('SELECT name FROM html ORDER BY id').map((x) => x.name)).toEqual(['<img src=x onerror=alert(1)>', 'Nord &amp; Süd']);
  });

  it('#DIV/0! and #N/A in XLSX become NULL with a warning naming the cells', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/zwei_kopfzeilen.xlsx', import.meta.url)));
    const r = await ingestFile(duck, { name: 'fehler.xlsx', bytes }, 'xl_err');
    expect(r.warnings[0]).toMatchObject({ code: 'excel_errors' });
    expect(r.warnings[0].message).toMatch(/2 Zelle\(n\) mit Excel-Fehlern \(#DIV\/0!, #N\/A, z\. B\. E4, D6\)/);
    expect(r.columns.find((c) => c.name === 'Arbeitslose 2021')).toMatchObject({ type: 'integer', nulls: 1 });
  });
});
