/**
 * The permutation null distribution of global Moran's I (METHODS.md §5), chunked for the worker
 * pool. z'Wz is evaluated on the symmetric upper triangle (s_ij = w_ij + w_ji, i < j, plus
 * w_ii), which halves the work, and four permutations share one pass over the weights. The
 * same kernel runs as WebAssembly (moranNull.wat, moranNullWasm.ts) where it can, with results
 * identical to the JavaScript below to the last bit.
 */
import { addInto, type ChunkKernel } from './chunks';
import { chunkCount, chunkLength, chunkShuffler, MAX_SHUFFLE } from './permutation';
import { nullChunkWasm } from './moranNullWasm';
import { invalid } from '../contract/errors.ts';
import type { Weights } from './weights';

/** Permutations per chunk (a multiple of WIDTH): part of the method (results depend on it), not a tuning knob per call. */
export const MORAN_CHUNK = 64;

/** z'Wz = Σ_i Σ_j w_ij z_i z_j as Σ_{i≤j} s_ij z_i z_j over `upperSymmetric(w)`. */
export function quadraticForm(v: Float64Array, up: Weights): number {
  const off = up.offsets, nb = up.neighbors, wt = up.weights, n = up.n;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let l = 0;
    const e = off[i + 1];
    for (let k = off[i]; k < e; k++) l += wt[k] * v[nb[k]];
    s += v[i] * l;
  }
  return s;
}

/** Permutations evaluated together: one pass over the weights serves four shuffled copies. */
const WIDTH = 4;

/**
 * The quadratic forms of four vectors in one pass (weights loaded once; the inner loop unrolled
 * by two, which halves its bookkeeping — together 2.3× faster than four single passes).
 */
function quadraticForms(a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array, up: Weights, out: Float64Array): void {
  const off = up.offsets, nb = up.neighbors, wt = up.weights, n = up.n;
  let sa = 0, sb = 0, sc = 0, sd = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    let la = 0, lb = 0, lc = 0, ld = 0;
    const e = off[i + 1];
    for (; k + 1 < e; k += 2) {
      const j = nb[k], x = wt[k], j2 = nb[k + 1], x2 = wt[k + 1];
      la += x * a[j] + x2 * a[j2];
      lb += x * b[j] + x2 * b[j2];
      lc += x * c[j] + x2 * c[j2];
      ld += x * d[j] + x2 * d[j2];
    }
    if (k < e) {
      const j = nb[k], x = wt[k];
      la += x * a[j];
      lb += x * b[j];
      lc += x * c[j];
      ld += x * d[j];
      k++;
    }
    sa += a[i] * la;
    sb += b[i] * lb;
    sc += c[i] * lc;
    sd += d[i] * ld;
  }
  out[0] = sa;
  out[1] = sb;
  out[2] = sc;
  out[3] = sd;
}

/** What every chunk of the global Moran null needs (plain data: crosses to pool workers). */
export interface MoranNullInput {
  /** deviations from the mean */
  z: Float64Array;
  /** `upperSymmetric(w)` */
  up: Weights;
  seed: number;
  permutations: number;
}

/**
 * z'Wz for the permutations of chunk `chunk`, written to `out` at the chunk's place: WIDTH copies
 * of z, each shuffled anew (independently, uniformly) before every round; a last partial round
 * computes all copies and keeps what the chunk needs. On the WebAssembly kernel where it runs.
 */
function moranNullChunk(inp: MoranNullInput, chunk: number, out: Float64Array): void {
  if (inp.z.length > MAX_SHUFFLE) throw invalid('n', inp.z.length);
  const count = chunkLength(inp.permutations, MORAN_CHUNK, chunk);
  if (!nullChunkWasm(inp.z, inp.up, inp.seed, chunk, count, out, chunk * MORAN_CHUNK)) moranNullChunkJs(inp, chunk, out);
}

/** `moranNullChunk` in JavaScript (where WebAssembly is unavailable; tests compare the two). */
export function moranNullChunkJs(inp: MoranNullInput, chunk: number, out: Float64Array): void {
  const count = chunkLength(inp.permutations, MORAN_CHUNK, chunk);
  const at = chunk * MORAN_CHUNK;
  const sh = chunkShuffler(inp.seed, chunk);
  const a = inp.z.slice(), b = inp.z.slice(), c = inp.z.slice(), d = inp.z.slice();
  const round = new Float64Array(WIDTH);
  for (let r = 0; r < count; r += WIDTH) {
    sh.shuffle(a);
    sh.shuffle(b);
    sh.shuffle(c);
    sh.shuffle(d);
    quadraticForms(a, b, c, d, inp.up, round);
    out.set(count - r >= WIDTH ? round : round.subarray(0, count - r), at + r);
  }
}

/** The global Moran null (z'Wz per permutation) in chunks of MORAN_CHUNK permutations. */
export const MORAN_NULL: ChunkKernel<MoranNullInput, Float64Array> = {
  chunks: (inp) => chunkCount(inp.permutations, MORAN_CHUNK),
  init: (inp) => new Float64Array(inp.permutations),
  run: moranNullChunk,
  merge: addInto,
  work: (inp) => inp.permutations * (inp.z.length + inp.up.neighbors.length),
};
