import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import AreaDetail from '../../src/components/index/AreaDetail.svelte';
import IndicatorList from '../../src/components/index/IndicatorList.svelte';
import { computeIndex } from '../../src/lib/analysis/sozialindex';
import { DISCLOSURE_ORDER, type IndexRun } from '../../src/lib/contract';
import { SozialindexState } from '../../src/lib/state/sozialindex.svelte';
import { AppState } from '../../src/lib/state/app.svelte';
import { MapState } from '../../src/lib/state/map.svelte';
import { fakeStarter } from '../helpers/fakeEngine';

afterEach(cleanup);

/** Two areas, one rate indicator in %: Nord 12,5 %, Süd not reliable („/“); no comparison area chosen. */
function ix(totalLabel: string, reference: Float64Array | null = null, source?: Uint8Array): SozialindexState {
  const ids = ['n', 's'];
  const values = [Float64Array.from([12.5, 3])];
  const base = computeIndex({ ids, values, names: ['Kinderarmut'] }, { minPopulation: 0, breaks: [0] });
  const run: IndexRun = { ids, names: ['Nord', 'Süd'], indicatorNames: ['Kinderarmut'], year: '2024', preset: 'standard', base, values, population: null, status: null, domains: null };
  const code = (s: string) => DISCLOSURE_ORDER.indexOf(s as never);
  return {
    run,
    years: ['2024'],
    indicators: [{ uid: 1, name: 'Kinderarmut', unit: '%' }],
    summaries: [{ name: 'Kinderarmut', years: [{ year: '2024', values: values[0], disclosure: Uint8Array.from([code('ok'), code(source ? 'secret' : 'unreliable')]), ...(source ? { source } : {}), mean: 10, fromMean: Float64Array.from([2.5, -7]), fromReference: reference, hist: { min: 3, max: 12.5, counts: [1, 1] } }] }],
    zSymbol: (_j: number, i: number) => (i === 1 ? '/' : null),
    totalLabel,
  } as unknown as SozialindexState;
}

const cells = (row: number) => within(screen.getByTestId('ix-area-detail')).getAllByRole('row')[row].querySelectorAll('th, td');
const texts = (row: number) => Array.from(cells(row), (c) => c.textContent?.trim());

