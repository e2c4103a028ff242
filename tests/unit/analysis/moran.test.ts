import { describe, expect, test } from 'vitest';
import { contiguity } from '../../../src/lib/analysis/contiguity';
import { bhAdjust, fdrSignificant } from '../../../src/lib/analysis/fdr';
import { getisOrdGStar } from '../../../src/lib/analysis/getisOrd';
import { localMoran, moranGlobal, weightSums } from '../../../src/lib/analysis/moran';
import { normalTwoSided, normalUpperTail } from '../../../src/lib/analysis/normal';
import { createRng } from '../../../src/lib/analysis/random';
import { fromNeighborLists, rowStandardize } from '../../../src/lib/analysis/weights';
import { jitteredGrid } from '../../bench/spatial.bench';
import { columbus } from './refdata';

const close = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('Columbus CRIME, queen, row-standardised (reference values)', () => {
  const c = columbus();
  const x = c.features.map((f) => Number(f.properties.CRIME));
  const w = rowStandardize(contiguity(c.areas));
  test('global Moran: I, E[I], variances', () => {
    const g = moranGlobal(x, w, { permutations: 99 });
    close(g.I, 0.50018855718286115);
    close(g.expected, -1 / 48);
    close(g.varianceNormality, 0.0085634131194049969);
    close(g.varianceRandomization, 0.0086892892013320649);
    close(g.zNormality, (g.I + 1 / 48) / Math.sqrt(0.0085634131194049969), 1e-10);
    expect(g.pNormality).toBeLessThan(1e-6);
    expect(g.pSim).toBe(0.01); // nothing in 99 permutations reaches I = 0.5
  });
  test('local Moran I_1, I_2, I_5 (POLYID) and Σ I_i / S0 = I', () => {
    const l = localMoran(x, w, { permutations: 0 });
    const id = (p: number) => c.features.findIndex((f) => f.properties.POLYID === p);
    close(l.Ii[id(1)], 0.73681849060835625);
    close(l.Ii[id(2)], 0.5287770132659666);
    close(l.Ii[id(5)], 0.30360612475209303);
    const s0 = weightSums(w).s0;
    close(l.Ii.reduce((a, b) => a + b, 0) / s0, 0.50018855718286115);
  });
  test('LISA p-values equal an independent per-area conditional permutation (without replacement) within MC error', () => {
    const rng = createRng(77);
    const lw = w;
    const z = x.map((v) => v - x.reduce((a, b) => a + b) / x.length);
    const p = localMoran(x, lw, { permutations: 9999, seed: 3 }).pSim;
    for (let i = 0; i < x.length; i++) {
      const o = lw.offsets[i], k = lw.offsets[i + 1] - o;
      const others = z.filter((_, j) => j !== i);
      const obs = z[i] * Array.from({ length: k }, (_, q) => lw.weights[o + q] * z[lw.neighbors[o + q]]).reduce((a, b) => a + b);
      let larger = 0;
      const R = 4999;
      for (let r = 0; r < R; r++) {
        let l = 0;
        for (let q = 0; q < k; q++) {
          const s = q + rng.int(others.length - q);
          [others[q], others[s]] = [others[s], others[q]];
          l += lw.weights[o + q] * others[q];
        }
        if (z[i] * l >= obs) larger++;
      }
      const ref = (Math.min(larger, R - larger) + 1) / (R + 1);
      // sd of the difference ≤ √(0.25/9999 + 0.25/4999) ≈ 0.0087; allow ~4 sd
      expect(Math.abs(p[i] - ref)).toBeLessThan(0.035);
    }
  });
  test('LISA permutation p-values are seeded, in range and find the known HH/LL clusters', () => {
    const a = localMoran(x, w, { seed: 5 }), b = localMoran(x, w, { seed: 5 }), d = localMoran(x, w, { seed: 6 });
    expect(Array.from(a.pSim)).toEqual(Array.from(b.pSim));
    expect(Array.from(a.pSim)).not.toEqual(Array.from(d.pSim));
    for (const p of a.pSim) expect(p >= 0.001 && p <= 0.5).toBe(true);
    expect(a.cluster.filter((q) => q === 'HH').length).toBeGreaterThan(3);
    expect(a.cluster.filter((q) => q === 'LL').length).toBeGreaterThan(3);
    const fdr = localMoran(x, w, { seed: 5, fdr: true });
    expect(fdr.significant.reduce((s, v) => s + v, 0)).toBeLessThanOrEqual(a.significant.reduce((s, v) => s + v, 0));
  });
});

