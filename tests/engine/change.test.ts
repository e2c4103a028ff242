import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { valueChange } from '../../src/lib/engine/change';

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data/musterstadt');
const file = (p: string) => ({ name: path.basename(p), bytes: new Uint8Array(readFileSync(p)) });

let engine: Engine;
beforeAll(async () => {
  engine = new Engine(await createNodeDuck());
}, 120_000);

/** SGB2 / EW_U65 × 100 per BEZ_ID and year, read straight from the CSV (independent of the engine). */
function rateFromCsv(year: string): Map<string, number> {
  const text = new TextDecoder('windows-1252').decode(readFileSync(path.join(SAMPLE, 'indikatoren_2019-2024.csv')));
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const cols = head.split(';');
  const at = (name: string) => cols.indexOf(name);
  const out = new Map<string, number>();
  for (const l of lines) {
    const c = l.split(';');
    if (c[at('JAHR')] !== year) continue;
    out.set(c[at('BEZ_ID')], (100 * Number(c[at('SGB2')])) / Number(c[at('EW_U65')]));
  }
  return out;
}

describe('year comparison in the engine', () => {
  it('gives the change of the SGB-II-Quote 2019 → 2024 in percentage points per district', async () => {
    const geo = await engine.importFile(file(path.join(SAMPLE, 'bezirke.geojson')));
    const tab = await engine.importFile(file(path.join(SAMPLE, 'indikatoren_2019-2024.csv')));
    const layer = engine.createLayer({ table: geo.name, idColumn: 'BEZ_ID', nameColumn: 'BEZ_NAME' });
    const join = { table: tab.name, key: 'BEZ_ID', layer: layer.table, mode: 'exact' as const, yearColumn: 'JAHR' };
    const level = { layer: layer.table, join, value: { column: 'SGB2', denominator: 'EW_U65', scale: 100 }, disclosure: { enabled: true, minCount: 3, minDenominator: 100, minNumerator: 3 } };
    const r = valueChange(engine, { level, from: '2019', to: '2024', k: 5 });
    const a = rateFromCsv('2019');
    const b = rateFromCsv('2024');
    expect(r.ids).toHaveLength(60);
    r.ids.forEach((id, i) => {
      expect(r.values[i]).toBeCloseTo(b.get(id)! - a.get(id)!, 9);
      expect(r.toValues[i]).toBeCloseTo(b.get(id)!, 9);
    });
    // symmetric classes around 0, every area classed
    const br = r.classes.breaks;
    expect(br[0]).toBeCloseTo(-br[br.length - 1], 12);
    expect(r.classes.missing).toBe(0);
    expect(r.classes.counts.reduce((s, n) => s + n, 0)).toBe(60);
    // without a year column the comparison fails with a code the views translate
    expect(() => valueChange(engine, { level: { ...level, join: { ...join, yearColumn: undefined } }, from: '2019', to: '2024', k: 5 })).toThrow(expect.objectContaining({ code: 'compare.noYear' }));
  }, 120_000);

  it('hides the change where either year is hidden by disclosure control (METHODS §6)', async () => {
    const layer = engine.listLayers().find((l) => l.features === 60)!;
    // Altstadt-Nord has 2 recipients in 2019: a count under 3 is secret, so its change must not show
    const csv = 'BEZ_ID;JAHR;SGB2;EW_U65\n010;2019;2;500\n010;2024;50;500\n011;2019;40;800\n011;2024;60;800\n';
    const t = await engine.importFile({ name: 'klein.csv', bytes: new TextEncoder().encode(csv) }, { textColumns: ['BEZ_ID'] });
    const join = { table: t.name, key: 'BEZ_ID', layer: layer.table, mode: 'exact' as const, yearColumn: 'JAHR' };
    const value = { column: 'SGB2', denominator: 'EW_U65', scale: 100 };
    const on = valueChange(engine, { level: { layer: layer.table, join, value, disclosure: { enabled: true, minCount: 3, minDenominator: 100, minNumerator: 3 } }, from: '2019', to: '2024', k: 3 });
    const off = valueChange(engine, { level: { layer: layer.table, join, value, disclosure: { enabled: false } }, from: '2019', to: '2024', k: 3 });
    const i = off.ids.indexOf('010');
    expect(off.values[i]).toBeCloseTo(10 - 0.4, 9);
    expect(Number.isNaN(on.values[i])).toBe(true);
  }, 120_000);
});
