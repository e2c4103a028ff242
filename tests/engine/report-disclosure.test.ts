// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { buildReportModel, type ReportRequest } from '../../src/lib/engine/report';
import { DEFAULT_INDEX_SETTINGS, DISCLOSURE_ORDER, type IndexRequest } from '../../src/lib/contract';
import { computeIndexRun, indicatorSummaries, readIndexData } from '../../src/lib/engine/sozialindex';
import { ingestFile } from '../../src/lib/ingest/index';
import { exportBundle } from '../../src/lib/export/tables';
import { csvBytes, xlsxBytes } from '../../src/lib/export/writers';
import { renderReport } from '../../src/lib/report/render';
import type { ReportDisclosure } from '../../src/lib/engine/reportDisclosure';

/**
 * A table worked on paper. Sozialräume A, B in Gemeinde G1 and C, D in G2; SGB2 (count) and EW.
 *
 *   2024: SGB2 A = 2, B = 50, C = 5, D = 60 → G1 = 52, G2 = 65, gesamt = 117
 *         A is primary (0 < 2 < 3). Published G1 = 52 and B = 50 would give A = 52 − 50 = 2, so B is
 *         hidden too (secondary; the only other part of G1). G2 and the total have no hidden part.
 *         Without the Gemeinde level the smallest other part of the total would be C = 5 instead.
 *   2023: SGB2 A = 40, B = 30, C = 2, D = 60 → C primary, D secondary (the only other part of G2).
 *   One pattern for both years: the primary cells of any year (A, C) are hidden in both; G1 = A + B
 *   then has one hidden part, so B is hidden as well (on the summed values B = 80 < G1 = 122), and
 *   G2 = C + D likewise D → A, B, C, D hidden in both years, primary only where small in that year.
 */
const sq = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[7 + x / 100, 51 + y / 100], [7.01 + x / 100, 51 + y / 100], [7.01 + x / 100, 51.01 + y / 100], [7 + x / 100, 51.01 + y / 100], [7 + x / 100, 51 + y / 100]]] });
const fc = (features: { props: Record<string, string>; x: number; y: number; w?: number }[]) => JSON.stringify({
  type: 'FeatureCollection',
  features: features.map((f) => ({ type: 'Feature', properties: f.props, geometry: sq(f.x, f.y) })),
});
const enc = (s: string) => new TextEncoder().encode(s);

let engine: Engine;
let sr: string, gem: string, data: string;
beforeAll(async () => {
  engine = new Engine(await createNodeDuck());
  gem = (await engine.importFile({ name: 'gemeinden.geojson', bytes: enc(fc([{ props: { GEM: 'G1', GNAME: 'Nordhausen' }, x: 0, y: 0 }, { props: { GEM: 'G2', GNAME: 'Südheim' }, x: 2, y: 0 }])) })).name;
  sr = (await engine.importFile({ name: 'sozialraeume.geojson', bytes: enc(fc([
    { props: { SR: 'A', NAME: 'Altdorf', GEM: 'G1' }, x: 0, y: 0 }, { props: { SR: 'B', NAME: 'Bergfeld', GEM: 'G1' }, x: 1, y: 0 },
    { props: { SR: 'C', NAME: 'Kirchweg', GEM: 'G2' }, x: 2, y: 0 }, { props: { SR: 'D', NAME: 'Dorfmitte', GEM: 'G2' }, x: 3, y: 0 },
  ])) })).name;
  const csv = ['SR;JAHR;SGB2;EW', 'A;2023;40;400', 'B;2023;30;300', 'C;2023;2;150', 'D;2023;60;900', 'A;2024;2;400', 'B;2024;50;300', 'C;2024;5;150', 'D;2024;60;900'].join('\r\n');
  data = (await engine.importFile({ name: 'sgb2.csv', bytes: enc(csv) })).name;
  engine.createLayer({ table: gem, idColumn: 'GEM', nameColumn: 'GNAME' });
  engine.createLayer({ table: sr, idColumn: 'SR', nameColumn: 'NAME', parentColumn: 'GEM', parentLayer: gem });
}, 120_000);

