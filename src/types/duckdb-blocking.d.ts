// The package's "./blocking" export points to a missing file in 1.32.0, so we import the dist
// file directly; its types are not reachable through the package exports, hence this shim.
declare module '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs' {
  import type { DuckDBBindings, DuckDBRuntime, DuckDBBundles, Logger } from '@duckdb/duckdb-wasm';
  export function createDuckDB(bundles: DuckDBBundles, logger: Logger, runtime: DuckDBRuntime): Promise<DuckDBBindings>;
  export class VoidLogger implements Logger {
    log(): void;
  }
  export const BROWSER_RUNTIME: DuckDBRuntime;
}
