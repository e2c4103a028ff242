/**
 * Sparse spatial weights (METHODS.md §5) in CSR form, k nearest neighbours and distance bands
 * on centroids, row standardisation, islands and link counts, and a GAL reader.
 * Contiguity from polygons is in `contiguity.ts`.
 */
import { invalid } from '../contract/errors.ts';

/** Spatial weights in compressed sparse rows: neighbours of i are neighbors[offsets[i] … offsets[i+1]). */
export interface Weights {
  n: number;
  offsets: Int32Array;
  neighbors: Int32Array;
  weights: Float64Array;
}

/** Builds CSR weights from neighbour lists (weights 1 unless given). Lists are sorted and de-duplicated; self-links are dropped. */
export function fromNeighborLists(lists: ArrayLike<number>[], values?: ArrayLike<number>[]): Weights {
  const n = lists.length;
  const offsets = new Int32Array(n + 1);
  const nb: number[] = [];
  const wt: number[] = [];
  for (let i = 0; i < n; i++) {
    const l = lists[i];
    const order = Array.from({ length: l.length }, (_, k) => k).sort((a, b) => l[a] - l[b]);
    let last = -1;
    for (const k of order) {
      const j = l[k];
      if (!Number.isInteger(j) || j < 0 || j >= n) throw invalid('neighbour', `${j}`, `area ${i}`);
      if (j === last || j === i) continue;
      nb.push(j);
      wt.push(values ? values[i][k] : 1);
      last = j;
    }
    offsets[i + 1] = nb.length;
  }
  return { n, offsets, neighbors: Int32Array.from(nb), weights: Float64Array.from(wt) };
}

/** Row standardisation w_ij / Σ_j w_ij (METHODS.md §5); rows of islands stay empty. */
export function rowStandardize(w: Weights): Weights {
  const weights = new Float64Array(w.weights.length);
  for (let i = 0; i < w.n; i++) {
    let s = 0;
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) s += w.weights[k];
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) weights[k] = s !== 0 ? w.weights[k] / s : 0;
  }
  return { n: w.n, offsets: w.offsets, neighbors: w.neighbors, weights };
}

/** Areas without neighbours. */
export function islands(w: Weights): number[] {
  const out: number[] = [];
  for (let i = 0; i < w.n; i++) if (w.offsets[i + 1] === w.offsets[i]) out.push(i);
  return out;
}

/** Summary for reports: areas, directed links (Σ_i |N(i)|), islands, mean/min/max neighbours. */
export function weightsSummary(w: Weights): { n: number; links: number; islands: number[]; min: number; max: number; mean: number } {
  let min = Infinity, max = 0;
  for (let i = 0; i < w.n; i++) {
    const c = w.offsets[i + 1] - w.offsets[i];
    if (c < min) min = c;
    if (c > max) max = c;
  }
  const links = w.neighbors.length;
  return { n: w.n, links, islands: islands(w), min: w.n ? min : 0, max, mean: w.n ? links / w.n : 0 };
}

/** True when every link i→j has a link j→i. */
export function isSymmetric(w: Weights): boolean {
  const set = new Set<number>();
  for (let i = 0; i < w.n; i++) for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) set.add(i * w.n + w.neighbors[k]);
  for (let i = 0; i < w.n; i++) for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) if (!set.has(w.neighbors[k] * w.n + i)) return false;
  return true;
}

/**
 * Parses a GAL file (GeoDa/PySAL): header `[0] n [name id]`, then per area a line `id count`
 * and a line with the neighbour ids. Returns weights ordered by `ids` (file order unless given)
 * and the ids as strings.
 */
export function parseGal(text: string, ids?: string[]): { weights: Weights; ids: string[] } {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const head = lines[0].split(/\s+/);
  const n = Number(head.length === 1 ? head[0] : head[1]);
  if (!Number.isInteger(n) || n < 0) throw invalid('GAL', `${lines[0]}`, `header`);
  const order: string[] = [];
  const raw: string[][] = [];
  let li = 1;
  for (let a = 0; a < n; a++) {
    const [id, cntS] = (lines[li++] ?? '').split(/\s+/);
    const cnt = Number(cntS);
    if (id === undefined || !Number.isInteger(cnt)) throw invalid('GAL', `${lines[li - 1]}`, `line`);
    const nbs = cnt > 0 ? (lines[li++] ?? '').split(/\s+/) : [];
    if (nbs.length !== cnt) throw invalid('GAL', `${cnt}`, `neighbour count for ${id}`);
    order.push(id);
    raw.push(nbs);
  }
  const keyOrder = ids ?? order;
  const pos = new Map(keyOrder.map((id, i) => [id, i]));
  const lists: number[][] = keyOrder.map(() => []);
  for (let a = 0; a < n; a++) {
    const i = pos.get(order[a]);
    if (i === undefined) throw invalid('GAL', `${order[a]}`, `id`);
    for (const id of raw[a]) {
      const j = pos.get(id);
      if (j === undefined) throw invalid('GAL', `${id}`, `id`);
      lists[i].push(j);
    }
  }
  return { weights: fromNeighborLists(lists), ids: keyOrder };
}

/** Uniform grid over points, for neighbour searches. */
function pointGrid(xs: ArrayLike<number>, ys: ArrayLike<number>, cell: number) {
  const cells = new Map<string, number[]>();
  for (let i = 0; i < xs.length; i++) {
    const key = `${Math.floor(xs[i] / cell)},${Math.floor(ys[i] / cell)}`;
    const c = cells.get(key);
    if (c) c.push(i);
    else cells.set(key, [i]);
  }
  return (cx: number, cy: number) => cells.get(`${cx},${cy}`);
}

