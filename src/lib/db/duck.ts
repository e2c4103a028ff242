import type { Table } from 'apache-arrow';

/**
 * The narrow synchronous surface of DuckDB-wasm's blocking bindings that the engine needs.
 * Two implementations: the browser worker (`workers/duck-browser.ts`) and Node (`./node.ts`).
 */
export interface Duck {
  /** Run SQL and return the result as an Arrow table (BigInt/decimal cast to double). */
  query(sql: string): Table;
  /** Register bytes under a virtual file name (read_csv etc. can read it). Detaches `bytes`. */
  registerBuffer(name: string, bytes: Uint8Array): void;
  dropFile(name: string): void;
  /** The same query serialised as an Arrow IPC stream (what crosses the worker boundary). */
  queryIPC(sql: string): Uint8Array;
  /** Create table `name` from an Arrow table (serialised here: arrow instances may differ). */
  insertArrow(name: string, table: Table): void;
}

/** Turn DuckDB's error (sometimes a JSON string) into a readable message. */
export function duckErrorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  try {
    const parsed = JSON.parse(raw) as { exception_message?: string };
    if (parsed && typeof parsed.exception_message === 'string') return parsed.exception_message;
  } catch {
    /* not JSON */
  }
  return raw;
}

/** Settings every connection gets: no extension may be fetched at run time. */
export const SAFE_SETTINGS_SQL =
  "SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;";
