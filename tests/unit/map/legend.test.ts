import { describe, expect, it } from 'vitest';
import { boxmapClassNames, buildLegend, legendDigits } from '../../../src/lib/map/legend';
import { NO_VALUE_COLOR, type RGB } from '../../../src/lib/map/palettes';
import { classify } from '../../../src/lib/analysis/classify';

const C: RGB[] = [
  [1, 1, 1],
  [2, 2, 2],
  [3, 3, 3],
];

describe('legendDigits', () => {
  it('uses enough decimals to separate bounds and resolve the narrowest class', () => {
    expect(legendDigits([12.3, 18, 25.7])).toBe(1);
    expect(legendDigits([0, 10, 20, 30])).toBe(0);
    expect(legendDigits([1, 2, 3])).toBe(0);
    expect(legendDigits([100.5, 350.25, 800])).toBe(0);
    expect(legendDigits([0.101, 0.104, 0.2])).toBe(3);
    expect(legendDigits([1.2345671, 1.2345674])).toBe(6);
    expect(legendDigits([5.5, 5.5])).toBe(0);
    expect(legendDigits([0.1, 0.10001])).toBe(5);
    expect(legendDigits([1 / 3, 2 / 3, 1])).toBe(2);
  });
});

describe('buildLegend', () => {
  it('formats German bounds with unit, counts and a separate no-value entry', () => {
    const e = buildLegend({ breaks: [12.3, 18, 25.75, 1234.5], counts: [4, 5, 6], missing: 2 }, C, { unit: ' %', lang: 'de' });
    expect(e.map((x) => x.label)).toEqual(['12,3 – 18,0 %', '18,0 – 25,8 %', '25,8 – 1.234,5 %', 'keine Angabe']);
    expect(e.map((x) => x.count)).toEqual([4, 5, 6, 2]);
    expect(e.map((x) => x.classIndex)).toEqual([0, 1, 2, -1]);
    expect(e[3]).toMatchObject({ noValue: true, color: NO_VALUE_COLOR });
    expect(e[0]).toMatchObject({ lower: 12.3, upper: 18, color: [1, 1, 1] });
  });

  it('formats English and custom labels; single-value classes show one number', () => {
    const e = buildLegend({ breaks: [1, 1, 2.5], counts: [3, 1], missing: 0 }, C, { lang: 'en', noValueLabel: 'suppressed', digits: 1 });
    expect(e.map((x) => x.label)).toEqual(['1.0', '1.0 – 2.5', 'suppressed']);
    expect(buildLegend({ breaks: [-2.5, 1000], counts: [1], missing: 0 }, C, { lang: 'en' })[0].label).toBe('-3 – 1,000');
  });

  it('works directly on a classification, including all-missing', () => {
    const r = classify(Float64Array.from([1, 2, 3, 4, NaN]), 'quantile', 2);
    const e = buildLegend(r, C, { lang: 'de' });
    expect(e.map((x) => `${x.label}:${x.count}`)).toEqual(['1,0 – 2,5:2', '2,5 – 4,0:2', 'keine Angabe:1']);
    const none = buildLegend(classify(Float64Array.from([NaN]), 'equal', 3), [], { lang: 'en' });
    expect(none).toEqual([{ classIndex: -1, label: 'no value', color: NO_VALUE_COLOR, count: 1, noValue: true }]);
  });

  it('adds box-map class names as notes and rejects too few colours', () => {
    const r = classify(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 40]), 'boxmap', 6);
    const six: RGB[] = Array.from({ length: 6 }, (_, i) => [i, i, i]);
    const e = buildLegend(r, six, { lang: 'de', classNames: boxmapClassNames('de') });
    expect(e[0].note).toBe('untere Ausreißer');
    expect(e[5].note).toBe('obere Ausreißer');
    expect(e[5].count).toBe(1);
    expect(() => buildLegend(r, C)).toThrow('invalid colors: need 6, got 3');
    const flat = classify(Float64Array.from([2, 2, 2]), 'boxmap', 6);
    expect(buildLegend(flat, C, { lang: 'de', classNames: boxmapClassNames('de') })[0].note).toBeUndefined();
  });
});
