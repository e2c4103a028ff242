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
