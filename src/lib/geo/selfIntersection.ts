/**
 * Does a closed ring cross itself? Checks every pair of non-adjacent edges (proper crossings and
 * touching interiors). Quadratic, so rings above `maxVertices` are not checked (returns false):
 * a plausibility check for imported areas, not a topology engine.
 */
export function ringSelfIntersects(ring: readonly (readonly number[])[], maxVertices = 4000): boolean {
  const n = ring.length - 1; // closed: last = first
  if (n < 4 || n > maxVertices) return false;
  for (let i = 0; i < n; i++) {
    const a = ring[i], b = ring[i + 1];
    const minAx = Math.min(a[0], b[0]), maxAx = Math.max(a[0], b[0]);
    const minAy = Math.min(a[1], b[1]), maxAy = Math.max(a[1], b[1]);
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // first and last edge share the closing vertex
      const c = ring[j], d = ring[j + 1];
      if (Math.max(c[0], d[0]) < minAx || Math.min(c[0], d[0]) > maxAx || Math.max(c[1], d[1]) < minAy || Math.min(c[1], d[1]) > maxAy) continue;
      if (segmentsIntersect(a, b, c, d)) return true;
    }
  }
  return false;
}

function orient(p: readonly number[], q: readonly number[], r: readonly number[]): number {
  const v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(p: readonly number[], q: readonly number[], r: readonly number[]): boolean {
  return Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
}

function segmentsIntersect(a: readonly number[], b: readonly number[], c: readonly number[], d: readonly number[]): boolean {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, c, b)) || (o2 === 0 && onSegment(a, d, b)) || (o3 === 0 && onSegment(c, a, d)) || (o4 === 0 && onSegment(c, b, d));
}
