import { describe, expect, it } from 'vitest';
import { INDICATOR_CATALOGUE, changePoints, deviations, municipalRate, rate, ratesByYear, suggestColumns, unweightedMean } from '../../../src/lib/analysis/indicators';

const f = (xs: number[]) => Float64Array.from(xs);

describe('indicators', () => {
  it('rate = num / den × scale, NaN for zero, negative or missing denominators', () => {
    const r = rate(f([5, 10, 1, 3, NaN]), f([100, 400, 0, NaN, 10]), 100);
    expect(Array.from(r.slice(0, 2))).toEqual([5, 2.5]);
    expect(r[2]).toBeNaN(); expect(r[3]).toBeNaN(); expect(r[4]).toBeNaN();
    expect(rate(f([3]), f([2000]), 1000)[0]).toBeCloseTo(1.5, 12);
    expect(() => rate(f([1]), f([1]), 0)).toThrow('invalid scale: 0');
  });
  it('per year and change in percentage points', () => {
    const y = ratesByYear([f([10, 20]), f([12, 15])], [f([100, 100]), f([100, 200])]);
    expect(Array.from(y[1])).toEqual([12, 7.5]);
    expect(Array.from(changePoints(y[0], y[1]))).toEqual([2, -12.5]);
  });
  it('municipal (weighted) mean vs unweighted mean and deviations', () => {
    // rates 10 % (of 100) and 30 % (of 900): weighted (10+270)/1000 = 28 %, unweighted 20 %
    const num = f([10, 270]), den = f([100, 900]);
    expect(municipalRate(num, den)).toBeCloseTo(28, 12);
    expect(unweightedMean(rate(num, den))).toBeCloseTo(20, 12);
    const d = deviations(num, den, 100, { reference: 25 });
    expect(d.meanKind).toBe('weighted');
    expect(Array.from(d.fromMean).map((v) => +v.toFixed(9))).toEqual([-18, 2]);
    expect(Array.from(d.fromReference!).map((v) => +v.toFixed(9))).toEqual([-15, 5]);
    expect(Array.from(deviations(num, den, 100, { meanKind: 'unweighted' }).fromMean).map((v) => +v.toFixed(9))).toEqual([-10, 10]);
    expect(() => deviations(num, den, 100, { meanKind: 'median' as never })).toThrow('invalid meanKind: median');
  });
  it('catalogue has the usual templates with complete metadata', () => {
    const names = INDICATOR_CATALOGUE.map((t) => t.name);
    for (const n of ['SGB-II-Quote', 'Kinderarmut', 'Arbeitslosenanteil', 'Altersarmut', 'Alleinerziehende', 'Ausländeranteil']) expect(names).toContain(n);
    for (const t of INDICATOR_CATALOGUE) {
      expect([1, -1]).toContain(t.polarity);
      expect(t.scale).toBeGreaterThan(0);
      expect(t.numerator.length * t.denominator.length).toBeGreaterThan(0);
    }
    expect(new Set(INDICATOR_CATALOGUE.map((t) => t.key)).size).toBe(INDICATOR_CATALOGUE.length);
  });
  it('suggests columns of the Musterstadt layout', () => {
    const cols = ['BEZ_ID', 'BEZ_NAME', 'JAHR', 'EW', 'EW_U15', 'EW_U65', 'EW_65PLUS', 'SGB2', 'SGB2_U15', 'ALO', 'AUSL', 'GRUSI_65', 'HH', 'HH_ALLEINERZ'];
    const by = (k: string) => suggestColumns(INDICATOR_CATALOGUE.find((t) => t.key === k)!, cols);
    expect(by('sgb2')).toEqual({ numerator: 'SGB2', denominator: 'EW_U65' });
    expect(by('kinderarmut')).toEqual({ numerator: 'SGB2_U15', denominator: 'EW_U15' });
    expect(by('altersarmut')).toEqual({ numerator: 'GRUSI_65', denominator: 'EW_65PLUS' });
    expect(by('auslaender')).toEqual({ numerator: 'AUSL', denominator: 'EW' });
    expect(by('alleinerziehende')).toEqual({ numerator: 'HH_ALLEINERZ', denominator: 'HH' });
    expect(by('hze')).toEqual({ numerator: null, denominator: null });
  });
});
