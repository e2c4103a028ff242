import { describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import Header from '../../src/components/Header.svelte';
import { presentDemo } from '../../src/lib/state/demoControl';
import type { TableMeta } from '../../src/lib/contract';
import type { MapState } from '../../src/lib/state/map.svelte';
import { fakeApp } from './fakeApp.svelte';

const table = (fileName: string, name = fileName.replace(/\W/g, '_')) => ({ name, label: fileName, fileName, rows: 1, columns: [] }) as unknown as TableMeta;

describe('the header shows the demo that is open', () => {
  it('presentDemo: none, one, and the one loaded last of two; own files do not count', () => {
    expect(presentDemo({ tables: [] })).toBeNull();
    expect(presentDemo({ tables: [table('eigene.csv')] })).toBeNull();
    expect(presentDemo({ tables: [table('sozialraeume.geojson'), table('kreis_indikatoren.csv'), table('eigene.csv')] })).toBe('musterkreis');
    expect(presentDemo({ tables: [table('kreis_indikatoren.csv'), table('bezirke.geojson')] })).toBe('musterstadt');
  });

  it('the demo choice follows the open demo (a tour or ?demo= loaded the Kreis), and the planner can still pick another', async () => {
    const app = fakeApp([], {}, async () => {
      throw new Error('not used');
    });
    render(Header, { props: { app, map: {} as MapState } });
    const select = screen.getByTestId('demo-select') as HTMLSelectElement;
    expect(select.value).toBe('musterstadt');
    app.tables.push(table('sozialraeume.geojson'), table('kreis_indikatoren.csv'));
    await tick();
    expect(select.value).toBe('musterkreis');
    select.value = 'musterstadt';
    select.dispatchEvent(new Event('change'));
    await tick();
    expect(select.value).toBe('musterstadt');
  });
});

describe('presenter header at 1280 px (qa5): „Öffnen …“ makes room for „Daten bleiben im Browser“', () => {
  it('the open button carries the long and the short label; its name stays „Dateien öffnen …“', () => {
    cleanup();
    const app = fakeApp([], {}, async () => {
      throw new Error('not used');
    });
    render(Header, { props: { app, map: {} as MapState } });
    const open = screen.getByTestId('open-files');
    expect(open.querySelector('.long')!.textContent).toBe('Dateien öffnen …');
    const short = open.querySelector('.short')!;
    expect(short.textContent).toBe('Öffnen …');
    expect(short.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getByRole('button', { name: 'Dateien öffnen …' })).toBe(open);
  });
});
