/**
 * Scale benchmark (issue 5): a 1 000 000-row person-level CSV (area, age, sex, nationality,
 * SGB-II flag; semicolons as German offices write them) imported through the app's own import
 * path (DuckDB-wasm, Node build) and aggregated to 1 000 areas; the same SQL on native DuckDB
 * (@duckdb/node-api, same DuckDB version) gives the wasm/native ratio.
 */
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { createRng } from '../../src/lib/analysis/random';

export interface BenchRow {
  name: string;
  ms: number;
  target_ms: number | null;
  native_ms?: number;
}

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

export async function benchImport(rows = 1_000_000): Promise<BenchRow[]> {
  const bytes = personCsv(rows);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'srw-bench-'));
  const file = path.join(dir, 'personen.csv');
  writeFileSync(file, bytes);

  const engine = new Engine(await createNodeDuck());
  const t0 = performance.now();
  const meta = await engine.importFile({ name: 'personen.csv', bytes: new Uint8Array(readFileSync(file)) });
  const tImport = performance.now() - t0;
  const t1 = performance.now();
  const agg = engine.duck.query(AGG(`"${meta.name}"`));
  const tAgg = performance.now() - t1;
  if (meta.rows !== rows || agg.numRows !== 1000) throw new Error(`bench: unexpected result ${meta.rows} rows, ${agg.numRows} areas`);

  // native DuckDB only for the comparison; installed on demand by tests/bench/ensure-native.mjs
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  const n0 = performance.now();
  await con.run(`CREATE TABLE p AS SELECT * FROM read_csv('${file}', delim=';', header=true, types={'GEBIET':'VARCHAR'})`);
  const nImport = performance.now() - n0;
  const n1 = performance.now();
  await con.run(AGG('p'));
  const nAgg = performance.now() - n1;

  return [
    { name: `CSV-Import ${rows.toLocaleString('de-DE')} Zeilen (${(bytes.length / 1e6).toFixed(0)} MB), Engine`, ms: tImport, target_ms: null, native_ms: nImport },
    { name: 'Aggregation auf 1 000 Gebiete (SQL)', ms: tAgg, target_ms: null, native_ms: nAgg },
    { name: 'Import + Aggregation gesamt', ms: tImport + tAgg, target_ms: 5000, native_ms: nImport + nAgg },
  ];
}
