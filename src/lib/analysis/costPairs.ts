/**
 * Sparse demand → supply costs inside a catchment (METHODS.md §7), stored by demand location
 * (CSR): the pairs of demand i are `supply[offsets[i] … offsets[i+1])` with `cost[…]`. Built
 * from straight-line distances (a KD index over the supply points), from a user's cost table,
 * or by the path network module. Builders work on index ranges so the work can be split.
 */
import Flatbush from 'flatbush';
import KDBush from 'kdbush';

export interface CostPairs {
  nDemand: number;
  nSupply: number;
  /** length nDemand + 1 */
  offsets: Int32Array;
  /** supply index per pair */
  supply: Int32Array;
  /** cost per pair (metres or minutes) */
  cost: Float64Array;
}

/** Growable typed buffers for pair building. */
class PairBuffer {
  supply = new Int32Array(1024);
  cost = new Float64Array(1024);
  length = 0;
  push(j: number, c: number): void {
    if (this.length === this.supply.length) {
      const s = new Int32Array(this.length * 2);
      s.set(this.supply);
      this.supply = s;
      const k = new Float64Array(this.length * 2);
      k.set(this.cost);
      this.cost = k;
    }
    this.supply[this.length] = j;
    this.cost[this.length++] = c;
  }
}

/** A KD index over points (x, y in metres); reuse it for many queries. */
export function pointIndex(xs: ArrayLike<number>, ys: ArrayLike<number>): KDBush {
  const idx = new KDBush(Math.max(1, xs.length), 64, Float64Array);
  for (let i = 0; i < xs.length; i++) idx.add(Number.isFinite(xs[i]) ? xs[i] : 1e15, Number.isFinite(ys[i]) ? ys[i] : 1e15);
  if (xs.length === 0) idx.add(1e15, 1e15);
  return idx.finish();
}

/**
 * Straight-line costs: c_ij = detour × ‖d_i − s_j‖ (planar metres, e.g. EPSG:25832), kept when
 * c_ij ≤ maxCost. `from`/`to` restrict the demand rows (the result still spans all rows; rows
 * outside the range have no pairs), so chunks can be built separately and concatenated.
 */
export function straightLinePairs(
  dx: ArrayLike<number>, dy: ArrayLike<number>, sx: ArrayLike<number>, sy: ArrayLike<number>,
  maxCost: number, detour = 1, from = 0, to = dx.length, index?: KDBush,
): CostPairs {
  if (!(detour >= 1) || !Number.isFinite(detour)) throw new Error(`invalid detour: ${detour}`);
  if (!(maxCost >= 0)) throw new Error(`invalid maxCost: ${maxCost}`);
  const n = dx.length, m = sx.length;
  const kd = index ?? pointIndex(sx, sy);
  const radius = maxCost / detour;
  const offsets = new Int32Array(n + 1);
  const buf = new PairBuffer();
  const found: number[] = [];
  for (let i = 0; i < n; i++) {
    offsets[i] = buf.length;
    if (i < from || i >= to || m === 0) continue;
    const x = dx[i], y = dy[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    found.length = 0;
    const k = kd.withinInto(x, y, radius, found);
    // KDBush returns ids in tree order: sort so pairs are in supply order (stable results)
    if (k > 1) found.sort((a, b) => a - b);
    for (let q = 0; q < k; q++) {
      const j = found[q];
      const ex = sx[j] - x, ey = sy[j] - y;
      const c = detour * Math.sqrt(ex * ex + ey * ey);
      if (c <= maxCost) buf.push(j, c);
    }
  }
  offsets[n] = buf.length;
  return { nDemand: n, nSupply: m, offsets, supply: buf.supply.slice(0, buf.length), cost: buf.cost.slice(0, buf.length) };
}

/**
 * Pairs from a cost table (origin index, destination index, cost), keeping cost ≤ maxCost.
 * Rows with an index < 0 (unknown id) or a non-finite cost are skipped; the caller reports them.
 * A repeated (origin, destination) keeps the smallest cost.
 */
export function tablePairs(origin: Int32Array, dest: Int32Array, cost: Float64Array, nDemand: number, nSupply: number, maxCost: number): CostPairs {
  const rows = origin.length;
  const count = new Int32Array(nDemand + 1);
  const keep = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const i = origin[r], j = dest[r], c = cost[r];
    if (i < 0 || j < 0 || i >= nDemand || j >= nSupply || !Number.isFinite(c) || c < 0 || c > maxCost) continue;
    keep[r] = 1;
    count[i + 1]++;
  }
  for (let i = 0; i < nDemand; i++) count[i + 1] += count[i];
  const offsets = count.slice();
  const fill = count.slice(0, nDemand);
  const supply = new Int32Array(offsets[nDemand]);
  const cst = new Float64Array(offsets[nDemand]);
  for (let r = 0; r < rows; r++) {
    if (!keep[r]) continue;
    const p = fill[origin[r]]++;
    supply[p] = dest[r];
    cst[p] = cost[r];
  }
  return dedupeSorted({ nDemand, nSupply, offsets, supply, cost: cst });
}