const index = (): IndexRequest => ({
  source: { table: data, key: 'SR', layer: sr, mode: 'exact', yearColumn: 'JAHR', population: null },
  indicators: [
    { name: 'SGB-II-Quote', numerator: 'SGB2', denominator: 'EW', scale: 100, polarity: 1, weight: 1 },
    { name: 'SGB-II-Fälle', numerator: 'SGB2', denominator: null, polarity: 1, weight: 1 },
  ],
  settings: { ...DEFAULT_INDEX_SETTINGS, year: '2024', minPopulation: 0 },
});
const request = (disclosure: Partial<ReportDisclosure> = {}): ReportRequest => ({
  meta: { title: 'Testbericht', subtitle: '', municipality: 'Kreis Test', author: '', date: '2024-06-01', source: 'Test', datenstand: '31.12.2024', attribution: '' },
  index: index(),
  disclosure: { enabled: true, minCount: 3, minDenominator: 100, minNumerator: 3, sameAcrossYears: false, ...disclosure },
  includeProfiles: true,
  generator: 'test',
  created: '2024-06-01T10:00:00Z',
});
const year = (m: Awaited<ReturnType<typeof buildReportModel>>, k: number, y: string) => m.indicators[k].years.find((q) => q.year === y)!;

describe('report disclosure: secondary suppression over Sozialraum → Gemeinde → gesamt', () => {
  it('2024: A primary „·“, B secondary „·s“ (G1 − B would give A back), C and D shown; rate and count alike', async () => {
    const m = await buildReportModel(engine, request());
    expect(m.ids).toEqual(['A', 'B', 'C', 'D']);
    for (const k of [0, 1]) {
      const y = year(m, k, '2024');
      expect(y.symbols).toEqual(['·', '·s', null, null]);
      expect(Number.isNaN(y.values[0]) && Number.isNaN(y.values[1])).toBe(true);
    }
    expect(year(m, 0, '2024').values[2]).toBeCloseTo((5 / 150) * 100, 10);
    expect(year(m, 1, '2024').values[3]).toBe(60);
    // 2023 on its own: C primary, D secondary
    expect(year(m, 0, '2023').symbols).toEqual([null, null, '·', '·s']);
    // the city value is Σ/Σ and published (117 / 1750)
    expect(year(m, 0, '2024').city).toBeCloseTo((117 / 1750) * 100, 10);
    expect(m.disclosure).toMatchObject({ enabled: true, levels: [engine.layer(sr).label, engine.layer(gem).label, 'gesamt'], primary: 4, secondary: 4 });
  });

  it('one pattern for all years: A, B, C, D hidden in both years (primary where small in that year)', async () => {
    const m = await buildReportModel(engine, request({ sameAcrossYears: true }));
    expect(year(m, 0, '2024').symbols).toEqual(['·', '·s', '·s', '·s']);
    expect(year(m, 0, '2023').symbols).toEqual(['·s', '·s', '·', '·s']);
    expect(m.disclosure.sameAcrossYears).toBe(true);
  });

  it('segregation: the location-quotient map dots the areas whose group count is hidden (A, B in 2024)', async () => {
    const m = await buildReportModel(engine, {
      ...request(),
      segregation: {
        source: { table: data, key: 'SR', layer: sr, mode: 'exact', yearColumn: 'JAHR' }, year: '2024', groups: ['SGB2'], total: 'EW',
        minPopulation: 0, atkinsonB: 0.5, permutations: 0, seed: 1, trend: false,
      },
    });
    const map = m.segregation!.map!;
    expect(map.fills.slice(0, 2)).toEqual(['secret', 'secret']);
    expect(map.fills.slice(2).every((f) => f !== 'secret' && f !== 'none')).toBe(true);
    expect(map.legend.find((e) => e.fill === 'secret')?.count).toBe(2);
  });

  it('report tables mark primary and secondary differently; the method chapter names the rule and the levels', async () => {
    const m = await buildReportModel(engine, request());
    const doc = new DOMParser().parseFromString(renderReport(m), 'text/html');
    const cells = [...doc.querySelectorAll('table[data-role="indicator-values"] td.sym')];
    expect(cells.map((c) => c.getAttribute('data-mark')).sort()).toEqual(['primary', 'primary', 'secondary', 'secondary']);
    expect(cells.map((c) => c.closest('tr')!.firstElementChild!.textContent).sort()).toEqual(['A', 'A', 'B', 'B']);
    expect(cells.filter((c) => c.getAttribute('data-mark') === 'secondary').every((c) => c.innerHTML === '·<sup>s</sup>')).toBe(true);
    const method = doc.querySelector('section[data-role="method"]')!.textContent!;
    expect(method).toMatch(/Sekundärgeheimhaltung/);
    expect(method).toMatch(/→ .* → gesamt/);
    expect(method).toContain('4 Werte primär und 4 sekundär');
    // the profile of A shows its hidden values with the symbol, no number
    const profA = doc.querySelector('section[data-role="profile"][data-id="A"]')!.textContent!;
    expect(profA).toContain('·');
    expect(doc.querySelector('[data-role="disclosure-off"]')).toBeNull();
  });

  it('switched off: every value shown, and the title page, method chapter and exports say so', async () => {
    const m = await buildReportModel(engine, request({ enabled: false }));
    expect(year(m, 1, '2024').values).toEqual([2, 50, 5, 60]);
    expect(year(m, 1, '2024').symbols).toEqual([null, null, null, null]);
    const doc = new DOMParser().parseFromString(renderReport(m), 'text/html');
    expect(doc.querySelector('section[data-role="method"] [data-role="disclosure-off"]')!.textContent).toMatch(/ausgeschaltet/);
    expect(doc.querySelector('[data-role="title-page"] [data-role="disclosure-off"]')).not.toBeNull();
    const b = exportBundle(m);
    expect(b.method[0]).toEqual(['ACHTUNG', expect.stringMatching(/Geheimhaltung ausgeschaltet/)]);
    const csv = new TextDecoder().decode(csvBytes(b.tables[0], b.method, 'de'));
    expect(csv.split('\r\n')[0]).toMatch(/^# ACHTUNG: Geheimhaltung ausgeschaltet/);
    const wb = XLSX.read(xlsxBytes(b), { type: 'array' });
    const method = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Methode, { header: 1 });
    expect(method.find((r) => r[0] === 'Geheimhaltung')?.[1]).toMatch(/^AUSGESCHALTET/);
  });
});

