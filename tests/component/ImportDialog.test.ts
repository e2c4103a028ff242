import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import DataCatalog from '../../src/components/DataCatalog.svelte';
import type { TableMeta } from '../../src/lib/contract';
import type { ImportPreview } from '../../src/lib/ingest/types';
import { fakeApp } from './fakeApp.svelte';

afterEach(cleanup);
beforeAll(() => {
  // jsdom has <dialog> but not its modal methods
  const proto = HTMLDialogElement.prototype;
  proto.showModal = function (this: HTMLDialogElement) { this.setAttribute('open', ''); };
  proto.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});

const meta: TableMeta = {
  name: 'tbl', label: 'daten.csv', fileName: 'daten.csv', rows: 3, columns: [{ name: 'a', type: 'integer', nulls: 0 }], warnings: [], hasGeometry: false, version: 1,
  detected: { format: 'csv', encoding: 'utf-8', delimiter: ';', decimal: ',', thousands: '', headerRow: 1, headerRows: 1, footerRows: 0 },
};
const preview: ImportPreview = { detected: meta.detected!, columns: meta.columns, rows: [[1]], warnings: [] };

/** The catalogue with one CSV table, its „Import-Einstellungen“ dialog opened. */
async function openSettings() {
  const file = { name: 'daten.csv', bytes: new Uint8Array([97, 10, 49, 10]) };
  const app = fakeApp([meta], { tbl: file }, async () => preview);
  const reimport = vi.spyOn(app, 'reimport');
  render(DataCatalog, { app });
  await fireEvent.click(screen.getByRole('button', { name: 'Import-Einstellungen' }));
  return { file, app, reimport };
}

describe('ImportDialog', () => {
  it('„Übernehmen“ re-imports the table with its file and the chosen options although closing unmounts the dialog', async () => {
    const { file, app, reimport } = await openSettings();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Übernehmen' })).toBeTruthy());
    const hr = screen.getByLabelText('Kopfzeile in Zeile (wie in Excel; 0 = keine)') as HTMLInputElement;
    expect(hr.value).toBe('1');
    await fireEvent.input(hr, { target: { value: '3' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Übernehmen' }));
    await waitFor(() => expect(reimport).toHaveBeenCalledTimes(1));
    // only what the user changed travels; the rest is detected again
    expect(reimport).toHaveBeenCalledWith('tbl', file, { headerRow: 3 });
    expect(app.importDialog).toBeNull();
    expect(screen.queryByRole('button', { name: 'Übernehmen' })).toBeNull();
  });
  it('„„–“/„-“ als 0 lesen“ is off by default; ticked, the re-import carries `dashZero` (remembered with the table)', async () => {
    const { file, reimport } = await openSettings();
    const box = (await screen.findByLabelText('„–“/„-“ als 0 lesen (amtlich: genau null)')) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.closest('label')!.getAttribute('title')).toMatch(/nichts vorhanden \(genau null\)/);
    await fireEvent.click(box);
    await fireEvent.click(screen.getByRole('button', { name: 'Übernehmen' }));
    await waitFor(() => expect(reimport).toHaveBeenCalledWith('tbl', file, { dashZero: true }));
  });
});
