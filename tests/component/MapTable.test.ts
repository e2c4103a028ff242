import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import MapTable from '../../src/components/MapTable.svelte';
import { AppState } from '../../src/lib/state/app.svelte';
import { MapState } from '../../src/lib/state/map.svelte';
import { fakeStarter } from '../helpers/fakeEngine';
import { computeIndex } from '../../src/lib/analysis/sozialindex';
import { buildIndexMap, type IndexMapView } from '../../src/lib/map/indexMaps';
import type { ExclusionCode, IndexRun, TimeSeriesResult } from '../../src/lib/contract';

afterEach(() => cleanup());

describe('map table', () => {
  it('shows a missing value as „x“ (keine Angabe) and a true zero as 0 — „–“ would read as „genau null“', () => {
    const map = new MapState(new AppState(fakeStarter({})));
    map.layer = 'l';
    map.column = 'SGB II';
    map.result = {
      values: Float64Array.from([610, 0, NaN]),
      ids: ['05', '04', '03'],
      names: ['Süd', 'West', 'Hafen'],
      classes: { breaks: [0, 300, 610], counts: [1, 1], missing: 1, classOf: Int16Array.from([1, 0, -1]) } as never,
    };
    render(MapTable, { map });
    const cells = Array.from(screen.getByTestId('map-table').querySelectorAll('tbody tr'), (r) => [r.children[1].textContent, r.children[2].textContent?.trim()]);
    expect(cells).toContainEqual(['Hafen', 'x']);
    expect(cells.find((c) => c[0] === 'West')?.[1]).toMatch(/^0/);
    expect(cells.flat()).not.toContain('–');
  });
});

describe('map table of a Sozialindex map', () => {
  const POPULATION_TITLE = 'EW · geheim (Quelle): die Einwohnerzahl ist in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend';
  /**
   * Nord, Mitte scored; Hafen without a value (missing in the file); Markt excluded because its value of `sourceYear` was „·“
   * at the source. The year map reads the time series' codes of the year shown (2023), the others the run's (2024).
   */
  function indexMap(view: IndexMapView = 'class', sourceYear = '2024', hafen: 'missingValues' | 'populationSecret' = 'missingValues'): MapState {
    const ids = ['n', 'm', 'h', 'k'];
    const values = [Float64Array.from([12.5, 20, NaN, NaN]), Float64Array.from([3, 8, 5, NaN])];
    const base = computeIndex({ ids, values, names: ['Kinderarmut', 'SGB II'] }, { minPopulation: 0, breaks: [0] });
    // the reasons computeIndexRun (and timeSeries per year) gives: the engine decides, the map reads them
    const codes = (y: string): (ExclusionCode | null)[] => [null, null, hafen, y === sourceYear ? 'sourceSecret' : null];
    base.excluded = codes('2024');
    const run: IndexRun = { ids, names: ['Nord', 'Mitte', 'Hafen', 'Markt'], indicatorNames: ['Kinderarmut', 'SGB II'], year: '2024', preset: 'standard', base, values, population: null, status: null, domains: null };
    const series: TimeSeriesResult = {
      mode: 'each', baseYear: null, years: ['2023', '2024'], score: [base.score, base.score], rank: [base.rank, base.rank], classes: [base.classes, base.classes],
      rankChange: [], excluded: [codes('2023'), codes('2024')],
    };
    const custom = buildIndexMap(view, run, { series, seriesYear: 0 })!;
    const map = new MapState(new AppState(fakeStarter({})));
    map.layer = 'l';
    map.custom = custom;
    const missing = Array.from(custom.classOf).filter((c) => c < 0).length;
    map.result = { values: custom.values, ids, names: run.names, classes: { breaks: [], classOf: custom.classOf, counts: [2, 0], missing } as never };
    return map;
  }
  const row = (name: string) => Array.from(screen.getByTestId('map-table').querySelectorAll('tbody tr')).find((r) => r.children[1].textContent === name)!;

  it('an area excluded because a value was secret at the source says so: „·“ with the reason, class „· geheim (Quelle)“ — not „x keine Angabe“', () => {
    const map = indexMap();
    render(MapTable, { map });
    const markt = row('Markt');
    expect(markt.children[2].getAttribute('data-mark')).toBe('source');
    expect(markt.children[2].getAttribute('title')).toBe('· geheim (Quelle): in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend');
    expect(markt.children[2].textContent).toMatch(/^·Q/);
    expect(markt.children[3].textContent?.trim()).toBe('· geheim (Quelle)');
    // a value simply missing in the file stays „x keine Angabe“
    const hafen = row('Hafen');
    expect(hafen.children[2].textContent?.trim()).toBe('x');
    expect(hafen.children[3].textContent?.trim()).toBe('keine Angabe');
    // the legend counts it apart, the tooltip reads the same status
    const legend = map.legend.map((e) => [e.label, e.count]);
    expect(legend).toContainEqual(['· geheim (Quelle)', 1]);
    expect(legend).toContainEqual(['keine Angabe', 1]);
    expect(map.disclosed?.marks).toEqual([null, null, null, 'source']);
  });

  it('an area left out because the source kept its population secret is dotted too, like „EW · geheim (Quelle)“ in the table (qa7)', () => {
    const map = indexMap('class', '2024', 'populationSecret');
    render(MapTable, { map });
    expect(row('Hafen').children[2].getAttribute('data-mark')).toBe('source');
    expect(row('Hafen').children[3].textContent?.trim()).toBe('· geheim (Quelle)');
    // the cell's title names the population, the app's words for „EW · geheim (Quelle)“
    expect(row('Hafen').children[2].getAttribute('title')).toBe(POPULATION_TITLE);
    expect(map.legend.map((e) => [e.label, e.count])).toContainEqual(['· geheim (Quelle)', 2]);
  });

  it('the year map dots an area whose population of the year shown was „·“ at the source, with that reason (not „keine Angabe“)', () => {
    const map = indexMap('year', '2024', 'populationSecret');
    render(MapTable, { map });
    expect(row('Hafen').children[2].getAttribute('data-mark')).toBe('source');
    expect(row('Hafen').children[2].getAttribute('title')).toBe(POPULATION_TITLE);
    expect(row('Hafen').children[3].textContent?.trim()).toBe('· geheim (Quelle)');
    // Markt's secret is of 2024, the map shows 2023
    expect(row('Markt').children[3].textContent?.trim()).toBe('keine Angabe');
    expect(map.legend.map((e) => [e.label, e.count])).toContainEqual(['· geheim (Quelle)', 1]);
    expect(map.disclosed?.reasons).toEqual([null, null, POPULATION_TITLE, null]);
  });

  it('the year map takes the secrets of the year it shows', () => {
    render(MapTable, { map: indexMap('year', '2023') });
    expect(row('Markt').children[3].textContent?.trim()).toBe('· geheim (Quelle)');
    cleanup();
    // class map of 2024: the 2023 secret does not explain it
    render(MapTable, { map: indexMap('class', '2023') });
    expect(row('Markt').children[3].textContent?.trim()).toBe('keine Angabe');
  });
});
