import { createRequire, Module } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableToIPC, type Table } from 'apache-arrow';
import { SAFE_SETTINGS_SQL, type Duck } from './duck';
import { fastLink } from './fastLink';
import { glueNames, keepExports } from './wasmExports';
import { instantiateFrom, runtimeCopy } from './instantiateFrom';

const require = createRequire(import.meta.url);

/** DuckDB-wasm's blocking Node build (same engine as the browser), for tests and the CLI. */
export async function createNodeDuck(): Promise<Duck> {
  const entry = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const duck = loadBindings(entry);
  // duckdb-wasm's CJS build requires the CJS apache-arrow; use that same instance for its tables.
  const duckArrow = require('apache-arrow');
  const dist = path.dirname(entry);
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duck.createDuckDB(bundles, new duck.VoidLogger(), duck.NODE_RUNTIME);
  instantiateFrom(db, nodeWasmModule(), runtimeCopy);
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

let lean: WebAssembly.Module | null = null;

/** DuckDB's wasm with only the exports the glue uses, as the browser build ships it (wasmExports.ts); compiled once per process. */
export function nodeWasmModule(): WebAssembly.Module {
  if (!lean) {
    const entry = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
    const wasm = readFileSync(path.join(path.dirname(entry), 'duckdb-eh.wasm'));
    lean = new WebAssembly.Module(keepExports(wasm, glueNames(readFileSync(entry, 'utf8'))));
  }
  return lean;
}

type CjsModule = { exports: unknown; filename: string; paths: string[]; _compile(code: string, filename: string): void };
let bindings: unknown = null;

/** The Node bindings with the same linking as the browser build (lazy GOT and faster walks, see fastLink.ts); loaded once. */
function loadBindings(entry: string) {
  if (!bindings) {
    const Ctor = Module as unknown as { new (id: string): CjsModule; _nodeModulePaths(dir: string): string[] };
    const m = new Ctor(entry);
    m.filename = entry;
    m.paths = Ctor._nodeModulePaths(path.dirname(entry));
    m._compile(fastLink(readFileSync(entry, 'utf8')), entry);
    bindings = m.exports;
  }
  return bindings as ReturnType<NodeJS.Require>;
}
