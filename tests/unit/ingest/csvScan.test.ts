import { describe, expect, it } from 'vitest';
import { scanCsv } from '../../../src/lib/ingest/csvScan';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const opts = { start: 0, skipRecords: 1, footerRecords: 0, expectedFields: 3, chunkBytes: 1 << 20 };

describe('scanCsv', () => {
  it('finds the body after the header and before footers, ignoring blank lines', () => {
    const text = 'a;b;c\n\n1;2;3\n4;5;6\n\nQuelle: X\n';
    const r = scanCsv(enc(text), ';', { ...opts, footerRecords: 1 });
    expect(new TextDecoder().decode(enc(text).subarray(r.bodyStart, r.bodyEnd))).toBe('\n1;2;3\n4;5;6\n\n');
    expect(r.bodyRecords).toBe(2);
    expect(r.ragged.count).toBe(0);
  });

  it('cuts chunks only at record boundaries, never inside quotes', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i};"mehr\nzeilig ${i}";x`).join('\n');
    const bytes = enc('a;b;c\n' + rows + '\n');
    const r = scanCsv(bytes, ';', { ...opts, chunkBytes: 256 });
    expect(r.cuts.length).toBeGreaterThan(5);
    for (const c of r.cuts) expect(/^\d+;"mehr$/.test(new TextDecoder().decode(bytes.subarray(c, bytes.indexOf(10, c))))).toBe(true);
    expect(r.bodyRecords).toBe(200);
  });

  it('reports ragged rows with line numbers and an unclosed quote', () => {
    const r = scanCsv(enc('a;b;c\n1;2\n3;4;5;6\n7;8;9\n'), ';', opts);
    expect(r.ragged).toEqual({ count: 2, lines: [2, 3], fields: [2, 4] });
    expect(r.padded).toBe(false);
    expect(scanCsv(enc("a;b;c\n1; 2;3\n"), ";", opts).padded).toBe(true);
    expect(scanCsv(enc("a;b;c\n1;2 ;3\n"), ";", opts).padded).toBe(true);
    expect(scanCsv(enc("a\tb\n1\t2\n"), "\t", { ...opts, expectedFields: 2 }).padded).toBe(false);
    expect(r.maxFields).toBe(4);
    expect(scanCsv(enc('a;b;c\n1;"2;3\n4;5;6\n'), ';', opts).openQuoteLine).toBe(2);
  });

  it('classifies cells per column so plain digit columns need no SQL statistics', () => {
    const text = 'id;n;name;q\n001;12;Nord;1,5\n002;;"Süd";2\n010;7;West\n\nQuelle: X\n';
    const r = scanCsv(enc(text), ';', { ...opts, expectedFields: 4, footerRecords: 1 });
    expect(r.classes).toEqual([
      { empty: 0, digits: 0, zeros: 3, other: 0, text: 0 },
      { empty: 1, digits: 2, zeros: 0, other: 0, text: 0 },
      { empty: 0, digits: 0, zeros: 0, other: 3, text: 0 },
      { empty: 1, digits: 1, zeros: 0, other: 1, text: 0 },
    ]);
    // words that could be a missing symbol or yes/no are left to SQL; plain words are text
    const words = scanCsv(enc('a\nx\nxy\nk.A.\nja\nNein\nm\nWestend\nKöln\nLand \n'), ';', { ...opts, expectedFields: 1 }).classes[0];
    // other: x, k.A., ja, Nein, Köln (K… could be "k.A."-like when short), "Land " (padded)
    expect(words).toEqual({ empty: 0, digits: 0, zeros: 0, other: 6, text: 3 });
    // 16 digits no longer fit a double exactly: left to SQL
    expect(scanCsv(enc('a\n1234567890123456\n'), ';', { ...opts, expectedFields: 1 }).classes[0].other).toBe(1);
  });

  it('counts blank lines after the body start (not the title area, not the end of the file)', () => {
    const r = scanCsv(enc('Titel\n\na;b;c\n1;2;3\n;;\n\n4;5;6\r\n'), ';', { ...opts, skipRecords: 2 });
    expect([r.bodyRecords, r.blankLines]).toEqual([2, 2]);
    expect(scanCsv(enc('a;b;c\n1;2;3\n;;'), ';', opts).blankLines).toBe(1);
    expect(scanCsv(enc('a;b;c\n1;2;3'), ';', opts).blankLines).toBe(0);
  });
});
