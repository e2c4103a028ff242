import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CELL, determinedCells, protectCells, singleUnknownRelations, type SumRelation } from '../../../src/lib/analysis/suppression';
import { applyDisclosure, secretUp, tableRelations } from '../../../src/lib/analysis/applyDisclosure';
import { levelsFromColumns, sumUp } from '../../../src/lib/analysis/aggregate';

const P = CELL.primary;
const S = CELL.secondary;
const O = CELL.ok;
const Z = CELL.zero;

/** Sozialräume of one table → levels and the count on every level */
function table(sr: string[], gem: string[], counts: Record<string, number[]>) {
  const { levels } = levelsFromColumns([sr, gem]);
  return { levels, counts: Object.entries(counts).map(([name, v]) => ({ name, values: sumUp(v, levels) })) };
}

describe('protectCells: one relation (worked on paper)', () => {
  it('one suppressed part in a group: the smallest other non-zero part is hidden as well', () => {
    // cells 0..4 parts 2, 0, 7, 5, 40; cell 5 the total 54
    const r = protectCells([2, 0, 7, 5, 40, 54], [{ total: 5, parts: [0, 1, 2, 3, 4] }]);
    expect(Array.from(r.status)).toEqual([P, Z, O, S, O, O]);
    expect(r.primary).toBe(1);
    expect(r.secondary).toBe(1);
  });
  it('two hidden parts need nothing more; a total with no other non-zero partner is hidden', () => {
    expect(Array.from(protectCells([1, 2, 9, 12], [{ total: 3, parts: [0, 1, 2] }]).status)).toEqual([P, P, O, O]);
    // 4 = 4 + 0: after hiding nothing is secret; 2 + 0 = 2: part and total are both primary
    expect(Array.from(protectCells([2, 0, 2], [{ total: 2, parts: [0, 1] }]).status)).toEqual([P, Z, P]);
    // a hidden part whose only partner is the total: the total goes
    expect(Array.from(protectCells([1, 0, 5, 6], [{ total: 3, parts: [0, 1, 2] }]).status)).toEqual([P, Z, S, O]);
  });
  it('a fixed (public) cell is never primary nor chosen as partner', () => {
    // 2 + 1,5 (km², fixed) + 9 = 12,5: the partner is 9, not the smaller fixed 1,5
    expect(Array.from(protectCells([2, 1.5, 9, 12.5], [{ total: 3, parts: [0, 1, 2] }], { fixed: [1] }).status)).toEqual([P, O, S, O]);
  });
  it('a forced cell counts as hidden, a missing cell as unknown', () => {
    expect(Array.from(protectCells([10, 20, 30], [{ total: 2, parts: [0, 1] }], { forced: [1] }).status)).toEqual([S, S, O]);
    // 2 + NaN = NaN: two unknowns already
    expect(Array.from(protectCells([2, NaN, NaN], [{ total: 2, parts: [0, 1] }]).status)).toEqual([P, CELL.missing, CELL.missing]);
  });
});

