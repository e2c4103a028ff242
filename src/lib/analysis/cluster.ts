/**
 * Typologies of areas (METHODS.md §2, Düsseldorf/Köln practice): k-means (k-means++ seeding,
 * Arthur & Vassilvitskii 2007; Lloyd iterations; best of several seeded restarts) and Ward
 * hierarchical clustering (Lance–Williams update on squared Euclidean distances, nearest-neighbour
 * chain, Murtagh 1983), on standardised indicators. Quality: within-cluster sum of squares (elbow),
 * Calinski–Harabasz and mean silhouette. Types are numbered 1 … k; 0 = not clustered (missing value).
 */
import { createRng } from './prng.ts';
import { invalid } from '../contract/errors.ts';

/** Rows (areas with all values finite and mask set) packed row-major. */
function pack(cols: Float64Array[], mask?: ArrayLike<number> | null): { x: Float64Array; rows: Int32Array; d: number } {
  const d = cols.length, n = cols[0]?.length ?? 0;
  if (d === 0) throw invalid('indicators', '0');
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    let ok = true;
    for (let j = 0; j < d; j++) if (!Number.isFinite(cols[j][i])) { ok = false; break; }
    if (ok) rows.push(i);
  }
  const x = new Float64Array(rows.length * d);
  rows.forEach((i, r) => { for (let j = 0; j < d; j++) x[r * d + j] = cols[j][i]; });
  return { x, rows: Int32Array.from(rows), d };
}

function sq(x: Float64Array, a: number, c: Float64Array, b: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) { const t = x[a * d + j] - c[b * d + j]; s += t * t; }
  return s;
}

/** A typology: type per area, type means and within-cluster sum of squares. */
export interface Clustering {
  /** Type 1 … k per area, 0 = not clustered. */
  labels: Int32Array;
  /** Cluster means, centers[c] has one value per indicator (type c + 1). */
  centers: Float64Array[];
  /** Within-cluster sum of squares over the clustered (masked) areas. */
  withinSS: number;
}

/** Labels every area with finite values by its nearest centre (also areas outside the mask). */
function assignAll(cols: Float64Array[], centers: Float64Array, k: number): Int32Array {
  const d = cols.length, n = cols[0].length, labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0, bd = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) { const t = cols[j][i] - centers[c * d + j]; s += t * t; }
      if (s < bd) { bd = s; best = c + 1; }
    }
    labels[i] = Number.isFinite(bd) ? best : 0;
  }
  return labels;
}

/**
 * k-means: minimises Σ_i ‖x_i − c_{l(i)}‖². Fitted on the masked areas; other areas with finite
 * values are assigned to the nearest centre. Best of `restarts` k-means++ starts (seeded).
 */
export function kmeans(
  cols: Float64Array[], k: number,
  options: { mask?: ArrayLike<number> | null; seed?: number; restarts?: number; maxIter?: number } = {},
): Clustering {
  const { x, rows, d } = pack(cols, options.mask);
  const m = rows.length;
  if (!Number.isInteger(k) || k < 1 || k > m) throw invalid('k', `${k}`);
  const restarts = options.restarts ?? 10, maxIter = options.maxIter ?? 100;
  if (!(restarts >= 1)) throw invalid('restarts', `${restarts}`);
  const rng = createRng(options.seed ?? 1);
  const lab = new Int32Array(m), dist = new Float64Array(m), cnt = new Float64Array(k);
  let bestSS = Infinity, best = new Float64Array(k * d);
  for (let rs = 0; rs < restarts; rs++) {
    const c = new Float64Array(k * d);
    const first = rng.int(m);
    for (let j = 0; j < d; j++) c[j] = x[first * d + j];
    for (let i = 0; i < m; i++) dist[i] = sq(x, i, c, 0, d);
    for (let cc = 1; cc < k; cc++) {
      let tot = 0;
      for (let i = 0; i < m; i++) tot += dist[i];
      let pick = m - 1;
      if (tot > 0) {
        let u = rng.next() * tot;
        for (let i = 0; i < m; i++) { u -= dist[i]; if (u < 0) { pick = i; break; } }
      } else pick = rng.int(m);
      for (let j = 0; j < d; j++) c[cc * d + j] = x[pick * d + j];
      for (let i = 0; i < m; i++) dist[i] = Math.min(dist[i], sq(x, i, c, cc, d));
    }
    let ss = 0;
    for (let it = 0; it < maxIter; it++) {
      let changed = it === 0;
      ss = 0;
      for (let i = 0; i < m; i++) {
        let bl = 0, bd = Infinity;
        for (let cc = 0; cc < k; cc++) { const s = sq(x, i, c, cc, d); if (s < bd) { bd = s; bl = cc; } }
        if (lab[i] !== bl) { lab[i] = bl; changed = true; }
        ss += bd;
      }
      if (!changed) break;
      const sum = new Float64Array(k * d);
      cnt.fill(0);
      for (let i = 0; i < m; i++) { cnt[lab[i]]++; for (let j = 0; j < d; j++) sum[lab[i] * d + j] += x[i * d + j]; }
      for (let cc = 0; cc < k; cc++) if (cnt[cc] > 0) for (let j = 0; j < d; j++) c[cc * d + j] = sum[cc * d + j] / cnt[cc];
    }
    if (ss < bestSS - 1e-12) { bestSS = ss; best = c; }
  }
  const labels = assignAll(cols, best, k);
  const clustered = new Uint8Array(labels.length);
  for (const i of rows) clustered[i] = 1;
  return finish(cols, labels, k, clustered);
}

