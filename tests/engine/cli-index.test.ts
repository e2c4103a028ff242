import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { run } from '../../src/cli/commands/index';
import { computeIndex } from '../../src/lib/analysis/sozialindex';
import { rate } from '../../src/lib/analysis/indicators';
import { germanError } from '../helpers/errors';

const FIX = path.resolve(__dirname, '../fixtures/index');
const CSV = path.join(FIX, 'kleinstadt.csv');
const ROOT = path.resolve(__dirname, '../..');
const DEMO = path.join(ROOT, 'sample-data/musterstadt/indikatoren_2019-2024.csv');
const DEMO_LAYER = path.join(ROOT, 'sample-data/musterstadt/bezirke.geojson');
const baseConfig = JSON.parse(readFileSync(path.join(FIX, 'kleinstadt.config.json'), 'utf8'));

interface Area { id: string; score: number | null; rank: number | null; class: number | null; excluded: string | null; z: Record<string, number | null>; [k: string]: unknown }
interface Out { areas: Area[]; method: Record<string, unknown>; [k: string]: unknown }

let n = 0;
function cfgFile(cfg: unknown): string {
  const f = path.join(require('node:os').tmpdir(), `index-cfg-${process.pid}-${++n}.json`);
  require('node:fs').writeFileSync(f, JSON.stringify(cfg));
  return f;
}
const call = async (cfg: unknown, extra: string[] = [], data = CSV) => (await run(['--data', data, '--config', cfgFile(cfg), ...extra])) as Out;
const close = (a: unknown, b: number, d = 12) => expect(a as number).toBeCloseTo(b, d);