describe('islands and hand examples', () => {
  test('an island has lag 0, I_i = 0, no p-value, is reported', () => {
    // chain 0-1-2 plus island 3
    const w = rowStandardize(fromNeighborLists([[1], [0, 2], [1], []]));
    const x = [1, 2, 4, 8];
    const l = localMoran(x, w, { permutations: 99 });
    expect(l.lag[3]).toBe(0);
    expect(l.Ii[3]).toBe(0);
    expect(Number.isNaN(l.pSim[3])).toBe(true);
    expect(l.cluster[3]).toBe('island');
    // by hand: mean 3.75, z = (−2.75, −1.75, 0.25, 4.25), m2 = Σz²/4 = 7.1875
    close(l.Ii[0], (-2.75 / 7.1875) * -1.75);
    close(l.Ii[1], (-1.75 / 7.1875) * ((-2.75 + 0.25) / 2));
    const g = moranGlobal(x, w, { permutations: 0 });
    // S0 = 3 (island row empty); I = (n/S0) Σ z_i lag_i / Σz²
    const num = -2.75 * -1.75 + -1.75 * -1.25 + 0.25 * -1.75;
    close(g.I, (4 / 3) * (num / (7.1875 * 4)));
    expect(Number.isNaN(g.pSim)).toBe(true);
  });
  test('weight sums S0, S1, S2 for an asymmetric W', () => {
    const w = fromNeighborLists([[1], [0, 2], []], [[1], [2, 3], []]);
    // S1 = ½[(1+2)²·2 + 3²·2] = 18, S2 = (1+2)² + (5+1)² + (0+3)² = 54
    expect(weightSums(w)).toEqual({ s0: 6, s1: 18, s2: 54 });
  });
  test('normal tails', () => {
    close(normalUpperTail(1.959963984540054), 0.025, 1e-14);
    close(normalTwoSided(-3), 0.0026997960632601866, 1e-15);
    close(normalUpperTail(8), 6.22096057427178e-16, 1e-28);
  });
  test('Benjamini–Hochberg', () => {
    const q = bhAdjust([0.01, 0.04, 0.03, NaN, 0.5]);
    // sorted 0.01, 0.03, 0.04, 0.5 (m = 4): 0.04, 0.0533…, 0.0533…, 0.5
    close(q[0], 0.04);
    close(q[2], 0.04 * 4 / 3);
    close(q[1], 0.04 * 4 / 3);
    expect(Number.isNaN(q[3])).toBe(true);
    expect(Array.from(fdrSignificant([0.01, 0.04, 0.03, NaN, 0.5], 0.05))).toEqual([1, 0, 0, 0, 0]);
  });
  test('Getis–Ord G_i* by hand', () => {
    const w = fromNeighborLists([[1], [0, 2], [1]]);
    const x = [1, 2, 6];
    const r = getisOrdGStar(x, w);
    // area 2: Σ w x = 2 + 6 = 8, W = 2, S1 = 2, x̄ = 3, S = √(41/3 − 9)
    const S = Math.sqrt(41 / 3 - 9);
    close(r.z[2], (8 - 3 * 2) / (S * Math.sqrt((3 * 2 - 4) / 2)));
    close(r.G[2], 8 / 9);
    close(r.p[2], normalTwoSided(r.z[2]));
  });
});

describe('permutation p-values behave statistically', () => {
  const areas = jitteredGrid(8, 11);
  const w = rowStandardize(contiguity(areas));
  test('under H0 (iid data) the global p_sim is roughly uniform', () => {
    const rng = createRng(2024);
    const ps: number[] = [];
    for (let rep = 0; rep < 200; rep++) {
      const x = Array.from({ length: 64 }, () => rng.next());
      ps.push(moranGlobal(x, w, { permutations: 99, seed: rep }).pSim);
    }
    // folded one-sided p: P(p ≤ 0.05) ≈ 0.10 under H0; binomial(200, 0.1) 99.9 % range ≈ [7, 35]
    const small = ps.filter((p) => p <= 0.05).length;
    expect(small).toBeGreaterThanOrEqual(7);
    expect(small).toBeLessThanOrEqual(35);
    // Kolmogorov-type check of p/0.5 against U(0,1) (p_sim ≤ 0.5 by folding)
    const u = ps.map((p) => p / 0.5).sort((a, b) => a - b);
    const dmax = Math.max(...u.map((v, i) => Math.max(Math.abs(v - i / 200), Math.abs(v - (i + 1) / 200))));
    expect(dmax).toBeLessThan(0.15);
  });
  test('with strong clustering p_sim is minimal and the HH/LL areas are significant', () => {
    const x = Array.from({ length: 64 }, (_, i) => (i % 8 < 4 ? 0 : 10) + (i * 7919 % 13) / 13);
    const g = moranGlobal(x, w, { permutations: 999, seed: 1 });
    expect(g.pSim).toBe(0.001);
    const l = localMoran(x, w, { permutations: 999, seed: 1 });
    expect(l.significant.reduce((s, v) => s + v, 0)).toBeGreaterThan(20);
  });
  test('invalid options', () => {
    expect(() => moranGlobal([1, 2, 3, 4], rowStandardize(fromNeighborLists([[1], [0], [3], [2]])), { permutations: -1 })).toThrow('invalid permutations: -1');
    expect(() => localMoran([1, 2, 3], fromNeighborLists([[1], [0], []]), { alpha: 2 })).toThrow('invalid alpha: 2');
  });
});
