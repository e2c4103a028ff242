import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rate, changePoints, municipalRate } from '../../../src/lib/analysis/indicators';
import { computeIndex } from '../../../src/lib/analysis/sozialindex';
import { statusDynamics } from '../../../src/lib/analysis/presets';
import { discloseRates } from '../../../src/lib/analysis/disclosure';
import { spearman } from '../../../src/lib/analysis/stats';

/** Minimal CSV reader for the published Flensburg tables: quoted fields, decimal commas, "53,40%". */
function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const split = (l: string) => Array.from(l.matchAll(/("([^"]*)"|[^,]*)(,|$)/g), (m) => m[2] ?? m[1]).slice(0, -1);
  const head = split(lines[0]);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [head[i], v])));
}
const num = (s: string) => Number(s.replace('%', '').replace(/\./g, '').replace(',', '.'));

const dir = path.resolve(import.meta.dirname, '../../fixtures/reference/flensburg');
const sgb = readCsv(`${dir}/tab18_sgb2_regelleistungsberechtigte.csv`);
const ew = readCsv(`${dir}/tab1_einwohner.csv`);

describe('Flensburg, 13 Stadtteile: SGB-II Regelleistungsberechtigte je Einwohner', () => {
  const ids = sgb.map((r) => r.Stadtteil);
  const col = (rows: Record<string, string>[], c: string) => Float64Array.from(rows, (r) => num(r[c]));
  it('parses the published table', () => {
    expect(ids.length).toBe(13);
    expect(ew.map((r) => r.stadtteil)).toEqual(ids);
    expect(num('"53,40%"'.replace(/"/g, ''))).toBeCloseTo(53.4, 12);
    expect(col(sgb, 'Anteil_in_%_2019')[2]).toBe(23);
  });
  const r2018 = rate(col(sgb, 'Anzahl_2018'), col(ew, '2018'));
  const r2020 = rate(col(sgb, 'Anzahl_2020'), col(ew, '2020'));
  it('rates by hand and the municipal mean', () => {
    expect(r2020[1]).toBeCloseTo((1063 / 4725) * 100, 12); // Neustadt
    expect(r2020[12]).toBeCloseTo((105 / 5347) * 100, 12); // Tarup
    const total = municipalRate(col(sgb, 'Anzahl_2020'), col(ew, '2020'));
    expect(total).toBeCloseTo((11109 / 96731) * 100, 9);
    // our rate (per all EW) orders the areas like the published share (per EW under 65)
    // Spearman with the published share (per EW under 65), checked with scipy.stats.spearmanr: 13/14
    expect(spearman(r2020, col(sgb, 'Anteil_in_%_2020'))).toBeCloseTo(0.9285714285714285, 12);
    expect(discloseRates(col(sgb, 'Anzahl_2020'), col(ew, '2020')).every((d) => d.status === 'ok')).toBe(true);
  });
  it('index, ranks and status/dynamics classes', () => {
    const idx = computeIndex({ ids, names: ['SGB-II'], values: [r2020], population: col(ew, '2020') });
    const order = Array.from(idx.rank).map((rk, i) => [rk, ids[i]] as const).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
    expect(order.slice(0, 3)).toEqual(['Neustadt', 'Nordstadt', 'Südstadt']);
    expect(order[12]).toBe('Tarup');
    expect(idx.excluded.every((e) => e === null)).toBe(true);
    const sd = statusDynamics(
      { ids, values: [r2020], population: col(ew, '2020') },
      { ids, values: [changePoints(r2018, r2020)], population: col(ew, '2020') },
    );
    // Neustadt: z ≥ 1.5 → "sehr niedrig"; Tarup: z < −1 → "hoch"
    expect(sd.statusClass[1]).toBe(4);
    expect(sd.statusClass[12]).toBe(1);
    // Tarup's share rose (1.5 % → 2.0 %) while most fell: the largest positive change → "negativ"
    const ch = changePoints(r2018, r2020);
    expect(Array.from(ch).indexOf(Math.max(...ch))).toBe(12);
    expect(sd.dynamicsClass[12]).toBe(3);
    expect(sd.group.every((g) => g >= 1 && g <= 12)).toBe(true);
  });
});
