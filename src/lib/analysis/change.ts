/**
 * Change of an indicator between two years (issue 13, "Jahresvergleich" on the plain map):
 * differences per area and symmetric class bounds around zero for a diverging palette. For rates
 * the difference is in percentage points (Prozentpunkte: 12,3 % → 14,1 % = +1,8 Pp.), never a
 * relative change of a rate. Pure: typed arrays in, numbers out.
 */
import { classify, type Classification } from './classify';
import { quantileSorted } from './stats';
import { invalid } from '../contract/errors.ts';

/** `to − from` per area; NaN where either year has no value. @throws `invalid lengths: …` */
export function changeValues(from: Float64Array, to: Float64Array): Float64Array {
  if (from.length !== to.length) throw invalid('lengths', `${from.length} vs ${to.length}`);
  const out = new Float64Array(to.length);
  for (let i = 0; i < out.length; i++) out[i] = Number.isFinite(from[i]) && Number.isFinite(to[i]) ? to[i] - from[i] : NaN;
  return out;
}

/**
 * Class bounds symmetric around 0 for `k` classes (3…9): the outer bound is the largest absolute
 * change m, the inner bounds are quantiles of |change| (R type 7), mirrored — so equal changes
 * in both directions get equally strong colours and every class holds areas. Odd k: a middle
 * class (−q₁, q₁] of „little change“; even k: a bound at 0. Ties that make bounds coincide are
 * merged (fewer classes). No finite value → []; no change anywhere → [0, 0].
 * @throws `invalid k: …`
 */
export function divergingBreaks(change: Float64Array, k: number): number[] {
  if (!(Number.isInteger(k) && k >= 3 && k <= 9)) throw invalid('k', k);
  const abs = Array.from(change).filter(Number.isFinite).map(Math.abs).sort((a, b) => a - b);
  if (!abs.length) return [];
  const m = abs[abs.length - 1];
  if (m === 0) return [0, 0];
  const h = Math.floor(k / 2);
  // odd k: h inner quantiles at j/(h+1); even k: h−1 inner quantiles at j/h plus the bound at 0
  const inner = k % 2 ? Array.from({ length: h }, (_, j) => quantileSorted(abs, (j + 1) / (h + 1))) : Array.from({ length: h - 1 }, (_, j) => quantileSorted(abs, (j + 1) / h));
  const pos = [...inner.filter((q) => q > 0 && q < m), m];
  const bounds = [...pos.map((q) => -q).reverse(), ...(k % 2 ? [] : [0]), ...pos];
  return bounds.filter((b, i) => i === 0 || b > bounds[i - 1]);
}

/** Classes of a change map on {@link divergingBreaks}, plus the index of the class holding 0. */
export function classifyChange(change: Float64Array, k: number): Classification & { zeroClass: number } {
  const breaks = divergingBreaks(change, k);
  if (breaks.length === 0) return { breaks: [], classOf: new Int16Array(change.length).fill(-1), counts: [], missing: change.length, zeroClass: -1 };
  if (breaks.length === 2 && breaks[0] === 0 && breaks[1] === 0) {
    const c = classify(change, 'quantile', 1);
    return { ...c, zeroClass: 0 };
  }
  const c = classify(change, 'manual', breaks.length - 1, { breaks });
  const zeroClass = c.breaks.findIndex((b, i) => i < c.breaks.length - 1 && 0 <= c.breaks[i + 1] && (i === 0 || 0 > b));
  return { ...c, zeroClass };
}
