import { describe, expect, test } from 'vitest';
import { binomial, createRng, hypergeometric } from '../../../src/lib/analysis/random';
import { CancelledError } from '../../../src/lib/analysis/progress';
import { dissimilarity, gini } from '../../../src/lib/analysis/segregation';
import {
  filterMinPopulation, segregationBootstrap, segregationPermutationTest, smallUnitCheck,
} from '../../../src/lib/analysis/segregationInference';
import { sacramento } from './refdata';

describe('random generators', () => {
  test('seeded streams are reproducible and differ between seeds', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(sa).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(sa).not.toEqual(Array.from({ length: 5 }, () => c.next()));
    expect(() => createRng(NaN)).toThrow('invalid seed: NaN');
  });
  test('binomial and hypergeometric have the right mean and variance', () => {
    const rng = createRng(1);
    const R = 20000;
    const moments = (f: () => number) => {
      let s = 0, q = 0;
      for (let r = 0; r < R; r++) {
        const v = f();
        s += v;
        q += v * v;
      }
      return { m: s / R, v: q / R - (s / R) ** 2 };
    };
    const bi = moments(() => binomial(rng, 3000, 0.2));
    expect(Math.abs(bi.m - 600)).toBeLessThan(5 * Math.sqrt(480 / R));
    expect(Math.abs(bi.v / 480 - 1)).toBeLessThan(0.05);
    // N = 10 000, K = 3 000, n = 500: mean 150, var = 500·0.3·0.7·9500/9999 = 99.76
    const hg = moments(() => hypergeometric(rng, 10000, 3000, 500));
    expect(Math.abs(hg.m - 150)).toBeLessThan(5 * Math.sqrt(99.76 / R));
    expect(Math.abs(hg.v / 99.76 - 1)).toBeLessThan(0.05);
    // exact small case: N = 5, K = 2, n = 2 → P(0) = 0.3, P(1) = 0.6, P(2) = 0.1
    const counts = [0, 0, 0];
    for (let r = 0; r < R; r++) counts[hypergeometric(rng, 5, 2, 2)]++;
    [0.3, 0.6, 0.1].forEach((p, k) => expect(Math.abs(counts[k] / R - p)).toBeLessThan(0.015));
    expect(hypergeometric(rng, 10, 10, 4)).toBe(4);
    expect(binomial(rng, 7, 1)).toBe(7);
  });
});

describe('segregation permutation test', () => {
  test('keeps area totals and the group total; deterministic with a seed', () => {
    const t = [50, 80, 120, 30], x = [40, 10, 5, 25];
    const seen: number[][] = [];
    const stat = (xs: Float64Array, ts: Float64Array) => {
      seen.push(Array.from(xs));
      expect(Array.from(ts)).toEqual(t);
      return dissimilarity(xs, ts);
    };
    const r = segregationPermutationTest(x, t, { permutations: 50, seed: 3, statistic: stat });
    for (const s of seen) {
      expect(s.reduce((a, b) => a + b, 0)).toBe(80);
      s.forEach((v, i) => expect(v >= 0 && v <= t[i]).toBe(true));
    }
    const again = segregationPermutationTest(x, t, { permutations: 50, seed: 3 });
    expect(Array.from(again.null)).toEqual(Array.from(r.null));
    expect(r.pValue).toBe(1 / 51); // strongly segregated
  });
  test('under H0 (groups assigned at random) p-values are roughly uniform', () => {
    const rng = createRng(99);
    const t = Array.from({ length: 20 }, () => 20 + rng.int(60));
    const ps: number[] = [];
    for (let rep = 0; rep < 200; rep++) {
      // x_i drawn by the null model itself: relabelling persons with P = 0.3
      const T = t.reduce((a, b) => a + b, 0);
      let remT = T, remX = Math.round(0.3 * T);
      const x = t.map((ti) => {
        const d = hypergeometric(rng, remT, remX, ti);
        remT -= ti;
        remX -= d;
        return d;
      });
      ps.push(segregationPermutationTest(x, t, { permutations: 99, seed: rep }).pValue);
    }
    const small = ps.filter((p) => p <= 0.05).length;
    // binomial(200, 0.05): 99.9 % range ≈ [2, 22]
    expect(small).toBeGreaterThanOrEqual(2);
    expect(small).toBeLessThanOrEqual(22);
    const half = ps.filter((p) => p <= 0.5).length;
    expect(half).toBeGreaterThan(75);
    expect(half).toBeLessThan(125);
  });
  test('Sacramento HISP: far from random; null mean small', () => {
    const s = sacramento();
    const r = segregationPermutationTest(s.col('HISP'), s.col('TOT_POP'), { permutations: 199, seed: 1 });
    expect(r.pValue).toBe(1 / 200);
    expect(r.nullMean).toBeLessThan(0.05);
    expect(r.observed).toBeCloseTo(0.32184656076566864, 12);
  });
  test('progress and cancel', () => {
    const fr: number[] = [];
    segregationPermutationTest([1, 2], [5, 5], { permutations: 200, onProgress: (f) => fr.push(f) });
    expect(fr.at(-1)).toBe(1);
    expect(fr.length).toBeGreaterThan(10);
    expect(() => segregationPermutationTest([1, 2], [5, 5], { isCancelled: () => true })).toThrow(CancelledError);
  });
});