/** Sorts each demand's pairs by supply index and keeps the smallest cost of repeated pairs. */
export function dedupeSorted(p: CostPairs): CostPairs {
  const offsets = new Int32Array(p.nDemand + 1);
  const supply = new Int32Array(p.supply.length);
  const cost = new Float64Array(p.supply.length);
  let w = 0;
  const order: number[] = [];
  for (let i = 0; i < p.nDemand; i++) {
    offsets[i] = w;
    const a = p.offsets[i], b = p.offsets[i + 1];
    order.length = 0;
    for (let q = a; q < b; q++) order.push(q);
    order.sort((x, y) => p.supply[x] - p.supply[y] || p.cost[x] - p.cost[y]);
    let last = -1;
    for (const q of order) {
      if (p.supply[q] === last) continue;
      last = p.supply[q];
      supply[w] = last;
      cost[w++] = p.cost[q];
    }
  }
  offsets[p.nDemand] = w;
  return { nDemand: p.nDemand, nSupply: p.nSupply, offsets, supply: supply.slice(0, w), cost: cost.slice(0, w) };
}

/** Concatenates pair sets built for disjoint demand ranges of the same demand/supply sets. */
export function mergePairs(parts: CostPairs[]): CostPairs {
  if (parts.length === 1) return parts[0];
  const n = parts[0].nDemand;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (const p of parts) c += p.offsets[i + 1] - p.offsets[i];
    offsets[i + 1] = offsets[i] + c;
  }
  const supply = new Int32Array(offsets[n]);
  const cost = new Float64Array(offsets[n]);
  for (let i = 0; i < n; i++) {
    let w = offsets[i];
    for (const p of parts)
      for (let q = p.offsets[i]; q < p.offsets[i + 1]; q++) {
        supply[w] = p.supply[q];
        cost[w++] = p.cost[q];
      }
  }
  return { nDemand: n, nSupply: parts[0].nSupply, offsets, supply, cost };
}

/** Pairs per demand location → does it reach any supply. */
export function reachesAny(p: CostPairs): Uint8Array {
  return Uint8Array.from({ length: p.nDemand }, (_, i) => (p.offsets[i + 1] > p.offsets[i] ? 1 : 0));
}

/**
 * Σ_k W(detour·‖d_i − s_k‖) over all supplies k (3SFCA selection sums for straight-line costs).
 * With a weight of finite support only supplies within it are visited; otherwise all of them.
 */
export function straightLineSelection(
  dx: ArrayLike<number>, dy: ArrayLike<number>, sx: ArrayLike<number>, sy: ArrayLike<number>,
  detour: number, W: (c: number) => number, support: number, from = 0, to = dx.length, index?: KDBush,
): Float64Array {
  const out = new Float64Array(dx.length);
  const m = sx.length;
  const kd = Number.isFinite(support) ? (index ?? pointIndex(sx, sy)) : null;
  const found: number[] = [];
  for (let i = from; i < to; i++) {
    const x = dx[i], y = dy[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    let s = 0;
    if (kd) {
      found.length = 0;
      const k = kd.withinInto(x, y, support / detour, found);
      for (let q = 0; q < k; q++) {
        const j = found[q];
        s += W(detour * Math.hypot(sx[j] - x, sy[j] - y));
      }
    } else for (let j = 0; j < m; j++) s += W(detour * Math.hypot(sx[j] - x, sy[j] - y));
    out[i] = s;
  }
  return out;
}

/** Straight-line distance × detour from each demand point to its nearest supply point (∞ beyond `maxCost`). */
export function nearestStraight(
  dx: ArrayLike<number>, dy: ArrayLike<number>, sx: ArrayLike<number>, sy: ArrayLike<number>, detour = 1, maxCost = Infinity,
): { cost: Float64Array; supply: Int32Array } {
  const n = dx.length;
  const cost = new Float64Array(n).fill(Infinity);
  const supply = new Int32Array(n).fill(-1);
  if (sx.length === 0) return { cost, supply };
  const tree = new Flatbush(sx.length);
  for (let j = 0; j < sx.length; j++) tree.add(sx[j], sy[j], sx[j], sy[j]);
  tree.finish();
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(dx[i]) || !Number.isFinite(dy[i])) continue;
    const [j] = tree.neighbors(dx[i], dy[i], 1, maxCost / detour);
    if (j === undefined) continue;
    cost[i] = detour * Math.hypot(sx[j] - dx[i], sy[j] - dy[i]);
    supply[i] = j;
  }
  return { cost, supply };
}
