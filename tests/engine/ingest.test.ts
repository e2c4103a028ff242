import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Duck } from '../../src/lib/db/duck';
import { createNodeDuck } from '../../src/lib/db/node';
import { GEOM_COL, IngestError, ingestFile, previewFile, type IngestResult } from '../../src/lib/ingest/index';

const REF = path.resolve(import.meta.dirname, '../fixtures/reference');
let duck: Duck;
beforeAll(async () => {
  duck = await createNodeDuck();
});

const fixture = (p: string) => ({ name: p.split('/').pop()!, bytes: new Uint8Array(readFileSync(new URL(`../fixtures/${p}`, import.meta.url))) });
const ref = (p: string) => ({ name: p.split('/').pop()!, bytes: new Uint8Array(readFileSync(`${REF}/${p}`)) });
const rows = (sql: string) => duck.query(sql).toArray().map((r) => r.toJSON() as Record<string, unknown>);
const col = (r: IngestResult, name: string) => r.columns.find((c) => c.name === name);
const tables = () => rows(`SELECT table_name FROM information_schema.tables`).map((r) => r.table_name as string);

describe('CSV', () => {
  it('Windows-1252, semicolons, decimal comma, thousands, title rows, footnotes, missing symbols, leading zeros', async () => {
    const r = await ingestFile(duck, fixture('einwohner_cp1252.csv'), 'ew');
    expect(r.detected).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';', decimal: ',', thousands: '.', headerRow: 4, headerRows: 1, footerRows: 2 });
    expect(r.detected.notes).toEqual({
      above: ['Tabelle 4: Einwohner und Sozialleistungen nach Stadtteilen', 'Stand: 31.12.2023'],
      below: ['Quelle: Statistikstelle der Stadt Musterstadt', '* vorläufige Werte; · = Geheimhaltung'],
    });
    expect(r.rows).toBe(5);
    expect(r.columns.map((c) => [c.name, c.type])).toEqual([
      ['Gebiet-Nr', 'text'], ['Stadtteil', 'text'], ['Einwohner', 'integer'], ['Anteil Ausländer', 'double'], ['SGB-II-Quote', 'double'], ['Fläche km²', 'double'],
    ]);
    expect(col(r, 'Anteil Ausländer')).toMatchObject({ percent: true, nulls: 2, secret: 1, missingSymbols: { '·': 1, x: 1 } });
    expect(col(r, 'SGB-II-Quote')).toMatchObject({ nulls: 3, secret: 1, missingSymbols: { '-': 1, '.': 1, '/': 1 } });
    // „·“ and „.“ (GENESIS: „Zahlenwert unbekannt oder geheim zu halten“) are secret at source: said once per column
    expect(r.warnings.map((w) => w.code)).toEqual(['source_secret']);
    expect(r.warnings[0].message).toMatch(/in Spalten „Anteil Ausländer“ \(1\), „SGB-II-Quote“ \(1\)/);
    expect(rows('SELECT * FROM ew ORDER BY 1')).toEqual([
      { 'Gebiet-Nr': '001', Stadtteil: 'Altstadt', Einwohner: 12345, 'Anteil Ausländer': 18.4, 'SGB-II-Quote': 12.5, 'Fläche km²': 1.25 },
      { 'Gebiet-Nr': '002', Stadtteil: 'Südstadt', Einwohner: 9876, 'Anteil Ausländer': 22.1, 'SGB-II-Quote': null, 'Fläche km²': 2.5 },
      { 'Gebiet-Nr': '010', Stadtteil: 'Weißenburg', Einwohner: 1234, 'Anteil Ausländer': NaN, 'SGB-II-Quote': 7.25, 'Fläche km²': 10 },
      { 'Gebiet-Nr': '011', Stadtteil: 'Größere Straße', Einwohner: 23456, 'Anteil Ausländer': 5, 'SGB-II-Quote': NaN, 'Fläche km²': 0.75 },
      { 'Gebiet-Nr': '020', Stadtteil: 'Übersee', Einwohner: null, 'Anteil Ausländer': null, 'SGB-II-Quote': null, 'Fläche km²': 3.1 },
    ]);
  });

  it('tab-delimited UTF-8 with BOM keeps 8-digit keys as text', async () => {
    const r = await ingestFile(duck, fixture('gemeinden_tab.txt'), 'gem');
    expect(r.detected).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: '\t', decimal: '.' });
    expect(r.columns.map((c) => c.type)).toEqual(['text', 'text', 'integer', 'double']);
    expect(rows('SELECT "Schlüssel", Gemeinde FROM gem ORDER BY 1')[1]).toEqual({ Schlüssel: '05315000', Gemeinde: 'Köln' });
  });

  it('pipe-delimited with German thousands and k.A.', async () => {
    const r = await ingestFile(duck, fixture('sozialraeume_pipe.csv'), 'sr');
    expect(r.detected).toMatchObject({ delimiter: '|', decimal: ',', thousands: '.' });
    expect(col(r, 'alleinerziehende')).toMatchObject({ type: 'integer', nulls: 1, missingSymbols: { 'k.A.': 1 } });
    expect(rows('SELECT sum(kinder_u15) AS s, max(sgb2_quote) AS q FROM sr')).toEqual([{ s: 4956, q: 22.5 }]);
  });

  it('user overrides: delimiter, header row, text columns', async () => {
    const r = await ingestFile(duck, fixture('sozialraeume_pipe.csv'), 'sr2', { headerRow: -1, textColumns: ['Spalte_1'] });
    expect(r.rows).toBe(5);
    expect(r.columns[0]).toMatchObject({ name: 'Spalte_1', type: 'text' });
    const wrong = await ingestFile(duck, fixture('sozialraeume_pipe.csv'), 'sr3', { delimiter: ';' });
    expect(wrong.columns).toHaveLength(1);
  });
});

