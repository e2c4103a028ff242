/**
 * German order with numbers by their value („Block 2“ before „Block 10“, „05“ before „010“), for keys
 * and names. One collator for all: `a.localeCompare(b, 'de', { numeric: true })` builds a collator per
 * call in V8 — sorting 10 000 names took ≈ 0.5 s that way, ≈ 25 ms with one collator.
 */
export const compareDe: (a: string, b: string) => number = new Intl.Collator('de', { numeric: true }).compare;
