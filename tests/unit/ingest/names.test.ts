import { describe, expect, it } from 'vitest';
import { mergeHeaderRows, uniqueNames } from '../../../src/lib/ingest/names';
import type { ImportWarning } from '../../../src/lib/ingest/types';

describe('column names', () => {
  it('merges spanning header rows into "Einwohner 2020"', () => {
    expect(mergeHeaderRows([['Gebiet', 'Einwohner', '', 'Arbeitslose', ''], ['', '2020', '2021', '2020', '2021']], 5)).toEqual([
      'Gebiet', 'Einwohner 2020', 'Einwohner 2021', 'Arbeitslose 2020', 'Arbeitslose 2021',
    ]);
    // filled merged cells (XLSX) do not repeat the label
    expect(mergeHeaderRows([['Stadtteil', 'Einwohner'], ['Stadtteil', '2020']], 2)).toEqual(['Stadtteil', 'Einwohner 2020']);
  });

  it('trims, keeps umlauts, fills empty names and de-duplicates case-insensitively', () => {
    const w: ImportWarning[] = [];
    expect(uniqueNames(['\uFEFF Größe ', 'wert', 'Wert', '', '_geom'], w)).toEqual(['Größe', 'wert', 'Wert_2', 'Spalte_4', '_geom_2']);
    expect(w.map((x) => x.code)).toEqual(['duplicate_name', 'duplicate_name']);
  });
});
