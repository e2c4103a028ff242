import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import MapLegend from '../../src/components/MapLegend.svelte';
import { buildLegend } from '../../src/lib/map/legend';
import { paletteColors } from '../../src/lib/map/palettes';
import { disclosureNote } from '../../src/lib/map/disclosure';
import { COMPACT_LEGEND_BELOW, compactLegendAt } from '../../src/lib/map/legendFit';
import { presenter } from '../../src/lib/state/presenter.svelte';

/** A ResizeObserver the test drives: `resize(w)` reports a new content width of the observed map area. */
class FakeObserver {
  static all: FakeObserver[] = [];
  target: Element | null = null;
  disconnected = false;
  constructor(private cb: (entries: { contentRect: { width: number } }[]) => void) { FakeObserver.all.push(this); }
  observe(el: Element) { this.target = el; }
  unobserve() {}
  disconnect() { this.disconnected = true; }
  resize(width: number) { this.cb([{ contentRect: { width } }]); }
}

const s = { enabled: true, minCount: 3, minDenominator: 100, minNumerator: 3 };
const map = (result: unknown = {}) => ({
  result, variableLabel: () => 'SGB-II-Quote 2024', legendEmpty: undefined,
  legend: buildLegend({ breaks: [0, 5, 10, 20], counts: [4, 3, 2], missing: 1 }, paletteColors('Blues', 3), { unit: ' %', lang: 'de' }),
  legendNote: disclosureNote(s), legendNoteShort: disclosureNote(s, true),
}) as never;

/** The map area the legend floats over (its width comes from the fake observer). */
function area(): HTMLElement {
  return document.body.appendChild(document.createElement('section'));
}
const box = () => document.querySelector('.maplegend') as HTMLElement;
const table = () => screen.getByTestId('legend');

beforeEach(() => {
  FakeObserver.all = [];
  vi.stubGlobal('ResizeObserver', FakeObserver);
  presenter.legendCollapsed = false;
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe('compact legend by the MAP\'s width, not the window\'s (qa6)', () => {
  it('the rule: below 700 px of map (the map beside the open side panel in a 1100 px window)', () => {
    expect(COMPACT_LEGEND_BELOW).toBe(700);
    expect([0, 623, 699, 700, 989, 1199].map(compactLegendAt)).toEqual([false, true, true, false, false, false]);
  });

  it('watches the map area from the start (before there is a legend), so the legend is compact from its first frame', async () => {
    const onfold = () => {};
    const { rerender } = render(MapLegend, { target: area(), props: { map: map(null), onfold } });
    expect(box()).toBeNull();
    // one observer, on the map area, already without a legend
    expect(FakeObserver.all).toHaveLength(1);
    const ro = FakeObserver.all[0];
    expect(ro.target).toBe(document.querySelector('section'));
    ro.resize(623);
    await Promise.resolve();
    await rerender({ map: map(), onfold });
    // the first frame of the legend is the compact one (box, table, short footnote)
    expect(box().classList.contains('compact')).toBe(true);
    expect(table().classList.contains('compact')).toBe(true);
    expect(box().dataset.compact).toBe('true');
    expect(screen.getByTestId('legend-footnote').querySelector('.short')!.textContent).toBe('Geheimhaltung an (Fallzahl < 3; Quoten: Nenner < 100, Zähler < 3)');
    // folding the side panel widens the map → the full legend; reopening → compact again
    ro.resize(989);
    await Promise.resolve();
    expect(box().classList.contains('compact')).toBe(false);
    expect(table().classList.contains('compact')).toBe(false);
    expect(box().dataset.compact).toBe('false');
    ro.resize(623);
    await Promise.resolve();
    expect(table().classList.contains('compact')).toBe(true);
    // the switches do not set up the observer again (they would, if the attachment tracked the state it writes)
    expect(FakeObserver.all).toHaveLength(1);
    expect(ro.disconnected).toBe(false);
  });

  it('a wide map (side panel folded on a 1024 px screen) is not compact, whatever the window', async () => {
    render(MapLegend, { target: area(), props: { map: map(), onfold: () => {} } });
    FakeObserver.all[0].resize(989);
    await Promise.resolve();
    expect(box().classList.contains('compact')).toBe(false);
    expect(screen.getByRole('columnheader', { name: 'Klasse' })).toBeTruthy();
    FakeObserver.all[0].resize(1200);
    await Promise.resolve();
    expect(table().classList.contains('compact')).toBe(false);
    expect(FakeObserver.all).toHaveLength(1);
  });

  it('fold button; the observer ends with the component', async () => {
    const onfold = vi.fn();
    const { unmount } = render(MapLegend, { target: area(), props: { map: map(), onfold } });
    await fireEvent.click(screen.getByTestId('legend-fold'));
    expect(onfold).toHaveBeenCalledTimes(1);
    const ro = FakeObserver.all[0];
    unmount();
    expect(ro.disconnected).toBe(true);
  });
});
