import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classOf, computeIndex, rankDescending } from '../../../src/lib/analysis/sozialindex';
import { zScores } from '../../../src/lib/analysis/standardize';

const f = (xs: number[]) => Float64Array.from(xs);

describe('computeIndex: hand-computed example', () => {
  // A = 1..4 (mean 2.5, sd √(5/3)), B = 2,0,4,2 (mean 2, sd √(8/3)); weights 3:1 → 0.75 / 0.25.
  // Area E (pop 100) is excluded and has extreme values that must not move the reference.
  const input = {
    ids: ['a', 'b', 'c', 'd', 'e'], names: ['A', 'B'],
    values: [f([1, 2, 3, 4, 100]), f([2, 0, 4, 2, 100])],
    population: f([1000, 1000, 1000, 1000, 100]), weights: [3, 1],
  };
  const r = computeIndex(input);
  it('signed z over valid areas, applied to all', () => {
    const sa = Math.sqrt(5 / 3), sb = Math.sqrt(8 / 3);
    [-1.5, -0.5, 0.5, 1.5, 97.5].forEach((d, i) => expect(r.z[0][i]).toBeCloseTo(d / sa, 12));
    [0, -2, 2, 0, 98].forEach((d, i) => expect(r.z[1][i]).toBeCloseTo(d / sb, 12));
  });
  it('score = weighted mean, excluded area null with its reason code', () => {
    [-0.8714212528966688, -0.5966599688134535, 0.5966599688134535, 0.8714212528966688].forEach((v, i) => expect(r.score[i]).toBeCloseTo(v, 12));
    expect(r.score[4]).toBeNaN();
    expect(r.excluded).toEqual([null, null, null, null, 'minPopulation']);
    expect(Array.from(r.rank)).toEqual([4, 3, 2, 1, 0]);
  });
  it('classes from breaks −1/1/1.5 on the re-standardised score', () => {
    [-1.0105614265648133, -0.6919289003498041, 0.6919289003498041, 1.0105614265648133].forEach((v, i) => expect(r.scoreZ[i]).toBeCloseTo(v, 12));
    expect(Array.from(r.classes)).toEqual([1, 2, 2, 3, 0]);
    expect(Array.from(computeIndex(input, { breaks: [0] }).classes)).toEqual([1, 1, 2, 2, 0]);
    expect(Array.from(computeIndex(input, { classMethod: 'score', breaks: [0.7] }).classes)).toEqual([1, 1, 1, 2, 0]);
  });
  it('outliers are left out of the reference, flagged and still scored', () => {
    const o = computeIndex({ ...input, population: undefined }, { outliers: ['e'] });
    expect(o.excluded[4]).toBe('outlier');
    expect(o.score[4]).toBeGreaterThan(10);
    expect(o.rank[4]).toBe(1);
    expect(o.z[0][0]).toBeCloseTo(r.z[0][0], 12);
  });
  it('missing value → no score, reason "Werte fehlen"; polarity −1 mirrors', () => {
    const m = computeIndex({ ids: ['a', 'b', 'c', 'd'], values: [f([1, 2, NaN, 4])], population: f([500, NaN, 500, 500]) });
    expect(m.excluded[2]).toBe('missingValues');
    expect(m.excluded[1]).toBe('noPopulation');
    expect(m.score[1]).toBeNaN();
    expect(m.score[2]).toBeNaN();
    const p = computeIndex({ ids: ['a', 'b', 'c'], values: [f([1, 2, 3])], polarity: [-1] }, { minPopulation: 0 });
    expect(Array.from(p.rank)).toEqual([1, 2, 3]);
  });
  it('min–max and percentile standardisation', () => {
    const mm = computeIndex({ ids: ['a', 'b', 'c'], values: [f([0, 5, 10]), f([10, 0, 20])] }, { standardization: 'minmax' });
    expect(Array.from(mm.score)).toEqual([25, 25, 100]);
    const pr = computeIndex({ ids: ['a', 'b', 'c', 'd'], values: [f([1, 2, 3, 4])] }, { standardization: 'percentile' });
    expect(Array.from(pr.score)).toEqual([12.5, 37.5, 62.5, 87.5]);
  });
  it('option errors', () => {
    expect(() => computeIndex(input, { breaks: [1, 0] })).toThrow('invalid breaks: 1,0');
    expect(() => computeIndex({ ...input, weights: [1, -1] })).toThrow('invalid weights: 1,-1');
    expect(() => computeIndex(input, { minPopulation: -5 })).toThrow('invalid minPopulation: -5');
    expect(() => computeIndex({ ...input, polarity: [1, 2] })).toThrow('invalid polarity: 2');
  });
  it('rankDescending ties keep input order; classOf boundary goes up', () => {
    expect(Array.from(rankDescending(f([1, 3, 3, NaN, 0])))).toEqual([3, 1, 2, 0, 4]);
    expect(classOf(1, [-1, 1, 1.5])).toBe(3);
    expect(classOf(-1.0001, [-1, 1, 1.5])).toBe(1);
    expect(classOf(NaN, [0])).toBe(0);
  });
});

const matrix = fc.integer({ min: 2, max: 5 }).chain((k) =>
  fc.array(fc.array(fc.integer({ min: 0, max: 1000 }).map((v) => v / 10), { minLength: k, maxLength: k }), { minLength: 4, maxLength: 30 }));
const cols = (rows: number[][]) => rows[0].map((_, j) => Float64Array.from(rows, (r) => r[j]));
const ids = (n: number) => Array.from({ length: n }, (_, i) => `x${i}`);

describe('computeIndex: properties', () => {
  it('scores invariant to unit scaling of an indicator (z-scores)', () => {
    fc.assert(fc.property(matrix, fc.double({ min: 0.001, max: 1000, noNaN: true }), (rows, a) => {
      const v = cols(rows);
      const r1 = computeIndex({ ids: ids(rows.length), values: v });
      const r2 = computeIndex({ ids: ids(rows.length), values: [v[0].map((x) => x * a), ...v.slice(1)] });
      r1.score.forEach((s, i) => expect(r2.score[i]).toBeCloseTo(s, 7));
    }));
  });
  it('equal weights = plain mean of z; rank is a permutation of 1..n', () => {
    fc.assert(fc.property(matrix, (rows) => {
      const v = cols(rows), n = rows.length;
      const r = computeIndex({ ids: ids(n), values: v });
      const zs = v.map((c) => zScores(c));
      for (let i = 0; i < n; i++) expect(r.score[i]).toBeCloseTo(zs.reduce((s, z) => s + z[i], 0) / v.length, 9);
      expect(Array.from(r.rank).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (r.score[i] > r.score[j]) expect(r.rank[i]).toBeLessThan(r.rank[j]);
    }));
  });
  it('excluded areas get null score, rank and class; the rest rank 1..m', () => {
    fc.assert(fc.property(matrix, fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 30, maxLength: 30 }), (rows, pops) => {
      const n = rows.length, pop = Float64Array.from(pops.slice(0, n));
      const r = computeIndex({ ids: ids(n), values: cols(rows), population: pop });
      let m = 0;
      for (let i = 0; i < n; i++) {
        if (pop[i] < 300) {
          expect(r.score[i]).toBeNaN(); expect(r.rank[i]).toBe(0); expect(r.classes[i]).toBe(0);
          expect(r.excluded[i]).toBe('minPopulation');
        } else m++;
      }
      expect(Array.from(r.rank).filter((x) => x > 0).sort((a, b) => a - b)).toEqual(Array.from({ length: m }, (_, i) => i + 1));
    }));
  });
});
