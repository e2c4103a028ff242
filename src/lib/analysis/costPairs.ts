/**
 * Sparse demand → supply costs inside a catchment (METHODS.md §7), stored by demand location
 * (CSR): the pairs of demand i are `supply[offsets[i] … offsets[i+1])` with `cost[…]`. Built
 * from straight-line distances (a uniform grid over the supply points), from a user's cost table,
 * or by the path network module. Builders work on index ranges so the work can be split.
 */
import { invalid } from '../contract/errors';

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
  /** Grows the buffers to hold at least `n` pairs (one copy instead of many doublings). */
  reserve(n: number): void {
    if (n <= this.supply.length) return;
    const s = new Int32Array(n);
    s.set(this.supply.subarray(0, this.length));
    this.supply = s;
    const k = new Float64Array(n);
    k.set(this.cost.subarray(0, this.length));
    this.cost = k;
  }
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

/** Uniform grid over points (counting sort into cells), for radius searches without allocation. */
export interface PointGrid {
  x0: number;
  y0: number;
  cell: number;
  nx: number;
  ny: number;
  /** points of cell c: items[start[c] … start[c+1]) */
  start: Int32Array;
  items: Int32Array;
}

/** Builds a grid with cells of about `cell` metres (coarser when the extent would need too many). */
export function pointGrid(xs: ArrayLike<number>, ys: ArrayLike<number>, cell: number): PointGrid {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i], y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x0 > x1) return { x0: 0, y0: 0, cell: 1, nx: 1, ny: 1, start: new Int32Array(2), items: new Int32Array(0) };
  let c = Number.isFinite(cell) ? Math.max(cell, 1e-9) : Math.max(x1 - x0, y1 - y0, 1) * 2;
  // at most ~4 cells per point and 4 million cells
  const maxCells = Math.min(4_000_000, Math.max(16, 4 * xs.length));
  while (((x1 - x0) / c + 1) * ((y1 - y0) / c + 1) > maxCells) c *= 2;
  const nx = Math.floor((x1 - x0) / c) + 1, ny = Math.floor((y1 - y0) / c) + 1;
  const cellOf = new Int32Array(xs.length).fill(-1);
  const start = new Int32Array(nx * ny + 1);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i], y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const k = Math.floor((y - y0) / c) * nx + Math.floor((x - x0) / c);
    cellOf[i] = k;
    start[k + 1]++;
  }
  for (let k = 0; k < nx * ny; k++) start[k + 1] += start[k];
  const fill = start.slice(0, nx * ny);
  const items = new Int32Array(start[nx * ny]);
  for (let i = 0; i < xs.length; i++) if (cellOf[i] >= 0) items[fill[cellOf[i]]++] = i;
  return { x0, y0, cell: c, nx, ny, start, items };
}

/**
 * Straight-line costs: c_ij = detour × ‖d_i − s_j‖ (planar metres, e.g. EPSG:25832), kept when
 * c_ij ≤ maxCost (a demand's pairs in grid order, the same on every run). `from`/`to` restrict the demand rows (the
 * result still spans all rows; rows outside have no pairs), so chunks can be built separately
 * and concatenated with {@link mergePairs}.
 */
