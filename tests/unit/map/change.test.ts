import { describe, expect, it } from 'vitest';
import { changeValues, classifyChange, divergingBreaks } from '../../../src/lib/analysis/change';
import { changeMap } from '../../../src/lib/map/changeMap';
import { paletteColors } from '../../../src/lib/map/palettes';

describe('year comparison', () => {
  it('takes the difference in the indicator’s own unit (percentage points for rates)', () => {
    // 12,3 % → 14,1 % is +1,8 Pp., not +14,6 %
    const d = changeValues(Float64Array.from([12.3, 20, NaN, 5]), Float64Array.from([14.1, 18.5, 3, NaN]));
    expect(d[0]).toBeCloseTo(1.8, 12);
    expect(d[1]).toBeCloseTo(-1.5, 12);
    expect(Number.isNaN(d[2])).toBe(true);
    expect(Number.isNaN(d[3])).toBe(true);
    expect(() => changeValues(new Float64Array(2), new Float64Array(3))).toThrow(/invalid lengths/);
  });

  it('puts class bounds symmetric around zero at quantiles of |change| (hand-worked, R type 7)', () => {
    // |change| sorted: 0, 0.5, 1, 2, 3, 4 → quantile(1/3) = 0.8333…, quantile(2/3) = 2.3333… (R: quantile(x, c(1/3, 2/3)))
    const ch = Float64Array.from([-3, -1, 0, 0.5, 2, 4]);
    const b = divergingBreaks(ch, 5);
    expect(b).toHaveLength(6);
    const want = [-4, -7 / 3, -5 / 6, 5 / 6, 7 / 3, 4];
    b.forEach((x, i) => expect(x).toBeCloseTo(want[i], 12));
    const c = classifyChange(ch, 5);
    expect(Array.from(c.classOf)).toEqual([0, 1, 2, 2, 3, 4]);
    expect(c.counts).toEqual([1, 1, 2, 1, 1]);
    expect(c.zeroClass).toBe(2);
    // even k: a bound at 0
    const e = divergingBreaks(ch, 4);
    expect(e).toContain(0);
    expect(e[0]).toBe(-4);
    expect(e.at(-1)).toBe(4);
    for (let i = 0; i < e.length; i++) expect(e[i]).toBeCloseTo(-e[e.length - 1 - i], 12);
  });

  it('handles no change, no values and ties', () => {
    expect(divergingBreaks(Float64Array.from([0, 0, NaN]), 5)).toEqual([0, 0]);
    expect(classifyChange(Float64Array.from([0, 0]), 5).counts).toEqual([2]);
    expect(divergingBreaks(Float64Array.from([NaN]), 5)).toEqual([]);
    expect(classifyChange(Float64Array.from([NaN, NaN]), 5).missing).toBe(2);
    // all changes ±1: bounds merge, still strictly ascending
    const b = divergingBreaks(Float64Array.from([1, -1, 1, -1]), 5);
    for (let i = 1; i < b.length; i++) expect(b[i]).toBeGreaterThan(b[i - 1]);
    expect(() => divergingBreaks(new Float64Array(1), 2)).toThrow(/invalid k/);
  });

  it('maps fell to blue and rose to red, with signed labels in Pp. and the middle class named', () => {
    const ch = Float64Array.from([-3, -1, 0, 0.5, 2, 4]);
    const c = classifyChange(ch, 5);
    const m = changeMap(ch, c, { title: 'Veränderung', valueLabel: 'Veränderung, in Prozentpunkten', unit: 'Pp.', lang: 'de' });
    const rdbu = paletteColors('RdBu', 5);
    expect(m.colors[0]).toEqual(rdbu[4]); // the strongest fall: blue
    expect(m.colors[4]).toEqual(rdbu[0]); // the strongest rise: red
    expect(m.labels![0]).toBe('−4,0 – −2,3 Pp.');
    expect(m.labels![2]).toMatch(/^−0,8 – \+0,8 Pp\. \(kaum verändert\)$/);
    expect(m.labels![4]).toBe('+2,3 – +4,0 Pp.');
    expect(m.owner).toBe('yearCompare');
    const en = changeMap(ch, c, { title: 'Change', valueLabel: 'Change', unit: 'pp', lang: 'en' });
    expect(en.labels![4]).toBe('+2.3 – +4.0 pp');
    const flipped = changeMap(ch, c, { title: '', valueLabel: '', unit: '', reverse: true, lang: 'de' });
    expect(flipped.colors[0]).toEqual(rdbu[0]);
  });
});
