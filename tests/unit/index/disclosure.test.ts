import { describe, expect, it } from 'vitest';
import { discloseCount, discloseCounts, discloseRate, discloseRates, secondarySuppression } from '../../../src/lib/analysis/disclosure';

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
  it('secondary suppression: one hidden part → smallest non-zero shown part hidden too', () => {
    const parts = [2, 0, 7, 5, 40];
    const st = discloseCounts(parts).map((d) => d.status);
    const r = secondarySuppression(parts, st, 'ok');
    expect(r.parts).toEqual(['secret', 'zero', 'ok', 'secondary', 'ok']);
    expect(r.total).toBe('ok');
  });
  it('no action with two hidden parts; hidden total → a part is hidden; no partner → total hidden', () => {
    const two = secondarySuppression([1, 2, 9], ['secret', 'secret', 'ok'], 'ok');
    expect(two.parts).toEqual(['secret', 'secret', 'ok']);
    const tot = secondarySuppression([4, 9], ['ok', 'ok'], 'secret');
    expect(tot.parts).toEqual(['secondary', 'ok']);
    const none = secondarySuppression([1, 0], ['secret', 'zero'], 'ok');
    expect(none.total).toBe('secondary');
  });
  it('after suppression no hidden cell equals total minus shown parts alone', () => {
    const parts = [1, 30, 12, 8];
    const r = secondarySuppression(parts, discloseCounts(parts).map((d) => d.status), 'ok');
    const hiddenCount = r.parts.filter((s) => s === 'secret' || s === 'secondary').length;
    expect(hiddenCount).toBeGreaterThanOrEqual(2);
  });
});
