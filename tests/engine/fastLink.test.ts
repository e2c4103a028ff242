import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fastLink, MERGE, MERGE_FAST, SIGNATURES, SIGNATURES_FAST } from '../../src/lib/db/fastLink';
import { createNodeDuck } from '../../src/lib/db/node';

const dist = path.resolve(import.meta.dirname, '../../node_modules/@duckdb/duckdb-wasm/dist');
// the package does not export its blocking bundles: read them by path (as vite.config.ts does)
const bundle = (name: string) => readFileSync(path.join(dist, name), 'utf8');
const BUNDLES = ['duckdb-browser-blocking.mjs', 'duckdb-node-blocking.cjs'];
const count = (s: string, part: string) => s.split(part).length - 1;

/** A piece of the bundle's own code, from `start` up to (not including) `end`. */
function piece(code: string, start: string, end: string): string {
  const i = code.indexOf(start);
  const j = code.indexOf(end, i + start.length);
  if (i < 0 || j < 0) throw new Error(`not in the bundle: ${start}`);
  return code.slice(i, j);
}

// DuckDB's real export names (75 011) and the JavaScript library's import names of the bundle.
const wasm = new WebAssembly.Module(readFileSync(path.join(dist, 'duckdb-eh.wasm')));
const exportNames = WebAssembly.Module.exports(wasm).map((x) => x.name);
const source = bundle('duckdb-browser-blocking.mjs');
const importNames = piece(source, 'var wasmImports={', '}').slice('var wasmImports={'.length).split(',').map((x) => x.split(':')[0]);

