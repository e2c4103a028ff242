import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ehOnly } from '../../src/lib/db/ehOnly';
import { fastLink } from '../../src/lib/db/fastLink';

const dist = path.resolve(import.meta.dirname, '../../node_modules/@duckdb/duckdb-wasm/dist');
const browser = readFileSync(path.join(dist, 'duckdb-browser-blocking.mjs'), 'utf8');
const GLUE = /\(\(exports,module\)=>\{"use strict";var DuckDB=/g;
const glues = (code: string) => [...code.matchAll(GLUE)].length;

/** Imports a bindings bundle as a module (its one bare import, apache-arrow, resolved from here). */
async function importBundle(code: string): Promise<Record<string, unknown>> {
  const arrow = import.meta.resolve('apache-arrow');
  const src = code.replaceAll('from"apache-arrow"', `from${JSON.stringify(arrow)}`);
  return (await import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(src).toString('base64')}`)) as Record<string, unknown>;
}

describe('DuckDB-wasm browser bindings without the MVP glue (ehOnly)', () => {
  // the browser bundle's js-sha256 takes Node's crypto unless told otherwise; its glue is not started here
  const g = globalThis as { window?: unknown; JS_SHA256_NO_NODE_JS?: boolean };
  beforeAll(() => {
    g.window = globalThis;
    g.JS_SHA256_NO_NODE_JS = true;
  });
  afterAll(() => {
    delete g.window;
    delete g.JS_SHA256_NO_NODE_JS;
  });

  it('removes one of the two Emscripten glues (≈ half the bundle) after the linking rewrite, as the build applies it', () => {
    const linked = fastLink(browser);
    expect(glues(linked)).toBe(2);
    const out = ehOnly(linked);
    expect(glues(out)).toBe(1);
    expect(out.length).toBeLessThan(linked.length * 0.55);
    // the glue that stays is the one with the app's linking (fastLink rewrites both, so it is still there once)
    expect(out.split('function linkMainExports(').length - 1).toBe(1);
  });

  it('createDuckDB builds the EH bindings with the EH wasm, also where the platform reports no wasm exceptions', async () => {
    const bundles = { mvp: { mainModule: 'mvp.wasm' }, eh: { mainModule: 'eh.wasm' } };
    type Create = (b: object, logger: unknown, runtime: unknown) => Promise<{ mainModuleURL: string }>;
    const start = async (code: string) => {
      const m = await importBundle(code);
      return (m.createDuckDB as Create)(bundles, new (m.VoidLogger as new () => unknown)(), m.BROWSER_RUNTIME);
    };
    expect((await start(ehOnly(fastLink(browser)))).mainModuleURL).toBe('eh.wasm');
    // a platform without wasm exceptions (the feature probe validates a small module that uses them)
    const validate = WebAssembly.validate;
    WebAssembly.validate = () => false;
    try {
      expect((await start(browser)).mainModuleURL).toBe('mvp.wasm');
      expect((await start(ehOnly(fastLink(browser)))).mainModuleURL).toBe('eh.wasm');
    } finally {
      WebAssembly.validate = validate;
    }
  });

  it('refuses a bundle it does not know, so an upgrade cannot half-apply it', () => {
    expect(() => ehOnly('export const x = 1;')).toThrow(/createDuckDB/);
    const create = [...browser.matchAll(/async function \w+\(\w+,\w+,\w+\)\{return\(await \w+\(\)\)\.wasmExceptions[^}]*\}/g)];
    expect(create).toHaveLength(1);
    // without the MVP glue's module the rewrite has nothing to remove
    const noGlue = browser.replace(/var (\w+)=\w+\(\(exports,module\)=>\{"use strict";var DuckDB=/, 'var $1=null;var __x=((exports,module)=>{"use strict";var NotDuckDB=');
    expect(() => ehOnly(noGlue)).toThrow(/MVP glue/);
    // applying it twice finds no choice left to rewrite
    expect(() => ehOnly(ehOnly(browser))).toThrow(/createDuckDB/);
  });
});
