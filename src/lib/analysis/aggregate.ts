/**
 * Levels (Sozialraum → Gemeinde → Kreis) and aggregation across them (METHODS.md §8):
 * counts are summed, rates are ratios of sums (Σ Zähler / Σ Nenner), never means of rates;
 * non-additive values are aggregated only where the lower-level data allow it.
 */
import { invalid } from '../contract/errors.ts';

/** One level: its areas and, per area, the index of its parent in the next level (−1: none). */
export interface Level {
  ids: string[];
  /** parent index in the next coarser level; null for the last level (the total) */
  parent: Int32Array | null;
}

/** Id of the single area of the total level. */
export const TOTAL_ID = 'gesamt';

/** An area that sits in two parents (the levels do not nest). */
export interface NestingConflict {
  level: number;
  id: string;
  parents: string[];
}

/**
 * Levels from id columns of one table, finest first (each row one finest area), plus a last
 * level "total" with the single id {@link TOTAL_ID}. Areas keep first-seen order. An empty id
 * at a coarser level leaves the area without parent (it still counts in the total).
 * @throws `invalid levels: …` without columns or with columns of different lengths.
 */
export function levelsFromColumns(columns: readonly (readonly string[])[]): { levels: Level[]; rowArea: Int32Array; conflicts: NestingConflict[]; duplicates: string[] } {
  if (!columns.length) throw invalid('levels', 'none');
  const rows = columns[0].length;
  if (columns.some((c) => c.length !== rows)) throw invalid('levels', 'columns differ in length');
  const levels: Level[] = [];
  const index: Map<string, number>[] = [];
  const rowIdx: Int32Array[] = columns.map(() => new Int32Array(rows));
  columns.forEach((col, L) => {
    const ids: string[] = [];
    const map = new Map<string, number>();
    for (let r = 0; r < rows; r++) {
      const id = col[r];
      if (id === '') {
        rowIdx[L][r] = -1;
        continue;
      }
      let k = map.get(id);
      if (k === undefined) {
        map.set(id, (k = ids.length));
        ids.push(id);
      }
      rowIdx[L][r] = k;
    }
    levels.push({ ids, parent: null });
    index.push(map);
  });
  const conflicts: NestingConflict[] = [];
  for (let L = 0; L < columns.length; L++) {
    const n = levels[L].ids.length;
    const parent = new Int32Array(n).fill(-2);
    const seen: Set<number>[] = Array.from({ length: n }, () => new Set());
    for (let r = 0; r < rows; r++) {
      const a = rowIdx[L][r];
      if (a < 0) continue;
      const p = L + 1 < columns.length ? rowIdx[L + 1][r] : 0;
      seen[a].add(p);
      if (parent[a] === -2) parent[a] = p;
    }
    for (let a = 0; a < n; a++) {
      if (seen[a].size > 1) {
        const names = [...seen[a]].map((p) => (p < 0 ? '' : levels[L + 1].ids[p]));
        conflicts.push({ level: L, id: levels[L].ids[a], parents: names });
      }
    }
    levels[L].parent = parent.map((p) => (p === -2 ? -1 : p));
  }
  levels.push({ ids: [TOTAL_ID], parent: null });
  // the coarsest named level points to the total
  const last = levels[columns.length - 1];
  last.parent = new Int32Array(last.ids.length).fill(0);
  const duplicates: string[] = [];
  const seenFinest = new Set<string>();
  for (const id of columns[0]) {
    if (id !== '' && seenFinest.has(id)) duplicates.push(id);
    seenFinest.add(id);
  }
  return { levels, rowArea: rowIdx[0], conflicts, duplicates: [...new Set(duplicates)] };
}

/**
 * Sums of a count from the finest level up through every level: `out[0]` is the input, `out[L+1][p]`
 * the sum over the areas of level L whose parent is p. A sum with a missing (NaN) part is NaN
 * (an incomplete sum is no total), as is an area without any child.
 */
