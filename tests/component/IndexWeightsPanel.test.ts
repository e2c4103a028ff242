import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import WeightsPanel from '../../src/components/index/WeightsPanel.svelte';
import { SozialindexState } from '../../src/lib/state/sozialindex.svelte';
import type { AppState } from '../../src/lib/state/app.svelte';
import type { MapState } from '../../src/lib/state/map.svelte';
import { i18n } from '../../src/lib/state/i18n.svelte';

afterEach(() => {
  cleanup();
  i18n.set('de');
});

/** Weights need no engine: the app only answers that no table is loaded (no column list). */
function state(): SozialindexState {
  const ix = new SozialindexState({ table: () => undefined } as unknown as AppState, {} as MapState);
  ix.addTemplate('alo', 'ALO', 'EW_15_64');
  ix.addTemplate('langzeit', 'LZALO', 'EW_15_64');
  ix.addTemplate('sgb2', 'SGB2', 'EW_U65');
  return ix;
}
const shares = () => screen.queryAllByTestId('ix-weight-share').map((e) => e.textContent);

describe('Sozialindex weights panel', () => {
  it('shows normalised shares and follows the number input', async () => {
    const ix = state();
    render(WeightsPanel, { ix });
    expect(shares()).toEqual(['33 %', '33 %', '33 %']);
    await fireEvent.input(screen.getByRole('spinbutton', { name: 'Gewicht Arbeitslosenanteil als Zahl' }), { target: { value: '2' } });
    expect(ix.indicators[0].weight).toBe(2);
    expect(shares()).toEqual(['50 %', '25 %', '25 %']);
    expect(ix.weights()).toEqual([2, 1, 1]);
  });

  it('grouped by Lebensbereich: the domain weight is split among its indicators', async () => {
    const ix = state();
    render(WeightsPanel, { ix });
    await fireEvent.click(screen.getByRole('checkbox'));
    // Arbeit (2 indicators) and Einkommen/Transfer (1) weigh 1 each → 0.5, 0.5, 1
    expect(ix.weights()).toEqual([0.5, 0.5, 1]);
    expect(screen.getByText('Arbeitslosenanteil: 25 %')).toBeTruthy();
    await fireEvent.input(screen.getByRole('spinbutton', { name: 'Gewicht Arbeit als Zahl' }), { target: { value: '3' } });
    expect(ix.weights()).toEqual([1.5, 1.5, 1]);
    expect(screen.getByText('SGB-II-Quote: 25 %')).toBeTruthy();
  });
});
