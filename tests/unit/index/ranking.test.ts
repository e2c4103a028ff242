import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { argsortDescending, insertionResort, RankWorkspace } from '../../../src/lib/analysis/ranking';

const reference = (v: number[]) => v.map((_, i) => i).sort((a, b) => v[b] - v[a] || a - b);

describe('ranking kernels', () => {
  it('argsortDescending: exact descending order, ties by position, ±Infinity and ±0', () => {
    const v = [3, -1, 3, Infinity, 0, -0, -Infinity, Number.MAX_VALUE, 1e-300, -1e-300];
    expect(Array.from(argsortDescending(v, v.length, new Int32Array(v.length)))).toEqual([3, 7, 0, 2, 8, 4, 5, 9, 1, 6]);
  });
  it('argsortDescending equals a comparator sort (incl. near-ties below the embedded bits)', () => {
    const val = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(1, 1 + 2 ** -50, 1 + 2 ** -51, 0, -1));
    fc.assert(fc.property(fc.array(val, { maxLength: 300 }), (v) => {
      const ws = new RankWorkspace(400);
      expect(Array.from(argsortDescending(v, v.length, new Int32Array(v.length), ws))).toEqual(reference(v));
    }));
  });
  it('insertionResort sorts from any start order and respects the budget', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 100 }), (v) => {
      const order = Int32Array.from(v.map((_, i) => i).reverse()), keys = new Float64Array(v.length);
      const start = Int32Array.from(v.map((_, i) => i).sort((a, b) => a - b));
      order.set(start);
      expect(insertionResort(v, v.length, order, keys, Infinity)).toBe(true);
      expect(Array.from(order)).toEqual(reference(v));
    }));
    const v = [1, 2, 3, 4, 5];
    expect(insertionResort(v, 5, Int32Array.from([0, 1, 2, 3, 4]), new Float64Array(5), 3)).toBe(false);
  });
});

describe('argsortDescending paths', () => {
  it('smooth values (bucket path) and one extreme outlier (crowded buckets → native fallback) agree with a comparator sort', () => {
    const smooth = Array.from({ length: 500 }, (_, i) => Math.sin(i * 7.3) * 10 + (i % 7 === 0 ? 1 : 0));
    const outlier = [...smooth.map((v) => v / 1000), 1e9];
    for (const v of [smooth, outlier, smooth.map(Math.round)]) {
      expect(Array.from(argsortDescending(v, v.length, new Int32Array(v.length)))).toEqual(reference(v));
    }
  });
});