function finish(cols: Float64Array[], labels: Int32Array, k: number, clustered: Uint8Array): Clustering {
  const prof = typeProfiles(cols, labels, k, clustered);
  return { labels, centers: prof.means, withinSS: withinSS(cols, labels, k, clustered) };
}

/** Ward dendrogram as merges sorted by height (see {@link ward}). */
export interface WardTree {
  /** Merge m joins the clusters containing areas a[m] and b[m] (original indices), sorted by height. */
  a: Int32Array;
  b: Int32Array;
  /** Ward distance √(2 n_I n_J / (n_I + n_J)) · ‖c_I − c_J‖ (scipy convention). */
  height: Float64Array;
  /** Areas in the tree (original indices). */
  rows: Int32Array;
}

/**
 * Ward hierarchical clustering by the nearest-neighbour chain on a condensed squared-distance
 * matrix with the Lance–Williams update d(k, I∪J) = ((n_I+n_k) d(k,I) + (n_J+n_k) d(k,J) − n_k d(I,J)) / (n_I+n_J+n_k).
 * Memory m(m−1)/2 doubles (m = 3 000 → 36 MB); time O(m²).
 */
export function ward(cols: Float64Array[], options: { mask?: ArrayLike<number> | null } = {}): WardTree {
  const { x, rows, d } = pack(cols, options.mask);
  const m = rows.length;
  const idx = (i: number, j: number): number => (i < j ? i * m - (i * (i + 1)) / 2 + j - i - 1 : j * m - (j * (j + 1)) / 2 + i - j - 1);
  const D = new Float64Array((m * (m - 1)) / 2);
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) { const u = x[i * d + t] - x[j * d + t]; s += u * u; }
    D[idx(i, j)] = s;
  }
  const size = new Float64Array(m).fill(1), active = new Uint8Array(m).fill(1);
  const rep = Int32Array.from({ length: m }, (_, i) => i);
  const ma: number[] = [], mb: number[] = [], mh: number[] = [];
  const chain: number[] = [];
  let remaining = m;
  while (remaining > 1) {
    if (chain.length === 0) { let i = 0; while (!active[i]) i++; chain.push(i); }
    const top = chain[chain.length - 1], prev = chain.length > 1 ? chain[chain.length - 2] : -1;
    let nn = -1, nd = Infinity;
    if (prev >= 0) { nn = prev; nd = D[idx(top, prev)]; }
    for (let j = 0; j < m; j++) {
      if (!active[j] || j === top) continue;
      const v = D[idx(top, j)];
      if (v < nd) { nd = v; nn = j; }
    }
    if (nn === prev) {
      chain.pop(); chain.pop();
      const i = Math.min(top, nn), j = Math.max(top, nn);
      ma.push(rows[rep[i]]); mb.push(rows[rep[j]]); mh.push(Math.sqrt(nd));
      const ni = size[i], nj = size[j];
      for (let t = 0; t < m; t++) {
        if (!active[t] || t === i || t === j) continue;
        const nt = size[t];
        D[idx(t, i)] = ((ni + nt) * D[idx(t, i)] + (nj + nt) * D[idx(t, j)] - nt * nd) / (ni + nj + nt);
      }
      size[i] = ni + nj; active[j] = 0; remaining--;
    } else chain.push(nn);
  }
  const order = mh.map((_, q) => q).sort((p, q) => mh[p] - mh[q]);
  return {
    a: Int32Array.from(order, (q) => ma[q]), b: Int32Array.from(order, (q) => mb[q]),
    height: Float64Array.from(order, (q) => mh[q]), rows,
  };
}

/**
 * Cuts a Ward tree into k types (the m − k lowest merges, union-find) and assigns areas outside the
 * tree with finite values to the nearest type mean. Types are numbered by first appearance.
 */
export function cutTree(tree: WardTree, cols: Float64Array[], k: number): Clustering {
  const m = tree.rows.length, n = cols[0].length;
  if (!Number.isInteger(k) || k < 1 || k > m) throw invalid('k', `${k}`);
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (i: number): number => { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; };
  for (let q = 0; q < m - k; q++) parent[find(tree.a[q])] = find(tree.b[q]);
  const labels = new Int32Array(n), code = new Map<number, number>();
  const clustered = new Uint8Array(n);
  for (const i of tree.rows) {
    const r = find(i);
    if (!code.has(r)) code.set(r, code.size + 1);
    labels[i] = code.get(r)!;
    clustered[i] = 1;
  }
  const prof = typeProfiles(cols, labels, k, clustered);
  const d = cols.length, flat = new Float64Array(k * d);
  prof.means.forEach((c, t) => flat.set(c, t * d));
  const all = assignAll(cols, flat, k);
  for (let i = 0; i < n; i++) if (!clustered[i]) labels[i] = all[i];
  return finish(cols, labels, k, clustered);
}

