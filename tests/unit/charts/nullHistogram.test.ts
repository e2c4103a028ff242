import { describe, expect, it } from 'vitest';
import { layoutNullHistogram } from '../../../src/lib/charts/nullHistogram';
import { createRng } from '../../../src/lib/analysis/prng';

/** A null distribution like the demo's D under permutation: narrow, near 0. */
function nullAround(mean: number, sd: number, n: number, seed = 7): Float64Array {
  const r = createRng(seed);
  return Float64Array.from({ length: n }, () => mean + sd * r.normal());
}

const W = 360;
const H = 140;

describe('null histogram layout', () => {
  it('breaks the axis when the observed value is far outside, so the bars spread and the label fits', () => {
    const values = nullAround(0.012, 0.004, 999);
    const labelWidth = 'beobachtet: 0,318'.length * 11 * 0.62;
    const L = layoutNullHistogram(values, 0.318, { width: W, height: H, labelWidth });
    expect(L.mode).toBe('broken');
    expect(L.side).toBe('right');
    // the permutations occupy many bins over most of the width, not one bar
    const filled = L.bars.filter((b) => b.count > 0);
    expect(filled.length).toBeGreaterThan(10);
    const spread = filled.at(-1)!.x + filled.at(-1)!.width - filled[0].x;
    expect(spread).toBeGreaterThan(0.6 * W);
    // the observed line sits right of the break, the label stays inside the figure
    expect(L.observedX).toBeGreaterThan(L.breakX!);
    const left = L.label.anchor === 'start' ? L.label.x : L.label.x - labelWidth;
    const right = L.label.anchor === 'start' ? L.label.x + labelWidth : L.label.x;
    expect(left).toBeGreaterThanOrEqual(0);
    expect(right).toBeLessThanOrEqual(W);
    expect(L.asExtreme).toBe(0);
    expect(L.finite).toBe(999);
    expect(L.bars.reduce((s, b) => s + b.count, 0)).toBe(999);
    // every bar inside the null panel, left of the break
    for (const b of L.bars) expect(b.x + b.width).toBeLessThan(L.breakX!);
  });

  it('keeps one axis when the observed value lies within or near the null distribution', () => {
    const values = nullAround(0.3, 0.05, 500);
    const L = layoutNullHistogram(values, 0.35, { width: W, height: H, labelWidth: 90 });
    expect(L.mode).toBe('continuous');
    expect(L.breakX).toBeNull();
    // the observed line is on the null axis between its extremes
    const minX = Math.min(...L.ticks.map((t) => t.x));
    const maxX = Math.max(...L.ticks.map((t) => t.x));
    expect(L.observedX).toBeGreaterThan(minX);
    expect(L.observedX).toBeLessThan(maxX);
    // counted as at least as extreme: the permutations ≥ 0.35
    expect(L.asExtreme).toBe(Array.from(values).filter((v) => v >= 0.35).length);
  });

  it('puts the observed panel on the left for a value far below the null, label inside', () => {
    const values = nullAround(0.5, 0.01, 200);
    const L = layoutNullHistogram(values, 0.05, { width: W, height: H, labelWidth: 100 });
    expect(L.mode).toBe('broken');
    expect(L.side).toBe('left');
    expect(L.observedX).toBeLessThan(L.breakX!);
    for (const b of L.bars) expect(b.x).toBeGreaterThan(L.breakX!);
    const left = L.label.anchor === 'start' ? L.label.x : L.label.x - 100;
    expect(left).toBeGreaterThanOrEqual(0);
  });

  it('survives NaN permutations, a constant null and no permutations', () => {
    const L = layoutNullHistogram(Float64Array.from([0.1, NaN, 0.1, 0.1]), 0.1, { width: W, height: H, labelWidth: 60 });
    expect(L.finite).toBe(3);
    expect(L.mode).toBe('continuous');
    const E = layoutNullHistogram(new Float64Array(0), 0.2, { width: W, height: H, labelWidth: 60 });
    expect(E.finite).toBe(0);
    expect(() => layoutNullHistogram([], 1, { width: 0, height: H, labelWidth: 1 })).toThrow(/invalid width/);
  });
});