describe('DuckDB-wasm linking with one walk for mergeLibSymbols and no copy in applySignatureConversions', () => {
  it('rewrites both copies in the browser and the Node bindings (with the lazy GOT), and refuses other code', () => {
    for (const name of BUNDLES) {
      const code = bundle(name);
      expect(count(code, MERGE)).toBe(2);
      expect(count(code, SIGNATURES)).toBe(2);
      const out = fastLink(code);
      expect([count(out, MERGE_FAST), count(out, SIGNATURES_FAST), count(out, MERGE), count(out, SIGNATURES)]).toEqual([2, 2, 0, 0]);
      expect(out).toContain('if(!GOT[t.startsWith("orig$")?t.split("$")[1]:t]?');
    }
    // an upgraded duckdb-wasm whose glue differs fails the build loudly instead of starting half-patched
    const noMerge = bundle('duckdb-node-blocking.cjs').split(MERGE).join('mergeLibSymbols=(e,r)=>{}');
    expect(() => fastLink(noMerge)).toThrow(/expected 2× Emscripten's mergeLibSymbols, found 0/);
  });

  it('mergeLibSymbols: the same writes to wasmImports and Module, in the same order, over DuckDB’s real exports', () => {
    expect(exportNames.length).toBe(75_011);
    expect(importNames.length).toBeGreaterThan(1_500);
    const dynCalls = exportNames.filter((n) => n.startsWith('dynCall_'));
    const shared = exportNames.filter((n) => importNames.includes(n));
    expect(dynCalls.length).toBeGreaterThan(50);
    expect(shared.length).toBeGreaterThan(5);
    const helpers = [
      piece(source, 'registerDynCallSymbols=e=>{', '};function loadDynamicLibrary') + '}',
      piece(source, 'isSymbolDefined=e=>{', ',') ,
    ];
    expect(helpers[1]).toBe('isSymbolDefined=e=>{var r=wasmImports[e];return!(!r||r.stub)}');
    // what relocateExports hands over: functions and relocated addresses
    const exports = Object.fromEntries(exportNames.map((n, i) => [n, i % 7 === 0 ? 1024 + i : () => i]));
    // the library's functions (the same objects for both runs); the cases the merge decides on:
    // a stub (replaced by the export), falsy (replaced), defined (kept)
    const library = Object.fromEntries(importNames.map((n) => [n, Object.assign(() => n, { stub: n === 'pthread_kill' })]));
    shared.forEach((n, i) => (i % 3 === 0 ? (library[n].stub = true) : null));
    const run = (merge: string) => {
      const wasmImports: Record<string, unknown> = { ...library };
      shared.forEach((n, i) => (i % 3 === 1 ? (wasmImports[n] = 0) : null));
      // Module with one dynCall already set (kept) and other members
      const Module: Record<string, unknown> = { [dynCalls[3]]: 'kept', _malloc: 'm', print: 'p' };
      const fn = new Function('Module', 'wasmImports', `var ${helpers.join(',')},${merge};return mergeLibSymbols;`)(Module, wasmImports) as (e: object, name: string) => void;
      fn(exports, 'main');
      return { imports: Object.entries(wasmImports), module: Object.entries(Module) };
    };
    const eager = run(MERGE);
    const fast = run(MERGE_FAST);
    expect(fast.imports.length).toBe(eager.imports.length);
    const differs = fast.imports.findIndex(([k, v], i) => k !== eager.imports[i][0] || v !== eager.imports[i][1]);
    expect(differs < 0 ? null : [differs, fast.imports[differs], eager.imports[differs]].map(String)).toBeNull();
    expect(fast.module).toEqual(eager.module);
    // the merge did act: every export is reachable, stubs and falsy entries replaced, library functions kept
    expect(eager.imports.length).toBeGreaterThan(75_011);
    expect(eager.module.length).toBe(3 + dynCalls.length - 1);
    const imports = new Map(eager.imports);
    expect(shared.map((n) => imports.get(n) === exports[n])).toEqual(shared.map((_, i) => i % 3 !== 2));
  });

  it('applySignatureConversions: every export reads the same, the 18 wrapped ones return the same unsigned values', () => {
    const apply = piece(source, 'function applySignatureConversions(e){', 'Module.stackSave=');
    const fast = apply.replace(SIGNATURES, SIGNATURES_FAST);
    expect(fast).not.toBe(apply);
    // exports returning negative numbers (pointers past 2 GB read as signed)
    const wrappedNames = [...apply.matchAll(/e\.([\w$]+)=\w\(e\.\1\)/g)].map((m) => m[1]);
    expect(wrappedNames.length).toBe(18);
    const exports = Object.fromEntries(exportNames.map((n, i) => [n, i % 7 === 0 && !wrappedNames.includes(n) ? 1024 + i : (...a: number[]) => -1 - i - a.length]));
    const run = (code: string) => new Function(`${code};return applySignatureConversions;`)()(exports) as Record<string, unknown>;
    const eager = run(apply);
    const lazy = run(fast);
    const wrapped = exportNames.filter((n) => eager[n] !== exports[n]);
    expect(wrapped.sort()).toEqual([...wrappedNames].sort());
    for (const n of exportNames) {
      if (wrapped.includes(n)) {
        const args = [5, 6, 7];
        expect((lazy[n] as (...a: number[]) => number)(...args)).toBe((eager[n] as (...a: number[]) => number)(...args));
        expect((eager[n] as () => number)()).toBeGreaterThan(2 ** 31);
      } else if (lazy[n] !== eager[n]) throw new Error(`export ${n} differs`);
    }
    expect(exportNames.every((n) => n in lazy)).toBe(true);
  });

  it('the glue only reads named exports from wasmExports (no enumeration or own-property test the inherited object would change)', () => {
    for (const name of BUNDLES) {
      let code = bundle(name);
      const named = code.match(/wasmExports\.[\w$]+/g) ?? [];
      expect(named.length).toBeGreaterThan(100);
      expect(named.filter((x) => /\.(hasOwnProperty|propertyIsEnumerable|constructor|__proto__)$/.test(x))).toEqual([]);
      code = code.replace(/wasmExports\.[\w$]+/g, '');
      // the only other uses: the instantiate steps and the return of createWasm's receiveInstance
      for (const use of [
        'wasmExports=n.exports,wasmExports=relocateExports(wasmExports,1024)',
        'mergeLibSymbols(wasmExports,"main")',
        'wasmExports=applySignatureConversions(wasmExports)',
        'removeRunDependency("wasm-instantiate"),wasmExports}',
        'wasmExports=createWasm()',
      ]) {
        expect(count(code, use)).toBe(2);
        code = code.split(use).join('');
      }
      expect(code.match(/.{60}wasmExports.{60}/g) ?? []).toEqual([]);
    }
  });

  it('runs DuckDB with it: C++ exceptions (wrapped __cxa_get_exception_ptr), memory, a query over a registered file', async () => {
    const d = await createNodeDuck();
    expect(() => d.query("SELECT CAST('x' AS INTEGER)")).toThrow(/Conversion Error/);
    d.registerBuffer('link.csv', new TextEncoder().encode('a;b\n1;x\n2;y\n'));
    expect(d.query("SELECT string_agg(b, '') AS s, sum(a) AS n FROM read_csv('link.csv', delim = ';')").toArray()[0].toJSON()).toEqual({ s: 'xy', n: 3 });
    expect(d.query('SELECT count(*) AS c FROM range(200000)').toArray()[0].c).toBe(200_000);
  });
});
