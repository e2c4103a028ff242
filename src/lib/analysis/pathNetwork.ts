/**
 * Walking distance over a user's path network (GeoJSON lines, e.g. an OSM export), METHODS.md §7.
 * Line vertices become nodes (vertices closer than a tolerance are merged), consecutive vertices
 * edges with their planar length (metres, EPSG:25832). Points are snapped to the nearest node and
 * the straight snap distance is added to the cost at both ends (as pandana does).
 *
 * Shortest paths by Dijkstra with a binary heap (flatqueue): bounded searches from each service
 * give the demand → service costs inside the catchment; one multi-source search gives the
 * distance to the nearest service of a set for every node (reachability).
 */
import { invalid } from '../contract/errors';
import Flatbush from 'flatbush';
import FlatQueue from 'flatqueue';
import type { CostPairs } from './costPairs';

export interface PathNetwork {
  nodeX: Float64Array;
  nodeY: Float64Array;
  /** adjacency (both directions): neighbours of v are targets[offsets[v] … offsets[v+1]) */
  offsets: Int32Array;
  targets: Int32Array;
  lengths: Float64Array;
  /** connected component per node (0 = the largest) and the size of each component in nodes */
  component: Int32Array;
  componentSizes: number[];
  edges: number;
}

/** Polylines in planar metres: lines[k] = [[x, y], …]. */
export type Polylines = ArrayLike<ArrayLike<ArrayLike<number>>>;

/** Builds the graph; vertices within `tolerance` metres (grid-snapped) become one node. */
export function buildNetwork(lines: Polylines, tolerance = 0.5): PathNetwork {
  if (!(tolerance > 0)) throw invalid('tolerance', tolerance);
  const key = new Map<number, number>();
  const xs: number[] = [], ys: number[] = [];
  const ea: number[] = [], eb: number[] = [], el: number[] = [];
  const nodeOf = (x: number, y: number): number => {
    // 2^26 columns are enough for 33 000 km at 0.5 m: the key stays an exact double
    const k = Math.round(x / tolerance) * 67_108_864 + Math.round(y / tolerance);
    let v = key.get(k);
    if (v === undefined) {
      v = xs.length;
      key.set(k, v);
      xs.push(x);
      ys.push(y);
    }
    return v;
  };
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    let prev = -1;
    for (let k = 0; k < line.length; k++) {
      const x = line[k][0], y = line[k][1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        prev = -1;
        continue;
      }
      const v = nodeOf(x, y);
      if (prev >= 0 && prev !== v) {
        ea.push(prev);
        eb.push(v);
        el.push(Math.hypot(xs[v] - xs[prev], ys[v] - ys[prev]));
      }
      prev = v;
    }
  }
  const n = xs.length;
  const deg = new Int32Array(n + 1);
  for (let e = 0; e < ea.length; e++) {
    deg[ea[e] + 1]++;
    deg[eb[e] + 1]++;
  }
  for (let v = 0; v < n; v++) deg[v + 1] += deg[v];
  const offsets = deg.slice();
  const fill = deg.slice(0, n);
  const targets = new Int32Array(2 * ea.length);
  const lengths = new Float64Array(2 * ea.length);
  for (let e = 0; e < ea.length; e++) {
    let p = fill[ea[e]]++;
    targets[p] = eb[e];
    lengths[p] = el[e];
    p = fill[eb[e]]++;
    targets[p] = ea[e];
    lengths[p] = el[e];
  }
  const { component, sizes } = components(n, offsets, targets);
  return { nodeX: Float64Array.from(xs), nodeY: Float64Array.from(ys), offsets, targets, lengths, component, componentSizes: sizes, edges: ea.length };
}