export function straightLinePairs(
  dx: ArrayLike<number>, dy: ArrayLike<number>, sx: ArrayLike<number>, sy: ArrayLike<number>,
  maxCost: number, detour = 1, from = 0, to = dx.length, grid?: PointGrid,
): CostPairs {
  if (!(detour >= 1) || !Number.isFinite(detour)) throw invalid('detour', detour);
  if (!(maxCost >= 0)) throw invalid('maxCost', maxCost);
  const n = dx.length, m = sx.length;
  const radius = maxCost / detour;
  const g = grid ?? pointGrid(sx, sy, Number.isFinite(radius) ? Math.max(radius / 2, 1e-6) : Infinity);
  const { x0, y0, cell, nx, ny, start, items } = g;
  const r2 = radius * radius;
  const offsets = new Int32Array(n + 1);
  const buf = new PairBuffer();
  const probe = from + Math.min(2000, to - from);
  for (let i = 0; i < n; i++) {
    offsets[i] = buf.length;
    // after a first sample, size the buffers for the whole range (+15 %)
    if (i === probe && probe < to) buf.reserve(Math.ceil(((buf.length + 1) / (probe - from)) * (to - from) * 1.15));
    if (i < from || i >= to || m === 0) continue;
    const x = dx[i], y = dy[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const all = radius === Infinity;
    const cx0 = all ? 0 : Math.max(0, Math.floor((x - radius - x0) / cell)), cx1 = all ? nx - 1 : Math.min(nx - 1, Math.floor((x + radius - x0) / cell));
    const cy0 = all ? 0 : Math.max(0, Math.floor((y - radius - y0) / cell)), cy1 = all ? ny - 1 : Math.min(ny - 1, Math.floor((y + radius - y0) / cell));
    for (let cy = cy0; cy <= cy1; cy++)
      for (let cx = cx0; cx <= cx1; cx++) {
        const k = cy * nx + cx;
        for (let q = start[k]; q < start[k + 1]; q++) {
          const j = items[q];
          const ex = sx[j] - x, ey = sy[j] - y;
          const d2 = ex * ex + ey * ey;
          if (d2 <= r2) {
            const c = detour * Math.sqrt(d2);
            if (c <= maxCost) buf.push(j, c);
          }
        }
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
  detour: number, W: (c: number) => number, support: number, from = 0, to = dx.length,
): Float64Array {
  const out = new Float64Array(dx.length);
  const m = sx.length;
  const near = Number.isFinite(support) ? straightLinePairs(dx, dy, sx, sy, support, detour, from, to) : null;
  for (let i = from; i < to; i++) {
    const x = dx[i], y = dy[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    let s = 0;
    if (near) for (let q = near.offsets[i]; q < near.offsets[i + 1]; q++) s += W(near.cost[q]);
    else for (let j = 0; j < m; j++) s += W(detour * Math.hypot(sx[j] - x, sy[j] - y));
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
  const radius = maxCost / detour;
  // about two points per cell: the first rings usually hold the nearest
  let gx0 = Infinity, gx1 = -Infinity, gy0 = Infinity, gy1 = -Infinity;
  for (let j = 0; j < sx.length; j++) {
    gx0 = Math.min(gx0, sx[j]); gx1 = Math.max(gx1, sx[j]); gy0 = Math.min(gy0, sy[j]); gy1 = Math.max(gy1, sy[j]);
  }
  const g = pointGrid(sx, sy, Math.max(Math.sqrt(((gx1 - gx0 + 1) * (gy1 - gy0 + 1) * 2) / sx.length), 1e-6));
  const { x0, y0, cell, nx, ny, start, items } = g;
  const maxRing = Math.max(nx, ny);
  for (let i = 0; i < n; i++) {
    const x = dx[i], y = dy[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const cx = Math.floor((x - x0) / cell), cy = Math.floor((y - y0) / cell);
    let best = Infinity, bj = -1;
    for (let r = 0; r <= maxRing + Math.max(Math.abs(cx), Math.abs(cy)); r++) {
      // every point outside ring r is at least (r − 1)·cell away (the query may sit anywhere in its cell)
      if ((r - 1) * cell > Math.min(Math.sqrt(best), radius)) break;
      for (let yy = cy - r; yy <= cy + r; yy++) {
        if (yy < 0 || yy >= ny) continue;
        const edge = yy === cy - r || yy === cy + r;
        for (let xx = cx - r; xx <= cx + r; xx += edge ? 1 : 2 * r || 1) {
          if (xx < 0 || xx >= nx) continue;
          const k = yy * nx + xx;
          for (let q = start[k]; q < start[k + 1]; q++) {
            const j = items[q];
            const ex = sx[j] - x, ey = sy[j] - y;
            const d2 = ex * ex + ey * ey;
            if (d2 < best || (d2 === best && j < bj)) {
              best = d2;
              bj = j;
            }
          }
        }
      }
    }
    const c = detour * Math.sqrt(best);
    if (bj >= 0 && c <= maxCost) {
      cost[i] = c;
      supply[i] = bj;
    }
  }
  return { cost, supply };
}
