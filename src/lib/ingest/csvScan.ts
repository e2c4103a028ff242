/**
 * One quote-aware pass over the raw bytes: record offsets, chunk boundaries, ragged rows, open
 * quotes and per-column cell classes. The hot loop only looks for the few special bytes
 * (newline, carriage return, delimiter, quote, blanks); a field is classified once it ends, from
 * its bytes (fields are short and still in cache).
 */

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
  /** blank lines (empty, or only delimiters) after the body start, footer included: DuckDB may read them as rows of NULLs */
  blankLines: number;
}

export interface ScanOptions {
  /** byte offset to start at (after a byte order mark) */
  start: number;
  /** title + header records to skip */
  skipRecords: number;
  /** trailing non-blank records to drop */
  footerRecords: number;
  /** the table width (for ragged-row counting) */
  expectedFields: number;
  /** chunk size for `cuts` */
  chunkBytes: number;
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
const RISKY = new Uint8Array(256);
for (const c of 'xXkKjJnNtTfFwWyY') RISKY[c.charCodeAt(0)] = 1;

/** Longest digit run still exact as a double and a BIGINT. */
const MAX_DIGITS = 15;

const NL = 10;
const CR = 13;
const QUOTE = 34;
const SPACE = 32;

// cell classes (index into a column's counts; PRESENT counts cells that exist at all)
const EMPTY = 0, DIGITS = 1, ZEROS = 2, OTHER = 3, TEXT = 4, PRESENT = 5, NCLS = 6;

/**
 * Scan `bytes` once. `skipRecords` = title + header records to skip, `footerRecords` = trailing
 * non-blank records to drop, `expectedFields` = the table width (for ragged-row counting).
 */
export function scanCsv(bytes: Uint8Array, delimiter: string, opts: ScanOptions): ScanResult {
  const delim = delimiter.charCodeAt(0);
  // bytes the loop must stop at: 1 newline, 2 CR, 3 delimiter, 4 quote; blanks matter only at field edges
  const special = new Uint8Array(256);
  special[NL] = 1;
  special[CR] = 2;
  special[QUOTE] = 4;
  special[delim] = 3;
  // the field loop's table: 0 digit, 1 other ordinary byte, else 1 + the special code
  const kind = new Uint8Array(256).fill(1);
  for (let b = 48; b <= 57; b++) kind[b] = 0;
  for (let b = 0; b < 256; b++) if (special[b]) kind[b] = 1 + special[b];
  const blankByte = new Uint8Array(256);
  blankByte[SPACE] = 1;
  blankByte[0xa0] = 1;
  if (delim !== 9) blankByte[9] = 1;
  const n = bytes.length;
  let i = opts.start;
  let line = 1;
  let quoteLine = 0;
  let padded = false;
  let recCls: Uint8Array = new Uint8Array(64);
  let recordStart = i;
  let recordLine = 1;
  let nonBlank = 0;
  let bodyStart = opts.skipRecords === 0 ? opts.start : -1;
  // per column class counts, column j at j * NCLS
  let counts = new Float64Array(64 * NCLS);
  let maxFields = 0;
  let bodyRecords = 0;
  let blankLines = 0;
  const ragged = { count: 0, lines: [] as number[], fields: [] as number[] };
  const cuts: number[] = [];
  let nextCut = -1;
  type Rec = { start: number; fields: number; line: number; cls: Uint8Array };
  const ring: Rec[] = [];
  const footer = opts.footerRecords;

  const grow = (a: Uint8Array): Uint8Array => {
    const g = new Uint8Array(a.length * 2);
    g.set(a);
    return g;
  };
  const account = (cls: Uint8Array, nf: number, recLine: number): void => {
    bodyRecords++;
    if (nf * NCLS > counts.length) {
      const grown = new Float64Array(Math.max(nf, (counts.length / NCLS) * 2) * NCLS);
      grown.set(counts);
      counts = grown;
    }
    for (let j = 0; j < nf; j++) {
      counts[j * NCLS + cls[j]]++;
      counts[j * NCLS + PRESENT]++;
    }
    if (nf > maxFields) maxFields = nf;
    if (nf !== opts.expectedFields) {
      ragged.count++;
      if (ragged.lines.length < 5) (ragged.lines.push(recLine), ragged.fields.push(nf));
    }
  };
  /** A non-blank record [recordStart, …) with `nf` fields has ended. */
  const record = (nf: number, end: number): void => {
    nonBlank++;
    if (nonBlank === opts.skipRecords) bodyStart = end;
    else if (nonBlank > opts.skipRecords) {
      if (nextCut < 0) nextCut = recordStart + opts.chunkBytes;
      if (recordStart >= nextCut) {
        cuts.push(recordStart);
        nextCut = recordStart + opts.chunkBytes;
      }
      if (footer === 0) account(recCls, nf, recordLine);
      else {
        // keep only what the footer might need; everything older is body for sure
        ring.push({ start: recordStart, fields: nf, line: recordLine, cls: recCls.slice(0, nf) });
        if (ring.length > footer) {
          const r = ring.shift()!;
          account(r.cls, r.fields, r.line);
        }
      }
    }
  };

  let open = false;
  let fieldStart = i;
  let quoted = false;
  let fields = 0;
  let content = false;
  // 1 once the current field has a byte that is no digit
  let nd = 0;
  for (;;) {
    // the ordinary bytes of a field
    let s = 0;
    while (i < n) {
      const c = kind[bytes[i]];
      if (c > 1) {
        s = c - 1;
        break;
      }
      nd |= c;
      i++;
    }
    if (i < n && s === 4) {
      // a quote opens a quoted field only at the field's start (after spaces at most)
      nd = 1;
      let atStart = !quoted;
      for (let k = fieldStart; atStart && k < i; k++) atStart = bytes[k] === SPACE;
      i++;
      if (!atStart) continue;
      quoted = true;
      padded = true;
      quoteLine = line;
      open = true;
      while (i < n) {
        const b = bytes[i++];
        if (b === QUOTE) {
          if (bytes[i] === QUOTE) i++;
          else {
            open = false;
            break;
          }
        } else if (b === NL) line++;
      }
      continue;
    }
    if (s === 2 && i + 1 < n && bytes[i + 1] === NL) {
      // CRLF: the newline ends the record
      i++;
      s = 1;
    }
    // the field [fieldStart, end) has ended: classify it
    const end = s === 1 && i > fieldStart && bytes[i - 1] === CR ? i - 1 : i;
    let cls: number;
    if (quoted) cls = OTHER;
    else {
      const len = end - fieldStart;
      if (len === 0) cls = EMPTY;
      else {
        const first = bytes[fieldStart];
        const last = bytes[end - 1];
        if (blankByte[first] || blankByte[last]) padded = true;
        // nd covers the bytes since the field start (a quote or CR inside a field is never a digit)
        const digits = len <= MAX_DIGITS && nd === 0;
        if (digits) cls = first === 48 && len > 1 ? ZEROS : DIGITS;
        else if (!isLetter(first) || blankByte[last]) cls = OTHER;
        else if (first === 120 || first === 88) cls = len > 1 ? TEXT : OTHER; // "x" alone means "not applicable"
        else cls = !RISKY[first] || len === 1 || len > 6 ? TEXT : OTHER;
      }
    }
    if (cls !== EMPTY) content = true;
    if (fields === recCls.length) recCls = grow(recCls);
    recCls[fields++] = cls;
    quoted = false;
    nd = 0;
    if (s === 3) {
      fieldStart = ++i;
      continue;
    }
    // end of the record (newline, CR or end of file)
    if (s === 1) line++;
    if (i < n) i++;
    // a record of only delimiters (";;;", common at the end of Excel exports) is as blank as an empty line
    if (content) record(fields, i);
    else if (bodyStart >= 0 && i > recordStart) blankLines++;
    recordStart = fieldStart = i;
    recordLine = line;
    fields = 0;
    content = false;
    if (i >= n) break;
  }
  return result(open);

  function result(open: boolean): ScanResult {
    const footerStart = ring.length ? ring[0].start : n;
    const bodyEnd = footer > 0 && ring.length ? footerStart : n;
    const classes: FieldClasses[] = [];
    for (let j = 0; j < maxFields; j++) {
      const c = (k: number) => counts[j * NCLS + k];
      classes.push({ empty: c(EMPTY) + bodyRecords - c(PRESENT), digits: c(DIGITS), zeros: c(ZEROS), other: c(OTHER), text: c(TEXT) });
    }
    return {
      bodyStart: bodyStart < 0 ? n : bodyStart,
      bodyEnd: Math.max(bodyEnd, bodyStart < 0 ? n : bodyStart),
      cuts: cuts.filter((c) => c < bodyEnd),
      bodyRecords,
      maxFields,
      ragged,
      openQuoteLine: open ? quoteLine : undefined,
      padded: padded || (n > 0 && blankByte[bytes[n - 1]] === 1),
      classes,
      blankLines,
    };
  }
}
