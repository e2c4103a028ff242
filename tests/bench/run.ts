/**
 * `npm run bench`: runs every benchmark, prints a table and writes bench-results/bench.json.
 * Benchmarks measure; they never fail the test suite (targets are shown next to the figures).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { benchImport, type BenchRow } from './import.bench';
import { benchSpatial } from './spatial.bench';
import { benchIndex } from './index.bench';
import { benchBrowser } from './browser.bench';

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(0).padStart(7));

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const suites: [string, () => Promise<BenchRow[]>][] = [
    ['index', benchIndex],
    ['spatial', benchSpatial],
    ['import', () => benchImport()],
    ['browser', benchBrowser],
  ];
  const rows: (BenchRow & { suite: string })[] = [];
  for (const [suite, run] of suites) {
    if (only.length && !only.includes(suite)) continue;
    process.stderr.write(`… ${suite}\n`);
    for (const r of await run()) rows.push({ suite, ...r });
  }
  const w = Math.max(...rows.map((r) => r.name.length), 10);
  console.log(`${'Benchmark'.padEnd(w)}  ${'ms'.padStart(7)}  ${'Ziel'.padStart(7)}  ${'nativ'.padStart(7)}  Verh.  OK`);
  for (const r of rows) {
    const ratio = r.native_ms ? (r.ms / r.native_ms).toFixed(1).padStart(5) : '    –';
    const ok = r.target_ms ? (r.ms <= r.target_ms ? 'ja' : 'NEIN') : '';
    console.log(`${r.name.padEnd(w)}  ${fmt(r.ms)}  ${fmt(r.target_ms)}  ${fmt(r.native_ms)}  ${ratio}  ${ok}`);
  }
  const out = path.resolve(import.meta.dirname, '../../bench-results');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, 'bench.json');
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, rows }, null, 2));
  console.log(`\nGeschrieben: ${path.relative(process.cwd(), file)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
