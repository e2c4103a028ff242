import { describe, expect, it } from 'vitest';
import { aggregateUp, aggregationSupport, levelsFromColumns, ratioOfSums, sumUp } from '../../../src/lib/analysis/aggregate';
import { linkByGeometry, linkByKey } from '../../../src/lib/analysis/nesting';
import type { AreaGeometry } from '../../../src/lib/analysis/geometry-rings';

describe('levels from id columns', () => {
  it('finest → coarsest plus the total "gesamt", parents by index', () => {
    const { levels, rowArea, conflicts, duplicates } = levelsFromColumns([
      ['a', 'b', 'c'],
      ['G1', 'G1', 'G2'],
    ]);
    expect(levels.map((l) => l.ids)).toEqual([['a', 'b', 'c'], ['G1', 'G2'], ['gesamt']]);
    expect(Array.from(levels[0].parent!)).toEqual([0, 0, 1]);
    expect(Array.from(levels[1].parent!)).toEqual([0, 0]);
    expect(levels[2].parent).toBeNull();
    expect(Array.from(rowArea)).toEqual([0, 1, 2]);
    expect(conflicts).toEqual([]);
    expect(duplicates).toEqual([]);
  });
  it('reports an area in two parents and a finest id twice', () => {
    const r = levelsFromColumns([
      ['a', 'b', 'b', 'c'],
      ['G1', 'G1', 'G2', 'G2'],
      ['K', 'K', 'K', 'L'],
    ]);
    expect(r.conflicts).toEqual([{ level: 0, id: 'b', parents: ['G1', 'G2'] }, { level: 1, id: 'G2', parents: ['K', 'L'] }]);
    expect(r.duplicates).toEqual(['b']);
  });
});

describe('aggregation (hand-computed)', () => {
  const { levels } = levelsFromColumns([
    ['a', 'b', 'c'],
    ['G1', 'G1', 'G2'],
  ]);
  it('counts are summed; a missing part makes the sum missing', () => {
    expect(sumUp([10, 30, 5], levels).map((v) => Array.from(v))).toEqual([[10, 30, 5], [40, 5], [45]]);
    const s = sumUp([10, NaN, 5], levels);
    expect(Array.from(s[1])).toEqual([NaN, 5]);
    expect(Number.isNaN(s[2][0])).toBe(true);
  });
  it('rates are ratios of sums, not means of rates', () => {
    // SGB2 10, 30, 5 of EW_U65 100, 200, 50: G1 = 40 / 300 = 13,333 % (the mean of rates would be 12,5 %)
    const num = sumUp([10, 30, 5], levels);
    const den = sumUp([100, 200, 50], levels);
    const g = ratioOfSums(num[1], den[1], 100);
    expect(g[0]).toBeCloseTo(13.333333333333334, 12);
    expect(g[0]).not.toBeCloseTo(12.5, 3);
    expect(g[1]).toBeCloseTo(10, 12);
    expect(ratioOfSums(num[2], den[2], 1000)[0]).toBeCloseTo(128.57142857142858, 10);
    expect(Number.isNaN(ratioOfSums([1], [0], 100)[0])).toBe(true);
  });
  it('weighted means, minimum and maximum where the lower-level data allow them', () => {
    // mean age 40 (EW 100), 50 (EW 300) → G1 (40·100 + 50·300) / 400 = 47,5
    const m = aggregateUp('weightedMean', [40, 50, 30], levels, [100, 300, 100]);
    expect(m[1][0]).toBeCloseTo(47.5, 12);
    expect(m[2][0]).toBeCloseTo((4000 + 15000 + 3000) / 500, 12);
    expect(Array.from(aggregateUp('max', [3, 9, 4], levels)[1])).toEqual([9, 4]);
    expect(Array.from(aggregateUp('min', [3, 9, 4], levels)[2])).toEqual([3]);
  });
  it('medians and plain values cannot be aggregated, with a reason', () => {
    expect(aggregationSupport('median')).toEqual({ ok: false, reason: 'levels.notAggregable.median' });
    expect(aggregationSupport('value')).toEqual({ ok: false, reason: 'levels.notAggregable.value' });
    expect(aggregationSupport('weightedMean')).toEqual({ ok: false, reason: 'levels.notAggregable.noWeight' });
    expect(() => aggregateUp('median', [1, 2, 3], levels)).toThrow('invalid kind: median');
  });
});

describe('hierarchy from keys and from geometry', () => {
  it('links by key, also without leading zeros, and lists what does not fit', () => {
    const r = linkByKey(['05990004', '5990008', '', '0599xxxx'], ['05990004', '05990008', '05990012']);
    expect(Array.from(r.parent)).toEqual([0, 1, -1, -1]);
    expect(r.noKey).toEqual([2]);
    expect(r.unknown).toEqual([{ child: 3, key: '0599xxxx' }]);
    expect(r.childless).toEqual([2]);
  });
  const rect = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => [[[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]];
  it('assigns each lower area by a point inside it and reports the overlap of one that does not nest', () => {
    const parents = [rect(7.0, 51.0, 7.02, 51.02), rect(7.02, 51.0, 7.04, 51.02)];
    const children = [
      rect(7.0, 51.0, 7.01, 51.02),
      rect(7.01, 51.0, 7.02, 51.01),
      rect(7.02, 51.0, 7.04, 51.01),
      // straddles the boundary: 3/4 in the second parent (where its centre is), 1/4 in the first
      rect(7.015, 51.01, 7.035, 51.02),
      rect(8.0, 52.0, 8.01, 52.01),
    ];
    const r = linkByGeometry(children, parents);
    expect(Array.from(r.parent)).toEqual([0, 0, 1, 1, -1]);
    expect(r.share[0]).toBeCloseTo(1, 6);
    expect(r.share[3]).toBeCloseTo(0.75, 3);
    expect(r.notNested).toHaveLength(1);
    expect(r.notNested[0].child).toBe(3);
    expect(r.notNested[0].parts.map((p) => p.parent)).toEqual([1, 0]);
    expect(r.notNested[0].parts[1].share).toBeCloseTo(0.25, 3);
    expect(r.outside).toEqual([4]);
    expect(r.childless).toEqual([]);
  });
});

import { detectColumnSums, guessRole } from '../../../src/lib/analysis/columnRoles';

describe('column roles and column sums', () => {
  it('guesses counts, areas and plain values', () => {
    expect(guessRole('SGB2', [1, 20, NaN])).toBe('count');
    expect(guessRole('FLAECHE_KM2', [1.5, 2])).toBe('area');
    expect(guessRole('SGB2_Quote', [10, 12])).toBe('value');
    expect(guessRole('Durchschnittsalter', [41, 43])).toBe('value');
    expect(guessRole('Einkommen_Median', [2100])).toBe('median');
    expect(guessRole('X', [1.5])).toBe('value');
  });
  it('finds EW = U65 + 65PLUS and U65 = U15 + 15–64, not the implied three-part sum', () => {
    const cols = { EW: [6945, 2592], EW_U15: [911, 236], EW_15_64: [4632, 1559], EW_U65: [5543, 1795], EW_65PLUS: [1402, 797], SGB2: [844, 91] };
    expect(detectColumnSums(cols)).toEqual([
      { total: 'EW', parts: ['EW_U65', 'EW_65PLUS'] },
      { total: 'EW_U65', parts: ['EW_U15', 'EW_15_64'] },
    ]);
    expect(detectColumnSums({ T: [3, 5], A: [1, 2], B: [1, 2], C: [1, 1] })).toEqual([{ total: 'T', parts: ['A', 'B', 'C'] }]);
  });
});
