/**
 * CSV for German spreadsheets: semicolons, decimal commas, CRLF, UTF-8 with BOM (so Excel
 * detects the encoding and umlauts survive). Cells that could start a formula are prefixed with
 * an apostrophe (CSV injection: "=HYPERLINK(…)" in an area name must stay text).
 */

const FORMULA = /^[=+\-@\t\r]/;

/**
 * A text cell safe from formula evaluation. A signed label („-1 bis unter 1 SD“) gets the
 * typographic minus (U+2212): it reads the same and no spreadsheet evaluates it, so it needs no
 * apostrophe, which LibreOffice and a re-import would show literally (QA-7); anything else that
 * could start a formula is prefixed with an apostrophe.
 */
export function safeText(v: string): string {
  if (/^-[0-9]/.test(v)) return `\u2212${v.slice(1)}`;
  return FORMULA.test(v) ? `'${v}` : v;
}

export function germanCsv(header: string[], rows: (string | number | null | undefined)[][], comment?: string[]): Uint8Array {
  const cell = (v: string | number | null | undefined): string => {
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '';
    if (typeof v === 'number') return String(v).replace('.', ',');
    const s = safeText(v);
    return /[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [...(comment ?? []).map((c) => cell(`# ${c}`)), header.map(cell).join(';'), ...rows.map((r) => r.map(cell).join(';'))];
  const text = '\uFEFF' + lines.join('\r\n') + '\r\n';
  return new TextEncoder().encode(text);
}

/** Offer bytes as a file download (a local blob URL; nothing leaves the browser). */
export function download(bytes: Uint8Array, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
