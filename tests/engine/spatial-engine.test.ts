import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dissimilarity } from '../../src/lib/analysis/segregation';
import { createNodeDuck } from '../../src/lib/db/node';
import { germanError } from '../helpers/errors';
import { Engine } from '../../src/lib/engine/engine';
import { ebAnalysis, moranAnalysis, weightsReport } from '../../src/lib/engine/spatialPatterns';
import { segregationAnalysis } from '../../src/lib/engine/segregation';
import { lisaClusters, type SegregationRequest, type ValueSource } from '../../src/lib/contract';

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data/musterstadt');
const COLUMBUS = path.resolve(import.meta.dirname, '../fixtures/reference/columbus/columbus.geojson');
const file = (p: string) => ({ name: path.basename(p), bytes: new Uint8Array(readFileSync(p)) });

let engine: Engine;
let source: ValueSource & { table: string };
let layer: string;

/** The indicator CSV parsed by hand (independent of the engine's import and join). */
function csvYear(year: string): Map<string, Record<string, string>> {
  const text = new TextDecoder('windows-1252').decode(readFileSync(`${SAMPLE}/indikatoren_2019-2024.csv`));
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const cols = head.split(';');
  const out = new Map<string, Record<string, string>>();
  for (const l of lines) {
    const r = Object.fromEntries(l.split(';').map((v, i) => [cols[i], v]));
    if (r.JAHR === year) out.set(r.BEZ_ID, r);
  }
  return out;
}

beforeAll(async () => {
  engine = new Engine(await createNodeDuck());
  const geo = await engine.importFile(file(`${SAMPLE}/bezirke.geojson`));
  const ind = await engine.importFile(file(`${SAMPLE}/indikatoren_2019-2024.csv`));
  layer = engine.createLayer({ table: geo.name, idColumn: 'BEZ_ID', nameColumn: 'BEZ_NAME' }).table;
  source = { table: ind.name, key: 'BEZ_ID', layer, mode: 'exact', yearColumn: 'JAHR' };
});

const preset = (o: Partial<SegregationRequest> = {}): SegregationRequest => ({
  source,
  groups: ['SGB2'],
  total: 'EW_U65',
  minPopulation: 500,
  atkinsonB: 0.5,
  permutations: 199,
  seed: 7,
  trend: false,
  ...o,
});

describe('segregation through the engine (Musterstadt demo)', () => {
  it('SGB-II vs. rest under 65: D equals the kernel on the hand-parsed CSV, with p-value and interval', async () => {
    const r = await segregationAnalysis(engine, preset());
    expect(r.year).toBe('2024');
    const rows = csvYear('2024');
    const { ids } = engine.layerLabels(layer);
    const x: number[] = [], t: number[] = [];
    for (const id of ids) {
      const row = rows.get(id)!;
      if (Number(row.EW_U65) >= 500) {
        x.push(Number(row.SGB2));
        t.push(Number(row.EW_U65));
      }
    }
    expect(r.used).toBe(x.length);
    const d = r.single[0].rows.find((q) => q.key === 'dissimilarity')!;
    expect(d.value).toBeCloseTo(dissimilarity(x, t), 12);
    expect(d.value).toBeGreaterThan(0.05);
    expect(d.value).toBeLessThan(0.9);
    // the demo is built with strong poverty clustering: far beyond random relabelling
    expect(d.p).toBeCloseTo(1 / 200, 12);
    expect(d.null!.length).toBe(199);
    expect(d.ci![0]).toBeLessThan(d.ci![1]);
    expect(d.biasCorrected).toBeLessThan(d.value);
    const md = r.single[0].rows.find((q) => q.key === 'spatial_dissimilarity')!;
    expect(md.value).toBeLessThan(d.value);
    expect(r.lq[0].length).toBe(ids.length);
    expect(r.entropyLocal.every((v) => Number.isNaN(v) || (v >= 0 && v <= 1))).toBe(true);
  });

  it('the minimum-population filter leaves areas out and names them', async () => {
    const all = await segregationAnalysis(engine, preset({ minPopulation: 0, permutations: 0 }));
    const big = await segregationAnalysis(engine, preset({ minPopulation: 5000, permutations: 0 }));
    expect(all.used).toBe(all.n);
    expect(big.used + big.filtered.length + big.missing.length).toBe(big.n);
    expect(big.filtered.length).toBeGreaterThan(0);
    expect(Number.isNaN(big.lq[0][engine.layerLabels(layer).names.indexOf(big.filtered[0])])).toBe(true);
  });

  it('multigroup on nationality groups and the trend over six years', async () => {
    const r = await segregationAnalysis(engine, preset({ groups: ['DEUTSCH', 'TUERKEI', 'SYRIEN', 'SONSTIGE'], total: undefined, permutations: 49, trend: true }));
    expect(r.multigroup!.dissimilarity).toBeGreaterThan(0);
    expect(r.multigroup!.dissimilarity).toBeLessThan(1);
    expect(r.single).toHaveLength(4);
    expect(r.trend!.years.map((y) => String(y.year))).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
    expect(r.trend!.changes).toHaveLength(5);
  });

  it('German errors for a group larger than the total', async () => {
    expect(await germanError(segregationAnalysis(engine, preset({ groups: ['EW'], total: 'EW_U65' })))).toMatch(/größer als die Gesamtzahl/);
  });
});

