import { describe, expect, test } from 'vitest';
import { ebGlobal, ebSpatial } from '../../../src/lib/analysis/ebrate';
import { fromNeighborLists } from '../../../src/lib/analysis/weights';

const close = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('global empirical Bayes (Marshall 1991)', () => {
  test('hand example against the closed form of METHODS.md §5', () => {
    const y = [2, 10, 0, 5], n = [100, 1000, 50, 200];
    // r = (0.02, 0.01, 0, 0.025); b = 17/1350; n̄ = 337.5
    const b = 17 / 1350;
    const s2 = (100 * (0.02 - b) ** 2 + 1000 * (0.01 - b) ** 2 + 50 * b ** 2 + 200 * (0.025 - b) ** 2) / 1350;
    const a = s2 - b / 337.5;
    expect(a).toBeGreaterThan(0);
    const r = ebGlobal(y, n);
    close(r.priorMean, b);
    close(r.priorVariance, a);
    const raw = [0.02, 0.01, 0, 0.025];
    raw.forEach((ri, i) => {
      close(r.raw[i], ri);
      close(r.eb[i], b + (a * (ri - b)) / (a + b / n[i]));
    });
    // shrinkage: small areas move more towards b than large ones
    expect(Math.abs(r.eb[2] - b) / Math.abs(raw[2] - b)).toBeLessThan(Math.abs(r.eb[1] - b) / Math.abs(raw[1] - b));
    // numbers by hand: b = 17/1350, s² = 3.77229e-5, b/n̄ = 3.73114e-5, a = 4.1152e-7
    close(b, 0.012592592592592593, 1e-15);
    close(a, 4.11522633744855e-7, 1e-15);
  });
  test('negative prior variance is set to 0: every EB rate equals b', () => {
    const r = ebGlobal([1, 2, 3], [100, 200, 300]);
    expect(r.priorVariance).toBe(0);
    for (const v of r.eb) close(v, 0.01);
  });
  test('zero population: raw NaN, EB = b; bad input throws', () => {
    const r = ebGlobal([1, 0, 4], [100, 0, 100]);
    expect(Number.isNaN(r.raw[1])).toBe(true);
    close(r.eb[1], r.priorMean);
    expect(() => ebGlobal([-1], [10])).toThrow('invalid events: -1');
    expect(() => ebGlobal([0], [0])).toThrow(/invalid population/);
  });
});

describe('spatial empirical Bayes', () => {
  test('window = area and its neighbours; with everyone neighbouring everyone it equals global EB', () => {
    const y = [2, 10, 0, 5], n = [100, 1000, 50, 200];
    const full = fromNeighborLists([[1, 2, 3], [0, 2, 3], [0, 1, 3], [0, 1, 2]]);
    const s = ebSpatial(y, n, full), g = ebGlobal(y, n);
    s.eb.forEach((v, i) => close(v, g.eb[i]));
    // chain 0-1 | 2-3: area 0's prior uses areas 0 and 1 only
    const w = fromNeighborLists([[1], [0], [3], [2]]);
    const loc = ebSpatial(y, n, w);
    close(loc.priorMean[0], 12 / 1100);
    const pair = ebGlobal([2, 10], [100, 1000]);
    close(loc.eb[0], pair.eb[0]);
  });
});
