import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { straightLinePairs, tablePairs, type CostPairs } from '../../../src/lib/analysis/costPairs';
import { floatingCatchment, invariantGap, selectionSums, weightedCatchment, type AccessMethod } from '../../../src/lib/analysis/floatingCatchment';
import { parseWeightSpec, type WeightSpec } from '../../../src/lib/analysis/catchmentWeights';

/** Full cost matrix → pairs (ids 1…n map to rows 0…n−1). */
function fromRows(rows: [number, number, number][], n: number, m: number, maxCost: number): CostPairs {
  return tablePairs(Int32Array.from(rows, (r) => r[0] - 1), Int32Array.from(rows, (r) => r[1] - 1), Float64Array.from(rows, (r) => r[2]), n, m, maxCost);
}

// PySAL access/tests/test_hospital_example.py: three tracts are both demand and supply.
const POP = [100, 50, 10];
const DOC = [15, 20, 100];
function scenario(inbound: number, outbound: number, cross: number): [number, number, number][] {
  return [
    [1, 1, 1], [2, 2, 1], [3, 3, 1],
    [1, 3, inbound], [2, 3, inbound],
    [3, 1, outbound], [3, 2, outbound],
    [1, 2, cross], [2, 1, cross],
  ];
}
const SCENARIOS = [scenario(40, 40, 80), scenario(20, 40, 80), scenario(40, 20, 80), scenario(20, 20, 40)];
// Computed with PySAL's own reference implementation `simple_2sfca` of that test file
// (plain-Python port, gravity weights 1/c, max_travel 61; 3SFCA with G over all destinations).
const REF_2SFCA = [
  [0.331444117, 0.579828132, 7.28641817],
  [0.435340221, 0.683724236, 5.727976611],
  [0.331071913, 0.577857786, 7.299991939],
  [0.442568395, 0.66675828, 5.740524646],
];
const REF_3SFCA = [
  [0.156256588, 0.406216452, 9.906351855],
  [0.173813543, 0.42377244, 9.64300237],
  [0.156525927, 0.406372741, 9.902877021],
  [0.174802148, 0.424035509, 9.631800976],
];
const GRAVITY: WeightSpec = { kind: 'gravity', scale: 1, alpha: -1 };

describe('two/three-step floating catchment: PySAL hospital example (METHODS §7)', () => {
  it('METHODS §7 three-location example: 2SFCA A = 0.331444, 0.579828, 7.286418', () => {
    const r = floatingCatchment({ method: '2sfca', pairs: fromRows(SCENARIOS[0], 3, 3, 61), population: POP, supply: DOC, weights: GRAVITY });
    expect(Array.from(r.access, (a) => +a.toFixed(6))).toEqual([0.331444, 0.579828, 7.286418]);
    expect(r.weightedAccessSum).toBeCloseTo(135, 10);
    expect(r.totalSupply).toBe(135);
  });

  it.each([0, 1, 2, 3])('scenario %i: 2SFCA and 3SFCA equal the PySAL reference', (s) => {
    const pairs = fromRows(SCENARIOS[s], 3, 3, 61);
    const two = floatingCatchment({ method: '2sfca', pairs, population: POP, supply: DOC, weights: GRAVITY });
    // PySAL sums G over every destination in the cost table, also those beyond max_cost
    const selection = selectionSums(fromRows(SCENARIOS[s], 3, 3, Infinity), GRAVITY);
    const three = floatingCatchment({ method: '3sfca', pairs, population: POP, supply: DOC, weights: GRAVITY, selection });
    REF_2SFCA[s].forEach((v, i) => expect(two.access[i]).toBeCloseTo(v, 8));
    REF_3SFCA[s].forEach((v, i) => expect(three.access[i]).toBeCloseTo(v, 8));
    expect(invariantGap(two)).toBeLessThan(1e-12);
    expect(invariantGap(three)).toBeLessThan(1e-12);
  });

  it('scenario directions as PySAL asserts them (faster inbound helps suburbs, hurts the centre)', () => {
    const a = SCENARIOS.map((sc) => floatingCatchment({ method: '2sfca', pairs: fromRows(sc, 3, 3, 61), population: POP, supply: DOC, weights: GRAVITY }).access);
    expect(a[1][0]).toBeGreaterThan(a[0][0]);
    expect(a[1][2]).toBeLessThan(a[0][2]);
    expect(a[2][0]).toBeLessThan(a[0][0]);
    expect(a[2][2]).toBeGreaterThan(a[0][2]);
    expect(a[3][1]).toBeGreaterThan(a[0][1]);
  });

  it('FCA on the same three locations, worked by hand (W = 1, c_max 61)', () => {
    const pairs = fromRows(SCENARIOS[0], 3, 3, 61);
    // 1 reaches supplies {1,3} = 115 and demand {1,3} = 110; 2: 120 / 60; 3: 135 / 160
    const r = floatingCatchment({ method: 'fca', pairs, demandPairs: pairs, population: POP, supply: DOC, weights: { kind: 'none' } });
    expect(Array.from(r.access)).toEqual([115 / 110, 120 / 60, 135 / 160]);
  });
});

