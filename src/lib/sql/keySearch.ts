/**
 * Find the key transformation that joins a table to a layer: try step lists on both sides over
 * the distinct keys (prefixes/suffixes common to one side such as „STGT“, zero padding, case,
 * whitespace, official keys AGS/ARS with or without Land/Kreis part, area names) and rank them by
 * the layer areas they match. Pure: distinct keys in, suggestions out; the engine confirms the
 * counts of the best ones with the SQL join itself.
 */
import { applySteps, type KeyStep, type KeyTransform } from './keyTransform';
import { compareDe } from '../util/collate';

export interface KeyCandidate {
  transform: KeyTransform;
  /** distinct layer keys matched */
  matched: number;
  /** a few matched pairs (raw table key, raw layer key) for the user to check */
  examples: [string, string][];
}

const TRIM: KeyStep = { op: 'trim' };
const LOWER: KeyStep = { op: 'lower' };
const ZEROS: KeyStep = { op: 'zeros' };

/** Longest prefix (or suffix) shared by all keys that is not digits, e.g. "stgt" of "stgt01…stgt13". */
function commonAffix(keys: string[], end: 'start' | 'end'): string {
  if (keys.length < 2) return '';
  const rev = (s: string): string => [...s].reverse().join('');
  const ks = end === 'start' ? keys : keys.map(rev);
  let p = ks[0];
  for (const k of ks) {
    let i = 0;
    while (i < p.length && i < k.length && p[i] === k[i]) i++;
    p = p.slice(0, i);
    if (!p) return '';
  }
  // stop at the first digit: "STGT0" of "STGT01…STGT09" is not the prefix, "STGT" is
  const m = /^[^0-9]*/.exec(p)![0];
  return end === 'start' ? m : rev(m);
}

const lengthsOf = (keys: string[]): Set<number> => new Set(keys.map((k) => [...k].length));
const allDigits = (keys: string[]): boolean => keys.length > 0 && keys.every((k) => /^[0-9]+$/.test(k));

/** Candidate step lists for one side, given its keys and the other side's keys (simplest first). */
function sideCandidates(keys: string[], other: string[]): KeyStep[][] {
  const out: KeyStep[][] = [[], [ZEROS], [TRIM], [TRIM, ZEROS], [LOWER], [TRIM, LOWER], [TRIM, LOWER, ZEROS], [TRIM, { op: 'digits' }, ZEROS]];
  // a prefix/suffix shared by all keys, as written ("STGT") and ignoring case and spaces
  const affixes = (head: KeyStep[]): void => {
    const base = keys.map((k) => applySteps(k, head));
    const pre = commonAffix(base, 'start');
    const suf = commonAffix(base, 'end');
    if (pre) out.push([...head, { op: 'prefix', text: pre }], [...head, { op: 'prefix', text: pre }, ZEROS]);
    if (suf) out.push([...head, { op: 'suffix', text: suf }], [...head, { op: 'suffix', text: suf }, ZEROS]);
    if (pre && suf) out.push([...head, { op: 'prefix', text: pre }, { op: 'suffix', text: suf }, ZEROS]);
  };
  affixes([]);
  affixes([TRIM, LOWER]);
  // official keys: ARS (12) → AGS (8); a longer key cut to the other side's length (Land/Kreis part
  // left off: AGS 8 → 6 without Land, → 3 Gemeinde number; AGS 8 → 5 Kreis)
  const trimmed = keys.map((k) => applySteps(k, [TRIM]));
  const otherTrimmed = other.map((k) => applySteps(k, [TRIM]));
  if (allDigits(trimmed)) {
    const mine = Math.max(...lengthsOf(trimmed));
    const theirs = allDigits(otherTrimmed) ? [...lengthsOf(otherTrimmed)] : [];
    const ars = lengthsOf(trimmed).has(12);
    if (ars) out.push([TRIM, { op: 'ars' }], [TRIM, { op: 'ars' }, ZEROS]);
    const targets = new Set([...theirs, 3, 5, 6, 8].filter((n) => n < (ars ? 8 : mine)));
    for (const n of targets) {
      const head: KeyStep[] = ars ? [TRIM, { op: 'ars' }] : [TRIM];
      out.push([...head, { op: 'right', n }], [...head, { op: 'right', n }, ZEROS], [...head, { op: 'left', n }]);
    }
  }
  return out;
}

