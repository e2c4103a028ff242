/**
 * The CSV byte scan on the WebAssembly kernel (csvScan.wat): the same decisions as `scanCsv`,
 * so the same `ScanResult` (a property test compares them), about twice as fast. Every import
 * scans through `scanBytes`, above all the pool job that scans beside DuckDB's read
 * (`csvScanKernel.ts`), whose CPU time competes with the read whenever the second core is busy.
 * The bytes are copied into the kernel's own memory, which is dropped after the scan (a new
 * instance per scan; the module is compiled once per thread). The kernel uses WebAssembly SIMD;
 * where the engine lacks it (feature test in `compileWasm`), the JavaScript scan runs.
 */
import { CSV_SCAN_WASM } from './csvScanBytes';
import { compileWasm } from '../util/wasmModule';
import { scanCsv, type ScanOptions, type ScanResult, type FieldClasses } from './csvScan';

/** Columns the kernel keeps classes for; a wider record falls back to the JavaScript scan. */
const CAP = 2048;
const KIND = 0, BLANK = 256, LETTER = 512, RISKY = 768, OUT = 1024, REC = 2048;
const COUNTS = REC + CAP;
const NCLS = 6;

type Scan = (b0: number, n: number, start: number, skip: number, footer: number, expected: number, chunk: number,
  rec: number, cap: number, counts: number, ringMeta: number, ringCls: number, cuts: number, delim: number) => number;

/** undefined: not tried yet; null: WebAssembly unavailable here. */
let mod: WebAssembly.Module | null | undefined;

function compiled(): WebAssembly.Module | null {
  if (mod !== undefined) return mod;
  mod = compileWasm(CSV_SCAN_WASM, { simd: true });
  return mod;
}

/** The byte tables of `scanCsv` (csvScan.ts) for `delimiter`. */
function tables(mem: Uint8Array, delimiter: string): void {
  const delim = delimiter.charCodeAt(0);
  const kind = mem.subarray(KIND, KIND + 256).fill(1);
  for (let b = 48; b <= 57; b++) kind[b] = 0;
  kind[10] = 2;
  kind[13] = 3;
  kind[34] = 5;
  kind[delim] = 4;
  mem[BLANK + 32] = 1;
  mem[BLANK + 0xa0] = 1;
  if (delim !== 9) mem[BLANK + 9] = 1;
  for (let b = 65; b <= 90; b++) mem[LETTER + b] = mem[LETTER + b + 32] = 1;
  for (const c of 'xXkKjJnNtTfFwWyY') mem[RISKY + c.charCodeAt(0)] = 1;
}

/** `scanCsv(bytes, delimiter, opts)` on the kernel; undefined when WebAssembly is unavailable or a record is too wide. */
export function scanCsvWasm(bytes: Uint8Array, delimiter: string, opts: ScanOptions): ScanResult | undefined {
  const m = compiled();
  const n = bytes.length;
  const footer = Math.max(0, opts.footerRecords);
  if (!m || delimiter.length !== 1 || n > 0x7000_0000) return undefined;
  // a chunk larger than the file never cuts (the same as any larger size; keeps addresses in i32)
  const chunk = Math.min(Math.max(1, opts.chunkBytes), n + 1);
  const ringMeta = COUNTS + 4 * NCLS * CAP;
  const ringCls = ringMeta + 16 * footer;
  const cuts = ringCls + CAP * footer;
  const b0 = Math.ceil((cuts + 4 * (Math.ceil(n / chunk) + 2)) / 8) * 8;
  let inst: WebAssembly.Instance, memory: WebAssembly.Memory;
  try {
    inst = new WebAssembly.Instance(m, {});
    memory = inst.exports.memory as WebAssembly.Memory;
    // the kernel reads whole 64-byte blocks: the last one may reach 63 bytes past the end
    const need = b0 + n + 64;
    if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
  } catch {
    return undefined; // no memory for the copy: the JavaScript scan reads the bytes in place
  }
  const mem = new Uint8Array(memory.buffer);
  tables(mem, delimiter);
  mem.set(bytes, b0);
  const scan = inst.exports.scan as Scan;
  if (scan(b0, n, opts.start, opts.skipRecords, footer, opts.expectedFields, chunk, REC, CAP, COUNTS, ringMeta, ringCls, cuts, delimiter.charCodeAt(0)) !== 0) return undefined;
  const out = new Int32Array(memory.buffer, OUT, 32);
  const [bodyStartRaw, bodyRecords, maxFields, raggedCount, raggedStored, open, quoteLine, padded, blankLines, ncuts, ringLen, oldest] = out;
  const bodyStart = bodyStartRaw < 0 ? n : bodyStartRaw;
  const bodyEnd = footer > 0 && ringLen > 0 ? oldest : n;
  const counts = new Int32Array(memory.buffer, COUNTS, NCLS * CAP);
  const classes: FieldClasses[] = [];
  for (let j = 0; j < maxFields; j++) {
    const c = (k: number) => counts[j * NCLS + k];
    // the kernel counts no PRESENT: every present cell has one of the five classes
    classes.push({ empty: bodyRecords - c(1) - c(2) - c(3) - c(4), digits: c(1), zeros: c(2), other: c(3), text: c(4) });
  }
  const blank = (b: number) => b === 32 || b === 0xa0 || (b === 9 && delimiter !== '\t');
  return {
    bodyStart,
    bodyEnd: Math.max(bodyEnd, bodyStart),
    cuts: Array.from(new Int32Array(memory.buffer, cuts, ncuts)).filter((c) => c < bodyEnd),
    bodyRecords,
    maxFields,
    ragged: { count: raggedCount, lines: Array.from(out.subarray(16, 16 + raggedStored)), fields: Array.from(out.subarray(24, 24 + raggedStored)) },
    openQuoteLine: open ? quoteLine : undefined,
    padded: padded === 1 || (n > 0 && blank(bytes[n - 1])),
    classes,
    blankLines,
  };
}

/** Above this the kernel's copy of the bytes would cost too much memory; the JavaScript scan reads them in place. */
export const WASM_SCAN_MAX_BYTES = 64 * 1024 * 1024;

/** The byte scan: on the kernel where it can run, else `scanCsv` (the same result either way). */
export function scanBytes(bytes: Uint8Array, delimiter: string, opts: ScanOptions): ScanResult {
  return (bytes.length <= WASM_SCAN_MAX_BYTES ? scanCsvWasm(bytes, delimiter, opts) : undefined) ?? scanCsv(bytes, delimiter, opts);
}
