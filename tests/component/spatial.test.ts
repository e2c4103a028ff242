import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import IndexTable from '../../src/components/segregation/IndexTable.svelte';
import MoranScatter from '../../src/components/spatial/MoranScatter.svelte';
import { i18n } from '../../src/lib/state/i18n.svelte';
import { singleGroupIndices } from '../../src/lib/analysis/segregation';
import type { SingleGroupResult } from '../../src/lib/contract';

afterEach(() => {
  cleanup();
  i18n.set('de');
});

// complete segregation in two of four areas: D = 1
const x = [50, 0, 30, 0], t = [50, 40, 30, 60];
function result(): SingleGroupResult {
  const r = singleGroupIndices(x, t);
  return {
    group: 'SGB2',
    rows: [
      { key: 'dissimilarity', value: r.dissimilarity, ci: [0.95, 1], biasCorrected: 0.98, p: 0.001, null: Float64Array.from([0.1, 0.2]) },
      { key: 'exposure', value: r.exposure },
      { key: 'delta', value: NaN },
    ],
  };
}

describe('IndexTable', () => {
  it('shows values, D × 100, interval, p and a German explanation per index; skips indices without a value', async () => {
    const onselect = vi.fn();
    render(IndexTable, { result: result(), atkinsonB: 0.5, onselect });
    const table = screen.getByRole('table', { name: 'SGB2 gegen übrige' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3); // header + D + exposure (delta NaN left out)
    expect(screen.getByTestId('seg-value-dissimilarity').textContent).toBe('1,000');
    expect(screen.getByTestId('seg-d100').textContent).toBe('D × 100 = 100,0');
    expect(rows[1].textContent).toContain('0,950 – 1,000');
    expect(rows[1].textContent).toContain('umziehen');
    expect(screen.getByTestId('seg-p-dissimilarity').textContent).toBe('0,001');
    expect(screen.getByTestId('seg-value-exposure').textContent).toBe('0,000');
    expect(screen.getByTestId('seg-p-exposure').textContent).toBe('–');
    await fireEvent.click(rows[1]);
    expect(onselect).toHaveBeenCalledWith('dissimilarity');
    // exposure has no null distribution: clicking it selects nothing
    await fireEvent.click(rows[2]);
    expect(onselect).toHaveBeenCalledTimes(1);
  });

  it('switches to English', () => {
    i18n.set('en');
    render(IndexTable, { result: result(), atkinsonB: 0.5 });
    expect(screen.getByRole('table', { name: 'SGB2 vs. the rest' })).toBeTruthy();
    expect(screen.getByTestId('seg-value-dissimilarity').textContent).toBe('1.000');
  });
});

describe('MoranScatter', () => {
  const z = Float64Array.from([1.5, -1, 0.5, -1]);
  const lag = Float64Array.from([1, -0.8, -0.2, 0.3]);
  const cluster = Uint8Array.from([1, 3, 0, 2]);
  const props = { z, lag, cluster, names: ['A', 'B', 'C', 'D'], slope: 0.5, xLabel: 'x', yLabel: 'y' };

  it('draws one dot per area in the LISA colours and reports a click', async () => {
    const onselect = vi.fn();
    render(MoranScatter, { ...props, onselect });
    const dots = screen.getByTestId('sp-scatter').querySelectorAll('circle');
    expect(dots).toHaveLength(4);
    expect(dots[0].getAttribute('fill')).toBe('rgb(255, 0, 0)'); // HH red
    expect(dots[1].getAttribute('fill')).toBe('rgb(0, 0, 255)'); // LL blue
    expect(dots[2].getAttribute('fill')).toBe('rgb(238, 238, 238)'); // ns grey
    // HH sits right of and above the origin
    expect(Number(dots[0].getAttribute('cx'))).toBeGreaterThan(Number(dots[1].getAttribute('cx')));
    expect(Number(dots[0].getAttribute('cy'))).toBeLessThan(Number(dots[1].getAttribute('cy')));
    await fireEvent.click(dots[3]);
    expect(onselect).toHaveBeenCalledWith(3);
  });

  it('tells the map which area’s dot is under the pointer, and when it leaves', async () => {
    const onhover = vi.fn();
    render(MoranScatter, { ...props, onhover });
    const dots = screen.getByTestId('sp-scatter').querySelectorAll('circle');
    await fireEvent.mouseEnter(dots[2]);
    expect(onhover).toHaveBeenLastCalledWith(2);
    await fireEvent.mouseLeave(dots[2]);
    expect(onhover).toHaveBeenLastCalledWith(null);
  });

  it('highlights the selected area when the selection changes', async () => {
    const { rerender } = render(MoranScatter, { ...props, selected: null });
    expect(screen.getByTestId('sp-scatter').querySelectorAll('circle.sel')).toHaveLength(0);
    await rerender({ ...props, selected: 2 });
    const sel = screen.getByTestId('sp-scatter').querySelectorAll('circle.sel');
    expect(sel).toHaveLength(1);
    expect(sel[0].getAttribute('data-i')).toBe('2');
    expect(screen.getByTestId('sp-scatter').textContent).toContain('C');
  });
});
