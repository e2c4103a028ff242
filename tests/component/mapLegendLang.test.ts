import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { AppState } from '../../src/lib/state/app.svelte';
import { MapState } from '../../src/lib/state/map.svelte';
import { i18n } from '../../src/lib/state/i18n.svelte';
import { fakeStarter } from '../helpers/fakeEngine';
import { probeLegend } from './legendProbe.svelte';

afterEach(() => i18n.set('de'));

describe('map legend and the language switch', () => {
  it('re-renders class bounds and „keine Angabe“ in English after DE → EN (was left in German until the next recomputation)', () => {
    i18n.set('de');
    const map = new MapState(new AppState(fakeStarter({})));
    map.layer = 'l';
    map.column = 'x';
    map.result = {
      values: Float64Array.from([0.5, 1.5, 2.5]),
      ids: ['a', 'b', 'c'],
      names: ['A', 'B', 'C'],
      classes: { breaks: [0.25, 1.25, 2.75], counts: [1, 2], missing: 0, classOf: Int16Array.from([0, 1, 1]) } as never,
    };
    const probe = probeLegend(map);
    flushSync();
    expect(probe.seen.at(-1)).toEqual(['0,3 – 1,3', '1,3 – 2,8', 'keine Angabe']);
    i18n.set('en');
    flushSync();
    expect(probe.seen.at(-1)).toEqual(['0.3 – 1.3', '1.3 – 2.8', 'no value']);
    probe.stop();
  });
});
