import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { levelSeries, layerLink } from '../../src/lib/engine/levels';
import { buildReportModel } from '../../src/lib/engine/report';
import { DEFAULT_INDEX_SETTINGS } from '../../src/lib/contract';
import type { LevelRequest } from '../../src/lib/contract';
import { aggregateTable } from '../../src/lib/engine/aggregate';
import { run as aggregateCli } from '../../src/cli/commands/aggregate';

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data/musterkreis');
const file = (p: string) => ({ name: path.basename(p), bytes: new Uint8Array(readFileSync(p)) });

/** the Jugendhilfe CSV parsed independently of the engine (Windows-1252, semicolons) */
function rows(): Record<string, string>[] {
  const lines = new TextDecoder('windows-1252').decode(readFileSync(`${SAMPLE}/jugendhilfe_2020-2024.csv`)).split('\r\n').filter(Boolean);
  const h = lines[0].split(';');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(';').map((v, i) => [h[i], v])));
}

let engine: Engine;
let sr: string, gem: string, jh: string, srGeo: string;
beforeAll(async () => {
  engine = new Engine(await createNodeDuck());
  gem = (await engine.importFile(file(`${SAMPLE}/gemeinden.geojson`))).name;
  sr = (await engine.importFile(file(`${SAMPLE}/sozialraeume.geojson`))).name;
  jh = (await engine.importFile(file(`${SAMPLE}/jugendhilfe_2020-2024.csv`))).name;
  engine.createLayer({ table: gem, idColumn: 'GEM_ID', nameColumn: 'GEM_NAME' });
  engine.createLayer({ table: sr, idColumn: 'SR_ID', nameColumn: 'SR_NAME', parentColumn: 'GEM_ID', parentLayer: gem });
  // the same Sozialräume once more, tied to the Gemeinden by geometry only
  srGeo = (await engine.importFile(file(`${SAMPLE}/sozialraeume.geojson`))).name;
  engine.createLayer({ table: srGeo, idColumn: 'SR_ID', nameColumn: 'SR_NAME', parentLayer: gem });
}, 120_000);

const req = (o: Partial<LevelRequest>): LevelRequest => ({
  layer: gem,
  join: { table: jh, key: 'SR_ID', layer: sr, mode: 'exact', yearColumn: 'JAHR' },
  value: { column: 'HZE_STATIONAER' },
  year: '2024',
  disclosure: {},
  ...o,
});

