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
