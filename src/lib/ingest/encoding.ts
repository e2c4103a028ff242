import type { Encoding } from './types';

/**
 * Length of the valid UTF-8 prefix of `bytes`, or -1 when the whole range is valid.
 * A multi-byte sequence cut off by the end of the range counts as valid (chunked input).
 */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  // ASCII runs are skipped four bytes at a time (files are mostly ASCII; this loop sees every byte)
  const base = (4 - (bytes.byteOffset & 3)) & 3;
  const words = bytes.length >= base + 4 ? new Uint32Array(bytes.buffer, bytes.byteOffset + base, (bytes.length - base) >> 2) : new Uint32Array(0);
  const wordEnd = Math.max(0, (end - base) >> 2);
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 0x80) {
      if (i >= base && ((i - base) & 3) === 0) {
        let w = (i - base) >> 2;
        // sixteen bytes per step while they are all ASCII, then word by word up to the first high byte
        while (w + 4 <= wordEnd && ((words[w] | words[w + 1] | words[w + 2] | words[w + 3]) & 0x80808080) === 0) w += 4;
        while (w < wordEnd && (words[w] & 0x80808080) === 0) w++;
        i = Math.max(i + 1, base + w * 4);
      } else i++;
      continue;
    }
    let n: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (n = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (n = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (n = 3), (min = 0x10000);
    else return i;
    if (i + n >= end) {
      if (end === bytes.length) return i;
      // cut at a chunk boundary: only check the bytes we have
      for (let k = 1; i + k < end; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
      return -1;
    }
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** True when `bytes` contain at least one well-formed multi-byte UTF-8 sequence (e.g. "ü" = C3 BC). */
export function hasUtf8Sequences(bytes: Uint8Array, limit = bytes.length): boolean {
  for (let i = 0; i + 1 < Math.min(bytes.length, limit); i++) {
    const b = bytes[i];
    if (b >= 0xc2 && b <= 0xdf && (bytes[i + 1] & 0xc0) === 0x80 && (i + 2 >= bytes.length || (bytes[i + 2] & 0xc0) !== 0x80)) return true;
  }
  return false;
}

export interface EncodingGuess {
  encoding: Encoding;
  bom: boolean;
  /** not valid UTF-8 but with UTF-8 sequences: lines are decoded one by one */
  mixed: boolean;
  /** byte offset of the first invalid UTF-8 byte (for the warning) */
  firstInvalid: number;
}

/** UTF-8 (with/without BOM) when the bytes are valid UTF-8, else Windows-1252 (a superset of ISO-8859-1's printable range). */
export function detectEncoding(bytes: Uint8Array): EncodingGuess {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const bad = firstInvalidUtf8(bytes, bom ? 3 : 0);
  if (bad < 0) return { encoding: 'utf-8', bom, mixed: false, firstInvalid: -1 };
  return { encoding: 'windows-1252', bom, mixed: hasUtf8Sequences(bytes), firstInvalid: bad };
}

/** Windows-1252 characters at 0x80–0x9F (undefined slots stay as they are). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Map C1 controls left by a Latin-1 decoder to Windows-1252. Node's TextDecoder('windows-1252')
 * decodes as ISO-8859-1 (nodejs/node#56542); browsers do not, and then this is a no-op.
 */
export function fixCp1252(s: string): string {
  return /[\u0080-\u009f]/.test(s) ? s.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]) : s;
}

const utf8 = new TextDecoder('utf-8');
const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');

/** Decode a byte range; `mixed` decodes line by line (UTF-8 where valid, else Windows-1252). */
export function decodeBytes(bytes: Uint8Array, encoding: Encoding, mixed = false): string {
  if (encoding === 'utf-8') return utf8.decode(bytes);
  if (!mixed) return fixCp1252(cp1252.decode(bytes));
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 10) {
      const line = bytes.subarray(start, Math.min(i + 1, bytes.length));
      try {
        parts.push(utf8Fatal.decode(line));
      } catch {
        parts.push(fixCp1252(cp1252.decode(line)));
      }
      start = i + 1;
    }
  }
  return parts.join('');
}

/**
 * Excel's "Unicode-Text" export is UTF-16 with a byte-order mark. Returns the same text as UTF-8
 * (without BOM), or null when `bytes` is not UTF-16 with a BOM.
 */
export function utf16ToUtf8(bytes: Uint8Array): Uint8Array | null {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return null;
  const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
  return new TextEncoder().encode(text);
}
