import { describe, expect, it } from 'vitest';
import { disclosureFill, mapSymbols, markLabel, markSup, noClassText, referenceLines, withDisclosureRows, SECRET_CLASS, UNRELIABLE_CLASS } from '../../../src/lib/map/disclosure';
import { buildLegend } from '../../../src/lib/map/legend';
import type { LevelSeries, LevelValues } from '../../../src/lib/contract';
import { totalKind } from '../../../src/lib/contract/levels';

const lv = (o: Partial<LevelValues>): LevelValues => ({
  layer: 'sr', ids: ['a', 'b', 'c', 'd'], names: ['A', 'B', 'C', 'D'], parent: new Int32Array([0, 0, 0, 0]),
  values: new Float64Array([NaN, NaN, NaN, 12]), status: ['secret', 'secondary', 'unreliable', 'ok'], marks: ['primary', 'secondary', null, null], small: [false, false, true, false],
  ...o,
});

describe('disclosure on the plain map', () => {
  it('· for hidden, / for unreliable; nothing where every value is shown', () => {
    expect(mapSymbols(lv({}))).toEqual(['·', '·', '/', null]);
    expect(mapSymbols(lv({ status: ['ok', 'ok', 'missing', 'zero'] }))).toBeNull();
    expect(markLabel('secret', 'primary')).toBe('primär');
    expect(markLabel('secondary', 'secondary')).toBe('sekundär');
  });
  it('legend: the no-value row is split into · geheim (primär/sekundär) and / nicht sicher genug', () => {
    const base = buildLegend({ breaks: [10, 20], counts: [1], missing: 3 }, [[255, 0, 0]], { lang: 'de' });
    const rows = withDisclosureRows(base, lv({}));
    expect(rows.map((r) => [r.classIndex, r.count])).toEqual([[0, 1], [SECRET_CLASS, 2], [UNRELIABLE_CLASS, 1], [-1, 0]]);
    expect(rows[1].label).toBe('· geheim');
    expect(rows[1].note).toBe('1 primär, 1 sekundär');
  });
  it('a value the source kept secret counts as „· geheim (Quelle)“, not „keine Angabe“ (QA-18)', () => {
    const base = buildLegend({ breaks: [10, 20], counts: [1], missing: 3 }, [[255, 0, 0]], { lang: 'de' });
    const src = lv({ status: ['secret', 'missing', 'ok', 'ok'], marks: ['source', null, null, null] });
    const rows = withDisclosureRows(base, src);
    expect(rows.map((r) => [r.classIndex, r.label, r.note, r.count])).toEqual([
      [0, expect.any(String), undefined, 1], [SECRET_CLASS, '· geheim (Quelle)', undefined, 1], [-1, 'keine Angabe', undefined, 2],
    ]);
    const mixed = withDisclosureRows(base, lv({ marks: ['source', 'secondary', null, null] }));
    expect([mixed[1].label, mixed[1].note]).toEqual(['· geheim', '0 primär, 1 sekundär, 1 in der Quelle']);
    expect([markLabel('secret', 'source'), markSup('source'), markSup('primary'), markSup(null)]).toEqual(['Quelle', 'Q', 'p', '']);
    expect([noClassText('secret', 'source'), noClassText('secondary', 'secondary'), noClassText('missing', null)]).toEqual(['· geheim (Quelle)', '· geheim', 'keine Angabe']);
  });
  it('hidden and unreliable areas get their legend colours on the map', () => {
    const { classOf, colors } = disclosureFill(new Int16Array([-1, -1, -1, 0]), [[255, 0, 0]], lv({}));
    expect(Array.from(classOf)).toEqual([1, 1, 2, 0]);
    expect(colors).toHaveLength(3);
  });
  it('tooltip references: parent value and the total, symbols where hidden', () => {
    const series: LevelSeries = {
      levels: [lv({}), { ...lv({}), layer: 'gem', ids: ['G'], names: ['Gemeinde G'], parent: new Int32Array([0]), values: new Float64Array([NaN]), status: ['secondary'], marks: ['secondary'], small: [false] }, { ...lv({}), layer: null, ids: ['gesamt'], names: ['gesamt'], parent: null, values: new Float64Array([40]), status: ['ok'], marks: [null], small: [false] }],
      at: 0, notAggregable: null, primary: 1, secondary: 2, unaudited: 0, roles: {}, sums: [], links: [],
    };
    expect(referenceLines(series, 3)).toEqual(['Gemeinde G: ·', 'Gesamt: 40']);
    // the total is named after what it is: a Kreis above Gemeinden, else the Stadt (one rule with the report)
    expect(referenceLines({ ...series, total: totalKind(['Gemeinden']) }, 3)).toEqual(['Gemeinde G: ·', 'Kreis: 40']);
    expect(referenceLines({ ...series, total: totalKind(['Stadtbezirke']) }, 3)).toEqual(['Gemeinde G: ·', 'Stadt: 40']);
  });
});
