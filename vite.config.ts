import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  base: './',
  worker: { format: 'es' },
  resolve: {
    alias: {
      // The package's "./blocking" export points to a file missing in 1.32.0 (see DESIGN.md).
      '@duckdb/duckdb-wasm/blocking': '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs',
    },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
});