describe('reference files', () => {
  it('Flensburg Einwohner: "53,40%" → 53.4 (percent), umlaut headers, year columns', async () => {
    const r = await ingestFile(duck, ref('flensburg/tab1_einwohner.csv'), 'fl1');
    expect(r.rows).toBe(13);
    expect(r.detected).toMatchObject({ delimiter: ',', decimal: ',', headerRow: 1 });
    expect(r.columns.map((c) => c.name)).toEqual(['id', 'stadtteil', '2011', '2017', '2018', '2019', '2020', 'gesamt', 'männlich', 'weiblich']);
    expect(col(r, 'männlich')).toMatchObject({ type: 'double', percent: true, nulls: 0 });
    expect(col(r, '2011')).toMatchObject({ type: 'integer' });
    expect(rows(`SELECT "männlich", "2011", stadtteil FROM fl1 WHERE id = 1`)).toEqual([{ männlich: 53.4, 2011: 3323, stadtteil: 'Altstadt' }]);
    expect(rows(`SELECT stadtteil FROM fl1 WHERE id = 9`)).toEqual([{ stadtteil: 'Jürgensby' }]);
  });

  it('Flensburg SGB II: quoted decimal commas mixed with plain integers', async () => {
    const r = await ingestFile(duck, ref('flensburg/tab18_sgb2_regelleistungsberechtigte.csv'), 'fl18');
    expect(col(r, 'Anteil_in_%_2019')).toMatchObject({ type: 'double', nulls: 0 });
    expect(rows(`SELECT "Anteil_in_%_2019" AS a FROM fl18 WHERE "Stadtteil_ID" = 3`)).toEqual([{ a: 23 }]);
    expect(rows(`SELECT sum("Anzahl_2021") AS s FROM fl18`)).toEqual([{ s: 11152 }]);
  });

  it('Köln long format: raum_id codes stay text with leading zeros', async () => {
    const r = await ingestFile(duck, ref('koeln/bevoelkerung_koeln_2005-2012.csv'), 'koeln_long');
    expect(r.rows).toBe(29135);
    expect(col(r, 'raum_id')).toMatchObject({ type: 'text' });
    expect(col(r, 'jahr')).toMatchObject({ type: 'integer' });
    expect(rows(`SELECT count(DISTINCT raum_id) AS n FROM koeln_long WHERE raum_id BETWEEN '101' AND '999'`)).toEqual([{ n: 86 }]);
    expect(rows(`SELECT zahl FROM koeln_long WHERE raum_id = '001' AND jahr = 2005 AND tab_id = '005'`)).toEqual([{ zahl: 129496 }]);
  });

  it('Berlin population: planning-area keys with leading zeros', async () => {
    const r = await ingestFile(duck, ref('berlin/berlin-lor-population-2020-02-t1-planning-areas.csv'), 'ber_pop');
    expect(r.rows).toBe(448);
    expect(col(r, 'id')).toMatchObject({ type: 'text' });
    expect(rows(`SELECT count(*) AS n FROM ber_pop WHERE id LIKE '0%'`)[0].n).toBeGreaterThan(100);
  });

  it('Köln Stadtteile and Stadtbezirke shapefiles reproject from UTM with False_Easting 2 500 000', async () => {
    const st = await ingestFile(duck, ref('koeln/stadtteile_koeln_shp.zip'), 'koeln_st');
    expect(st.rows).toBe(86);
    expect(st.detected).toMatchObject({ format: 'shapefile', geometryType: 'polygon' });
    const [x0, y0, x1, y1] = st.bbox!;
    expect(x0).toBeGreaterThan(6.75);
    expect(x1).toBeLessThan(7.2);
    expect(y0).toBeGreaterThan(50.8);
    expect(y1).toBeLessThan(51.1);
    expect(rows(`SELECT count(*) AS n FROM koeln_st WHERE "STT_NAME" = 'Dellbrück'`)).toEqual([{ n: 1 }]);
    const bz = await ingestFile(duck, ref('koeln/stadtbezirke_koeln_shp.zip'), 'koeln_bz');
    expect(bz.rows).toBe(9);
    const g = JSON.parse(rows(`SELECT ${GEOM_COL} AS g FROM koeln_bz WHERE "STB_NAME" = 'Innenstadt'`)[0].g as string);
    const [lon, lat] = g.coordinates[0][0];
    expect(lon).toBeCloseTo(6.96, 1);
    expect(lat).toBeCloseTo(50.95, 1);
  });

  it('Sacramento shapefile without .prj in lon/lat imports without asking', async () => {
    const r = await ingestFile(duck, ref('sacramento2000/sacramentot2_shp.zip'), 'sac');
    expect(r.rows).toBe(403);
    expect(r.detected.crs).toBe('EPSG:4326');
    expect(col(r, 'FIPS')).toMatchObject({ type: 'text' });
    expect(col(r, 'TOT_POP')).toMatchObject({ type: 'integer' });
    expect(r.bbox![0]).toBeLessThan(-119);
  });

  it('Berlin and Columbus GeoJSON; the duplicated Berlin id is kept for the join report', async () => {
    const b = await ingestFile(duck, ref('berlin/berlin-lor-planning-areas-until-2020.geojson'), 'ber_geo');
    expect(b.rows).toBe(448);
    expect(b.detected).toMatchObject({ format: 'geojson', crs: 'EPSG:4326', geometryType: 'polygon' });
    expect(rows(`SELECT count(*) AS n FROM ber_geo WHERE id = '06010102'`)).toEqual([{ n: 2 }]);
    expect(rows(`SELECT name FROM ber_geo WHERE id = '01011101'`)).toEqual([{ name: 'Stülerstraße' }]);
    const c = await ingestFile(duck, ref('columbus/columbus.geojson'), 'columbus');
    expect(c.rows).toBe(49);
    expect(col(c, 'POLYID')).toMatchObject({ type: 'integer' });
    expect(col(c, 'CRIME')).toMatchObject({ type: 'double' });
  });

  it('Flensburg Stadtteile GeoJSON (CRS84)', async () => {
    const r = await ingestFile(duck, ref('flensburg/flensburg_stadtteile.geojson'), 'fl_geo');
    expect(r.rows).toBe(13);
    expect(r.bbox![1]).toBeGreaterThan(54.7);
  });
});

