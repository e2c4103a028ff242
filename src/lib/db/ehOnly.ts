/**
 * DuckDB-wasm's browser bindings without the glue of the build the app does not ship.
 *
 * `duckdb-browser-blocking.mjs` (duckdb-wasm 1.32) carries Emscripten's JavaScript glue twice:
 * for the MVP wasm and for the exception-handling (EH) wasm, ≈ 590 kB each of the engine worker's
 * 1.4 MB chunk. `createDuckDB` picks the EH bindings when the browser has wasm exceptions and the
 * MVP ones otherwise; the app ships only the EH wasm (every browser it supports has wasm exceptions,
 * see workers/wasm.ts), so the MVP glue could only ever load a wasm that is not there. As bundled,
 * the MVP glue is a top-level `__toESM(require_mvp())` call, which no bundler may drop.
 *
 * The rewrite makes `createDuckDB` build the EH bindings always and removes the MVP glue's module
 * (its factory and the one call of it): ≈ 0.6 MB less JavaScript to download and parse while DuckDB's
 * wasm compiles at the start (docs/performance.md, „Eleventh round“). Throws if the bundle is not
 * the expected one, so an upgrade of duckdb-wasm cannot silently half-apply it.
 */

/** `createDuckDB(bundles, logger, runtime)`: EH bindings where the platform has wasm exceptions, else MVP. */
const CREATE =
  /async function (\w+)\((\w+),(\w+),(\w+)\)\{return\(await \w+\(\)\)\.wasmExceptions&&\2\.eh\?new ([\w$]+)\(\3,\4,\2\.eh\.mainModule\):new ([\w$]+)\(\3,\4,\2\.mvp\.mainModule\)\}/g;
/** The end of an Emscripten glue module as esbuild wrapped it (`module.exports = DuckDB`). */
const GLUE_END = 'typeof exports=="object"&&typeof module=="object"?module.exports=DuckDB:typeof define=="function"&&define.amd&&define([],()=>DuckDB)});';
const GLUE_START = (v: string) => new RegExp(`var ${esc(v)}=[\\w$]+\\(\\(exports,module\\)=>\\{"use strict";var DuckDB=`, 'g');

function esc(s: string): string {
  return s.replace(/\$/g, '\\$');
}

function fail(what: string): never {
  throw new Error(`duckdb-wasm: ${what} (check src/lib/db/ehOnly.ts after an upgrade)`);
}

function only<T>(all: T[], what: string): T {
  if (all.length !== 1) fail(`expected one ${what}, found ${all.length}`);
  return all[0];
}

/** The browser bindings with the EH build only (see the module comment). */
export function ehOnly(code: string): string {
  const create = only([...code.matchAll(CREATE)], '`createDuckDB` choosing between the EH and MVP bindings');
  const [whole, fn, bundles, logger, runtime, ehClass, mvpClass] = create;
  // the MVP bindings class → the variable holding its glue module → the glue's factory
  const cls = only([...code.matchAll(new RegExp(`var ${esc(mvpClass)}=class extends [\\w$]+\\{constructor\\(e,r,t,n=null\\)\\{super\\(e,r,t,n\\)\\}instantiateImpl\\(e\\)\\{return\\(0,([\\w$]+)\\.default\\)`, 'g'))], 'MVP bindings class');
  const glueVar = cls[1];
  const init = only([...code.matchAll(new RegExp(`var ${esc(glueVar)}=[\\w$]+\\(([\\w$]+)\\(\\)\\);`, 'g'))], 'MVP glue import');
  const factory = init[1];
  const start = only([...code.matchAll(GLUE_START(factory))], 'MVP glue module').index;
  const end = code.indexOf(GLUE_END, start);
  if (end < 0) fail('end of the MVP glue module not found');
  const glue = code.slice(start, end + GLUE_END.length);
  if ([...glue.matchAll(/\(\(exports,module\)=>\{"use strict";var DuckDB=/g)].length !== 1) fail('the MVP glue module is not a single module');
  let out = code.slice(0, start) + code.slice(end + GLUE_END.length);
  // the factory's only other use is the glue import; after it is gone nothing may name it
  out = out.replace(init[0], `var ${glueVar}={};`);
  if (new RegExp(`(?<![\\w$.])${esc(factory)}(?![\\w$])`).test(out)) fail(`the MVP glue factory ${factory} is used elsewhere`);
  return out.replace(whole, `async function ${fn}(${bundles},${logger},${runtime}){return new ${ehClass}(${logger},${runtime},${bundles}.eh.mainModule)}`);
}
