import { describe, expect, it } from 'vitest';
import { computeIndexRun, sourceSecretOf, type IndexData } from '../../../src/lib/engine/sozialindex';
import { DEFAULT_INDEX_SETTINGS, type IndicatorSpec } from '../../../src/lib/contract';
import { exclusionLabel, exclusionTitle } from '../../../src/lib/map/indexMaps';

/**
 * Why an area is left out of the Sozialindex when a value was kept secret by the source („·“ in the file:
 * NaN in the table and flagged in `IndexData.secret`, see readIndexData) — „· geheim (Quelle)“, the words
 * of the maps and the area detail, not „Werte fehlen“ / „keine Daten“ / „EW fehlt“.
 *
 *   area   SGB2 2024   EW 2024   A65 2024   expected reason
 *   a..d   10/20/30/40 500       50…        scored
 *   s      „·“         500       50         sourceSecret (numerator)
 *   m      (empty)     500       50         missingValues (a plain gap; its 2023 „·“ does not count)
 *   p      „·“         100       50         minPopulation (under 300 EW: out whatever its values)
 *   o      „·“         500       50         sourceSecret (marked outlier, but no score without the value)
 *   e      20          „·“       50         sourceSecret (denominator and population; not „EW fehlt“)
 *   n      (empty)     (empty)   (empty)    noData
 */
const ids = ['a', 'b', 'c', 'd', 's', 'm', 'p', 'o', 'e', 'n'];
const N = NaN;
const f = (xs: number[]) => Float64Array.from(xs);
const flag = (...at: number[]) => { const u = new Uint8Array(ids.length); for (const i of at) u[i] = 1; return u; };
const data: IndexData = {
  ids, names: ids.map((x) => x.toUpperCase()), years: ['2023', '2024'],
  columns: {
    SGB2: [f([10, 20, 30, 40, 15, N, 5, 25, 20, N]), f([10, 20, 30, 40, N, N, N, N, 20, N])],
    EW: [f([500, 500, 500, 500, 500, 500, 100, 500, 500, N]), f([500, 500, 500, 500, 500, 500, 100, 500, N, N])],
    A65: [f([50, 60, 70, 80, 50, 50, 50, 50, 50, N]), f([50, 60, 70, 80, 50, 50, 50, 50, 50, N])],
  },
  secret: { SGB2: [flag(5), flag(4, 6, 7)], EW: [null, flag(8)] },
};
const indicators: IndicatorSpec[] = [
  { name: 'SGB-II-Quote', numerator: 'SGB2', denominator: 'EW', scale: 100, polarity: 1, weight: 1 },
  { name: 'Ältere', numerator: 'A65', denominator: null, polarity: 1, weight: 1 },
];
const settings = { ...DEFAULT_INDEX_SETTINGS, year: '2024', minPopulation: 300, outliers: ['o'] };

describe('Sozialindex: an area left out because the source kept a value secret', () => {
  it('sourceSecretOf: numerator or denominator secret in that year only', () => {
    expect(Array.from(sourceSecretOf(data, indicators, 1)!)).toEqual([0, 0, 0, 0, 1, 0, 1, 1, 1, 0]);
    expect(Array.from(sourceSecretOf(data, indicators, 0)!)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(sourceSecretOf(data, [indicators[1]], 1)).toBeNull();
  });

  it('gets the code „sourceSecret“; a plain gap, the minimum population and no data keep theirs', () => {
    const run = computeIndexRun(data, indicators, 'EW', settings);
    expect(run.base.excluded).toEqual([null, null, null, null, 'sourceSecret', 'missingValues', 'minPopulation', 'sourceSecret', 'sourceSecret', 'noData']);
    expect(Array.from(run.base.rank)).toEqual([4, 3, 2, 1, 0, 0, 0, 0, 0, 0]);
    // without the secret flags (as before): the same areas, the old words
    const plain = computeIndexRun({ ...data, secret: undefined }, indicators, 'EW', settings);
    expect(plain.base.excluded).toEqual([null, null, null, null, 'missingValues', 'missingValues', 'minPopulation', 'outlier', 'noPopulation', 'noData']);
  });

  it('is labelled with the maps\' words, the reason as title, in both languages', () => {
    const run = computeIndexRun(data, indicators, 'EW', settings);
    expect(exclusionLabel(run, 4, 'de')).toBe('· geheim (Quelle)');
    expect(exclusionTitle(run, 4, 'de')).toBe('· geheim (Quelle): in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend');
    expect(exclusionLabel(run, 4, 'en')).toBe('· secret (source)');
    expect(exclusionTitle(run, 4, 'en')).toMatch(/^· secret \(source\): kept secret or unknown in the imported file/);
    expect(exclusionLabel(run, 5, 'de')).toBe('Werte fehlen');
    expect(exclusionTitle(run, 5, 'de')).toBeUndefined();
  });
});
