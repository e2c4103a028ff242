/** One quote-aware pass over the raw bytes: record offsets, chunk boundaries, ragged rows, open quotes. */

export interface ScanResult {
  /** byte offset where the table body starts (after `skipRecords` non-blank records) */
  bodyStart: number;
  /** byte offset where the footer starts (`footerRecords` last non-blank records dropped) */
  bodyEnd: number;
  /** offsets that split [bodyStart, bodyEnd) at record boundaries into chunks of ≈ chunkBytes */
  cuts: number[];
  /** non-blank records in the body */
  bodyRecords: number;
  maxFields: number;
  /** body records whose field count differs from `expectedFields`: count and first few line numbers */
  ragged: { count: number; lines: number[]; fields: number[] };
  /** set when the file ends inside a quoted field: 1-based line where that quote opened */
  openQuoteLine?: number;
  /** some field may have surrounding blanks (or is quoted), so cells need trimming */
  padded: boolean;
  /** per column (body only): how many cells are empty/absent, plain digits, digits with a leading zero, anything else */
  classes: FieldClasses[];
}

/**
 * Byte-level cell classes of one column; `other` cells need the SQL typing rules. `text` cells
 * start with an ASCII letter and cannot be a number, date, missing symbol or yes/no word.
 */
export interface FieldClasses {
  empty: number;
  digits: number;
  zeros: number;
  other: number;
  text: number;
}

const isLetter = (b: number): boolean => (b >= 65 && b <= 90) || (b >= 97 && b <= 122);
/** Initials of the missing symbols "x", "k.A." and of the yes/no words, which need the SQL rules when short. */
const RISKY = new Set([...'xXkKjJnNtTfFwWyY'].map((c) => c.charCodeAt(0)));

function textLike(first: number, last: number, len: number, delim: number): boolean {
  if (!isLetter(first) || isBlank(last, delim)) return false;
  if (first === 120 || first === 88) return len > 1; // "x" alone means "not applicable"
  return !RISKY.has(first) || len === 1 || len > 6;
}

/** Longest digit run still exact as a double and a BIGINT. */
const MAX_DIGITS = 15;

const NL = 10;
const CR = 13;
const QUOTE = 34;
const isBlank = (b: number, delim: number): boolean => b === 32 || b === 0xa0 || (b === 9 && delim !== 9);

/**
 * Scan `bytes` once. `skipRecords` = title + header records to skip, `footerRecords` = trailing
 * non-blank records to drop, `expectedFields` = the table width (for ragged-row counting).
 */
export function scanCsv(
  bytes: Uint8Array,
  delimiter: string,
  opts: { start: number; skipRecords: number; footerRecords: number; expectedFields: number; chunkBytes: number },
): ScanResult {
  const delim = delimiter.charCodeAt(0);
  const n = bytes.length;
  let i = opts.start;
  let line = 1;
  let inQuotes = false;
  let quoteLine = 0;
  let atFieldStart = true;
  let fields = 1;
  let recordStart = i;
  let recordLine = 1;
  let blank = true;
  let nonBlank = 0;
  let bodyStart = -1;
  type Rec = { start: number; fields: number; line: number; cls: number[] };
  const ring: Rec[] = [];
  // class counts per column: [empty, digits, zeros, other, text, present]
  const counts: number[][] = [];
  let recCls: number[] = [];
  let fLen = 0;
  let fDigits = true;
  let fFirst = 0;
  let fLast = 0;
  let fQuoted = false;
  const endField = (): void => {
    recCls.push(
      fQuoted ? 3
      : fLen === 0 ? 0
      : fDigits && fLen <= MAX_DIGITS ? (fFirst === 48 && fLen > 1 ? 2 : 1)
      : textLike(fFirst, fLast, fLen, delim) ? 4
      : 3,
    );
    fLen = 0;
    fDigits = true;
    fQuoted = false;
  };
  let maxFields = 0;
  let bodyRecords = 0;
  const ragged = { count: 0, lines: [] as number[], fields: [] as number[] };
  const account = (r: Rec): void => {
    bodyRecords++;
    for (let j = 0; j < r.cls.length; j++) {
      const c = (counts[j] ??= [0, 0, 0, 0, 0, 0]);
      c[r.cls[j]]++;
      c[5]++;
    }
    if (r.fields > maxFields) maxFields = r.fields;
    if (r.fields !== opts.expectedFields) {
      ragged.count++;
      if (ragged.lines.length < 5) (ragged.lines.push(r.line), ragged.fields.push(r.fields));
    }
  };
  const cuts: number[] = [];
  let nextCut = -1;
  let padded = false;
  const finish = (end: number): void => {
    endField();
    // only delimiters (";;;", common at the end of Excel exports): as blank as an empty line
    if (!blank && recCls.every((c) => c === 0)) blank = true;
    if (!blank) {
      nonBlank++;
      if (nonBlank === opts.skipRecords) bodyStart = end;
      else if (nonBlank > opts.skipRecords) {
        ring.push({ start: recordStart, fields, line: recordLine, cls: recCls });
        if (nextCut < 0) nextCut = recordStart + opts.chunkBytes;
        if (recordStart >= nextCut) {
          cuts.push(recordStart);
          nextCut = recordStart + opts.chunkBytes;
        }
        // keep only what the footer might need; everything older is body for sure
        if (ring.length > opts.footerRecords) account(ring.shift()!);
      }
    }
    recordStart = end;
    recordLine = line;
    // without footers the record was accounted already, so its class list can be reused
    recCls = opts.footerRecords ? [] : ((recCls.length = 0), recCls);
    blank = true;
    fields = 1;
    atFieldStart = true;
  };
  if (opts.skipRecords === 0) bodyStart = opts.start;
  while (i < n) {
    const b = bytes[i];
    if (inQuotes) {
      if (b === QUOTE) {
        if (bytes[i + 1] === QUOTE) i++;
        else inQuotes = false;
      } else if (b === NL) line++;
      i++;
      continue;
    }
    if (b === NL || b === CR || b === delim) {
      if (i > 0 && isBlank(bytes[i - 1], delim)) padded = true;
    } else if (atFieldStart && isBlank(b, delim)) padded = true;
    if (b === NL) {
      line++;
      finish(i + 1);
    } else if (b === CR) {
      if (bytes[i + 1] !== NL) finish(i + 1);
    } else {
      blank = false;
      if (b === delim) {
        endField();
        fields++;
        atFieldStart = true;
        i++;
        continue;
      }
      if (b === QUOTE && atFieldStart) {
        inQuotes = true;
        quoteLine = line;
        padded = true;
        fQuoted = true;
      }
      if (b !== 32) atFieldStart = false;
      if (++fLen === 1) fFirst = b;
      fLast = b;
      if (b < 48 || b > 57) fDigits = false;
    }
    i++;
  }
  finish(n);
  const footerStart = ring.length ? ring[0].start : n;
  const bodyEnd = opts.footerRecords > 0 && ring.length ? footerStart : n;
  return {
    bodyStart: bodyStart < 0 ? n : bodyStart,
    bodyEnd: Math.max(bodyEnd, bodyStart < 0 ? n : bodyStart),
    cuts: cuts.filter((c) => c < bodyEnd),
    bodyRecords,
    maxFields,
    ragged,
    openQuoteLine: inQuotes ? quoteLine : undefined,
    padded: padded || (n > 0 && isBlank(bytes[n - 1], delim)),
    classes: counts.map((c) => ({ empty: c[0] + bodyRecords - c[5], digits: c[1], zeros: c[2], other: c[3], text: c[4] })),
  };
}
