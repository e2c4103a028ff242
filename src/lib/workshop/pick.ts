/**
 * The Werkstatt's area search: with hundreds or thousands of areas a planner types part of a name
 * or a key instead of scrolling a list. Case, accents and German umlauts do not matter, and both
 * spellings of an umlaut find it („hütt“, „hutt“ and „huett“ all find „Hüttenheim“).
 */

/** Two folds of a text: umlauts as their base letter (ä → a) and as spelt without them (ä → ae). */
function folds(s: string): [string, string] {
  const lower = s.toLowerCase().replaceAll('ß', 'ss');
  const strip = (x: string) => x.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const spelt = lower.replaceAll('ä', 'ae').replaceAll('ö', 'oe').replaceAll('ü', 'ue');
  return [strip(lower), strip(spelt)];
}

/** Each area's name and key, folded once per layer (a search then only compares strings). */
export function areaSearchIndex(ids: readonly string[], names: readonly string[]): [string, string][] {
  return ids.map((id, i) => folds(`${names[i] ?? ''} ${id ?? ''}`));
}

/**
 * The positions of `order` (area indexes, in the picker's order) whose name or key contains
 * `query`; all of them for an empty query. Several words must all occur („alt nord“).
 */
export function searchAreas(order: readonly number[], index: readonly (readonly [string, string])[], query: string): number[] {
  const words = query.trim().split(/\s+/).filter(Boolean).map(folds);
  if (!words.length) return [...order];
  return order.filter((i) => {
    const [base, spelt] = index[i] ?? ['', ''];
    return words.every(([b, s]) => base.includes(b) || spelt.includes(s));
  });
}
