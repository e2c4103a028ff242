import { describe, expect, it, vi, afterEach } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import Legend from '../../src/components/Legend.svelte';
import { buildLegend, emptyLegendText } from '../../src/lib/map/legend';
import { classify } from '../../src/lib/analysis/classify';
import { paletteColors } from '../../src/lib/map/palettes';
import { i18n } from '../../src/lib/state/i18n.svelte';
import { disclosureNote } from '../../src/lib/map/disclosure';

afterEach(() => {
  cleanup();
  i18n.set('de');
});

function entries() {
  // sorted 2 3 4 5.25 6 7 8 9: type-7 tertiles 4.4167 and 6.6667
  const values = Float64Array.from([9, 2, 3, 4, 5.25, 6, 7, 8, NaN, NaN]);
  const r = classify(values, 'quantile', 3);
  return buildLegend(r, paletteColors('Blues', 3), { unit: ' %', lang: 'de' });
}

describe('Legend', () => {
  it('renders an accessible table with caption, class labels, counts and the no-value row', () => {
    render(Legend, { title: 'SGB-II-Quote 2023', entries: entries() });
    const table = screen.getByRole('table', { name: 'SGB-II-Quote 2023' });
    const rows = within(table).getAllByRole('row');
    // header + 3 classes + no-value
    expect(rows).toHaveLength(5);
    expect(within(rows[0]).getByRole('columnheader', { name: 'Klasse' })).toBeTruthy();
    expect(within(rows[0]).getByRole('columnheader', { name: 'Anzahl' })).toBeTruthy();
    const text = rows.slice(1).map((r) => Array.from(r.children, (c) => c.textContent?.trim()).join(' | '));
    expect(text).toEqual(['2,0 – 4,4 % | 3', '4,4 – 6,7 % | 2', '6,7 – 9,0 % | 3', 'keine Angabe | 2']);
    const swatches = table.querySelectorAll('.swatch');
    expect(swatches).toHaveLength(4);
    for (const s of swatches) expect(s.getAttribute('aria-hidden')).toBe('true');
    expect((swatches[0] as HTMLElement).style.background).toContain('rgb(222, 235, 247)');
    expect((swatches[3] as HTMLElement).style.background).toContain('repeating-linear-gradient');
    expect(within(rows[4]).getByRole('rowheader').textContent).toContain('keine Angabe');
  });

  it('reports hovered classes and highlights the given class', async () => {
    const onHoverClass = vi.fn();
    render(Legend, { title: 'x', entries: entries(), onHoverClass, highlighted: 1 });
    const rows = screen.getAllByRole('row').slice(1);
    await fireEvent.mouseEnter(rows[2]);
    expect(onHoverClass).toHaveBeenLastCalledWith(2);
    await fireEvent.mouseLeave(rows[2]);
    expect(onHoverClass).toHaveBeenLastCalledWith(null);
    await fireEvent.mouseEnter(rows[3]);
    expect(onHoverClass).toHaveBeenLastCalledWith(-1);
    expect(rows[1].classList.contains('active')).toBe(true);
    expect(rows[0].classList.contains('active')).toBe(false);
  });

  it('uses noValueLabel, formats counts, shows an empty state and follows the language', async () => {
    const many = buildLegend({ breaks: [0, 1], counts: [12345], missing: 0 }, [[0, 0, 0]], { lang: 'de' });
    const { rerender } = render(Legend, { title: 't', entries: many, noValueLabel: 'geheim gehalten' });
    expect(screen.getByText('geheim gehalten')).toBeTruthy();
    expect(screen.getByText('12.345')).toBeTruthy();
    i18n.set('en');
    await rerender({ title: 't', noValueLabel: undefined, entries: buildLegend({ breaks: [], counts: [], missing: 4 }, [], { lang: 'en' }) });
    expect(screen.getByRole('columnheader', { name: 'Count' })).toBeTruthy();
    expect(screen.getByText('No values to classify.')).toBeTruthy();
    expect(screen.getByText('no value')).toBeTruthy();
    expect(screen.getByText('4')).toBeTruthy();
  });
  it('QA-27: without classes it carries the reason it is given (a rate on an upper level), else the plain words', () => {
    render(Legend, { title: 'SGB2_QUOTE', entries: [], empty: emptyLegendText({ code: 'levels.notAggregable.value', params: { column: 'SGB2_QUOTE' } }) });
    expect(screen.getByTestId('legend-empty').textContent).toBe('Kein Wert auf dieser Ebene: „SGB2_QUOTE“ ist kein Zählwert (Zähler und Nenner wählen).');
    cleanup();
    render(Legend, { title: 'x', entries: [], empty: emptyLegendText(null) });
    expect(screen.getByTestId('legend-empty').textContent).toBe('Keine Werte zum Klassifizieren.');
    expect(emptyLegendText({ code: 'levels.notAggregable.median', params: {} })).toMatch(/^Kein Wert auf dieser Ebene: Ein Median/);
    expect(emptyLegendText({ code: 'levels.notAggregable.noWeight', params: {} }, 'en')).toBe('No value on this level: a mean needs a weight.');
  });
});

describe('compact legend (qa5; switched by the map width since qa6: MapLegend.test.ts)', () => {
  it('carries the footnote twice: the full text, and few words with the full text as title (CSS shows one by width)', () => {
    const s = { enabled: true, minCount: 3, minDenominator: 100, minNumerator: 3 };
    render(Legend, { title: 'SGB II', entries: entries(), footnote: disclosureNote(s), footnoteShort: disclosureNote(s, true) });
    const foot = screen.getByTestId('legend-footnote');
    expect(foot.querySelector('.full')!.textContent).toBe('Geheimhaltung an: Fallzahlen unter 3 und Quoten mit Nenner unter 100 oder Zähler unter 3 werden nicht gezeigt.');
    const short = foot.querySelector('.short')!;
    expect(short.textContent).toBe('Geheimhaltung an (Fallzahl < 3; Quoten: Nenner < 100, Zähler < 3)');
    expect(short.getAttribute('title')).toBe(foot.querySelector('.full')!.textContent);
    expect(short.textContent!.length).toBeLessThan(0.7 * foot.querySelector('.full')!.textContent!.length);
    cleanup();
    i18n.set('en');
    render(Legend, { title: 'x', entries: entries(), footnote: disclosureNote({ ...s, enabled: false }), footnoteShort: disclosureNote({ ...s, enabled: false }, true) });
    expect(screen.getByTestId('legend-footnote').querySelector('.short')!.textContent).toBe('Disclosure control off: all values shown');
  });
  it('without a short form the footnote shows as before', () => {
    render(Legend, { title: 'x', entries: entries(), footnote: 'Fußnote' });
    expect(screen.getByTestId('legend-footnote').textContent).toBe('Fußnote');
    expect(screen.getByTestId('legend-footnote').querySelector('.short')).toBeNull();
  });
});
