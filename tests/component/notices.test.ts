import { describe, expect, it } from 'vitest';
import { AppState, CRASH_NOTICE } from '../../src/lib/state/app.svelte';
import { fakeStarter } from '../helpers/fakeEngine';

describe('notices', () => {
  it('a notice with a key replaces the earlier one with that key: „wird wiederhergestellt“ → „ist wiederhergestellt“ (QA-23)', () => {
    const app = new AppState(fakeStarter({}));
    app.notify('warning', 'Datei', 'Spalte „X“ …');
    app.notify('error', 'Der Rechenkern wurde unerwartet beendet und neu gestartet.', '… wird wiederhergestellt.', undefined, CRASH_NOTICE);
    app.notify('info', 'Der Rechenkern wurde unerwartet beendet und neu gestartet.', '… ist wiederhergestellt.', undefined, CRASH_NOTICE);
    expect(app.notices.map((n) => [n.kind, n.message])).toEqual([['warning', 'Spalte „X“ …'], ['info', '… ist wiederhergestellt.']]);
    // without a key notices stack as before
    app.notify('info', 'A', 'eins');
    app.notify('info', 'A', 'eins');
    expect(app.notices).toHaveLength(4);
  });
});
