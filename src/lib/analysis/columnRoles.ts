/**
 * What a numeric column is, for aggregation and disclosure (METHODS.md §6, §8): a count (summed,
 * protected), an area (summed, public), a median or another value (not aggregable from area values).
 * Guessed from the name and the values; the user can correct it.
 */
import type { ColumnSum } from './applyDisclosure';

export type ColumnRole = 'count' | 'area' | 'value' | 'median';
export const COLUMN_ROLES: readonly ColumnRole[] = ['count', 'area', 'value', 'median'];

const AREA = /fl(ae|ä)che|km2|km²|hektar|(^|_)ha$/i;
const MEDIAN = /median/i;
const VALUE = /quote|anteil|rate|prozent|%|durchschn|mittel|index|dichte|je_?1000|pro_|alter/i;

/** Role guess: name patterns first, then integer values ≥ 0 → count, anything else → value. */
export function guessRole(name: string, values: ArrayLike<number>): ColumnRole {
  if (MEDIAN.test(name)) return 'median';
  if (AREA.test(name)) return 'area';
  if (VALUE.test(name)) return 'value';
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    if (!Number.isInteger(x) || x < 0) return 'value';
    seen++;
  }
  return seen ? 'count' : 'value';
}

/**
 * Columns that add up in every row where they are all present: total = a + b, or total = a + b + c
 * when that is not already the consequence of two detected pairs (EW = U15 + 15–64 + 65+ follows
 * from EW = U65 + 65+ and U65 = U15 + 15–64). Columns that are 0 everywhere are never parts.
 * Triples are only searched among up to 16 columns.
 */
export function detectColumnSums(columns: Record<string, ArrayLike<number>>): ColumnSum[] {
  const names = Object.keys(columns);
  const v = names.map((n) => columns[n]);
  const rows = v[0]?.length ?? 0;
  const nonZero = v.map((c) => Array.from(c).some((x) => x > 0));
  const adds = (t: number, parts: number[]): boolean => {
    let checked = 0;
    for (let r = 0; r < rows; r++) {
      const total = v[t][r];
      let s = 0;
      for (const p of parts) s += v[p][r];
      if (Number.isNaN(total) || Number.isNaN(s)) continue;
      if (Math.abs(total - s) > 1e-9 * Math.max(1, Math.abs(total))) return false;
      checked++;
    }
    return checked > 0;
  };
  const out: ColumnSum[] = [];
  const pairs: [number, number, number][] = [];
  for (let t = 0; t < names.length; t++) {
    for (let a = 0; a < names.length; a++) {
      for (let b = a + 1; b < names.length; b++) {
        if (a === t || b === t || !nonZero[a] || !nonZero[b]) continue;
        if (adds(t, [a, b])) {
          pairs.push([t, a, b]);
          out.push({ total: names[t], parts: [names[a], names[b]] });
        }
      }
    }
  }
  if (names.length > 16) return out;
  const isPair = (t: number, a: number, b: number) => pairs.some(([pt, pa, pb]) => pt === t && ((pa === a && pb === b) || (pa === b && pb === a)));
  for (let t = 0; t < names.length; t++) {
    for (let a = 0; a < names.length; a++) for (let b = a + 1; b < names.length; b++) for (let c = b + 1; c < names.length; c++) {
      if ([a, b, c].includes(t) || !nonZero[a] || !nonZero[b] || !nonZero[c]) continue;
      const trio = [a, b, c];
      // implied by pairs: some D = x + y with T = D + z
      const implied = trio.some((z) => {
        const [x, y] = trio.filter((q) => q !== z);
        return names.some((_, d) => isPair(d, x, y) && isPair(t, d, z));
      });
      if (!implied && adds(t, trio)) out.push({ total: names[t], parts: trio.map((q) => names[q]) });
    }
  }
  return out;
}
