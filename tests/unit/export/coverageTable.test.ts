import { describe, expect, it } from 'vitest';
import { coverageCsv, coverageRow } from '../../../src/lib/export/coverageTable';
import type { DisclosureStatus } from '../../../src/lib/analysis/disclosure';

/**
 * Four areas, Kita places per 100 children (hand-made; municipal 100 places / 400 children = 25):
 * Nord 2 Kitas, 60 places, 200 children → 30 (index 120); Süd none, 150 children → 0;
 * Hafen 1 Kita, 40 places, 50 children → rate not reliable („/“: under 100 persons);
 * Markt no children (rate undefined) and, with the services not public, its 0 count stays „–“.
 */
const base = {
  ids: ['01', '02', '03', '04'],
  names: ['Nord', 'Süd', 'Hafen', 'Markt'],
  count: Float64Array.from([2, 0, 1, 0]),
  capacity: Float64Array.from([60, 0, 40, 0]),
  target: Float64Array.from([200, 150, 50, 0]),
  rate: Float64Array.from([30, 0, 80, NaN]),
  index: Float64Array.from([120, 0, 320, NaN]),
  countStatus: ['secret', 'zero', 'secret', 'zero'] as DisclosureStatus[],
  rateStatus: ['ok', 'ok', 'unreliable', 'ok'] as DisclosureStatus[],
};
const header = ['Schlüssel', 'Gebiet', 'Angebote', 'Plätze', 'EW_U6', 'Plätze je 100 EW_U6', 'Quote, Stadt = 100'];

function lines(bytes: Uint8Array): string[] {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).split('\r\n').filter(Boolean);
}

describe('coverage table per area: cells and CSV', () => {
  it('shows the official symbols where the table hides a value, the same in the CSV', () => {
    // services public (register data): counts shown, 0 as „–“
    expect(coverageRow(base, null, 0, true).count).toEqual({ value: 2, symbol: null });
    expect(coverageRow(base, null, 1, true).count.symbol).toBe('–');
    // not public: the count 2 is „·“, and so are its places
    expect(coverageRow(base, null, 0, false).count.symbol).toBe('·');
    expect(coverageRow(base, null, 0, false).capacity.symbol).toBe('·');
    // Hafen: the rate and index rest on 50 children → „/“; the children are shown (only a secret rate hides them)
    const hafen = coverageRow(base, null, 2, true);
    expect([hafen.rate.symbol, hafen.index.symbol, hafen.target.symbol]).toEqual(['/', '/', null]);
    // Markt: no children, no rate → „–“
    expect(coverageRow(base, null, 3, true).rate.symbol).toBe('–');
  });

  it('hides the target group where the rate is secret (it would give the rate away)', () => {
    const secret = { ...base, rateStatus: ['secret', 'ok', 'ok', 'ok'] as DisclosureStatus[] };
    expect(coverageRow(secret, null, 0, true).target.symbol).toBe('·');
    expect(coverageRow(secret, null, 0, true).rate.symbol).toBe('·');
  });

  it('writes the table in its order: key, name, the numbers with the table’s decimals, symbols as text, notes above', () => {
    const rates = { ...base, rate: Float64Array.from([100 / 3, 0, 80, NaN]), index: Float64Array.from([133.333, 0, 320, NaN]) };
    const csv = lines(coverageCsv({ base: rates, scen: null, publicServices: true, header, notes: ['Versorgungsquote', 'Zeichen: · geheim'] }, [2, 0, 1, 3]));
    expect(csv).toEqual([
      '# Versorgungsquote',
      '# Zeichen: · geheim',
      'Schlüssel;Gebiet;Angebote;Plätze;EW_U6;Plätze je 100 EW_U6;Quote, Stadt = 100',
      '03;Hafen;1;40;50;/;/',
      '01;Nord;2;60;200;33,3;133',
      '02;Süd;–;–;150;0;0',
      '04;Markt;–;–;0;–;–',
    ]);
  });

  it('adds the scenario’s rate when a scenario was computed', () => {
    const scen = { rate: Float64Array.from([30, 100 / 6, 80, NaN]), rateStatus: ['ok', 'ok', 'unreliable', 'ok'] as DisclosureStatus[] };
    const csv = lines(coverageCsv({ base, scen, publicServices: true, header: [...header, 'Szenario'], notes: [] }, [1]));
    expect(csv).toEqual([`${header.join(';')};Szenario`, '02;Süd;–;–;150;0;0;16,7']);
  });
});
