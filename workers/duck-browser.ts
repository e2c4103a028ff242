import { createDuckDB, VoidLogger, BROWSER_RUNTIME } from '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs';
// Only the exception-handling build is shipped (all supported browsers have wasm EH); served from our origin.
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { tableToIPC, type Table } from 'apache-arrow';
import { SAFE_SETTINGS_SQL, type Duck } from '../src/lib/db/duck';

/** DuckDB-wasm blocking bindings inside this worker (no nested workers, no extension downloads). */
export async function createBrowserDuck(): Promise<Duck> {
  const bundle = { mainModule: ehWasm, mainWorker: '' };
  const db = await createDuckDB({ mvp: bundle, eh: bundle }, new VoidLogger(), BROWSER_RUNTIME);
  await db.instantiate(() => {});
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true } });
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
