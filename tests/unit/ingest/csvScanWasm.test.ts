import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { scanCsv, type ScanOptions } from '../../../src/lib/ingest/csvScan';
import { scanCsvWasm, scanBytes } from '../../../src/lib/ingest/csvScanWasm';
import { personCsv } from '../../bench/import.bench';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Pieces that exercise every decision of the scan: digits, zeros, words, risky initials, blanks, quotes, line ends. */
const PIECES = ['1', '0', '7', '12345678901234567', 'a', 'x', 'X', 'k', 'ja', 'Nein', 'Haus', 'Westend', 'Köln', '-', '.', '1,5',
  ';', ',', '\t', '\n', '\r', '\r\n', '"', '""', ' ', '\u00a0',
  // longer than the kernel's 64-byte blocks: fields that span blocks
  '1234567890'.repeat(7), 'Stadtbezirk Innenstadt-Nord, Sozialraum Nordstadt/Hafen (Teilgebiet)'];

describe('CSV byte scan on WebAssembly', () => {
  it('gives the same ScanResult as the JavaScript scan on random inputs and options', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 300 }),
        fc.constantFrom(';', ',', '\t'),
        fc.record({ start: fc.nat(3), skipRecords: fc.nat(4), footerRecords: fc.nat(4), expectedFields: fc.nat(6), chunkBytes: fc.integer({ min: 1, max: 80 }) }),
        (parts, delimiter, o: ScanOptions) => {
          const bytes = enc(parts.join(''));
          const opts = { ...o, start: Math.min(o.start, bytes.length) };
          const wasm = scanCsvWasm(bytes, delimiter, opts);
          expect(wasm).toBeDefined();
          expect(wasm).toEqual(scanCsv(bytes, delimiter, opts));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('the same on table-shaped text: titles, ragged rows, blank lines, quoted newlines, footers, CRLF', () => {
    const rows = ['Titel der Tabelle', '', 'GEBIET;EW;NAME;Q'];
    for (let i = 0; i < 3000; i++) {
      const r = i % 97 === 5 ? `${i};"zwei\nZeilen";x` : i % 89 === 3 ? ';;;' : i % 83 === 1 ? `${i};${i}` : `${String(i).padStart(4, '0')};${i * 7};Nord ${i % 3 ? '' : ' '};${i % 5 ? i : '1,5'}`;
      rows.push(r);
    }
    rows.push('', 'Summe;123;;', 'Quelle: Stadt');
    for (const eol of ['\n', '\r\n']) {
      const bytes = enc(rows.join(eol) + eol);
      for (const footerRecords of [0, 2]) {
        const opts = { start: 0, skipRecords: 2, footerRecords, expectedFields: 4, chunkBytes: 4096 };
        expect(scanCsvWasm(bytes, ';', opts)).toEqual(scanCsv(bytes, ';', opts));
      }
    }
  });

  it('the same for short fields at every position across the kernel’s 64-byte blocks', () => {
    // a field is classified from the masks of one or two blocks: a non-digit on either side of a block edge must count
    const patterns = ['-5', '5-', 'a1', '1a', '1"2', '12"34', '12345678901234a', 'a12345678901234', '007', '1.5', 'ja', ' 7', '7 ', 'x', '"7"', '7\r'];
    for (const pattern of patterns) {
      for (let pad = 0; pad < 64; pad++) {
        for (const eol of ['\n', '\r\n']) {
          // the pattern's fields start at every offset within a block
          const line = `${'1'.repeat(pad)};${pattern};${pattern}${eol}`;
          const bytes = enc(line + line.slice(pad));
          const opts = { start: 0, skipRecords: 0, footerRecords: 0, expectedFields: 3, chunkBytes: 1 << 20 };
          expect(scanCsvWasm(bytes, ';', opts)).toEqual(scanCsv(bytes, ';', opts));
        }
      }
    }
  });

  it('the same on the 100 000-person file of the benchmark', () => {
    const bytes = personCsv(100_000);
    const opts = { start: 0, skipRecords: 1, footerRecords: 0, expectedFields: 5, chunkBytes: 256 * 1024 };
    const r = scanCsvWasm(bytes, ';', opts);
    expect(r?.bodyRecords).toBe(100_000);
    expect(r?.cuts.length).toBeGreaterThan(4);
    expect(r).toEqual(scanCsv(bytes, ';', opts));
  });

  it('a record wider than the kernel keeps leaves the scan to JavaScript (scanBytes: same result either way)', () => {
    const wide = enc(Array.from({ length: 2100 }, (_, j) => `c${j}`).join(';') + '\n' + Array.from({ length: 2100 }, (_, j) => j).join(';') + '\n');
    const opts = { start: 0, skipRecords: 1, footerRecords: 0, expectedFields: 2100, chunkBytes: 1 << 20 };
    expect(scanCsvWasm(wide, ';', opts)).toBeUndefined();
    expect(scanBytes(wide, ';', opts)).toEqual(scanCsv(wide, ';', opts));
  });

  it('without WebAssembly SIMD (feature test fails) the JavaScript scan runs: the same result', async () => {
    vi.resetModules();
    const validate = vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    try {
      const fresh = await import('../../../src/lib/ingest/csvScanWasm');
      const { wasmSimd } = await import('../../../src/lib/util/wasmModule');
      expect(wasmSimd()).toBe(false);
      const bytes = personCsv(2_000);
      const opts = { start: 0, skipRecords: 1, footerRecords: 0, expectedFields: 5, chunkBytes: 16 * 1024 };
      expect(fresh.scanCsvWasm(bytes, ';', opts)).toBeUndefined();
      expect(fresh.scanBytes(bytes, ';', opts)).toEqual(scanCsv(bytes, ';', opts));
    } finally {
      validate.mockRestore();
      vi.resetModules();
    }
    expect((await import('../../../src/lib/util/wasmModule')).wasmSimd()).toBe(true);
  });
});
