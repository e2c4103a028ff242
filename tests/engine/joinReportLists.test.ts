/**
 * The join report skips a list when it is known to be empty (unmatched keys: by its summary;
 * duplicates: by a grouped count): the report must be exactly the one with every list queried —
 * for random tables and layers
 * (duplicates, NULL keys, leading zeros, blanks, years with gaps, every mode and a key
 * transformation) and for the demo's join.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeDuck } from '../../src/lib/db/node';
import type { Duck } from '../../src/lib/db/duck';
import { Engine } from '../../src/lib/engine/engine';
import { joinReport } from '../../src/lib/engine/joins';
import type { JoinSpecInput } from '../../src/lib/contract/catalog';
import type { JoinSpec } from '../../src/lib/sql/join';

const ROOT = path.resolve(import.meta.dirname, '../..');
const file = (p: string) => ({ name: path.basename(p), bytes: new Uint8Array(readFileSync(path.join(ROOT, p))) });

let duck: Duck;
let engine: Engine;
beforeAll(async () => {
  duck = await createNodeDuck();
  engine = new Engine(duck);
});

const specOf = (input: JoinSpecInput): JoinSpec => (engine as unknown as { spec(s: JoinSpecInput): JoinSpec }).spec(input);
const queries = (f: () => void): string[] => {
  const seen: string[] = [];
  const q = duck.query;
  duck.query = (sql: string) => (seen.push(sql), q(sql));
  try {
    f();
  } finally {
    duck.query = q;
  }
  return seen;
};

/** The report as it is, the report with every list queried, and how many queries each took. */
function compare(input: JoinSpecInput) {
  const s = specOf(input);
  let lean!: ReturnType<typeof joinReport>;
  let full!: ReturnType<typeof joinReport>;
  const nLean = queries(() => (lean = joinReport(engine, s))).length;
  const nFull = queries(() => (full = joinReport(engine, s, 200, { lists: 'always' }))).length;
  expect(lean).toEqual(full);
  return { report: lean, saved: nFull - nLean };
}

const csv = (rows: string[][]): Uint8Array => new TextEncoder().encode(rows.map((r) => r.join(';')).join('\n') + '\n');

describe('join report without the empty lists', () => {
  it('equals the report with every list queried for random tables and layers', async () => {
    const key = fc.constantFrom('', '1', '01', '001', '2', ' 2', '3', '10', '010', 'A', 'a', '7.0', '11');
    let k = 0;
    let skipped = 0;
    let listed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(key, fc.constantFrom('', '2020', '2021', '2022')), { minLength: 1, maxLength: 14 }),
        fc.uniqueArray(key, { minLength: 1, maxLength: 8 }),
        fc.array(key, { maxLength: 3 }),
        fc.constantFrom('exact', 'trim', 'zeros'),
        fc.boolean(),
        fc.boolean(),
        async (rows, layerKeys, layerDups, mode, byYear, transform) => {
          k++;
          const t = await engine.importFile({ name: `t${k}.csv`, bytes: csv([['SCHLUESSEL', 'JAHR', 'V'], ...rows.map(([a, y], i) => [a, y, String(i)])]) }, { textColumns: ['SCHLUESSEL'], headerRow: 1, footerRows: 0 });
          const lt = await engine.importFile({ name: `l${k}.csv`, bytes: csv([['ID', 'NAME'], ...[...layerKeys, ...layerDups].map((a, i) => [a, `Gebiet ${i}`])]) }, { textColumns: ['ID'], headerRow: 1, footerRows: 0 });
          const layer = engine.createKeyLayer({ table: lt.name, idColumn: 'ID', nameColumn: 'NAME' });
          const input: JoinSpecInput = {
            table: t.name, key: 'SCHLUESSEL', layer: layer.table, mode: mode as JoinSpecInput['mode'],
            ...(byYear ? { yearColumn: 'JAHR' } : {}),
            ...(transform ? { transform: { table: [{ op: 'digits' }, { op: 'zeros' }], layer: [{ op: 'zeros' }] } } : {}),
          };
          const r = compare(input);
          if (r.saved) skipped++;
          if (r.report.tableOnly.length || r.report.layerOnly.length || r.report.tableDuplicates.length) listed++;
          for (const n of [t.name, lt.name, layer.table]) engine.dropTable(n);
        },
      ),
      { numRuns: 40, seed: 1428 },
    );
    // both branches ran often
    expect(skipped).toBeGreaterThan(8);
    expect(listed).toBeGreaterThan(8);
  }, 120_000);

  it('equals the full report for the demo join (which needs none of the three lists)', async () => {
    const layer = await engine.importFile(file('sample-data/musterstadt/bezirke.geojson'));
    engine.createLayer({ table: layer.name, idColumn: 'BEZ_ID', nameColumn: 'BEZ_NAME' });
    const t = await engine.importFile(file('sample-data/musterstadt/indikatoren_2019-2024.csv'));
    const r = compare({ table: t.name, key: 'BEZ_ID', layer: layer.name, mode: 'exact', yearColumn: 'JAHR' });
    expect(r.report.matched).toBe(60);
    expect(r.saved).toBe(2); // three lists, one count
    // without the year the table's six rows per area are duplicates
    const noYear = compare({ table: t.name, key: 'BEZ_ID', layer: layer.name, mode: 'exact' });
    expect(noYear.report.tableDuplicateCount).toBe(60);
  });
});