describe('Sozialindex area detail (QA-24)', () => {
  it('unit after the number with a space, a symbol alone; the reference is named „Kreis“ on a Kreis; no „Abw. Vergleich“ column without a comparison area', () => {
    render(AreaDetail, { ix: ix('Kreis'), i: 0 });
    expect(texts(0)).toEqual(['Indikator', 'Wert', 'Kreis', 'Abw. Kreis', 'z (Richtung)']);
    expect(texts(1).slice(0, 3)).toEqual(['Kinderarmut', '12,5 %', '10,0 %']);
    cleanup();
    render(AreaDetail, { ix: ix('Stadt'), i: 1 });
    expect(texts(1).slice(0, 2)).toEqual(['Kinderarmut', '/']);
    expect(texts(0)[2]).toBe('Stadt');
  });
  it('a value the source kept secret: „· geheim (Quelle)“ with the reason, deviation „·“ — never „x“ (QA-18)', () => {
    render(AreaDetail, { ix: ix('Stadt', null, Uint8Array.from([0, 1])), i: 1 });
    expect(texts(1).slice(0, 4)).toEqual(['Kinderarmut', '· geheim (Quelle)', '10,0 %* (1)', '·']);
    expect(cells(1)[1].getAttribute('title')).toMatch(/in der eingelesenen Datei geheim gehalten/);
    expect(cells(1)[1].getAttribute('data-mark')).toBe('source');
  });
  it('a city value pooled without the secret area says so: „10,0 %* (1)“, its reason as title, a note under the table (METHODS §8: the real total is unknown, the report shows „·q“)', () => {
    render(AreaDetail, { ix: ix('Stadt', null, Uint8Array.from([0, 1])), i: 0 });
    expect(texts(1).slice(0, 3)).toEqual(['Kinderarmut', '12,5 %', '10,0 %* (1)']);
    expect(cells(1)[2].getAttribute('title')).toBe('Der Stadtwert ist unbekannt: 1 Gebiet(e) sind schon in der Quelle geheim („·“; im Bericht „·q“). Dieser Wert ist Σ Zähler / Σ Nenner der übrigen Gebiete.');
    expect(screen.getByTestId('ix-area-pooled').textContent).toMatch(/^\* Stadt ohne geheime Gebiete: .* Der Stadtwert selbst ist damit unbekannt/);
    cleanup();
    // nothing secret: the plain value, no note
    render(AreaDetail, { ix: ix('Stadt'), i: 0 });
    expect(texts(1)[2]).toBe('10,0 %');
    expect(screen.queryByTestId('ix-area-pooled')).toBeNull();
  });
  it('the indicator list names the pooled value „Stadt ohne geheime Gebiete (1)“ (year table „*“ + note)', () => {
    const state = Object.assign(ix('Stadt', null, Uint8Array.from([0, 1])), {
      settings: { year: '2024' }, years: ['2024', '2024b'], columns: () => ['SGB2_U15', 'EW_U15'],
      disclosure: { minCount: 3, minNumerator: 3, minDenominator: 100 }, projectDisclosure: { enabled: false },
    });
    (state.summaries![0].years as unknown[]).push({ ...state.summaries![0].years[0], year: '2024b', source: undefined });
    state.summaries![0].years[1].source = undefined;
    render(IndicatorList, { ix: state });
    const mean = screen.getByText(/^Stadt ohne geheime Gebiete/);
    expect(mean.textContent).toBe('Stadt ohne geheime Gebiete (1): 10,0 %');
    expect(mean.getAttribute('title')).toMatch(/^Der Stadtwert ist unbekannt: 1 Gebiet/);
    const years = screen.getByTestId('ix-years');
    expect(Array.from(years.querySelectorAll('tbody td'), (c) => c.textContent)).toEqual(['Kinderarmut', '10,0* (1)', '10,0']);
    expect(screen.getByTestId('ix-pooled-note')).toBeTruthy();
  });
  it('an area left out of the index says why as a sentence of its own („Werte fehlen.“ — not „Werte fehlen 3.738 Einwohner“)', () => {
    const state = ix('Stadt');
    (state.run!.base.excluded as unknown as (string | null)[])[1] = 'missingValues';
    (state.run as { population: Float64Array | null }).population = Float64Array.from([5000, 3738]);
    render(AreaDetail, { ix: state, i: 1 });
    expect(screen.getByTestId('ix-area-detail').querySelector('p')!.textContent!.replace(/\s+/g, ' ')).toMatch(/Werte fehlen\. 3\.738 Einwohner\.$/);
  });
  it('an area left out because the source kept its value secret says „· geheim (Quelle).“ with the reason as title (qa6)', () => {
    const state = ix('Stadt', null, Uint8Array.from([0, 1]));
    (state.run!.base.excluded as unknown as (string | null)[])[1] = 'sourceSecret';
    render(AreaDetail, { ix: state, i: 1 });
    const head = screen.getByTestId('ix-area-detail').querySelector('p')!;
    expect(head.textContent!.replace(/\s+/g, ' ').trim()).toMatch(/ · geheim \(Quelle\)\.$/);
    expect(head.textContent).not.toMatch(/Werte fehlen/);
    expect(head.querySelector('strong')!.getAttribute('title')).toMatch(/^· geheim \(Quelle\): in der eingelesenen Datei geheim gehalten/);
  });
  it('a population the source kept secret: „EW · geheim (Quelle).“ and „Einwohner: · geheim (Quelle).“ — not „EW fehlt. – Einwohner.“ (qa7)', () => {
    const state = ix('Stadt');
    (state.run!.base.excluded as unknown as (string | null)[])[1] = 'populationSecret';
    Object.assign(state.run!, { population: Float64Array.from([5000, NaN]), populationSource: Uint8Array.from([0, 1]) });
    render(AreaDetail, { ix: state, i: 1 });
    const head = screen.getByTestId('ix-area-detail').querySelector('p')!;
    expect(head.textContent!.replace(/\s+/g, ' ').trim()).toMatch(/ EW · geheim \(Quelle\)\. Einwohner: · geheim \(Quelle\)\.$/);
    expect(head.querySelector('strong')!.getAttribute('title')).toMatch(/^EW · geheim \(Quelle\): die Einwohnerzahl ist in der eingelesenen Datei geheim gehalten/);
    expect(head.querySelector('[data-mark="source"]')).not.toBeNull();
    expect(head.textContent).not.toMatch(/EW fehlt|– Einwohner/);
  });
  it('status × dynamics: the dynamics of the area, or why it has none (qa7)', () => {
    const state = ix('Stadt');
    const cls = Int32Array.from([2, 0]);
    Object.assign(state.run!, { status: { from: '2022', dynamicsScore: Float64Array.from([0.4, NaN]), dynamicsZ: Float64Array.from([0.4, NaN]), dynamicsClass: cls, group: Int32Array.from([5, 0]), dz: [], dynamicsExcluded: [null, 'startSecret'] } });
    (state.run!.base.classes as Int32Array).set([2, 3]);
    (state.run as { population: Float64Array | null }).population = Float64Array.from([5526, 3738]);
    render(AreaDetail, { ix: state, i: 0 });
    expect(screen.getByTestId('ix-area-dynamics').textContent!.replace(/\s+/g, ' ').trim()).toBe('Dynamik 2022–2024: stabil.');
    // a sentence of its own after the population („5.526 Einwohner. Dynamik …“, not „Einwohner.Dynamik“)
    expect(screen.getByTestId('ix-area-detail').querySelector('p')!.textContent!.replace(/\s+/g, ' ')).toMatch(/5\.526 Einwohner\. Dynamik 2022–2024: stabil\./);
    cleanup();
    render(AreaDetail, { ix: state, i: 1 });
    const d = screen.getByTestId('ix-area-dynamics');
    expect(d.textContent!.replace(/\s+/g, ' ').trim()).toBe('Dynamik 2022–2024: Startwert 2022 · geheim (Quelle).');
    expect(d.querySelector('strong')!.getAttribute('title')).toMatch(/^Keine Dynamik 2022–2024: ein Indikatorwert des Startjahrs 2022/);
  });
  it('with a comparison area the column is there', () => {
    render(AreaDetail, { ix: ix('Stadt', Float64Array.from([1.5, 0])), i: 0 });
    expect(texts(0)).toContain('Abw. Vergleich');
    expect(texts(1)[4]).toBe('1,5');
  });
});

describe('what the index calls the pooled value', () => {
  it('„Kreis“ when a layer of Gemeinden is above the index layer, else „Stadt“ (contract totalKind, as the report)', () => {
    const app = new AppState(fakeStarter({}));
    const s = new SozialindexState(app, new MapState(app));
    app.layers = [{ table: 'sr', label: 'Sozialräume', parentLayer: 'gem' }, { table: 'gem', label: 'Gemeinden' }] as never;
    s.layer = 'sr';
    expect(s.totalLabel).toBe('Kreis');
    s.layer = 'gem';
    expect(s.totalLabel).toBe('Stadt');
  });
});
