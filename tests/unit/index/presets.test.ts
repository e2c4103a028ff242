import { describe, expect, it } from 'vitest';
import { decileRanking, pcaDomains, statusDynamics, zSumIndex } from '../../../src/lib/analysis/presets';
import { zScores } from '../../../src/lib/analysis/standardize';

const f = (xs: number[]) => Float64Array.from(xs);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `x${i}`);

describe('preset "Status und Dynamik"', () => {
  it('4 status × 3 dynamics classes and the 12-group code', () => {
    // levels 1..5: z = (−2,−1,0,1,2)/√2.5 = −1.26, −0.63, 0, 0.63, 1.26
    // changes 5..1: z = 1.26 … −1.26
    const r = statusDynamics({ ids: ids(5), values: [f([1, 2, 3, 4, 5])] }, { ids: ids(5), values: [f([5, 4, 3, 2, 1])] });
    expect(Array.from(r.statusClass)).toEqual([1, 2, 2, 2, 3]);
    expect(Array.from(r.dynamicsClass)).toEqual([3, 2, 2, 2, 1]);
    expect(Array.from(r.group)).toEqual([3, 5, 5, 5, 7]);
    expect(r.groupLabel[0]).toBe('hoch / negativ');
    expect(r.groupLabel[4]).toBe('niedrig / positiv');
  });
  it('"sehr niedrig" = most burden (z ≥ 1.5) and editable thresholds', () => {
    // nine 0 and one 10: mean 1, sd √10 → z(10) = 9/√10 = 2.85, z(0) = −0.316
    const lv = f([0, 0, 0, 0, 0, 0, 0, 0, 0, 10]);
    const r = statusDynamics({ ids: ids(10), values: [lv] }, { ids: ids(10), values: [lv] });
    expect(r.statusClass[9]).toBe(4);
    expect(r.groupLabel[9]).toBe('sehr niedrig / negativ');
    expect(r.statusClass[0]).toBe(2);
    const e = statusDynamics({ ids: ids(10), values: [lv] }, { ids: ids(10), values: [lv] }, { statusBreaks: [0, 1, 3] });
    expect(e.statusClass[0]).toBe(1);
    expect(e.statusClass[9]).toBe(3);
    expect(() => statusDynamics({ ids: ids(10), values: [lv] }, { ids: ids(10), values: [lv] }, { dynamicsBreaks: [0] })).toThrow('invalid dynamicsBreaks: 0');
  });
  it('area without a change value keeps its status class but gets no group', () => {
    const r = statusDynamics({ ids: ids(4), values: [f([1, 2, 3, 4])] }, { ids: ids(4), values: [f([1, NaN, 3, 4])] });
    expect(r.statusClass[1]).toBe(2);
    expect(r.dynamicsClass[1]).toBe(0);
    expect(r.group[1]).toBe(0);
    expect(r.groupLabel[1]).toBeNull();
  });
});

describe('other presets', () => {
  it('z-sum index = Σ z', () => {
    const a = f([1, 2, 3, 4]), b = f([2, 0, 4, 2]);
    const r = zSumIndex({ ids: ids(4), values: [a, b] });
    const za = zScores(a), zb = zScores(b);
    r.score.forEach((s, i) => expect(s).toBeCloseTo(za[i] + zb[i], 12));
    // Σz = −1.16, −1.61, 1.61, 1.16 (mean ±0.81): raw-score breaks apply to the sum
    expect(Array.from(zSumIndex({ ids: ids(4), values: [a, b] }, { classMethod: 'score', breaks: [1.5] }).classes)).toEqual([1, 1, 2, 1]);
  });
  it('decile ranking: decile 10 = the most burdened tenth', () => {
    const v = f(Array.from({ length: 20 }, (_, i) => i + 1));
    const r = decileRanking({ ids: ids(20), values: [v] });
    expect(Array.from(r.classes)).toEqual(Array.from(v, (x) => Math.ceil(x / 2)));
  });
  it('PCA per Lebensbereich, 0–1, averaged (GISD type)', () => {
    // Einkommen: A and B = 2A are perfectly correlated → loadings 1/√2 each, explained 1,
    // scores √2·zA → 0–1: 0, 1/3, 2/3, 1. Arbeit: C alone → min–max 1, 0, 2/3, 1/3.
    const r = pcaDomains({ ids: ids(4), values: [f([1, 2, 3, 4]), f([2, 4, 6, 8]), f([4, 1, 3, 2])] }, ['Einkommen', 'Einkommen', 'Arbeit']);
    const ein = r.domains[0];
    expect(ein.name).toBe('Einkommen');
    expect(ein.explained).toBeCloseTo(1, 10);
    ein.loadings.forEach((l) => expect(l).toBeCloseTo(Math.SQRT1_2, 10));
    [0, 1 / 3, 2 / 3, 1].forEach((v, i) => expect(ein.score01[i]).toBeCloseTo(v, 10));
    [0.5, 1 / 6, 2 / 3, 2 / 3].forEach((v, i) => expect(r.index.score[i]).toBeCloseTo(v, 10));
    expect(Array.from(r.index.rank)).toEqual([3, 4, 1, 2]);
    const s = pcaDomains({ ids: ids(4), values: [f([1, 2, 3, 4]), f([4, 1, 3, 2])] }, ['E', 'A'], { combine: 'sum' });
    [1, 1 / 3, 4 / 3, 4 / 3].forEach((v, i) => expect(s.index.score[i]).toBeCloseTo(v, 10));
  });
  it('PCA sign: polarity-signed burden indicators load positively', () => {
    const r = pcaDomains({ ids: ids(4), values: [f([1, 2, 3, 4]), f([8, 6, 4, 2])], polarity: [1, -1] }, ['E', 'E']);
    r.domains[0].loadings.forEach((l) => expect(l).toBeGreaterThan(0));
    expect(r.index.rank[3]).toBe(1);
  });
});