describe('cli index on a hand-made fixture (6 areas, 2 years, cp1252, semicolon)', () => {
  test('default: latest year, exact output shape, hand-computed values', async () => {
    const r = await call(baseConfig);
    expect(Object.keys(r).sort()).toEqual(['areas', 'method']);
    expect(r.areas.map((a) => a.id)).toEqual(['01', '02', '03', '04', '05', '06']);
    for (const a of r.areas) expect(Object.keys(a).sort()).toEqual(['class', 'excluded', 'id', 'rank', 'score', 'z']);
    // 2024: SGB-II 10,20,30,5,15 % (mean 16, sd √92.5); Ausländer 10,20,15,5,25 % (mean 15, sd √62.5)
    const s = [-0.6281529129628598, 0.5241778639808525, 0.727825342874051, -1.2043183014347159, 0.5804680075426722];
    s.forEach((v, i) => close(r.areas[i].score, v));
    close(r.areas[0].z['SGB-II-Quote'], -6 / Math.sqrt(92.5));
    close(r.areas[4].z['Ausländeranteil'], 10 / Math.sqrt(62.5));
    expect(r.areas.map((a) => a.rank)).toEqual([4, 3, 1, 5, 2, null]);
    // re-standardised score: −0.73, 0.61, 0.84, −1.39, 0.67 → classes with −1/1/1.5
    expect(r.areas.map((a) => a.class)).toEqual([2, 2, 2, 1, 2, null]);
    expect(r.areas[5]).toMatchObject({ score: null, rank: null, class: null, excluded: 'EW unter 300' });
    close(r.areas[5].z['SGB-II-Quote'], (40 - 16) / Math.sqrt(92.5));
    expect(r.method).toMatchObject({ preset: 'standard', standardization: 'zscore', sd: 'sample', min_population: 300, year_column: 'JAHR', year: 2024, n_scored: 5 });
    expect((r.method.classes as { breaks: number[] }).breaks).toEqual([-1, 1, 1.5]);
    const ind = r.method.indicators as { municipal_value: number; weight_normalised: number }[];
    close(ind[0].municipal_value, (700 / 4150) * 100); // all six areas: Σ SGB2 / Σ EW_U65
    expect(ind[1].weight_normalised).toBe(0.5);
  });

  test('config.year, sd population, weights, polarity and outliers', async () => {
    const r = await call({ ...baseConfig, year: 2022 });
    const s22 = [-0.4658774346704949, 0.6654103262087041, 0.660952703220318, -1.2185834009271654, 0.3580978061686382];
    s22.forEach((v, i) => close(r.areas[i].score, v));
    const p = await call({ ...baseConfig, sd: 'population' });
    close(p.areas[0].z['SGB-II-Quote'], -6 / Math.sqrt(74));
    const w = await call({ ...baseConfig, indicators: [{ ...baseConfig.indicators[0], weight: 3 }, { ...baseConfig.indicators[1], polarity: -1 }] });
    close(w.areas[0].score, 0.75 * (-6 / Math.sqrt(92.5)) + 0.25 * (5 / Math.sqrt(62.5)));
    const o = await call({ ...baseConfig, outliers: ['03', '99'] });
    expect(o.areas[2].excluded).toBe('Ausreißer');
    expect(o.method.outliers_not_found).toEqual(['99']);
    expect(o.areas[2].rank).toBe(1);
    // reference without 03: SGB-II 10,20,5,15 → mean 12.5
    expect((o.method.indicators as { reference_mean: number }[])[0].reference_mean).toBeCloseTo(12.5, 12);
  });

  test('preset status_dynamik: dynamics over 2022→2024 in percentage points', async () => {
    const r = await call({ ...baseConfig, preset: 'status_dynamik', dynamics: { period: 2 } });
    // ΔSGB-II = −2, 0, 5, 0, 5 pp; Ausländer unchanged (sd 0 → z 0)
    expect(r.areas.map((a) => a.dynamics)).toEqual(['positiv', 'stabil', 'negativ', 'stabil', 'negativ', null]);
    expect(r.areas.map((a) => a.status)).toEqual(['mittel', 'mittel', 'mittel', 'hoch', 'mittel', null]);
    expect(r.areas.map((a) => a.group)).toEqual([4, 5, 6, 2, 6, null]);
    expect(r.areas[2].group_label).toBe('mittel / negativ');
    close((r.areas[0].dz as Record<string, number>)['SGB-II-Quote'], -3.6 / Math.sqrt(10.3));
    expect(r.method.dynamics).toMatchObject({ from: 2022, to: 2024, period: 2 });
  });

  test('--layer: layer areas without data are listed; typology, robustness, timeseries', async () => {
    const r = await call({ ...baseConfig, typology: { method: 'ward', k: 2, k_range: [2, 3] }, robustness: { runs: 200, concentration: 1e9 }, timeseries: { mode: 'each' } }, ['--layer', path.join(FIX, 'kleinstadt.geojson')]);
    expect(r.areas.map((a) => a.id)).toEqual(['01', '02', '03', '04', '05', '06', '07']);
    expect(r.areas[6]).toMatchObject({ score: null, rank: null, excluded: 'keine Daten' });
    expect(r.method.join).toMatchObject({ matched: 6, layer_without_data: ['07'], data_without_layer: [] });
    expect(new Set(r.areas.slice(0, 5).map((a) => a.type)).size).toBe(2);
    expect((r.typology as { quality: unknown[] }).quality.length).toBe(2);
    // α huge: every run keeps the base ranks
    for (const a of r.areas.slice(0, 5)) expect(a.robustness).toMatchObject({ rank_p05: a.rank, rank_median: a.rank, rank_p95: a.rank });
    const years = r.areas[1].years as Record<string, { rank: number; rank_change: number | null }>;
    expect(years['2022'].rank).toBe(1);
    expect(years['2024']).toMatchObject({ rank: 3, rank_change: 2 });
  });

  test('disclosure (METHODS §6): z of an unreliable rate is not shown; can be switched off', async () => {
    const r = await call({ ...baseConfig, disclosure: { min_denominator: 300 } });
    // area 06: EW_U65 150 and EW 200 < 300 → both rates "/"
    expect(r.areas[5].z).toEqual({ 'SGB-II-Quote': null, 'Ausländeranteil': null });
    expect(r.areas[5].suppressed).toEqual({ 'SGB-II-Quote': '/', 'Ausländeranteil': '/' });
    expect(r.areas[0].suppressed).toBeUndefined();
    expect(r.method.disclosure).toMatchObject({ min_count: 3, min_denominator: 300, min_numerator: 3 });
    const off = await call({ ...baseConfig, disclosure: false, indicators: [{ ...baseConfig.indicators[0], numerator: 'SGB2', denominator: 'EW_U65' }] });
    expect(off.method.disclosure).toBe(false);
    close(off.areas[5].z['SGB-II-Quote'], (40 - 16) / Math.sqrt(92.5));
  });

  test('config errors are German, name the key, and cover every field', async () => {
    const de = (cfg: unknown, extra: string[] = []) => germanError(call(cfg, extra));
    expect(await de({ ...baseConfig, id: undefined })).toContain('„id“ fehlt');
    expect(await de({ ...baseConfig, indicators: [{ name: 'X', numerator: 'SGB2', denominator: 'EW', polarity: 2 }] })).toContain('„polarity“ von „X“ muss eines von 1, -1 sein');
    expect(await de({ ...baseConfig, year: 1990 })).toContain('das Jahr 1990 kommt in „JAHR“ nicht vor (vorhanden: 2022, 2024)');
    expect(await de({ ...baseConfig, indicators: [{ name: 'X', numerator: 'NOPE', denominator: 'EW' }] })).toContain('„NOPE“');
    expect(await de({ ...baseConfig, preset: 'rise' })).toContain('„preset“ muss eines von „standard“, „status_dynamik“');
    expect(await de({ ...baseConfig, standardization: 'rank' })).toContain('„standardization“ muss eines von');
    // descending breaks: a German message, not the kernel's English
    const desc = await de({ ...baseConfig, classes: { breaks: [1, -1] } });
    expect(desc).toBe('Konfiguration: „classes.breaks“ muss aufsteigend sein, nicht [1,-1].');
    expect(await de({ ...baseConfig, indicators: [{ ...baseConfig.indicators[0], weight: -1 }] })).toContain('„weight“ von „SGB-II-Quote“ darf nicht kleiner als 0 sein');
    expect(await de({ ...baseConfig, indicators: baseConfig.indicators.map((i: object) => ({ ...i, weight: 0 })) })).toContain('mindestens ein Indikator braucht ein Gewicht über 0');
    // unknown keys are named, at the top and inside
    expect(await de({ ...baseConfig, min_populaton: 200 })).toMatch(/unbekannter Schlüssel „min_populaton“\. Erlaubt sind hier: id, population, min_population/);
    expect(await de({ ...baseConfig, classes: { method: 'sd', brakes: [0] } })).toContain('unbekannter Schlüssel „classes.brakes“');
    expect(await de({ ...baseConfig, indicators: [{ ...baseConfig.indicators[0], wieght: 2 }] })).toContain('unbekannter Schlüssel „wieght“ von „SGB-II-Quote“');
    expect(await de({ ...baseConfig, preset: 'status_dynamik', classes: { breaks: [-1, 1] } })).toContain('braucht für „status_dynamik“ genau 3 Grenzen');
    expect(await de({ ...baseConfig, robustness: { runs: 0 } })).toContain('„robustness.runs“ darf nicht kleiner als 1 sein');
    expect(await de({ ...baseConfig, typology: { k_range: [5, 3] } })).toContain('„typology.k_range“ muss aufsteigend sein');
    expect(await de({ ...baseConfig, disclosure: 'ja' })).toContain('„disclosure“ muss true oder false sein');
  });
});