describe('levels on Musterkreis', () => {
  it('links Sozialräume to Gemeinden by key and by geometry alike; all nest', () => {
    const byKey = layerLink(engine, sr)!;
    const byGeo = layerLink(engine, srGeo)!;
    expect(byKey.by).toBe('key');
    expect(byGeo.by).toBe('geometry');
    expect(Array.from(byGeo.parentIndex)).toEqual(Array.from(byKey.parentIndex));
    expect(byKey.unknown).toEqual([]);
    expect(byGeo.notNested).toEqual([]);
    expect(byKey.childless).toEqual([]);
    // memoised per layer version: the same link until the layer is made again
    expect(layerLink(engine, sr)).toBe(byKey);
    engine.createLayer({ table: sr, idColumn: 'SR_ID', nameColumn: 'SR_NAME', parentColumn: 'GEM_ID', parentLayer: gem });
    const again = layerLink(engine, sr)!;
    expect(again).not.toBe(byKey);
    expect(Array.from(again.parentIndex)).toEqual(Array.from(byKey.parentIndex));
  });

  it('Gemeinde values are sums of the CSV; suppression leaves no relation with one unknown', () => {
    const r24 = rows().filter((r) => r.JAHR === '2024');
    const s = levelSeries(engine, req({ disclosure: { enabled: false } }));
    expect(s.levels.map((l) => l.ids.length)).toEqual([34, 8, 1]);
    expect(s.at).toBe(1);
    expect(s.total).toBe('kreis'); // Sozialräume → Gemeinden → the total is the Kreis (named so in tooltips and the Gemeinde view)
    const byGem = new Map<string, number>();
    for (const r of r24) byGem.set(r.GEM_ID, (byGem.get(r.GEM_ID) ?? 0) + Number(r.HZE_STATIONAER));
    s.levels[1].ids.forEach((id, g) => expect(s.levels[1].values[g]).toBe(byGem.get(id)));
    expect(s.levels[2].values[0]).toBe(r24.reduce((a, r) => a + Number(r.HZE_STATIONAER), 0));
    // the detected column sums of the table
    expect(s.sums).toContainEqual({ total: 'HZE', parts: ['HZE_AMBULANT', 'HZE_STATIONAER'] });
    expect(s.roles.EW_U21).toBe('count');

    const d = levelSeries(engine, req({ disclosure: {}, layer: sr }));
    expect(d.at).toBe(0);
    const small = r24.filter((r) => Number(r.HZE_STATIONAER) > 0 && Number(r.HZE_STATIONAER) < 3).map((r) => r.SR_ID);
    const finest = d.levels[0];
    const primary = finest.ids.filter((_, i) => finest.marks[i] === 'primary');
    // every small count is hidden as primary (more may be primary from the union over years)
    for (const id of small) expect(primary).toContain(id);
    expect(d.secondary).toBeGreaterThan(0);
    // each Gemeinde: none, or ≥ 2 of (its Sozialräume + itself) hidden
    const hidden = (l: number, a: number) => d.levels[l].marks[a] !== null;
    d.levels[1].ids.forEach((_, g) => {
      const kids = finest.ids.map((_, i) => i).filter((i) => finest.parent![i] === g);
      const n = kids.filter((i) => hidden(0, i)).length + (hidden(1, g) ? 1 : 0);
      expect(n === 0 || n >= 2).toBe(true);
    });
  });

  it('one pattern for all years: identical in 2023 and 2024 and holding the primary cells of both', () => {
    const all = rows();
    const hiddenIn = (y: string) => {
      const d = levelSeries(engine, req({ layer: sr, year: y, disclosure: { sameAcrossYears: true } }));
      return d.levels.flatMap((l, L) => l.ids.filter((_, i) => l.marks[i] !== null).map((id) => `${L}:${id}`)).sort();
    };
    const h23 = hiddenIn('2023');
    expect(hiddenIn('2024')).toEqual(h23);
    for (const r of all.filter((x) => Number(x.HZE_STATIONAER) > 0 && Number(x.HZE_STATIONAER) < 3)) expect(h23).toContain(`0:${r.SR_ID}`);
  });

  it('rates are ratios of sums on every level; plain values say why they cannot be aggregated', () => {
    const r24 = rows().filter((r) => r.JAHR === '2024');
    const s = levelSeries(engine, req({ value: { column: 'HZE', denominator: 'EW_U21', scale: 1000 }, disclosure: { enabled: false } }));
    const hze = r24.reduce((a, r) => a + Number(r.HZE), 0);
    const u21 = r24.reduce((a, r) => a + Number(r.EW_U21), 0);
    expect(s.levels[2].values[0]).toBeCloseTo((hze / u21) * 1000, 10);
    const v = levelSeries(engine, req({ value: { column: 'HZE' }, roles: { HZE: 'value' } }));
    expect(v.notAggregable).toEqual({ code: 'levels.notAggregable.value', params: { column: 'HZE' } });
    expect(Array.from(v.levels[1].values).every(Number.isNaN)).toBe(true);
  });

  it('a report hides exactly what the map hides: same cells, primary „·“ / secondary „·s“ as the map marks them', async () => {
    const join = { table: jh, key: 'SR_ID', layer: sr, mode: 'exact' as const, yearColumn: 'JAHR' };
    const values = [{ column: 'HZE_STATIONAER', denominator: 'EW_U21', scale: 1000 }, { column: 'HZE_AMBULANT', denominator: 'EW_U21', scale: 1000 }];
    const m = await buildReportModel(engine, {
      meta: { title: '', subtitle: '', municipality: '', author: '', date: '', source: '', datenstand: '', attribution: '' },
      index: {
        source: { ...join, population: null },
        indicators: values.map((v) => ({ name: v.column, numerator: v.column, denominator: v.denominator, scale: v.scale, polarity: 1 as const, weight: 1 })),
        settings: { ...DEFAULT_INDEX_SETTINGS, year: '2024', minPopulation: 0 },
      },
      disclosure: { enabled: true, minCount: 3, minDenominator: 100, minNumerator: 3, sameAcrossYears: false },
      generator: 'test', created: '2024-01-01T00:00:00Z',
    });
    let secondary = 0;
    values.forEach((v, k) => {
      const map = levelSeries(engine, req({ layer: sr, value: v })).levels[0];
      const sym = map.status.map((st, i) => (st === 'secondary' ? '·s' : st === 'secret' ? '·' : st === 'unreliable' ? '/' : st === 'zero' ? '–' : st === 'missing' ? 'x' : null) ?? (map.marks[i] ? '?' : null));
      expect(m.indicators[k].years.find((y) => y.year === '2024')!.symbols, v.column).toEqual(sym);
      secondary += sym.filter((x) => x === '·s').length;
    });
    // Große Ahe, Mühlenberg-Mitte, Dümpel (secondary on the map through their Gemeinden) and Ölmühle's HZE_AMBULANT (HZE = AMB + STAT)
    expect(secondary).toBeGreaterThanOrEqual(4);
  });

  it('the CLI and the engine give the same table (one path)', async () => {
    const tmp = path.join(import.meta.dirname, '../fixtures/levels/kreis_klein.csv');
    const viaCli = await aggregateCli(['--data', tmp, '--levels', 'SR,GEM', '--count', 'SGB2', '--rate', 'q=SGB2/EW*100']);
    const t = await engine.importFile(file(tmp));
    const viaEngine = aggregateTable(engine, { table: t.name, levels: ['SR', 'GEM'], counts: ['SGB2'], rates: [{ name: 'q', numerator: 'SGB2', denominator: 'EW', scale: 100 }], sums: [], disclosure: { enabled: true, minCount: 3, minDenominator: 100, minNumerator: 3 } });
    expect(viaCli).toEqual(viaEngine);
  });
});

