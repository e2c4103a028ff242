/** XLSX writer in the style of a statistical office: title row, two-row header, footnote. */
import * as XLSX from '@e965/xlsx';
import { unzipSync, zipSync } from 'fflate';
import { FIXED_DATE } from './formats.ts';

export interface HeaderGroup {
  /** Upper header cell, merged over all sub-columns. */
  group: string;
  /** Lower header cells. */
  subs: string[];
}

export interface SheetSpec {
  name: string;
  title: string;
  groups: HeaderGroup[];
  rows: (string | number)[][];
  footnotes: string[];
}

function buildSheet(spec: SheetSpec): XLSX.WorkSheet {
  const ncol = spec.groups.reduce((s, g) => s + g.subs.length, 0);
  const upper: string[] = [];
  const lower: string[] = [];
  const merges: XLSX.Range[] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: ncol - 1 } }];
  for (const g of spec.groups) {
    const c0 = upper.length;
    g.subs.forEach((s, i) => {
      upper.push(i === 0 ? g.group : '');
      lower.push(s);
    });
    if (g.subs.length > 1) merges.push({ s: { r: 2, c: c0 }, e: { r: 2, c: c0 + g.subs.length - 1 } });
  }
  const aoa: (string | number | null)[][] = [[spec.title], [], upper, lower, ...spec.rows, [], ...spec.footnotes.map((f) => [f])];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = merges;
  ws['!cols'] = lower.map((h, i) => ({ wch: i === 1 ? 24 : Math.max(9, Math.min(16, h.length + 2)) }));
  return ws;
}

/**
 * Write the workbook and normalise the zip container (fixed timestamps) so that regenerating
 * gives byte-identical output.
 */
export function writeWorkbook(sheets: SheetSpec[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, buildSheet(s), s.name);
  wb.Props = { Title: sheets[0]?.title ?? '', Author: 'Sozialraum-Werkbank (Demodaten)', CreatedDate: FIXED_DATE, ModifiedDate: FIXED_DATE };
  const raw = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  const files = unzipSync(new Uint8Array(raw));
  const fixed: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const name of Object.keys(files)) fixed[name] = [files[name], { mtime: FIXED_DATE }];
  return zipSync(fixed, { level: 9 });
}
