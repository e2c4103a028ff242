/**
 * Links the areas of a lower level to a higher one (Sozialraum → Gemeinde): by a parent key
 * column, or, where boundaries nest, by geometry — each lower area is assigned to the higher area
 * that holds a point inside it (pole of inaccessibility), and the share of its area inside that
 * parent (polygon intersection, `polyclip-ts`) tells whether it really nests (METHODS.md §8).
 */
import polylabel from 'polylabel';
import { intersection, type Geom } from 'polyclip-ts';
import { areaAndCentroid, meanLonLat, projectLocal, type AreaGeometry } from './geometry-rings';

/** Result of linking children to parents: `parent[i]` is the parent row of child i, or −1. */
export interface KeyLink {
  parent: Int32Array;
  /** children whose parent key names no parent area */
  unknown: { child: number; key: string }[];
  /** children without a parent key */
  noKey: number[];
  /** parents without any child */
  childless: number[];
}

/**
 * Parent of each child by key (`childKeys[i]` against `parentIds`), compared as trimmed text and,
 * failing that, without leading zeros ("05990004" = "5990004").
 */
export function linkByKey(childKeys: readonly string[], parentIds: readonly string[]): KeyLink {
  const norm = (s: string) => s.trim().replace(/^0+(?=.)/, '');
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  parentIds.forEach((id, p) => {
    if (!exact.has(id.trim())) exact.set(id.trim(), p);
    if (!loose.has(norm(id))) loose.set(norm(id), p);
  });
  const parent = new Int32Array(childKeys.length).fill(-1);
  const unknown: KeyLink['unknown'] = [];
  const noKey: number[] = [];
  const used = new Uint8Array(parentIds.length);
  childKeys.forEach((k, i) => {
    if (k.trim() === '') return void noKey.push(i);
    const p = exact.get(k.trim()) ?? loose.get(norm(k));
    if (p === undefined) return void unknown.push({ child: i, key: k });
    parent[i] = p;
    used[p] = 1;
  });
  const childless: number[] = [];
  used.forEach((u, p) => u || childless.push(p));
  return { parent, unknown, noKey, childless };
}

export interface GeometryLink extends KeyLink {
  /** share (0–1) of each child's area inside its assigned parent; NaN where not assigned */
  share: Float64Array;
  /** children that do not nest (share below 1 − tolerance) with their shares in each parent they touch */
  notNested: { child: number; parts: { parent: number; share: number }[] }[];
  /** children whose inner point lies in no parent */
  outside: number[];
}

type XY = [number, number];

function bbox(a: AreaGeometry): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of a) for (const v of p[0] ?? []) {
    x0 = Math.min(x0, v[0]);
    y0 = Math.min(y0, v[1]);
    x1 = Math.max(x1, v[0]);
    y1 = Math.max(y1, v[1]);
  }
  return [x0, y0, x1, y1];
}

/** Even–odd point in area (holes included). */
export function pointInArea(x: number, y: number, area: AreaGeometry): boolean {
  let inside = false;
  for (const poly of area) for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** A point inside the largest polygon of an area (pole of inaccessibility). */
export function innerPoint(area: AreaGeometry): XY | null {
  let best: AreaGeometry[number] | null = null;
  let bestArea = -1;
  for (const poly of area) {
    const a = areaAndCentroid([poly]).area;
    if (a > bestArea) {
      bestArea = a;
      best = poly;
    }
  }
  if (!best || !best[0]?.length) return null;
  const [x0, y0, x1, y1] = bbox([best]);
  const p = polylabel(best.map((r) => r.map((v) => [v[0], v[1]])), Math.max(x1 - x0, y1 - y0) / 200 || 1e-9);
  return [p[0], p[1]];
}

const asGeom = (a: AreaGeometry): Geom => a.map((p) => p.map((r) => r.map((v) => [v[0], v[1]] as XY)));

function overlapArea(a: AreaGeometry, b: AreaGeometry): number {
  try {
    return areaAndCentroid(intersection(asGeom(a), asGeom(b)) as AreaGeometry).area;
  } catch {
    return NaN; // degenerate input the clipper cannot handle: reported as unknown share
  }
}

/**
 * Parent of each child by geometry (lon/lat input, projected locally so shares are in metres).
 * A child nests when at least `1 − tolerance` of its area lies in its parent (default 1 %, for
 * boundaries digitised from different sources).
 */
export function linkByGeometry(children: readonly AreaGeometry[], parents: readonly AreaGeometry[], tolerance = 0.01): GeometryLink {
  const all = [...children, ...parents].filter((a) => a.length);
  const origin = all.length ? meanLonLat(all) : ([0, 0] as XY);
  const ch = projectLocal([...children], origin);
  const pa = projectLocal([...parents], origin);
  const pBox = pa.map(bbox);
  const parent = new Int32Array(ch.length).fill(-1);
  const share = new Float64Array(ch.length).fill(NaN);
  const notNested: GeometryLink['notNested'] = [];
  const outside: number[] = [];
  const noKey: number[] = [];
  const used = new Uint8Array(pa.length);
  ch.forEach((c, i) => {
    const pt = innerPoint(c);
    if (!pt) return void noKey.push(i);
    const cb = bbox(c);
    const touching = pBox.map((b, p) => p).filter((p) => pBox[p][0] <= cb[2] && pBox[p][2] >= cb[0] && pBox[p][1] <= cb[3] && pBox[p][3] >= cb[1]);
    const home = touching.find((p) => pointInArea(pt[0], pt[1], pa[p])) ?? -1;
    if (home < 0) return void outside.push(i);
    parent[i] = home;
    used[home] = 1;
    const area = areaAndCentroid(c).area;
    share[i] = area > 0 ? Math.min(1, overlapArea(c, pa[home]) / area) : NaN;
    if (share[i] < 1 - tolerance) {
      const parts = touching
        .map((p) => ({ parent: p, share: p === home ? share[i] : Math.min(1, overlapArea(c, pa[p]) / area) }))
        .filter((x) => x.share > 0.001)
        .sort((a, b) => b.share - a.share);
      notNested.push({ child: i, parts });
    }
  });
  const childless: number[] = [];
  used.forEach((u, p) => u || childless.push(p));
  return { parent, unknown: [], noKey, childless, share, notNested, outside };
}
