/**
 * Polygon topology for tessellations: snap vertices so neighbours share them exactly, insert
 * T-junction vertices, jitter shared edges identically on both sides, validate (every interior
 * edge used exactly twice in opposite directions) and dissolve groups into outlines.
 */
import { type Pt, type Ring, isSimple, signedArea } from './geom.ts';
import { Rng, hashString } from './prng.ts';

const r2 = (v: number) => Math.round(v * 100) / 100;
export const key = (p: Pt): string => `${p[0].toFixed(2)},${p[1].toFixed(2)}`;
const ekey = (a: Pt, b: Pt) => `${key(a)}|${key(b)}`;

/** Merge vertices closer than tol (metres) into one canonical, centimetre-rounded point. */
export function snapRings(rings: Ring[], tol: number): Ring[] {
  const grid = new Map<string, Pt[]>();
  const cell = (x: number, y: number) => `${Math.floor(x / tol)},${Math.floor(y / tol)}`;
  const canon = (p: Pt): Pt => {
    const cx = Math.floor(p[0] / tol);
    const cy = Math.floor(p[1] / tol);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const q of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (Math.hypot(p[0] - q[0], p[1] - q[1]) < tol) return q;
        }
      }
    }
    const q: Pt = [r2(p[0]), r2(p[1])];
    const k = cell(q[0], q[1]);
    const list = grid.get(k) ?? [];
    list.push(q);
    grid.set(k, list);
    return q;
  };
  return rings.map((r) => dedupe(r.map(canon)));
}

function dedupe(r: Ring): Ring {
  const out: Ring = [];
  for (const p of r) if (out.length === 0 || key(out[out.length - 1]) !== key(p)) out.push(p);
  while (out.length > 1 && key(out[0]) === key(out[out.length - 1])) out.pop();
  return out;
}

/** Insert every vertex that lies on the interior of another ring's edge into that edge. */
export function insertTJunctions(rings: Ring[], tol = 0.05): Ring[] {
  const B = 500;
  const buckets = new Map<string, Pt[]>();
  const seen = new Set<string>();
  for (const r of rings) {
    for (const p of r) {
      const k = key(p);
      if (seen.has(k)) continue;
      seen.add(k);
      const bk = `${Math.floor(p[0] / B)},${Math.floor(p[1] / B)}`;
      const l = buckets.get(bk) ?? [];
      l.push(p);
      buckets.set(bk, l);
    }
  }
  return rings.map((r) => {
    const out: Ring = [];
    for (let i = 0; i < r.length; i++) {
      const a = r[i];
      const b = r[(i + 1) % r.length];
      out.push(a);
      const dx = b[0] - a[0], dy = b[1] - a[1];
      const L2 = dx * dx + dy * dy;
      const hits: { t: number; p: Pt }[] = [];
      for (let bx = Math.floor(Math.min(a[0], b[0]) / B); bx <= Math.floor(Math.max(a[0], b[0]) / B); bx++) {
        for (let by = Math.floor(Math.min(a[1], b[1]) / B); by <= Math.floor(Math.max(a[1], b[1]) / B); by++) {
          for (const p of buckets.get(`${bx},${by}`) ?? []) {
            const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / L2;
            if (t <= 1e-9 || t >= 1 - 1e-9) continue;
            const d = Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / Math.sqrt(L2);
            if (d < tol && key(p) !== key(a) && key(p) !== key(b)) hits.push({ t, p });
          }
        }
      }
      hits.sort((u, v) => u.t - v.t);
      for (const h of hits) out.push(h.p);
    }
    return dedupe(out);
  });
}

function edgeSet(rings: Ring[]): Set<string> {
  const s = new Set<string>();
  for (const r of rings) for (let i = 0; i < r.length; i++) s.add(ekey(r[i], r[(i + 1) % r.length]));
  return s;
}

/**
 * Displace shared edges by a smooth perpendicular wiggle. The wiggle is a function of the
 * undirected edge only, so both neighbours receive identical vertices. Edges whose wiggle makes
 * a ring self-intersect are left straight.
 */
