import { describe, expect, it } from 'vitest';
import { mapTableCsv, type MapTableData } from '../../../src/lib/map/tableCsv';
import { setLang } from '../../../src/i18n/index';

/** The exported text as rows of fields (no quoted fields in these cases), comment lines dropped. */
const rowsOf = (bytes: Uint8Array) =>
  new TextDecoder()
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l && !l.startsWith('# '))
    .map((l) => l.split(';'));

const data = (small?: boolean[]): MapTableData => ({
  ids: ['01', '02', '03'],
  names: ['Nord', 'Hafen', 'Markt'],
  values: new Float64Array([12.5, 30, 7.25]),
  classOf: new Int16Array([0, 1, 0]),
  disclosed: { status: ['ok', 'ok', 'ok'], marks: [null, null, null], ...(small ? { small } : {}) },
  minPopulation: 300,
  legend: [
    { classIndex: 0, label: '5 – 15', color: [1, 2, 3], count: 2 },
    { classIndex: 1, label: '15 – 30', color: [4, 5, 6], count: 1 },
  ],
  valueHeading: 'SGB II-Quote (%)',
  notes: ['Karte'],
});

describe('map table CSV: the ⚑ of an area under the minimum population', () => {
  it('names it in its own column, in the words of the table cell’s title, for exactly the flagged areas', () => {
    setLang('de');
    const [header, ...rows] = rowsOf(mapTableCsv(data([false, true, false]), [0, 1, 2]));
    expect(header.at(-1)).toBe('Kleine Einwohnerzahl');
    for (const r of rows) expect(r).toHaveLength(header.length);
    expect(rows.map((r) => r.at(-1))).toEqual(['', '⚑ unter 300 EW', '']);
    // the value itself is shown: the flag warns, it does not withhold
    expect(rows[1].slice(0, 4)).toEqual(['02', 'Hafen', '30', '2']);
  });

  it('follows the order of the table and the reader’s language; without flags the column stays empty', () => {
    setLang('en');
    try {
      const [header, ...rows] = rowsOf(mapTableCsv(data([true, false, false]), [2, 1, 0]));
      expect(header.at(-1)).toBe('Small population');
      expect(rows.map((r) => [r[1], r.at(-1)])).toEqual([['Markt', ''], ['Hafen', ''], ['Nord', '⚑ under 300 residents']]);
    } finally {
      setLang('de');
    }
    const [, ...plain] = rowsOf(mapTableCsv(data(), [0, 1, 2]));
    expect(plain.map((r) => r.at(-1))).toEqual(['', '', '']);
  });
});
