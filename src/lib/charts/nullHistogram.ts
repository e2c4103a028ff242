/**
 * Layout of a permutation (null-distribution) histogram with the observed value (issue 13).
 * When the observed value lies far outside the null distribution — the usual case for a real
 * segregation index (demo: D = 0,318 against a null around 0,01) — one shared axis squeezes all
 * permutations into one bar. Then the axis is broken: the null distribution gets the main panel
 * with its own scale, the observed value a small panel beyond an axis break (`//`), and the gap
 * is stated in words. Pure: numbers in, coordinates out (the view only draws them).
 */
import { invalid } from '../contract/errors';

export interface NullHistogramLayout {
  /** one bar per bin over the null range */
  bars: { x: number; width: number; height: number; y: number; count: number; lo: number; hi: number }[];
  /** `continuous`: observed drawn on the null axis; `broken`: observed in its own panel */
  mode: 'continuous' | 'broken';
  /** side of the observed panel in `broken` mode */
  side: 'left' | 'right';
  /** x of the observed line */
  observedX: number;
  /** the observed label's anchor and x so that its text stays inside [0, width] */
  label: { x: number; anchor: 'start' | 'end' };
  /** x positions of the axis break marks (empty in continuous mode) */
  breakX: number | null;
  /** axis ticks under the null panel (and the observed value's tick) */
  ticks: { x: number; value: number }[];
  /** null range actually shown (finite permutation values) */
  nullMin: number;
  nullMax: number;
  /** permutations at least as extreme as the observed value, in its direction */
  asExtreme: number;
  finite: number;
  maxCount: number;
  baseline: number;
  top: number;
}

export interface LayoutOptions {
  width: number;
  height: number;
  bins?: number;
  /** padding left/right/top/bottom in px */
  pad?: { l: number; r: number; t: number; b: number };
  /** width of the observed panel in broken mode */
  panel?: number;
  /** estimated width of the observed label, px (so it is never cut off) */
  labelWidth: number;
  /**
   * An observed value farther than this many null ranges beyond the null extremes breaks the axis
   * (default 1: the bars would otherwise shrink to under half the width).
   */
  breakAt?: number;
}

/**
 * Bars, axis mode and label position for the null distribution `values` and `observed`.
 * NaN permutations are ignored. @throws `invalid width: …` for non-positive sizes
 */
export function layoutNullHistogram(values: ArrayLike<number>, observed: number, o: LayoutOptions): NullHistogramLayout {
  if (!(o.width > 0) || !(o.height > 0)) throw invalid('width', `${o.width}×${o.height}`);
  const bins = o.bins ?? 24;
  const pad = o.pad ?? { l: 34, r: 12, t: 22, b: 20 };
  const panel = o.panel ?? 58;
  const breakAt = o.breakAt ?? 1;
  let lo = Infinity;
  let hi = -Infinity;
  let finite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    finite++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!finite) {
    lo = hi = observed;
  }
  const span = hi - lo || Math.abs(hi) * 0.1 || 1;
  const outside = observed > hi ? (observed - hi) / span : observed < lo ? (lo - observed) / span : 0;
  const mode: 'continuous' | 'broken' = Number.isFinite(observed) && outside > breakAt ? 'broken' : 'continuous';
  const side: 'left' | 'right' = observed < lo ? 'left' : 'right';

  // the x range of the null panel
  let x0 = pad.l;
  let x1 = o.width - pad.r;
  if (mode === 'broken') {
    if (side === 'right') x1 -= panel;
    else x0 += panel;
  }
  // domain of the null panel: the null range (plus the observed value when continuous), 5 % margin
  let dlo = lo;
  let dhi = hi;
  if (mode === 'continuous' && Number.isFinite(observed)) {
    dlo = Math.min(dlo, observed);
    dhi = Math.max(dhi, observed);
  }
  const dspan = dhi - dlo || span;
  dlo -= dspan * 0.05;
  dhi += dspan * 0.05;
  const x = (v: number) => x0 + ((v - dlo) / (dhi - dlo)) * (x1 - x0);

  // bins over the null range only, so the permutations spread over the panel
  const blo = lo - span * 0.02;
  const bhi = hi + span * 0.02;
  const counts = new Array<number>(bins).fill(0);
  let asExtreme = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.max(0, Math.floor(((v - blo) / (bhi - blo)) * bins)))]++;
    if (side === 'right' ? v >= observed : v <= observed) asExtreme++;
  }
  const maxCount = Math.max(1, ...counts);
  const baseline = o.height - pad.b;
  const top = pad.t;
  const bars = counts.map((count, k) => {
    const blo_k = blo + ((bhi - blo) * k) / bins;
    const bhi_k = blo + ((bhi - blo) * (k + 1)) / bins;
    const xa = x(blo_k);
    const xb = x(bhi_k);
    const h = (count / maxCount) * (baseline - top);
    return { x: xa, width: Math.max(0.5, xb - xa - 1), height: h, y: baseline - h, count, lo: blo_k, hi: bhi_k };
  });

  const observedX = mode === 'broken' ? (side === 'right' ? o.width - pad.r - panel / 2 : pad.l + panel / 2) : x(observed);
  const breakX = mode === 'broken' ? (side === 'right' ? x1 + 6 : x0 - 6) : null;
  // label: to the right of the line if it fits, else to its left
  const fitsRight = observedX + 4 + o.labelWidth <= o.width - 1;
  const label = fitsRight ? { x: observedX + 4, anchor: 'start' as const } : { x: Math.max(o.labelWidth + 1, observedX - 4), anchor: 'end' as const };
  const ticks = [
    { x: x(lo), value: lo },
    { x: x(hi), value: hi },
  ];
  if (lo === hi) ticks.pop();
  return { bars, mode, side, observedX, label, breakX, ticks, nullMin: lo, nullMax: hi, asExtreme, finite, maxCount, baseline, top };
}
