/** Pure sniffing on a decoded text sample: records, delimiter, and where the table sits. */

export const DELIMITERS = [';', ',', '\t', '|'] as const;

/**
 * Split text into records of fields (RFC 4180 quoting with `""` escapes, newlines inside quotes
 * allowed). Blank lines are kept as `[]` so line numbers stay meaningful. `complete=false` drops
 * the last record, which may be cut off in a sample.
 */
export function splitRecords(text: string, delimiter: string, complete = true): string[][] {
  const out: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quotedField = false;
  const n = text.length;
  // a delimiter longer than one character never matches (as before: compared per character)
  const d = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
  let i = 0;
  while (i < n) {
    // a run of ordinary characters is taken as one slice (one string per field, not per character)
    let j = i;
    let c = 0;
    while (j < n && (c = text.charCodeAt(j)) !== d && c !== 10 && c !== 13 && c !== 34) j++;
    if (j > i) field += text.slice(i, j);
    if (j >= n) break;
    i = j + 1;
    if (c === 34 && field.trim() === '' && !quotedField) {
      // a quote opens a quoted field only at its start (after blanks at most); "" inside is a quote
      quotedField = true;
      field = '';
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else if (c === d) {
      fields.push(field);
      field = '';
      quotedField = false;
    } else if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i) === 10) i++;
      fields.push(field);
      out.push(fields.length === 1 && fields[0] === '' && !quotedField ? [] : fields);
      fields = [];
      field = '';
      quotedField = false;
    } else field += '"';
  }
  if (complete && (field !== '' || fields.length > 0 || quotedField)) {
    fields.push(field);
    out.push(fields);
  }
  return out;
}

/**
 * Pick the delimiter whose field count is most consistent (and > 1) over the sample lines.
 * Title and footnote lines usually have one field, so they do not disturb the mode.
 */
export function sniffDelimiter(text: string): string {
  let best: string = ';';
  let bestScore = -1;
  // the first 200 records are judged: split only a prefix (four splits of a 256 KB sample cost)
  const prefix = text.slice(0, nthNewline(text, 1000) + 1 || text.length);
  for (const d of DELIMITERS) {
    let recs = splitRecords(prefix, d, false).filter((r) => r.length > 0);
    if (recs.length < 200 && prefix.length < text.length) recs = splitRecords(text, d, false).filter((r) => r.length > 0);
    recs = recs.slice(0, 200);
    if (recs.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of recs) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let mode = 1;
    let freq = 0;
    for (const [k, v] of counts) if (k > 1 && (v > freq || (v === freq && k > mode))) (mode = k), (freq = v);
    if (freq === 0) continue;
    // consistency first, then more columns (a comma inside text splits less regularly than the real delimiter)
    const score = (freq / recs.length) * 1000 + Math.min(mode, 50);
    if (score > bestScore) (bestScore = score), (best = d);
  }
  return best;
}

/** Index of the n-th "\n" in `text`, or -1. */
function nthNewline(text: string, n: number): number {
  let at = -1;
  for (let k = 0; k < n; k++) if ((at = text.indexOf('\n', at + 1)) < 0) return -1;
  return at;
}

export { detectLayout, modeWidth, type TableLayout } from './layout';
