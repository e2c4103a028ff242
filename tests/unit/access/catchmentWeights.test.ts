import { describe, expect, it } from 'vitest';
import { E2SFCA_DEFAULT_STEPS, formatWeightSpec, parseWeightSpec, stepsForCatchment, weightFunction, weightSupport } from '../../../src/lib/analysis/catchmentWeights';

// References: PySAL access/weights.py docstrings (doctests) and tests/test_weights.py.
describe('catchment weights (PySAL access.weights)', () => {
  it('step function: first step with c ≤ upTo, 0 beyond (PySAL step_fn doctest)', () => {
    const fn = weightFunction(parseWeightSpec('step:20=1,40=0.68,60=0.22'));
    const got = Object.fromEntries([0, 10, 20, 30, 40, 50, 60, 70].map((v) => [v, fn(v)]));
    expect(got).toEqual({ 0: 1, 10: 1, 20: 1, 30: 0.68, 40: 0.68, 50: 0.22, 60: 0.22, 70: 0 });
  });

  it('E2SFCA default is 10/20/30 → 1/0.68/0.22; stretched to a catchment in thirds', () => {
    expect(formatWeightSpec({ kind: 'step', steps: [...E2SFCA_DEFAULT_STEPS] })).toBe('step:10=1,20=0.68,30=0.22');
    expect(stepsForCatchment(1500).map((s) => s.upTo)).toEqual([500, 1000, 1500]);
    expect(weightSupport({ kind: 'step', steps: [...E2SFCA_DEFAULT_STEPS] })).toBe(30);
  });

  it('Gaussian: exp(−c²/2σ²), f(0) = 1 (PySAL gaussian doctest, σ = 20)', () => {
    const fn = weightFunction(parseWeightSpec('gaussian:20'));
    expect(fn(0)).toBe(1);
    expect(fn(20)).toBeCloseTo(0.6065306597126334, 15);
    expect(fn(40)).toBeCloseTo(0.1353352832366127, 15);
    expect(fn(60)).toBeCloseTo(0.011108996538242306, 15);
    expect(weightSupport({ kind: 'gaussian', sigma: 20 })).toBe(Infinity);
  });

  it('gravity: (max(c, min)/scale)^α (PySAL gravity doctest: scale 20, α −2, min 1)', () => {
    const fn = weightFunction(parseWeightSpec('gravity:20:-2:1'));
    const got = [0, 1, 2, 20, 40, 60].map((c) => Math.round(fn(c) * 100) / 100);
    expect(got).toEqual([400, 400, 100, 1, 0.25, 0.11]);
  });

  it('weight sums as in PySAL test_weights: all-0, all-1, half, twice', () => {
    const xs = Array.from({ length: 50 }, (_, i) => i + 1);
    const sum = (spec: string) => xs.reduce((s, x) => s + x * weightFunction(parseWeightSpec(spec))(x), 0);
    const total = xs.reduce((a, b) => a + b, 0);
    expect(sum('step:51=0')).toBe(0);
    expect(sum('step:51=1')).toBe(total);
    expect(sum('step:51=0.5')).toBe(total / 2);
    expect(sum('step:51=2')).toBe(total * 2);
  });

  it('rejects bad specs with invalid-messages (negative weight, σ = 0, descending steps, junk)', () => {
    expect(() => parseWeightSpec('step:10=-1')).toThrow('invalid stepWeight: -1');
    expect(() => parseWeightSpec('gaussian:0')).toThrow('invalid sigma: 0');
    expect(() => parseWeightSpec('step:20=1,10=0.5')).toThrow('invalid step: 10');
    expect(() => parseWeightSpec('gravity:60')).toThrow('invalid weights');
    expect(() => parseWeightSpec('cubic:3')).toThrow('invalid weights: cubic:3');
    expect(() => parseWeightSpec('step:a=1')).toThrow('invalid step: a');
    expect(parseWeightSpec('none')).toEqual({ kind: 'none' });
    for (const s of ['step:10=1,20=0.68,30=0.22', 'gravity:60:-1', 'gravity:20:-2:1', 'gaussian:500']) expect(formatWeightSpec(parseWeightSpec(s))).toBe(s);
  });
});
