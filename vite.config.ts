import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { fastLink } from './src/lib/db/fastLink';
import { ehOnly } from './src/lib/db/ehOnly';
import { glueNames, keepExports } from './src/lib/db/wasmExports';
import { listChunksFor, type BundleLike } from './src/lib/build/chunksAtOnce';

const blockingBindings = fileURLToPath(new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url));
const ehWasm = fileURLToPath(new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm', import.meta.url));

/**
 * PWA: after the build, list every emitted file in dist/sw.js (precache) and stamp it with a hash
 * of that content, so a new build installs a new cache and drops the old one. No runtime CDN.
 */
function precacheManifest(): Plugin {
  let outDir = 'dist';
  let publicDir = 'public';
  return {
    name: 'srw-precache',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
      publicDir = c.publicDir;
    },
    closeBundle() {
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) walk(p);
          else files.push(path.relative(outDir, p).split(path.sep).join('/'));
        }
      };
      walk(outDir);
      const list = ['./', ...files.filter((f) => f !== 'sw.js' && !f.endsWith('.map')).sort()];
      const hash = createHash('sha256');
      for (const f of list.slice(1)) hash.update(f).update(readFileSync(path.join(outDir, f)));
      // read the template from public/: the copy in outDir may not be written yet
      const sw = readFileSync(path.join(publicDir, 'sw.js'), 'utf8')
        .replace('__SRW_VERSION__', hash.digest('hex').slice(0, 16))
        .replace('/*__SRW_PRECACHE__*/ []', JSON.stringify(list));
      writeFileSync(path.join(outDir, 'sw.js'), sw);
    },
  };
}

/**
 * DuckDB's bindings without the eager GOT of all its exports, with cheaper linking walks
 * (src/lib/db/fastLink.ts) and without the glue of the MVP build that is not shipped (ehOnly.ts).
 */
function duckdbLazyGot(): Plugin {
  return {
    name: 'srw-duckdb-lazy-got',
    transform(code, id) {
      if (path.resolve(id.split('?')[0]) !== blockingBindings) return null;
      return { code: ehOnly(fastLink(code)), map: null };
    },
  };
}

/**
 * DuckDB's wasm as the app ships it: only the exports its glue uses (src/lib/db/wasmExports.ts),
 * 27 instead of 34 MB and ≈ 0.2 s less instantiation at every start. Emitted as an asset in the
 * build, served from memory by the dev server; the worker imports it as
 * `@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url` (without this plugin, e.g. in unit tests, that is
 * the package's own file).
 */
function duckdbLeanWasm(): Plugin {
  const ID = '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
  const VIRTUAL = '\0srw-duckdb-eh-wasm';
  const DEV_URL = '/@srw/duckdb-eh.wasm';
  let serve = false;
  let bytes: Uint8Array | null = null;
  const lean = () => (bytes ??= keepExports(readFileSync(ehWasm), glueNames(readFileSync(blockingBindings, 'utf8'))));
  return {
    name: 'srw-duckdb-lean-wasm',
    enforce: 'pre',
    configResolved(c) {
      serve = c.command === 'serve';
    },
    resolveId(id) {
      return id === ID ? VIRTUAL : null;
    },
    load(id) {
      if (id !== VIRTUAL) return null;
      if (serve) return `export default ${JSON.stringify(DEV_URL)};`;
      const ref = this.emitFile({ type: 'asset', name: 'duckdb-eh.wasm', source: lean() });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    configureServer(server) {
      server.middlewares.use(DEV_URL, (_req, res) => {
        res.setHeader('Content-Type', 'application/wasm');
        res.end(lean());
      });
    },
  };
}

/**
 * The engine worker's entry requests every chunk of the engine code at once, instead of level by
 * level as the browser parses each (src/lib/build/chunksAtOnce.ts).
 */
function engineChunksAtOnce(): Plugin {
  return {
    name: 'srw-engine-chunks-at-once',
    apply: 'build',
    generateBundle(_, bundle) {
      // the worker build of engine.entry.ts (other worker builds, e.g. the pool's, have no such entry)
      const entry = Object.values(bundle).some((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('workers/engine.entry.ts'));
      if (entry) listChunksFor(bundle as unknown as BundleLike, 'workers/engine.entry.ts', 'workers/engine.worker.ts');
    },
  };
}

export default defineConfig({
  plugins: [svelte(), precacheManifest(), duckdbLeanWasm()],
  base: './',
  worker: { format: 'es', plugins: () => [duckdbLazyGot(), duckdbLeanWasm(), engineChunksAtOnce()] },
  resolve: {
    alias: {
      // The package's "./blocking" export points to a file missing in 1.32.0 and the real file is
      // not exported: resolve it by path (see DESIGN.md).
      '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs': blockingBindings,
    },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
});
