import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import ResultsTable from '../../src/components/index/ResultsTable.svelte';
import { computeIndex } from '../../src/lib/analysis/sozialindex';
import { DEFAULT_INDEX_SETTINGS, type IndexRun } from '../../src/lib/contract';
import { computeIndexRun, type IndexData } from '../../src/lib/engine/sozialindex';
import { i18n } from '../../src/lib/state/i18n.svelte';

afterEach(() => {
  cleanup();
  i18n.set('de');
});

/**
 * Five areas, one indicator 1, 2, 3, 4, missing: z over the four valid areas with mean 2.5 and
 * sd (n − 1) = √(5/3) ≈ 1.291, so scores −1.16, −0.39, 0.39, 1.16; "Ost" has no value.
 */
function run(): IndexRun {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const base = computeIndex({ ids, values: [Float64Array.from([1, 2, 3, 4, NaN])], names: ['Quote'] }, { minPopulation: 0, breaks: [0] });
  return {
    ids, names: ['Nord', 'Süd', 'West', 'Mitte', 'Ost'], indicatorNames: ['Quote'], year: '2024', preset: 'standard',
    base, values: [Float64Array.from([1, 2, 3, 4, NaN])], population: null, status: null, domains: null,
  };
}

const names = () => within(screen.getByTestId('ix-results')).getAllByRole('row').slice(1).map((r) => r.children[1].textContent);