describe('bootstrap, bias correction and small units', () => {
  test('small units are biased upward; bias-corrected D and its interval are lower', () => {
    // evenly mixed population in small units: true D = 0, observed D > 0 by chance
    const t = Array.from({ length: 60 }, () => 40);
    const x = t.map((_, i) => 8 + ((i * 37) % 9) - 4);
    const r = segregationBootstrap(x, t, { permutations: 400, seed: 1 });
    expect(r.bootMean).toBeGreaterThan(r.observed);
    // the plain percentile interval misses the observed D entirely (upward bias) …
    expect(r.ciPercentile[0]).toBeGreaterThan(r.observed);
    // … the basic interval is centred on the corrected value
    expect(r.ci[0]).toBeLessThan(r.biasCorrected);
    expect(r.ci[1]).toBeGreaterThan(r.biasCorrected);
    expect(r.ci[0] + r.ciPercentile[1]).toBeCloseTo(2 * r.observed, 14);
    expect(r.biasCorrected).toBeLessThan(r.observed);
    expect(r.biasCorrected).toBeCloseTo(2 * r.observed - r.bootMean, 14);
    const g = segregationBootstrap(x, t, { permutations: 100, seed: 1, statistic: gini, level: 0.9 });
    expect(g.level).toBe(0.9);
    expect(() => segregationBootstrap([1.5], [3])).toThrow(/invalid count/);
  });
  test('small-unit warning and minimum-population filter (default 500)', () => {
    const t = [1000, 450, 0, 800, 600];
    const c = smallUnitCheck(t);
    expect(c.small).toEqual([1]);
    expect(c.warning).toBe(true);
    expect(smallUnitCheck([1000, 900]).warning).toBe(false);
    expect(smallUnitCheck([10000, 900], 100).unequal).toBe(true);
    expect(Array.from(filterMinPopulation(t))).toEqual([0, 3, 4]);
    expect(() => filterMinPopulation(t, -1)).toThrow('invalid minPopulation: -1');
  });
});

describe('segregation over time', () => {
  test('a real rise is significant, pure noise between years is not', async () => {
    const { segregationTrend } = await import('../../../src/lib/analysis/segregationTrend');
    const t = Array.from({ length: 80 }, (_, i) => 600 + ((i * 131) % 400));
    const mild = t.map((ti, i) => Math.round(ti * (i < 40 ? 0.15 : 0.25)));
    const strong = t.map((ti, i) => Math.round(ti * (i < 40 ? 0.08 : 0.32)));
    const same = t.map((ti, i) => Math.round(ti * (i < 40 ? 0.15 : 0.25)) + (i % 3 === 0 ? 1 : 0));
    const r = segregationTrend(
      [{ year: 2019, x: mild, t }, { year: 2020, x: same, t }, { year: 2021, x: strong, t }],
      { replications: 300, seed: 4 },
    );
    expect(r.years.map((y) => y.year)).toEqual([2019, 2020, 2021]);
    expect(r.changes[0].significant).toBe(false);
    expect(r.changes[1].significant).toBe(true);
    expect(r.changes[1].change).toBeGreaterThan(0.1);
    for (const y of r.years) expect(y.ci[0]).toBeLessThan(y.ci[1]);
  });
});
