import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fastLink, LINK_MAIN, MAIN_LINK, MAIN_LINK_FAST, MERGE, MERGE_FAST, SIGNATURES, SIGNATURES_FAST } from '../../src/lib/db/fastLink';
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
      expect([count(code, MAIN_LINK), count(out, MAIN_LINK), count(out, MAIN_LINK_FAST), count(out, LINK_MAIN + 'function createWasm(){')]).toEqual([2, 0, 2, 2]);
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

  it('the main module linked in one walk: the same relocated exports, GOT entries, table slots, wasmImports and Module as relocateExports + mergeLibSymbols', () => {
    const linked = fastLink(source);
    const wasmExportKinds = WebAssembly.Module.exports(wasm);
    const gotNames = WebAssembly.Module.imports(wasm).filter((x) => x.module.startsWith('GOT.')).map((x) => x.name);
    // entries a side module would import: every 300th export (plain and orig$ ones), and internal symbols
    const side = exportNames.filter((_, i) => i % 300 === 0).map((n) => (n.startsWith('orig$') ? n.split('$')[1] : n));
    expect(side.filter((n) => exportNames.includes(`orig$${n}`)).length).toBeGreaterThan(10);
    const wanted = [...new Set([...gotNames, ...side, '__wasm_call_ctors', '__dso_handle'])];
    const helpers = [
      piece(linked, 'updateGOT=(e,r)=>{', ',relocateExports='),
      piece(linked, 'relocateExports=(e,r,t)=>{', ',isSymbolDefined='),
      piece(linked, 'isSymbolDefined=e=>{', ','),
      piece(linked, 'isInternalSym=e=>', ',uleb128Encode='),
      piece(linked, 'mergeLibSymbols=(e,r)=>{', ',asyncLoad='),
    ];
    expect(helpers.map((h) => h.split(/[=(]/)[0])).toEqual(['updateGOT', 'relocateExports', 'isSymbolDefined', 'isInternalSym', 'mergeLibSymbols']);
    // exports as instantiate gives them: one function object each, WebAssembly.Global-like objects for addresses
    const kindOf = new Map(wasmExportKinds.map((x) => [x.name, x.kind]));
    const objects = new Map<string, unknown>(wasmExportKinds.map((x, i) => [x.name, x.kind === 'function' ? () => i : { value: 4096 + i }]));
    const names = new Map<unknown, string>([...objects].filter(([n]) => kindOf.get(n) === 'function').map(([n, f]) => [f, n]));
    const library = Object.fromEntries(importNames.map((n) => [n, Object.assign(() => n, { stub: false })]));
    exportNames.filter((n) => importNames.includes(n)).forEach((n, i) => (i % 3 === 0 ? (library[n].stub = true) : null));
    const dynCall = exportNames.filter((n) => n.startsWith('dynCall_'))[3];
    const run = (link: string, order: string[], entries: string[]) => {
      const exports = Object.fromEntries(order.map((n) => [n, objects.get(n)]));
      // half the entries already hold a value (the loop replaces those only after an orig$ export)
      const GOT: Record<string, { value: number }> = Object.fromEntries(entries.map((n, i) => [n, { value: i % 2 ? 7 : 0 }]));
      const slots: unknown[] = [];
      const addFunction = (f: unknown) => (slots.includes(f) ? slots.indexOf(f) : slots.push(f) - 1) + 1_000_000;
      const wasmImports: Record<string, unknown> = { ...library };
      const Module: Record<string, unknown> = { [dynCall]: 'kept', _malloc: 'm' };
      const err = (m: string) => { throw new Error(m); };
      const WA = { Global: class { value = 0; } };
      const f = new Function('E', 'GOT', 'addFunction', 'wasmImports', 'Module', 'err', 'WebAssembly', `var ${helpers.join(',')};${link}`);
      const n = f(exports, GOT, addFunction, wasmImports, Module, err, WA) as Record<string, unknown>;
      const show = (v: unknown) => (typeof v === 'function' ? names.get(v) ?? `lib:${String((v as () => string)())}` : v);
      return {
        n: Object.entries(n).map(([k, v]) => `${k}=${show(v)}`),
        got: Object.entries(GOT).map(([k, v]) => `${k}=${v.value >= 1_000_000 ? names.get(slots[v.value - 1_000_000]) : v.value}`),
        slots: slots.map((x) => names.get(x)),
        imports: Object.entries(wasmImports).map(([k, v]) => `${k}=${show(v)}`),
        module: Object.entries(Module).map(([k, v]) => `${k}=${show(v)}`),
      };
    };
    const same = (order: string[], entries: string[]) => {
      const eager = run('var n=relocateExports(E,1024);mergeLibSymbols(n,"main");return n;', order, entries);
      const fused = run(`${LINK_MAIN};return linkMainExports(E,1024);`, order, entries);
      for (const part of ['n', 'got', 'slots', 'imports', 'module'] as const) {
        const i = fused[part].findIndex((x, k) => x !== eager[part][k]);
        expect(fused[part].length, part).toBe(eager[part].length);
        expect(i < 0 ? null : [part, i, fused[part][i], eager[part][i]], part).toBeNull();
      }
      return eager;
    };
    // DuckDB's order: the 11 161 orig$ exports come last; the first of them has a GOT entry holding a value
    const firstOrig = exportNames.findIndex((n) => n.startsWith('orig$'));
    expect(exportNames.slice(firstOrig).every((n) => n.startsWith('orig$'))).toBe(true);
    const eager = same(exportNames, [...wanted.slice(0, 1), exportNames[firstOrig].slice(5), ...wanted.slice(1)]);
    // another order: plain exports after an orig$ one that has no GOT entry (the replace flag it sets)
    const late = wanted.filter((n) => kindOf.get(n) === 'function' && !n.startsWith('orig$') && !n.startsWith('__')).slice(0, 6);
    expect(late.length).toBe(6);
    const origs = new Set(exportNames.slice(firstOrig).map((n) => n.slice(5)));
    const lateRun = same([...exportNames.filter((n) => !late.includes(n)), ...late], wanted.filter((n) => !origs.has(n)));
    expect(late.filter((n) => lateRun.got.includes(`${n}=${n}`)).length).toBe(6);
    // the link did act: relocated addresses, GOT entries filled (and replaced after the first orig$), stubs replaced
    expect(eager.n.length).toBe(75_011);
    expect(eager.n.find((x) => x.startsWith(`${wasmExportKinds.find((k) => k.kind === 'global')!.name}=`))).toMatch(/=\d+$/);
    expect(eager.slots.length).toBeGreaterThan(100);
    expect(eager.got.filter((x) => x.endsWith('=7')).length).toBeGreaterThan(0);
    expect(eager.got.filter((x) => x.endsWith('=7')).length).toBeLessThan(wanted.length / 2);
    expect(eager.got).toContain(`${exportNames[firstOrig].slice(5)}=${exportNames[firstOrig]}`);
    expect(eager.imports.length).toBeGreaterThan(75_011);
    expect(eager.module).toContain(`${dynCall}=kept`);
    expect(eager.module.length).toBeGreaterThan(50);
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
