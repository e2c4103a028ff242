import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correlationMatrix, firstComponent, jacobiEigen } from '../../../src/lib/analysis/pca';

describe('Jacobi eigen-decomposition', () => {
  it('2 × 2 by hand: [[2,1],[1,2]] → 3, 1 with (1,1)/√2', () => {
    const { values, vectors } = jacobiEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 12); expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0][0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0][0] * vectors[0][1]).toBeGreaterThan(0);
  });
  it('A v = λ v, orthonormal vectors, Σλ = trace, on random symmetric matrices', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: k * k, maxLength: k * k }))), ([k, raw]) => {
      const a = new Float64Array(k * k);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) a[i * k + j] = (raw[i * k + j] + raw[j * k + i]) / 2;
      const { values, vectors } = jacobiEigen(a, k);
      let tr = 0;
      for (let i = 0; i < k; i++) tr += a[i * k + i];
      expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(tr, 8);
      for (let c = 0; c < k; c++) {
        if (c > 0) expect(values[c]).toBeLessThanOrEqual(values[c - 1] + 1e-12);
        for (let i = 0; i < k; i++) {
          let av = 0;
          for (let j = 0; j < k; j++) av += a[i * k + j] * vectors[c][j];
          expect(av).toBeCloseTo(values[c] * vectors[c][i], 7);
        }
        for (let d = 0; d < k; d++) {
          const dot = vectors[c].reduce((s, v, i) => s + v * vectors[d][i], 0);
          expect(dot).toBeCloseTo(c === d ? 1 : 0, 8);
        }
      }
    }));
  });
  it('correlation matrix is symmetric with unit diagonal; first component explains λ₁/k', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5]), y = Float64Array.from([2, 1, 4, 3, 5]), z = Float64Array.from([5, 3, 4, 1, 2]);
    const r = correlationMatrix([x, y, z]);
    expect(r[0]).toBe(1); expect(r[1]).toBeCloseTo(r[3], 15);
    expect(r[1]).toBeCloseTo(0.8, 12); // Σdxdy = 8, Σdx² = 10, Σdy² = 10
    const pc = firstComponent([x, y, z]);
    const { values } = jacobiEigen(r, 3);
    expect(pc.explained).toBeCloseTo(values[0] / 3, 12);
    expect(pc.loadings.reduce((s, v) => s + v, 0)).toBeGreaterThanOrEqual(0);
    expect(() => correlationMatrix([x], null, 'kendall' as never)).toThrow('invalid method: kendall');
  });
});
