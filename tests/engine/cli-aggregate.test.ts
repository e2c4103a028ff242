import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { run as aggregate, parseRate } from '../../src/cli/commands/aggregate';
import type { AggregateResult } from '../../src/lib/contract';

const FIX = path.resolve(__dirname, '../fixtures/levels');
const KLEIN = path.join(FIX, 'kreis_klein.csv');
const close = (a: number | null, b: number) => expect(Math.abs((a as number) - b)).toBeLessThan(1e-12);

describe('cli aggregate', () => {
  test('three levels plus "gesamt": sums, ratio of sums and suppression worked on paper', async () => {
    const r = (await aggregate(['--data', KLEIN, '--levels', 'SR,GEM,REGION', '--count', 'SGB2', '--count', 'EW', '--rate', 'quote=SGB2/EW*100'])) as AggregateResult;
    expect(r.levels.map((l) => l.level)).toEqual(['SR', 'GEM', 'REGION', 'total']);
    expect(Object.keys(r)).toEqual(['levels']);
    for (const l of r.levels) for (const a of l.areas) expect(Object.keys(a)).toEqual(['id', 'parent', 'counts', 'rates', 'suppressed']);
    const [sr, gem, region, total] = r.levels;
    expect(total.areas).toEqual([
      { id: 'gesamt', parent: null, counts: { SGB2: 32, EW: 2320 }, rates: { quote: (32 / 2320) * 100 }, suppressed: { SGB2: null, EW: null } },
    ]);
    expect(region.areas.map((a) => [a.id, a.parent])).toEqual([['Nord', 'gesamt'], ['Süd', 'gesamt']]);
    // a, b = 1 and G1 = 2 primary; Nord = G1 + G2 leaves G1 alone → G2 (10 < Nord 12); G2 = c + d → c (4 < 6)
    expect(sr.areas.map((a) => a.suppressed.SGB2)).toEqual(['primary', 'primary', 'secondary', null, null, null]);
    expect(gem.areas.map((a) => a.suppressed.SGB2)).toEqual(['primary', 'secondary', null]);
    expect(sr.areas.map((a) => a.counts.SGB2)).toEqual([null, null, null, 6, 8, 12]);
    expect(gem.areas.map((a) => a.counts.EW)).toEqual([270, 750, 1300]);
    expect(sr.areas.map((a) => a.parent)).toEqual(['G1', 'G1', 'G2', 'G2', 'G3', 'G3']);
    // rates: null where the numerator is hidden; G3 = 20 / 1 300, Nord = 12 / 1 020 (not the mean of rates)
    expect(sr.areas.map((a) => a.rates.quote === null)).toEqual([true, true, true, false, false, false]);
    close(sr.areas[3].rates.quote, (6 / 450) * 100);
    close(gem.areas[2].rates.quote, (20 / 1300) * 100);
    close(region.areas[0].rates.quote, (12 / 1020) * 100);
    expect(gem.areas[0].rates.quote).toBeNull();
  });
  test('thresholds are options; rate parts not asked for as counts are protected but not printed', async () => {
    const r = (await aggregate(['--data', KLEIN, '--levels', 'SR,GEM', '--count', 'EW', '--rate', 'quote=SGB2/EW*1000', '--min-denominator', '200', '--min-count', '1'])) as AggregateResult;
    expect(Object.keys(r.levels[0].areas[0].counts)).toEqual(['EW']);
    // min-count 1: nothing is secret; EW 150 and 120 < 200 → rate not reliable
    expect(r.levels[0].areas.map((a) => a.rates.quote === null)).toEqual([true, true, false, false, false, false]);
    expect(r.levels[0].areas.map((a) => a.suppressed.EW)).toEqual([null, null, null, null, null, null]);
    close(r.levels[0].areas[2].rates.quote, (4 / 300) * 1000);
  });
  test('columns that add up are protected together (--sum)', async () => {
    const r = (await aggregate(['--data', KLEIN, '--levels', 'SR,GEM', '--count', 'EW,U65,P65', '--sum', 'EW=U65+P65', '--min-count', '25'])) as AggregateResult;
    // P65 of b = 20 < 25 is primary; in b: EW = U65 + P65 → U65 (100 < 120); G1: U65 = a + b → a (120 < 220); a: EW = U65 + P65 → P65 (30 < 150)
    expect(r.levels[0].areas.slice(0, 2).map((a) => a.suppressed)).toEqual([
      { EW: null, U65: 'secondary', P65: 'secondary' },
      { EW: null, U65: 'secondary', P65: 'primary' },
    ]);
  });
  test('German errors: a non-nesting area, a duplicated finest id, an unknown column, a bad rate', async () => {
    await expect(aggregate(['--data', path.join(FIX, 'doppelt.csv'), '--levels', 'SR,GEM', '--count', 'N'])).rejects.toThrow(/mehrfach vor/);
    await expect(aggregate(['--data', path.join(FIX, 'gleich.csv'), '--levels', 'SR,GEM', '--count', 'N'])).rejects.toThrow(/„c“ kommt in „SR“ mehrfach vor/);
    await expect(aggregate(['--data', KLEIN, '--levels', 'SR,GEM', '--count', 'XYZ'])).rejects.toThrow(/Spalte „XYZ“ gibt es in „kreis_klein.csv“ nicht/);
    expect(() => parseRate('quote=SGB2')).toThrow(/NAME=ZÄHLER\/NENNER\*SKALA/);
    await expect(aggregate(['--data', KLEIN, '--levels', 'SR,GEM'])).rejects.toThrow('Option --count (oder --rate) fehlt.');
    await expect(aggregate(['--data', KLEIN, '--levels', 'SR,GEM', '--count', 'EW', '--filter', 'JAHR'])).rejects.toThrow(/--filter erwartet SPALTE=WERT/);
    await expect(aggregate(['--data', '/nicht/da.csv', '--levels', 'SR', '--count', 'EW'])).rejects.toMatchObject({ code: 'cli.fileUnreadable', params: { file: '/nicht/da.csv' } });
    // a text column is not a count (QA-5); a long table without --filter is pointed at its year column
    await expect(aggregate(['--data', KLEIN, '--levels', 'SR,GEM', '--count', 'GEM'])).rejects.toThrow(/Spalte „GEM“ enthält keine Zahlen \(erster Eintrag: „G1“\)/);
    await expect(aggregate(['--data', path.resolve(FIX, '../../../sample-data/musterkreis/jugendhilfe_2020-2024.csv'), '--levels', 'SR_ID,GEM_ID', '--count', 'HZE'])).rejects.toThrow(/eine Zeile je Gebiet und Jahr\. Wählen Sie ein Jahr, z\. B\. --filter JAHR=2024\./);
    expect(parseRate('q=A/B')).toEqual({ name: 'q', numerator: 'A', denominator: 'B', scale: 100 });
  });
  test('an area in two parents is refused with the parents named', async () => {
    const csv = path.join(FIX, 'kreis_klein.csv');
    await expect(aggregate(['--data', csv, '--levels', 'GEM,SR', '--count', 'EW'])).rejects.toThrow(/mehrfach vor/);
    await expect(aggregate(['--data', csv, '--levels', 'SR,REGION,GEM', '--count', 'EW'])).rejects.toThrow(/nicht geschachtelt: „Nord“ aus „REGION“ gehört zu mehreren übergeordneten Gebieten \(G1, G2\)/);
  });
  test('the demo Jugendhilfe file, one year: Gemeinden are sums, HZE = ambulant + stationär protected together', async () => {
    const demo = path.resolve(__dirname, '../../sample-data/musterkreis/jugendhilfe_2020-2024.csv');
    const r = (await aggregate(['--data', demo, '--filter', 'JAHR=2024', '--levels', 'SR_ID,GEM_ID', '--count', 'HZE,HZE_AMBULANT,HZE_STATIONAER', '--sum', 'HZE=HZE_AMBULANT+HZE_STATIONAER', '--no-disclosure'])) as AggregateResult;
    const [sr, gem, total] = r.levels;
    expect(sr.areas).toHaveLength(34);
    expect(gem.areas).toHaveLength(8);
    for (const g of gem.areas) {
      const kids = sr.areas.filter((a) => a.parent === g.id);
      expect(g.counts.HZE).toBe(kids.reduce((s, a) => s + (a.counts.HZE as number), 0));
    }
    expect(total.areas[0].counts.HZE).toBe((total.areas[0].counts.HZE_AMBULANT as number) + (total.areas[0].counts.HZE_STATIONAER as number));
    const d = (await aggregate(['--data', demo, '--filter', 'JAHR=2024', '--levels', 'SR_ID,GEM_ID', '--count', 'HZE,HZE_AMBULANT,HZE_STATIONAER', '--sum', 'HZE=HZE_AMBULANT+HZE_STATIONAER'])) as AggregateResult;
    // in every Sozialraum: none, or at least two of HZE, ambulant, stationär hidden
    for (const a of d.levels[0].areas) {
      const n = Object.values(a.suppressed).filter(Boolean).length;
      expect(n === 0 || n >= 2).toBe(true);
    }
    expect(d.levels[0].areas.some((a) => a.suppressed.HZE_STATIONAER === 'primary')).toBe(true);
    await expect(aggregate(['--data', demo, '--filter', 'JAHR=1999', '--levels', 'SR_ID,GEM_ID', '--count', 'HZE'])).rejects.toThrow(/Keine Zeilen übrig \(JAHR=1999\)/);
  }, 120_000);
  test('npm run cli prints the JSON on stdout', () => {
    const out = execFileSync('npx', ['tsx', 'src/cli/main.ts', 'aggregate', '--data', KLEIN, '--levels', 'SR,GEM', '--count', 'SGB2'], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
    const r = JSON.parse(out) as AggregateResult;
    expect(r.levels.at(-1)!.areas[0]).toMatchObject({ id: 'gesamt', counts: { SGB2: 32 } });
  }, 240_000);
});