/** Connected components, renumbered so 0 is the largest. */
function components(n: number, offsets: Int32Array, targets: Int32Array): { component: Int32Array; sizes: number[] } {
  const comp = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  const stack = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (comp[s] >= 0) continue;
    const c = sizes.length;
    let top = 0, size = 0;
    stack[top++] = s;
    comp[s] = c;
    while (top) {
      const v = stack[--top];
      size++;
      for (let q = offsets[v]; q < offsets[v + 1]; q++) {
        const u = targets[q];
        if (comp[u] < 0) {
          comp[u] = c;
          stack[top++] = u;
        }
      }
    }
    sizes.push(size);
  }
  const order = sizes.map((_, k) => k).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const rank = new Int32Array(sizes.length);
  order.forEach((k, r) => (rank[k] = r));
  for (let v = 0; v < n; v++) comp[v] = rank[comp[v]];
  return { component: comp, sizes: order.map((k) => sizes[k]) };
}

export interface Snapped {
  /** nearest node, −1 when none within `maxSnap` or no coordinates */
  node: Int32Array;
  /** straight distance to it (metres) */
  distance: Float64Array;
}

/** Snaps points to their nearest network node within `maxSnap` metres. */
export function snapToNetwork(net: PathNetwork, xs: ArrayLike<number>, ys: ArrayLike<number>, maxSnap = Infinity): Snapped {
  const n = xs.length;
  const node = new Int32Array(n).fill(-1);
  const distance = new Float64Array(n).fill(NaN);
  const nv = net.nodeX.length;
  if (nv === 0) return { node, distance };
  const tree = new Flatbush(nv);
  for (let v = 0; v < nv; v++) tree.add(net.nodeX[v], net.nodeY[v], net.nodeX[v], net.nodeY[v]);
  tree.finish();
  for (let i = 0; i < n; i++) {
    const x = xs[i], y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const [v] = tree.neighbors(x, y, 1, maxSnap);
    if (v === undefined) continue;
    node[i] = v;
    distance[i] = Math.hypot(net.nodeX[v] - x, net.nodeY[v] - y);
  }
  return { node, distance };
}

/** Reusable buffers of a bounded search (so thousands of searches allocate nothing). */
export interface SearchBuffers {
  dist: Float64Array;
  touched: Int32Array;
  queue: FlatQueue<number>;
}

export function searchBuffers(net: PathNetwork): SearchBuffers {
  // a search pushes at most once per successful relaxation, i.e. once per directed edge (+ start)
  return { dist: new Float64Array(net.nodeX.length).fill(Infinity), touched: new Int32Array(net.nodeX.length), queue: new FlatQueue<number>(net.targets.length + 1) };
}

/**
 * Dijkstra from `start` (initial cost `startCost`) up to `maxCost`. Settled distances are in
 * `buf.dist` for the returned number of nodes listed in `buf.touched`; call
 * {@link resetSearch} before the next search.
 */
export function boundedSearch(net: PathNetwork, start: number, startCost: number, maxCost: number, buf: SearchBuffers): number {
  const { dist, touched, queue } = buf;
  if (startCost > maxCost) return 0;
  dist[start] = startCost;
  touched[0] = start;
  queue.clear();
  queue.push(start, startCost);
  return propagate(net, queue, dist, maxCost, touched, 1, null);
}

/**
 * The Dijkstra loop shared by the searches: settles the queue up to `maxCost`; newly reached
 * nodes are appended to `touched` (when given, from `nt` on), and `label` carries the source.
 * Returns the new length of `touched`.
 */
function propagate(net: PathNetwork, queue: FlatQueue<number>, dist: Float64Array, maxCost: number, touched: Int32Array | null, nt: number, label: Int32Array | null): number {
  const { offsets, targets, lengths } = net;
  while (queue.length) {
    const d = queue.peekValue()!;
    const v = queue.pop()!;
    if (d > dist[v]) continue;
    for (let q = offsets[v]; q < offsets[v + 1]; q++) {
      const u = targets[q];
      const du = d + lengths[q];
      if (du <= maxCost && du < dist[u]) {
        if (touched && dist[u] === Infinity) touched[nt++] = u;
        dist[u] = du;
        if (label) label[u] = label[v];
        queue.push(u, du);
      }
    }
  }
  return nt;
}

