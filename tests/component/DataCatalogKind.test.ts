import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import DataCatalog from '../../src/components/DataCatalog.svelte';
import type { TableMeta } from '../../src/lib/contract';
import { fakeApp } from './fakeApp.svelte';

const table = (label: string, hasGeometry: boolean) => ({ name: label.replace(/\W/g, '_'), label, fileName: label, rows: 3, columns: [], warnings: [], hasGeometry }) as unknown as TableMeta;

describe('data catalogue: the kind of each entry', () => {
  it('an area layer carries a drawn map icon, a table the grid sign — no emoji, and the button is named by the label', () => {
    const app = fakeApp([], {}, async () => {
      throw new Error('not used');
    });
    app.tables.push(table('Statistische Bezirke', true), table('indikatoren.csv', false));
    render(DataCatalog, { props: { app } });
    const items = screen.getByTestId('catalog').querySelectorAll('li');
    expect(items).toHaveLength(2);
    expect(items[0].querySelector('svg[data-kind="layer"]')).not.toBeNull();
    expect(items[1].querySelector('[data-kind="table"]')?.textContent).toBe('▦');
    expect(screen.getByTestId('catalog').textContent).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(screen.getByRole('button', { name: 'Statistische Bezirke' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'indikatoren.csv' })).toBeTruthy();
  });
});
