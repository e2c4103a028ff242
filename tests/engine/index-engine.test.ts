import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { computeIndexRun, indicatorSummaries, readIndexData } from '../../src/lib/engine/sozialindex';
import { DEFAULT_INDEX_SETTINGS, type IndexSource, type IndicatorSpec } from '../../src/lib/contract';
import { typology } from '../../src/lib/engine/indexTypology';
import { robustnessRun } from '../../src/lib/engine/indexRobustness';
import { timeSeries } from '../../src/lib/engine/indexTimeSeries';

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data/musterstadt');
const file = (p: string) => ({ name: p, bytes: new Uint8Array(readFileSync(path.join(SAMPLE, p))) });

const IND: IndicatorSpec[] = [
  { name: 'SGB-II-Quote', numerator: 'SGB2', denominator: 'EW_U65', scale: 100, polarity: 1, weight: 1 },
  { name: 'Kinderarmut', numerator: 'SGB2_U15', denominator: 'EW_U15', scale: 100, polarity: 1, weight: 1 },
  { name: 'Arbeitslosenanteil', numerator: 'ALO', denominator: 'EW_15_64', scale: 100, polarity: 1, weight: 1 },
  { name: 'Altersarmut', numerator: 'GRUSI_65', denominator: 'EW_65PLUS', scale: 100, polarity: 1, weight: 1 },
];

let engine: Engine;
let source: IndexSource;
let table: string;

beforeAll(async () => {
  engine = new Engine(await createNodeDuck());
  const geo = await engine.importFile(file('bezirke.geojson'));
  engine.createLayer({ table: geo.name, idColumn: 'BEZ_ID', nameColumn: 'BEZ_NAME' });
  table = (await engine.importFile(file('indikatoren_2019-2024.csv'))).name;
  source = { table, key: 'BEZ_ID', layer: geo.name, mode: 'exact', yearColumn: 'JAHR', population: 'EW' };
});

/** Rates of 2024 straight from SQL, keyed by BEZ_ID: the independent check of the engine path. */
function directRates(year: number): Map<string, { ew: number; r: number[] }> {
  const rows = engine.duck
    .query(`SELECT CAST(BEZ_ID AS VARCHAR) AS id, EW, 100.0*SGB2/EW_U65 a, 100.0*SGB2_U15/EW_U15 b, 100.0*ALO/EW_15_64 c, 100.0*GRUSI_65/EW_65PLUS d FROM "${table}" WHERE JAHR = ${year}`)
    .toArray();
  return new Map(rows.map((r) => [String(r.id), { ew: Number(r.EW), r: [r.a, r.b, r.c, r.d].map(Number) }]));
}