export function jitterSharedEdges(rings: Ring[], amp: number, step: number): Ring[] {
  const edges = edgeSet(rings);
  const disabled = new Set<string>();
  for (let attempt = 0; attempt < 6; attempt++) {
    const out = rings.map((r) => {
      const res: Ring = [];
      for (let i = 0; i < r.length; i++) {
        const a = r[i];
        const b = r[(i + 1) % r.length];
        res.push(a);
        if (!edges.has(ekey(b, a))) continue; // boundary edge
        const fwd = key(a) < key(b);
        const [p, q] = fwd ? [a, b] : [b, a];
        const uk = ekey(p, q);
        if (disabled.has(uk)) continue;
        const L = Math.hypot(q[0] - p[0], q[1] - p[1]);
        const k = Math.min(8, Math.floor(L / step));
        if (k < 2) continue;
        const rng = new Rng(hashString(uk));
        const c1 = rng.uniform(-1, 1), c2 = rng.uniform(-0.5, 0.5), c3 = rng.uniform(-0.25, 0.25);
        const nx = -(q[1] - p[1]) / L, ny = (q[0] - p[0]) / L;
        const mids: Pt[] = [];
        for (let j = 1; j < k; j++) {
          const t = j / k;
          const off = amp * L * (c1 * Math.sin(Math.PI * t) + c2 * Math.sin(2 * Math.PI * t) + c3 * Math.sin(3 * Math.PI * t));
          mids.push([r2(p[0] + t * (q[0] - p[0]) + off * nx), r2(p[1] + t * (q[1] - p[1]) + off * ny)]);
        }
        if (!fwd) mids.reverse();
        res.push(...mids);
      }
      return res;
    });
    let ok = true;
    out.forEach((r, i) => {
      if (isSimple(r)) return;
      ok = false;
      const o = rings[i];
      for (let j = 0; j < o.length; j++) {
        const a = o[j], b = o[(j + 1) % o.length];
        disabled.add(key(a) < key(b) ? ekey(a, b) : ekey(b, a));
      }
    });
    if (ok) return out;
  }
  throw new Error('jitterSharedEdges: could not make all rings simple');
}

/** Throws unless rings form a valid tessellation: CCW, simple, interior edges paired exactly. */
export function validateTessellation(rings: Ring[], outline: Ring[]): void {
  const count = new Map<string, number>();
  rings.forEach((r, i) => {
    if (r.length < 3) throw new Error(`ring ${i} degenerate`);
    if (signedArea(r) <= 0) throw new Error(`ring ${i} not counter-clockwise`);
    if (!isSimple(r)) throw new Error(`ring ${i} self-intersects`);
    for (let j = 0; j < r.length; j++) {
      const k = ekey(r[j], r[(j + 1) % r.length]);
      count.set(k, (count.get(k) ?? 0) + 1);
    }
  });
  for (const [k, c] of count) if (c > 1) throw new Error(`edge ${k} used ${c} times`);
  const total = rings.reduce((s, r) => s + signedArea(r), 0);
  const outer = outline.reduce((s, r) => s + signedArea(r), 0);
  if (outline.length !== 1) throw new Error(`tessellation outline has ${outline.length} rings (gap or hole)`);
  if (Math.abs(total - outer) > 1) throw new Error(`area mismatch ${total} vs ${outer}`);
}

/** Outline(s) of the union of rings: remove edges present in both directions, chain the rest. */
export function dissolve(rings: Ring[]): Ring[] {
  const edges = edgeSet(rings);
  const next = new Map<string, Pt[]>();
  const pts = new Map<string, Pt>();
  for (const r of rings) {
    for (let i = 0; i < r.length; i++) {
      const a = r[i], b = r[(i + 1) % r.length];
      if (edges.has(ekey(b, a))) continue;
      pts.set(key(a), a);
      const l = next.get(key(a)) ?? [];
      l.push(b);
      next.set(key(a), l);
    }
  }
  const out: Ring[] = [];
  for (const startKey of [...next.keys()].sort()) {
    while ((next.get(startKey) ?? []).length > 0) {
      const ring: Ring = [];
      let cur = startKey;
      do {
        ring.push(pts.get(cur)!);
        const l = next.get(cur)!;
        const b = l.shift()!;
        cur = key(b);
      } while (cur !== startKey);
      out.push(ring);
    }
  }
  return out;
}

/** Neighbour lists: queen = at least one shared vertex, rook = at least one shared edge. */
export function adjacency(rings: Ring[]): { queen: number[][]; rook: number[][] } {
  const byVertex = new Map<string, number[]>();
  const byEdge = new Map<string, number[]>();
  rings.forEach((r, i) => {
    for (let j = 0; j < r.length; j++) {
      const a = r[j], b = r[(j + 1) % r.length];
      const vk = key(a);
      byVertex.set(vk, [...(byVertex.get(vk) ?? []), i]);
      const ek = key(a) < key(b) ? ekey(a, b) : ekey(b, a);
      byEdge.set(ek, [...(byEdge.get(ek) ?? []), i]);
    }
  });
  const build = (m: Map<string, number[]>) => {
    const sets = rings.map(() => new Set<number>());
    for (const ids of m.values()) for (const i of ids) for (const j of ids) if (i !== j) sets[i].add(j);
    return sets.map((s) => [...s].sort((a, b) => a - b));
  };
  return { queen: build(byVertex), rook: build(byEdge) };
}

/** Build a validated tessellation from raw (floating) cells. */
export function buildTessellation(raw: Ring[], opts: { snapTol: number; jitterAmp: number; jitterStep: number }): Ring[] {
  let rings = snapRings(raw, opts.snapTol);
  rings = insertTJunctions(rings);
  if (opts.jitterAmp > 0) rings = jitterSharedEdges(rings, opts.jitterAmp, opts.jitterStep);
  validateTessellation(rings, dissolve(rings));
  return rings;
}
