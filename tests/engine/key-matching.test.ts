/**
 * Key matching: every step's JS and SQL agree on tricky keys (so the search counts what the join
 * does), the search finds the transformation for real cases, and the Flensburg reference files
 * join with one confirmed suggestion.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeDuck } from '../../src/lib/db/node';
import type { Duck } from '../../src/lib/db/duck';
import { Engine } from '../../src/lib/engine/engine';
import { applySteps, describeTransform, stepsSql, type KeyStep } from '../../src/lib/sql/keyTransform';
import { searchKeyTransforms, searchNameMatch } from '../../src/lib/sql/keySearch';
import { ql } from '../../src/lib/sql/ident';

const REF = path.resolve(import.meta.dirname, '../fixtures/reference');
const file = (p: string) => ({ name: path.basename(p), bytes: new Uint8Array(readFileSync(p)) });

let duck: Duck;
let engine: Engine;
beforeAll(async () => {
  duck = await createNodeDuck();
  engine = new Engine(duck);
});

const STEPS: KeyStep[][] = [
  [{ op: 'trim' }], [{ op: 'lower' }], [{ op: 'zeros' }], [{ op: 'trim' }, { op: 'zeros' }], [{ op: 'prefix', text: 'stgt' }], [{ op: 'lower' }, { op: 'prefix', text: 'stgt' }, { op: 'zeros' }],
  [{ op: 'suffix', text: '_a' }], [{ op: 'digits' }, { op: 'zeros' }], [{ op: 'left', n: 5 }], [{ op: 'right', n: 3 }], [{ op: 'ars' }], [{ op: 'ars' }, { op: 'right', n: 3 }, { op: 'zeros' }], [{ op: 'name' }],
];
const KEYS = [
  '', '0', '000', '007', '7', ' 7 ', 'STGT01', 'stgt13', 'STGT', 'SR 01', 'SR\u00a001', '05158004', '051580004004', '05315000', 'x_a', '_a',
  'Köln', 'Köln-Mülheim', 'Koeln Muelheim', 'St. Georg', 'Sankt Georg', 'St.Tönis', 'Groß Flottbek', 'Gross-Flottbek', '03 Nordstadt', 'Nordstadt',
  'Westliche_Höhe', 'Westliche Höhe', 'Jürgensby', 'Île-de-France', 'Żabka', 'STADT', 'Straße 1', 'A1: Nord', '1. Bezirk', 'Stadtteil 12',
];

describe('key steps: JS and SQL agree', () => {
  const sqlApply = (keys: string[], steps: KeyStep[]): string[] => {
    const values = keys.map((k, i) => `(${i}, ${ql(k)})`).join(', ');
    return duck
      .query(`SELECT i, ${stepsSql('k', steps)} AS v FROM (VALUES ${values}) AS t(i, k) ORDER BY i`)
      .toArray()
      .map((r) => String(r.v));
  };

  it.each(STEPS.map((s) => [JSON.stringify(s), s] as const))('%s', (_, steps) => {
    expect(sqlApply(KEYS, steps)).toEqual(KEYS.map((k) => applySteps(k, steps)));
  });

  it('property: random keys from digits, letters, umlauts and punctuation', async () => {
    const ch = fc.constantFrom(...'0123456789 aAsStTgGöÖüßé-_./,()'.split(''));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(ch, { maxLength: 14 }).map((a) => a.join('')), { minLength: 1, maxLength: 20 }), fc.constantFrom(...STEPS), async (keys, steps) => {
        expect(sqlApply(keys, steps)).toEqual(keys.map((k) => applySteps(k, steps)));
      }),
      { numRuns: 40 },
    );
  });

  it('names: umlauts, St./Sankt, hyphens, underscores and leading numbers', () => {
    const n = (s: string) => applySteps(s, [{ op: 'name' }]);
    expect(n('Köln-Mülheim')).toBe(n('Koeln Muelheim'));
    expect(n('St. Georg')).toBe(n('Sankt Georg'));
    expect(n('St.Tönis')).toBe(n('Sankt Toenis'));
    expect(n('Groß Flottbek')).toBe(n('Gross-Flottbek'));
    expect(n('03 Nordstadt')).toBe(n('Nordstadt'));
    expect(n('Westliche_Höhe')).toBe(n('04 Westliche Höhe'));
    expect(n('Stadtteil 12')).not.toBe(n('Stadtteil 13'));
    expect(n('Weststadt')).not.toBe(n('Oststadt'));
  });
});

describe('searchKeyTransforms', () => {
  const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1));

  it('prefix and zero padding: 1…13 ↔ STGT01…STGT13', () => {
    const [best] = searchKeyTransforms(range(13, String), range(13, (i) => `STGT${String(i).padStart(2, '0')}`));
    expect(best.matched).toBe(13);
    expect(best.transform.layer).toContainEqual({ op: 'prefix', text: 'STGT' });
    expect(best.examples[0]).toEqual(['1', 'STGT01']);
  });

  it('official keys: ARS (12) ↔ AGS (8), AGS ↔ Gemeinde number without Land/Kreis, AGS ↔ Kreis', () => {
    const gem = ['004', '008', '012', '016', '020'];
    const ags = gem.map((g) => `05158${g}`);
    // ARS in NRW: Land 05, Regierungsbezirk 1, Kreis 58, Gemeindeverband 0004, Gemeinde 004
    const ars12 = gem.map((g) => `05158${g.padStart(4, '0')}${g}`);
    expect(searchKeyTransforms(ags, ars12)[0]).toMatchObject({ matched: 5, transform: { layer: expect.arrayContaining([{ op: 'ars' }]) } });
    expect(searchKeyTransforms(gem.map((g) => String(Number(g))), ags)[0].matched).toBe(5);
    expect(searchKeyTransforms(['05158', '05162'], ['05158004', '05162008'])[0].matched).toBe(2);
  });

  it('case and whitespace', () => {
    expect(searchKeyTransforms(['sr 01', 'sr 02'], ['SR01', 'SR02'])[0]).toMatchObject({ matched: 2 });
  });

  it('never merges distinct keys of one side (that would mix areas)', () => {
    // "A1" and "B1" would both become "1" by keeping digits only
    const r = searchKeyTransforms(['1', '2'], ['A1', 'B1', 'A2']);
    for (const c of r) expect(c.transform.layer).not.toContainEqual({ op: 'digits' });
  });

  it('names as a fallback', () => {
    const c = searchNameMatch(['Altstadt', 'Westliche_Höhe', 'Jürgensby'], ['01 Altstadt', '04 Westliche Höhe', '09 Jürgensby', '10 Fruerlund']);
    expect(c?.matched).toBe(3);
  });
});

describe('Flensburg: tables 1…13, geometry STGT01…STGT13', () => {
  it('joins with one confirmed suggestion, recorded in the join spec', async () => {
    const geo = await engine.importFile(file(`${REF}/flensburg/flensburg_stadtteile.geojson`));
    const sgb = await engine.importFile(file(`${REF}/flensburg/tab18_sgb2_regelleistungsberechtigte.csv`));
    const layer = engine.createLayer({ table: geo.name, idColumn: 'AREA_ID', nameColumn: 'AREA_NAME' });
    expect(layer.duplicates).toBeUndefined();
    // the default key for this layer: the table column that can be made to match
    expect(engine.bestKeyColumn(sgb.name, layer.table)).toMatchObject({ column: 'Stadtteil_ID', matched: 13 });
    const spec = { table: sgb.name, key: 'Stadtteil_ID', layer: layer.table, mode: 'exact' as const };
    const r = engine.joinReport(spec);
    expect(r.matched).toBe(0);
    const s = r.suggestions[0];
    expect(s).toMatchObject({ key: 'Stadtteil_ID', layerKey: 'AREA_ID', matched: 13, byName: false });
    expect(s.examples[0]).toEqual(['1', 'STGT01']);
    expect(describeTransform(s.transform)).toMatch(/Präfix „STGT“ entfernt/);
    // a name join is offered too (Stadtteil ↔ AREA_NAME „03 Nordstadt“)
    expect(r.suggestions.find((x) => x.byName)).toMatchObject({ key: 'Stadtteil', layerKey: 'AREA_NAME', matched: 13 });
    // confirmed: the join spec carries the transformation; everything matches and maps
    const confirmed = { ...spec, key: s.key, layerKey: s.layerKey, transform: s.transform };
    const ok = engine.joinReport(confirmed);
    expect(ok).toMatchObject({ matched: 13, tableOnlyCount: 0, layerOnlyCount: 0, suggestions: [] });
    const v = engine.joinedValues(confirmed, { column: 'Anzahl_2021' });
    const ids = engine.layerLabels(layer.table).ids;
    expect(v.values[ids.indexOf('STGT03')]).toBe(2170);
    expect(JSON.parse(JSON.stringify(confirmed))).toEqual(confirmed);
  });
});