/** Mean of each indicator per type (the type profile) and type sizes, over areas with mask (default all labelled). */
export function typeProfiles(cols: Float64Array[], labels: Int32Array, k: number, mask?: ArrayLike<number> | null): { means: Float64Array[]; sizes: Int32Array } {
  const d = cols.length;
  const means = Array.from({ length: k }, () => new Float64Array(d)), sizes = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] - 1;
    if (c < 0 || (mask && !mask[i])) continue;
    sizes[c]++;
    for (let j = 0; j < d; j++) means[c][j] += cols[j][i];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) means[c][j] = sizes[c] ? means[c][j] / sizes[c] : NaN;
  return { means, sizes };
}

/** Within-cluster sum of squares W = Σ_i ‖x_i − c_{l(i)}‖² (elbow criterion). */
export function withinSS(cols: Float64Array[], labels: Int32Array, k: number, mask?: ArrayLike<number> | null): number {
  const { means } = typeProfiles(cols, labels, k, mask);
  let w = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 1 || (mask && !mask[i])) continue;
    for (let j = 0; j < cols.length; j++) w += (cols[j][i] - means[labels[i] - 1][j]) ** 2;
  }
  return w;
}

/** Calinski–Harabasz CH = (B / (k − 1)) / (W / (m − k)), B = total SS − W. NaN for k < 2. */
export function calinskiHarabasz(cols: Float64Array[], labels: Int32Array, k: number, mask?: ArrayLike<number> | null): number {
  let m = 0, total = 0;
  const d = cols.length, mu = new Float64Array(d);
  for (let i = 0; i < labels.length; i++) if (labels[i] > 0 && !(mask && !mask[i])) { m++; for (let j = 0; j < d; j++) mu[j] += cols[j][i]; }
  for (let j = 0; j < d; j++) mu[j] /= m;
  for (let i = 0; i < labels.length; i++) if (labels[i] > 0 && !(mask && !mask[i])) for (let j = 0; j < d; j++) total += (cols[j][i] - mu[j]) ** 2;
  const w = withinSS(cols, labels, k, mask);
  if (k < 2 || m <= k) return NaN;
  return w > 0 ? ((total - w) / (k - 1)) / (w / (m - k)) : Infinity;
}

/**
 * Mean silhouette s = mean_i (b_i − a_i) / max(a_i, b_i), a_i = mean distance to the own type,
 * b_i = smallest mean distance to another type; singletons count 0 (Rousseeuw 1987). O(m² d).
 */
export function silhouette(cols: Float64Array[], labels: Int32Array, k: number, mask?: ArrayLike<number> | null): number {
  const sel: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] > 0 && !(mask && !mask[i])) sel.push(i);
  if (k < 2) return NaN;
  const d = cols.length, sums = new Float64Array(k), sizes = new Int32Array(k);
  for (const i of sel) sizes[labels[i] - 1]++;
  let tot = 0;
  for (const i of sel) {
    sums.fill(0);
    for (const j of sel) {
      if (i === j) continue;
      let s = 0;
      for (let t = 0; t < d; t++) { const u = cols[t][i] - cols[t][j]; s += u * u; }
      sums[labels[j] - 1] += Math.sqrt(s);
    }
    const own = labels[i] - 1;
    if (sizes[own] <= 1) continue;
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    const mx = Math.max(a, b);
    tot += mx > 0 ? (b - a) / mx : 0;
  }
  return sel.length ? tot / sel.length : NaN;
}

/** Quality table for choosing k: within-SS, Calinski–Harabasz and silhouette for each k (k-means or Ward). */
export function chooseK(
  cols: Float64Array[], ks: number[],
  options: { method?: 'kmeans' | 'ward'; mask?: ArrayLike<number> | null; seed?: number } = {},
): { k: number; withinSS: number; calinskiHarabasz: number; silhouette: number }[] {
  const method = options.method ?? 'kmeans';
  if (method !== 'kmeans' && method !== 'ward') throw invalid('method', `${method}`);
  const tree = method === 'ward' ? ward(cols, options) : null;
  const mask = options.mask ?? null;
  return ks.map((k) => {
    const c = tree ? cutTree(tree, cols, k) : kmeans(cols, k, options);
    const inTree = new Uint8Array(c.labels.length);
    for (let i = 0; i < inTree.length; i++) inTree[i] = mask && !mask[i] ? 0 : 1;
    return { k, withinSS: c.withinSS, calinskiHarabasz: calinskiHarabasz(cols, c.labels, k, inTree), silhouette: silhouette(cols, c.labels, k, inTree) };
  });
}