export function sumUp(finest: ArrayLike<number>, levels: readonly Level[]): Float64Array[] {
  if (finest.length !== levels[0].ids.length) throw invalid('values', finest.length, `${levels[0].ids.length} areas`);
  const out: Float64Array[] = [Float64Array.from(finest)];
  for (let L = 0; L + 1 < levels.length; L++) {
    const parent = levels[L].parent!;
    const n = levels[L + 1].ids.length;
    const sum = new Float64Array(n);
    const children = new Int32Array(n);
    const prev = out[L];
    for (let a = 0; a < prev.length; a++) {
      const p = parent[a];
      if (p < 0) continue;
      sum[p] += prev[a];
      children[p]++;
    }
    for (let p = 0; p < n; p++) if (children[p] === 0) sum[p] = NaN;
    out.push(sum);
  }
  return out;
}

/** Rate per area: Σ numerator / Σ denominator × scale (NaN where the denominator is ≤ 0 or missing). */
export function ratioOfSums(num: ArrayLike<number>, den: ArrayLike<number>, scale: number): Float64Array {
  if (!Number.isFinite(scale)) throw invalid('scale', scale);
  return Float64Array.from(num, (x, i) => (den[i] > 0 ? (x / den[i]) * scale : NaN));
}

/**
 * How a value moves to a coarser level. `sum`: counts and areas; `ratio`: Σ numerator / Σ denominator;
 * `weightedMean`: Σ w·x / Σ w (a mean over people, weighted by their number); `min`/`max`: exact;
 * `median` and `value` (a value of unknown kind, e.g. a given Quote) cannot be aggregated from
 * area values.
 */
export type AggregationKind = 'sum' | 'ratio' | 'weightedMean' | 'min' | 'max' | 'median' | 'value';

/** Reason codes for values that cannot be shown at a coarser level (translated in the views). */
export type NotAggregable = 'levels.notAggregable.median' | 'levels.notAggregable.value' | 'levels.notAggregable.noWeight';

/** Whether a value of this kind can be aggregated; with a reason code when not. */
export function aggregationSupport(kind: AggregationKind, weight?: unknown): { ok: true } | { ok: false; reason: NotAggregable } {
  if (kind === 'median') return { ok: false, reason: 'levels.notAggregable.median' };
  if (kind === 'value') return { ok: false, reason: 'levels.notAggregable.value' };
  if (kind === 'weightedMean' && !weight) return { ok: false, reason: 'levels.notAggregable.noWeight' };
  return { ok: true };
}

/**
 * Values of a non-count kind on every level: weighted mean Σ w·x / Σ w, or min / max over the
 * children. Missing values (x or w NaN) make the parent NaN.
 * @throws `invalid kind: …` for kinds that {@link aggregationSupport} rejects.
 */
export function aggregateUp(kind: AggregationKind, finest: ArrayLike<number>, levels: readonly Level[], weight?: ArrayLike<number>): Float64Array[] {
  const support = aggregationSupport(kind, weight);
  if (!support.ok) throw invalid('kind', kind);
  if (kind === 'sum') return sumUp(finest, levels);
  if (kind === 'weightedMean') {
    const w = weight!;
    const wx = sumUp(Float64Array.from(finest, (x, i) => x * w[i]), levels);
    const ws = sumUp(w, levels);
    return wx.map((s, L) => (L === 0 ? Float64Array.from(finest) : ratioOfSums(s, ws[L], 1)));
  }
  if (kind === 'ratio') throw invalid('kind', 'ratio', 'needs numerator and denominator: ratioOfSums');
  const out: Float64Array[] = [Float64Array.from(finest)];
  const pick = kind === 'min' ? Math.min : Math.max;
  for (let L = 0; L + 1 < levels.length; L++) {
    const parent = levels[L].parent!;
    const v = new Float64Array(levels[L + 1].ids.length).fill(NaN);
    const has = new Uint8Array(v.length);
    out[L].forEach((x, a) => {
      const p = parent[a];
      if (p < 0) return;
      v[p] = has[p] ? pick(v[p], x) : x;
      has[p] = 1;
    });
    out.push(v);
  }
  return out;
}
