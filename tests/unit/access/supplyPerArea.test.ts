import { describe, expect, it } from 'vitest';
import { accessPerArea, reachShare, sumPerArea, supplyRates } from '../../../src/lib/analysis/supplyPerArea';
import { bivariate, percentileRanks, terciles } from '../../../src/lib/analysis/bivariate';

describe('Versorgungsquote per area (ratio of sums)', () => {
  it('counts and capacity per area; missing capacity counted apart; outside points ignored', () => {
    const s = sumPerArea(Int32Array.from([0, 0, 1, -1, 2, 1]), 3, [40, 25, NaN, 99, 60, 10]);
    expect(Array.from(s.count)).toEqual([2, 2, 1]);
    expect(Array.from(s.capacity)).toEqual([65, 10, 60]);
    expect(Array.from(s.capacityMissing)).toEqual([0, 1, 0]);
    expect(Array.from(sumPerArea(Int32Array.from([0, 1, 1]), 2, null).capacity)).toEqual([1, 2]);
  });

  it('places per 100 children; municipal value is Σ places / Σ children, not the mean of rates', () => {
    const r = supplyRates([65, 10, 60], [200, 50, 0], 100);
    expect(Array.from(r.rate.slice(0, 2))).toEqual([32.5, 20]);
    expect(Number.isNaN(r.rate[2])).toBe(true);
    expect(r.municipal).toBe(30); // (65 + 10) / (200 + 50) × 100, area without children left out
    expect(r.difference[0]).toBeCloseTo(2.5, 12);
    expect(r.index[1]).toBeCloseTo(66.6667, 3);
    expect(() => supplyRates([1], [1], 0)).toThrow('invalid per: 0');
  });

  it('population-weighted mean access per area and reach share', () => {
    const areaOf = Int32Array.from([0, 0, 1, 1, -1]);
    const a = accessPerArea([1, 4, 2, NaN, 9], [100, 300, 50, 50, 10], areaOf, 3);
    expect(a.mean[0]).toBeCloseTo((100 + 1200) / 400, 12);
    expect(a.mean[1]).toBe(2);
    expect(Number.isNaN(a.mean[2])).toBe(true);
    const s = reachShare([100, 900, 400, 600, 10], [100, 300, 50, 50, 10], areaOf, 2, 500);
    expect(Array.from(s.share)).toEqual([0.25, 0.5]);
    expect(s.overall).toBeCloseTo(160 / 510, 12);
  });
});

describe('need × supply (3 × 3)', () => {
  it('percentile ranks share ties; terciles split low/middle/high', () => {
    expect(Array.from(percentileRanks([3, 1, 2, 2, NaN]), (v) => +v.toFixed(4))).toEqual([0.875, 0.125, 0.5, 0.5, NaN]);
    expect(Array.from(terciles([1, 2, 3, 4, 5, 6, NaN]))).toEqual([0, 0, 1, 1, 2, 2, -1]);
  });

  it('ranks areas with high need and low supply by the gap of their ranks', () => {
    const need = [9, 8, 7, 1, 2, 3, 5, 5, 6];
    const supply = [1, 5, 2, 9, 8, 7, 3, 6, 4];
    const b = bivariate(need, supply);
    expect(b.gaps.map((g) => g.area)).toEqual([0, 2]);
    expect(b.cell[0]).toBe(6); // need high (2) × 3 + supply low (0)
    expect(b.cell[3]).toBe(2); // need low, supply high
    expect(b.gaps[0].gap).toBeGreaterThan(b.gaps[1].gap);
    // area 1: need rank 0.83, supply 0.5 (gap 0.33); area 6: need 0.44, supply 0.28 (gap 0.17)
    expect(b.watch.map((g) => g.area)).toEqual([1, 6]);
  });
});
