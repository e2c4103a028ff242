/**
 * The CSV byte scan as a pool job (one chunk: the scan is a single sequential pass), so that it
 * can run in a pool worker while DuckDB reads the same bytes in the engine (see `csvAhead.ts`); on
 * the WebAssembly kernel where it runs (`csvScanWasm.ts`), so it takes less of a shared core.
 */
import type { ChunkKernel } from '../analysis/chunks';
import type { ScanOptions, ScanResult } from './csvScan';
import { scanBytes } from './csvScanWasm';

export interface CsvScanInput {
  bytes: Uint8Array;
  delimiter: string;
  opts: ScanOptions;
}

/** Rough cost of the scan in pool work units (≈ 5 per byte: 4 MB ≈ the pool's 20 ms threshold). */
export const csvScanWork = (bytes: number): number => bytes * 5;

export const CSV_SCAN: ChunkKernel<CsvScanInput, { result: ScanResult | null }> = {
  chunks: () => 1,
  init: () => ({ result: null }),
  run: (input, _chunk, acc) => {
    acc.result = scanBytes(input.bytes, input.delimiter, input.opts);
  },
  merge: (into, from) => {
    into.result ??= from.result;
  },
  work: (input) => csvScanWork(input.bytes.length),
};
