import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergePairs, nearestStraight, straightLinePairs, straightLineSelection, tablePairs } from '../../../src/lib/analysis/costPairs';
import { weightFunction } from '../../../src/lib/analysis/catchmentWeights';

describe('cost pairs', () => {
  it('straight-line pairs equal a brute-force scan (any detour, catchment, chunking)', () => {
    // centimetre coordinates (subnormal doubles are not coordinates)
    const cm = fc.integer({ min: 0, max: 500_000 }).map((v) => v / 100);
    const pt = fc.tuple(cm, cm);
    fc.assert(
      fc.property(fc.array(pt, { minLength: 1, maxLength: 60 }), fc.array(pt, { minLength: 1, maxLength: 30 }), fc.double({ min: 0, max: 4000, noNaN: true }), fc.double({ min: 1, max: 2, noNaN: true }), fc.integer({ min: 1, max: 5 }),
        (dem, sup, max, detour, chunks) => {
          const dx = dem.map((d) => d[0]), dy = dem.map((d) => d[1]), sx = sup.map((s) => s[0]), sy = sup.map((s) => s[1]);
          const p = straightLinePairs(dx, dy, sx, sy, max, detour);
          const step = Math.ceil(dem.length / chunks);
          const parts = Array.from({ length: chunks }, (_, k) => straightLinePairs(dx, dy, sx, sy, max, detour, k * step, Math.min(dem.length, (k + 1) * step)));
          expect(mergePairs(parts)).toEqual(p);
          for (let i = 0; i < dem.length; i++) {
            const want: [number, number][] = [];
            sup.forEach((s, j) => {
              const ex = s[0] - dem[i][0], ey = s[1] - dem[i][1];
              const c = detour * Math.sqrt(ex * ex + ey * ey);
              if (c <= max) want.push([j, c]);
            });
            const got: [number, number][] = [];
            for (let q = p.offsets[i]; q < p.offsets[i + 1]; q++) got.push([p.supply[q], p.cost[q]]);
            expect(got.sort((a, b) => a[0] - b[0])).toEqual(want);
          }
        }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('cost table: drops unknown ids, non-finite and too large costs; keeps the smallest duplicate', () => {
    const p = tablePairs(Int32Array.from([0, 0, 1, -1, 1, 0, 2]), Int32Array.from([1, 0, 0, 0, 1, 1, 5]), Float64Array.from([5, 3, 7, 1, NaN, 4, 1]), 3, 2, 6);
    expect(Array.from(p.offsets)).toEqual([0, 2, 2, 2]);
    expect(Array.from(p.supply)).toEqual([0, 1]);
    expect(Array.from(p.cost)).toEqual([3, 4]);
  });

  it('nearest service by straight line, with detour and a cut-off', () => {
    const r = nearestStraight([0, 100, 1000], [0, 0, 0], [90, 10], [0, 0], 1.2, 500);
    expect(Array.from(r.supply)).toEqual([1, 0, -1]);
    expect(r.cost[0]).toBeCloseTo(12, 12);
    expect(r.cost[1]).toBeCloseTo(12, 12);
    expect(r.cost[2]).toBe(Infinity);
  });

  it('3SFCA selection sums over all services, or only within a finite weight support', () => {
    const gauss = weightFunction({ kind: 'gaussian', sigma: 100 });
    const all = straightLineSelection([0], [0], [0, 100, 5000], [0, 0, 0], 1, gauss, Infinity);
    expect(all[0]).toBeCloseTo(1 + Math.exp(-0.5) + Math.exp(-1250), 15);
    const step = weightFunction({ kind: 'step', steps: [{ upTo: 150, weight: 1 }] });
    expect(straightLineSelection([0], [0], [0, 100, 5000], [0, 0, 0], 1, step, 150)[0]).toBe(2);
  });
});

describe('cost pairs without a limit', () => {
  it('an infinite catchment pairs every demand with every service', () => {
    const p = straightLinePairs([0, 5], [0, 5], [1, 2, 3], [1, 2, 3], Infinity);
    expect(Array.from(p.offsets)).toEqual([0, 3, 6]);
    expect(Array.from(p.supply).sort()).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('nearest service by straight line', () => {
  it('equals a brute-force scan (ties: lowest index), with and without a cut-off', () => {
    const cm = fc.integer({ min: 0, max: 300_000 }).map((v) => v / 100);
    const pt = fc.tuple(cm, cm);
    fc.assert(
      fc.property(fc.array(pt, { minLength: 1, maxLength: 40 }), fc.array(pt, { minLength: 1, maxLength: 25 }), fc.constantFrom(Infinity, 500, 50), (dem, sup, max) => {
        const r = nearestStraight(dem.map((d) => d[0]), dem.map((d) => d[1]), sup.map((s) => s[0]), sup.map((s) => s[1]), 1, max);
        dem.forEach((d, i) => {
          let best = Infinity, bj = -1;
          sup.forEach((s, j) => {
            const e = (s[0] - d[0]) ** 2 + (s[1] - d[1]) ** 2;
            if (e < best) [best, bj] = [e, j];
          });
          if (Math.sqrt(best) > max) bj = -1;
          expect(r.supply[i]).toBe(bj);
          if (bj >= 0) expect(r.cost[i]).toBeCloseTo(Math.sqrt(best), 9);
        });
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
