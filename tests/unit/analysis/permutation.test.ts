import { describe, expect, test } from 'vitest';
import { contiguity } from '../../../src/lib/analysis/contiguity';
import { moranGlobal, moranGlobalFinish, moranGlobalPrepare, weightSums } from '../../../src/lib/analysis/moran';
import { MORAN_NULL, quadraticForm } from '../../../src/lib/analysis/moranNull';
import { localMoran, localMoranFinish, localMoranPrepare, LISA_PERMUTATIONS } from '../../../src/lib/analysis/moran';
import type { ChunkKernel } from '../../../src/lib/analysis/chunks';
import { Shuffler, chunkLength } from '../../../src/lib/analysis/permutation';
import { chunkSeed, createRng } from '../../../src/lib/analysis/random';
import { fromNeighborLists, rowStandardize, upperSymmetric } from '../../../src/lib/analysis/weights';
import { jitteredGrid } from '../../bench/spatial.bench';

describe('Shuffler (Fisher–Yates, Lemire bounded integers)', () => {
  test('all 4! orders equally likely (χ², 24 000 shuffles)', () => {
    const sh = new Shuffler(11);
    const counts = new Map<string, number>();
    for (let r = 0; r < 24_000; r++) {
      const v = Float64Array.of(0, 1, 2, 3);
      sh.shuffle(v);
      const key = v.join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    // χ²(23): 99.9 % quantile 49.7
    expect(chi2).toBeLessThan(49.7);
  });
  test('every position takes every value equally often (n = 50)', () => {
    const sh = new Shuffler(5);
    const n = 50, R = 20_000;
    const atFirst = new Float64Array(n), atLast = new Float64Array(n);
    const v = Float64Array.from({ length: n }, (_, i) => i);
    for (let r = 0; r < R; r++) {
      sh.shuffle(v);
      atFirst[v[0]]++;
      atLast[v[n - 1]]++;
      expect(v.reduce((a, b) => a + b, 0)).toBe((n * (n - 1)) / 2);
    }
    // χ²(49): 99.9 % quantile 85.4
    for (const c of [atFirst, atLast]) expect(c.reduce((s, x) => s + (x - R / n) ** 2 / (R / n), 0)).toBeLessThan(85.4);
  });
  test('seeded: the same seed gives the same shuffles; chunk seeds differ', () => {
    const a = Float64Array.from({ length: 100 }, (_, i) => i), b = Float64Array.from(a);
    new Shuffler(3).shuffle(a);
    new Shuffler(3).shuffle(b);
    expect(Array.from(a)).toEqual(Array.from(b));
    const seeds = new Set(Array.from({ length: 1000 }, (_, c) => chunkSeed(42, c)));
    expect(seeds.size).toBe(1000);
    expect(chunkSeed(42, 0)).not.toBe(chunkSeed(43, 0));
    expect(chunkLength(999, 64, 15)).toBe(39);
    expect(chunkLength(999, 64, 16)).toBe(0);
  });
});

describe('upper-triangle form of W', () => {
  test("z'Wz and S1 equal the full sums for asymmetric weights with a self-link", () => {
    const rng = createRng(9);
    const n = 30;
    const lists = Array.from({ length: n }, (_, i) => Array.from({ length: 1 + rng.int(5) }, () => rng.int(n)).filter((j) => j !== i));
    const w = rowStandardize(fromNeighborLists(lists));
    // add a self-link to area 0 (fromNeighborLists drops them; Moran's formulas allow w_ii)
    const withSelf = { ...w, neighbors: Int32Array.from([0, ...w.neighbors.subarray(0, w.offsets[1]), ...w.neighbors.subarray(w.offsets[1])]), weights: Float64Array.from([0.5, ...w.weights]), offsets: Int32Array.from(w.offsets, (o, i) => (i === 0 ? 0 : o + 1)) };
    const up = upperSymmetric(withSelf);
    const z = Float64Array.from({ length: n }, () => rng.next() - 0.5);
    let full = 0, s1 = 0;
    const dense = Array.from({ length: n }, () => new Float64Array(n));
    for (let i = 0; i < n; i++)
      for (let k = withSelf.offsets[i]; k < withSelf.offsets[i + 1]; k++) dense[i][withSelf.neighbors[k]] += withSelf.weights[k];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) (full += dense[i][j] * z[i] * z[j]), (s1 += (dense[i][j] + dense[j][i]) ** 2 / 2);
    expect(Math.abs(quadraticForm(z, up) - full)).toBeLessThan(1e-12);
    expect(Math.abs(weightSums(withSelf).s1 - s1)).toBeLessThan(1e-12);
    for (let i = 0; i < n; i++) for (let k = up.offsets[i]; k < up.offsets[i + 1]; k++) expect(up.neighbors[k]).toBeGreaterThanOrEqual(i);
  });
});

