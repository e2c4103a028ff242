import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { changeUnit, changeUnitShort, fmtCell, fmtInt, fmtP, fmtPercent, fmtSigned, fmtYear, isCodeColumn, isYearColumn, rateUnit, unitSuffix } from '../../../src/lib/format/numbers';
import { fmtNumber } from '../../../src/i18n/index';
import { app } from '../../../src/i18n/app';

describe('number formatting rules', () => {
  it('never puts a thousands separator into a year', () => {
    for (const lang of ['de', 'en'] as const) {
      expect(fmtYear(2019, lang)).toBe('2019');
      expect(fmtYear('2024', lang)).toBe('2024');
      expect(fmtCell(2019, { name: 'JAHR', type: 'integer' }, lang)).toBe('2019');
      expect(fmtCell(2019, { name: 'Berichtsjahr' }, lang)).toBe('2019');
      expect(fmtCell(2019, { name: 'year' }, lang)).toBe('2019');
      expect(fmtCell(2019, { name: 'REF_YEAR' }, lang)).toBe('2019');
    }
    // the same number as a count is grouped
    expect(fmtCell(2019, { name: 'EW' }, 'de')).toBe('2.019');
    // NaN is a cell the source kept secret („·“ on import), null one that is missing (QA-18)
    expect([fmtCell(NaN, { name: 'SGB2' }, 'de'), fmtCell(null, { name: 'SGB2' }, 'de')]).toEqual(['·', '']);
    expect(fmtCell(2019, { name: 'EW' }, 'en')).toBe('2,019');
    expect(fmtYear(null)).toBe('–');
  });

  it('keeps integer codes as digits and recognises year and code names', () => {
    expect(fmtCell(5111000, { name: 'AGS' }, 'de')).toBe('5111000');
    expect(fmtCell(12345, { name: 'BEZ_ID' }, 'de')).toBe('12345');
    expect(fmtCell(44135, { name: 'PLZ' }, 'en')).toBe('44135');
    expect(isYearColumn('JAHR')).toBe(true);
    expect(isYearColumn('Erhebungsjahr')).toBe(true);
    expect(isYearColumn('Jahrgang')).toBe(true);
    expect(isYearColumn('EW_2019')).toBe(false);
    expect(isYearColumn('Jahresumsatz')).toBe(false);
    expect(isCodeColumn('BEZ_ID')).toBe(true);
    expect(isCodeColumn('Gemeindeschluessel')).toBe(false); // a compound: not recognised, stays a number
    expect(isCodeColumn('schluessel')).toBe(true);
    expect(isCodeColumn('EW_U65')).toBe(false);
    expect(isCodeColumn('HH_ALLEINERZ')).toBe(false);
    // codes that are not integers are numbers after all
    expect(fmtCell(1.5, { name: 'ID' }, 'de')).toBe('1,5');
    expect(fmtCell(null, { name: 'x' })).toBe('');
    expect(fmtCell('Altstadt', { name: 'x' })).toBe('Altstadt');
  });

  it('writes German and English number formats consistently', () => {
    expect(fmtNumber(1234.5, 1, 'de')).toBe('1.234,5');
    expect(fmtNumber(1234.5, 1, 'en')).toBe('1,234.5');
    expect(fmtInt(12345, 'de')).toBe('12.345');
    expect(fmtInt(12345, 'en')).toBe('12,345');
    expect(fmtPercent(12.34, 1, 'de')).toBe('12,3 %');
    expect(fmtPercent(12.34, 1, 'en')).toBe('12.3%');
    expect(fmtP(0.0004, 'de')).toBe('< 0,001');
    expect(fmtP(0.0004, 'en')).toBe('< 0.001');
    expect(fmtP(0.0123, 'de')).toBe('0,012');
    expect(fmtP(0.0123, 'en')).toBe('0.012');
    expect(fmtP(NaN)).toBe('–');
    expect(unitSuffix('%', 'de')).toBe(' %');
    expect(unitSuffix('%', 'en')).toBe('%');
    expect(unitSuffix('‰', 'en')).toBe('‰');
    expect(unitSuffix('km²', 'en')).toBe(' km²');
    expect(unitSuffix('', 'de')).toBe('');
  });

  it('names rate units and percentage points for changes', () => {
    expect(rateUnit(100)).toBe('%');
    expect(rateUnit(1000)).toBe('‰');
    expect(rateUnit(1)).toBe('');
    expect(changeUnit(100, 'de')).toBe('Prozentpunkte');
    expect(changeUnit(100, 'en')).toBe('percentage points');
    expect(changeUnitShort(100, 'de')).toBe('Pp.');
    expect(changeUnitShort(1000, 'de')).toBe('‰-Pkt.');
    expect(changeUnit(1, 'de')).toBe('');
    expect(fmtSigned(1.25, 1, 'de')).toBe('+1,3');
    expect(fmtSigned(-0.44, 1, 'de')).toBe('−0,4');
    expect(fmtSigned(-1234.5, 1, 'en')).toBe('−1,234.5');
    expect(fmtSigned(-0.01, 1, 'de')).toBe('0,0');
    expect(fmtSigned(0, 1, 'en')).toBe('0.0');
  });

  it('has no German-style numbers and no space before % in the English strings', () => {
    const dir = path.resolve(import.meta.dirname, '../../../src/i18n');
    const bad: string[] = [];
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const en = text.slice(text.search(/\n\s*en: \{/));
      for (const line of en.split('\n')) {
        // the import dialog explains the German decimal comma on purpose
        if (/dec\.comma/.test(line)) continue;
        if (/\d %/.test(line) || /\d,\d(?!\d\d\b)/.test(line) || /\d\.\d\d\d\b/.test(line)) bad.push(`${f}: ${line.trim()}`);
      }
    }
    expect(bad).toEqual([]);
    expect(app.en['import.dec.comma']).toMatch(/1,5/);
  });
});