describe('exports carry both marks and read back as secret at source', () => {
  it('CSV: „·“ and „·s“ in the cells; XLSX: the symbols, a note per hidden cell, the legend and the rule in „Methode“', async () => {
    const m = await buildReportModel(engine, request());
    const b = exportBundle(m);
    const t = b.tables[0];
    const q = t.columns.findIndex((c) => c.name === 'SGB-II-Quote 2024 (%)');
    const byId = new Map(t.rows.map((r, i) => [r[0], i]));
    expect(t.symbols[byId.get('A')!][q]).toBe('·');
    expect(t.symbols[byId.get('B')!][q]).toBe('·s');
    expect(t.rows[byId.get('B')!][q]).toBeNull();

    const csv = csvBytes(t, b.method, 'de');
    const text = new TextDecoder().decode(csv);
    expect(text).toMatch(/\r\nA;Altdorf;[^\r]*;·;/);
    expect(text).toMatch(/\r\nB;Bergfeld;[^\r]*;·s;/);
    expect(text).toMatch(/# Sekundärgeheimhaltung: „·s“/);
    const duck = await createNodeDuck();
    await ingestFile(duck, { name: 'ergebnisse.csv', bytes: csv }, 'back_csv');
    const col = 'SGB-II-Quote 2024 (%)';
    const back = duck.query(`SELECT "Schlüssel" AS k, "${col}" AS v FROM back_csv ORDER BY 1`).toArray().map((r) => [r.k, r.v]);
    expect(back.slice(0, 2)).toEqual([['A', NaN], ['B', NaN]]);
    expect(Number(back[2][1])).toBeCloseTo((5 / 150) * 100, 3);

    const xlsx = xlsxBytes(b);
    const wb = XLSX.read(xlsx, { type: 'array' });
    const ws = wb.Sheets.Ergebnisse;
    const addr = (id: string) => XLSX.utils.encode_cell({ r: byId.get(id)! + 1, c: q });
    expect(ws[addr('A')].v).toBe('·');
    expect(ws[addr('B')].v).toBe('·s');
    expect(ws[addr('A')].c?.[0]?.t).toMatch(/Primärgeheimhaltung/);
    expect(ws[addr('B')].c?.[0]?.t).toMatch(/Sekundärgeheimhaltung/);
    const legend = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['Zeichenerklärung'], { header: 1 });
    expect(legend.map((r) => r[0])).toEqual(['Zeichen', '·', '·s', '·q', '/', '–', 'x']);
    const method = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Methode, { header: 1 });
    expect(method.find((r) => r[0] === 'Sekundärgeheimhaltung')?.[1]).toMatch(/Ebenen .* → .* → gesamt/);
    // the importer takes the first sheet „Ergebnisse“ (one row per area, QA-25), though „Indikatoren je Jahr“ is larger
    const first = await ingestFile(duck, { name: 'ergebnisse.xlsx', bytes: xlsx }, 'back_first');
    expect([first.detected.sheet, first.detected.sheetReason]).toEqual(['Ergebnisse', 'first']);
    expect(first.detected.sheetScores!['Indikatoren je Jahr']).toBeGreaterThan(first.detected.sheetScores!.Ergebnisse);
    const bf = duck.query(`SELECT "Schlüssel" AS k, "${col}" AS v FROM back_first ORDER BY 1`).toArray().map((r) => [r.k, r.v]);
    expect(bf.slice(0, 2)).toEqual([['A', NaN], ['B', NaN]]);
    // the long sheet when chosen: both marks read as secret (NaN)
    await ingestFile(duck, { name: 'ergebnisse.xlsx', bytes: xlsx }, 'back_xlsx', { sheet: 'Indikatoren je Jahr' });
    const bx = duck.query(`SELECT "Schlüssel" AS k, "SGB-II-Quote (%)" AS v FROM back_xlsx WHERE CAST("Jahr" AS VARCHAR) = '2024' ORDER BY 1`).toArray().map((r) => [r.k, r.v]);
    expect(bx.slice(0, 2)).toEqual([['A', NaN], ['B', NaN]]);
    const long = XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets['Indikatoren je Jahr'], { header: 1 });
    // the year is a number in the sheet (QA-7: was text „2023“)
    const y23 = new Map(long.filter((r) => r[2] === 2023).map((r) => [r[0], r[3]]));
    expect([y23.get('C'), y23.get('D')]).toEqual(['·', '·s']);
  });
});

