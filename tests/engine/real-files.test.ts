/**
 * The real-files corpus (`tests/fixtures/real/`): each file with what the import must detect —
 * sheet, Excel row numbers, merged header names, titles, footnotes, sums rows and their check,
 * symbols — or the German message for a file that is no table.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Duck } from '../../src/lib/db/duck';
import { createNodeDuck } from '../../src/lib/db/node';
import { IngestError, ingestFile, previewFile, type IngestResult } from '../../src/lib/ingest/index';

let duck: Duck;
beforeAll(async () => {
  duck = await createNodeDuck();
});

const real = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(new URL(`../fixtures/real/${name}`, import.meta.url))) });
const rows = (sql: string) => duck.query(sql).toArray().map((r) => r.toJSON() as Record<string, unknown>);
const names = (r: IngestResult) => r.columns.map((c) => c.name);
const col = (r: IngestResult, name: string) => r.columns.find((c) => c.name === name)!;

describe('real-shaped workbooks and exports', () => {
  it('01 info sheet first: the data sheet is chosen, header rows 4–5 merged, sums row set apart and checked, notes kept apart', async () => {
    const r = await ingestFile(duck, real('01_infoblatt_mehrzeilige_kopfzeilen.xlsx'), 'r01');
    expect(r.detected).toMatchObject({ format: 'xlsx', sheet: 'Daten', sheets: ['Info', 'Daten', 'Erläuterungen'], headerRow: 4, headerRows: 2, footerRows: 3 });
    expect(r.detected.sheetScores!.Daten).toBeGreaterThan(r.detected.sheetScores!.Info);
    expect(names(r)).toEqual(['Nr.', 'Stadtbezirk', 'Einwohner insgesamt', 'Einwohner unter 18 Jahren', 'SGB II Leistungsberechtigte', 'SGB II Quote']);
    expect(r.rows).toBe(10);
    expect(rows(`SELECT count(*) AS n FROM r01 WHERE "Stadtbezirk" LIKE 'Stadt%'`)).toEqual([{ n: 0 }]);
    // percent-formatted cells arrive as Excel shows them (12.3 for 12.3 %), flagged as percent
    expect(col(r, 'SGB II Quote')).toMatchObject({ type: 'double', percent: true });
    const q = rows(`SELECT "SGB II Quote" AS q, "SGB II Leistungsberechtigte" / "Einwohner insgesamt" * 100 AS p FROM r01 WHERE "Nr." = '03'`)[0];
    expect(q.q as number).toBeCloseTo(q.p as number, 9);
    expect(r.detected.totals).toMatchObject({ position: 'last', row: 16, label: 'Stadt insgesamt' });
    // counts are checked against the column sums; the quota (not additive) is not
    expect(r.detected.totals!.checks.map((c) => [c.column, c.ok])).toEqual([
      ['Einwohner insgesamt', true], ['Einwohner unter 18 Jahren', true], ['SGB II Leistungsberechtigte', true],
    ]);
    expect(r.detected.notes!.above).toEqual(['Tabelle 2.1: Einwohner und Leistungsberechtigte nach SGB II nach Stadtbezirken', 'Stichtag 31.12.2023']);
    expect(r.detected.notes!.below).toEqual(['1) Einwohner mit Hauptwohnsitz', 'Quelle: Einwohnermelderegister; Bundesagentur für Arbeit, Statistik der Grundsicherung', '· = Wert geheim gehalten']);
  });

  it('01 another sheet chosen by the user reads that sheet', async () => {
    const r = await ingestFile(duck, real('01_infoblatt_mehrzeilige_kopfzeilen.xlsx'), 'r01b', { sheet: 'Info' });
    expect(r.detected.sheet).toBe('Info');
    expect(r.rows).toBeLessThanOrEqual(5);
  });

  it('02 statistics-office CSV: the „Quelle“ line with delimiters and the symbol legend are notes, not areas; missing counts only the data', async () => {
    const r = await ingestFile(duck, real('02_statistikamt_titel_fussnoten.csv'), 'r02');
    expect(r.detected).toMatchObject({ encoding: 'windows-1252', headerRow: 4, footerRows: 3 });
    expect(r.rows).toBe(6);
    expect(rows(`SELECT count(*) AS n FROM r02 WHERE "Stadtteil" LIKE 'Quelle%' OR "Stadtteil" LIKE 'Zeichen%' OR "Stadtteil" LIKE 'Stand%'`)).toEqual([{ n: 0 }]);
    // „·“ is kept as secret at source (NaN, so the column is DOUBLE), „–“ as missing
    expect(col(r, 'Arbeitslose')).toMatchObject({ type: 'double', nulls: 2, secret: 1, missingSymbols: { '·': 1, '–': 1 } });
    expect(r.detected.notes!.below).toEqual([
      'Quelle: Landesdatenbank NRW; Bundesagentur für Arbeit; eigene Berechnungen',
      'Zeichenerklärung: · = Wert geheim gehalten; – = nichts vorhanden',
      'Stand: 15.03.2024',
    ]);
  });

  it('03 GENESIS export: title block, group label over the header, 8-digit AGS as text, rule and copyright below', async () => {
    const r = await ingestFile(duck, real('03_genesis_export.csv'), 'r03');
    expect(r.detected).toMatchObject({ headerRow: 4, headerRows: 2, footerRows: 3 });
    expect(names(r).slice(3)).toEqual(['Bevölkerungsstand Insgesamt', 'Bevölkerungsstand männlich', 'Bevölkerungsstand weiblich']);
    expect(r.rows).toBe(10);
    expect(col(r, 'Spalte_2').type).toBe('text');
    expect(rows(`SELECT "Spalte_2" AS ags FROM r03 WHERE "Spalte_3" LIKE 'Hilden%'`)).toEqual([{ ags: '05158016' }]);
    expect(r.detected.notes!.below[0]).toBe('__________');
  });

  it('04 blank rows above the header count in the row number; the sums row on top is set apart', async () => {
    const r = await ingestFile(duck, real('04_summenzeile_oben_leerzeilen.xlsx'), 'r04');
    expect(r.detected).toMatchObject({ headerRow: 6, headerRows: 1 });
    expect(names(r)).toEqual(['Bezirk', 'Name', 'EW', 'SGB2']);
    expect(r.rows).toBe(10);
    expect(r.detected.totals).toMatchObject({ position: 'first', row: 7, label: 'Stadt gesamt' });
    expect(r.detected.totals!.checks.every((c) => c.ok)).toBe(true);
    // the user names another header row in Excel's numbering: row 2 is the title line
    const p = await previewFile(duck, real('04_summenzeile_oben_leerzeilen.xlsx'), { headerRow: 2 });
    expect(p.columns[0].name).toBe('Kennzahlen der Stadtbezirke');
    // and can keep the sums row as data
    const k = await ingestFile(duck, real('04_summenzeile_oben_leerzeilen.xlsx'), 'r04k', { keepTotals: true });
    expect(k.rows).toBe(11);
    expect(k.detected.totals).toBeUndefined();
  });

  it('05 „Stadt Musterstadt“ as last row is a sums row because it adds up; „Stadt Blankenberg“ in the middle stays an area', async () => {
    const r = await ingestFile(duck, real('05_stadt_als_summenzeile.csv'), 'r05');
    expect(r.rows).toBe(5);
    expect(r.detected.totals).toMatchObject({ position: 'last', row: 7, label: 'Stadt Musterstadt' });
    expect(rows(`SELECT count(*) AS n FROM r05 WHERE "Ortsteil" = 'Stadt Blankenberg'`)).toEqual([{ n: 1 }]);
  });

  it('06 German symbols and number forms', async () => {
    const r = await ingestFile(duck, real('06_deutsche_symbole.csv'), 'r06');
    expect(col(r, 'Einwohner')).toMatchObject({ type: 'integer', nulls: 0 });
    expect(col(r, 'Veränderung zum Vorjahr in %')).toMatchObject({ type: 'double', nulls: 2, missingSymbols: { '–': 1, '…': 1 } });
    expect(col(r, 'Alleinerziehende')).toMatchObject({ type: 'double', nulls: 2, secret: 1, missingSymbols: { '·': 1, 'k.A.': 1 } });
    expect(rows(`SELECT "Veränderung zum Vorjahr in %" AS v FROM r06 WHERE "Sozialraum" = 'SR 01 Nord'`)).toEqual([{ v: -1.2 }]);
    // „(3,2)“ = value of limited reliability (official „( )“): the number, counted and named
    expect(col(r, 'Quote HzE je 1.000 u21')).toMatchObject({ type: 'double', nulls: 2, limited: 1, missingSymbols: { x: 1, '/': 1 } });
    expect(rows(`SELECT "Quote HzE je 1.000 u21" AS v FROM r06 WHERE "Sozialraum" = 'SR 02 Mitte'`)).toEqual([{ v: 3.2 }]);
    expect(r.warnings.find((w) => w.code === 'limited_values')).toMatchObject({ column: 'Quote HzE je 1.000 u21', message: expect.stringMatching(/1 Wert steht in Klammern \(z\. B\. „\(3,2\)“\) – .*Aussagewert eingeschränkt/) });
    expect(r.detected.totals).toBeUndefined();
  });

  it('07 HTML saved as .xls is read as the table it holds, with a message saying what it is', async () => {
    const r = await ingestFile(duck, real('07_webseite_als.xls'), 'r07');
    expect(r.detected.format).toBe('html');
    expect(r.warnings.map((w) => w.code)).toContain('html_table');
    expect(names(r)).toEqual(['Gemeinde', 'Einwohner', 'Fläche km²']);
    expect(rows(`SELECT "Gemeinde" FROM r07 WHERE "Einwohner" = 21118`)).toEqual([{ Gemeinde: 'Wülfrath' }]);
  });

  it('08 Excel 97–2003 (.xls) is read', async () => {
    const r = await ingestFile(duck, real('08_excel_97.xls'), 'r08');
    expect(r.detected).toMatchObject({ format: 'xls', sheet: 'Bezirke' });
    expect(r.rows).toBe(5);
    expect(col(r, 'Einwohner').type).toBe('integer');
  });

  it.each([
    ['09_bericht_nur_text.pdf', 'pdf', /PDF-Dokument/],
    ['10_bildschirmfoto.csv', 'image', /ein Bild/],
    ['11_word_dokument.xlsx', 'word', /Word-Dokument/],
    ['15_kennwortgeschuetzt.xlsx', 'encrypted', /passwortgeschützte Excel-Datei/],
  ])('%s is no table: %s, with a German message and a hint', async (file, code, message) => {
    const e = (await ingestFile(duck, real(file), 'nie').catch((x: unknown) => x)) as IngestError;
    expect(e).toBeInstanceOf(IngestError);
    expect(e.details.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.message).toContain(file);
    expect(e.details.hint).toMatch(/[A-ZÄÖÜ].{20,}/);
    expect(rows(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'nie'`)).toEqual([{ n: 0 }]);
  });

  it('12 an Excel workbook with a .csv name is read as the workbook, and the user is told', async () => {
    const r = await ingestFile(duck, real('12_excel_mit_csv_endung.csv'), 'r12');
    expect(r.detected.format).toBe('xlsx');
    expect(r.warnings[0]).toMatchObject({ code: 'extension' });
    expect(r.warnings[0].message).toMatch(/Excel-Arbeitsmappe.*\.csv/);
    expect(r.rows).toBe(3);
  });

  it('13 OpenDocument spreadsheet: the sheet with the table is chosen', async () => {
    const r = await ingestFile(duck, real('13_libreoffice.ods'), 'r13');
    expect(r.detected).toMatchObject({ format: 'ods', sheet: 'Tabelle', sheets: ['Hinweise', 'Tabelle'] });
    expect(r.rows).toBe(10);
  });

  it('14 three header rows (group, subgroup, year) merge into readable names', async () => {
    const r = await ingestFile(duck, real('14_drei_kopfzeilen.csv'), 'r14');
    expect(r.detected).toMatchObject({ headerRow: 1, headerRows: 3 });
    expect(names(r)).toEqual([
      'Stadtbezirk', 'Einwohner insgesamt 2022', 'Einwohner insgesamt 2023', 'Einwohner unter 18 2022', 'Einwohner unter 18 2023', 'Arbeitslose insgesamt 2022', 'Arbeitslose insgesamt 2023',
    ]);
    expect(r.rows).toBe(6);
    expect(col(r, 'Stadtbezirk').nulls).toBe(0);
  });

  it('16 „Insgesamt“ with suppressed parts: set apart, and the check names the difference', async () => {
    const r = await ingestFile(duck, real('16_insgesamt_mit_geheimhaltung.csv'), 'r16');
    expect(r.rows).toBe(4);
    expect(r.detected.footerRows).toBe(1);
    expect(r.detected.totals).toMatchObject({ position: 'last', row: 6, label: 'Insgesamt' });
    expect(r.detected.totals!.checks).toEqual([
      { column: 'Einwohner', stated: 13336, sum: 13336, ok: true },
      { column: 'SGB II', stated: 1369, sum: 1367, ok: false },
    ]);
    // Hafen's „·“ is secret at source (NaN), not a missing value; the import says so
    expect(r.columns.find((c) => c.name === 'SGB II')).toMatchObject({ type: 'double', secret: 1, nulls: 1 });
    const hafen = duck.query(`SELECT "SGB II" AS v, "Anteil SGB II %" AS q FROM r16 WHERE "Sozialraum" = 'Hafen'`).get(0)!.toJSON();
    expect([hafen.v, hafen.q]).toEqual([NaN, NaN]);
    expect(r.warnings.filter((w) => w.code === 'source_secret').map((w) => w.message)).toEqual([
      'In der Quelle geheim gehaltene Werte (Zeichen ·) in Spalten „SGB II“ (1), „Anteil SGB II %“ (1) – gezeigt als „· geheim (Quelle)“, nicht als fehlend.',
    ]);
  });
});

describe('24 „–“ as „genau null“: missing by default, 0 with the import option', () => {
  it('default: „–“, „-“ and „x“ are missing (METHODS §6), „·“ secret; no notice about dashes', async () => {
    const r = await ingestFile(duck, real('24_hze_striche_genau_null.csv'), 'r24');
    expect(r.rows).toBe(8);
    expect(r.detected).toMatchObject({ encoding: 'windows-1252', headerRow: 4 });
    expect(col(r, 'HzE ambulant')).toMatchObject({ type: 'integer', nulls: 2, missingSymbols: { '–': 1, '-': 1 } });
    expect(col(r, 'HzE ambulant').dashZero).toBeUndefined();
    const v = rows(`SELECT "Bezirk" AS k, "HzE ambulant" AS a, "HzE stationär" AS s FROM r24 ORDER BY 1`);
    expect(v.find((x) => x.k === '012')).toMatchObject({ a: null, s: null });
    expect(r.warnings.some((w) => w.code === 'dash_zero')).toBe(false);
  });

  it('„„–“/„-“ als 0 lesen“: dashes are 0, „·“ stays secret, „x“ stays missing; one notice names the columns', async () => {
    const r = await ingestFile(duck, real('24_hze_striche_genau_null.csv'), 'r24z', { dashZero: true });
    expect(col(r, 'HzE ambulant')).toMatchObject({ type: 'integer', nulls: 0, dashZero: 2 });
    expect(col(r, 'HzE stationär')).toMatchObject({ type: 'double', secret: 1, nulls: 1, dashZero: 3 });
    expect(col(r, 'Eingliederungshilfe §35a')).toMatchObject({ type: 'integer', nulls: 1, dashZero: 4 });
    expect(col(r, 'Bezirksname').type).toBe('text');
    const v = rows(`SELECT "Bezirk" AS k, "HzE ambulant" AS a, "HzE stationär" AS s, "Eingliederungshilfe §35a" AS e FROM r24z ORDER BY 1`);
    expect(v.map((x) => [x.k, Number(x.a), x.s === null ? null : Number(x.s), x.e === null ? null : Number(x.e)])).toEqual([
      ['010', 14, 0, 3], ['011', 27, 6, 0], ['012', 0, 0, 0], ['013', 31, 9, 4], ['014', 12, NaN, 0], ['016', 19, 5, null], ['017', 0, 0, 0], ['018', 22, 7, 5],
    ]);
    expect(r.warnings.filter((w) => w.code === 'dash_zero').map((w) => w.message)).toEqual([
      '„–“/„-“ als 0 gelesen (amtlich: nichts vorhanden, genau null) in Spalten „HzE ambulant“ (2), „HzE stationär“ (3), „Eingliederungshilfe §35a“ (4) – Einstellung „„–“/„-“ als 0 lesen“ im Importdialog; ohne sie fehlen diese Werte.',
    ]);
  });

  it('the same option on a workbook (XLSX) and on the CLI (`inspect --dash-zero`)', async () => {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Bezirk', 'HzE'], ['010', 4], ['011', '–'], ['012', 'x']]), 'HzE');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const x = await ingestFile(duck, { name: 'hze.xlsx', bytes }, 'r24x', { dashZero: true });
    expect(col(x, 'HzE')).toMatchObject({ type: 'integer', nulls: 1, dashZero: 1 });
    const { run } = await import('../../src/cli/commands/inspect');
    const out = (await run([new URL('../fixtures/real/24_hze_striche_genau_null.csv', import.meta.url).pathname, '--dash-zero'])) as { columns: { name: string; dash_zero?: number }[]; warnings: { code: string }[] };
    expect(out.columns.find((c) => c.name === 'HzE ambulant')?.dash_zero).toBe(2);
    expect(out.warnings.map((w) => w.code).slice(0, 2)).toEqual(['source_secret', 'dash_zero']);
  }, 120_000);
});

describe('real-shaped keys and long tables', () => {
  const load = async (name: string) => engine.importFile(real(name));
  let engine: import('../../src/lib/engine/engine').Engine;
  beforeAll(async () => {
    const { Engine } = await import('../../src/lib/engine/engine');
    engine = new Engine(duck);
  });

  it('18/19 AGS (8 digits) ↔ ARS (12 digits): one suggestion matches all ten towns', async () => {
    const geo = await load('18_gemeinden_ars.geojson');
    const t = await load('19_gemeindedaten_ags.csv');
    const layer = engine.createLayer({ table: geo.name, idColumn: 'ARS', nameColumn: 'GEN' });
    expect(engine.bestKeyColumn(t.name, layer.table)).toMatchObject({ column: 'AGS', matched: 10 });
    const r = engine.joinReport({ table: t.name, key: 'AGS', layer: layer.table, mode: 'exact' });
    expect(r.matched).toBe(0);
    expect(r.suggestions[0]).toMatchObject({ matched: 10, byName: false });
    expect(r.suggestions[0].transform.layer).toContainEqual({ op: 'ars' });
    expect(r.suggestions[0].examples[0]).toEqual(['05158004', '051580004004']);
  });

  it('20 Gemeinde number as a plain integer (4, 8, …) ↔ ARS; names spelled differently join by name too', async () => {
    const t = await load('20_gemeinde_nummer.csv');
    const layer = engine.listLayers().find((l) => l.idColumn === 'ARS')!;
    expect(col(await ingestFile(duck, real('20_gemeinde_nummer.csv'), 'r20'), 'Gemeindenummer').type).toBe('integer');
    const r = engine.joinReport({ table: t.name, key: 'Gemeindenummer', layer: layer.table, mode: 'exact' });
    expect(r.suggestions[0]).toMatchObject({ matched: 10, byName: false });
    expect(r.suggestions[0].transform.layer).toEqual(expect.arrayContaining([{ op: 'right', n: 3 }, { op: 'zeros' }]));
    // „Langenfeld (Rhld.)“ ≠ „Langenfeld (Rheinland)“: the name join reaches nine of ten, the key join all
    expect(r.suggestions.find((s) => s.byName)).toMatchObject({ key: 'Name', layerKey: 'GEN', matched: 9 });
  });

  it('21/22 no common key: the join by normalised names (St./Sankt, ß/ss, hyphens, case) matches all nine', async () => {
    const geo = await load('21_stadtteile_hamburg.geojson');
    const t = await load('22_jugendamt_ohne_schluessel.csv');
    const layer = engine.createLayer({ table: geo.name, idColumn: 'STT_ID', nameColumn: 'STT_NAME' });
    const r = engine.joinReport({ table: t.name, key: 'Stadtteil', layer: layer.table, mode: 'exact' });
    expect(r.matched).toBe(0);
    // the unmatched are listed side by side, the layer's with their names
    expect(r.layerOnly.find((x) => x.key === 'HH-101')).toMatchObject({ name: 'Sankt Pauli' });
    const s = r.suggestions.find((x) => x.byName)!;
    expect(s).toMatchObject({ key: 'Stadtteil', layerKey: 'STT_NAME', matched: 9 });
    const ok = engine.joinReport({ table: t.name, key: s.key, layer: layer.table, mode: 'exact', layerKey: s.layerKey, transform: s.transform });
    expect(ok).toMatchObject({ matched: 9, tableOnlyCount: 0, layerOnlyCount: 0 });
    const v = engine.joinedValues({ table: t.name, key: s.key, layer: layer.table, mode: 'exact', layerKey: s.layerKey, transform: s.transform }, { column: 'Hilfen zur Erziehung' });
    expect(v.values[v.ids.indexOf('HH-102')]).toBe(47); // „St. Georg“ → „Sankt Georg“
  });

  it('23 long format: the key is raum_id (not the row id), true duplicate counts, the reshape is pre-selected and then joins and maps', async () => {
    const geo = await engine.importFile({ name: 'bezirke.geojson', bytes: new Uint8Array(readFileSync(new URL('../../sample-data/musterstadt/bezirke.geojson', import.meta.url))) });
    const t = await load('23_langformat_wie_koeln.csv');
    const layer = engine.createLayer({ table: geo.name, idColumn: 'BEZ_ID', nameColumn: 'BEZ_NAME' });
    expect(engine.bestKeyColumn(t.name, layer.table)).toMatchObject({ column: 'raum_id', matched: 60 });
    const r = engine.joinReport({ table: t.name, key: 'raum_id', layer: layer.table, mode: 'exact', yearColumn: 'jahr' });
    expect(r.matched).toBe(60);
    expect(r.tableOnly.map((x) => x.key)).toEqual(['000']);
    // 61 areas × 2 years, each with 4 characteristics: every key/year pair is a "duplicate"
    expect(r.tableDuplicateCount).toBe(122);
    expect(r.longTable).toEqual({ idColumns: ['raum_id', 'jahr'], nameColumn: 'zeile', valueColumn: 'zahl', yearColumn: 'jahr', characteristics: 4 });
    expect(engine.longShape(t.name)).toEqual(r.longTable);
    const h = r.longTable!;
    const wide = engine.pivotWide({ table: t.name, idColumns: h.idColumns, nameColumn: h.nameColumn, valueColumn: h.valueColumn });
    const w = engine.joinReport({ table: wide.name, key: 'raum_id', layer: layer.table, mode: 'exact', yearColumn: 'jahr' });
    expect(w).toMatchObject({ matched: 60, tableDuplicateCount: 0 });
    expect(w.longTable).toBeUndefined();
    const v = engine.joinedValues({ table: wide.name, key: 'raum_id', layer: layer.table, mode: 'exact', yearColumn: 'jahr' }, { column: 'SGB II', denominator: 'Einwohner unter 65', scale: 100 }, '2024');
    expect(v.values.every((x) => x > 0 && x < 100)).toBe(true);
  });
});