/** PySAL tests/util.py create_nxn_grid(5) + create_cost_matrix(…, 'euclidean'). */
function grid5(): { xs: number[]; ys: number[]; rows: [number, number, number][] } {
  const xs: number[] = [], ys: number[] = [];
  for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) {
    xs.push(x);
    ys.push(y);
  }
  const rows: [number, number, number][] = [];
  for (let i = 0; i < 25; i++) for (let j = 0; j < 25; j++) rows.push([i + 1, j + 1, Math.hypot(xs[i] - xs[j], ys[i] - ys[j])]);
  return { xs, ys, rows };
}

describe('5 × 5 grid (PySAL test_floating_catchment_area / test_weighted_catchment)', () => {
  const g = grid5();
  // demand: five of the 25 cells (PySAL samples 5; any 5 give the same values), value 1; supply: all 25, value 1
  const demandIds = [1, 7, 13, 19, 25];
  const demandRows = (max: number) => fromRows(g.rows.filter((r) => demandIds.includes(r[0])).map((r) => [demandIds.indexOf(r[0]) + 1, r[1], r[2]]), 5, 25, max);
  const neighbourRows = (max: number) =>
    fromRows(g.rows.filter((r) => demandIds.includes(r[0]) && demandIds.includes(r[1])).map((r) => [demandIds.indexOf(r[0]) + 1, demandIds.indexOf(r[1]) + 1, r[2]]), 5, 5, max);
  const pop = [1, 1, 1, 1, 1];
  const sup = new Array(25).fill(1);
  const run = (method: AccessMethod, max: number, weights: WeightSpec = { kind: 'none' }, normalize = false) =>
    floatingCatchment({ method, pairs: demandRows(max), demandPairs: neighbourRows(max), population: pop, supply: sup, weights, normalize }).access[0];

  it('FCA: large catchment = Σ supply / Σ demand = 5; catchment 0.9 = 1', () => {
    expect(run('fca', Infinity)).toBe(5);
    expect(run('fca', 0.9)).toBe(1);
    expect(run('fca', 0.8)).toBe(1);
  });
  it('2SFCA / E2SFCA: large catchment 5, catchment 0.9 → 1', () => {
    expect(run('2sfca', Infinity)).toBeCloseTo(5, 12);
    expect(run('2sfca', 0.9)).toBe(1);
    expect(run('e2sfca', Infinity, parseWeightSpec('step:10=1,20=0.68,30=0.22'))).toBeCloseTo(5, 12);
    expect(run('e2sfca', 0.9, parseWeightSpec('step:10=1,20=0.68,30=0.22'))).toBe(1);
  });
  it('3SFCA with step {10: 25}: 5, catchment 0.9 → 1; normalised → 1', () => {
    const w = parseWeightSpec('step:10=25');
    expect(run('3sfca', Infinity, w)).toBeCloseTo(5, 12);
    expect(run('3sfca', 0.9, w)).toBeCloseTo(1, 12);
    // PySAL's test reads the raw column (5); the normalised value itself is 5 / 5 = 1
    expect(run('3sfca', Infinity, w, true)).toBeCloseTo(1, 12);
    expect(run('2sfca', Infinity, { kind: 'none' }, true)).toBeCloseTo(1, 12);
  });
  it('zero catchment: PySAL gives NaN, we give access 0 and no reached demand', () => {
    const r = floatingCatchment({ method: '2sfca', pairs: demandRows(-1), population: pop, supply: sup, weights: { kind: 'none' } });
    expect(Array.from(r.access)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(r.reached)).toEqual([0, 0, 0, 0, 0]);
    expect(r.ratio.every((x) => Number.isNaN(x))).toBe(true);
    expect(r.totalSupply).toBe(0);
  });
  it('weighted catchment with gravity(60, 1) over the full grid (PySAL expected values)', () => {
    const pairs = fromRows(g.rows, 25, 25, Infinity);
    const v = weightedCatchment(pairs, sup, { kind: 'gravity', scale: 60, alpha: 1 });
    const expected: Record<number, number> = { 1: 1.32234021, 5: 1.32234021, 13: 0.780985109, 19: 0.925540119, 24: 1.133733026 };
    for (const [id, e] of Object.entries(expected)) expect(v[Number(id) - 1]).toBeCloseTo(e, 8);
  });
});

