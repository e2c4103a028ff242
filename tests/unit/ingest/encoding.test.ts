import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBytes, detectEncoding, firstInvalidUtf8 } from '../../../src/lib/ingest/encoding';

const cp1252 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => (c === '–' ? 0x96 : c.charCodeAt(0))));

describe('encoding detection', () => {
  it('UTF-8 with and without BOM', () => {
    const text = new TextEncoder().encode('Straße;Größe\n');
    expect(detectEncoding(text)).toMatchObject({ encoding: 'utf-8', bom: false, mixed: false });
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...text]))).toMatchObject({ encoding: 'utf-8', bom: true });
  });

  it('Windows-1252 when not valid UTF-8; umlauts, ß and the en dash survive decoding', () => {
    const bytes = cp1252('Köln;Weiß;Übach–Palenberg\n');
    const g = detectEncoding(bytes);
    expect(g).toMatchObject({ encoding: 'windows-1252', mixed: false, firstInvalid: 1 });
    expect(decodeBytes(bytes, g.encoding)).toBe('Köln;Weiß;Übach–Palenberg\n');
  });

  it('mixed files are decoded line by line', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('Köln\n'), ...cp1252('Düren\n')]);
    const g = detectEncoding(bytes);
    expect(g).toMatchObject({ encoding: 'windows-1252', mixed: true });
    expect(decodeBytes(bytes, g.encoding, true)).toBe('Köln\nDüren\n');
  });

  it('rejects overlong and surrogate sequences, accepts a sequence cut at a chunk end', () => {
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc3, 0xbc, 0x42]), 0, 2)).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc3]))).toBe(1);
  });

  it('property: every encoded string is valid UTF-8 and round-trips', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const bytes = new TextEncoder().encode(s);
        expect(firstInvalidUtf8(bytes)).toBe(-1);
        expect(decodeBytes(bytes, detectEncoding(bytes).encoding)).toBe(s.startsWith('\uFEFF') ? s : s);
      }),
    );
  });
});
