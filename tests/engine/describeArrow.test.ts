/**
 * GeoJSON and Shapefile imports describe their table from the Arrow table they insert (no
 * catalogue query): the description must be exactly the one DuckDB gives for the created table
 * (and the geometry kinds the one of createLayer's query).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Duck } from '../../src/lib/db/duck';
import { createNodeDuck } from '../../src/lib/db/node';
import { IngestError, ingestFile } from '../../src/lib/ingest/index';
import { tabulate } from '../../src/lib/ingest/geometry';
import { describeArrow, describeTable, dropQuietly, geometryKindsSql, insertDescribed } from '../../src/lib/ingest/table';
import { Float32, Int32, Table, Utf8, vectorFromArray } from 'apache-arrow';

let duck: Duck;
beforeAll(async () => {
  duck = await createNodeDuck();
});

const ROOT = path.resolve(import.meta.dirname, '../..');
/** every .geojson and zipped Shapefile of the fixtures and the sample data (bad files included: those that import must agree) */
function areaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return areaFiles(p);
    return /\.(geojson|zip)$/.test(f) && !/bomb/.test(f) ? [p] : [];
  });
}

describe('description from the inserted Arrow table', () => {
  it('equals DuckDB’s description for every GeoJSON and Shapefile fixture that imports', async () => {
    const files = [...areaFiles(path.join(ROOT, 'tests/fixtures')), ...areaFiles(path.join(ROOT, 'sample-data'))];
    let compared = 0;
    for (const f of files) {
      const name = `t_${compared}_${path.basename(f).replace(/\W/g, '_')}`;
      let r;
      try {
        r = await ingestFile(duck, { name: path.basename(f), bytes: new Uint8Array(readFileSync(f)) }, name);
      } catch (e) {
        if (e instanceof IngestError) continue;
        throw e;
      }
      if (r.detected.format !== 'geojson' && r.detected.format !== 'shapefile') continue;
      expect({ file: f, ...describeTable(duck, name) }).toEqual({ file: f, columns: r.columns, rows: r.rows });
      // and createLayer's geometry kinds: the import's answer is the query's (geometryKinds.test.ts)
      expect({ file: f, kinds: r.geometryKinds?.slice().sort() }).toEqual({ file: f, kinds: duck.query(geometryKindsSql(name)).toArray().map((x) => String(x.k)).sort() });
      dropQuietly(duck, name);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(15);
  });

  it('equals DuckDB’s description for random properties (numbers, integers, booleans, text, objects, nulls, clashing names)', () => {
    const value = fc.oneof(
      fc.constant(null), fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.string({ maxLength: 6 }),
      fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }), fc.constant(undefined),
    );
    const props = fc.array(fc.option(fc.dictionary(fc.constantFrom('a', 'A', 'b', 'Name', 'name ', '_geom', '', 'x'), value, { maxKeys: 5 }), { nil: null }), { minLength: 1, maxLength: 12 });
    let k = 0;
    fc.assert(
      fc.property(props, fc.array(fc.option(fc.constant('{"type":"Point","coordinates":[7,51]}'), { nil: null }), { minLength: 12, maxLength: 12 }), (ps, gs) => {
        const table = tabulate(ps, gs.slice(0, ps.length), []);
        const name = `rnd_${k++}`;
        try {
          const { geometryKinds: _k, ...described } = insertDescribed(duck, name, table);
          expect(described).toEqual(describeTable(duck, name));
        } finally {
          dropQuietly(duck, name);
        }
      }),
      { numRuns: 150, seed: 14 },
    );
  });

  it('leaves other Arrow types to DuckDB', () => {
    const t = new Table({ a: vectorFromArray([1.5, null], new Float32()), b: vectorFromArray(['x', null], new Utf8()), c: vectorFromArray([1, 2], new Int32()) });
    expect(describeArrow(t)).toBeUndefined();
    expect(insertDescribed(duck, 'f32', t)).toEqual({ rows: 2, columns: [{ name: 'a', type: 'double', nulls: 1 }, { name: 'b', type: 'text', nulls: 1 }, { name: 'c', type: 'integer', nulls: 0 }] });
  });
});