describe('Sozialindex results table', () => {
  it('lists areas by rank with hand-computed scores, the area without a value last', () => {
    render(ResultsTable, { run: run(), classNames: ['unter 0', 'ab 0'] });
    expect(names()).toEqual(['Mitte', 'West', 'Süd', 'Nord', 'Ost']);
    const rows = within(screen.getByTestId('ix-results')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.children[2].textContent)).toEqual(['1,16', '0,39', '-0,39', '-1,16', '–']);
    expect(rows[0].children[3].textContent).toBe('ab 0');
    expect(rows[4].children[4].textContent).toContain('Werte fehlen');
  });

  it('sorts by name, by score in both directions (missing always last) and marks the sort column', async () => {
    render(ResultsTable, { run: run(), classNames: ['unter 0', 'ab 0'] });
    await fireEvent.click(screen.getByRole('button', { name: 'Gebiet' }));
    expect(names()).toEqual(['Mitte', 'Nord', 'Ost', 'Süd', 'West']);
    const score = screen.getByRole('button', { name: 'Index' });
    await fireEvent.click(score);
    expect(names()).toEqual(['Mitte', 'West', 'Süd', 'Nord', 'Ost']);
    expect(score.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    await fireEvent.click(score);
    expect(names()).toEqual(['Nord', 'Süd', 'West', 'Mitte', 'Ost']);
    expect(score.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
  });

  it('selects an area on row click and toggles the outlier mark without selecting', async () => {
    const onselect = vi.fn(), ontoggle = vi.fn();
    render(ResultsTable, { run: run(), classNames: ['unter 0', 'ab 0'], onselect, ontoggle, outliers: ['c'] });
    const rows = within(screen.getByTestId('ix-results')).getAllByRole('row').slice(1);
    await fireEvent.click(rows[1]);
    expect(onselect).toHaveBeenCalledWith(2);
    // a checkbox column „Ausreißer?“, ticked only for the marked area — no row carries the word „Ausreißer“ as a label (QA-23)
    const boxes = screen.getAllByTestId('ix-outlier') as HTMLInputElement[];
    expect(boxes.map((b) => b.checked)).toEqual([false, true, false, false, false]);
    expect(screen.getByRole('columnheader', { name: 'Ausreißer?' })).toBeTruthy();
    expect(rows.map((r) => r.textContent).filter((x) => /Ausreißer/.test(x ?? ''))).toEqual([]);
    const west = within(rows[1]).getByRole('checkbox', { name: 'West als Ausreißer aus der Bezugsgröße nehmen' });
    await fireEvent.click(west);
    expect(ontoggle).toHaveBeenCalledWith('c');
    expect(onselect).toHaveBeenCalledTimes(1);
  });

  it('tells the map which area’s row is under the pointer (the map outlines it), and when it leaves', async () => {
    const onhover = vi.fn();
    render(ResultsTable, { run: run(), classNames: ['unter 0', 'ab 0'], onhover });
    const rows = within(screen.getByTestId('ix-results')).getAllByRole('row').slice(1);
    await fireEvent.mouseEnter(rows[1]);
    expect(onhover).toHaveBeenLastCalledWith(2);
    await fireEvent.mouseLeave(rows[1]);
    expect(onhover).toHaveBeenLastCalledWith(null);
  });

  it('tints the row of the area under the pointer on the map', () => {
    render(ResultsTable, { run: run(), classNames: ['unter 0', 'ab 0'], hovered: 2 });
    const rows = within(screen.getByTestId('ix-results')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.classList.contains('hov'))).toEqual([false, true, false, false, false]);
  });

  it('an area left out because the source kept a value secret says „· geheim (Quelle)“ with the reason — not „Werte fehlen“ (qa6)', () => {
    const r = run();
    // as computeIndexRun marks it when the missing value was „·“ in the file (tests/unit/index/sourceSecret.test.ts)
    (r.base.excluded as unknown as (string | null)[])[4] = 'sourceSecret';
    render(ResultsTable, { run: r, classNames: ['unter 0', 'ab 0'] });
    const rows = within(screen.getByTestId('ix-results')).getAllByRole('row').slice(1);
    const flag = rows[4].children[4].querySelector('.flag')!;
    expect(flag.textContent).toBe('· geheim (Quelle)');
    expect(flag.getAttribute('title')).toBe('· geheim (Quelle): in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend');
    expect(flag.getAttribute('data-reason')).toBe('sourceSecret');
    expect(rows[4].textContent).not.toMatch(/Werte fehlen/);
    cleanup();
    i18n.set('en');
    render(ResultsTable, { run: r, classNames: ['below 0', '0 and above'] });
    const en = within(screen.getByTestId('ix-results')).getAllByRole('row')[5].querySelector('.flag')!;
    expect(en.textContent).toBe('· secret (source)');
    expect(en.getAttribute('title')).toMatch(/^· secret \(source\): kept secret or unknown/);
    // a plain gap keeps its words and has no title
    cleanup();
    i18n.set('de');
    render(ResultsTable, { run: run(), classNames: ['unter 0', 'ab 0'] });
    const gap = within(screen.getByTestId('ix-results')).getAllByRole('row')[5].querySelector('.flag')!;
    expect([gap.textContent, gap.getAttribute('title')]).toEqual(['Werte fehlen', null]);
  });

  it('an area left out because the source kept its population secret says „EW · geheim (Quelle)“ — not „EW fehlt“ (qa7)', () => {
    const r = run();
    (r.base.excluded as unknown as (string | null)[])[4] = 'populationSecret';
    render(ResultsTable, { run: r, classNames: ['unter 0', 'ab 0'] });
    const flag = within(screen.getByTestId('ix-results')).getAllByRole('row')[5].querySelector('.flag')!;
    expect([flag.textContent, flag.getAttribute('data-reason')]).toEqual(['EW · geheim (Quelle)', 'populationSecret']);
    expect(flag.getAttribute('title')).toBe('EW · geheim (Quelle): die Einwohnerzahl ist in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend');
  });

  it('status × dynamics: an area with a status but no dynamics says why in the dynamics column — start value secret at the source or missing (qa7)', () => {
    // six areas, SGB-II-Quote 2022 → 2024; G's 2022 value „·“ in the file, H's 2022 value empty
    const ids = ['a', 'b', 'c', 'd', 'g', 'h'];
    const f = (xs: number[]) => Float64Array.from(xs);
    const data: IndexData = {
      ids, names: ['Nord', 'Süd', 'West', 'Mitte', 'Gartenstadt', 'Hafen'], years: ['2022', '2024'],
      columns: { SGB2: [f([10, 22, 30, 35, NaN, NaN]), f([12, 20, 36, 33, 15, 25])], BEV: [f(ids.map(() => 100)), f(ids.map(() => 100))] },
      secret: { SGB2: [Uint8Array.from([0, 0, 0, 0, 1, 0]), null] },
    };
    const r = computeIndexRun(data, [{ name: 'SGB-II-Quote', numerator: 'SGB2', denominator: 'BEV', scale: 100, polarity: 1, weight: 1 }], null,
      { ...DEFAULT_INDEX_SETTINGS, preset: 'status_dynamik', year: '2024', minPopulation: 0 });
    render(ResultsTable, { run: r, classNames: ['Status hoch', 'Status mittel', 'Status niedrig', 'Status sehr niedrig'] });
    const rows = within(screen.getByTestId('ix-results')).getAllByRole('row').slice(1);
    const byName = (n: string) => rows.find((row) => row.children[1].textContent === n)!;
    const g = byName('Gartenstadt').children[4].querySelector('.flag')!;
    expect(byName('Gartenstadt').children[3].textContent).not.toBe('–');
    expect([g.textContent, g.getAttribute('data-reason')]).toEqual(['Startwert 2022 · geheim (Quelle)', 'startSecret']);
    expect(g.getAttribute('title')).toMatch(/^Keine Dynamik 2022–2024: ein Indikatorwert des Startjahrs 2022 ist in der eingelesenen Datei geheim gehalten/);
    const h = byName('Hafen').children[4].querySelector('.flag')!;
    expect([h.textContent, h.getAttribute('data-reason')]).toEqual(['Startwert 2022 fehlt', 'startMissing']);
    // an area with dynamics shows its class; no flag in the „Hinweise“ column for either
    expect(byName('Nord').children[4].textContent).toMatch(/^(positiv|stabil|negativ)$/);
    expect(byName('Gartenstadt').children[5].textContent?.trim()).toBe('');
  });

  it('hides the z-value of a suppressed rate with its symbol and does not let it steer the order', async () => {
    render(ResultsTable, { run: run(), classNames: ['unter 0', 'ab 0'], hidden: (_j: number, i: number) => (i === 1 ? '·' : null) });
    const quote = screen.getByRole('button', { name: 'Quote' });
    await fireEvent.click(quote);
    expect(names()).toEqual(['Nord', 'West', 'Mitte', 'Süd', 'Ost']);
    const rows = within(screen.getByTestId('ix-results')).getAllByRole('row').slice(1);
    expect(rows[3].lastElementChild!.textContent).toBe('·');
    await fireEvent.click(quote);
    expect(names().slice(0, 3)).toEqual(['Mitte', 'West', 'Nord']);
  });
});
