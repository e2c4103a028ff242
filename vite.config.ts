import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const blockingBindings = fileURLToPath(new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url));

export default defineConfig({
  plugins: [svelte()],
  base: './',
  worker: { format: 'es' },
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
