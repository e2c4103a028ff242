import { afterEach, describe, expect, it } from 'vitest';
import { AppState } from '../../src/lib/state/app.svelte';
import { MapState } from '../../src/lib/state/map.svelte';
import { i18n } from '../../src/lib/state/i18n.svelte';
import { fakeStarter } from '../helpers/fakeEngine';
import { changeMap } from '../../src/lib/map/changeMap';
import { changeStatus } from '../../src/lib/engine/change';
import { SECRET_CLASS } from '../../src/lib/map/disclosure';
import type { CustomMap } from '../../src/lib/map/custom';

afterEach(() => i18n.set('de'));

/** A map state showing `custom` on four areas (what showCustom sets, without an engine). */
function showing(custom: CustomMap): MapState {
  const map = new MapState(new AppState(fakeStarter({})));
  map.layer = 'l';
  map.custom = custom;
  const counts = new Array(custom.colors.length).fill(0);
  let missing = 0;
  for (const k of custom.classOf) k >= 0 ? counts[k]++ : missing++;
  map.result = { values: custom.values, ids: ['a', 'b', 'c', 'd'], names: ['A', 'B', 'C', 'D'], classes: { breaks: custom.breaks ?? [], classOf: custom.classOf, counts, missing } };
  return map;
}

describe('legends of workspace maps (QA-26)', () => {
  it('the change map counts areas hidden in either year as „· geheim“, not „keine Angabe“, and names the project rule below', () => {
    // A: hidden (primary) in the earlier year; B: secondary in the later one; C: no value; D: +2
    const from = { status: ['secret', 'ok', 'missing', 'ok'] as const, marks: ['primary', null, null, null] as const };
    const to = { status: ['ok', 'secondary', 'missing', 'ok'] as const, marks: [null, 'secondary', null, null] as const };
    const st = changeStatus({ status: [...from.status], marks: [...from.marks] }, { status: [...to.status], marks: [...to.marks] });
    expect(st).toEqual({ status: ['secret', 'secondary', 'ok', 'ok'], marks: ['primary', 'secondary', null, null] });
    const values = Float64Array.from([NaN, NaN, NaN, 2]);
    const custom = changeMap(values, { breaks: [-3, -1, 1, 3], classOf: Int16Array.from([-1, -1, -1, 2]), counts: [0, 0, 1], missing: 3, zeroClass: 1 } as never, { title: 'Veränderung', valueLabel: 'Veränderung', unit: '' });
    custom.disclosure = st;
    const map = showing(custom);
    const legend = map.legend;
    expect(legend.filter((e) => e.classIndex === SECRET_CLASS).map((e) => [e.label, e.note, e.count])).toEqual([['· geheim', '1 primär, 1 sekundär', 2]]);
    expect(legend.find((e) => e.noValue)?.count).toBe(1);
    expect(map.legendNote).toMatch(/^Geheimhaltung an: Fallzahlen unter 3 /);
    map.levels.settings.enabled = false;
    expect(map.legendNote).toMatch(/^Geheimhaltung aus/);
    // the map table and tooltip read the same statuses
    expect(map.disclosed?.status).toEqual(['secret', 'secondary', 'ok', 'ok']);
  });

  it('a Sozialindex map names the index’s own thresholds, whatever the project switch says', () => {
    const custom: CustomMap = { title: 'Sozialindex', values: Float64Array.from([1, 2, 3, 4]), classOf: Int16Array.from([0, 0, 1, 1]), colors: [[1, 1, 1], [2, 2, 2]], labels: ['niedrig', 'hoch'], rule: { enabled: true, minCount: 5, minDenominator: 200, minNumerator: 4 } };
    const map = showing(custom);
    map.levels.settings.enabled = false;
    expect(map.legendNote).toBe('Geheimhaltung an: Fallzahlen unter 5 und Quoten mit Nenner unter 200 oder Zähler unter 4 werden nicht gezeigt.');
    expect(map.disclosed).toBeNull();
  });
});
