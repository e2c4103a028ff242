/** Column names from one or more header lines: trimmed, merged, unique (case-insensitively, as DuckDB compares). */
import { GEOM_COL, type ImportWarning } from './types';

/**
 * Merge 1–3 header rows into one name per column. Upper rows are filled to the right across
 * empty cells (merged/spanning cells like "Einwohner | | Arbeitslose"), then the parts are joined.
 */
export function mergeHeaderRows(rows: (string | null | undefined)[][], width: number): string[] {
  const filled = rows.map((r, k) => {
    const out: string[] = [];
    let last = '';
    for (let j = 0; j < width; j++) {
      // footnote marks are no part of the name: „Einwohner¹“, „Arbeitslose 2)“, „Quote*“
      const c = (r[j] ?? '').toString().replace(/\s+/g, ' ').trim().replace(/((?<![mM])\s*[¹²³⁴⁵⁶⁷⁸⁹⁰*]+|\s+\d\))$/u, '');
      if (c) last = c;
      // the last header row is never filled: it names the single column
      out.push(c || (k < rows.length - 1 ? last : ''));
    }
    return out;
  });
  const names: string[] = [];
  for (let j = 0; j < width; j++) {
    const parts: string[] = [];
    for (const r of filled) if (r[j] && parts[parts.length - 1] !== r[j]) parts.push(r[j]);
    names.push(parts.join(' '));
  }
  return names;
}

/** Trim, strip a BOM, fill empty names, and make names unique; warns about duplicates and markup. */
export function uniqueNames(raw: string[], warnings: ImportWarning[]): string[] {
  const seen = new Set<string>([GEOM_COL.toLowerCase()]);
  const out: string[] = [];
  raw.forEach((r, j) => {
    let base = r.replace(/^\uFEFF/, '').replace(/[\u0000-\u001f]/g, ' ').trim() || `Spalte_${j + 1}`;
    if (base.length > 120) base = base.slice(0, 120);
    if (/[<>]/.test(base)) {
      warnings.push({ code: 'markup_in_name', column: base, message: `Spaltenname „${base}“ enthält spitze Klammern (HTML?). Er wird nur als Text angezeigt.` });
    }
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base}_${k}`;
    if (name !== base && r.trim() !== '') {
      warnings.push({ code: 'duplicate_name', column: name, message: `Spaltenname „${base}“ kommt mehrfach vor – umbenannt in „${name}“.` });
    }
    seen.add(name.toLowerCase());
    out.push(name);
  });
  return out;
}
