import { describe, expect, it } from 'vitest';
import { splitRecords } from '../../../src/lib/ingest/csvSniff';
import { addsUp, isNoteLine, locateTable } from '../../../src/lib/ingest/layout';

const DE = { decimal: ',' as const, thousands: '.' };
const rows = (t: string, d = ';'): string[][] => splitRecords(t, d);

describe('locateTable', () => {
  it('counts blank rows in the 1-based header row and finds notes whose text holds the delimiter', () => {
    const t = 'Einwohner nach Stadtteilen\n\n\nStadtteil;EW;Quote\nA;1.000;5,5\nB;2.000;6,5\nC;3.000;7,5\n\nQuelle: Stadt; Amt 12; eigene Berechnung\n· = geheim\n';
    const l = locateTable(rows(t), DE, { delimiter: ';' });
    expect(l).toMatchObject({ headerRow: 4, headerRows: 1, titleRows: 1, footerRows: 2, skip: 2, drop: 2 });
    expect(l.notes).toEqual({ above: ['Einwohner nach Stadtteilen'], below: ['Quelle: Stadt; Amt 12; eigene Berechnung', '· = geheim'] });
    expect(l.roles.slice(0, 5)).toEqual(['title', 'blank', 'blank', 'header', 'data']);
    expect(l.roles.slice(-3)).toEqual(['blank', 'footer', 'footer']);
  });

  it('a user header row in Excel numbering; a blank row picks the next line; 0 = no header', () => {
    const t = 'Titel\n\nNr;Wert\n1;5\n2;6\n';
    expect(locateTable(rows(t), DE, { headerRow: 3 })).toMatchObject({ headerRow: 3, skip: 2 });
    expect(locateTable(rows(t), DE, { headerRow: 2 })).toMatchObject({ headerRow: 3 });
    expect(locateTable(rows(t), DE, { headerRow: 1 })).toMatchObject({ headerRow: 1, skip: 1, headerCells: [['Titel']] });
    expect(locateTable(rows(t), DE, { headerRow: 0 })).toMatchObject({ headerRow: 0, headerRows: 0, skip: 0 });
  });

  it('sets a sums row apart: strong labels always, „Stadt X“ only when the numbers add up', () => {
    const body = 'Gebiet;EW;Kinder\nNord;100;10\nSüd;200;20\nWest;300;30\n';
    expect(locateTable(rows(body + 'Insgesamt;600;60\n'), DE).totals).toMatchObject({ position: 'last', row: 5, label: 'Insgesamt' });
    expect(locateTable(rows(body + 'Summe¹;601;60\n'), DE).totals).toMatchObject({ label: 'Summe¹' });
    expect(locateTable(rows(body + 'Stadt Musterstadt;600;60\n'), DE).totals).toMatchObject({ label: 'Stadt Musterstadt' });
    expect(locateTable(rows(body + 'Stadt Blankenberg;40;4\n'), DE).totals).toBeUndefined();
    expect(locateTable(rows('Gebiet;EW;Kinder\nStadt gesamt;600;60\nNord;100;10\nSüd;200;20\nWest;300;30\n'), DE).totals).toMatchObject({ position: 'first', row: 2 });
    expect(locateTable(rows(body + 'Insgesamt;600;60\n'), DE, { keepTotals: true }).totals).toBeUndefined();
    const l = locateTable(rows(body + 'Insgesamt;600;60\nQuelle: Amt\n'), DE);
    expect(l).toMatchObject({ footerRows: 1, drop: 2 });
    expect(l.roles.slice(-2)).toEqual(['totals', 'footer']);
  });

  it('takes a group label line right above the header into the header (GENESIS)', () => {
    const t = 'Statistik: 12411;;;\n;;Bevölkerung;\n;;Insgesamt;männlich\n31.12.2023;05158004;44183;21650\n31.12.2023;05158008;30439;14915\n31.12.2023;05158016;55764;27324\n';
    expect(locateTable(rows(t), DE)).toMatchObject({ headerRow: 2, headerRows: 2, titleRows: 1 });
  });

  it('in a large file, notes and a strong sums row come from the tail', () => {
    const head = 'Gebiet;EW\n' + Array.from({ length: 50 }, (_, i) => `G${i};${i + 10}`).join('\n') + '\n';
    const tail = rows('G98;5\nG99;6\nInsgesamt;9999\nQuelle: Amt\n').filter((r) => r.length);
    const l = locateTable(rows(head), DE, {}, tail);
    expect(l).toMatchObject({ footerRows: 1, drop: 2 });
    expect(l.totals).toMatchObject({ position: 'last', label: 'Insgesamt', row: undefined });
    expect(l.tailRoles).toEqual(['data', 'data', 'totals', 'footer']);
  });
});

describe('note lines and sums', () => {
  it('recognises sources, legends, footnote marks and rules', () => {
    for (const t of ['Quelle: IT.NRW', '· = Wert geheim gehalten', '– = nichts vorhanden', 'x = Aussage nicht sinnvoll', '1) ohne Nebenwohnsitze', '* vorläufig', '__________', '© Stadt Köln', 'Zeichenerklärung: …']) {
      expect(isNoteLine([t, '']), t).toBe(true);
    }
    for (const t of ['Altstadt', 'SR 01 Nord', '01 Altstadt', 'Stadtteil']) expect(isNoteLine([t, '12']), t).toBe(false);
  });

  it('addsUp compares with the column sums, ignoring percentages', () => {
    expect(addsUp(['S', '6', '12,5 %'], [['a', '1', '5 %'], ['b', '5', '20 %']], DE)).toBe(true);
    expect(addsUp(['S', '7'], [['a', '1'], ['b', '5']], DE)).toBe(false);
  });
});