describe('secondary suppression across the hierarchy (worked on paper)', () => {
  it('a suppressed total one level up cascades down into the Gemeinde of the partner', () => {
    // G1 = 1 + 1 = 2 (all primary); G2 = 4 + 6 = 10; G3 = 8 + 12 = 20; Kreis = 32
    const t = table(['a', 'b', 'c', 'd', 'e', 'f'], ['G1', 'G1', 'G2', 'G2', 'G3', 'G3'], { N: [1, 1, 4, 6, 8, 12] });
    const r = applyDisclosure(t);
    const m = r.counts[0].marks;
    expect(m[0]).toEqual(['primary', 'primary', 'secondary', null, null, null]);
    // G1 primary (2 < 3); the Kreis relation had one unknown → smallest other Gemeinde G2 (10)
    expect(m[1]).toEqual(['primary', 'secondary', null]);
    // G2 hidden alone in G2 = 4 + 6 → its smallest part 4
    expect(m[2]).toEqual([null]);
    expect(Array.from(r.counts[0].values[2])).toEqual([32]);
    expect(r.primary).toBe(3);
    expect(r.secondary).toBe(2);
  });
  it('a group with a single part: the part follows its hidden Gemeinde', () => {
    // G1 = [1] (part and Gemeinde primary); G2 = 10 + 20; G3 = [7]; Kreis = 38
    const t = table(['a', 'b', 'c', 'd'], ['G1', 'G2', 'G2', 'G3'], { N: [1, 10, 20, 7] });
    const m = applyDisclosure(t).counts[0].marks;
    // Kreis = G1 + G2 + G3 with G1 hidden → G3 (7 < 30) secondary → G3 = d → d secondary
    expect(m[1]).toEqual(['primary', null, 'secondary']);
    expect(m[0]).toEqual(['primary', null, null, 'secondary']);
    expect(m[2]).toEqual([null]);
  });
  it('columns that add up: EW = U65 + 65PLUS in every area and on every level', () => {
    // a: 10 = 8 + 2 (2 primary); b: 20 = 15 + 5; gesamt 30 = 23 + 7
    const { levels } = levelsFromColumns([['a', 'b']]);
    const col = (name: string, v: number[]) => ({ name, values: sumUp(v, levels) });
    const spec = { levels, counts: [col('EW', [10, 20]), col('U65', [8, 15]), col('P65', [2, 5])], sums: [{ total: 'EW', parts: ['U65', 'P65'] }] };
    const r = applyDisclosure(spec);
    const marks = Object.fromEntries(r.counts.map((c) => [c.name, c.marks[0]]));
    // a.P65 primary → a.U65 (8 < 10) → column U65 over a, b: b.U65 (15 < 23) → b: EW 20 = U65 + P65 → b.P65 (5)
    expect(marks).toEqual({ EW: [null, null], U65: ['secondary', 'secondary'], P65: ['primary', 'secondary'] });
    // the 2 × 2 cycle x2+x3 = 23, x1+x4 = 7, x1+x2 = 10, x3+x4 = 20 has rank 3: nothing determined
    expect(r.counts.map((c) => Array.from(c.values[1]))).toEqual([[30], [23], [7]]);
    const { relations, nCells, cell } = tableRelations(spec);
    const values = new Float64Array(nCells);
    spec.counts.forEach((c, ci) => c.values.forEach((v, L) => v.forEach((x, a) => (values[cell(ci, L, a)] = x))));
    const status = protectCells(values, relations).status;
    expect(determinedCells(status, relations).determined).toEqual([]);
    // primary suppression alone leaves a.P65 = 10 − 8 open
    const primaryOnly = Uint8Array.from(values, (x) => (x > 0 && x < 3 ? P : O));
    expect(singleUnknownRelations(primaryOnly, relations).length).toBeGreaterThan(0);
  });
  it('the audit closes a recovery through several relations (x1 = (a + c − b) / 2)', () => {
    // x1, x2, x3 = 1, 2, 2 (primary); a = x1 + x2 = 3; b = x2 + x3 = 4; c = x1 + x3 = 3
    const rel: SumRelation[] = [
      { total: 3, parts: [0, 1] },
      { total: 4, parts: [1, 2] },
      { total: 5, parts: [0, 2] },
    ];
    const values = [1, 2, 2, 3, 4, 3];
    const plain = protectCells(values, rel, { audit: false });
    expect(singleUnknownRelations(plain.status, rel)).toEqual([]);
    expect(determinedCells(plain.status, rel).determined).toEqual([0, 1, 2]);
    const r = protectCells(values, rel);
    // cheapest partner of x1: a (3) and c (3) tie → the lower cell, a
    expect(Array.from(r.status)).toEqual([P, P, P, S, O, O]);
    expect(determinedCells(r.status, rel).determined).toEqual([]);
    expect(r.exposed).toEqual([]);
  });
});

describe('rates in a disclosed table', () => {
  it('a rate is null where its numerator or denominator is hidden or below the thresholds', () => {
    const t = table(['a', 'b', 'c', 'd'], ['G1', 'G1', 'G2', 'G2'], { SGB2: [2, 30, 0, 40], EW: [150, 400, 90, 500] });
    const r = applyDisclosure({ ...t, rates: [{ name: 'quote', numerator: 'SGB2', denominator: 'EW', scale: 100 }] });
    const q = r.rates[0];
    // a: numerator 2 primary (secret); b: its partner (secondary); c: 0 of 90 → den < 100 → '/'; d: 8 %
    expect(q.status[0]).toEqual(['secret', 'secondary', 'unreliable', 'ok']);
    expect(q.marks[0]).toEqual(['primary', 'secondary', null, null]);
    expect(q.values[0][3]).toBeCloseTo(8, 12);
    // Gemeinden: 32 / 550 and 40 / 590; Kreis 72 / 1 140 × 100 = 6,315789…
    expect(q.values[1][0]).toBeCloseTo((32 / 550) * 100, 12);
    expect(q.values[2][0]).toBeCloseTo((72 / 1140) * 100, 12);
  });
  it('disclosure switched off publishes every value', () => {
    const t = table(['a', 'b'], ['G', 'G'], { N: [1, 9] });
    const r = applyDisclosure(t, { enabled: false });
    expect(Array.from(r.counts[0].values[0])).toEqual([1, 9]);
    expect(r.counts[0].marks[0]).toEqual([null, null]);
  });
});