describe('cli index on a real wide table (Flensburg, published shares with decimal commas)', () => {
  test('{JAHR} columns: status 2021, dynamics 2018→2021, index on the 2018 reference', async () => {
    const r = (await run(['--data', path.resolve(import.meta.dirname, '../fixtures/reference/flensburg/tab18_sgb2_regelleistungsberechtigte.csv'), '--config', path.join(FIX, 'flensburg.config.json')])) as Out;
    expect(r.areas.length).toBe(13);
    const by = new Map(r.areas.map((a) => [a.id, a]));
    // values checked with Python's statistics module (mean, stdev with n − 1) on the published shares
    close(by.get('Neustadt')!.score, 2.063548428372608);
    expect(by.get('Neustadt')).toMatchObject({ rank: 1, status: 'sehr niedrig' });
    close((by.get('Tarup')!.dz as Record<string, number>)['SGB-II-Anteil'], 1.4460164724322966);
    expect(by.get('Tarup')).toMatchObject({ rank: 13, status: 'hoch', dynamics: 'negativ' });
    expect(by.get('Nordstadt')!.dynamics).toBe('positiv');
    // tie 12,7 % (Mürwik, Engelsby): input order decides
    expect([by.get('Mürwik')!.rank, by.get('Engelsby')!.rank]).toEqual([7, 8]);
    close((by.get('Neustadt')!.years as Record<string, { score: number }>)['2021'].score, 1.6816722365925996);
    expect(r.method).toMatchObject({ year: 2021, years: [2018, 2019, 2020, 2021], year_column: null });
    expect(await germanError(call({ id: 'Stadtteil', indicators: [{ name: 'x', column: 'Anteil_in_%_{JAHR}' }] }, [], path.resolve(import.meta.dirname, '../fixtures/reference/flensburg/tab18_sgb2_regelleistungsberechtigte.csv')))).toContain('brauchen die Liste „years“');
  });
});

