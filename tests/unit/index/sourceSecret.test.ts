import { describe, expect, it } from 'vitest';
import { computeIndexRun, sourceSecretOf, type IndexData } from '../../../src/lib/engine/sozialindex';
import { DEFAULT_INDEX_SETTINGS, type IndicatorSpec } from '../../../src/lib/contract';
import { timeSeries } from '../../../src/lib/engine/indexTimeSeries';
import { buildIndexMap, dynamicsReasonLabel, dynamicsReasonTitle, exclusionLabel, exclusionTitle } from '../../../src/lib/map/indexMaps';

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

/**
 * The population column kept secret by the source (qa7), apart from the indicators (EW is not a denominator):
 *
 *   area   SGB2 2024   BEV 2024   EW 2024   expected reason (minimum 300 EW)
 *   a..d   10…40       100…       500       scored
 *   q      12          100        „·“       populationSecret („EW · geheim (Quelle)“, was „EW fehlt“)
 *   r      12          100        (empty)   noPopulation („EW fehlt“)
 *   u      „·“         100        „·“       sourceSecret (the indicator's own secret comes first)
 *   v      (empty)     (empty)    „·“       populationSecret (was „keine Daten“: the source has a value)
 */
describe('Sozialindex: the population kept secret by the source', () => {
  const pids = ['a', 'b', 'c', 'd', 'q', 'r', 'u', 'v'];
  const at = (...i: number[]) => { const u = new Uint8Array(pids.length); for (const k of i) u[k] = 1; return u; };
  const pdata: IndexData = {
    ids: pids, names: pids.map((x) => x.toUpperCase()), years: ['2024'],
    columns: {
      SGB2: [f([10, 20, 30, 40, 12, 12, N, N])],
      BEV: [f([100, 100, 100, 100, 100, 100, 100, N])],
      EW: [f([500, 500, 500, 500, N, N, N, N])],
    },
    secret: { SGB2: [at(6)], EW: [at(4, 6, 7)] },
  };
  const quote: IndicatorSpec[] = [{ name: 'SGB-II-Quote', numerator: 'SGB2', denominator: 'BEV', scale: 100, polarity: 1, weight: 1 }];
  const s = { ...DEFAULT_INDEX_SETTINGS, year: '2024', minPopulation: 300 };

  it('says „EW · geheim (Quelle)“ where it said „EW fehlt“ or „keine Daten“; a plain gap and an indicator secret keep theirs', () => {
    const run = computeIndexRun(pdata, quote, 'EW', s);
    expect(run.base.excluded).toEqual([null, null, null, null, 'populationSecret', 'noPopulation', 'sourceSecret', 'populationSecret']);
    expect(Array.from(run.populationSource!)).toEqual([0, 0, 0, 0, 1, 0, 1, 1]);
    expect(exclusionLabel(run, 4, 'de')).toBe('EW · geheim (Quelle)');
    expect(exclusionTitle(run, 4, 'de')).toBe('EW · geheim (Quelle): die Einwohnerzahl ist in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend');
    expect(exclusionLabel(run, 4, 'en')).toBe('population · secret (source)');
    expect(exclusionLabel(run, 5, 'de')).toBe('EW fehlt');
    expect(exclusionTitle(run, 5, 'de')).toBeUndefined();
    // without the source's flags: the old words
    const plain = computeIndexRun({ ...pdata, secret: undefined }, quote, 'EW', s);
    expect(plain.base.excluded).toEqual([null, null, null, null, 'noPopulation', 'noPopulation', 'noData', 'noData']);
    expect(plain.populationSource).toBeUndefined();
  });

  it('without a minimum the secret population leaves the area in (scored, no flag), and a scored outlier stays „Ausreißer“', () => {
    const run = computeIndexRun(pdata, quote, 'EW', { ...s, minPopulation: 0, outliers: ['q', 'r'] });
    expect(run.base.excluded.slice(4, 6)).toEqual(['outlier', 'outlier']);
    expect(run.base.rank[4]).toBeGreaterThan(0);
  });
});

/**
 * Status × dynamics (preset status_dynamik, 2022 → 2024): an area with a status class but no dynamics class
 * says why — the start value secret at the source or missing (qa7).
 *
 *   area   SGB2 2022   SGB2 2024   dynamics
 *   a..e   values      values      a class
 *   g      „·“         15          startSecret („Startwert 2022 · geheim (Quelle)“)
 *   h      (empty)     25          startMissing („Startwert 2022 fehlt“)
 *   k      10          (empty)     none: the status is out already („keine Daten“ in 2024)
 */