describe('property: no published sum relation has exactly one unknown', () => {
  const arb = fc
    .record({
      sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
      depth: fc.integer({ min: 1, max: 2 }),
      seed: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 64, maxLength: 64 }),
      cols: fc.integer({ min: 1, max: 3 }),
      sum: fc.boolean(),
    })
    .map(({ sizes, depth, seed, cols, sum }) => {
      // Gemeinden with `sizes[g]` Sozialräume; with depth 2 the Gemeinden sit in two Bezirke
      const sr: string[] = [], gem: string[] = [], bez: string[] = [];
      sizes.forEach((k, g) => {
        for (let i = 0; i < k; i++) {
          sr.push(`s${g}_${i}`);
          gem.push(`g${g}`);
          bez.push(`b${g % 2}`);
        }
      });
      const { levels } = levelsFromColumns(depth === 2 ? [sr, gem, bez] : [sr, gem]);
      // many small values: 0, 1, 2 come up often
      const v = (c: number) => sr.map((_, i) => { const x = seed[(i * 7 + c * 13) % 64]; return x > 20 ? x - 20 : x % 4; });
      const counts = Array.from({ length: cols }, (_, c) => ({ name: `c${c}`, values: sumUp(v(c), levels) }));
      if (sum && cols >= 2) {
        const total = counts[0].values[0].map((x, i) => counts.reduce((s, c) => s + c.values[0][i], 0));
        counts.push({ name: 'total', values: sumUp(total, levels) });
      }
      const sums = sum && cols >= 2 ? [{ total: 'total', parts: counts.slice(0, cols).map((c) => c.name) }] : [];
      return { levels, counts, sums };
    });
  it('holds for random hierarchies and column sums, and no hidden cell is determined', () => {
    fc.assert(
      fc.property(arb, (spec) => {
        const { relations, nCells, cell } = tableRelations(spec);
        const values = new Float64Array(nCells);
        spec.counts.forEach((c, ci) => c.values.forEach((v, L) => v.forEach((x, a) => (values[cell(ci, L, a)] = x))));
        const r = protectCells(values, relations);
        expect(singleUnknownRelations(r.status, relations)).toEqual([]);
        expect(determinedCells(r.status, relations).determined).toEqual(r.exposed);
        // primary exactly where 0 < value < 3
        values.forEach((x, i) => expect(r.status[i] === CELL.primary).toBe(x > 0 && x < 3));
      }),
      { numRuns: 300 },
    );
  });
});

describe('a cell the source kept secret („·“ in the file, QA-18)', () => {
  // Sozialräume a, b in G1 and c, d in G2; TOTAL = A + B in every area; b's B is „·“ in the file (NaN), A and TOTAL given
  const t = table(['a', 'b', 'c', 'd'], ['G1', 'G1', 'G2', 'G2'], { A: [10, 12, 20, 30], B: [5, NaN, 8, 9], TOTAL: [15, 19, 28, 39] });
  const secret = secretUp([0, 1, 0, 0], t.levels);
  const spec = { ...t, counts: t.counts.map((c) => (c.name === 'B' ? { ...c, secret } : c)), sums: [{ total: 'TOTAL', parts: ['A', 'B'] }], rates: [{ name: 'q', numerator: 'B', denominator: 'TOTAL', scale: 100 }] };

  it('secretUp: an area is secret when one of its parts is', () => {
    expect(secret.map((x) => Array.from(x))).toEqual([[0, 1, 0, 0], [1, 0], [1]]);
  });
  it('is hidden as „source“, not missing, on its level and above; TOTAL − A would give it back, so one of them is hidden too', () => {
    const r = applyDisclosure(spec);
    const B = r.counts.find((c) => c.name === 'B')!;
    expect([B.status[0][1], B.marks[0][1]]).toEqual(['secret', 'source']);
    expect([B.marks[1][0], B.marks[2][0]]).toEqual(['source', 'source']);
    expect(B.status[0][0]).not.toBe('missing');
    const A = r.counts.find((c) => c.name === 'A')!;
    const T = r.counts.find((c) => c.name === 'TOTAL')!;
    expect([A.marks[0][1], T.marks[0][1]]).toContain('secondary');
    expect(r.source).toBe(3);
    expect(r.primary).toBe(0);
    expect([r.rates[0].status[0][1], r.rates[0].marks[0][1]]).toEqual(['secret', 'source']);
  });
  it('stays secret with the switch off (its value is not known)', () => {
    const r = applyDisclosure(spec, { enabled: false });
    const B = r.counts.find((c) => c.name === 'B')!;
    expect([B.status[0][1], B.marks[0][1], B.status[0][0]]).toEqual(['secret', 'source', 'ok']);
    expect([r.rates[0].status[0][1], r.rates[0].marks[0][1]]).toEqual(['secret', 'source']);
  });
});
