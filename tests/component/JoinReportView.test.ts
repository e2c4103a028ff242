import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, fireEvent } from '@testing-library/svelte';

afterEach(cleanup);
import JoinReportView from '../../src/components/JoinReportView.svelte';
import type { JoinReport } from '../../src/lib/contract';

const base: JoinReport = {
  spec: { table: 't', key: 'LOR', layer: 'l', layerKey: 'id', mode: 'exact' },
  tableKeys: 3,
  layerKeys: 447,
  matched: 1,
  tableNullKeys: 0,
  layerNullKeys: 0,
  tableOnly: [{ key: '1011101', n: 1 }, { key: '<img src=x onerror=alert(1)>', n: 1 }],
  layerOnly: [],
  tableDuplicates: [],
  layerDuplicates: [{ key: '06010102', n: 2 }],
  byMode: { exact: 1, trim: 1, zeros: 3 },
  suggestion: 'zeros',
};

describe('JoinReportView', () => {
  it('shows counts, the duplicate key and offers the leading-zero fix', async () => {
    const onfix = vi.fn();
    render(JoinReportView, { report: base, onfix });
    expect(screen.getByTestId('jr-matched').textContent).toBe('1');
    expect(screen.getByTestId('jr-layer-dup-list').textContent).toContain('06010102 (2×)');
    expect(screen.getByText(/führende Nullen/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId('join-fix'));
    expect(onfix).toHaveBeenCalledWith('zeros');
  });

  it('renders hostile keys as text, never as HTML', () => {
    const { container } = render(JoinReportView, { report: base, onfix: () => {} });
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByTestId('jr-table-only-list').textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('says so when everything matches', () => {
    render(JoinReportView, {
      report: { ...base, tableKeys: 60, layerKeys: 60, matched: 60, tableOnly: [], layerDuplicates: [], suggestion: undefined },
      onfix: () => {},
    });
    expect(screen.getByTestId('join-summary').className).toMatch(/ok/);
    expect(screen.queryByTestId('join-fix')).toBeNull();
  });
});
