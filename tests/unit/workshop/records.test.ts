import { describe, expect, it } from 'vitest';
import { agreementOf, crossTable, disagreements, emptyRecord, exportRows, isEmpty, sanitizeRecords, type WorkshopRecord } from '../../../src/lib/workshop/records';
import { germanCsv } from '../../../src/lib/export/csv';

const rec = (p: Partial<WorkshopRecord>): WorkshopRecord => ({ ...emptyRecord(), updated: '2026-11-20T10:00:00.000Z', ...p });

describe('workshop records', () => {
  it('keeps only what was entered and survives foreign input', () => {
    expect(isEmpty(emptyRecord())).toBe(true);
    expect(isEmpty(rec({ notes: '  ' }))).toBe(true);
    expect(isEmpty(rec({ fit: 'unklar' }))).toBe(false);
    const s = sanitizeRecords({
      '030': { fit: 'passt_nicht', missing: 'Familienzentrum', extra: 1 },
      '031': { fit: 'super', notes: 5 },
      '032': 'kaputt',
      '033': { targetGroups: 'Alleinerziehende' },
    });
    expect(Object.keys(s)).toEqual(['030', '033']);
    expect(s['030']).toMatchObject({ fit: 'passt_nicht', missing: 'Familienzentrum', notes: '' });
    expect(s['033'].fit).toBeNull();
    expect(sanitizeRecords(null)).toEqual({});
    expect(sanitizeRecords([1, 2])).toEqual({});
  });

  it('counts index class × agreement (hand-worked)', () => {
    // 6 areas, 3 index classes (0 = low need … 2 = high need), one area without class
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const classOf = Int16Array.from([0, 0, 1, 2, 2, -1]);
    const records = { a: rec({ fit: 'passt' }), c: rec({ fit: 'unklar' }), d: rec({ fit: 'passt_nicht' }), e: rec({ fit: 'passt' }), f: rec({ fit: 'passt_nicht' }) };
    const ct = crossTable(ids, classOf, 3, records);
    expect(ct.rows.map((r) => [r.classIndex, r.counts])).toEqual([
      [0, { agree: 1, disagree: 0, unclear: 0, open: 1 }],
      [1, { agree: 0, disagree: 0, unclear: 1, open: 0 }],
      [2, { agree: 1, disagree: 1, unclear: 0, open: 0 }],
      [-1, { agree: 0, disagree: 1, unclear: 0, open: 0 }],
    ]);
    expect(ct.total).toEqual({ agree: 2, disagree: 2, unclear: 1, open: 1 });
    expect(agreementOf(undefined)).toBe('open');
  });

  it('lists disagreements in the outer classes first', () => {
    const ids = ['m', 'h', 'l', 'x'];
    const names = ['Mitte', 'Hoch', 'Tief', 'Ohne'];
    const classOf = Int16Array.from([2, 4, 0, -1]);
    const records = { m: rec({ fit: 'passt_nicht' }), h: rec({ fit: 'passt_nicht' }), l: rec({ fit: 'passt_nicht' }), x: rec({ fit: 'passt_nicht' }) };
    expect(disagreements(ids, names, classOf, 5, records).map((d) => d.id)).toEqual(['h', 'l', 'm', 'x']);
  });

  it('exports one row per recorded area; the CSV keeps umlauts, line breaks and formula-like text safe', () => {
    const records = { '030': rec({ fit: 'passt_nicht', targetGroups: 'Alleinerziehende', missing: 'Kita-Plätze\nSprachkurse', contributors: '=Jugendamt' }) };
    const rows = exportRows(['010', '030'], ['Altstadt-Nord', 'Schleusenkamp'], (i) => (i === 1 ? 'über 1,5 SD' : '–'), (f) => (f === 'passt_nicht' ? 'passt nicht' : '–'), records);
    expect(rows).toEqual([['030', 'Schleusenkamp', 'über 1,5 SD', 'passt nicht', 'Alleinerziehende', '', 'Kita-Plätze\nSprachkurse', '=Jugendamt', '', '2026-11-20']]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(germanCsv(['Schlüssel', 'Gebiet', 'Klasse', 'Einschätzung', 'Zielgruppen', 'Vorhanden', 'Fehlt', 'Wer', 'Notizen', 'Stand'], rows));
    expect(csv).toContain('"Kita-Plätze\nSprachkurse"');
    expect(csv).toContain(";'=Jugendamt;");
    expect(csv.startsWith('\uFEFF')).toBe(true);
  });
});