describe('Sozialindex on the engine (Musterstadt demo)', () => {
  it('reads all indicator columns for 60 areas × 6 years in layer order', () => {
    const d = readIndexData(engine, source, IND);
    expect(d.ids).toHaveLength(60);
    expect(d.years).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
    const direct = directRates(2024);
    const i = d.ids.indexOf('011');
    expect(d.columns.EW[5][i]).toBe(direct.get('011')!.ew);
  });

  it('score of an area = mean of its z-scores computed directly (sd n−1, areas under 300 EW left out)', () => {
    const d = readIndexData(engine, source, IND);
    const run = computeIndexRun(d, IND, 'EW', { ...DEFAULT_INDEX_SETTINGS, year: '2024' });
    const direct = directRates(2024);
    const valid = [...direct.values()].filter((v) => v.ew >= 300);
    const small = [...direct.entries()].filter(([, v]) => v.ew < 300).map(([id]) => id);
    expect(small.length).toBeGreaterThan(0);
    expect(valid.length).toBe(60 - small.length);
    const stats = [0, 1, 2, 3].map((j) => {
      const xs = valid.map((v) => v.r[j]);
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
      return { m, sd };
    });
    for (const id of ['010', '011', '035', '064']) {
      const v = direct.get(id)!;
      const z = v.r.map((x, j) => (x - stats[j].m) / stats[j].sd);
      const i = run.ids.indexOf(id);
      if (v.ew < 300) expect(run.base.score[i]).toBeNaN();
      else expect(run.base.score[i]).toBeCloseTo(z.reduce((a, b) => a + b, 0) / 4, 10);
    }
    for (const id of small) {
      const i = run.ids.indexOf(id);
      expect(run.base.excluded[i]).toBe('minPopulation');
      expect(run.base.rank[i]).toBe(0);
    }
    // rank 1 = the highest score
    const top = run.base.rank.indexOf(1);
    expect(run.base.score[top]).toBe(Math.max(...Array.from(run.base.score).filter(Number.isFinite)));
  });

  it('Status und Dynamik: dynamics from the change in percentage points 2022→2024, 12 groups', () => {
    const d = readIndexData(engine, source, IND);
    const run = computeIndexRun(d, IND, 'EW', { ...DEFAULT_INDEX_SETTINGS, preset: 'status_dynamik', year: '2024', dynamicsFrom: '2022' });
    expect(run.status!.from).toBe('2022');
    const a = directRates(2024), b = directRates(2022);
    const i = run.ids.indexOf('011');
    const change = a.get('011')!.r[0] - b.get('011')!.r[0];
    const raw = run.values[0][i];
    expect(raw).toBeCloseTo(a.get('011')!.r[0], 10);
    // sign of the dynamics z of indicator 1 follows the sign of (change − mean change)
    expect(Number.isFinite(run.status!.dz[0][i])).toBe(true);
    expect(Number.isFinite(change)).toBe(true);
    for (let q = 0; q < run.ids.length; q++) {
      const s = run.base.classes[q], dy = run.status!.dynamicsClass[q];
      expect(run.status!.group[q]).toBe(s && dy ? (s - 1) * 3 + dy : 0);
    }
    expect(new Set(Array.from(run.status!.group).filter((g) => g > 0)).size).toBeGreaterThan(3);
  });

  it('indicator summaries: pooled municipal mean Σnum/Σden and disclosure codes', () => {
    const d = readIndexData(engine, source, IND);
    const s = indicatorSummaries(d, IND, {});
    const r = engine.duck.query(`SELECT 100.0*sum(SGB2)/sum(EW_U65) AS m FROM "${table}" WHERE JAHR = 2024`).toArray()[0];
    expect(s[0].years[5].mean).toBeCloseTo(Number(r.m), 10);
    expect(s[0].years[5].fromMean[0]).toBeCloseTo(s[0].years[5].values[0] - Number(r.m), 10);
    expect(s[0].years[5].hist.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
  });

  it('robustness without weight noise reproduces the base ranks; alpha and correlations are finite', async () => {
    const d = readIndexData(engine, source, IND);
    const settings = { ...DEFAULT_INDEX_SETTINGS, year: '2024' };
    const run = computeIndexRun(d, IND, 'EW', settings);
    const stages: string[] = [];
    const rb = await engine.tasks.run((task) => robustnessRun(d, IND, 'EW', settings, { runs: 50, concentration: Infinity, seed: 1 }, task), {
      onProgress: (_, s) => void (stages.at(-1) !== s && stages.push(s)),
    });
    expect(stages).toEqual(['start', 'montecarlo', 'leaveoneout', 'standardizations', 'correlation']);
    for (let i = 0; i < run.ids.length; i++) {
      if (!run.base.rank[i]) continue;
      expect(rb.monteCarlo.rankLow[i]).toBe(run.base.rank[i]);
      expect(rb.monteCarlo.rankHigh[i]).toBe(run.base.rank[i]);
      expect(rb.ownClassProb[i]).toBe(1);
    }
    expect(rb.scenarios).toHaveLength(4 + 2);
    expect(rb.correlation[0]).toBeCloseTo(1, 12);
    expect(rb.cronbachAlpha).toBeGreaterThan(0.5);
  });

  it('typology and index over time', () => {
    const d = readIndexData(engine, source, IND);
    const settings = { ...DEFAULT_INDEX_SETTINGS, year: '2024' };
    const run = computeIndexRun(d, IND, 'EW', settings);
    const ty = typology(run, { method: 'ward', k: 4, kMin: 2, kMax: 6, seed: 1 });
    expect(ty.sizes.reduce((a, b) => a + b, 0)).toBe(run.base.valid.reduce((a, b) => a + b, 0));
    expect(ty.quality.map((q) => q.k)).toEqual([2, 3, 4, 5, 6]);
    for (let i = 0; i < run.ids.length; i++) expect(ty.labels[i] > 0).toBe(run.base.rank[i] > 0);
    const ts = timeSeries(d, IND, 'EW', settings, 'base', '2019');
    const y19 = computeIndexRun(d, IND, 'EW', { ...settings, year: '2019' });
    expect(Array.from(ts.score[0])).toEqual(Array.from(y19.base.score));
    const each = timeSeries(d, IND, 'EW', settings, 'each', null);
    expect(Array.from(each.rank[5])).toEqual(Array.from(run.base.rank));
    expect(each.rankChange[5][3]).toBe(each.rank[5][3] && each.rank[4][3] ? each.rank[5][3] - each.rank[4][3] : NaN);
  });
});

describe('Sozialindex on the engine: areas of the layer without data', () => {
  it('are flagged "keine Daten" (not "EW unter 300") and get no score', async () => {
    const csv = 'BEZ_ID;JAHR;EW;SGB2;EW_U65\n' + ['010', '011', '012', '013'].map((id, q) => `${id};2024;${1000 + q * 100};${50 + q * 10};${800 + q * 50}`).join('\n') + '\n';
    const t = await engine.importFile({ name: 'teil.csv', bytes: new TextEncoder().encode(csv) });
    const src: IndexSource = { table: t.name, key: 'BEZ_ID', layer: source.layer, mode: 'exact', yearColumn: 'JAHR', population: 'EW' };
    const d = readIndexData(engine, src, [IND[0]]);
    const run = computeIndexRun(d, [IND[0]], 'EW', { ...DEFAULT_INDEX_SETTINGS, minPopulation: 300 });
    expect(run.base.rank.filter((r) => r > 0)).toHaveLength(4);
    const i = run.ids.indexOf('020');
    expect(run.base.excluded[i]).toBe('noData');
    expect(run.base.score[i]).toBeNaN();
    // hand check: rates 6.25, 6.67, 7.06, 7.43 % → area 013 is rank 1
    expect(run.base.rank[run.ids.indexOf('013')]).toBe(1);
    expect(run.values[0][run.ids.indexOf('010')]).toBeCloseTo(6.25, 12);
  });
});