/**
 * A file from the statistics office with D's 2024 count kept secret („·“). D, its Gemeinde G2 and the
 * total are „geheim (Quelle)“; A = 2 is primary and B secondary as above; C = 30 stays shown (G2 is
 * hidden, so C and the hidden G2 do not give D back).
 */
describe('a value secret at source keeps its own mark in reports, profiles and exports', () => {
  let q: string;
  beforeAll(async () => {
    const csv = ['SR;JAHR;SGB2;EW', 'A;2023;40;400', 'B;2023;30;300', 'C;2023;20;150', 'D;2023;60;900', 'A;2024;2;400', 'B;2024;50;300', 'C;2024;30;150', 'D;2024;·;900'].join('\r\n');
    q = (await engine.importFile({ name: 'sgb2_quelle.csv', bytes: enc(csv) })).name;
  }, 60_000);
  const req = (enabled = true): ReportRequest => {
    const r = request({ enabled });
    return { ...r, index: { ...index(), source: { table: q, key: 'SR', layer: sr, mode: 'exact', yearColumn: 'JAHR', population: null } } };
  };

  it('symbols „·“, „·s“, „·q“ per cell; the total is „·q“; counted apart; summaries mark the source', async () => {
    const m = await buildReportModel(engine, req());
    for (const k of [0, 1]) {
      expect(year(m, k, '2024').symbols).toEqual(['·', '·s', null, '·q']);
      expect(year(m, k, '2024').citySymbol).toBe('·q');
      expect(year(m, k, '2023').symbols).toEqual([null, null, null, null]);
    }
    expect(m.disclosure).toMatchObject({ primary: 2, secondary: 2, source: 2 });
    // with our own disclosure switched off the source's secret stays secret (and nothing else is hidden)
    const off = await buildReportModel(engine, req(false));
    expect(year(off, 0, '2024').symbols).toEqual([null, null, null, '·q']);
    expect(off.disclosure).toMatchObject({ primary: 0, secondary: 0, source: 1 + 1 });
    // the Sozialindex's summaries: D 2024 secret with the source mark (area detail „· geheim (Quelle)“), not missing
    const ix = req().index!;
    const sums = indicatorSummaries(readIndexData(engine, ix.source, ix.indicators), ix.indicators, {});
    for (const s of sums) {
      const y24 = s.years.find((y) => y.year === '2024')!;
      expect(DISCLOSURE_ORDER[y24.disclosure[3]]).toBe('secret');
      expect(Array.from(y24.source!)).toEqual([0, 0, 0, 1]);
      expect(s.years.find((y) => y.year === '2023')!.source).toBeUndefined();
    }
  });

  it('report table and profile: data-mark „source“, „·^q“; the Zeichenerklärung and the count name it', async () => {
    const m = await buildReportModel(engine, req());
    const doc = new DOMParser().parseFromString(renderReport(m), 'text/html');
    const src = [...doc.querySelectorAll('table[data-role="indicator-values"] td.sym[data-mark="source"]')];
    // D in both indicators, and the total row (its sum has a part secret at source)
    expect(src.map((c) => c.closest('tr')!.firstElementChild!.textContent)).toEqual(['D', 'D', '', '']);
    expect(src.every((c) => c.innerHTML === '·<sup>q</sup>' && /Quelle/.test(c.getAttribute('title')!))).toBe(true);
    const method = doc.querySelector('section[data-role="method"]')!;
    expect(method.textContent).toContain('In diesem Bericht: 2 Werte primär und 2 sekundär geheim gehalten, dazu 2 schon in der Quelle geheim');
    expect(method.querySelector('.legend-symbols')!.innerHTML).toMatch(/„·<sup>q<\/sup>“ = schon in der Quelle geheim gehalten;/);
    expect(method.textContent).toMatch(/Geheim in der Quelle \(„·q“\)/);
    expect(method.querySelector('.legend-symbols')!.textContent).toMatch(/„·“ = Wert geheim gehalten \(Fallzahl unter 3; Primärgeheimhaltung\);/);
    const profD = doc.querySelector('section[data-role="profile"][data-id="D"]')!;
    expect(profD.querySelector('td.sym[data-mark="source"]')).not.toBeNull();
    // the city value is unknown everywhere (METHODS §8), never „NaN“ nor „–“ (= genau null): the spine
    // chart's „Stadt“ column of every profile and the indicator maps' subtitle say „·q“
    expect(doc.body.innerHTML).not.toMatch(/NaN/);
    const profA = doc.querySelector('section[data-role="profile"][data-id="A"]')!;
    const spineRow = [...profA.querySelectorAll('tr')].find((r) => r.querySelector('th')?.textContent?.startsWith(m.indicators[0].name))!;
    expect(spineRow.querySelector('td.sym[data-mark="source"]')!.innerHTML).toBe('·<sup>q</sup>');
    const subtitles = [...doc.querySelectorAll('svg[data-role="map"] text')].map((t) => t.textContent ?? '').filter((t) => / 2024$/.test(t) === false && /Stadt: |Kreis: /.test(t));
    expect(subtitles.some((t) => /: ·q$/.test(t))).toBe(true);
  });

  it('the index maps dot an area left out because its value was secret at the source, with its own legend row (qa5)', async () => {
    const m = await buildReportModel(engine, req());
    const cls = m.maps.find((x) => x.key === 'class')!;
    // D (2024 „·“ in the file) is not scored: dotted like a hidden value, not hatched as „keine Angabe“
    expect(cls.fills[3]).toBe('secret');
    expect(cls.fills.slice(0, 3).every((f) => f !== 'secret' && f !== 'none')).toBe(true);
    expect(cls.legend.slice(-2)).toEqual([
      { fill: 'secret', label: 'schon in der Quelle geheim (·q)', count: 1 },
      { fill: 'none', label: 'keine Angabe', count: 0 },
    ]);
  });

  it('the ranking, the profile and the export name the reason „schon in der Quelle geheim (·q)“ — not „keine Daten“ (qa6)', async () => {
    const m = await buildReportModel(engine, req());
    // D: SGB2 2024 „·“ is both indicators' only column → before, „keine Daten“ (all values missing, no population)
    expect(m.index!.excluded).toEqual([null, null, null, 'schon in der Quelle geheim (·q)']);
    const doc = new DOMParser().parseFromString(renderReport(m), 'text/html');
    const row = doc.querySelector('table[data-role="ranking"] tr[data-id="D"]')!;
    expect(row.lastElementChild!.textContent).toBe('ausgeschlossen: schon in der Quelle geheim (·q)');
    const prof = doc.querySelector('section[data-role="profile"][data-id="D"]')!;
    expect(prof.textContent).toContain('nicht bewertet: schon in der Quelle geheim (·q)');
    expect(doc.body.textContent).not.toMatch(/Werte fehlen|keine Daten/);
    const t = exportBundle(m).tables[0];
    const c = t.columns.findIndex((col) => col.name === 'Ausschlussgrund');
    expect(t.rows[t.rows.findIndex((r) => r[0] === 'D')][c]).toBe('schon in der Quelle geheim (·q)');
    // the same words in the engine's run for the app and the CLI: the code, translated there („· geheim (Quelle)“)
    const ix = req().index!;
    expect(computeIndexRun(readIndexData(engine, ix.source, ix.indicators), ix.indicators, null, ix.settings).base.excluded[3]).toBe('sourceSecret');
  });

  it('CSV and XLSX: „·q“ in the cell, its own note and legend row; it reads back as secret', async () => {
    const m = await buildReportModel(engine, req());
    const b = exportBundle(m);
    const t = b.tables[0];
    const c = t.columns.findIndex((x) => x.name === 'SGB-II-Quote 2024 (%)');
    const row = t.rows.findIndex((r) => r[0] === 'D');
    expect([t.symbols[row][c], t.rows[row][c]]).toEqual(['·q', null]);
    expect(b.method.find((r) => r[0] === 'Geheim gehalten')?.[1]).toBe('2 Werte primär, 2 sekundär, 2 schon in der Quelle („·q“)');
    const csv = csvBytes(t, b.method, 'de');
    expect(new TextDecoder().decode(csv)).toMatch(/\r\nD;Dorfmitte;[^\r]*;·q;/);
    const wb = XLSX.read(xlsxBytes(b), { type: 'array' });
    const cell = wb.Sheets.Ergebnisse[XLSX.utils.encode_cell({ r: row + 1, c })];
    expect(cell.v).toBe('·q');
    expect(cell.c?.[0]?.t).toMatch(/Geheim in der Quelle/);
    const legend = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['Zeichenerklärung'], { header: 1 });
    expect(legend.map((r) => r[0])).toEqual(['Zeichen', '·', '·s', '·q', '/', '–', 'x']);
    const duck = await createNodeDuck();
    const back = await ingestFile(duck, { name: 'ergebnisse.csv', bytes: csv }, 'back_q');
    expect(back.columns.find((x) => x.name === 'SGB-II-Quote 2024 (%)')?.secret).toBe(3);
  });
});

