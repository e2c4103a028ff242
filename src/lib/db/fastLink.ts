/**
 * Three more of DuckDB-wasm's linking walks over its 75 011 exports, made cheaper without changing
 * what they produce (besides the lazy GOT of `lazyGot.ts`, which this module applies too).
 *
 * When duckdb-wasm 1.32 (an Emscripten MAIN_MODULE) is instantiated, Emscripten's glue
 * - `mergeLibSymbols(exports, "main")` copies every export that the JavaScript library does not
 *   define into `wasmImports` (where `dlsym` and a side module's linker look symbols up), after
 *   `registerDynCallSymbols` has walked them once already for `dynCall_*` names. As emitted, it
 *   builds `Object.entries` twice (75 011 two-element arrays each) and calls a closure per export.
 *   The rewrite is one loop over `Object.keys` (the same keys in the same order) doing the same
 *   two writes per export: `Module[name]` for `dynCall_*` names not yet on `Module`, and
 *   `wasmImports[name]` where the symbol is not defined (absent, falsy or a stub). The two targets
 *   are different objects, so doing both writes per key instead of in two passes changes nothing.
 * - `applySignatureConversions(exports)` copies the whole export object (`Object.assign({}, e)`)
 *   to replace 18 functions by wrappers that read pointers as unsigned. The rewrite creates an
 *   object that inherits the exports (`Object.create(e)`) and holds the 18 wrappers as its own:
 *   every property read gives the same value. It differs only for enumeration and `hasOwnProperty`,
 *   which the glue never applies to `wasmExports` (it reads named exports, e.g.
 *   `wasmExports.malloc`; tests/engine/fastLink.test.ts checks every use of the name in both bundles).
 *
 * - The main module's link in `createWasm` walked the exports three times: `relocateExports` (copy
 *   with globals relocated), its `updateGOT`, then `mergeLibSymbols`. `linkMainExports` does the
 *   three per export in one walk over `Object.keys` (the same keys in the same order). Their targets
 *   are separate (the relocated object, GOT entries and the function table, `Module` and
 *   `wasmImports`), none reads what another writes, so interleaving them per export changes
 *   nothing; the GOT's `orig$` „replace“ flag still turns on at the first `orig$` export in order.
 *   `getDylinkMetadata`, which ran between them, reads only the module's custom section.
 *   (tests/engine/fastLink.test.ts runs both over DuckDB's real exports and compares every write.)
 *
 * Measured in Node: the two walks ≈ 190–290 ms of a ≈ 0.7–0.8 s instantiate before, ≈ 35–45 ms
 * after (docs/performance.md, „Demo ready“ → „Seventh round“); the one-walk link another ≈ 30–60 ms
 * of ≈ 0.4 s (same section, „Tenth round“). Applied with the lazy GOT to the
 * browser build (vite.config.ts) and the Node build (src/lib/db/node.ts). Throws if the glue is not
 * the expected one, so an upgrade of duckdb-wasm cannot silently drop or half-apply it.
 */
import { lazyGot } from './lazyGot';

/** Emscripten's `mergeLibSymbols` as emitted in duckdb-wasm 1.32's bundles. */
export const MERGE =
  'mergeLibSymbols=(e,r)=>{registerDynCallSymbols(e);for(var[t,n]of Object.entries(e))(o=>{isSymbolDefined(o)||(wasmImports[o]=n)})(t)}';
/** The same writes in one walk (what `registerDynCallSymbols(e)` and the loop did, per key). */
export const MERGE_FAST =
  'mergeLibSymbols=(e,r)=>{for(var k=Object.keys(e),i=0;i<k.length;i++){var t=k[i],n=e[t];t.startsWith("dynCall_")&&!Module.hasOwnProperty(t)&&(Module[t]=n),isSymbolDefined(t)||(wasmImports[t]=n)}}';
/** The head of Emscripten's `applySignatureConversions` as emitted in duckdb-wasm 1.32. */
export const SIGNATURES = 'function applySignatureConversions(e){e=Object.assign({},e);';
export const SIGNATURES_FAST = 'function applySignatureConversions(e){e=Object.create(e);';

/** The main module's link in Emscripten's `createWasm` (`receiveInstance`) as emitted in duckdb-wasm 1.32. */
export const MAIN_LINK =
  'wasmExports=relocateExports(wasmExports,1024);var o=getDylinkMetadata(a);return o.neededDynlibs&&(dynamicLibraries=o.neededDynlibs.concat(dynamicLibraries)),mergeLibSymbols(wasmExports,"main")';
export const MAIN_LINK_FAST =
  'wasmExports=linkMainExports(wasmExports,1024);var o=getDylinkMetadata(a);return o.neededDynlibs&&(dynamicLibraries=o.neededDynlibs.concat(dynamicLibraries)),0';
/**
 * relocateExports(e, r) with its lazy updateGOT (lazyGot.ts) and mergeLibSymbols (MERGE_FAST), per
 * export: `n` the relocated exports, `g` the GOT loop's replace flag.
 */
export const LINK_MAIN =
  'function linkMainExports(e,r){var n={},g=!1;for(var k=Object.keys(e),i=0;i<k.length;i++){var a=k[i],o=e[a];typeof o=="object"&&(o=o.value),typeof o=="number"&&(o+=r),n[a]=o;' +
  'var s=a.startsWith("orig$"),c=s?a.split("$")[1]:a;if(GOT[c]){if(!isInternalSym(a)){s&&(g=!0);(g||GOT[c].value==0)&&(typeof o=="function"?GOT[c].value=addFunction(o):typeof o=="number"?GOT[c].value=o:err("unhandled export type for \'".concat(c,"\': ").concat(typeof o)))}}else s&&(g=!0);' +
  'a.startsWith("dynCall_")&&!Module.hasOwnProperty(a)&&(Module[a]=o),isSymbolDefined(a)||(wasmImports[a]=o)}return n}';
const CREATE_WASM = 'function createWasm(){';

function replaceExactly(code: string, from: string, to: string, expected: number, what: string): string {
  const parts = code.split(from);
  if (parts.length - 1 !== expected) throw new Error(`duckdb-wasm: expected ${expected}× Emscripten's ${what}, found ${parts.length - 1} (check src/lib/db/fastLink.ts after an upgrade)`);
  return parts.join(to);
}

/**
 * DuckDB-wasm's bindings bundle with the app's linking: lazy GOT, one-walk `mergeLibSymbols`,
 * no copy in `applySignatureConversions`, the main module linked in one walk. `expected` copies of Emscripten's glue (the browser and
 * Node bundles carry the mvp and eh builds).
 */
export function fastLink(code: string, expected = 2): string {
  let out = lazyGot(code, expected);
  out = replaceExactly(out, MERGE, MERGE_FAST, expected, 'mergeLibSymbols');
  out = replaceExactly(out, SIGNATURES, SIGNATURES_FAST, expected, 'applySignatureConversions');
  out = replaceExactly(out, MAIN_LINK, MAIN_LINK_FAST, expected, 'main module link');
  out = replaceExactly(out, CREATE_WASM, LINK_MAIN + CREATE_WASM, expected, 'createWasm');
  return out;
}
