import { describe, expect, it } from 'vitest';
import { areaSearchIndex, searchAreas as search } from '../../../src/lib/workshop/pick';

const ids = ['011', '012', '037', '064', '120'];
const names = ['Altstadt-Süd', 'Altstadt-Nord', 'Hüttenheim', 'Neue Heimat', 'Großer Busch'];
const order = [1, 0, 4, 2, 3]; // the picker's order (by name)
const searchAreas = (o: number[], i: string[], n: string[], q: string) => search(o, areaSearchIndex(i, n), q);

describe('searchAreas: the Werkstatt picker finds areas by part of the name or key', () => {
  it('keeps the picker’s order and all areas for an empty query', () => {
    expect(searchAreas(order, ids, names, '')).toEqual(order);
    expect(searchAreas(order, ids, names, '   ')).toEqual(order);
  });

  it('finds by part of the name, ignoring case', () => {
    expect(searchAreas(order, ids, names, 'altstadt')).toEqual([1, 0]);
    expect(searchAreas(order, ids, names, 'HEIM')).toEqual([2, 3]);
  });

  it('finds umlauts and ß spelt either way', () => {
    for (const q of ['hütt', 'hutt', 'huett', 'Hüttenheim']) expect(searchAreas(order, ids, names, q)).toEqual([2]);
    for (const q of ['süd', 'sud', 'sued']) expect(searchAreas(order, ids, names, q)).toEqual([0]);
    for (const q of ['groß', 'gross']) expect(searchAreas(order, ids, names, q)).toEqual([4]);
  });

  it('finds by key, and needs every word', () => {
    expect(searchAreas(order, ids, names, '064')).toEqual([3]);
    expect(searchAreas(order, ids, names, '01')).toEqual([1, 0]);
    expect(searchAreas(order, ids, names, 'alt nord')).toEqual([1]);
    expect(searchAreas(order, ids, names, 'alt west')).toEqual([]);
  });
});
