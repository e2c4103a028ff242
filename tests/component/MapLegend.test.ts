import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import MapLegend from '../../src/components/MapLegend.svelte';
import { buildLegend } from '../../src/lib/map/legend';
import { paletteColors } from '../../src/lib/map/palettes';
import { disclosureNote } from '../../src/lib/map/disclosure';
import { COMPACT_LEGEND_BELOW, COMPACT_LEGEND_HEIGHT_SHARE, compactLegendAt } from '../../src/lib/map/legendFit';
import { presenter } from '../../src/lib/state/presenter.svelte';

type Entry = { target: Element; contentRect: { width: number; height: number }; borderBoxSize?: { blockSize: number }[] };
/**
 * A ResizeObserver the test drives: `resize(w, h)` reports a new size of the observed map area (the first
 * target), `legend(h)` a new height of the legend box (the other target, while it is observed).
 */
class FakeObserver {
  static all: FakeObserver[] = [];
  target: Element | null = null;
  targets = new Set<Element>();
  disconnected = false;
  constructor(private cb: (entries: Entry[]) => void) { FakeObserver.all.push(this); }
  observe(el: Element) { this.target ??= el; this.targets.add(el); }
  unobserve(el: Element) { this.targets.delete(el); }
  disconnect() { this.disconnected = true; this.targets.clear(); }
  resize(width: number, height = 0) { this.cb([{ target: this.target!, contentRect: { width, height } }]); }
  legend(height: number) {
    const el = [...this.targets].find((t) => t !== this.target);
    if (el) this.cb([{ target: el, contentRect: { width: 300, height: height - 8 }, borderBoxSize: [{ blockSize: height }] }]);
  }
}

const s = { enabled: true, minCount: 3, minDenominator: 100, minNumerator: 3 };
const map = (result: unknown = {}) => ({
  result, fitRequest: 0, variableLabel: () => 'SGB-II-Quote 2024', legendEmpty: undefined,
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
    expect([0, 623, 699, 700, 989, 1199].map((w) => compactLegendAt(w))).toEqual([false, true, true, false, false, false]);
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

describe('compact legend also on a LOW map: the full legend would take more than half of its height (qa7)', () => {
  it('the rule: half of the map\'s height, once the full legend\'s height is known', () => {
    expect(COMPACT_LEGEND_HEIGHT_SHARE).toBe(0.5);
    // 1024 × 768, side panel folded, data grid open: 993 × 436 px; the Kreis demo's legend 189 px, a long one 240 px
    expect(compactLegendAt(993, 436, 189)).toBe(false);
    expect(compactLegendAt(993, 436, 240)).toBe(true);
    // the grid folded: 993 × 700 px
    expect(compactLegendAt(993, 700, 240)).toBe(false);
    // 1600 × 900: 1569 × 514 px
    expect(compactLegendAt(1569, 514, 189)).toBe(false);
    // not laid out, not measured yet
    expect([compactLegendAt(993, 0, 500), compactLegendAt(993, 436, null), compactLegendAt(993, 436)]).toEqual([false, false, false]);
    // narrow wins whatever the height
    expect(compactLegendAt(623, 2000, 10)).toBe(true);
  });

  it('a full legend too tall for a low map turns compact at its first measurement and asks the map to fit again; folding the grid brings the full one back', async () => {
    const m = map();
    render(MapLegend, { target: area(), props: { map: m, onfold: () => {} } });
    const ro = FakeObserver.all[0];
    ro.resize(993, 436);
    await Promise.resolve();
    expect(box().dataset.compact).toBe('false');
    // the legend box joined the observer; its first measurement: 240 px of 436
    expect(ro.targets.has(box())).toBe(true);
    ro.legend(240);
    await Promise.resolve();
    expect(box().dataset.compact).toBe('true');
    expect(table().classList.contains('compact')).toBe(true);
    expect((m as { fitRequest: number }).fitRequest).toBe(1);
    ro.legend(205);
    await Promise.resolve();
    expect(box().dataset.compact).toBe('true');
    // the grid folded: 700 px high — the measured 240 px fit; the map's own fold refits, not the legend
    ro.resize(993, 700);
    await Promise.resolve();
    expect(box().dataset.compact).toBe('false');
    ro.legend(240);
    ro.resize(993, 436);
    await Promise.resolve();
    expect(box().dataset.compact).toBe('true');
    expect((m as { fitRequest: number }).fitRequest).toBe(1);
    expect(FakeObserver.all).toHaveLength(1);
  });

  it('a legend seen only compact: its full height is guessed (× 1,2); a wrong guess costs one switch, then the measurement decides — no back and forth', async () => {
    const m = map();
    render(MapLegend, { target: area(), props: { map: m, onfold: () => {} } });
    const ro = FakeObserver.all[0];
    let switches = 0;
    new MutationObserver((r) => (switches += r.length)).observe(box(), { attributes: true, attributeFilter: ['data-compact'] });
    const at = async (w: number, h: number, legend?: number) => {
      ro.resize(w, h);
      await Promise.resolve();
      if (legend !== undefined) { ro.legend(legend); await Promise.resolve(); }
      await new Promise((r) => setTimeout(r, 0));
      return box().dataset.compact;
    };
    // narrow: compact, measured 200 px → guessed full 240 px
    expect(await at(623, 436, 200)).toBe('true');
    // wide but low: the guess (240 > 218) keeps it compact — no switch
    expect(await at(993, 436)).toBe('true');
    // a little higher (520: half = 260 ≥ 240): full; but the full legend measures 270 → compact again, once
    expect(await at(993, 520)).toBe('false');
    ro.legend(270);
    await new Promise((r) => setTimeout(r, 0));
    expect(box().dataset.compact).toBe('true');
    ro.legend(200);
    ro.legend(200);
    await new Promise((r) => setTimeout(r, 0));
    expect(box().dataset.compact).toBe('true');
    // 623 → 993 px (no switch), → full, → compact, and nothing after: three class changes in all
    expect(switches).toBe(3);
    // the legend was not fresh any more: no refit of the map from the legend (the user's zoom stays)
    expect((m as { fitRequest: number }).fitRequest).toBe(0);
  });

  it('1600 × 900 (map 1569 × 514) with the demo\'s legend (189 px): full', async () => {
    render(MapLegend, { target: area(), props: { map: map(), onfold: () => {} } });
    const ro = FakeObserver.all[0];
    ro.resize(1569, 514);
    ro.legend(189);
    await Promise.resolve();
    expect(box().dataset.compact).toBe('false');
  });

  it('a folded legend is not taken for the legend\'s height', async () => {
    render(MapLegend, { target: area(), props: { map: map(), onfold: () => {} } });
    const ro = FakeObserver.all[0];
    ro.resize(623, 436);
    ro.legend(200);
    presenter.legendCollapsed = true;
    await Promise.resolve();
    ro.legend(26);
    // widened while folded: the guess comes from the 200 px legend (240 > 218), not from the 26 px button
    ro.resize(993, 436);
    await Promise.resolve();
    expect(box().dataset.compact).toBe('true');
  });
});
