import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calinskiHarabasz, chooseK, cutTree, kmeans, silhouette, typeProfiles, ward, withinSS } from '../../../src/lib/analysis/cluster';
import { createRng } from '../../../src/lib/analysis/prng';

const f = (xs: number[]) => Float64Array.from(xs);

describe('cluster quality: hand-computed on 0, 1, 10, 11', () => {
  const cols = [f([0, 1, 10, 11])], labels = Int32Array.from([1, 1, 2, 2]);
  it('within-SS 1, CH 200, silhouette', () => {
    expect(withinSS(cols, labels, 2)).toBeCloseTo(1, 12);
    // total SS 101, B = 100: (100 / 1) / (1 / 2)
    expect(calinskiHarabasz(cols, labels, 2)).toBeCloseTo(200, 10);
    expect(silhouette(cols, labels, 2)).toBeCloseTo((9.5 / 10.5 + 8.5 / 9.5) / 2, 12);
    expect(typeProfiles(cols, labels, 2).means.map((m) => m[0])).toEqual([0.5, 10.5]);
  });
  it('Ward heights 1, 1, √200 (scipy convention) and the 2-cut', () => {
    const t = ward(cols);
    expect(Array.from(t.height).map((h) => +h.toFixed(10))).toEqual([1, 1, +Math.sqrt(200).toFixed(10)]);
    expect(Array.from(cutTree(t, cols, 2).labels)).toEqual([1, 1, 2, 2]);
    expect(Array.from(cutTree(t, cols, 4).labels)).toEqual([1, 2, 3, 4]);
  });
  it('k-means finds the two groups; centres and within-SS', () => {
    const r = kmeans(cols, 2, { seed: 7 });
    expect(r.labels[0]).toBe(r.labels[1]); expect(r.labels[2]).toBe(r.labels[3]); expect(r.labels[0]).not.toBe(r.labels[2]);
    expect(r.withinSS).toBeCloseTo(1, 12);
    expect(() => kmeans(cols, 5)).toThrow('invalid k: 5');
  });
});

function blobs(seed: number, per: number): Float64Array[] {
  const rng = createRng(seed), x: number[] = [], y: number[] = [];
  for (const [cx, cy] of [[0, 0], [6, 0], [0, 6]]) for (let i = 0; i < per; i++) { x.push(cx + rng.normal() * 0.5); y.push(cy + rng.normal() * 0.5); }
  return [f(x), f(y)];
}

describe('clustering on separated blobs', () => {
  const cols = blobs(3, 30);
  const pure = (labels: Int32Array) => [0, 1, 2].every((b) => new Set(Array.from(labels.slice(b * 30, b * 30 + 30))).size === 1) && new Set(Array.from(labels)).size === 3;
  it('k-means and Ward recover the 3 types; seeded k-means is reproducible', () => {
    const km = kmeans(cols, 3, { seed: 11 });
    expect(pure(km.labels)).toBe(true);
    expect(Array.from(kmeans(cols, 3, { seed: 11 }).labels)).toEqual(Array.from(km.labels));
    expect(pure(cutTree(ward(cols), cols, 3).labels)).toBe(true);
  });
  it('quality table: silhouette and CH peak at k = 3, within-SS falls', () => {
    for (const method of ['kmeans', 'ward'] as const) {
      const q = chooseK(cols, [2, 3, 4, 5], { method, seed: 2 });
      const best = (key: 'silhouette' | 'calinskiHarabasz') => q.reduce((a, b) => (b[key] > a[key] ? b : a)).k;
      expect(best('silhouette')).toBe(3);
      expect(best('calinskiHarabasz')).toBe(3);
      for (let i = 1; i < q.length; i++) expect(q[i].withinSS).toBeLessThanOrEqual(q[i - 1].withinSS + 1e-9);
    }
  });
  it('masked areas are assigned to the nearest type; NaN rows stay 0', () => {
    const c = [f([0, 1, 10, 11, 9.5, NaN]), f([0, 0, 0, 0, 0, 0])];
    const km = kmeans(c, 2, { mask: f([1, 1, 1, 1, 0, 1]), seed: 1 });
    expect(km.labels[4]).toBe(km.labels[2]);
    expect(km.labels[5]).toBe(0);
    const w = cutTree(ward(c, { mask: f([1, 1, 1, 1, 0, 1]) }), c, 2);
    expect(w.labels[4]).toBe(w.labels[2]);
    expect(w.labels[5]).toBe(0);
  });
});

/** Naive O(n³) Ward: merge the pair with the smallest increase in within-SS; height √(2 ΔSS). */
function naiveWardHeights(pts: number[][]): number[] {
  let cl = pts.map((p) => ({ n: 1, c: p.slice() }));
  const h: number[] = [];
  while (cl.length > 1) {
    let bi = 0, bj = 1, bd = Infinity;
    for (let i = 0; i < cl.length; i++) for (let j = i + 1; j < cl.length; j++) {
      const a = cl[i], b = cl[j];
      const d2 = a.c.reduce((s, v, t) => s + (v - b.c[t]) ** 2, 0);
      const dss = ((a.n * b.n) / (a.n + b.n)) * d2;
      if (dss < bd) { bd = dss; bi = i; bj = j; }
    }
    const a = cl[bi], b = cl[bj], n = a.n + b.n;
    const merged = { n, c: a.c.map((v, t) => (a.n * v + b.n * b.c[t]) / n) };
    cl = cl.filter((_, q) => q !== bi && q !== bj).concat([merged]);
    h.push(Math.sqrt(2 * bd));
  }
  return h.sort((x, y) => x - y);
}

describe('Ward (NN-chain + Lance–Williams) equals naive Ward', () => {
  it('same sorted merge heights on random data', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), { minLength: 2, maxLength: 25 }), (pts) => {
      const p = pts.map(([a, b]) => [a + 0.001 * a * b, b]);
      const t = ward([f(p.map((q) => q[0])), f(p.map((q) => q[1]))]);
      naiveWardHeights(p).forEach((h, i) => expect(t.height[i]).toBeCloseTo(h, 6));
    }), { numRuns: 60 });
  });
});
