import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glueNames, keepExports } from '../../src/lib/db/wasmExports';
import { createNodeDuck, nodeWasmModule } from '../../src/lib/db/node';

const dist = path.resolve(import.meta.dirname, '../../node_modules/@duckdb/duckdb-wasm/dist');
const upstream = readFileSync(path.join(dist, 'duckdb-eh.wasm'));
const glues = { browser: readFileSync(path.join(dist, 'duckdb-browser-blocking.mjs'), 'utf8'), node: readFileSync(path.join(dist, 'duckdb-node-blocking.cjs'), 'utf8') };

/** Export names a glue reads by name: `wasmExports.x`, `Module._x`, and the C functions it calls with `ccall`/`cwrap` (string literals). */
function namesRead(glue: string): Set<string> {
  const out = new Set<string>();
  for (const [, n] of glue.matchAll(/wasmExports\.([\w$]+)/g)) out.add(n);
  for (const [, n] of glue.matchAll(/Module\._([\w$]+)/g)) out.add(n);
  for (const [, n] of glue.matchAll(/"(duckdb_web_\w+)"/g)) out.add(n);
  return out;
}

/** [id, bytes] of each section. */
function sections(wasm: Uint8Array): [number, Uint8Array][] {
  const out: [number, Uint8Array][] = [];
  let p = 8;
  const u32 = () => {
    let v = 0;
    for (let s = 0; ; s += 7) {
      const b = wasm[p++];
      v += (b & 0x7f) * 2 ** s;
      if (!(b & 0x80)) return v;
    }
  };
  while (p < wasm.length) {
    const id = wasm[p++];
    const size = u32();
    out.push([id, wasm.subarray(p, p + size)]);
    p += size;
  }
  return out;
}

describe('DuckDB’s wasm with only the exports its glue uses', () => {
  const upstreamExports = new Set(WebAssembly.Module.exports(new WebAssembly.Module(upstream)).map((e) => e.name));

  for (const [which, glue] of Object.entries(glues)) {
    it(`keeps every export the ${which} glue reads by name, and drops the ≈ 74 700 only side modules could use`, () => {
      const lean = keepExports(upstream, glueNames(glue));
      const kept = new Set(WebAssembly.Module.exports(new WebAssembly.Module(lean)).map((e) => e.name));
      const read = [...namesRead(glue)].filter((n) => upstreamExports.has(n));
      expect(read.length).toBeGreaterThan(50);
      expect(read.filter((n) => !kept.has(n))).toEqual([]);
      expect(upstreamExports.size).toBe(75_011);
      expect(kept.size).toBeGreaterThan(200);
      expect(kept.size).toBeLessThan(400);
      // imports (the linking's GOT and the JavaScript library) are untouched
      expect(WebAssembly.Module.imports(new WebAssembly.Module(lean))).toEqual(WebAssembly.Module.imports(new WebAssembly.Module(upstream)));
      expect(lean.length).toBeLessThan(upstream.length - 7_000_000);
    });
  }

  it('changes only the export section: code, data, tables and the dynamic-linking section are the same bytes', () => {
    const before = sections(upstream);
    const after = sections(keepExports(upstream, glueNames(glues.browser)));
    expect(after.map(([id]) => id)).toEqual(before.map(([id]) => id));
    for (let i = 0; i < before.length; i++) {
      if (before[i][0] === 7) continue;
      expect(Buffer.from(after[i][1]).equals(Buffer.from(before[i][1])), `section ${i} (id ${before[i][0]})`).toBe(true);
    }
  });

  it('is the module the Node engine (tests, CLI) runs, and DuckDB works on it', async () => {
    expect(WebAssembly.Module.exports(nodeWasmModule()).length).toBeLessThan(400);
    const duck = await createNodeDuck();
    // a C++ exception thrown and caught inside DuckDB (the EH build's try/catch) and a CSV read
    expect(() => duck.query('SELECT * FROM gibt_es_nicht')).toThrow(/gibt_es_nicht/);
    duck.registerBuffer('t.csv', new TextEncoder().encode('a;b\n1;x\n2;y\n'));
    const t = duck.query(`SELECT sum(a)::INTEGER AS s, string_agg(b, '') AS b FROM read_csv('t.csv', delim=';')`);
    expect(t.toArray().map((r) => ({ ...r }))).toEqual([{ s: 3, b: 'xy' }]);
  });
});