/**
 * The population and a dynamics start value kept secret by the source (qa7). Eight areas, SGB-II-Quote = SGB2 / BEV
 * (BEV = 100 everywhere), population EW (not a denominator), minimum 300 EW, Status und Dynamik 2022 → 2024:
 *
 *   area   SGB2 2022   SGB2 2024   EW 2024   ranking / profile / export
 *   A…D    values      values      1000      scored, with dynamics
 *   E      „·“         15          1000      status, dynamics „Startwert 2022 schon in der Quelle geheim (·q)“
 *   F      (empty)     25          1000      status, dynamics „Startwert 2022 fehlt“
 *   G      12          12          „·“       excluded „Einwohnerzahl schon in der Quelle geheim (·q)“ (was „EW fehlt“), EW „·q“
 *   H      12          12          (empty)   excluded „EW fehlt“
 */
describe('the population and a dynamics start value secret at the source name their reason in the report, profiles and exports (qa7)', () => {
  let layer: string, table: string;
  beforeAll(async () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    layer = (await engine.importFile({ name: 'viertel.geojson', bytes: enc(fc(names.map((n, k) => ({ props: { VID: n, VNAME: `Viertel ${n}` }, x: k, y: 5 })))) })).name;
    engine.createLayer({ table: layer, idColumn: 'VID', nameColumn: 'VNAME' });
    const y22 = ['10', '22', '30', '35', '·', '', '12', '12'], y24 = ['12', '20', '36', '33', '15', '25', '12', '12'];
    const ew = ['1000', '1000', '1000', '1000', '1000', '1000', '·', ''];
    const csv = ['VID;JAHR;SGB2;BEV;EW', ...names.map((n, k) => `${n};2022;${y22[k]};100;1000`), ...names.map((n, k) => `${n};2024;${y24[k]};100;${ew[k]}`)].join('\r\n');
    table = (await engine.importFile({ name: 'viertel_quelle.csv', bytes: enc(csv) })).name;
  }, 60_000);
  const req = (): ReportRequest => ({
    ...request(),
    index: {
      source: { table, key: 'VID', layer, mode: 'exact', yearColumn: 'JAHR', population: 'EW' },
      indicators: [{ name: 'SGB-II-Quote', numerator: 'SGB2', denominator: 'BEV', scale: 100, polarity: 1, weight: 1 }],
      settings: { ...DEFAULT_INDEX_SETTINGS, preset: 'status_dynamik', year: '2024', minPopulation: 300 },
    },
  });

  it('the engine run: codes for the app and the CLI', async () => {
    const ix = req().index!;
    const run = computeIndexRun(readIndexData(engine, ix.source, ix.indicators), ix.indicators, 'EW', ix.settings);
    expect(run.base.excluded).toEqual([null, null, null, null, null, null, 'populationSecret', 'noPopulation']);
    expect(Array.from(run.populationSource!)).toEqual([0, 0, 0, 0, 0, 0, 1, 0]);
    expect(run.status!.dynamicsExcluded).toEqual([null, null, null, null, 'startSecret', 'startMissing', null, null]);
  });

  it('ranking, profile, export and maps', async () => {
    const m = await buildReportModel(engine, req());
    const ix = m.index!;
    expect(ix.excluded).toEqual([null, null, null, null, null, null, 'Einwohnerzahl schon in der Quelle geheim (·q)', 'EW fehlt']);
    expect(ix.populationSymbol).toEqual([null, null, null, null, null, null, '·q', null]);
    expect(ix.group![4]).toMatch(/^Status .+ \/ –$/);
    expect(ix.dynamicsNote).toEqual([null, null, null, null, 'Startwert 2022 schon in der Quelle geheim (·q)', 'Startwert 2022 fehlt', null, null]);
    const doc = new DOMParser().parseFromString(renderReport(m), 'text/html');
    const row = (id: string) => doc.querySelector(`table[data-role="ranking"] tr[data-id="${id}"]`)!;
    expect(row('G').lastElementChild!.textContent).toBe('ausgeschlossen: Einwohnerzahl schon in der Quelle geheim (·q)');
    expect(row('G').querySelector('td.sym[data-mark="source"]')!.innerHTML).toBe('·<sup>q</sup>');
    expect(row('H').lastElementChild!.textContent).toBe('ausgeschlossen: EW fehlt');
    expect(row('E').lastElementChild!.textContent).toBe('keine Dynamik: Startwert 2022 schon in der Quelle geheim (·q)');
    expect(row('F').lastElementChild!.textContent).toBe('keine Dynamik: Startwert 2022 fehlt');
    expect(row('E').textContent).toMatch(/Status .+ \/ –/);
    const prof = (id: string) => doc.querySelector(`section[data-role="profile"][data-id="${id}"] table[data-role="key-facts"]`)!.textContent!;
    expect(prof('E')).toMatch(/Status \/ Dynamik 2022–2024Status .+ \/ – \(Startwert 2022 schon in der Quelle geheim \(·q\)\)/);
    expect(prof('G')).toContain('Einwohner·q');
    expect(prof('G')).toContain('nicht bewertet: Einwohnerzahl schon in der Quelle geheim (·q)');
    const t = exportBundle(m).tables[0];
    const col = (name: string) => t.columns.findIndex((c) => c.name === name);
    const r = (id: string) => t.rows.findIndex((x) => x[0] === id);
    expect(t.rows[r('F')][col('Status / Dynamik')]).toMatch(/^Status .+ \/ – \(Startwert 2022 fehlt\)$/);
    expect([t.rows[r('G')][col('Einwohner')], t.symbols[r('G')][col('Einwohner')]]).toEqual([null, '·q']);
    expect([t.rows[r('H')][col('Einwohner')], t.symbols[r('H')][col('Einwohner')]]).toEqual([null, 'x']);
    expect(t.rows[r('G')][col('Ausschlussgrund')]).toBe('Einwohnerzahl schon in der Quelle geheim (·q)');
    // the maps: G dotted on the class map; on status × dynamics E dotted, F „keine Angabe“
    expect(m.maps.find((x) => x.key === 'class')!.fills[6]).toBe('secret');
    const biv = m.maps.find((x) => x.key === 'bivariate')!.fills;
    expect([biv[4], biv[5]]).toEqual(['secret', 'none']);
  });
});