describe('E2SFCA on a 5 × 5 demand grid around one service, worked on paper', () => {
  it('steps ≤1 → 1, ≤2 → 0.5: D = 5·1 + 8·0.5 = 9, R = 10/9, A = 10/9 | 5/9 | 0', () => {
    const xs: number[] = [], ys: number[] = [];
    for (let y = 0; y < 5; y++) for (let x = 0; x < 5; x++) {
      xs.push(x);
      ys.push(y);
    }
    const pairs = straightLinePairs(xs, ys, [2], [2], 3);
    const r = floatingCatchment({ method: 'e2sfca', pairs, population: new Array(25).fill(1), supply: [10], weights: parseWeightSpec('step:1=1,2=0.5') });
    expect(r.demandOnSupply[0]).toBe(9);
    expect(r.ratio[0]).toBeCloseTo(10 / 9, 14);
    const at = (x: number, y: number) => r.access[y * 5 + x];
    expect(at(2, 2)).toBeCloseTo(10 / 9, 14);
    expect(at(2, 1)).toBeCloseTo(10 / 9, 14);
    expect(at(1, 1)).toBeCloseTo(5 / 9, 14);
    expect(at(0, 2)).toBeCloseTo(5 / 9, 14);
    expect(at(0, 1)).toBe(0); // √5 > 2: inside the 3-unit catchment but weight 0
    expect(at(0, 0)).toBe(0);
    expect(r.reached.reduce((a, b) => a + b, 0)).toBe(13);
    expect(r.weightedAccessSum).toBeCloseTo(10, 12);
  });
});

describe('invariant Σ_i P_i A_i = Σ_j S_j over reached supplies (property test)', () => {
  const weightArb = fc.oneof(
    fc.constant<WeightSpec>({ kind: 'none' }),
    fc.constant<WeightSpec>(parseWeightSpec('step:300=1,600=0.68,900=0.22')),
    fc.double({ min: 50, max: 2000, noNaN: true }).map<WeightSpec>((sigma) => ({ kind: 'gaussian', sigma })),
    fc.tuple(fc.double({ min: 10, max: 500, noNaN: true }), fc.double({ min: -3, max: 2, noNaN: true })).map<WeightSpec>(([scale, alpha]) => ({ kind: 'gravity', scale, alpha, minCost: 1 })),
  );
  const pt = fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }));
  it('holds for 2SFCA, E2SFCA and 3SFCA with any weights, populations and catchments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(pt, fc.integer({ min: 0, max: 500 })), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(pt, fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 15 }),
        fc.integer({ min: 0, max: 2500 }),
        fc.constantFrom<AccessMethod>('2sfca', 'e2sfca', '3sfca'),
        weightArb,
        fc.double({ min: 1, max: 1.5, noNaN: true }),
        (dem, sup, maxCost, method, weights, detour) => {
          const pairs = straightLinePairs(dem.map((d) => d[0][0]), dem.map((d) => d[0][1]), sup.map((s) => s[0][0]), sup.map((s) => s[0][1]), maxCost, detour);
          const r = floatingCatchment({ method, pairs, population: dem.map((d) => d[1]), supply: sup.map((s) => s[1]), weights });
          expect(Math.abs(r.weightedAccessSum - r.totalSupply)).toBeLessThanOrEqual(1e-9 * Math.max(1, r.totalSupply));
          // unreached demand has access 0; supplies nobody reaches have no ratio
          r.access.forEach((a, i) => (r.reached[i] ? expect(a).toBeGreaterThanOrEqual(0) : expect(a).toBe(0)));
          r.ratio.forEach((q, j) => expect(Number.isNaN(q)).toBe(!(r.demandOnSupply[j] > 0)));
        },
      ),
      { numRuns: 300, seed: 20260511 },
    );
  });
});
