import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import MapTable from '../../src/components/MapTable.svelte';
import { AppState } from '../../src/lib/state/app.svelte';
import { MapState } from '../../src/lib/state/map.svelte';
import { fakeStarter } from '../helpers/fakeEngine';

afterEach(() => cleanup());

describe('map table', () => {
  it('shows a missing value as „x“ (keine Angabe) and a true zero as 0 — „–“ would read as „genau null“', () => {
    const map = new MapState(new AppState(fakeStarter({})));
    map.layer = 'l';
    map.column = 'SGB II';
    map.result = {
      values: Float64Array.from([610, 0, NaN]),
      ids: ['05', '04', '03'],
      names: ['Süd', 'West', 'Hafen'],
      classes: { breaks: [0, 300, 610], counts: [1, 1], missing: 1, classOf: Int16Array.from([1, 0, -1]) } as never,
    };
    render(MapTable, { map });
    const cells = Array.from(screen.getByTestId('map-table').querySelectorAll('tbody tr'), (r) => [r.children[1].textContent, r.children[2].textContent?.trim()]);
    expect(cells).toContainEqual(['Hafen', 'x']);
    expect(cells.find((c) => c[0] === 'West')?.[1]).toMatch(/^0/);
    expect(cells.flat()).not.toContain('–');
  });
});