function checkPoints(xs: ArrayLike<number>, ys: ArrayLike<number>): void {
  if (xs.length !== ys.length) throw invalid('coordinates', `${xs.length} x vs ${ys.length} y`);
  for (let i = 0; i < xs.length; i++)
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) throw invalid('coordinate', `area ${i}`);
}

/**
 * Distance band: j is a neighbour of i when the Euclidean distance of their centroids is
 * ≤ `threshold` (METHODS.md §5). Binary weights; use planar (projected) coordinates.
 */
export function distanceBand(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): Weights {
  if (!(threshold > 0)) throw invalid('threshold', `${threshold}`);
  checkPoints(xs, ys);
  const get = pointGrid(xs, ys, threshold);
  const lists: number[][] = [];
  const t2 = threshold * threshold;
  for (let i = 0; i < xs.length; i++) {
    const cx = Math.floor(xs[i] / threshold), cy = Math.floor(ys[i] / threshold);
    const l: number[] = [];
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const j of get(cx + dx, cy + dy) ?? []) {
          if (j === i) continue;
          const ddx = xs[j] - xs[i], ddy = ys[j] - ys[i];
          if (ddx * ddx + ddy * ddy <= t2) l.push(j);
        }
    lists.push(l);
  }
  return fromNeighborLists(lists);
}

/**
 * k nearest neighbours on centroids (METHODS.md §5), Euclidean, ties broken by index.
 * Binary weights, not symmetric in general. Grid search with expanding rings.
 */
export function knn(xs: ArrayLike<number>, ys: ArrayLike<number>, k: number): Weights {
  const n = xs.length;
  if (!Number.isInteger(k) || k < 1 || k >= Math.max(n, 2)) throw invalid('k', `${k}`);
  checkPoints(xs, ys);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xs[i]); maxX = Math.max(maxX, xs[i]);
    minY = Math.min(minY, ys[i]); maxY = Math.max(maxY, ys[i]);
  }
  const cell = Math.max(maxX - minX, maxY - minY, 1e-12) / Math.max(1, Math.sqrt(n / 2));
  const get = pointGrid(xs, ys, cell);
  const maxRing = Math.ceil(Math.max(maxX - minX, maxY - minY) / cell) + 2;
  const lists: number[][] = [];
  for (let i = 0; i < n; i++) {
    const cx = Math.floor(xs[i] / cell), cy = Math.floor(ys[i] / cell);
    const cand: { j: number; d: number }[] = [];
    for (let r = 0; r <= maxRing; r++) {
      for (let dx = -r; dx <= r; dx++)
        for (let dy = -r; dy <= r; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          for (const j of get(cx + dx, cy + dy) ?? []) {
            if (j === i) continue;
            const ddx = xs[j] - xs[i], ddy = ys[j] - ys[i];
            cand.push({ j, d: ddx * ddx + ddy * ddy });
          }
        }
      // every point outside ring r is farther than r·cell from i
      if (cand.length >= k) {
        cand.sort((a, b) => a.d - b.d || a.j - b.j);
        if (cand[k - 1].d <= (r * cell) ** 2) break;
      }
    }
    cand.sort((a, b) => a.d - b.d || a.j - b.j);
    lists.push(cand.slice(0, k).map((c) => c.j));
  }
  return fromNeighborLists(lists);
}

/**
 * The symmetric upper triangle of W: entry (i, j), i < j, holds s_ij = w_ij + w_ji and (i, i)
 * holds w_ii, so Σ_ij w_ij z_i z_j = Σ_{i≤j} s_ij z_i z_j with half the terms (global Moran's
 * permutation loop). Rows sorted by column. Linear time: filling rows in order of i puts row m's
 * own links (sorted) before the links (j, m), j > m, which arrive sorted too; one merge joins them.
 */
export function upperSymmetric(w: Weights): Weights {
  const n = w.n, off = w.offsets, nbr = w.neighbors, wts = w.weights;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) for (let k = off[i]; k < off[i + 1]; k++) start[Math.min(i, nbr[k]) + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const own = new Int32Array(n); // end of row m's own links
  const cols = new Int32Array(start[n]);
  const vals = new Float64Array(start[n]);
  for (let i = 0; i < n; i++) {
    for (let k = off[i]; k < off[i + 1]; k++) {
      const j = nbr[k];
      const m = j < i ? j : i;
      const at = fill[m]++;
      cols[at] = j < i ? i : j;
      vals[at] = wts[k];
    }
    own[i] = fill[i];
  }
  const offsets = new Int32Array(n + 1);
  const nb = new Int32Array(start[n]);
  const wt = new Float64Array(start[n]);
  let o = 0;
  for (let m = 0; m < n; m++) {
    let p = start[m], q = own[m];
    const pe = own[m], qe = start[m + 1];
    while (p < pe || q < qe) {
      const at = q >= qe || (p < pe && cols[p] <= cols[q]) ? p++ : q++;
      if (o > offsets[m] && nb[o - 1] === cols[at]) wt[o - 1] += vals[at];
      else {
        nb[o] = cols[at];
        wt[o++] = vals[at];
      }
    }
    offsets[m + 1] = o;
  }
  return { n, offsets, neighbors: nb.slice(0, o), weights: wt.slice(0, o) };
}
