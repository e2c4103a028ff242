import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { AppState } from '../../src/lib/state/app.svelte';
import { fakeStarter } from '../helpers/fakeEngine';
import { probe } from './legendProbe.svelte';

const meta = {
  name: 't', label: 'hze.csv', fileName: 'hze.csv', rows: 8, columns: [], warnings: [], hasGeometry: false, version: 2,
  detected: { format: 'csv' },
};

describe('import settings of a re-import reach the autosave', () => {
  it('the new options („„–“/„-“ als 0 lesen“) are seen by an effect after „Übernehmen“, not only the refreshed table', async () => {
    const app = new AppState(fakeStarter({ importFile: () => meta, listTables: () => [meta] }));
    app.importOptions.set('t', undefined);
    const p = probe(() => JSON.stringify(app.importOptions.get('t') ?? null));
    flushSync();
    await app.reimport('t', { name: 'hze.csv', bytes: new Uint8Array([1]) }, { dashZero: true });
    flushSync();
    expect(p.seen.at(-1)).toBe('{"dashZero":true}');
    p.stop();
  });
});

describe('notices of a re-import replace those of the first read', () => {
  const warned = (msg: string) => ({ ...meta, warnings: [{ code: 'x', message: msg }] });

  it('„Übernehmen“ shows what the new read found, not the first read’s notices stacked above it', async () => {
    let current = warned('In der Quelle geheim gehaltene Werte in Spalte „HzE stationär“ (1)');
    const app = new AppState(fakeStarter({ importFile: () => current, listTables: () => [current] }));
    await app.importFiles([{ name: 'hze.csv', bytes: new Uint8Array([1]) }]);
    app.notify('info', 'Projekt', 'eine andere Meldung');
    expect(app.notices.map((n) => n.message)).toEqual(['In der Quelle geheim gehaltene Werte in Spalte „HzE stationär“ (1)', 'eine andere Meldung']);

    current = { ...meta, warnings: [{ code: 'x', message: 'In der Quelle geheim gehaltene Werte in Spalte „HzE stationär“ (1)' }, { code: 'y', message: '„–“/„-“ als 0 gelesen' }] };
    await app.reimport('t', { name: 'hze.csv', bytes: new Uint8Array([1]) }, { dashZero: true });
    // the first read's notice is gone, the other notice stays, the new read's two are there once each
    expect(app.notices.map((n) => n.message)).toEqual(['eine andere Meldung', 'In der Quelle geheim gehaltene Werte in Spalte „HzE stationär“ (1)', '„–“/„-“ als 0 gelesen']);

    current = { ...meta, warnings: [] };
    await app.reimport('t', { name: 'hze.csv', bytes: new Uint8Array([1]) }, {});
    expect(app.notices.map((n) => n.message)).toEqual(['eine andere Meldung']);
  });
});
