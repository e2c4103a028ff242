/**
 * Supply per area (Versorgungsquote, METHODS.md §7) and accessibility aggregated to areas.
 * Rates are ratios of sums: the municipal value is Σ capacity / Σ target group, never a mean of
 * area rates. Pure; `areaOf[i]` is the area index of point i (−1 outside every area).
 */
import { invalid } from '../contract/errors';

export interface AreaSupply {
  count: Float64Array;
  capacity: Float64Array;
  /** services inside an area whose capacity is missing (counted, capacity unknown) */
  capacityMissing: Float64Array;
}

/** Count and capacity of the points in each area. `capacity` null counts points only. */
export function sumPerArea(areaOf: Int32Array, nAreas: number, capacity: ArrayLike<number> | null, include?: (i: number) => boolean): AreaSupply {
  const count = new Float64Array(nAreas), cap = new Float64Array(nAreas), miss = new Float64Array(nAreas);
  for (let i = 0; i < areaOf.length; i++) {
    const a = areaOf[i];
    if (a < 0 || a >= nAreas || (include && !include(i))) continue;
    count[a]++;
    if (capacity) {
      const c = capacity[i];
      if (Number.isFinite(c) && c >= 0) cap[a] += c;
      else miss[a]++;
    }
  }
  return { count, capacity: capacity ? cap : count.slice(), capacityMissing: miss };
}

export interface SupplyRates {
  /** supply per `per` of the target group, NaN where the target group is missing or 0 */
  rate: Float64Array;
  /** Σ supply / Σ target group × per over areas with a target group */
  municipal: number;
  /** rate − municipal (in the unit of the rate) */
  difference: Float64Array;
  /** rate / municipal × 100 (municipal value = 100) */
  index: Float64Array;
}

/** Rates per `per` persons of the target group, with the municipal value as ratio of sums. */
export function supplyRates(supply: ArrayLike<number>, target: ArrayLike<number>, per: number): SupplyRates {
  if (!(per > 0)) throw invalid('per', per);
  const n = supply.length;
  const rate = new Float64Array(n);
  let ss = 0, st = 0;
  for (let a = 0; a < n; a++) {
    const t = target[a];
    if (t > 0 && Number.isFinite(t)) {
      rate[a] = (supply[a] / t) * per;
      ss += supply[a];
      st += t;
    } else rate[a] = NaN;
  }
  const municipal = st > 0 ? (ss / st) * per : NaN;
  return {
    rate,
    municipal,
    difference: rate.map((r) => r - municipal),
    index: rate.map((r) => (municipal > 0 ? (r / municipal) * 100 : NaN)),
  };
}

/**
 * Population-weighted mean of accessibility per area: Σ_{i∈a} P_i A_i / Σ_{i∈a} P_i
 * (NaN where an area holds no demand), plus the population per area.
 */
export function accessPerArea(access: ArrayLike<number>, population: ArrayLike<number>, areaOf: Int32Array, nAreas: number): { mean: Float64Array; population: Float64Array } {
  const pa = new Float64Array(nAreas), ps = new Float64Array(nAreas);
  for (let i = 0; i < areaOf.length; i++) {
    const a = areaOf[i], P = population[i];
    if (a < 0 || !(P > 0) || !Number.isFinite(access[i])) continue;
    pa[a] += P * access[i];
    ps[a] += P;
  }
  return { mean: pa.map((v, a) => (ps[a] > 0 ? v / ps[a] : NaN)), population: ps };
}

/**
 * Share of the population within `threshold` of a service (nearest cost ≤ threshold), per area
 * and overall (ratio of sums). Also returns the reached population per area.
 */
export function reachShare(
  nearest: ArrayLike<number>, population: ArrayLike<number>, areaOf: Int32Array, nAreas: number, threshold: number,
): { share: Float64Array; reached: Float64Array; population: Float64Array; overall: number } {
  const r = new Float64Array(nAreas), ps = new Float64Array(nAreas);
  let tr = 0, tp = 0;
  for (let i = 0; i < nearest.length; i++) {
    const P = population[i];
    if (!(P > 0)) continue;
    const ok = nearest[i] <= threshold;
    tp += P;
    if (ok) tr += P;
    const a = areaOf[i];
    if (a < 0) continue;
    ps[a] += P;
    if (ok) r[a] += P;
  }
  return { share: r.map((v, a) => (ps[a] > 0 ? v / ps[a] : NaN)), reached: r, population: ps, overall: tp > 0 ? tr / tp : NaN };
}
