import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import SmallMultiples from '../../src/components/index/SmallMultiples.svelte';
import { prepareGeometry } from '../../src/lib/geo/prepare';
import { buildIndexMap } from '../../src/lib/map/indexMaps';
import { yearMapDrawings } from '../../src/lib/map/yearMaps';
import { secretRun } from '../helpers/indexRun';

afterEach(() => cleanup());

/** Four squares in a row, one per area of the hand-made run. */
const geometry = prepareGeometry([0, 1, 2, 3].map((k) => ({
  type: 'Polygon', coordinates: [[[7 + k * 0.01, 51], [7.01 + k * 0.01, 51], [7.01 + k * 0.01, 51.01], [7 + k * 0.01, 51.01], [7 + k * 0.01, 51]]],
})));
const POPULATION_TITLE = 'EW · geheim (Quelle): die Einwohnerzahl ist in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend';

/** Hafen's population was „·“ in the file in 2023 only; Markt's values are missing in both years. */
function drawings() {
  const { run, series } = secretRun((y) => [null, null, y === '2023' ? 'populationSecret' : 'missingValues', 'missingValues']);
  return { run, series, drawings: yearMapDrawings(run, series) };
}
const maps = () => Array.from(screen.getByTestId('ix-small-multiples').querySelectorAll('svg'));
const paths = (svg: SVGElement) => Array.from(svg.querySelectorAll('path'));

describe('small year maps of the Sozialindex over time', () => {
  it('dot an area whose population of that year was „·“ in the file: grey, „·“ and the reason — the big year map’s rule, colours and words', () => {
    const { drawings: d } = drawings();
    render(SmallMultiples, { geometry, drawings: d, current: 1 });
    const [y2023, y2024] = maps();
    const hafen23 = paths(y2023)[2];
    expect(hafen23.getAttribute('data-mark')).toBe('source');
    expect(hafen23.getAttribute('fill')).toBe('rgb(120, 120, 120)');
    expect(hafen23.querySelector('title')?.textContent).toBe(`Hafen (h): ${POPULATION_TITLE}`);
    // its „·“: a dot at its label point, the only one
    expect(y2023.querySelectorAll('circle.sym')).toHaveLength(1);
    // a value simply missing stays „keine Angabe“ in its own grey, without „·“
    const markt23 = paths(y2023)[3];
    expect(markt23.getAttribute('fill')).toBe('rgb(217, 217, 217)');
    expect(markt23.querySelector('title')?.textContent).toBe('Markt (k): keine Angabe');
    expect(markt23.hasAttribute('data-mark')).toBe(false);
    // 2024: Hafen's population is known again, its values are missing
    expect(paths(y2024)[2].querySelector('title')?.textContent).toBe('Hafen (h): keine Angabe');
    expect(y2024.querySelectorAll('circle.sym')).toHaveLength(0);
    // a scored area names its class
    expect(paths(y2023)[0].querySelector('title')?.textContent).toMatch(/^Nord \(n\): /);
    expect(paths(y2023)[0].querySelector('title')?.textContent).not.toMatch(/keine Angabe|geheim/);
    // the accessible name counts them like the legend; the key has both rows; the year on the big map is framed
    expect(y2023.getAttribute('aria-label')).toBe('Klassen des Sozialindex 2023 (· geheim (Quelle): 1; keine Angabe: 1)');
    expect(y2024.getAttribute('aria-label')).toBe('Klassen des Sozialindex 2024 (keine Angabe: 2)');
    expect(screen.getByTestId('ix-sm-key').textContent).toBe('· geheim (Quelle)keine Angabe');
    expect(screen.getAllByRole('button').map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'true']);
  });

  it('draw each year as the big year map of that year (one rule: the engine’s per-year codes)', () => {
    const { run, series, drawings: d } = drawings();
    d.forEach((dr, q) => {
      const big = buildIndexMap('year', run, { series, seriesYear: q })!;
      expect(dr.legend.filter((e) => e.classIndex < 0).map((e) => [e.label, e.count])).toEqual(
        q === 0 ? [['· geheim (Quelle)', 1], ['keine Angabe', 1]] : [['keine Angabe', 2]],
      );
      expect(dr.symbols).toEqual(big.disclosure ? big.disclosure.marks.map((m) => (m === 'source' ? '·' : null)) : null);
      expect(dr.titles[2]).toBe(`Hafen (h): ${big.disclosure?.reasons?.[2] ?? 'keine Angabe'}`);
    });
  });

  it('have no key when every area has a class', () => {
    const { run, series } = secretRun(() => [null, null, null, null]);
    // classes for all four areas
    series.classes = series.classes.map(() => Int32Array.from([1, 1, 2, 2]));
    render(SmallMultiples, { geometry, drawings: yearMapDrawings(run, series) });
    expect(screen.queryByTestId('ix-sm-key')).toBeNull();
    expect(maps()[0].getAttribute('aria-label')).toBe('Klassen des Sozialindex 2023');
  });

  it('follow one area through the years: the big map’s selection and the area under the pointer are outlined in every year', async () => {
    const { drawings: d } = drawings();
    const onhover = vi.fn();
    const { rerender } = render(SmallMultiples, { geometry, drawings: d, selected: 1, hovered: null, onhover });
    const outlined = (cls: string) => maps().map((svg) => paths(svg).filter((p) => p.classList.contains(cls)).map((p) => p.getAttribute('data-feature')));
    expect(outlined('sel')).toEqual([['1'], ['1']]);
    expect(outlined('hov')).toEqual([[], []]);
    // drawn again on top, so its neighbours' edges do not cover it
    expect(maps().map((svg) => svg.querySelectorAll('path.top').length)).toEqual([1, 1]);
    // the pointer on Hafen in 2024 tells the big map; leaving the small map clears it
    await fireEvent.mouseEnter(paths(maps()[1])[2]);
    expect(onhover).toHaveBeenLastCalledWith(2);
    await fireEvent.mouseLeave(maps()[1]);
    expect(onhover).toHaveBeenLastCalledWith(null);
    // the area under the pointer (here or on the big map) is outlined in every year
    await rerender({ geometry, drawings: d, selected: 1, hovered: 2, onhover });
    expect(outlined('hov')).toEqual([['2'], ['2']]);
    expect(paths(maps()[0])[2].getAttribute('stroke')).toBe('#333');
    expect(maps().map((svg) => svg.querySelectorAll('path.top').length)).toEqual([2, 2]);
  });
});
