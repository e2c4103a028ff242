/**
 * DuckDB-wasm's start without 75 000 eager GOT entries.
 *
 * duckdb-wasm 1.32 is an Emscripten MAIN_MODULE (dynamic linking, for extensions). When it is
 * instantiated, Emscripten's `relocateExports` → `updateGOT` walks all 75 011 exports of DuckDB
 * and creates a `WebAssembly.Global` for each, putting every one of its 65 167 exported functions
 * into the function table (`addFunction`, one `Table.grow(1)` each), so that a side module loaded
 * later could find them in the GOT ("global offset table"). Then `reportUndefinedSymbols` walks
 * all of them again. The app never loads a side module (extensions stay off), and DuckDB itself
 * imports only 268 GOT entries — those exist before `updateGOT` runs (created when the module was
 * instantiated) and are still filled exactly as before (tests/engine/lazyGot.test.ts runs both
 * loops over DuckDB's real export list and compares). Entries nobody imported are left to
 * Emscripten's own lazy path (`GOTHandler` creates an entry on first import, and
 * `reportUndefinedSymbols` resolves it after a side module is loaded).
 *
 * Measured: ≈ 0.3–0.5 s less on the engine worker at every start (see docs/performance.md,
 * „Demo ready“ → „Fifth round“). Applied to the browser build (vite.config.ts) and the Node build
 * (src/lib/db/node.ts), so tests and the CLI run the same linking as the app.
 */

/** Emscripten's `updateGOT` loop head as emitted in duckdb-wasm 1.32's bundles. */
const LOOP = 'updateGOT=(e,r)=>{for(var t in e)if(!isInternalSym(t)){var n=e[t];';
/**
 * The same loop, acting only on exports whose GOT entry exists already (for `orig$name`, the entry
 * of `name`). A skipped `orig$` export still sets the loop's `r` ("replace") flag, which in
 * Emscripten's loop stays on for every later export: the entries that exist get exactly the
 * writes, in the same order, that the eager loop gives them. (Internal symbols never start with
 * `orig$`, so testing them after the GOT lookup changes nothing.)
 */
const LAZY =
  'updateGOT=(e,r)=>{for(var t in e)if(!GOT[t.startsWith("orig$")?t.split("$")[1]:t]?(t.startsWith("orig$")&&(r=!0),!1):!isInternalSym(t)){var n=e[t];';

/**
 * Rewrite a duckdb-wasm bindings bundle (`expected` copies of Emscripten's glue: the browser
 * bundle carries the mvp and eh builds). Throws if the code is not the expected one, so an
 * upgrade of duckdb-wasm cannot silently drop (or half-apply) the change.
 */
export function lazyGot(code: string, expected = 2): string {
  const parts = code.split(LOOP);
  if (parts.length - 1 !== expected) throw new Error(`duckdb-wasm: expected ${expected}× Emscripten's updateGOT, found ${parts.length - 1} (check src/lib/db/lazyGot.ts after an upgrade)`);
  return parts.join(LAZY);
}
