import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DELIMITERS, detectLayout, sniffDelimiter, splitRecords } from '../../../src/lib/ingest/csvSniff';

const DE = { decimal: ',', thousands: '.' } as const;

describe('splitRecords', () => {
  it('splits exactly like the character-by-character reference on arbitrary text', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\u00a0', ';', ',', '|', '\t', '"', '\n', '\r', '1'), maxLength: 60 });
    fc.assert(
      fc.property(text, fc.constantFrom(';', ',', '\t', '|', '"', ';;'), fc.boolean(), (t, d, complete) => {
        expect(splitRecords(t, d, complete)).toEqual(referenceSplit(t, d, complete));
      }),
      { numRuns: 3000 },
    );
  });
  it('handles quotes, escaped quotes, CRLF, quoted newlines and blank lines', () => {
    const recs = splitRecords('a;"b;c";"say ""hi"""\r\n\r\n1;"x\ny";3\n', ';');
    expect(recs).toEqual([['a', 'b;c', 'say "hi"'], [], ['1', 'x\ny', '3']]);
  });
  it('drops a cut-off last record of a sample', () => {
    expect(splitRecords('a;b\n1;2\n3;', ';', false)).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('sniffDelimiter', () => {
  it('finds ; , tab | on real-looking samples with title lines', () => {
    expect(sniffDelimiter('Tabelle 1: Einwohner, 2020\nGebiet;Einwohner;Quote\nA;1.234;12,5\nB;2.000;7,5\n')).toBe(';');
    expect(sniffDelimiter('id,name,wert\n1,"Nord, Ost",2\n2,Süd,3\n')).toBe(',');
    expect(sniffDelimiter('id\tname\n1\tA\n2\tB\n')).toBe('\t');
    expect(sniffDelimiter('id|name|wert\n1|A, B|1,5\n2|C|2,5\n')).toBe('|');
  });

  it('property: a generated table is sniffed with its own delimiter', () => {
    const cell = fc.oneof(
      fc.integer({ min: 0, max: 1e6 }).map(String),
      fc.integer({ min: 0, max: 1e6 }).map((v) => (v / 10).toFixed(1).replace('.', ',')),
      fc.constantFrom('Altstadt', 'Süd', 'Nord-Ost', 'Weiß', '-', ''),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...DELIMITERS),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 3, max: 25 }),
        fc.infiniteStream(cell),
        (d, cols, rows, cells) => {
          const it = cells[Symbol.iterator]();
          const quote = (c: string): string => (/[;,\t|"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
          const header = Array.from({ length: cols }, (_, j) => `Spalte ${j + 1}`).join(d);
          const body = Array.from({ length: rows }, () => Array.from({ length: cols }, () => quote(it.next().value as string)).join(d));
          expect(sniffDelimiter([header, ...body].join('\n') + '\n')).toBe(d);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('detectLayout', () => {
  const nonBlank = (t: string, d = ';'): string[][] => splitRecords(t, d).filter((r) => r.length);

  it('finds title rows, two header rows and footnotes', () => {
    const text =
      'Tabelle 3: Einwohner\nStand 31.12.2020\n\nGebiet;Einwohner;;Arbeitslose;\n;2020;2021;2020;2021\n' +
      'A;1.234;1.240;12,5;13\nB;2.000;-;7;8\n\nQuelle: Stadt;;;;\n* vorläufig\n';
    expect(detectLayout(nonBlank(text), DE)).toMatchObject({ headerRow: 2, headerRows: 2, footerRows: 2, width: 5, titleRows: 2 });
  });

  it('treats year headers over numbers as a header (Flensburg Einwohner)', () => {
    const text = 'id,stadtteil,2011,2017,männlich\n1,Altstadt,3323,3807,"53,40%"\n2,Neustadt,4039,4698,"54,10%"\n';
    expect(detectLayout(nonBlank(text, ','), { decimal: ',', thousands: '' })).toMatchObject({ headerRow: 0, headerRows: 1, footerRows: 0 });
  });

  it('a first data row with a stray text value is data, not a second header line', () => {
    const text = 'Gebiet;Einwohner;Quote\nA;ca. 900;12,5\nB;1.000;7,5\nC;1.100;8\nD;1.200;9\n';
    expect(detectLayout(nonBlank(text), DE)).toMatchObject({ headerRow: 0, headerRows: 1 });
  });

  it('a last row with only an area name is data, a source line is a footnote', () => {
    const text = 'Gebiet;Einwohner;Quote\nA;1.000;7,5\nB;1.100;8\nNeubaugebiet;;\n';
    expect(detectLayout(nonBlank(text), DE).footerRows).toBe(0);
    expect(detectLayout(nonBlank(text + 'Quelle: Stadt Musterstadt;;\n'), DE).footerRows).toBe(1);
  });

  it('recognises a table without header', () => {
    expect(detectLayout(nonBlank('A;1;2\nB;3;4\nC;5;6\n'), DE)).toMatchObject({ headerRow: -1, headerRows: 0 });
  });

  it('a lone text line is a header (so "no data" can be reported)', () => {
    expect(detectLayout(nonBlank('Gebiet;Einwohner\n'), DE)).toMatchObject({ headerRow: 0, headerRows: 1 });
  });
});

/** The splitter as it was (one string concatenation per character): the reference for the property above. */
function referenceSplit(text: string, delimiter: string, complete = true): string[][] {
  const out: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotedField = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') (field += '"', i++);
        else inQuotes = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === '' && !quotedField) {
      inQuotes = true;
      quotedField = true;
      field = '';
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      quotedField = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      out.push(fields.length === 1 && fields[0] === '' && !quotedField ? [] : fields);
      fields = [];
      field = '';
      quotedField = false;
    } else field += ch;
  }
  if (complete && (field !== '' || fields.length > 0 || quotedField)) {
    fields.push(field);
    out.push(fields);
  }
  return out;
}
