import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitStandardization, minMax, percentileRank, standardize, zScores } from '../../../src/lib/analysis/standardize';

const f = (xs: number[]) => Float64Array.from(xs);
const close = (a: ArrayLike<number>, b: number[], d = 9) => b.forEach((v, i) => (Number.isNaN(v) ? expect(a[i]).toBeNaN() : expect(a[i]).toBeCloseTo(v, d)));

describe('standardize: hand-computed', () => {
  it('z-score with sd n−1 (default) and n', () => {
    // mean 3, Σ(x−3)² = 10: sd = √(10/4) = 1.5811388 or √(10/5) = √2
    close(zScores(f([1, 2, 3, 4, 5])), [-2, -1, 0, 1, 2].map((d) => d / Math.sqrt(2.5)));
    close(zScores(f([1, 2, 3, 4, 5]), null, 'population'), [-2, -1, 0, 1, 2].map((d) => d / Math.SQRT2));
  });
  it('reference over masked areas, applied to all; NaN stays NaN', () => {
    // valid 1..4: mean 2.5, sd √(5/3)
    const z = zScores(f([1, 2, 3, 4, 100, NaN]), f([1, 1, 1, 1, 0, 1]));
    const sd = Math.sqrt(5 / 3);
    close(z, [-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd, 97.5 / sd, NaN]);
  });
  it('min–max 0–100 with polarity', () => {
    close(minMax(f([2, 4, 6, 10])), [0, 25, 50, 100]);
    close(standardize(f([2, 4, 6, 10]), { method: 'minmax', polarity: -1 }), [100, 75, 50, 0]);
    // outside the reference range leaves 0–100
    close(minMax(f([2, 4, 6, 10, 14]), f([1, 1, 1, 1, 0])), [0, 25, 50, 100, 150]);
  });
  it('percentile rank (mid-rank) incl. ties and an area outside the reference', () => {
    close(percentileRank(f([10, 20, 20, 40, 30]), f([1, 1, 1, 1, 0])), [12.5, 50, 50, 87.5, 75]);
    close(standardize(f([10, 20, 20, 40]), { method: 'percentile', polarity: -1 }), [87.5, 50, 50, 12.5]);
  });
  it('polarity −1 flips the z sign; constant indicator gives 0 / 50', () => {
    close(standardize(f([1, 2, 3]), { polarity: -1 }), [1, 0, -1]);
    close(zScores(f([5, 5, 5])), [0, 0, 0]);
    close(minMax(f([5, 5])), [50, 50]);
  });
  it('rejects invalid options', () => {
    expect(() => standardize(f([1]), { method: 'rank' as never })).toThrow('invalid standardization: rank');
    expect(() => standardize(f([1]), { sd: 'n' as never })).toThrow('invalid sd: n');
    expect(() => standardize(f([1]), { polarity: 0 })).toThrow('invalid polarity: 0');
  });
  it('reference keeps sorted values only for percentile', () => {
    expect(fitStandardization(f([3, 1, 2]), 'percentile').sorted).toEqual(f([1, 2, 3]));
    expect(fitStandardization(f([3, 1, 2]), 'zscore').sorted.length).toBe(0);
  });
});

describe('standardize: properties', () => {
  const arr = fc.array(fc.integer({ min: -10000, max: 10000 }).map((v) => v / 10), { minLength: 3, maxLength: 40 });
  it('z of a·x + b equals z of x for a > 0 (affine invariance), −z for polarity −1', () => {
    fc.assert(fc.property(arr, fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), (xs, a, b) => {
      const x = f(xs);
      const z1 = zScores(x), z2 = zScores(x.map((v) => a * v + b)), z3 = standardize(x, { polarity: -1 });
      for (let i = 0; i < x.length; i++) {
        expect(z2[i]).toBeCloseTo(z1[i], 5);
        expect(z3[i]).toBeCloseTo(-z1[i] || 0, 9);
      }
    }));
  });
  it('percentile of −x is 100 − percentile of x; values within 0–100', () => {
    fc.assert(fc.property(arr, (xs) => {
      const p = percentileRank(f(xs)), q = percentileRank(f(xs.map((v) => -v)));
      for (let i = 0; i < xs.length; i++) {
        expect(q[i]).toBeCloseTo(100 - p[i], 9);
        expect(p[i]).toBeGreaterThan(0);
        expect(p[i]).toBeLessThan(100);
      }
    }));
  });
});
