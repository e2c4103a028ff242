/**
 * The geometry kinds `createLayer` needs are read from the Arrow table an import inserts, not by
 * the `regexp_extract` query: they must be exactly the query's answer — for every area file
 * (describeArrow.test.ts) and for geometry texts the importers never write (type after the
 * coordinates, RE2 vs JavaScript blanks, a prefix cut inside a character).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { Duck } from '../../src/lib/db/duck';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { dropQuietly, geometryKinds, geometryKindsSql } from '../../src/lib/ingest/table';

let duck: Duck;
beforeAll(async () => {
  duck = await createNodeDuck();
});

const ROOT = path.resolve(import.meta.dirname, '../..');
const sqlKinds = (table: string): string[] => duck.query(geometryKindsSql(table)).toArray().map((r) => String(r.k)).sort();

/** geometryKinds of a one-column table of these texts, and DuckDB's answer for the same texts. */
function both(texts: (string | null)[], batches = 1): { js: string[] | undefined; sql: string[] } {
  const size = Math.ceil(texts.length / batches) || 1;
  const parts = Array.from({ length: batches }, (_, b) => texts.slice(b * size, (b + 1) * size))
    .filter((p) => p.length)
    .map((p) => new Table({ _geom: vectorFromArray(p, new Utf8()) }));
  const table = parts.slice(1).reduce((t, p) => t.concat(p), parts[0]);
  duck.insertArrow('gk', table);
  try {
    return { js: geometryKinds(table)?.sort(), sql: sqlKinds('gk') };
  } finally {
    dropQuietly(duck, 'gk');
  }
}

describe('geometry kinds from the inserted Arrow table', () => {
  it('equal the query for texts the importers do not write', () => {
    const long = `[${Array.from({ length: 60 }, (_, i) => `[7.${i},51.${i}]`).join(',')}]`;
    const cases: (string | null)[][] = [
      ['{"type":"Polygon","coordinates":[]}', null, '{"type":"Point","coordinates":[7,51]}'],
      [`{"coordinates":${long},"type":"LineString"}`], // the type beyond the 256-byte prefix
      [`{"coordinates":[[7,51]],"note":"${'ä'.repeat(140)}","type":"MultiPoint"}`], // prefix cut inside „ä“
      ['{"geometries":[{"type":"Point","coordinates":[1,2]}],"type":"GeometryCollection"}'],
      ['{"type" \t:\n "Polygon"}', '{"type"\r\f:"Point"}'],
      ['{"type"\u000b:"Point"}', '{"type":\u00a0"Point","x":{"type":"Line_2"}}'], // \v and NBSP are no RE2 blanks
      ['{"coordinates":[1,2]}', '', '{"type":"Pöint"}', '{"type":"Point'],
      [`{"type":"${'P'.repeat(300)}"}`, `{"a":"${'x'.repeat(250)}","type":"Polygon"}`],
    ];
    for (const texts of cases) {
      const { js, sql } = both(texts);
      expect({ texts, kinds: js }).toEqual({ texts, kinds: sql });
    }
    expect(both([null, null]).js).toEqual([]);
  });

  it('equal the query for random texts made of geometry pieces (several batches)', () => {
    const piece = fc.constantFrom('{', '}', '"type"', '"type":', ':', ' ', '\t', '\u000b', '\u00a0', '"Point"', '"Polygon"', '"Multi_Line2"', '"', 'ä', 'x'.repeat(120), ',', '[1,2]', '"coordinates":');
    const text = fc.option(fc.array(piece, { maxLength: 14 }).map((a) => a.join('')), { nil: null });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 3 }), (texts, batches) => {
        const { js, sql } = both(texts, Math.min(batches, texts.length));
        expect(js).toEqual(sql);
      }),
      { numRuns: 300, seed: 28 },
    );
  });

  it('createLayer takes them from the import, and asks DuckDB once the table changed', async () => {
    const seen: string[] = [];
    const e = new Engine({ ...duck, query: (sql: string) => (seen.push(sql), duck.query(sql)) });
    const bytes = new Uint8Array(readFileSync(path.join(ROOT, 'sample-data/musterstadt/bezirke.geojson')));
    const t = await e.importFile({ name: 'bezirke.geojson', bytes });
    const layer = e.createLayer({ table: t.name, idColumn: 'BEZ_ID' });
    expect(seen.some((q) => q.includes('regexp_extract'))).toBe(false);
    expect(layer.geometryType).toBe('polygon');
    e.renameTable(t.name, 'Bezirke');
    expect(e.createLayer({ table: t.name, idColumn: 'BEZ_ID' }).geometryType).toBe('polygon');
    expect(seen.some((q) => q.includes('regexp_extract'))).toBe(true);
  });
});
