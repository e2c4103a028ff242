import { describe, expect, it } from 'vitest';
import { indexByYear, rankChanges, scoreChanges } from '../../../src/lib/analysis/timeseries';

const f = (xs: number[]) => Float64Array.from(xs);
const ids = ['a', 'b', 'c', 'd'];

describe('index over time', () => {
  // 2020: 1..4 (mean 2.5, sd √(5/3)); 2022: every area +2 (e.g. rising SGB-II-Quote)
  const years = [{ year: 2020, values: [f([1, 2, 3, 4])] }, { year: 2022, values: [f([3, 4, 5, 6])] }];
  it('"each": every year standardised on itself → identical scores', () => {
    const r = indexByYear(ids, years, {}, { mode: 'each' });
    expect(Array.from(r.results[1].score)).toEqual(Array.from(r.results[0].score));
    expect(r.baseYear).toBeNull();
  });
  it('"base": the base year reference makes the shift visible (+2/sd)', () => {
    const r = indexByYear(ids, years, {}, { mode: 'base', baseYear: 2020 });
    const d = scoreChanges(r.results[0].score, r.results[1].score);
    d.forEach((v) => expect(v).toBeCloseTo(2 / Math.sqrt(5 / 3), 12));
    // re-standardised against the base year's score: class rises
    expect(r.results[1].classes[3]).toBeGreaterThan(r.results[0].classes[3]);
    expect(() => indexByYear(ids, years, {}, { mode: 'base', baseYear: 1999 })).toThrow('invalid baseYear: 1999');
  });
  it('rank changes: to − from, NaN where a rank is missing', () => {
    const c = rankChanges(Int32Array.from([1, 2, 3, 0]), Int32Array.from([2, 1, 3, 1]));
    expect(Array.from(c.slice(0, 3))).toEqual([1, -1, 0]);
    expect(c[3]).toBeNaN();
  });
});