describe('a value the source kept secret („·“ in the file, QA-18)', () => {
  /** One row per Sozialraum: HZE = AMB + STAT as published by a statistics office, Sozialraum 0's STAT „·“ (but HZE and AMB given). */
  async function secretCsv(): Promise<{ table: string; ids: string[]; gemOf: string[] }> {
    const r = engine.duck.query(`SELECT CAST(SR_ID AS VARCHAR) AS id, CAST(GEM_ID AS VARCHAR) AS g FROM ${sr} ORDER BY rowid`).toArray().map((x) => x.toJSON());
    const lines = ['SR_ID;GEM_ID;HZE;HZE_AMB;HZE_STAT;EW', ...r.map((x, i) => (i === 0 ? `${x.id};${x.g};17;12;·;1000` : `${x.id};${x.g};${20 + i};${10 + i};10;1000`))];
    const t = await engine.importFile({ name: 'geheim.csv', bytes: new TextEncoder().encode(lines.join('\r\n') + '\r\n') });
    return { table: t.name, ids: r.map((x) => String(x.id)), gemOf: r.map((x) => String(x.g)) };
  }

  it('is imported as secret (NaN), not missing, and stays „geheim (Quelle)“ on every level; the sum that would give it back is hidden', async () => {
    const { table } = await secretCsv();
    const meta = engine.table(table);
    expect(meta.columns.find((c) => c.name === 'HZE_STAT')).toMatchObject({ type: 'double', secret: 1 });
    const s = levelSeries(engine, {
      layer: sr, join: { table, key: 'SR_ID', layer: sr, mode: 'exact' }, value: { column: 'HZE_STAT' }, disclosure: {},
      roles: { HZE: 'count', HZE_AMB: 'count', HZE_STAT: 'count', EW: 'count' }, sums: [{ total: 'HZE', parts: ['HZE_AMB', 'HZE_STAT'] }],
    });
    const [areas, gemeinden, total] = s.levels;
    expect([areas.status[0], areas.marks[0]]).toEqual(['secret', 'source']);
    // other areas are not „keine Angabe“ (at most hidden to protect it)
    expect(areas.status.slice(1).every((x) => x === 'ok' || x === 'secondary')).toBe(true);
    const g = areas.parent![0];
    expect([gemeinden.status[g], gemeinden.marks[g]]).toEqual(['secret', 'source']);
    expect([total.status[0], total.marks[0]]).toEqual(['secret', 'source']);
    expect(s.source).toBe(3);
    // HZE − HZE_AMB would give the secret value back: one of them is hidden as secondary in area 0
    const amb = levelSeries(engine, { ...reqOf(table), value: { column: 'HZE_AMB' } }).levels[0];
    const hze = levelSeries(engine, { ...reqOf(table), value: { column: 'HZE' } }).levels[0];
    expect([amb.marks[0], hze.marks[0]]).toContain('secondary');
    // a rate with that numerator is secret (source) too, also with the project switch off
    const off = levelSeries(engine, { ...reqOf(table), value: { column: 'HZE_STAT', denominator: 'EW', scale: 1000 }, disclosure: { enabled: false } }).levels[0];
    expect([off.status[0], off.marks[0], Number.isNaN(off.values[0])]).toEqual(['secret', 'source', true]);
    expect(off.status[1]).toBe('ok');
  });

  it('the CLI aggregate marks it „source“ too (one path)', async () => {
    const { table } = await secretCsv();
    const res = aggregateTable(engine, { table, levels: ['SR_ID', 'GEM_ID'], counts: ['HZE_STAT', 'HZE_AMB', 'HZE'], sums: [{ total: 'HZE', parts: ['HZE_AMB', 'HZE_STAT'] }], disclosure: { enabled: true, minCount: 3, minDenominator: 100, minNumerator: 3 } });
    const a0 = res.levels[0].areas[0];
    expect(a0.suppressed.HZE_STAT).toBe('source');
    expect(a0.counts.HZE_STAT).toBeNull();
    expect([a0.suppressed.HZE_AMB, a0.suppressed.HZE]).toContain('secondary');
    expect(res.levels[2].areas[0].suppressed.HZE_STAT).toBe('source');
  });

  const reqOf = (table: string): LevelRequest => ({
    layer: sr, join: { table, key: 'SR_ID', layer: sr, mode: 'exact' }, value: { column: 'HZE' }, disclosure: {},
    roles: { HZE: 'count', HZE_AMB: 'count', HZE_STAT: 'count', EW: 'count' }, sums: [{ total: 'HZE', parts: ['HZE_AMB', 'HZE_STAT'] }],
  });
});
