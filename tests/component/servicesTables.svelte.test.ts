import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import CoveragePanel from '../../src/components/services/CoveragePanel.svelte';
import ServiceList from '../../src/components/services/ServiceList.svelte';

afterEach(() => cleanup());
// jsdom has no 2D canvas (the list's category symbols): they are left blank
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

/** Coverage of n areas: area i has i services and a rate of i per 100 (the table sorts by name). */
function coverage(n: number) {
  const f = (g: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => g(i));
  return {
    ids: Array.from({ length: n }, (_, i) => String(i).padStart(5, '0')),
    names: Array.from({ length: n }, (_, i) => `Block ${String(i).padStart(5, '0')}`),
    count: f((i) => i),
    capacity: f((i) => i * 10),
    capacityMissing: f(() => 0),
    target: f(() => 1000),
    rate: f((i) => i),
    difference: f(() => 0),
    index: f(() => 100),
    municipal: 1,
    totals: { count: n, capacity: n * 10, target: n * 1000 },
    per: 100,
    useCapacity: true,
    countStatus: Array.from({ length: n }, () => 'ok'),
    rateStatus: Array.from({ length: n }, () => 'ok'),
    areaOf: new Int32Array(0),
    unassigned: [],
    warnings: [],
    services: n,
  };
}

/** Just what CoveragePanel reads of ServicesState. */
function services(n: number) {
  const src = { options: () => [], key: '', years: [], columns: () => ['EW_U6'] };
  const cov = $state({ src, target: 'EW_U6', per: 100, useCapacity: true, publicServices: false });
  return {
    base: { coverage: coverage(n) },
    scen: { coverage: null },
    cov,
    supply: { activeLayer: () => ({ key: 'k' }) },
    shown: null,
    show: () => {},
    runAll: () => {},
  } as never;
}

describe('coverage per area of many areas', () => {
  const dataRows = () => [...screen.getByTestId('svc-cov-table').querySelectorAll('tbody tr[data-area]')];

  it('puts a window of the rows into the page, with the table’s true size and spacers for the rest', () => {
    render(CoveragePanel, { s: services(5000), busy: false, selected: null, onselect: () => {} });
    const table = screen.getByTestId('svc-cov-table');
    const rows = dataRows();
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.length).toBeLessThan(100);
    expect(table.getAttribute('aria-rowcount')).toBe('5001');
    expect(rows[0].children[0].textContent).toBe('Block 00000');
    expect(rows[0].getAttribute('aria-rowindex')).toBe('2');
    const below = table.querySelector<HTMLElement>('tbody tr.spacer:last-child')!;
    expect(parseFloat(below.style.height)).toBe((5000 - rows.length) * 24);
  });

  it('an area selected on the map far down the table comes into the page, selected', async () => {
    const props = $state({ s: services(5000), busy: false, selected: null as number | null, onselect: () => {} });
    render(CoveragePanel, props);
    expect(dataRows().some((r) => r.getAttribute('data-area') === '4321')).toBe(false);
    props.selected = 4321;
    flushSync();
    await vi.waitFor(() => expect(screen.getByTestId('svc-cov-table').querySelector('tr.sel')?.getAttribute('data-area')).toBe('4321'));
    const row = screen.getByTestId('svc-cov-table').querySelector('tr.sel')!;
    expect(row.getAttribute('aria-rowindex')).toBe('4323');
    expect(row.children[0].textContent).toBe('Block 04321');
  });

  it('a row under the pointer tells the map its area (outlined there), and when it leaves', async () => {
    const onhover = vi.fn();
    render(CoveragePanel, { s: services(300), busy: false, selected: null, onselect: () => {}, onhover });
    const row = dataRows()[7];
    row.dispatchEvent(new MouseEvent('mouseenter'));
    expect(onhover).toHaveBeenLastCalledWith(7);
    row.dispatchEvent(new MouseEvent('mouseleave'));
    expect(onhover).toHaveBeenLastCalledWith(null);
  });

  it('tints the row of the area under the pointer on the map', () => {
    render(CoveragePanel, { s: services(300), busy: false, selected: null, hovered: 9, onselect: () => {} });
    expect(dataRows().filter((r) => r.classList.contains('hov')).map((r) => r.getAttribute('data-area'))).toEqual(['9']);
  });

  it('a city’s few hundred areas stay a complete table', () => {
    render(CoveragePanel, { s: services(300), busy: false, selected: null, onselect: () => {} });
    expect(dataRows()).toHaveLength(300);
    expect(screen.getByTestId('svc-cov-table').querySelector('tr.spacer')).toBeNull();
  });
});

describe('service list of many services', () => {
  /** n services „Kita i“, every one in category „Kita“; the selection is reactive like SupplyState's. */
  function list(n: number) {
    const sel = $state({ v: null as { key: string; index: number } | null });
    const ps = {
      ids: Array.from({ length: n }, (_, i) => `S${i}`),
      names: Array.from({ length: n }, (_, i) => `Kita ${i}`),
      categories: Array.from({ length: n }, () => 'Kita'),
      values: Float64Array.from({ length: n }, () => 40),
      edited: new Set<string>(),
    };
    const supply = {
      activeLayer: () => ({ key: 'k' }),
      shows: () => true,
      categoryIndex: () => 0,
      get selected() { return sel.v; },
      set selected(v) { sel.v = v; },
    };
    return { s: { supply, shownPoints: () => ps } as never, supply };
  }
  const dataRows = () => [...screen.getByTestId('svc-list').querySelectorAll('tbody tr[data-i]')];

  it('puts a window of a long list into the page; a service selected on the map comes into it', async () => {
    const { s, supply } = list(3000);
    render(ServiceList, { s });
    expect(dataRows().length).toBeLessThan(100);
    expect(screen.getByTestId('svc-list').getAttribute('aria-rowcount')).toBe('3001');
    supply.selected = { key: 'k', index: 2500 };
    flushSync();
    await vi.waitFor(() => expect(screen.getByTestId('svc-list').querySelector('tr.sel')?.getAttribute('data-i')).toBe('2500'));
    expect(screen.getByTestId('svc-list').querySelector('tr.sel')!.getAttribute('aria-rowindex')).toBe('2502');
  });

  it('a click on a row selects that service', () => {
    const { s, supply } = list(3000);
    render(ServiceList, { s });
    dataRows()[3].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(supply.selected).toEqual({ key: 'k', index: 3 });
  });
});
