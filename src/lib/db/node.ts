import { createRequire } from 'node:module';
import path from 'node:path';
import { tableToIPC, type Table } from 'apache-arrow';
import { SAFE_SETTINGS_SQL, type Duck } from './duck';

const require = createRequire(import.meta.url);

/** DuckDB-wasm's blocking Node build (same engine as the browser), for tests and the CLI. */
export async function createNodeDuck(): Promise<Duck> {
  const entry = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const duck = require(entry);
  // duckdb-wasm's CJS build requires the CJS apache-arrow; use that same instance for its tables.
  const duckArrow = require('apache-arrow');
  const dist = path.dirname(entry);
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duck.createDuckDB(bundles, new duck.VoidLogger(), duck.NODE_RUNTIME);
  await db.instantiate(() => {});
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true } });
  const conn = db.connect();
  conn.query(SAFE_SETTINGS_SQL);
  return {
    query: (sql: string) => conn.query(sql) as Table,
    registerBuffer: (name, bytes) => db.registerFileBuffer(name, bytes),
    dropFile: (name) => db.dropFile(name),
    queryIPC: (sql: string) => duckArrow.tableToIPC(conn.query(sql), 'stream'),
    insertArrow: (name, table) =>
      conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, create: true }),
  };
}
