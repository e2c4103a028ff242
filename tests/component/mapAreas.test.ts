import { describe, expect, it } from 'vitest';
import { AppState } from '../../src/lib/state/app.svelte';
import { MapState } from '../../src/lib/state/map.svelte';
import { fakeStarter } from '../helpers/fakeEngine';

describe('a view’s link to the map for the areas of one layer (MapState.areasOf)', () => {
  function setup() {
    const map = new MapState(new AppState(fakeStarter({})));
    map.layer = 'bezirke';
    return map;
  }

  it('sees and sets the selection and the area under the pointer while the map shows its layer', () => {
    const map = setup();
    const link = map.areasOf('bezirke');
    map.select(4);
    map.hovered = 7;
    expect([link.selected, link.hovered]).toEqual([4, 7]);
    link.select(2);
    link.hover(9);
    expect([map.selected, map.hovered]).toEqual([2, 9]);
    link.hover(null);
    expect(map.hovered).toBeNull();
  });

  it('on another layer its index is another area: it sees nothing and changes nothing', () => {
    const map = setup();
    map.select(4);
    map.hovered = 7;
    const other = map.areasOf('stadtbezirke');
    expect([other.selected, other.hovered]).toEqual([null, null]);
    other.select(1);
    other.hover(2);
    expect([map.selected, map.hovered]).toEqual([4, 7]);
    // no layer chosen in the view: nothing either
    expect(map.areasOf(null).selected).toBeNull();
    // the link follows the map: once it shows the view's layer, the view sees its selection
    map.layer = 'stadtbezirke';
    expect(other.selected).toBe(4);
  });
});
