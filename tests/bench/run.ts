/**
 * `npm run bench [suite …]`: runs every benchmark suite (index, spatial, services, import, large, browser; the
 * browser suite needs `npm run build`), prints each figure next to its floor or peer from the
 * same run with the ratio and the spread over the repeats, and writes bench-results/bench.json.
 * Benchmarks measure; they never fail the test suite. A suite that throws is reported and the
 * others still run; the exit code is then 1.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { BenchRow } from './measure';
import { benchImport } from './import.bench';
import { benchSpatial } from './spatial.bench';
import { benchIndex } from './index.bench';
import { benchBrowser } from './browser.bench';
import { benchServices } from './services.bench';
import { benchLarge } from './large.bench';

const SUITES: [string, () => Promise<BenchRow[]>][] = [
  ['index', benchIndex],
  ['spatial', benchSpatial],
  ['services', benchServices],
  ['import', () => benchImport()],
  ['large', benchLarge],
  ['browser', benchBrowser],
];

const num = (x: number | undefined, w = 7): string => (x === undefined ? '–' : x < 10 ? x.toFixed(1) : x.toFixed(0)).padStart(w);
const span = (s?: [number, number]): string => (s ? `${num(s[0], 0)}–${num(s[1], 0)}` : '').padEnd(11);

function print(rows: (BenchRow & { suite: string })[]): void {
  const w = Math.max(...rows.map((r) => r.name.length + 6), 10);
  console.log(`${'Benchmark'.padEnd(w)}  ${'ms'.padStart(7)}  ${'Streuung'.padEnd(11)}  ${'Boden/Peer'.padStart(10)}  ${'Verh.'.padStart(6)}  ${'Ziel'.padStart(6)}  OK`);
  for (const r of rows) {
    const peer = r.floor_ms ?? r.native_ms;
    const ratio = r.ratio != null ? r.ratio.toFixed(2).padStart(6) : '     –';
    const target = r.target_ratio !== undefined ? `≤${r.target_ratio}`.padStart(6) : r.target_ms !== undefined ? `${r.target_ms}ms`.padStart(6) : '      ';
    const ok =
      r.target_ratio !== undefined && r.ratio != null ? (r.ratio <= r.target_ratio ? 'ja' : 'NEIN')
      : r.target_ms !== undefined ? (r.ms <= r.target_ms ? 'ja' : 'NEIN')
      : '';
    const peerCol = peer === undefined ? '         –' : `${r.native_ms !== undefined ? 'n ' : ''}${num(peer, r.native_ms !== undefined ? 8 : 10)}`;
    console.log(`${(r.name + (r.clock === 'cpu' ? ' [CPU]' : '')).padEnd(w)}  ${num(r.ms)}  ${span(r.spread)}  ${peerCol}  ${ratio}  ${target}  ${ok}`);
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const unknown = only.filter((s) => !SUITES.some(([n]) => n === s));
  if (unknown.length) throw new Error(`unknown suite(s): ${unknown.join(', ')} (known: ${SUITES.map(([n]) => n).join(', ')})`);
  const rows: (BenchRow & { suite: string })[] = [];
  const failed: { suite: string; error: string }[] = [];
  for (const [suite, run] of SUITES) {
    if (only.length && !only.includes(suite)) continue;
    process.stderr.write(`… ${suite}\n`);
    const t0 = performance.now();
    try {
      for (const r of await run()) rows.push({ suite, ...r });
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      failed.push({ suite, error });
      process.stderr.write(`!! ${suite} failed: ${error}\n`);
    }
    process.stderr.write(`   ${suite}: ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  if (rows.length) print(rows);
  const out = path.resolve(import.meta.dirname, '../../bench-results');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, 'bench.json');
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, load: os.loadavg().map((l) => Math.round(l * 100) / 100) };
  const date = new Date().toISOString();
  // a run of some suites keeps the other suites' rows of the last run (each row carries its date)
  const ran = new Set(SUITES.map(([n]) => n).filter((n) => !only.length || only.includes(n)));
  const kept = existsSync(file) ? ((JSON.parse(readFileSync(file, 'utf8')) as { rows?: (BenchRow & { suite: string })[] }).rows ?? []).filter((r) => !ran.has(r.suite)) : [];
  const all = [...kept, ...rows.map((r) => ({ ...r, date }))];
  writeFileSync(file, JSON.stringify({ date, machine, rows: all, failed }, null, 2));
  console.log(`\nGeschrieben: ${path.relative(process.cwd(), file)}${failed.length ? ` — fehlgeschlagen: ${failed.map((f) => f.suite).join(', ')}` : ''}`);
  if (failed.length) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