export function resetSearch(buf: SearchBuffers, count: number): void {
  for (let k = 0; k < count; k++) buf.dist[buf.touched[k]] = Infinity;
}

/** Points grouped by node: the points at v are items[offsets[v] … offsets[v+1]). */
function byNode(nodes: number, node: Int32Array): { offsets: Int32Array; items: Int32Array } {
  const offsets = new Int32Array(nodes + 1);
  for (let i = 0; i < node.length; i++) if (node[i] >= 0) offsets[node[i] + 1]++;
  for (let v = 0; v < nodes; v++) offsets[v + 1] += offsets[v];
  const fill = offsets.slice(0, nodes);
  const items = new Int32Array(offsets[nodes]);
  for (let i = 0; i < node.length; i++) if (node[i] >= 0) items[fill[node[i]]++] = i;
  return { offsets, items };
}

/**
 * Network costs between demand and supply points within `maxCost`: c_ij = snap_i + path + snap_j.
 * One bounded search per supply point in [from, to); the result is grouped by demand (CSR).
 */
export function networkPairs(net: PathNetwork, demand: Snapped, supply: Snapped, maxCost: number, from = 0, to = supply.node.length): CostPairs {
  const nd = demand.node.length, ns = supply.node.length;
  const at = byNode(net.nodeX.length, demand.node);
  const buf = searchBuffers(net);
  let cap = 1 << 16, len = 0;
  let pi = new Int32Array(cap), pj = new Int32Array(cap), pc = new Float64Array(cap);
  const grow = () => {
    cap *= 2;
    const a = new Int32Array(cap), b = new Int32Array(cap), c = new Float64Array(cap);
    a.set(pi);
    b.set(pj);
    c.set(pc);
    [pi, pj, pc] = [a, b, c];
  };
  for (let j = from; j < to; j++) {
    const s = supply.node[j];
    if (s < 0) continue;
    const count = boundedSearch(net, s, supply.distance[j], maxCost, buf);
    for (let k = 0; k < count; k++) {
      const v = buf.touched[k];
      const d = buf.dist[v];
      for (let q = at.offsets[v]; q < at.offsets[v + 1]; q++) {
        const i = at.items[q];
        const c = d + demand.distance[i];
        if (c <= maxCost) {
          if (len === cap) grow();
          pi[len] = i;
          pj[len] = j;
          pc[len++] = c;
        }
      }
    }
    resetSearch(buf, count);
  }
  const offsets = new Int32Array(nd + 1);
  for (let k = 0; k < len; k++) offsets[pi[k] + 1]++;
  for (let i = 0; i < nd; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, nd);
  const sup = new Int32Array(len);
  const cost = new Float64Array(len);
  // supplies were visited in order, so each demand's pairs come out sorted by supply
  for (let k = 0; k < len; k++) {
    const p = fill[pi[k]]++;
    sup[p] = pj[k];
    cost[p] = pc[k];
  }
  return { nDemand: nd, nSupply: ns, offsets, supply: sup, cost };
}

/**
 * Multi-source Dijkstra: for every node the network distance to the nearest of the given
 * points (their snap distance included) and which one it is; Infinity / −1 beyond `maxCost`.
 */
export function nearestOnNetwork(net: PathNetwork, sources: Snapped, maxCost = Infinity): { dist: Float64Array; source: Int32Array } {
  const n = net.nodeX.length;
  const dist = new Float64Array(n).fill(Infinity);
  const source = new Int32Array(n).fill(-1);
  const queue = new FlatQueue<number>(net.targets.length + sources.node.length + 1);
  for (let j = 0; j < sources.node.length; j++) {
    const v = sources.node[j];
    if (v < 0) continue;
    const d = sources.distance[j];
    if (d < dist[v] && d <= maxCost) {
      dist[v] = d;
      source[v] = j;
      queue.push(v, d);
    }
  }
  propagate(net, queue, dist, maxCost, null, 0, source);
  return { dist, source };
}
