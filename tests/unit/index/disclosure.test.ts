import { describe, expect, it } from 'vitest';
import { discloseCount, discloseCounts, discloseRate, discloseRates } from '../../../src/lib/analysis/disclosure';

describe('disclosure (METHODS §6)', () => {
  it('counts 1 and 2 are secret "·", 0 is "–", NaN "x"', () => {
    expect(discloseCounts([0, 1, 2, 3, NaN]).map((d) => d.symbol)).toEqual(['–', '·', '·', null, 'x']);
    expect(discloseCount(4, { minCount: 5 }).status).toBe('secret');
  });
  it('rate needs den ≥ 100 and num ≥ 3', () => {
    const st = discloseRates([3, 2, 5, 0, 50, 4], [100, 500, 99, 200, 0, 1000]).map((d) => d.status);
    expect(st).toEqual(['ok', 'secret', 'unreliable', 'zero', 'missing', 'ok']);
    expect(discloseRate(5, 99).symbol).toBe('/');
    expect(discloseRate(3, 150, { minNumerator: 4, minCount: 3 }).status).toBe('unreliable');
    expect(discloseRate(5, 150, { minDenominator: 200 }).symbol).toBe('/');
    expect(() => discloseRate(1, 1, { minDenominator: -1 })).toThrow('invalid minDenominator: -1');
  });
});
