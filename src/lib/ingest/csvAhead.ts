/**
 * Reading ahead of the byte scan (issue 14: CSV import near `read_csv` speed). On a large file
 * with a worker beside the engine, the byte scan of the whole file runs in that worker while
 * DuckDB already reads the body with the types the sample shows. The read is kept only when the
 * finished scan agrees with everything it assumed (body start and end, width, plain columns,
 * the same types, the record count); otherwise the table is dropped and the import goes the
 * usual way with the scan in hand — so the result never depends on the guess.
 */
import { isCancelled } from '../contract/errors';
import type { ChunkRunner } from '../parallel/pool';
import type { TypedColumn } from '../sql/typedSelect';
import type { CsvPlan } from './csv';
import { readTyped, type Chunks } from './csvRead';
import { scanCsv, type ScanOptions, type ScanResult } from './csvScan';
import { csvScanWork } from './csvScanKernel';
import { scanBytes } from './csvScanWasm';
import { mergeHeaderRows, uniqueNames } from './names';
import { dropQuietly } from './table';
import { decideColumns, statsFromClasses, type ColumnStats } from './typing';

/** Sample the types are guessed from (as much as the plan's sniffing sample). */
const SAMPLE_BYTES = 256 * 1024;
/** Tail in which the footer is looked for (as in the plan). */
const TAIL_BYTES = 64 * 1024;
/** Below this the scan costs less than handing the bytes to a worker. */
export const AHEAD_MIN_BYTES = 1024 * 1024;
/** Above this the worker's copy of the bytes would cost too much memory in a tab (large files scan here, as before). */
export const AHEAD_MAX_BYTES = 64 * 1024 * 1024;

/** Progress at the end of the read ahead (what follows only runs when the scan disagrees). */
const AHEAD_PROGRESS = 0.6;

/** What the read ahead assumed. */
export interface Ahead {
  bodyStart: number;
  bodyEnd: number;
  typed: TypedColumn[];
}

/**
 * Body bounds and types from the sample (head and tail), or undefined when the sample already
 * shows that the fast path will not do (quotes, ragged rows, cells that need the SQL rules).
 */
export function guessAhead(src: Uint8Array, plan: CsvPlan, delimiter: string, textColumns?: string[]): Ahead | undefined {
  const headEnd = src.lastIndexOf(10, plan.bodyStart + SAMPLE_BYTES) + 1;
  if (headEnd <= plan.bodyStart) return undefined;
  const width = plan.width;
  const opts: ScanOptions = { start: plan.bodyStart, skipRecords: plan.skipRecords, footerRecords: 0, expectedFields: width, chunkBytes: src.length };
  const head = scanBytes(src.subarray(0, headEnd), delimiter, opts);
  if (head.openQuoteLine !== undefined || head.bodyRecords === 0 || head.bodyStart >= headEnd || head.maxFields !== width) return undefined;
  const known = head.classes.map(statsFromClasses);
  if (!known.every((k) => k !== undefined)) return undefined;
  let bodyEnd = src.length;
  if (plan.footerRows > 0) {
    const from = src.indexOf(10, Math.max(headEnd, src.length - TAIL_BYTES)) + 1;
    if (from <= 0) return undefined;
    const tail = scanCsv(src, delimiter, { ...opts, start: from, skipRecords: 0, footerRecords: plan.footerRows });
    if (tail.openQuoteLine !== undefined) return undefined;
    bodyEnd = tail.bodyEnd;
  }
  const rawColumns = known.map((_, j) => `c${j}`);
  const names = uniqueNames(mergeHeaderRows(plan.headerCells, width), []);
  const { typed } = decideColumns({ rows: head.bodyRecords, cols: known as ColumnStats[] }, rawColumns, names, textColumns, known.map(() => true));
  return { bodyStart: head.bodyStart, bodyEnd, typed };
}

/** Chunk bounds without the scan: at the first newline after every `chunkBytes` (right when no field is quoted, which the scan confirms). */
function cutAtNewlines(src: Uint8Array, from: number, to: number, chunkBytes: number): number[] {
  const bounds = [from];
  for (let at = from + chunkBytes; at < to; at += chunkBytes) {
    const cut = src.indexOf(10, at) + 1;
    if (cut <= 0 || cut >= to) break;
    bounds.push(cut);
    at = cut;
  }
  bounds.push(to);
  return bounds;
}

/** Whether the whole file's scan and the types decided from it (all columns plain) confirm what the read ahead assumed. */
export function aheadAgrees(a: Ahead, scan: ScanResult, width: number, typed: TypedColumn[]): boolean {
  return (
    scan.openQuoteLine === undefined && width === a.typed.length && scan.bodyStart === a.bodyStart && scan.bodyEnd === a.bodyEnd &&
    typed.length === a.typed.length && typed.every((t, j) => t.type === a.typed[j].type && t.name === a.typed[j].name)
  );
}

/**
 * Start the scan in a worker and read the body into `target` meanwhile. Undefined when there is
 * no free worker beside this thread, the file is small or very large, or the sample rules it out
 * (the caller scans here); else the scan and, when DuckDB's read went through, what it assumed.
 */
export async function readAhead(
  c: Omit<Chunks, 'bounds' | 'width'>, target: string, scanOpts: ScanOptions, runner: ChunkRunner | undefined, textColumns?: string[],
): Promise<{ scan: ScanResult; read?: Ahead } | undefined> {
  const { src, delimiter, duck } = c;
  if (src.length < AHEAD_MIN_BYTES || src.length > AHEAD_MAX_BYTES || !runner?.aside?.(csvScanWork(src.length))) return undefined;
  const ahead = guessAhead(src, c.plan, delimiter, textColumns);
  if (!ahead) return undefined;
  // the worker gets its own copy, handed over: cheaper than the structured clone of `src` (a copy
  // written here, read there) and nothing here uses it afterwards
  const copy = src.slice();
  const pending = runner.run('csvScan', { bytes: copy, delimiter, opts: scanOpts }, { transfer: [copy.buffer] }).then((a) => a.result);
  let read = true;
  try {
    // progress only to 0.6: when the read is not kept, the bar waits there for the second read (it never goes back)
    await readTyped({ ...c, bounds: cutAtNewlines(src, ahead.bodyStart, ahead.bodyEnd, scanOpts.chunkBytes), width: c.plan.width }, target, ahead.typed, AHEAD_PROGRESS);
  } catch (e) {
    dropQuietly(duck, target);
    if (isCancelled(e)) {
      pending.catch(() => {});
      throw e;
    }
    // DuckDB met what the sample did not show (a quote, a letter in a number column): the usual way decides
    read = false;
  }
  const scan = (await pending.catch(() => null)) ?? scanBytes(src, delimiter, scanOpts);
  return { scan, read: read ? ahead : undefined };
}
