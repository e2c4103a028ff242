import { describe, expect, it } from 'vitest';
import { germanCsv } from '../../../src/lib/export/csv';

const text = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

describe('germanCsv', () => {
  it('writes semicolons, decimal commas, CRLF and a BOM', () => {
    const s = text(germanCsv(['Schlüssel', 'Quote'], [['010', 12.5], ['011', null]]));
    expect(s.startsWith('\uFEFF')).toBe(true);
    expect(s.slice(1)).toBe('Schlüssel;Quote\r\n010;12,5\r\n011;\r\n');
  });
  it('quotes delimiters and neutralises formulas in names', () => {
    const s = text(germanCsv(['Name'], [['A;B'], ['=HYPERLINK("x")'], ['Sa "Nord"']]));
    expect(s).toContain('"A;B"');
    expect(s).toContain(`"'=HYPERLINK(""x"")"`);
    expect(s).toContain('"Sa ""Nord"""');
  });
  it('a signed class label keeps no apostrophe: its minus becomes U+2212 (QA-7); other leading „-“ stay guarded', () => {
    const s = text(germanCsv(['Klasse'], [['-1 bis unter 1 SD'], ['-cmd|x'], ['ab 1,5 SD']]));
    expect(s.slice(1).split('\r\n')).toEqual(['Klasse', '\u22121 bis unter 1 SD', "'-cmd|x", 'ab 1,5 SD', '']);
  });
});
