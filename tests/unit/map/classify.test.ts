import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classify, quantileSorted, type ClassMethod } from '../../../src/lib/analysis/classify';

const f = (xs: number[]) => Float64Array.from(xs);
const cls = (r: { classOf: Int16Array }) => Array.from(r.classOf);

describe('classify: hand-computed examples', () => {
  it('quantile, k=4 on 1..8 (type-7 quartiles 2.75, 4.5, 6.25)', () => {
    const r = classify(f([1, 2, 3, 4, 5, 6, 7, 8]), 'quantile', 4);
    expect(r.breaks).toEqual([1, 2.75, 4.5, 6.25, 8]);
    expect(cls(r)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(r.counts).toEqual([2, 2, 2, 2]);
    expect(r.missing).toBe(0);
  });

  it('quantile with ties merges coinciding bounds and keeps a single-value class', () => {
    const r = classify(f([1, 1, 1, 1, 2]), 'quantile', 4);
    expect(r.breaks).toEqual([1, 1, 2]);
    expect(cls(r)).toEqual([0, 0, 0, 0, 1]);
    expect(r.counts).toEqual([4, 1]);
  });

  it('equal intervals keep empty classes; upper bounds are inclusive', () => {
    const r = classify(f([0, 1, 2, 10]), 'equal', 5);
    expect(r.breaks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(cls(r)).toEqual([0, 0, 0, 4]);
    expect(r.counts).toEqual([3, 0, 0, 0, 1]);
  });

  it('ckmeans finds the obvious natural groups', () => {
    const r = classify(f([1, 2, 3, 10, 11, 12, 30, 31]), 'ckmeans', 3);
    expect(r.breaks).toEqual([1, 3, 12, 31]);
    expect(cls(r)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
  });

  it('ckmeans with k larger than the distinct values reduces k', () => {
    const r = classify(f([5, 5, 7, 7, 9]), 'ckmeans', 7);
    expect(r.breaks).toEqual([5, 5, 7, 9]);
    expect(r.counts).toEqual([2, 2, 1]);
  });

  it('sd classes centred on the mean (mean 5, population sd 2)', () => {
    // 2,4,4,4,5,5,7,9: mean 5, sd 2
    const v = f([2, 4, 4, 4, 5, 5, 7, 9]);
    const even = classify(v, 'sd', 4);
    expect(even.breaks).toEqual([2, 3, 5, 7, 9]);
    expect(cls(even)).toEqual([0, 1, 1, 1, 1, 1, 2, 3]);
    const odd = classify(v, 'sd', 3);
    expect(odd.breaks).toEqual([2, 4, 6, 9]);
    expect(cls(odd)).toEqual([0, 0, 0, 0, 1, 1, 2, 2]);
    // k=6: outer bounds at mean ± 2 sd = 1 and 9; 1 lies below the data minimum
    const six = classify(v, 'sd', 6);
    expect(six.breaks).toEqual([1, 1, 3, 5, 7, 9, 9]);
    expect(six.counts).toEqual([0, 1, 5, 1, 1, 0]);
  });

  it('boxmap: fences at hinge 1.5, strict lower outliers', () => {
    // 1..9 and 40: Q1 = 3.25, median 5.5, Q3 = 7.75, IQR 4.5, fences -3.5 and 14.5
    const r = classify(f([1, 2, 3, 4, 5, 6, 7, 8, 9, 40]), 'boxmap', 99);
    expect(r.breaks).toEqual([-3.5, -3.5, 3.25, 5.5, 7.75, 14.5, 40]);
    expect(cls(r)).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
    expect(r.counts).toEqual([0, 3, 2, 2, 2, 1]);
    const low = classify(f([-50, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 'boxmap', 6);
    expect(low.classOf[0]).toBe(0);
    expect(low.counts[0]).toBe(1);
  });

  it('manual breaks: values outside go to the end classes and bounds widen', () => {
    const r = classify(f([-5, 0, 10, 15, 20, 99, NaN]), 'manual', 0, { breaks: [0, 10, 20] });
    expect(r.breaks).toEqual([-5, 10, 99]);
    expect(cls(r)).toEqual([0, 0, 0, 1, 1, 1, -1]);
    expect(r.counts).toEqual([3, 3]);
    expect(r.missing).toBe(1);
  });

  it('validates manual breaks, method and k', () => {
    const v = f([1, 2]);
    expect(() => classify(v, 'manual', 3)).toThrow(/^invalid breaks: null/);
    expect(() => classify(v, 'manual', 3, { breaks: [1] })).toThrow(/^invalid breaks/);
    expect(() => classify(v, 'manual', 3, { breaks: [1, 1, 2] })).toThrow(/strictly ascending/);
    expect(() => classify(v, 'manual', 3, { breaks: [1, NaN] })).toThrow(/bound 2 is not a finite number/);
    expect(() => classify(v, 'jenks' as ClassMethod, 3)).toThrow('invalid method: jenks');
    expect(() => classify(v, 'quantile', 0)).toThrow('invalid k: 0');
    expect(() => classify(v, 'equal', 2.5)).toThrow('invalid k: 2.5');
  });

  it('all missing and all equal', () => {
    const none = classify(f([NaN, NaN, Infinity]), 'quantile', 5);
    expect(none).toEqual({ breaks: [], classOf: new Int16Array([-1, -1, -1]), counts: [], missing: 3 });
    for (const m of ['quantile', 'equal', 'ckmeans', 'sd', 'boxmap'] as const) {
      const same = classify(f([3, 3, NaN, 3]), m, 5);
      expect(same.breaks).toEqual([3, 3]);
      expect(cls(same)).toEqual([0, 0, -1, 0]);
      expect(same.counts).toEqual([3]);
    }
  });

  it('quantileSorted is type 7', () => {
    expect(quantileSorted([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantileSorted([10, 20, 30, 40], 1)).toBe(40);
    expect(quantileSorted([7], 0.3)).toBe(7);
  });

  it('classifies 50 000 values with ckmeans', () => {
    const v = new Float64Array(50_000);
    for (let i = 0; i < v.length; i++) v[i] = Math.sin(i) * 100 + (i % 7);
    const r = classify(v, 'ckmeans', 7);
    expect(r.breaks).toHaveLength(8);
    expect(r.counts.reduce((a, b) => a + b, 0)).toBe(50_000);
  });
});

const methods: ClassMethod[] = ['quantile', 'equal', 'ckmeans', 'sd', 'boxmap'];
const valueArb = fc.oneof(
  { weight: 5, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
);

describe('classify: subnormal ranges', () => {
  it('equal intervals over 0 … 2e-323 (the width rounds up): breaks never fall back, every value is inside its class', () => {
    const r = classify(f([0, 2e-323]), 'equal', 6);
    for (let i = 1; i < r.breaks.length; i++) expect(r.breaks[i]).toBeGreaterThanOrEqual(r.breaks[i - 1]);
    expect(r.breaks.at(-1)).toBe(2e-323);
    const c = r.classOf[1];
    expect(2e-323).toBeLessThanOrEqual(r.breaks[c + 1]);
    expect(r.counts.reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe('classify: properties', () => {
  it('every value gets a class in range whose bounds contain it; counts add up', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { maxLength: 60 }), fc.constantFrom(...methods), fc.integer({ min: 1, max: 9 }), (xs, m, k) => {
        const r = classify(f(xs), m, k);
        const nClasses = r.breaks.length - 1;
        const nonMissing = xs.filter((x) => Number.isFinite(x)).length;
        expect(r.missing).toBe(xs.length - nonMissing);
        expect(r.counts.reduce((a, b) => a + b, 0)).toBe(nonMissing);
        if (m !== 'boxmap' && nonMissing > 0) expect(nClasses).toBeLessThanOrEqual(k);
        for (let i = 1; i < r.breaks.length; i++) expect(r.breaks[i]).toBeGreaterThanOrEqual(r.breaks[i - 1]);
        xs.forEach((x, i) => {
          const c = r.classOf[i];
          if (!Number.isFinite(x)) return expect(c).toBe(-1);
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThan(nClasses);
          expect(x).toBeGreaterThanOrEqual(r.breaks[c]);
          expect(x).toBeLessThanOrEqual(r.breaks[c + 1]);
        });
      }),
    );
  });

  it('quantile classes of distinct values are balanced within ±1.5 of n/k', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 10, maxLength: 200 }), fc.integer({ min: 2, max: 8 }), (xs, k) => {
        fc.pre(xs.length >= k);
        const r = classify(f(xs), 'quantile', k);
        expect(r.counts).toHaveLength(k);
        for (const c of r.counts) expect(Math.abs(c - xs.length / k)).toBeLessThanOrEqual(1.5);
      }),
    );
  });
});
