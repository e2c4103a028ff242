import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { guessNumberFormat, hasLeadingZero, isMissing, parseNumber, trimCell } from '../../../src/lib/ingest/numbers';

const DE = { decimal: ',', thousands: '.' } as const;
const EN = { decimal: '.', thousands: '' } as const;

/** Format like a German office: grouped thousands with '.', decimal comma. */
function german(n: number, decimals: number): string {
  const [i, d] = Math.abs(n).toFixed(decimals).split('.');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${d ? ',' + d : ''}`;
}

describe('German numbers', () => {
  it('parses decimal comma, grouped thousands and percent', () => {
    expect(parseNumber('1.234,5', DE)).toEqual({ value: 1234.5, percent: false, limited: false });
    expect(parseNumber(' 53,40% ', DE)).toEqual({ value: 53.4, percent: true, limited: false });
    expect(parseNumber('18,4 %', DE)).toEqual({ value: 18.4, percent: true, limited: false });
    expect(parseNumber(' (3,2) ', DE)).toEqual({ value: 3.2, percent: false, limited: true });
    expect(parseNumber('( )', DE)).toBeNull();
    expect(parseNumber('1.234.567', DE)?.value).toBe(1234567);
    expect(parseNumber('\u221212,5', DE)?.value).toBe(-12.5);
    expect(parseNumber('1023101.0', EN)?.value).toBe(1023101);
  });

  it('refuses misplaced separators instead of guessing', () => {
    expect(parseNumber('1.5', DE)).toBeNull();
    expect(parseNumber('12.34,5', DE)).toBeNull();
    expect(parseNumber('15,8', EN)).toBeNull();
    expect(parseNumber('ca. 900', DE)).toBeNull();
    expect(parseNumber('', DE)).toBeNull();
  });

  it('knows the missing-value symbols and leading-zero IDs', () => {
    for (const s of ['', ' ', '-', '–', '.', '·', 'x', '/', 'k.A.', '...']) expect(isMissing(s)).toBe(true);
    expect(isMissing('0')).toBe(false);
    expect(hasLeadingZero('06010102')).toBe(true);
    expect(hasLeadingZero('0,5')).toBe(false);
    expect(hasLeadingZero('10')).toBe(false);
  });

  it('guesses the number format from sample values', () => {
    expect(guessNumberFormat(['15,8', '1.234,5', 'Altstadt'], ';')).toEqual({ decimal: ',', thousands: '.' });
    expect(guessNumberFormat(['1023101.0', '12'], ',')).toEqual({ decimal: '.', thousands: '' });
    expect(guessNumberFormat(['12.345', '1.234.567'], ';')).toEqual({ decimal: ',', thousands: '.' });
    expect(guessNumberFormat(['"53,40%"'.replace(/"/g, ''), '3323'], ',')).toEqual({ decimal: ',', thousands: '' });
    expect(guessNumberFormat(['1,234.5', '7.25'], ';')).toEqual({ decimal: '.', thousands: ',' });
  });

  it('property: German-formatted numbers parse back to the value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }), (i, decimals) => {
        const n = i / 10 ** decimals;
        const parsed = parseNumber(german(n, decimals), DE);
        expect(parsed).not.toBeNull();
        expect(parsed!.value).toBeCloseTo(Number(n.toFixed(decimals)), 6);
      }),
    );
  });

  it('property: a German-formatted column is guessed as decimal comma', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1e7 }), { minLength: 3, maxLength: 30 }), (ints) => {
        const cells = ints.map((v) => german(v / 100, 2));
        expect(guessNumberFormat(cells, ';').decimal).toBe(',');
      }),
    );
  });

  it('shortcuts for plain cells change nothing: trimming, digit runs, the format guess', () => {
    const cell = fc.string({ unit: fc.constantFrom('0', '1', '7', '9', ',', '.', '-', '+', '%', '(', ')', ' ', '\u00a0', '\t', 'a', 'x', '\u2212'), maxLength: 12 });
    const regexTrim = (c: string) => c.replace(/^[ \t\r\n\u00a0]+|[ \t\r\n\u00a0]+$/g, '');
    fc.assert(
      fc.property(cell, fc.array(cell, { maxLength: 20 }), fc.array(fc.string({ unit: fc.constantFrom('0', '3', '9'), minLength: 1, maxLength: 16 }), { maxLength: 20 }), (c, cells, digits) => {
        expect(trimCell(c)).toBe(regexTrim(c));
        // a plain digit run parses as itself in every format; with a sign or a separator the patterns decide
        for (const f of [DE, EN, { decimal: ',', thousands: ' ' } as const]) {
          if (/^[0-9]+$/.test(c)) expect(parseNumber(c, f)).toEqual({ value: Number(c), percent: false, limited: false });
          expect(parseNumber(` ${c}`, f)).toEqual(parseNumber(`${c} `, f));
        }
        // digit runs carry no evidence on separators
        for (const d of [';', ',']) expect(guessNumberFormat([...cells, ...digits], d)).toEqual(guessNumberFormat(cells, d));
      }),
    );
  });
});
