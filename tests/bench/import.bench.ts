/**
 * CSV import against its floor (issue 14): a 1 000 000-row person-level CSV (area, age, sex,
 * nationality, SGB-II flag; semicolons as German offices write them) through the app's own import
 * (Engine.importFile on DuckDB-wasm's Node build) against duckdb-wasm's `read_csv` alone on the
 * same bytes in the same instance (the floor: the app's sniffing, scanning and typing may add at
 * most 30 %), and against native DuckDB (same version) with 1 and 2 threads (target ≤ 3×).
 * Then the aggregation to 1 000 areas on both. Called by tests/bench/run.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { nodeRunner } from '../../src/lib/parallel/node';
import { createRng } from '../../src/lib/analysis/random';
import { paired, pairedClocks, ratioRow, repeats, type BenchRow } from './measure';

export type { BenchRow } from './measure';

const NATS = ['deutsch', 'tuerkisch', 'syrisch', 'polnisch', 'rumaenisch', 'ukrainisch', 'sonstige'];

/** Person-level CSV with `rows` persons in 1 000 areas (IDs with leading zeros). */
export function personCsv(rows: number, seed = 3): Uint8Array {
  const rng = createRng(seed);
  const lines: string[] = ['GEBIET;ALTER;GESCHLECHT;STAATSANGEHOERIGKEIT;SGB2'];
  for (let i = 0; i < rows; i++) {
    const area = String(rng.int(1000)).padStart(4, '0');
    const age = rng.int(95);
    const deprived = Number(area) % 7 === 0;
    const nat = rng.next() < (deprived ? 0.35 : 0.12) ? NATS[1 + rng.int(NATS.length - 1)] : NATS[0];
    const sgb2 = age < 65 && rng.next() < (deprived ? 0.25 : 0.06) ? 1 : 0;
    lines.push(`${area};${age};${rng.next() < 0.5 ? 'm' : 'w'};${nat};${sgb2}`);
  }
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

const AGG = (t: string) => `SELECT GEBIET, count(*) AS EW, sum(CASE WHEN ALTER < 65 THEN 1 ELSE 0 END) AS EW_U65,
  sum(SGB2) AS SGB2, sum(CASE WHEN STAATSANGEHOERIGKEIT <> 'deutsch' THEN 1 ELSE 0 END) AS AUSL
  FROM ${t} GROUP BY GEBIET ORDER BY GEBIET`;

/** What a user of DuckDB would write for this file: delimiter, header and the key kept as text. */
const READ_CSV = (file: string) => `read_csv('${file}', delim=';', header=true, types={'GEBIET':'VARCHAR'})`;

export async function benchImport(rows = 1_000_000): Promise<BenchRow[]> {
  const n = repeats(3);
  const bytes = personCsv(rows);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'srw-bench-'));
  const file = path.join(dir, 'personen.csv');
  writeFileSync(file, bytes);
  const mb = (bytes.length / 1e6).toFixed(0);

  const engine = new Engine(await createNodeDuck());
  // the app's engine has its pool beside it (browser: navigator.hardwareConcurrency workers; here the cores)
  engine.runner = nodeRunner();
  const duck = engine.duck;
  let imported = '';
  const appImport = async () => {
    if (imported) engine.dropTable(imported);
    // the app's input is the file's bytes; the copy stands for File.arrayBuffer()
    const meta = await engine.importFile({ name: 'personen.csv', bytes: bytes.slice() });
    if (meta.rows !== rows) throw new Error(`bench: ${meta.rows} rows imported, ${rows} expected`);
    imported = meta.name;
  };
  const wasmReadCsv = () => {
    duck.query('DROP TABLE IF EXISTS peer');
    duck.registerBuffer('peer.csv', bytes.slice());
    duck.query(`CREATE TABLE peer AS SELECT * FROM ${READ_CSV('peer.csv')}`);
    duck.dropFile('peer.csv');
  };
  // wall time, and CPU time of all threads: the import's byte scan runs in a pool worker beside
  // DuckDB's read, so with the second core busy (other work) its wall time approaches its CPU time
  const { wall: vsWasm, cpu: vsWasmCpu } = await pairedClocks(appImport, wasmReadCsv, n);

  // native DuckDB only for the comparison; installed on demand by tests/bench/ensure-native.mjs
  // (a variable module name: type-checking must not need the package, which npm ci does not install)
  const nativeApi = '@duckdb/node-api';
  const { DuckDBInstance } = (await import(nativeApi)) as { DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<{ run(sql: string): Promise<unknown> }> }> } };
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  const native = (threads: number) => async () => {
    await con.run(`SET threads = ${threads}`);
    await con.run(`CREATE OR REPLACE TABLE p AS SELECT * FROM ${READ_CSV(file)}`);
  };
  const vsNative1 = await paired(appImport, native(1), n);
  const vsNative2 = await paired(appImport, native(2), n);

  const aggApp = () => {
    if (duck.query(AGG(`"${imported}"`)).numRows !== 1000) throw new Error('bench: aggregation lost areas');
  };
  const aggNative = async () => {
    await con.run('SET threads = 1');
    await con.run(AGG('p'));
  };
  const agg = await paired(aggApp, aggNative, n);

  const what = `CSV-Import ${rows.toLocaleString('de-DE')} Zeilen (${mb} MB)`;
  return [
    ratioRow(`${what}: App ÷ duckdb-wasm read_csv`, vsWasm, { target_ratio: 1.3 }),
    ratioRow(`${what}: App ÷ duckdb-wasm read_csv, CPU-Zeit aller Threads`, vsWasmCpu, {
      clock: 'cpu', note: 'Prozess-CPU-Zeit (Engine, Pool-Worker, DuckDB): so viel Rechenzeit braucht der Import, wenn kein zweiter Kern frei ist',
    }),
    ratioRow(`${what}: App ÷ DuckDB nativ, 1 Thread`, vsNative1, { peer: 'native', target_ratio: 3 }),
    ratioRow(`${what}: App ÷ DuckDB nativ, 2 Threads`, vsNative2, { peer: 'native' }),
    ratioRow('Aggregation auf 1 000 Gebiete (SQL): wasm ÷ nativ 1 Thread', agg, { peer: 'native' }),
  ];
}