/** Independent read of the demo CSV (cp1252, ';', CRLF) for a cross-check of the ingest path. */
function demoRows(): Record<string, string>[] {
  const text = new TextDecoder('latin1').decode(readFileSync(DEMO));
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const cols = head.split(';');
  return lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [cols[i], v])));
}

describe('cli index on the Musterstadt demo', () => {
  test('documented example runs and equals the engine on an independent parse', async () => {
    const cfgPath = path.join(FIX, 'musterstadt.config.json');
    const cfg = JSON.parse(readFileSync(cfgPath, 'utf8'));
    const doc = readFileSync(path.join(ROOT, 'docs/index-config.md'), 'utf8');
    expect(doc).toContain(readFileSync(cfgPath, 'utf8').trim());
    const r = (await run(['--data', DEMO, '--layer', DEMO_LAYER, '--config', cfgPath])) as Out;
    expect(r.areas.length).toBe(60);
    expect(r.method).toMatchObject({ year: 2024, n_scored: 57 });
    expect(r.areas.filter((a) => a.excluded).map((a) => a.excluded)).toEqual(['EW unter 300', 'EW unter 300', 'EW unter 300']);
    const ranks = r.areas.map((a) => a.rank).filter((x): x is number => x !== null).sort((a, b) => a - b);
    expect(ranks).toEqual(Array.from({ length: 57 }, (_, i) => i + 1));
    expect(new Set(r.areas.map((a) => a.group).filter(Boolean)).size).toBeGreaterThan(4);

    const rows = demoRows().filter((x) => x.JAHR === '2024');
    const num = (c: string) => Float64Array.from(rows, (x) => Number(x[c].replace(',', '.')));
    const ref = computeIndex({
      ids: rows.map((x) => x.BEZ_ID), population: num('EW'),
      values: cfg.indicators.map((i: { numerator: string; denominator: string }) => rate(num(i.numerator), num(i.denominator), 100)),
      weights: cfg.indicators.map((i: { weight: number }) => i.weight),
    });
    const byId = new Map(r.areas.map((a) => [a.id, a]));
    ref.ids.forEach((id, i) => {
      const a = byId.get(id)!;
      if (Number.isNaN(ref.score[i])) expect(a.score).toBeNull();
      else expect(a.score).toBeCloseTo(ref.score[i], 12);
      expect(a.rank).toBe(ref.rank[i] || null);
    });
    // the poorest Bezirk is among the "sehr niedrig" status areas, sure in ≥ 90 % of the weight runs
    const top = r.areas.find((a) => a.rank === 1)!;
    expect(top.status).toBe('sehr niedrig');
    expect((top.robustness as { class_probability: number[] }).class_probability[3]).toBeGreaterThan(0.9);
  });
});