describe('spatial patterns through the engine', () => {
  it('Columbus as a layer: Moran and LISA match the reference, G_i* and weights report', async () => {
    const g = await engine.importFile(file(COLUMBUS));
    const col = engine.createLayer({ table: g.name, idColumn: 'POLYID' }).table;
    const r = await moranAnalysis(engine, { source: { layer: col }, column: 'CRIME', weights: { type: 'queen' }, permutations: 99, seed: 7, alpha: 0.05, fdr: false });
    expect(r.n).toBe(49);
    expect(r.weights.links).toBe(236);
    expect(r.global.I).toBeCloseTo(0.50018855718286115, 12);
    expect(r.global.pSim).toBe(0.01);
    expect(r.Ii[r.ids.indexOf('1')]).toBeCloseTo(0.73681849060835625, 12);
    expect(r.zStd.reduce((s, v) => s + v * v, 0) / 49).toBeCloseTo(1, 12);
    const hh = [...r.cluster].filter((c) => c === 1).length;
    // re-deriving the clusters at the same level gives the worker's clusters; stricter levels keep fewer
    expect([...lisaClusters(r.quadrant, r.pSim, r.weights.counts, 0.05, false)]).toEqual([...r.cluster]);
    const strict = lisaClusters(r.quadrant, r.pSim, r.weights.counts, 0.01, true);
    expect(strict.filter((c) => c >= 1 && c <= 4).length).toBeLessThanOrEqual(r.cluster.filter((c) => c >= 1 && c <= 4).length);
    expect(hh).toBeGreaterThan(0);
    // hot spots of G_i* sit where LISA finds HH
    for (let i = 0; i < 49; i++) if (r.cluster[i] === 1) expect(r.gz[i]).toBeGreaterThan(0);
    const knn = weightsReport(engine, col, { type: 'knn', k: 4 });
    expect(knn.links).toBe(49 * 4);
    expect(knn.islands).toEqual([]);
  });

  it('SGB-II-Quote on the demo: HH clusters, cancel stops the permutations', async () => {
    const req = { source, column: 'SGB2', denominator: 'EW_U65', scale: 100, weights: { type: 'queen' as const }, permutations: 999, seed: 1, alpha: 0.05, fdr: true };
    const r = await moranAnalysis(engine, req);
    expect(r.global.I).toBeGreaterThan(0.3);
    expect([...r.cluster].some((c) => c === 1)).toBe(true);
    const running = engine.tasks.run((task) => moranAnalysis(engine, req, task), { id: 7001 });
    engine.cancel(7001);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(engine.tasks.size).toBe(0);
  });

  it('EB rates shrink small areas toward the mean and keep the pooled rate', () => {
    const r = ebAnalysis(engine, { source, events: 'SGB2', population: 'EW_U65', weights: { type: 'queen' }, scale: 100 });
    const pooled = (r.events.reduce((a, b) => a + b, 0) / r.population.reduce((a, b) => a + b, 0)) * 100;
    expect(r.priorMean).toBeCloseTo(pooled, 10);
    for (let i = 0; i < r.raw.length; i++) {
      expect(Math.abs(r.global[i] - r.priorMean)).toBeLessThanOrEqual(Math.abs(r.raw[i] - r.priorMean) + 1e-12);
    }
    expect(r.spatial!.every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe('cancel in the worker loop', () => {
  it('engine.cancel(id) issued while the permutations run stops them at the next pause; other tasks go on', async () => {
    const col = engine.listLayers().find((l) => l.idColumn === 'POLYID')!.table;
    const req = { source: { layer: col }, column: 'CRIME', weights: { type: 'queen' as const }, permutations: 400_000, seed: 1, alpha: 0.05, fdr: false };
    const progress: number[] = [];
    // cancelled from its second progress report: while the permutations run, however fast they are
    // (a timer of 30 ms came after the end once global Moran ran on WebAssembly)
    const onProgress = (f: number) => progress.push(f) === 2 && engine.cancel(42);
    const long = engine.tasks.run((task) => moranAnalysis(engine, req, task), { id: 42, onProgress });
    const short = engine.tasks.run((task) => moranAnalysis(engine, { ...req, permutations: 99 }, task), { id: 43 });
    await expect(long).rejects.toMatchObject({ code: 'cancelled' });
    expect((await short).global.I).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(engine.tasks.size).toBe(0);
  });

  it('a cancel that arrives before its task starts still stops it', async () => {
    engine.cancel(77);
    const col = engine.listLayers().find((l) => l.idColumn === 'POLYID')!.table;
    const req = { source: { layer: col }, column: 'CRIME', weights: { type: 'queen' as const }, permutations: 999, seed: 1, alpha: 0.05, fdr: false };
    await expect(engine.tasks.run((task) => moranAnalysis(engine, req, task), { id: 77 })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
