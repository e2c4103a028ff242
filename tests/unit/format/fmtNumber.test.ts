import { describe, expect, it } from 'vitest';
import { fmtNumber } from '../../../src/i18n/index';

describe('fmtNumber', () => {
  it('never prints a negative zero: −0,03 with one decimal is „0,0“, not „-0,0“ (index tables, map table)', () => {
    expect(fmtNumber(-0.03, 1, 'de')).toBe('0,0');
    expect(fmtNumber(-0.004, 2, 'en')).toBe('0.00');
    expect(fmtNumber(-0, undefined, 'de')).toBe('0');
  });

  it('keeps the sign of every value that does not round to zero', () => {
    expect(fmtNumber(-0.05, 1, 'de')).toBe('-0,1');
    expect(fmtNumber(-1234.5, 1, 'de')).toBe('-1.234,5');
    expect(fmtNumber(3.4146, 2, 'de')).toBe('3,41');
  });
});
