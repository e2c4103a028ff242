/**
 * The global Moran null's chunk on the WebAssembly kernel (moranNull.wat): the same shuffles
 * and the same sums as the JavaScript kernel in moranNull.ts, bit for bit (a test compares
 * them), about twice as fast — the four copies are interleaved, so each 128-bit load serves two
 * permutations, and the bounded integers use a 64-bit multiply. Compiled once per thread (engine
 * worker, pool worker, Node) from bytes inside the bundle: no request, no build step. Where
 * WebAssembly cannot be compiled (a page whose policy forbids it), `nullChunkWasm` says so and
 * the caller uses the JavaScript kernel.
 */
import { MORAN_NULL_WASM } from './moranNullBytes';
import { compileWasm } from '../util/wasmModule';
import { chunkSeed, xoshiroState } from './random';
import type { Weights } from './weights';

interface Kernel {
  memory: WebAssembly.Memory;
  chunk: (n: number, count: number, cp: number, off: number, nb: number, wt: number, outp: number) => void;
  /** the weights now in memory (copied once per input, not once per chunk) */
  up: Weights | null;
}

/** undefined: not tried yet; null: WebAssembly unavailable here. */
let kernel: Kernel | null | undefined;

function load(): Kernel | null {
  if (kernel !== undefined) return kernel;
  const mod = compileWasm(MORAN_NULL_WASM, { simd: true });
  try {
    const ex = (mod && new WebAssembly.Instance(mod, {}).exports) as unknown as Pick<Kernel, 'memory' | 'chunk'> | null;
    kernel = ex ? { memory: ex.memory, chunk: ex.chunk, up: null } : null;
  } catch {
    kernel = null;
  }
  return kernel;
}

/** Whether the WebAssembly kernel runs in this thread. */
export function wasmNullAvailable(): boolean {
  return load() !== null;
}

const align = (x: number, a: number) => Math.ceil(x / a) * a;

/**
 * Writes the chunk's z'Wz values into `out[at…at+count)` like the JavaScript kernel (z: the
 * deviations, up: the upper triangle, four copies shuffled from `chunkSeed(seed, chunk)`).
 * Returns false (and writes nothing) when WebAssembly is unavailable.
 */
export function nullChunkWasm(z: Float64Array, up: Weights, seed: number, chunk: number, count: number, out: Float64Array, at: number): boolean {
  const k = load();
  if (!k) return false;
  const n = up.n, m = up.neighbors.length;
  const cp = 64; // the generator state lives at 0
  const off = cp + 32 * n;
  const nb = off + 4 * (n + 1);
  const wt = align(nb + 4 * m, 16);
  const outp = align(wt + 8 * m, 16);
  const end = outp + 8 * align(count, 4);
  if (end > k.memory.buffer.byteLength) {
    k.memory.grow(Math.ceil((end - k.memory.buffer.byteLength) / 65536));
    k.up = null;
  }
  const buf = k.memory.buffer;
  if (k.up !== up) {
    new Int32Array(buf, off, n + 1).set(up.offsets);
    new Int32Array(buf, nb, m).set(up.neighbors);
    new Float64Array(buf, wt, m).set(up.weights);
    k.up = up;
  }
  const copies = new Float64Array(buf, cp, 4 * n);
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    const v = z[i];
    copies[p] = v;
    copies[p + 1] = v;
    copies[p + 2] = v;
    copies[p + 3] = v;
  }
  new Int32Array(buf, 0, 4).set(xoshiroState(chunkSeed(seed, chunk)));
  k.chunk(n, count, cp, off, nb, wt, outp);
  out.set(new Float64Array(buf, outp, count), at);
  return true;
}