describe('XLSX, Parquet, GeoJSON fixtures', () => {
  it('XLSX: first non-empty sheet, title, two merged header rows, formulas, #DIV/0! → NULL with a warning', async () => {
    const r = await ingestFile(duck, fixture('zwei_kopfzeilen.xlsx'), 'xl');
    expect(r.detected).toMatchObject({ format: 'xlsx', sheets: ['Leer', 'Daten 2021', 'Zweites Blatt'], sheet: 'Daten 2021', headerRows: 2, footerRows: 1 });
    expect(r.columns.map((c) => c.name)).toEqual(['Stadtteil', 'Einwohner 2020', 'Einwohner 2021', 'Arbeitslose 2020', 'Arbeitslose 2021']);
    expect(r.warnings.map((w) => w.code)).toEqual(['excel_errors']);
    expect(r.warnings[0].message).toMatch(/#DIV\/0!.*E4/);
    expect(rows('SELECT * FROM xl')).toEqual([
      { Stadtteil: 'Nordstadt', 'Einwohner 2020': 1200, 'Einwohner 2021': 1250, 'Arbeitslose 2020': 48.5, 'Arbeitslose 2021': null },
      { Stadtteil: 'Südstadt', 'Einwohner 2020': 800, 'Einwohner 2021': 820, 'Arbeitslose 2020': 30.25, 'Arbeitslose 2021': 31 },
      { Stadtteil: 'Weststadt', 'Einwohner 2020': 640, 'Einwohner 2021': 655, 'Arbeitslose 2020': null, 'Arbeitslose 2021': 12 },
    ]);
  });

  it('XLSX: another sheet chosen by the user; leading-zero keys stay text', async () => {
    const r = await ingestFile(duck, fixture('zwei_kopfzeilen.xlsx'), 'xl2', { sheet: 'Zweites Blatt' });
    expect(r.columns).toEqual([
      { name: 'Schlüssel', type: 'text', nulls: 0 },
      { name: 'Wert', type: 'double', nulls: 0 },
      { name: 'Stichtag', type: 'date', nulls: 0 },
      { name: 'Förderung', type: 'boolean', nulls: 0 },
    ]);
    expect(rows('SELECT CAST("Stichtag" AS VARCHAR) AS d, "Förderung" AS f FROM xl2 ORDER BY 1')).toEqual([{ d: '2022-12-31', f: false }, { d: '2023-12-31', f: true }]);
    await expect(ingestFile(duck, fixture('zwei_kopfzeilen.xlsx'), 'xl3', { sheet: 'Fehlt' })).rejects.toThrow(/kein Tabellenblatt „Fehlt“/);
  });

  it('Parquet: several row groups, INT64 beyond 2^31, nulls, booleans', async () => {
    const r = await ingestFile(duck, fixture('kennzahlen.parquet'), 'pq');
    expect(r.columns.map((c) => [c.name, c.type, c.nulls])).toEqual([
      ['gebiet', 'text', 0], ['name', 'text', 0], ['einwohner', 'integer', 0], ['haushalte', 'integer', 0], ['quote', 'double', 1], ['foerdergebiet', 'boolean', 1],
    ]);
    expect(rows(`SELECT gebiet, haushalte FROM pq WHERE name = 'Übersee'`)).toEqual([{ gebiet: '004', haushalte: 3000000000 }]);
  });

  it('GeoJSON in EPSG:25832 (crs member) is reprojected to WGS84', async () => {
    const r = await ingestFile(duck, fixture('bezirke_25832.geojson'), 'bez');
    expect(r.detected).toMatchObject({ crs: 'EPSG:25832', geometryType: 'polygon' });
    expect(r.bbox![0]).toBeCloseTo(6.95, 2);
    expect(r.bbox![1]).toBeCloseTo(50.92, 2);
    expect(col(r, 'bezirk_id')).toMatchObject({ type: 'text' });
    expect(col(r, GEOM_COL)).toMatchObject({ type: 'geometry', nulls: 0 });
  });

  it('GeoJSON is read as a stream: features in batches, never the whole text in one JSON.parse', async () => {
    // 7 000 squares in EPSG:25832; the crs member comes after the features (a light first pass
    // finds it), a property appears only in the last batch, every 1 000th ring is left open
    const features = Array.from({ length: 7000 }, (_, i) => {
      const x = 356000 + (i % 100) * 100, y = 5645000 + Math.floor(i / 100) * 100;
      const ring = [[x, y], [x + 100, y], [x + 100, y + 100], [x, y + 100], [x, y]];
      if (i % 1000 === 0) ring.pop();
      return { type: 'Feature', properties: { id: String(i).padStart(5, '0'), ew: i, ...(i === 6999 ? { spaet: 'ja' } : {}) }, geometry: { type: 'Polygon', coordinates: [ring] } };
    });
    const text = JSON.stringify({ features, type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:25832' } } });
    const parse = JSON.parse;
    let longest = 0;
    JSON.parse = ((t: string, ...rest: []) => ((longest = Math.max(longest, t.length)), parse(t, ...rest))) as typeof JSON.parse;
    let r: IngestResult;
    try {
      r = await ingestFile(duck, { name: 'viele.geojson', bytes: new TextEncoder().encode(text) }, 'viele');
    } finally {
      JSON.parse = parse;
    }
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(longest).toBeLessThan(10_000);
    expect(r.rows).toBe(7000);
    expect(r.detected).toMatchObject({ format: 'geojson', crs: 'EPSG:25832', geometryType: 'polygon' });
    expect(r.bbox![0]).toBeCloseTo(6.95, 2);
    expect(r.bbox![1]).toBeCloseTo(50.939, 2);
    expect(r.warnings.map((w) => w.code)).toEqual(['unclosed_ring']);
    expect(r.warnings[0].message).toMatch(/^7 Polygonring/);
    expect(r.columns.map((c) => c.name)).toEqual(['id', 'ew', 'spaet', GEOM_COL]);
    expect(rows(`SELECT count(*) AS n, sum(ew) AS s, count(spaet) AS late FROM viele`)).toEqual([{ n: 7000, s: (6999 * 7000) / 2, late: 1 }]);
  });

  it('Shapefile with .prj and .cpg (UTF-8) lands at the same place as the GeoJSON', async () => {
    const r = await ingestFile(duck, fixture('bezirke_utm32.zip'), 'bez_shp');
    expect(r.detected.encoding).toBe('utf-8');
    expect(r.bbox![0]).toBeCloseTo(6.95, 2);
    expect(r.bbox![3]).toBeCloseTo(50.948, 2);
  });

  it('a projected file without CRS imports once the user names it', async () => {
    const r = await ingestFile(duck, fixture('bad/shp_without_prj_projected.zip'), 'bez_crs', { crs: 'EPSG:25832' });
    expect(r.detected.crs).toBe('EPSG:25832');
    expect(r.bbox![1]).toBeCloseTo(50.92, 2);
  });
});

describe('pipeline behaviour', () => {
  it('large CSV in chunks: quoted newlines across chunk borders, progress, same result as one chunk', async () => {
    const lines = ['id;name;wert'];
    for (let i = 0; i < 20000; i++) lines.push(`${String(i).padStart(6, '0')};"Name ${i}\nzweite Zeile";${i % 100},5`);
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    const progress: number[] = [];
    const r = await ingestFile(duck, { name: 'gross.csv', bytes }, 'gross', { chunkBytes: 64 * 1024 }, { onProgress: (f) => progress.push(f) });
    expect(r.rows).toBe(20000);
    expect(progress.length).toBeGreaterThan(8);
    expect(progress[progress.length - 1]).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(rows('SELECT count(DISTINCT id) AS n, sum(wert) AS s, min(id) AS lo FROM gross')).toEqual([{ n: 20000, s: 20000 * 49.5 + 20000 * 0.5, lo: '000000' }]);
    expect(rows(`SELECT name FROM gross WHERE id = '012345'`)).toEqual([{ name: 'Name 12345\nzweite Zeile' }]);
  });

  it('plain columns are read with their types at once (in chunks) and equal the general path', async () => {
    // every cell an ID with leading zero, a plain number, a plain word or empty: the byte scan
    // proves the types and DuckDB reads them directly; a column "1,5" forces the general path
    const make = (extra: boolean) => {
      const lines = [`id;n;name${extra ? ';q' : ''}`];
      for (let i = 0; i < 5000; i++) {
        lines.push(`${String(i).padStart(5, '0')};${i % 7 === 0 ? '' : i * 3};${i % 5 === 0 ? '' : `Westend${i % 13}`}${extra ? `;${i},5` : ''}`);
        if (i % 1000 === 500) lines.push(extra ? ';;;' : ';;');
      }
      return { name: 'plain.csv', bytes: new TextEncoder().encode(lines.join('\r\n') + '\r\n') };
    };
    const staged = async (f: () => Promise<IngestResult>): Promise<[IngestResult, boolean]> => {
      const query = duck.query;
      let varchar = false;
      duck.query = (sql) => ((varchar ||= sql.includes('all_varchar=true')), query(sql));
      try {
        return [await f(), varchar];
      } finally {
        duck.query = query;
      }
    };
    const [fast, fastStaged] = await staged(() => ingestFile(duck, make(false), 'plain_fast', { chunkBytes: 4096 }));
    const [general, generalStaged] = await staged(() => ingestFile(duck, make(true), 'plain_general', { chunkBytes: 4096 }));
    expect([fastStaged, generalStaged]).toEqual([false, true]);
    expect(fast.rows).toBe(5000);
    expect(general.rows).toBe(5000);
    expect(fast.columns).toEqual(general.columns.slice(0, 3));
    expect(fast.columns.map((c) => [c.name, c.type, c.nulls])).toEqual([['id', 'text', 0], ['n', 'integer', 715], ['name', 'text', 1000]]);
    const q = (t: string) => rows(`SELECT id, n, name FROM ${t} ORDER BY id`);
    expect(q('plain_fast')).toEqual(q('plain_general'));
    expect(rows(`SELECT typeof(n) AS t, sum(n) AS s FROM plain_fast GROUP BY 1`)).toEqual([{ t: 'BIGINT', s: 3 * (4999 * 5000) / 2 - 3 * 7 * (714 * 715) / 2 }]);
  });

  it('Windows-1252 in many chunks keeps umlauts, ß and the en dash', async () => {
    const special: Record<string, number> = { '–': 0x96 };
    const cp = (t: string) => Uint8Array.from([...t].map((ch) => special[ch] ?? ch.charCodeAt(0)));
    const body = Array.from({ length: 3000 }, (_, i) => `${i};Straße ${i} – Köln-Mülheim;${i},5`).join('\r\n');
    const r = await ingestFile(duck, { name: 'alt.csv', bytes: cp(`Nr;Adresse;Wert\r\n${body}\r\n`) }, 'alt', { chunkBytes: 8 * 1024 });
    expect(r.detected.encoding).toBe('windows-1252');
    expect(r.rows).toBe(3000);
    expect(rows(`SELECT count(*) AS n FROM alt WHERE "Adresse" = 'Straße ' || "Nr" || ' – Köln-Mülheim'`)).toEqual([{ n: 3000 }]);
    expect(rows('SELECT sum("Wert") AS s FROM alt')).toEqual([{ s: (2999 * 3000) / 2 + 1500 }]);
  });

  it('the read buffer follows the chunk: long records (longer than the chunk size, longer after Windows-1252 → UTF-8) still read whole', async () => {
    // DuckDB's default buffer is 16 × max_line_size (256 MiB with 16 MiB lines): every read grew
    // the wasm memory by ≈ 600 MB. Now sized to the chunk, which no record can outgrow.
    const reads: string[] = [];
    const query = duck.query;
    duck.query = (sql) => (sql.includes('read_csv(') && reads.push(sql), query(sql));
    try {
      // 150 000 × „ä“: 150 kB in Windows-1252, 300 kB as UTF-8 — more than the chunk's raw bytes
      const long = 'ä'.repeat(150_000);
      const cp = (t: string) => Uint8Array.from([...t].map((ch) => ch.charCodeAt(0)));
      const body = Array.from({ length: 3000 }, (_, i) => `${i};${i === 2000 ? long : `Kurz ${i}`};${i},5`).join('\r\n');
      const r = await ingestFile(duck, { name: 'lang.csv', bytes: cp(`Nr;Text;Wert\r\n${body}\r\n`) }, 'lang', { chunkBytes: 4096 });
      expect(r.detected.encoding).toBe('windows-1252');
      expect(r.rows).toBe(3000);
      expect(rows(`SELECT length("Text") AS n FROM lang WHERE "Nr" = 2000`)).toEqual([{ n: 150_000 }]);
      expect(rows('SELECT sum("Wert") AS s FROM lang')).toEqual([{ s: (2999 * 3000) / 2 + 1500 }]);
      // the typed fast path (plain columns) reads the same long record
      const plain = Array.from({ length: 50 }, (_, i) => `${i};${i === 7 ? 'x'.repeat(200_000) : 'kurz'}`).join('\n');
      const p = await ingestFile(duck, { name: 'lang2.csv', bytes: new TextEncoder().encode(`Nr;Text\n${plain}\n`) }, 'lang2');
      expect(p.rows).toBe(50);
      expect(rows(`SELECT length("Text") AS n FROM lang2 WHERE "Nr" = 7`)).toEqual([{ n: 200_000 }]);
      // every read's buffer is the chunk's size (at least 64 KiB), never DuckDB's 16 × 16 MiB
      expect(reads.length).toBeGreaterThan(3);
      for (const sql of reads) {
        const buffer = Number(/buffer_size=(\d+)/.exec(sql)?.[1]);
        const line = Number(/max_line_size=(\d+)/.exec(sql)?.[1]);
        expect(buffer).toBeGreaterThanOrEqual(64 * 1024);
        expect(buffer).toBeLessThan(1024 * 1024);
        expect(line).toBe(buffer);
      }
    } finally {
      duck.query = query;
    }
  });

  it('property: types from the byte scan agree with the typing rules', async () => {
    const cell = fc.oneof(fc.integer({ min: 0, max: 99999 }).map(String), fc.constantFrom('', '007', '0', '12,5', '-', 'x', 'ab', 'Westend', 'ja', 'nein'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }), async (table) => {
        const text = 'a;b;c\n' + table.map((r) => r.join(';')).join('\n') + '\n';
        const file = { name: 'p.csv', bytes: new TextEncoder().encode(text) };
        // lines of only delimiters are blank lines
        const data = table.filter((row) => row.some((c) => c !== ''));
        if (!data.length) {
          await expect(ingestFile(duck, file, 'prop', { headerRow: 1 })).rejects.toThrow(/keine Datenzeilen/);
          return;
        }
        // layout fixed: this property is about typing, not about guessing header/footer lines
        const r = await ingestFile(duck, file, 'prop', { decimal: ',', thousands: '', headerRow: 1, headerRows: 1, footerRows: 0, keepTotals: true });
        expect(r.rows).toBe(data.length);
        for (let j = 0; j < 3; j++) {
          const cells = data.map((row) => row[j]);
          const filled = cells.filter((c) => !['', '-', 'x'].includes(c));
          const expected =
            filled.length === 0 || filled.some((c) => /^0\d/.test(c)) ? 'text'
            : filled.every((c) => /^\d+$/.test(c)) ? 'integer'
            : filled.every((c) => /^\d+(,\d+)?$/.test(c)) ? 'double'
            : filled.every((c) => c === 'ja' || c === 'nein') ? 'boolean'
            : 'text';
          expect(r.columns[j].type).toBe(expected);
          expect(r.columns[j].nulls).toBe(cells.length - filled.length);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('cancel between chunks leaves no table and keeps the old one', async () => {
    await ingestFile(duck, fixture('sozialraeume_pipe.csv'), 'keep');
    const bytes = new TextEncoder().encode('a;b\n' + Array.from({ length: 5000 }, (_, i) => `${i};x`).join('\n'));
    let calls = 0;
    const before = tables().length;
    const err = await ingestFile(duck, { name: 'abbruch.csv', bytes }, 'keep', { chunkBytes: 4096 }, { isCancelled: () => ++calls > 2 }).catch((e) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect(err.details.code).toBe('cancelled');
    expect(tables().length).toBe(before);
    expect(rows('SELECT count(*) AS n FROM keep')).toEqual([{ n: 4 }]);
  });

  it('a failed import does not replace an existing table', async () => {
    await ingestFile(duck, fixture('gemeinden_tab.txt'), 'stays');
    await expect(ingestFile(duck, fixture('bad/open_quote.csv'), 'stays')).rejects.toBeInstanceOf(IngestError);
    expect(rows('SELECT count(*) AS n FROM stays')).toEqual([{ n: 3 }]);
    expect(tables().filter((t) => t.startsWith('__ingest'))).toEqual([]);
  });

  it('table names are quoted', async () => {
    const r = await ingestFile(duck, fixture('gemeinden_tab.txt'), 'Gemeinden "NRW" 2023; DROP');
    expect(r.table).toBe('Gemeinden "NRW" 2023; DROP');
    expect(rows('SELECT count(*) AS n FROM "Gemeinden ""NRW"" 2023; DROP"')).toEqual([{ n: 3 }]);
  });

  it('previewFile: detection, first rows, raw lines, overrides; leaves nothing behind', async () => {
    const before = tables().length;
    const p = await previewFile(duck, fixture('einwohner_cp1252.csv'));
    expect(p.detected).toMatchObject({ encoding: 'windows-1252', headerRow: 4 });
    expect(p.rows[0]).toEqual(['001', 'Altstadt', 12345, 18.4, 12.5, 1.25]);
    expect(p.rawRows?.slice(0, 5).map((r) => [r.row, r.role])).toEqual([[1, 'title'], [2, 'title'], [3, 'blank'], [4, 'header'], [5, 'data']]);
    expect(p.rawRows?.[0].cells).toEqual(['Tabelle 4: Einwohner und Sozialleistungen nach Stadtteilen']);
    expect(p.rawRows?.slice(-2).map((r) => [r.row, r.role])).toEqual([[11, 'footer'], [12, 'footer']]);
    // the header in Excel's row numbers: row 2 is the "Stand" line
    const q = await previewFile(duck, fixture('einwohner_cp1252.csv'), { headerRow: 2, footerRows: 0 });
    expect(q.columns[0].name).toBe('Stand: 31.12.2023');
    expect(q.rows.length).toBe(8);
    const g = await previewFile(duck, fixture('bezirke_25832.geojson'));
    expect(String(g.rows[0][4]).length).toBeLessThanOrEqual(80);
    expect(tables().length).toBe(before);
  });
});
