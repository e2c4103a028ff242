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
      expect(out.split('if(!GOT[t.startsWith("orig$")?t.split("$")[1]:t]?').length - 1).toBe(2);
    }
    // an upgraded duckdb-wasm with other glue fails the build loudly instead of starting unpatched
    expect(() => lazyGot('var updateGOT=function(e){}')).toThrow(/expected 2× Emscripten's updateGOT, found 0/);
  });

  it('gives every GOT entry DuckDB imports the same export as Emscripten’s eager loop (run over DuckDB’s 75 011 real exports)', () => {
    const wasm = new WebAssembly.Module(readFileSync(path.resolve(import.meta.dirname, '../../node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm')));
    const exportNames = WebAssembly.Module.exports(wasm).map((x) => x.name);
    const gotNames = WebAssembly.Module.imports(wasm).filter((x) => x.module.startsWith('GOT.')).map((x) => x.name);
    expect(gotNames.length).toBe(268);
    // DuckDB's own GOT imports name JS library functions (resolved later by reportUndefinedSymbols),
    // none of its exports; entries a side module would import for exports are what the rewrite
    // must still fill exactly: every 500th export (plain and orig$ ones) stands in for those
    expect(gotNames.filter((n) => exportNames.includes(n))).toEqual([]);
    const sideNames = exportNames.filter((_, i) => i % 500 === 0).map((n) => (n.startsWith('orig$') ? n.split('$')[1] : n));
    expect(sideNames.length).toBeGreaterThan(140);
    const wanted = [...new Set([...gotNames, ...sideNames])];
    const source = bundle('duckdb-browser-blocking.mjs');
    // the loop as it is in the bundle, and rewritten; run in a stand-in of Emscripten's scope
    const loopOf = (code: string) => code.slice(code.indexOf('updateGOT='), code.indexOf(',relocateExports=')).replace(/^updateGOT=/, '');
    const run = (loop: string) => {
      const GOT: Record<string, { value: number }> = Object.fromEntries(wanted.map((n) => [n, { value: 0 }]));
      const slots = new Map<unknown, number>();
      // table slots far above the fake addresses, so a value tells which one it is
      const addFunction = (f: unknown) => slots.get(f) ?? (slots.set(f, 10_000_000 + slots.size), 10_000_000 + slots.size - 1);
      const isInternalSym = (n: string) => ['__wasm_call_ctors', '__wasm_apply_data_relocs', '__dso_handle', '__cpp_exception', '__c_longjmp'].includes(n) || n.startsWith('__em_js__');
      const WA = { Global: class { value = 0; } };
      const updateGOT = new Function('GOT', 'addFunction', 'isInternalSym', 'err', 'WebAssembly', `return ${loop}`)(GOT, addFunction, isInternalSym, (m: string) => { throw new Error(m); }, WA);
      // what relocateExports hands over: functions (one object each) and relocated addresses
      const fns = new Map<string, () => void>();
      const exports = Object.fromEntries(exportNames.map((n, i) => [n, i % 7 === 0 ? 1024 + i : (fns.set(n, () => {}), fns.get(n)!)]));
      updateGOT(exports);
      const byId = new Map([...slots].map(([f, id]) => [id, f]));
      // which export each imported entry points to (function slots are numbered differently)
      return { got: Object.keys(GOT).length, points: wanted.map((n) => { const v = GOT[n].value; const f = byId.get(v); return f ? [...fns].find(([, g]) => g === f)![0] : v; }) };
    };
    const eager = run(loopOf(source));
    const lazy = run(loopOf(lazyGot(source)));
    expect(lazy.points).toEqual(eager.points);
    expect(eager.points.filter((p) => p !== 0).length).toBeGreaterThan(140);
    // and it made no entry beyond those imported (the eager loop made one per export)
    expect(lazy.got).toBe(wanted.length);
    expect(eager.got).toBeGreaterThan(60_000);
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
