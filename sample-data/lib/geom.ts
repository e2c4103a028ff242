/** Planar geometry helpers in projected metres (EPSG:25832). Rings are open (last ≠ first). */
import { Rng } from './prng.ts';

export type Pt = [number, number];
export type Ring = Pt[];

export function signedArea(r: Ring): number {
  let a = 0;
  for (let i = 0; i < r.length; i++) {
    const p = r[i];
    const q = r[(i + 1) % r.length];
    a += p[0] * q[1] - q[0] * p[1];
  }
  return a / 2;
}

export function centroid(r: Ring): Pt {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const [ox, oy] = r[0];
  for (let i = 0; i < r.length; i++) {
    const p = r[i];
    const q = r[(i + 1) % r.length];
    const px = p[0] - ox, py = p[1] - oy, qx = q[0] - ox, qy = q[1] - oy;
    const c = px * qy - qx * py;
    a += c;
    cx += (px + qx) * c;
    cy += (py + qy) * c;
  }
  return [ox + cx / (3 * a), oy + cy / (3 * a)];
}

export function pointInRing(p: Pt, r: Ring): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i];
    const [xj, yj] = r[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function bbox(r: Ring): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of r) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

/** Keep the part of ring r where (p − m)·n ≤ 0 (Sutherland–Hodgman against one half-plane). */
export function clipHalfPlane(r: Ring, m: Pt, n: Pt): Ring {
  const side = (p: Pt) => (p[0] - m[0]) * n[0] + (p[1] - m[1]) * n[1];
  const out: Ring = [];
  for (let i = 0; i < r.length; i++) {
    const p = r[i];
    const q = r[(i + 1) % r.length];
    const sp = side(p);
    const sq = side(q);
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** Voronoi cells of seeds, each clipped to the (counter-clockwise) boundary ring. */
export function voronoiCells(seeds: readonly Pt[], boundary: Ring): Ring[] {
  return seeds.map((s, i) => {
    let cell = boundary.slice();
    for (let j = 0; j < seeds.length && cell.length > 0; j++) {
      if (j === i) continue;
      const o = seeds[j];
      const m: Pt = [(s[0] + o[0]) / 2, (s[1] + o[1]) / 2];
      cell = clipHalfPlane(cell, m, [o[0] - s[0], o[1] - s[1]]);
    }
    return cell;
  });
}

/** An irregular, star-shaped, counter-clockwise boundary around centre c with radii rx, ry. */
export function irregularBoundary(rng: Rng, c: Pt, rx: number, ry: number, nPts: number): Ring {
  const harmonics = [2, 3, 5, 7].map((k) => ({ k, a: rng.uniform(0.02, 0.09) / Math.sqrt(k / 2), ph: rng.uniform(0, 2 * Math.PI) }));
  const ring: Ring = [];
  for (let i = 0; i < nPts; i++) {
    const th = (2 * Math.PI * i) / nPts;
    let f = 1;
    for (const h of harmonics) f += h.a * Math.sin(h.k * th + h.ph);
    f += rng.uniform(-0.015, 0.015);
    ring.push([c[0] + rx * f * Math.cos(th), c[1] + ry * f * Math.sin(th)]);
  }
  return ring;
}

/**
 * Mitchell's best-candidate sampling inside ring: each new point maximises its distance to
 * existing points divided by a local spacing scale (smaller scale ⇒ denser).
 */
export function bestCandidateSeeds(rng: Rng, ring: Ring, n: number, scale: (p: Pt) => number, k = 30): Pt[] {
  const [x0, y0, x1, y1] = bbox(ring);
  const inside = (): Pt => {
    for (;;) {
      const p: Pt = [rng.uniform(x0, x1), rng.uniform(y0, y1)];
      if (pointInRing(p, ring)) return p;
    }
  };
  const pts: Pt[] = [inside()];
  while (pts.length < n) {
    let best: Pt = inside();
    let bestScore = -Infinity;
    for (let c = 0; c < k; c++) {
      const p = c === 0 ? best : inside();
      let dmin = Infinity;
      for (const q of pts) dmin = Math.min(dmin, Math.hypot(p[0] - q[0], p[1] - q[1]));
      // keep seeds away from the boundary a little so cells are not slivers
      const score = dmin / scale(p);
      if (score > bestScore) {
        bestScore = score;
        best = p;
      }
    }
    pts.push(best);
  }
  return pts;
}

/** Area-weighted Lloyd step: move each seed to its cell centroid. */
export function lloyd(seeds: Pt[], boundary: Ring, iterations: number): Pt[] {
  let s = seeds;
  for (let it = 0; it < iterations; it++) s = voronoiCells(s, boundary).map((c) => centroid(c));
  return s;
}

export function segmentsIntersect(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const o = (p: Pt, q: Pt, r: Pt) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

/** True when no two non-adjacent edges of the ring cross. */
export function isSimple(r: Ring): boolean {
  const n = r.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsIntersect(r[i], r[(i + 1) % n], r[j], r[(j + 1) % n])) return false;
    }
  }
  return true;
}
