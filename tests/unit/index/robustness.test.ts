import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alternativeStandardizations, cronbachAlpha, leaveOneOut, monteCarloWeights, robustness } from '../../../src/lib/analysis/robustness';
import { computeIndex } from '../../../src/lib/analysis/sozialindex';
import { createRng } from '../../../src/lib/analysis/prng';

const f = (xs: number[]) => Float64Array.from(xs);
function data(n: number, k: number, seed: number) {
  const rng = createRng(seed);
  const common = Array.from({ length: n }, () => rng.normal());
  return {
    ids: Array.from({ length: n }, (_, i) => `a${i}`),
    values: Array.from({ length: k }, () => Float64Array.from(common, (c) => c + 0.7 * rng.normal())),
    population: Float64Array.from({ length: n }, (_, i) => (i % 17 === 0 ? 200 : 1000)),
  };
}

describe('prng', () => {
  it('gamma(shape) has mean ≈ shape and variance ≈ shape (Marsaglia–Tsang)', () => {
    for (const shape of [0.4, 1, 5]) {
      const rng = createRng(42);
      let s = 0, s2 = 0;
      const N = 40000;
      for (let i = 0; i < N; i++) { const g = rng.gamma(shape); s += g; s2 += g * g; }
      const m = s / N;
      expect(m).toBeCloseTo(shape, 1);
      expect(s2 / N - m * m).toBeGreaterThan(shape * 0.9);
      expect(s2 / N - m * m).toBeLessThan(shape * 1.1);
    }
    expect(() => createRng(1).gamma(0)).toThrow('invalid shape: 0');
  });
});

describe('Monte Carlo over weights', () => {
  const input = data(60, 4, 5);
  const base = computeIndex({ ...input, weights: [1, 2, 3, 4] });
  it('no noise (α = ∞) reproduces the base ranks and classes exactly', () => {
    const mc = monteCarloWeights(base, { runs: 50, concentration: Infinity });
    for (let i = 0; i < 60; i++) {
      if (!base.rank[i]) { expect(mc.rankLow[i]).toBeNaN(); continue; }
      expect([mc.rankLow[i], mc.rankMedian[i], mc.rankHigh[i]]).toEqual([base.rank[i], base.rank[i], base.rank[i]]);
      expect(mc.classProb[base.classes[i] - 1][i]).toBe(1);
    }
  });
  it('with noise: intervals contain the median, probabilities sum to 1, seeded reproducible, wider for lower α', () => {
    const a = monteCarloWeights(base, { runs: 400, concentration: 5, seed: 3 });
    const b = monteCarloWeights(base, { runs: 400, concentration: 5, seed: 3 });
    const tight = monteCarloWeights(base, { runs: 400, concentration: 500, seed: 3 });
    expect(Array.from(a.rankHigh)).toEqual(Array.from(b.rankHigh));
    let wide = 0, narrow = 0;
    for (let i = 0; i < 60; i++) {
      if (!base.rank[i]) continue;
      expect(a.rankLow[i]).toBeLessThanOrEqual(a.rankMedian[i]);
      expect(a.rankMedian[i]).toBeLessThanOrEqual(a.rankHigh[i]);
      expect(a.classProb.reduce((s, p) => s + p[i], 0)).toBeCloseTo(1, 12);
      wide += a.rankHigh[i] - a.rankLow[i]; narrow += tight.rankHigh[i] - tight.rankLow[i];
    }
    expect(wide).toBeGreaterThan(narrow);
    expect(() => monteCarloWeights(base, { concentration: 0 })).toThrow('invalid concentration: 0');
  });
});

describe('Monte Carlo with many areas (binned rank histogram)', () => {
  it('over 2 048 scored areas ranks are reported to the bin width', () => {
    const big = computeIndex(data(3000, 3, 4), { minPopulation: 0 });
    const mc = monteCarloWeights(big, { runs: 3, concentration: Infinity });
    expect(mc.rankResolution).toBe(2);
    for (let i = 0; i < 3000; i++) {
      expect(mc.rankLow[i]).toBe(2 * Math.floor((big.rank[i] - 1) / 2) + 1);
      expect(mc.rankHigh[i]).toBe(mc.rankLow[i]);
    }
  });
});

describe('scenarios, correlation, alpha', () => {
  it('leave-one-out with two indicators = ranking by the other one', () => {
    const r = computeIndex({ ids: ['a', 'b', 'c'], names: ['A', 'B'], values: [f([1, 2, 3]), f([3, 1, 2])] });
    const loo = leaveOneOut(r);
    expect(loo.map((s) => s.label)).toEqual(['ohne A', 'ohne B']);
    expect(Array.from(loo[0].rank)).toEqual([1, 3, 2]);
    expect(Array.from(loo[1].rank)).toEqual([3, 2, 1]);
  });
  it('alternative standardisations are the two other methods', () => {
    const alt = alternativeStandardizations({ ids: ['a', 'b', 'c'], values: [f([1, 2, 3])] });
    expect(alt.map((s) => s.label)).toEqual(['minmax', 'percentile']);
    expect(Array.from(alt[0].rank)).toEqual([3, 2, 1]);
  });
  it('Cronbach alpha by hand: x = 1,2,3 and y = 1,3,2 → 2·(1 − 2/3)', () => {
    expect(cronbachAlpha([f([1, 2, 3]), f([1, 3, 2])])).toBeCloseTo(2 / 3, 12);
    expect(cronbachAlpha([f([1, 2, 3]), f([2, 4, 6])])).toBeCloseTo(8 / 9, 12); // var 1, 4, total 9
  });
  it('report bundles all checks', () => {
    const rep = robustness(data(40, 3, 9), {}, { runs: 200, seed: 1, spearman: true });
    expect(rep.correlation.pearson.length).toBe(9);
    expect(rep.correlation.spearman![0]).toBe(1);
    expect(rep.cronbachAlpha).toBeGreaterThan(0.5);
    expect(rep.leaveOneOut.length).toBe(3);
    expect(rep.maxRankShift[0]).toBeNaN(); // area 0 has 200 EW
    expect(rep.maxRankShift[1]).toBeGreaterThanOrEqual(0);
  });
});

describe('Monte Carlo: properties', () => {
  const rows = fc.integer({ min: 2, max: 4 }).chain((k) =>
    fc.array(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: k, maxLength: k }), { minLength: 3, maxLength: 25 }));
  it('without noise every run reproduces the base ranks and classes, for any data and weights (incl. ties)', () => {
    fc.assert(fc.property(rows, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }), (r, w) => {
      const k = r[0].length;
      const base = computeIndex({ ids: r.map((_, i) => String(i)), values: Array.from({ length: k }, (_, j) => Float64Array.from(r, (x) => x[j])), weights: w.slice(0, k) });
      const mc = monteCarloWeights(base, { runs: 5, concentration: Infinity });
      r.forEach((_, i) => {
        if (!base.rank[i]) return;
        expect(mc.rankLow[i]).toBe(base.rank[i]);
        expect(mc.rankHigh[i]).toBe(base.rank[i]);
        expect(mc.classProb[base.classes[i] - 1][i]).toBe(1);
      });
    }));
  });
});
