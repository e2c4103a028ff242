import { createDuckDB, VoidLogger, BROWSER_RUNTIME } from '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs';
import { compiledAt, compiledWasm, entryAt, respondedAt, wasmUrl } from './wasm';
import { tableToIPC, type Table } from 'apache-arrow';
import { SAFE_SETTINGS_SQL, type Duck } from '../src/lib/db/duck';
import { instantiateFrom } from '../src/lib/db/instantiateFrom';

/** When DuckDB's start steps happened (this worker's clock, with its origin), for the startup marks. */
export const startup: Record<string, number> = { timeOrigin: performance.timeOrigin };

/** DuckDB-wasm blocking bindings inside this worker (no nested workers, no extension downloads). */
export async function createBrowserDuck(): Promise<Duck> {
  const bundle = { mainModule: wasmUrl, mainWorker: '' };
  const db = await createDuckDB({ mvp: bundle, eh: bundle }, new VoidLogger(), BROWSER_RUNTIME);
  startup['duck-instantiate'] = performance.now();
  const module = await compiledWasm();
  // the worker's entry ran and the wasm's response began (the compile starts with its first bytes)
  startup['worker-entry'] = entryAt;
  startup['wasm-response'] = respondedAt;
  // the compile's own end (`wasm-compiled` is when both it and the engine code were there)
  startup['wasm-streamed'] = compiledAt;
  startup['wasm-compiled'] = performance.now();
  // instantiate the module compiled at the worker's start instead of fetching the wasm again
  if (module) instantiateFrom(db, module);
  await db.instantiate(() => {});
  startup['duck-instantiated'] = performance.now();
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true } });
  startup['duck-open'] = performance.now();
  const conn = db.connect();
  conn.query(SAFE_SETTINGS_SQL);
  return {
    query: (sql) => conn.query(sql) as unknown as Table,
    queryIPC: (sql) => tableToIPC(conn.query(sql) as unknown as Table, 'stream'),
    registerBuffer: (name, bytes) => db.registerFileBuffer(name, bytes),
    dropFile: (name) => db.dropFile(name),
    insertArrow: (name, table) => conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, create: true }),
  };
}
