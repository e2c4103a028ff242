import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../../src/lib/ingest/format';
import { IngestError } from '../../../src/lib/ingest/types';

const fx = (p: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/${p}`, import.meta.url)));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sniffFormat', () => {
  it('uses magic bytes before the extension', async () => {
    expect(await sniffFormat('daten.zip', fx('bezirke_utm32.zip'))).toBe('shapefile');
    expect(await sniffFormat('tabelle.dat', fx('zwei_kopfzeilen.xlsx'))).toBe('xlsx');
    expect(await sniffFormat('x.bin', fx('kennzahlen.parquet'))).toBe('parquet');
    expect(await sniffFormat('bezirke.json', fx('bezirke_25832.geojson'))).toBe('geojson');
    expect(await sniffFormat('feature.txt', enc(' {"type": "Feature", "geometry": null, "properties": {}}'))).toBe('geojson');
    expect(await sniffFormat('gemeinden.txt', fx('gemeinden_tab.txt'))).toBe('csv');
  });

  it('refuses a PDF also when its header is not at the very start (as PDF readers accept)', async () => {
    for (const bytes of [enc('%PDF-1.4\n1 0 obj\n'), enc('\r\n\r\nX-Mailer: scan\n%PDF-1.7\n%âãÏÓ\n1 0 obj')]) {
      const e = (await sniffFormat('bericht.csv', bytes).catch((x: unknown) => x)) as IngestError;
      expect(e).toBeInstanceOf(IngestError);
      expect(e.details.code).toBe('pdf');
      expect(e.message).toBe('„bericht.csv“ ist ein PDF-Dokument und keine Datentabelle.');
    }
    // a table that merely mentions a PDF stays a table
    expect(await sniffFormat('liste.csv', enc('Name;Datei\nA;%PDF-Anhang\n' + 'B;x\n'.repeat(300) + '%PDF-1\n'))).toBe('csv');
  });

  it('refuses binary files, old .xls and zips without a layer with German messages', async () => {
    for (const [name, code] of [['bad/binary_renamed.csv', 'binary'], ['bad/old_excel.xls', 'xls'], ['bad/zip_without_shp.zip', 'zip_unknown']]) {
      try {
        await sniffFormat(name, fx(name));
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(IngestError);
        expect((e as IngestError).details.code).toBe(code);
        expect((e as IngestError).message).toContain(name.split('/')[1]);
        expect((e as IngestError).details.hint).toBeTruthy();
      }
    }
  });
});