describe('Sozialindex status × dynamics: why an area has no dynamics', () => {
  const dids = ['a', 'b', 'c', 'd', 'e', 'g', 'h', 'k'];
  const ddata: IndexData = {
    ids: dids, names: dids.map((x) => x.toUpperCase()), years: ['2022', '2024'],
    columns: {
      SGB2: [f([10, 22, 30, 35, 20, N, N, 10]), f([12, 20, 36, 33, 28, 15, 25, N])],
      BEV: [f(dids.map(() => 100)), f(dids.map(() => 100))],
    },
    secret: { SGB2: [Uint8Array.from([0, 0, 0, 0, 0, 1, 0, 0]), null] },
  };
  const quote: IndicatorSpec[] = [{ name: 'SGB-II-Quote', numerator: 'SGB2', denominator: 'BEV', scale: 100, polarity: 1, weight: 1 }];
  const s = { ...DEFAULT_INDEX_SETTINGS, preset: 'status_dynamik' as const, year: '2024', minPopulation: 0 };

  it('codes per area, labels and titles with the start year, DE + EN', () => {
    const run = computeIndexRun(ddata, quote, null, s);
    const st = run.status!;
    expect(st.from).toBe('2022');
    expect(Array.from(run.base.classes).map((c) => c > 0)).toEqual([true, true, true, true, true, true, true, false]);
    expect(Array.from(st.dynamicsClass).map((c) => c > 0)).toEqual([true, true, true, true, true, false, false, false]);
    expect(st.dynamicsExcluded).toEqual([null, null, null, null, null, 'startSecret', 'startMissing', null]);
    expect(run.base.excluded[7]).toBe('noData');
    expect(dynamicsReasonLabel(run, 5, 'de')).toBe('Startwert 2022 · geheim (Quelle)');
    expect(dynamicsReasonTitle(run, 5, 'de')).toBe('Keine Dynamik 2022–2024: ein Indikatorwert des Startjahrs 2022 ist in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend');
    expect(dynamicsReasonLabel(run, 6, 'de')).toBe('Startwert 2022 fehlt');
    expect(dynamicsReasonTitle(run, 6, 'de')).toBe('Keine Dynamik 2022–2024: ein Indikatorwert des Startjahrs 2022 fehlt');
    expect(dynamicsReasonLabel(run, 5, 'en')).toBe('start value 2022 · secret (source)');
    expect(dynamicsReasonLabel(run, 0, 'de')).toBe('');
    expect(dynamicsReasonLabel(run, 7, 'de')).toBe('');
  });

  it('the bivariate map dots the start-secret area (mark „source“) and leaves the missing one „keine Angabe“', () => {
    const run = computeIndexRun(ddata, quote, null, s);
    const m = buildIndexMap('bivariate', run, {})!;
    expect(m.disclosure?.marks).toEqual([null, null, null, null, null, 'source', null, null]);
    // the class map: every area with a status has its class; nothing to dot
    expect(buildIndexMap('class', run, {})!.disclosure).toBeUndefined();
  });
});

/**
 * The time series knows each year's reasons (the run's rule with that year's secrets), so the year map dots an
 * area whose class in that year is missing because the source kept its population or a value secret:
 *
 *   area   SGB2 2023   EW 2023   SGB2 2024   EW 2024   2023              2024
 *   a..d   values      500       values      500       scored            scored
 *   p      12          „·“       12          500       populationSecret  scored
 *   s      12          500       „·“         500       scored            sourceSecret
 *   g      12          (empty)   12          500       noPopulation      scored (a plain gap: „keine Angabe“)
 */
describe('Sozialindex time series: per year, which areas lack a class because of a secret at the source', () => {
  const tids = ['a', 'b', 'c', 'd', 'p', 's', 'g'];
  const at = (...i: number[]) => { const u = new Uint8Array(tids.length); for (const k of i) u[k] = 1; return u; };
  const tdata: IndexData = {
    ids: tids, names: tids.map((x) => x.toUpperCase()), years: ['2023', '2024'],
    columns: {
      SGB2: [f([10, 20, 30, 40, 12, 12, 12]), f([11, 21, 31, 41, 12, N, 12])],
      BEV: [f(tids.map(() => 100)), f(tids.map(() => 100))],
      EW: [f([500, 500, 500, 500, N, 500, N]), f(tids.map(() => 500))],
    },
    secret: { SGB2: [null, at(5)], EW: [at(4), null] },
  };
  const quote: IndicatorSpec[] = [{ name: 'SGB-II-Quote', numerator: 'SGB2', denominator: 'BEV', scale: 100, polarity: 1, weight: 1 }];
  const s = { ...DEFAULT_INDEX_SETTINGS, year: '2024', minPopulation: 300 };
  const popTitle = 'EW · geheim (Quelle): die Einwohnerzahl ist in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend';
  const valueTitle = '· geheim (Quelle): in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend';

  it('gives per-year exclusion codes: the population „·“ of 2023, the value „·“ of 2024, a plain gap its own', () => {
    for (const mode of ['each', 'base'] as const) {
      const ts = timeSeries(tdata, quote, 'EW', s, mode, '2023');
      expect(ts.excluded).toEqual([
        [null, null, null, null, 'populationSecret', null, 'noPopulation'],
        [null, null, null, null, null, 'sourceSecret', null],
      ]);
      expect(Array.from(ts.classes[0]).map((c) => c > 0)).toEqual([true, true, true, true, false, true, false]);
    }
    // the run of 2024 agrees with the series' 2024
    expect(computeIndexRun(tdata, quote, 'EW', s).base.excluded).toEqual(timeSeries(tdata, quote, 'EW', s, 'each', null).excluded[1]);
  });

  it('the year map dots the area of the year shown, with the reason as its words; a plain gap stays „keine Angabe“', () => {
    const run = computeIndexRun(tdata, quote, 'EW', s);
    const series = timeSeries(tdata, quote, 'EW', s, 'each', null);
    const y23 = buildIndexMap('year', run, { series, seriesYear: 0 })!;
    expect(y23.disclosure?.status).toEqual(['ok', 'ok', 'ok', 'ok', 'secret', 'ok', 'ok']);
    expect(y23.disclosure?.marks).toEqual([null, null, null, null, 'source', null, null]);
    expect(y23.disclosure?.reasons).toEqual([null, null, null, null, popTitle, null, null]);
    const y24 = buildIndexMap('year', run, { series, seriesYear: 1 })!;
    expect(y24.disclosure?.marks).toEqual([null, null, null, null, null, 'source', null]);
    expect(y24.disclosure?.reasons?.[5]).toBe(valueTitle);
    // the class map of the run's year (2024) says the same as the year map of 2024
    expect(buildIndexMap('class', run, {})!.disclosure).toEqual(y24.disclosure);
  });
});
