/**
 * Queen and rook contiguity from polygons with a snapping tolerance (METHODS.md §5).
 * Vertices closer than `tolerance` are merged (greedy clustering in a spatial hash), so tiny
 * gaps and slivers between neighbouring areas in real municipal files do not break a link.
 * Queen: areas share at least one (merged) vertex. Rook: areas share an edge, i.e. two
 * consecutive merged vertices. As in GeoDa/PySAL, a vertex lying on another area's edge
 * without a matching vertex there is not a contact.
 */
import type { AreaGeometry } from './geometry-rings';
import type { Weights } from './weights';
import { invalid } from '../contract/errors.ts';

/** Options of `contiguity` (METHODS.md §5: queen/rook with a snapping tolerance). */
export interface ContiguityOptions {
  /** 'queen' (default) or 'rook' */
  type?: 'queen' | 'rook';
  /**
   * Vertices within this distance (coordinate units) are treated as one. Default: 1e-9 of the
   * larger extent (exact matching up to rounding).
   */
  tolerance?: number;
}

const GRID = 1 << 24;

/** Open-addressing hash of grid cells → linked list of representative vertices. */
function vertexClusterer(capacityHint: number, minX: number, minY: number, cell: number, tol: number) {
  let cap = 16;
  while (cap < 2 * capacityHint) cap <<= 1;
  const mask = cap - 1;
  const cellX = new Int32Array(cap), cellY = new Int32Array(cap), head = new Int32Array(cap).fill(-1);
  const repX = new Float64Array(capacityHint), repY = new Float64Array(capacityHint), next = new Int32Array(capacityHint);
  let count = 0;
  const tol2 = tol * tol;
  const slot = (cx: number, cy: number): number => {
    let h = (Math.imul(cx, 73856093) ^ Math.imul(cy, 19349663)) & mask;
    while (head[h] !== -1 && (cellX[h] !== cx || cellY[h] !== cy)) h = (h + 1) & mask;
    return h;
  };
  return {
    get count() {
      return count;
    },
    id(x: number, y: number): number {
      const cx = Math.floor((x - minX) / cell) + 1, cy = Math.floor((y - minY) / cell) + 1;
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++) {
          const h = slot(cx + dx, cy + dy);
          for (let r = head[h]; r !== -1; r = next[r]) {
            const ex = repX[r] - x, ey = repY[r] - y;
            if (ex * ex + ey * ey <= tol2) return r;
          }
        }
      const h = slot(cx, cy);
      const r = count++;
      repX[r] = x;
      repY[r] = y;
      next[r] = head[h];
      cellX[h] = cx;
      cellY[h] = cy;
      head[h] = r;
      return r;
    },
  };
}

/** Groups (key, area) pairs by key with a counting sort; keys are dense in [0, nKeys). */
function bucket(keys: Int32Array, vals: Int32Array, m: number, nKeys: number): { start: Int32Array; items: Int32Array; sub: Int32Array } {
  const start = new Int32Array(nKeys + 1);
  for (let k = 0; k < m; k++) start[keys[k] + 1]++;
  for (let k = 0; k < nKeys; k++) start[k + 1] += start[k];
  const fill = start.slice(0, nKeys);
  const items = new Int32Array(m), sub = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const p = fill[keys[k]]++;
    items[p] = vals[k];
    sub[p] = k;
  }
  return { start, items, sub };
}

/**
 * Contiguity weights (binary, symmetric, CSR) for areas given as polygon coordinates.
 * Empty geometries become islands. Throws `invalid tolerance: …`, `invalid type: …`.
 */
export function contiguity(areas: AreaGeometry[], opts: ContiguityOptions = {}): Weights {
  const type = opts.type ?? 'queen';
  if (type !== 'queen' && type !== 'rook') throw invalid('type', `${String(type)}`);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, nv = 0;
  for (const a of areas) for (const p of a) for (const r of p) for (const v of r) {
    const x = v[0], y = v[1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw invalid('coordinate', `${x}, ${y}`);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    nv++;
  }
  const n = areas.length;
  const extent = Math.max(maxX - minX, maxY - minY, 0) || 1;
  const tol = opts.tolerance ?? extent * 1e-9;
  if (!(tol >= 0) || !Number.isFinite(tol)) throw invalid('tolerance', `${opts.tolerance}`);
  const cell = Math.max(tol, (extent * 1.000001) / (GRID - 4));
  const cl = vertexClusterer(Math.max(nv, 1), minX, minY, cell, tol);

  // (vertex id, area) for queen; (smaller vertex id, area) + larger id for rook
  const keys = new Int32Array(nv), vals = new Int32Array(nv), other = new Int32Array(nv);
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (const poly of areas[i]) {
      for (const ring of poly) {
        const len = ring.length;
        if (len === 0) continue;
        const first = cl.id(ring[0][0], ring[0][1]);
        let prev = first;
        for (let k = 1; k <= len; k++) {
          const cur = k < len ? cl.id(ring[k][0], ring[k][1]) : first;
          if (type === 'queen') {
            keys[m] = prev;
            vals[m++] = i;
          } else if (cur !== prev) {
            keys[m] = Math.min(prev, cur);
            other[m] = Math.max(prev, cur);
            vals[m++] = i;
          }
          prev = cur;
        }
      }
    }
  }
  const { start, items, sub } = bucket(keys, vals, m, cl.count);
  const pairs: number[] = [];
  for (let v = 0; v < cl.count; v++) {
    const s = start[v], e = start[v + 1];
    for (let p = s; p < e; p++) {
      const ai = items[p];
      for (let q = p + 1; q < e; q++) {
        const aj = items[q];
        if (ai === aj) continue;
        if (type === 'rook' && other[sub[p]] !== other[sub[q]]) continue;
        pairs.push(ai * n + aj, aj * n + ai);
      }
    }
  }
  const sorted = Float64Array.from(pairs).sort();
  const offsets = new Int32Array(n + 1);
  const nb: number[] = [];
  let last = -1;
  for (const key of sorted) {
    if (key === last) continue;
    last = key;
    const i = Math.floor(key / n);
    nb.push(key - i * n);
    offsets[i + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const neighbors = Int32Array.from(nb);
  return { n, offsets, neighbors, weights: new Float64Array(neighbors.length).fill(1) };
}
