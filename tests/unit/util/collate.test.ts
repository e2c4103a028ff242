import { describe, expect, it } from 'vitest';
import { compareDe } from '../../../src/lib/util/collate';

describe('compareDe: German order with numbers by value', () => {
  it('puts numbers in keys and names in their order, umlauts where German puts them', () => {
    expect(['Block 10', 'Block 2', 'Block 1'].sort(compareDe)).toEqual(['Block 1', 'Block 2', 'Block 10']);
    expect(['010', '05', '9'].sort(compareDe)).toEqual(['05', '9', '010']);
    expect(['Zentrum', 'Ölbachtal', 'Oberdorf', 'Aue', 'Äußere Stadt'].sort(compareDe)).toEqual(['Aue', 'Äußere Stadt', 'Oberdorf', 'Ölbachtal', 'Zentrum']);
  });

  it('orders exactly as localeCompare(b, "de", { numeric: true }) did (the collator per call it replaces)', () => {
    const words = ['Süd', 'sud', 'Sud', '12a', '12', '1b', 'Altstadt-Nord', 'Altstadt Nord', 'ß', 'ss', 'Ä', 'a', '', ' 3', '03', 'x-10', 'x-9'];
    for (const a of words) for (const b of words) expect(Math.sign(compareDe(a, b))).toBe(Math.sign(a.localeCompare(b, 'de', { numeric: true })));
  });
});
