import { describe, expect, it } from 'vitest';
import { glueNames, keepExports } from '../../../src/lib/db/wasmExports';

/** A hand-assembled module: three functions returning 1, 2, 3, a memory, and exports in `names` order (function i, or the memory). */
function tinyModule(exports: [string, 'f' | 'm', number][]): Uint8Array<ArrayBuffer> {
  const utf8 = (s: string) => [...new TextEncoder().encode(s)];
  const vec = (items: number[][]) => [items.length, ...items.flat()];
  const section = (id: number, body: number[]) => [id, body.length, ...body];
  const body = (n: number) => [4, 0, 0x41, n, 0x0b]; // size, no locals, i32.const n, end
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 0, 1, 0x7f]])), // type 0: [] -> [i32]
    ...section(3, vec([[0], [0], [0]])), // three functions of type 0
    ...section(5, vec([[0x00, 1]])), // memory, min 1 page
    ...section(7, vec(exports.map(([name, kind, index]) => [utf8(name).length, ...utf8(name), kind === 'f' ? 0 : 2, index]))),
    ...section(10, vec([body(1), body(2), body(3)])),
    ...section(0, [4, ...utf8('note'), 7, 7, 7]), // a custom section after the code
  ]);
}

/** The module's sections as [id, bytes] in order. */
function sections(wasm: Uint8Array): [number, number[]][] {
  const out: [number, number[]][] = [];
  for (let p = 8; p < wasm.length; ) {
    const id = wasm[p];
    const size = wasm[p + 1]; // every section here is < 128 bytes
    out.push([id, [...wasm.subarray(p + 2, p + 2 + size)]]);
    p += 2 + size;
  }
  return out;
}

describe('keepExports: a wasm module with fewer exports, everything else byte for byte', () => {
  const wasm = tinyModule([['one', 'f', 0], ['zwei', 'f', 1], ['drei_ä', 'f', 2], ['memory', 'm', 0]]);

  it('keeps the chosen exports (still working) and drops the others', () => {
    const out = keepExports(wasm, (n) => n === 'one' || n === 'drei_ä');
    const instance = new WebAssembly.Instance(new WebAssembly.Module(out));
    expect(Object.keys(instance.exports)).toEqual(['one', 'drei_ä']);
    expect((instance.exports.one as () => number)()).toBe(1);
    expect((instance.exports['drei_ä'] as () => number)()).toBe(3);
    // the original still has all four
    expect(Object.keys(new WebAssembly.Instance(new WebAssembly.Module(wasm)).exports)).toEqual(['one', 'zwei', 'drei_ä', 'memory']);
  });

  it('copies every other section unchanged and in order', () => {
    const before = sections(wasm);
    const after = sections(keepExports(wasm, (n) => n === 'zwei'));
    expect(after.map(([id]) => id)).toEqual(before.map(([id]) => id));
    for (let i = 0; i < before.length; i++) if (before[i][0] !== 7) expect(after[i]).toEqual(before[i]);
    expect(after.find(([id]) => id === 7)![1]).toEqual([1, 4, ...new TextEncoder().encode('zwei'), 0, 1]);
  });

  it('keeps all or none', () => {
    expect(keepExports(wasm, () => true)).toEqual(wasm);
    const none = keepExports(wasm, () => false);
    expect(WebAssembly.Module.exports(new WebAssembly.Module(none))).toEqual([]);
  });

  it('refuses what is not a module it can read', () => {
    expect(() => keepExports(new TextEncoder().encode('<html>not wasm</html>'), () => true)).toThrow(/not a WebAssembly module/);
    expect(() => keepExports(wasm.subarray(0, wasm.length - 3), () => true)).toThrow(/past the end/);
    const noExports = Uint8Array.from([...wasm.subarray(0, 8)]);
    expect(() => keepExports(noExports, () => true)).toThrow(/no export section/);
  });
});

describe('glueNames: every name the glue could read', () => {
  it('takes identifiers of the text with and without Emscripten’s leading underscore, and every dynCall_', () => {
    const keep = glueNames('var _malloc=Module._malloc=wasmExports.malloc;ccall("duckdb_web_open",null,[]);x.free(p)');
    for (const n of ['malloc', 'duckdb_web_open', 'free', 'wasmExports', 'dynCall_viji']) expect(keep(n)).toBe(true);
    for (const n of ['_ZN6duckdb8Executor', 'calloc', 'open']) expect(keep(n)).toBe(false);
  });
});
