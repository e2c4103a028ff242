import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lazyGot } from '../../src/lib/db/lazyGot';
import { createNodeDuck } from '../../src/lib/db/node';

// the package does not export its blocking bundles: read them by path (as vite.config.ts does)
const bundle = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../node_modules/@duckdb/duckdb-wasm/dist', name), 'utf8');

// DuckDB-wasm instantiated without eager GOT entries for its 75 000 exports (the app's browser
// build and the Node build used by tests and the CLI both load the rewritten bindings).
describe('DuckDB-wasm with a lazy GOT', () => {
  it('rewrites both copies of Emscripten’s updateGOT in the browser and the Node bindings, and refuses other code', () => {
    for (const name of ['duckdb-browser-blocking.mjs', 'duckdb-node-blocking.cjs']) {
      const out = lazyGot(bundle(name));
      expect(out.split('if(!GOT[t]&&!r&&!t.startsWith("orig$"))continue;').length - 1).toBe(2);
    }
    // an upgraded duckdb-wasm with other glue fails the build loudly instead of starting unpatched
    expect(() => lazyGot('var updateGOT=function(e){}')).toThrow(/expected 2× Emscripten's updateGOT, found 0/);
  });

  it('runs DuckDB with it: the GOT entries DuckDB imports are filled (functions, C++ exceptions, CSV reader)', async () => {
    const d = await createNodeDuck();
    expect(d.query("SELECT 42 AS x, list_value(1, 2, 3) AS l, 'ä' || 'ö' AS s").toArray().map((r) => r.toJSON())).toEqual([{ x: 42, l: expect.anything(), s: 'äö' }]);
    d.registerBuffer('got.csv', new TextEncoder().encode('a;b\n1;2,5\n3;4,5\n'));
    expect(d.query("SELECT sum(b) AS s FROM read_csv('got.csv', delim = ';', decimal_separator = ',')").toArray()[0].s).toBe(7);
    expect(d.query("SELECT regexp_replace('abc', 'b', 'x') AS r, strftime(DATE '2024-01-02', '%d.%m.%Y') AS f").toArray()[0].toJSON()).toEqual({ r: 'axc', f: '02.01.2024' });
    // an error thrown inside DuckDB (C++ exception through the wasm exception tables) still arrives as an error
    expect(() => d.query("SELECT CAST('x' AS INTEGER)")).toThrow(/Conversion Error/);
    // and the connection stays usable after it
    expect(d.query('SELECT 1 + 1 AS two').toArray()[0].two).toBe(2);
  });
});
