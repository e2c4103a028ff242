/**
 * Point in polygon with a spatial index (METHODS.md §7, Versorgungsquote): which area contains
 * each service or demand point. Areas are GeoJSON (Multi)Polygon coordinates; holes count as
 * outside, every part of a multipolygon as inside. A packed R-tree (Flatbush) over the bounding
 * boxes of the polygon parts keeps the test to the few candidates near each point.
 */
import Flatbush from 'flatbush';
import type { AreaGeometry, PolygonCoords, Ring } from './geometry-rings';

/** Even–odd crossing test of one ring (closed or open); points on an edge may go either way. */
export function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let a = 0, b = n - 1; a < n; b = a++) {
    const ax = ring[a][0], ay = ring[a][1], bx = ring[b][0], by = ring[b][1];
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
}

/** Inside the exterior ring and outside every hole. */
export function inPolygon(poly: PolygonCoords, x: number, y: number): boolean {
  if (poly.length === 0 || !inRing(poly[0], x, y)) return false;
  for (let h = 1; h < poly.length; h++) if (inRing(poly[h], x, y)) return false;
  return true;
}

/** Inside any part of the area. */
export function inArea(area: AreaGeometry, x: number, y: number): boolean {
  for (const p of area) if (inPolygon(p, x, y)) return true;
  return false;
}

export interface PolygonIndex {
  areas: AreaGeometry[];
  tree: Flatbush | null;
  /** area index and polygon part of each tree item */
  itemArea: Int32Array;
  itemPart: Int32Array;
}

/** Builds the index over all polygon parts of `areas` (same coordinate system as the points). */
export function polygonIndex(areas: AreaGeometry[]): PolygonIndex {
  let parts = 0;
  for (const a of areas) for (const p of a) if (p.length && p[0].length) parts++;
  const itemArea = new Int32Array(parts);
  const itemPart = new Int32Array(parts);
  if (parts === 0) return { areas, tree: null, itemArea, itemPart };
  const tree = new Flatbush(parts);
  let k = 0;
  areas.forEach((a, ai) =>
    a.forEach((p, pi) => {
      if (!p.length || !p[0].length) return;
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (const v of p[0]) {
        if (v[0] < x0) x0 = v[0];
        if (v[0] > x1) x1 = v[0];
        if (v[1] < y0) y0 = v[1];
        if (v[1] > y1) y1 = v[1];
      }
      tree.add(x0, y0, x1, y1);
      itemArea[k] = ai;
      itemPart[k++] = pi;
    }),
  );
  tree.finish();
  return { areas, tree, itemArea, itemPart };
}

/** The area containing (x, y), or −1; where areas overlap the lowest index wins (deterministic). */
export function locatePoint(idx: PolygonIndex, x: number, y: number): number {
  if (!idx.tree || !Number.isFinite(x) || !Number.isFinite(y)) return -1;
  let best = -1;
  for (const item of idx.tree.search(x, y, x, y)) {
    const a = idx.itemArea[item];
    if (best >= 0 && a >= best) continue;
    if (inPolygon(idx.areas[a][idx.itemPart[item]], x, y)) best = a;
  }
  return best;
}

/** {@link locatePoint} for many points (−1 outside every area or without coordinates). */
export function locatePoints(idx: PolygonIndex, xs: ArrayLike<number>, ys: ArrayLike<number>, from = 0, to = xs.length): Int32Array {
  const out = new Int32Array(xs.length).fill(-1);
  for (let i = from; i < to; i++) out[i] = locatePoint(idx, xs[i], ys[i]);
  return out;
}
