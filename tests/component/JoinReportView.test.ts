import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, fireEvent } from '@testing-library/svelte';

afterEach(cleanup);
import JoinReportView from '../../src/components/JoinReportView.svelte';
import type { JoinReport, KeySuggestion } from '../../src/lib/contract';

const suggestion: KeySuggestion = {
  key: 'LOR', layerKey: 'id', matched: 3, byName: false, examples: [['1011101', '01011101']],
  transform: { table: [{ op: 'trim' }, { op: 'zeros' }], layer: [{ op: 'trim' }, { op: 'zeros' }] },
};
const base: JoinReport = {
  spec: { table: 't', key: 'LOR', layer: 'l', layerKey: 'id', mode: 'exact' },
  tableKeys: 3,
  layerKeys: 447,
  matched: 1,
  tableNullKeys: 0,
  layerNullKeys: 0,
  tableOnly: [{ key: '1011101', n: 1 }, { key: '<img src=x onerror=alert(1)>', n: 1 }],
  tableOnlyCount: 2,
  layerOnly: [{ key: '01011102', n: 1, name: 'Wilhelmstraße' }],
  layerOnlyCount: 446,
  tableDuplicates: [],
  tableDuplicateCount: 0,
  layerDuplicates: [{ key: '06010102', areas: [{ row: 4, name: 'Schloßstraße', areaKm2: 0.5625, centroid: [13.295, 52.514] }, { row: 380, name: 'Schloßstraße', areaKm2: 0.4886, centroid: [13.319, 52.459] }] }],
  suggestions: [suggestion],
};

describe('JoinReportView', () => {
  it('shows true counts, both duplicate areas and the suggestion with examples, and confirms it', async () => {
    const onconfirm = vi.fn();
    render(JoinReportView, { report: base, onconfirm });
    expect(screen.getByTestId('jr-matched').textContent).toBe('1');
    expect(screen.getByTestId('jr-layer-only').textContent).toBe('446');
    expect(screen.getByText(/1 von 446 angezeigt/)).toBeTruthy();
    expect(screen.getByTestId('jr-layer-dup-list').textContent).toContain('06010102 (2×)');
    const dup = screen.getByTestId('layer-duplicates').textContent ?? '';
    expect(dup).toContain('0,563');
    expect(dup).toContain('13,2950 E, 52,5140 N');
    expect(screen.getByTestId('join-suggestion').textContent).toMatch(/so passen 3 von 447 Gebieten.*führende Nullen ignoriert.*1011101 ↔ 01011101/s);
    expect(screen.getByTestId('jr-layer-only-list').textContent).toContain('01011102 · Wilhelmstraße');
    await fireEvent.click(screen.getByTestId('join-fix'));
    expect(onconfirm).toHaveBeenCalledWith(suggestion);
  });

  it('renders hostile keys as text, never as HTML', () => {
    const { container } = render(JoinReportView, { report: base, onconfirm: () => {} });
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByTestId('jr-table-only-list').textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('points a long table to the reshape', async () => {
    const onreshape = vi.fn();
    const longTable = { idColumns: ['raum_id', 'jahr'], nameColumn: 'zeile', valueColumn: 'zahl', yearColumn: 'jahr', characteristics: 37 };
    render(JoinReportView, { report: { ...base, tableDuplicates: [{ key: '101', year: '2012', n: 37 }], tableDuplicateCount: 688, longTable }, onconfirm: () => {}, onreshape });
    expect(screen.getByTestId('jr-table-dup').textContent).toBe('688');
    expect(screen.getByTestId('jr-long').textContent).toMatch(/Gebiet, Jahr und Merkmal \(„zeile“, 37 Merkmale/);
    await fireEvent.click(screen.getByTestId('jr-reshape'));
    expect(onreshape).toHaveBeenCalled();
  });

  it('says so when everything matches', () => {
    render(JoinReportView, {
      report: { ...base, tableKeys: 60, layerKeys: 60, matched: 60, tableOnly: [], tableOnlyCount: 0, layerOnly: [], layerOnlyCount: 0, layerDuplicates: [], suggestions: [] },
      onconfirm: () => {},
    });
    expect(screen.getByTestId('join-summary').className).toMatch(/ok/);
    expect(screen.queryByTestId('join-fix')).toBeNull();
  });
});
