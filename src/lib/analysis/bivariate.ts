/**
 * Need × supply gaps (METHODS.md §7): both variables in terciles by their percentile rank, a 3 × 3
 * bivariate class per area and a ranked list of areas with high need and low supply. Pure.
 */
import { invalid } from '../contract/errors';

/** Mid-rank percentile in (0, 1) per value (ties share their rank), NaN for missing values. */
export function percentileRanks(values: ArrayLike<number>): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) idx.push(i);
  idx.sort((a, b) => values[a] - values[b]);
  const out = new Float64Array(values.length).fill(NaN);
  const n = idx.length;
  for (let s = 0; s < n; ) {
    let e = s;
    while (e + 1 < n && values[idx[e + 1]] === values[idx[s]]) e++;
    const p = ((s + e) / 2 + 0.5) / n;
    for (let k = s; k <= e; k++) out[idx[k]] = p;
    s = e + 1;
  }
  return out;
}

/** Tercile 0 (low), 1, 2 (high) from percentile ranks; −1 for missing. Ties share a tercile. */
export function terciles(values: ArrayLike<number>): Int8Array {
  const p = percentileRanks(values);
  return Int8Array.from(p, (v) => (Number.isNaN(v) ? -1 : v <= 1 / 3 ? 0 : v <= 2 / 3 ? 1 : 2));
}

export interface GapRow {
  area: number;
  needClass: number;
  supplyClass: number;
  /** percentile rank of need minus that of supply (−1 … 1; high = large gap) */
  gap: number;
}

export interface Bivariate {
  needClass: Int8Array;
  supplyClass: Int8Array;
  /** needClass × 3 + supplyClass, −1 where either is missing */
  cell: Int16Array;
  needRank: Float64Array;
  supplyRank: Float64Array;
  /** areas with high need (tercile 2) and low supply (tercile 0), largest gap first */
  gaps: GapRow[];
  /** the next tier: high need & middle supply, or middle need & low supply */
  watch: GapRow[];
}

/** 3 × 3 classes of need (higher = more need) and supply (higher = better supplied). */
export function bivariate(need: ArrayLike<number>, supply: ArrayLike<number>): Bivariate {
  if (need.length !== supply.length) throw invalid('lengths', `${need.length} vs ${supply.length}`);
  const needClass = terciles(need), supplyClass = terciles(supply);
  const needRank = percentileRanks(need), supplyRank = percentileRanks(supply);
  const cell = Int16Array.from(needClass, (c, i) => (c < 0 || supplyClass[i] < 0 ? -1 : c * 3 + supplyClass[i]));
  const rows: GapRow[] = [];
  for (let i = 0; i < need.length; i++) if (cell[i] >= 0) rows.push({ area: i, needClass: needClass[i], supplyClass: supplyClass[i], gap: needRank[i] - supplyRank[i] });
  const byGap = (a: GapRow, b: GapRow) => b.gap - a.gap || a.area - b.area;
  const gaps = rows.filter((r) => r.needClass === 2 && r.supplyClass === 0).sort(byGap);
  const watch = rows.filter((r) => (r.needClass === 2 && r.supplyClass === 1) || (r.needClass === 1 && r.supplyClass === 0)).sort(byGap);
  return { needClass, supplyClass, cell, needRank, supplyRank, gaps, watch };
}