describe('global Moran permutation null', () => {
  const w = rowStandardize(contiguity(jitteredGrid(20, 4), { type: 'queen' }));
  const rng = createRng(31);
  // skewed values (kurtosis matters for the randomisation variance)
  const x = Array.from({ length: 400 }, () => Math.exp(2 * rng.next()));
  test('its mean and variance match the exact moments of the permutation distribution (Cliff & Ord)', () => {
    const g = moranGlobal(x, w, { permutations: 9999, seed: 8 });
    const R = g.null.length;
    const mean = g.null.reduce((a, b) => a + b, 0) / R;
    const variance = g.null.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1);
    // E[I] = −1/(n−1) and V_R are the permutation distribution's exact mean and variance
    expect(Math.abs(mean - g.expected)).toBeLessThan(5 * Math.sqrt(g.varianceRandomization / R));
    expect(variance / g.varianceRandomization).toBeGreaterThan(0.9);
    expect(variance / g.varianceRandomization).toBeLessThan(1.1);
  });
  test('chunks give the same result in any order and grouping (as on any number of workers)', () => {
    const opts = { permutations: 999, seed: 5 };
    const whole = moranGlobal(x, w, opts);
    const p = moranGlobalPrepare(x, w, opts);
    expect(MORAN_NULL.chunks(p.nullInput)).toBe(16);
    for (const workers of [1, 2, 3, 7]) {
      const again = moranGlobalFinish(p, asWorkers(MORAN_NULL, p.nullInput, workers));
      expect(Array.from(again.null)).toEqual(Array.from(whole.null));
      expect(again.pSim).toBe(whole.pSim);
    }
    expect(() => moranGlobalFinish(p, new Float64Array(998))).toThrow('invalid null');
  });
});

/**
 * What a pool of `workers` does: chunks dealt out round-robin and computed backwards, each
 * worker with its own accumulator, accumulators merged in reverse worker order.
 */
function asWorkers<I, A>(kernel: ChunkKernel<I, A>, input: I, workers: number): A {
  const accs = Array.from({ length: workers }, () => kernel.init(input));
  for (let c = kernel.chunks(input) - 1; c >= 0; c--) kernel.run(input, c, accs[c % workers]);
  const total = kernel.init(input);
  for (const a of accs.reverse()) kernel.merge(total, a);
  return total;
}

describe('LISA permutation chunks', () => {
  const w = rowStandardize(contiguity(jitteredGrid(40, 6), { type: 'queen' }));
  const rng = createRng(12);
  const x = Array.from({ length: 1600 }, (_, i) => (i % 40) / 40 + rng.next());
  test('same pseudo p-values on any number of workers, islands stay NaN', () => {
    const whole = localMoran(x, w, { permutations: 199, seed: 4 });
    const p = localMoranPrepare(x, w, { permutations: 199, seed: 4 });
    expect(LISA_PERMUTATIONS.chunks(p.input)).toBe(4);
    for (const workers of [2, 3]) {
      const again = localMoranFinish(p, asWorkers(LISA_PERMUTATIONS, p.input, workers), {});
      expect(Array.from(again.pSim)).toEqual(Array.from(whole.pSim));
      expect(again.cluster).toEqual(whole.cluster);
    }
    const withIsland = fromNeighborLists([[1, 2], [0, 2], [0, 1], []]);
    const l = localMoran([1, 2, 3, 4], withIsland, { permutations: 9, seed: 1 });
    expect(Number.isNaN(l.pSim[3])).toBe(true);
    expect(l.cluster[3]).toBe('island');
    expect(Number.isNaN(localMoran([1, 2, 3, 4], withIsland, { permutations: 0 }).pSim[0])).toBe(true);
  });
});
