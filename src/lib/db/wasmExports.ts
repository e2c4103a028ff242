/**
 * DuckDB's wasm with only the exports its JavaScript glue uses.
 *
 * duckdb-wasm 1.32's `duckdb-eh.wasm` is linked as an Emscripten MAIN_MODULE: it exports every
 * symbol (75 011 exports, a 7.4 MB export section of C++ names) so that side modules — DuckDB's
 * extensions — could link against it. The app loads no extensions (no downloads, autoload off), and
 * the glue reads ≈ 280 of them by name (`wasmExports.malloc`, `Module._duckdb_web_open`,
 * `ccall("duckdb_web_…")`, `dynCall_*`). The 74 700 others are work at every start: V8 decodes their
 * names, creates a property per export at instantiation, and the glue's linking walks them all
 * (relocate, GOT, `wasmImports`, `Module`).
 *
 * `keepExports` rewrites only the export section; code, data, tables and every other section are
 * copied byte for byte, so the engine runs the same machine code. `glueNames` is deliberately
 * generous: every identifier-like token of the glue's text (with and without Emscripten's leading
 * `_`) that names an export is kept, plus every `dynCall_*` (the glue builds those names at run
 * time from a signature). Used by the build (vite.config.ts) and the Node engine (node.ts), so tests
 * and the CLI run the module the browser runs.
 */

/** The export section's id in the binary format. */
const EXPORT_SECTION = 7;

/** Names the glue may read: identifier-like tokens of its text, with and without a leading `_`. */
export function glueNames(glue: string): (name: string) => boolean {
  const tokens = new Set(glue.match(/[A-Za-z_$][\w$]*/g) ?? []);
  return (name) => tokens.has(name) || tokens.has('_' + name) || name.startsWith('dynCall_');
}

/** The module with the exports for which `keep(name)` is true; every other byte unchanged. */
export function keepExports(wasm: Uint8Array, keep: (name: string) => boolean): Uint8Array<ArrayBuffer> {
  if (wasm.length < 8 || wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) {
    throw new Error('keepExports: not a WebAssembly module');
  }
  const names = new TextDecoder('utf-8', { fatal: true });
  let p = 8;
  const u32 = () => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      if (p >= wasm.length) throw new Error('keepExports: module ends inside a number');
      const b = wasm[p++];
      v += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return v;
    }
  };
  const parts: Uint8Array[] = [wasm.subarray(0, 8)];
  let found = false;
  while (p < wasm.length) {
    const start = p;
    const id = wasm[p++];
    const size = u32();
    const end = p + size;
    if (end > wasm.length) throw new Error('keepExports: a section runs past the end');
    if (id !== EXPORT_SECTION) {
      parts.push(wasm.subarray(start, end));
      p = end;
      continue;
    }
    if (found) throw new Error('keepExports: two export sections');
    found = true;
    const count = u32();
    const kept: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const entry = p;
      const len = u32();
      const name = names.decode(wasm.subarray(p, p + len));
      p += len + 1; // name, then the export's kind byte
      u32(); // its index
      if (keep(name)) kept.push(wasm.subarray(entry, p));
    }
    if (p !== end) throw new Error('keepExports: the export section does not end where its size says');
    const countBytes = uleb(kept.length);
    const bodySize = countBytes.length + kept.reduce((n, k) => n + k.length, 0);
    parts.push(Uint8Array.of(EXPORT_SECTION, ...uleb(bodySize), ...countBytes), ...kept);
  }
  if (!found) throw new Error('keepExports: the module has no export section');
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let o = 0;
  for (const part of parts) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}

function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}
