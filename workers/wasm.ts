/// <reference lib="webworker" />
/**
 * DuckDB's wasm (27 MB: the build keeps only the exports its glue uses, src/lib/db/wasmExports.ts
 * and vite.config.ts), fetched and compiled as early as possible: the engine worker's entry
 * starts this before it loads the engine code, so download, compile and JavaScript loading
 * overlap. Streaming compile (compiles while it downloads) where the server sends
 * `application/wasm`, else from the bytes. The service worker serves the file from its cache.
 */
// Only the exception-handling build is shipped (all supported browsers have wasm EH); served from our origin.
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';

export const wasmUrl: string = ehWasm;

let compiled: Promise<WebAssembly.Module | null> | null = null;
/** When the worker's entry ran, the wasm's response began and the compile ended (this worker's clock), for the startup marks; 0 before. */
export const entryAt = performance.now();
export let respondedAt = 0;
export let compiledAt = 0;

/** The compiled module (started once); null when it could not be compiled here (DuckDB then loads it itself). */
export function compiledWasm(): Promise<WebAssembly.Module | null> {
  compiled ??= WebAssembly.compileStreaming(fetch(wasmUrl).then((r) => ((respondedAt = performance.now()), r)))
    .catch(() => fetch(wasmUrl).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)))
    .catch(() => null)
    .finally(() => (compiledAt = performance.now()));
  return compiled;
}
