import { describe, expect, test } from 'vitest';
import { contiguity } from '../../../src/lib/analysis/contiguity';
import { moranGlobalPrepare } from '../../../src/lib/analysis/moran';
import { MORAN_CHUNK, MORAN_NULL, moranNullChunkJs, type MoranNullInput } from '../../../src/lib/analysis/moranNull';
import { nullChunkWasm, wasmNullAvailable } from '../../../src/lib/analysis/moranNullWasm';
import { chunkLength } from '../../../src/lib/analysis/permutation';
import { createRng } from '../../../src/lib/analysis/random';
import { fromNeighborLists, rowStandardize, type Weights } from '../../../src/lib/analysis/weights';
import { jitteredGrid } from '../../bench/spatial.bench';

/** The whole null on one path: every chunk through the JavaScript or the WebAssembly kernel. */
function nullOf(inp: MoranNullInput, path: 'js' | 'wasm'): Float64Array {
  const out = new Float64Array(inp.permutations);
  for (let c = 0; c < MORAN_NULL.chunks(inp); c++) {
    if (path === 'js') moranNullChunkJs(inp, c, out);
    else expect(nullChunkWasm(inp.z, inp.up, inp.seed, c, chunkLength(inp.permutations, MORAN_CHUNK, c), out, c * MORAN_CHUNK)).toBe(true);
  }
  return out;
}

/** Random asymmetric weights: rows of 0–7 links (odd and even lengths), some islands, a self-link. */
function randomWeights(n: number, seed: number): Weights {
  const rng = createRng(seed);
  const lists = Array.from({ length: n }, (_, i) => (i % 11 === 3 ? [] : Array.from({ length: rng.int(8) }, () => rng.int(n)).filter((j) => j !== i)));
  const w = rowStandardize(fromNeighborLists(lists));
  // a self-link on area 0 (w_ii is allowed in Moran's formulas; fromNeighborLists drops them)
  return { ...w, neighbors: Int32Array.from([0, ...w.neighbors]), weights: Float64Array.from([0.25, ...w.weights]), offsets: Int32Array.from(w.offsets, (o, i) => (i === 0 ? 0 : o + 1)) };
}

describe('global Moran null on WebAssembly', () => {
  test('it runs here (Node), so the app and the CLI use it', () => {
    expect(wasmNullAvailable()).toBe(true);
  });

  test('equals the JavaScript kernel bit for bit: grid, random weights, small n, partial rounds, inputs one after another', () => {
    const grid = rowStandardize(contiguity(jitteredGrid(15, 2), { type: 'queen' }));
    const rng = createRng(4);
    const cases: { x: number[]; w: Weights; R: number; seed: number }[] = [
      { x: Array.from({ length: 225 }, () => Math.exp(2 * rng.next())), w: grid, R: 999, seed: 1 },
      { x: Array.from({ length: 500 }, () => rng.next() - 0.3), w: randomWeights(500, 2), R: 130, seed: 99 }, // 130 = 2 chunks + 2 (partial round)
      { x: [3, 1, 4, 1, 5], w: randomWeights(5, 3), R: 67, seed: 2 ** 40 + 3 },
      { x: Array.from({ length: 225 }, () => rng.next()), w: grid, R: 65, seed: 7 }, // same weights again: memory reused
      { x: Array.from({ length: 3000 }, (_, i) => (i % 7) + rng.next()), w: randomWeights(3000, 5), R: 200, seed: 0 }, // memory grows
    ];
    for (const c of cases) {
      const inp = moranGlobalPrepare(c.x, c.w, { permutations: c.R, seed: c.seed }).nullInput;
      const js = nullOf(inp, 'js'), wasm = nullOf(inp, 'wasm');
      expect(Array.from(wasm)).toEqual(Array.from(js));
      expect(new Set(js).size).toBeGreaterThan(c.R / 2); // really permuted, not constant
    }
  });
});