/** Distinct canonical keys of one side, with how many raw keys land on each (collisions). */
function canon(keys: string[], steps: KeyStep[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const k of keys) {
    const c = applySteps(k, steps);
    if (c === '') continue;
    const list = m.get(c);
    if (list) list.push(k);
    else m.set(c, [k]);
  }
  return m;
}

const collisions = (m: Map<string, string[]>): number => [...m.values()].reduce((n, v) => n + v.length - 1, 0);
/** The parts of an official key (AGS: Land 2, Kreis 5, without Land 6, Gemeinde 3, whole 8). */
const KEY_PARTS = new Set([3, 5, 6, 8]);
// keeping only the digits is the bluntest step (a named prefix explains the match better); a cut
// at an official key part explains more than a cut that merely happens to be unique
const stepCost = (s: KeyStep): number => (s.op === 'digits' ? 3 : (s.op === 'left' || s.op === 'right') && !KEY_PARTS.has(s.n) ? 1.5 : 1);
const cost = (tr: KeyTransform): number => [...tr.table, ...tr.layer].reduce((n, s) => n + stepCost(s), 0);

/**
 * Rank key transformations by the layer keys they match. Candidates that merge distinct keys of
 * either side (which would mix areas) are left out. `names` adds the name comparison of two name
 * columns (keys passed as the names of each side).
 */
export function searchKeyTransforms(tableKeys: string[], layerKeys: string[], max = 5): KeyCandidate[] {
  const tSide = sideCandidates(tableKeys, layerKeys);
  const lSide = sideCandidates(layerKeys, tableKeys);
  const tMaps = tSide.map((s) => canon(tableKeys, s));
  // layer keys in natural order, so the examples read „1 ↔ STGT01“ rather than whatever comes first
  const sorted = [...layerKeys].sort(compareDe);
  const lMaps = lSide.map((s) => canon(sorted, s));
  const tBase = collisions(tMaps[0]);
  const lBase = collisions(lMaps[0]);
  const seen = new Map<string, KeyCandidate>();
  tSide.forEach((ts, i) => {
    if (collisions(tMaps[i]) > tBase) return;
    lSide.forEach((ls, j) => {
      if (collisions(lMaps[j]) > lBase) return;
      const tm = tMaps[i];
      let matched = 0;
      const examples: [string, string][] = [];
      for (const [c, raws] of lMaps[j]) {
        const t = tm.get(c);
        if (!t) continue;
        matched += raws.length;
        if (examples.length < 3) examples.push([t[0], raws[0]]);
      }
      if (matched === 0) return;
      const transform = { table: ts, layer: ls };
      // one candidate per match set: the simplest transformation that reaches it
      const key = `${matched}|${examples.map((e) => e.join('=')).join(';')}`;
      const prev = seen.get(key);
      if (!prev || cost(transform) < cost(prev.transform)) seen.set(key, { transform, matched, examples });
    });
  });
  const ranked = [...seen.values()].sort((a, b) => b.matched - a.matched || cost(a.transform) - cost(b.transform));
  // a candidate that matches fewer areas than the best is only noise next to it
  return ranked.filter((c) => c.matched === ranked[0]?.matched).slice(0, max);
}

/** Matches of two name columns compared as normalised area names. */
export function searchNameMatch(tableNames: string[], layerNames: string[]): KeyCandidate | undefined {
  const name: KeyStep[] = [{ op: 'name' }];
  const tm = canon(tableNames, name);
  const lm = canon([...layerNames].sort(compareDe), name);
  if (collisions(lm) > 0 && collisions(lm) >= lm.size / 10) return undefined;
  let matched = 0;
  const examples: [string, string][] = [];
  for (const [c, raws] of lm) {
    const t = tm.get(c);
    if (!t) continue;
    matched += raws.length;
    if (examples.length < 3) examples.push([t[0], raws[0]]);
  }
  return matched ? { transform: { table: name, layer: name }, matched, examples } : undefined;
}