describe('cli index: reasons of the source’s secrets (qa7)', () => {
  test('a population „·“ in the file prints „EW · geheim (Quelle)“, a dynamics start value „·“ / empty its own reason', async () => {
    const ids = ['01', '02', '03', '04', '05', '06', '07', '08'];
    const y22 = ['10', '22', '30', '35', '·', '', '12', '12'], y24 = ['12', '20', '36', '33', '15', '25', '12', '12'];
    const ew = ['1000', '1000', '1000', '1000', '1000', '1000', '·', ''];
    const csv = ['ID;JAHR;SGB2;BEV;EW', ...ids.map((id, k) => `${id};2022;${y22[k]};100;1000`), ...ids.map((id, k) => `${id};2024;${y24[k]};100;${ew[k]}`)].join('\r\n');
    const file = path.join(require('node:os').tmpdir(), `index-secret-${process.pid}.csv`);
    require('node:fs').writeFileSync(file, csv);
    const r = await call({
      id: 'ID', population: 'EW', min_population: 300, preset: 'status_dynamik', dynamics: { period: 2 },
      indicators: [{ name: 'SGB-II-Quote', numerator: 'SGB2', denominator: 'BEV', scale: 100 }],
    }, [], file);
    expect(r.areas.map((a) => a.excluded)).toEqual([null, null, null, null, null, null, 'EW · geheim (Quelle)', 'EW fehlt']);
    expect(r.areas.map((a) => a.dynamics_excluded)).toEqual([null, null, null, null, 'Startwert 2022 · geheim (Quelle)', 'Startwert 2022 fehlt', null, null]);
    expect(r.areas[4]).toMatchObject({ dynamics: null, group: null });
    expect(r.areas[4].status).not.toBeNull();
  });

  test('the time series prints each year\'s reason: the population „·“ of 2024, the value „·“ of 2022', async () => {
    const ids = ['01', '02', '03', '04', '05', '06', '07'];
    const y22 = ['10', '22', '30', '35', '·', '12', '12'], ew24 = ['1000', '1000', '1000', '1000', '1000', '·', ''];
    const csv = ['ID;JAHR;SGB2;BEV;EW', ...ids.map((id, k) => `${id};2022;${y22[k]};100;1000`), ...ids.map((id, k) => `${id};2024;12;100;${ew24[k]}`)].join('\r\n');
    const file = path.join(require('node:os').tmpdir(), `index-ts-secret-${process.pid}.csv`);
    require('node:fs').writeFileSync(file, csv);
    const r = await call({
      id: 'ID', population: 'EW', min_population: 300, timeseries: { mode: 'each' },
      indicators: [{ name: 'SGB-II-Quote', numerator: 'SGB2', denominator: 'BEV', scale: 100 }],
    }, [], file);
    const per = (y: string) => r.areas.map((a) => (a.years as Record<string, { excluded: string | null }>)[y].excluded);
    expect(per('2022')).toEqual([null, null, null, null, '· geheim (Quelle)', null, null]);
    expect(per('2024')).toEqual([null, null, null, null, null, 'EW · geheim (Quelle)', 'EW fehlt']);
    // the run's year (2024) says the same
    expect(r.areas.map((a) => a.excluded)).toEqual(per('2024'));
  });
});
