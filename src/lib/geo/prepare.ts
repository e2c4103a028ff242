/**
 * Geometry preparation for the map (DESIGN.md "lib/geo"): GeoJSON geometries in WGS84 → flat
 * typed arrays that deck.gl draws without re-tessellating (binary `SolidPolygonLayer` with
 * pre-computed earcut triangles, `PathLayer` outlines, `ScatterplotLayer` points), plus bbox,
 * label points and areas. Pure and structured-cloneable (typed arrays and numbers only), so it
 * can run in the engine worker and be transferred; see {@link transferables}.
 */
import earcut from 'earcut';
import polylabel from 'polylabel';
import { invalid } from '../contract/errors';

/** A GeoJSON geometry object (only `type`, `coordinates`, `geometries` are read). */
export interface GeoJsonGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: GeoJsonGeometry[];
}

/** Input row: a geometry object, its JSON text, or nothing (a row without geometry). */
export type GeometryInput = GeoJsonGeometry | string | null | undefined;

/** Output of {@link prepareGeometry}. Vertex indices count vertices (not coordinates). */
export interface PreparedGeometry {
  /** Rows in the input (features). */
  featureCount: number;
  /** Polygon vertices, x/y interleaved (lon/lat), rings closed, all parts of all features. */
  positions: Float64Array;
  /** Feature row of each vertex (deck.gl `rowIndexes`, so picking returns the feature row). */
  vertexFeature: Uint32Array;
  /** Vertex start of each polygon part, length parts + 1 (`SolidPolygonLayer` `startIndices`). */
  polygonStarts: Uint32Array;
  /** Feature row of each polygon part. */
  featureIndex: Uint32Array;
  /** Vertex start of each ring (exteriors and holes), length rings + 1 (`PathLayer` outlines). */
  ringStarts: Uint32Array;
  /** First ring of each polygon part, length parts + 1 (the part's exterior, then its holes). */
  partRingStart: Uint32Array;
  /** Global vertex index at which each hole ring starts. */
  holeIndices: Uint32Array;
  /** 1 per vertex, 0 at the last vertex of each ring (`instanceVertexValid`). */
  vertexValid: Uint16Array;
  /** earcut triangles as global vertex indices (`SolidPolygonLayer` `indices`; holes respected). */
  triangles: Uint32Array;
  /** First part / ring of each feature, length featureCount + 1 (a feature's parts are contiguous). */
  featurePartStart: Uint32Array;
  featureRingStart: Uint32Array;
  /** Point and MultiPoint positions (service layers), x/y interleaved, and their feature rows. */
  pointPositions: Float64Array;
  pointFeature: Uint32Array;
  /** [minX, minY, maxX, maxY] over everything, or null when there is no coordinate. */
  bbox: [number, number, number, number] | null;
  /** Per feature [minX, minY, maxX, maxY] (NaN without geometry). */
  featureBbox: Float64Array;
  /** Label point per feature, x/y interleaved (NaN without geometry); see {@link labelPoint}. */
  labels: Float64Array;
  /** Area per feature in m² (0 for points and rows without geometry); see {@link ringArea}. */
  areas: Float64Array;
}

type Ring = number[][];
interface Parsed {
  polygons: Ring[][];
  points: number[][];
}

function parseOne(g: GeometryInput, row: number, out: Parsed): void {
  if (g === null || g === undefined || g === '') return;
  const geom: GeoJsonGeometry | null = typeof g === 'string' ? (JSON.parse(g) as GeoJsonGeometry | null) : g;
  if (!geom) return;
  switch (geom.type) {
    case 'Polygon':
      out.polygons.push(geom.coordinates as Ring[]);
      return;
    case 'MultiPolygon':
      for (const p of geom.coordinates as Ring[][]) out.polygons.push(p);
      return;
    case 'Point':
      if (Array.isArray(geom.coordinates) && geom.coordinates.length >= 2) out.points.push(geom.coordinates as number[]);
      return;
    case 'MultiPoint':
      for (const p of geom.coordinates as number[][]) out.points.push(p);
      return;
    case 'GeometryCollection':
      for (const x of geom.geometries ?? []) parseOne(x, row, out);
      return;
    default:
      throw invalid('geometry', `${geom.type}`, `row ${row + 1}`);
  }
}

/** Vertices a ring contributes: closed, or 0 if it has fewer than 3 distinct corners. */
function ringSize(r: Ring): number {
  const n = r.length;
  if (n === 0) return 0;
  const closed = r[0][0] === r[n - 1][0] && r[0][1] === r[n - 1][1];
  const size = closed ? n : n + 1;
  return size >= 4 ? size : 0;
}

// WGS84 ellipsoid
const A_WGS84 = 6378137;
const E2 = 6.69437999014e-3;
const DEG = Math.PI / 180;

/**
 * Area in m² of the ring at vertices [start, end) of `pos` (lon/lat), by the shoelace formula in
 * a local sinusoidal (equal-area) projection about (lon0, lat0): x = N(φ0)·cos φ·(λ − λ0),
 * y = M(φ0)·(φ − φ0), with the WGS84 radii of curvature N, M at the feature's latitude. Over a
 * district or city the deviation from the ellipsoidal area is far below 0.01 %. Unsigned.
 */
export function ringArea(pos: ArrayLike<number>, start: number, end: number, lon0: number, lat0: number): number {
  const s = Math.sin(lat0 * DEG);
  const w = 1 - E2 * s * s;
  const nRad = A_WGS84 / Math.sqrt(w);
  const mRad = (A_WGS84 * (1 - E2)) / (w * Math.sqrt(w));
  let a = 0;
  let px = nRad * Math.cos(pos[2 * start + 1] * DEG) * (pos[2 * start] - lon0) * DEG;
  let py = mRad * (pos[2 * start + 1] - lat0) * DEG;
  for (let v = start + 1; v < end; v++) {
    const qx = nRad * Math.cos(pos[2 * v + 1] * DEG) * (pos[2 * v] - lon0) * DEG;
    const qy = mRad * (pos[2 * v + 1] - lat0) * DEG;
    a += px * qy - qx * py;
    px = qx;
    py = qy;
  }
  return Math.abs(a / 2);
}

/** Even-odd point-in-polygon test over the rings [ringFrom, ringTo) (exterior + holes). */
function insideRings(pos: Float64Array, ringStarts: ArrayLike<number>, ringFrom: number, ringTo: number, x: number, y: number): boolean {
  let inside = false;
  for (let r = ringFrom; r < ringTo; r++) {
    const s = ringStarts[r];
    const e = ringStarts[r + 1];
    for (let i = s, j = e - 1; i < e; j = i++) {
      const xi = pos[2 * i], yi = pos[2 * i + 1], xj = pos[2 * j], yj = pos[2 * j + 1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * Label point of a polygon part (rings [ringFrom, ringTo)): its area centroid (planar, in
 * lon/lat with x scaled by cos φ) when that lies inside the part, else the pole of
 * inaccessibility (`polylabel`, precision 1/100 of the part's extent) — the centroid of a
 * C-shaped district can fall outside it.
 */
export function labelPoint(pos: Float64Array, ringStarts: ArrayLike<number>, ringFrom: number, ringTo: number): [number, number] {
  let A = 0, MX = 0, MY = 0;
  const x0 = pos[2 * ringStarts[ringFrom]];
  const y0 = pos[2 * ringStarts[ringFrom] + 1];
  const k = Math.cos(y0 * DEG) || 1;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let r = ringFrom; r < ringTo; r++) {
    let a = 0, mx = 0, my = 0;
    for (let v = ringStarts[r]; v < ringStarts[r + 1] - 1; v++) {
      const px = (pos[2 * v] - x0) * k, py = pos[2 * v + 1] - y0;
      const qx = (pos[2 * v + 2] - x0) * k, qy = pos[2 * v + 3] - y0;
      const c = px * qy - qx * py;
      a += c;
      mx += (px + qx) * c;
      my += (py + qy) * c;
      if (r === ringFrom) {
        minX = Math.min(minX, pos[2 * v]);
        maxX = Math.max(maxX, pos[2 * v]);
        minY = Math.min(minY, pos[2 * v + 1]);
        maxY = Math.max(maxY, pos[2 * v + 1]);
      }
    }
    const sign = (r === ringFrom ? 1 : -1) * Math.sign(a);
    A += (sign * a) / 2;
    MX += (sign * mx) / 6;
    MY += (sign * my) / 6;
  }
  if (A > 0) {
    const cx = x0 + MX / A / k;
    const cy = y0 + MY / A;
    if (insideRings(pos, ringStarts, ringFrom, ringTo, cx, cy)) return [cx, cy];
  }
  const rings: [number, number][][] = [];
  for (let r = ringFrom; r < ringTo; r++) {
    const ring: [number, number][] = [];
    for (let v = ringStarts[r]; v < ringStarts[r + 1]; v++) ring.push([pos[2 * v], pos[2 * v + 1]]);
    rings.push(ring);
  }
  const p = polylabel(rings, Math.max(maxX - minX, maxY - minY) / 100 || 1e-9);
  return [p[0], p[1]];
}

/** Options of {@link prepareGeometry}. */
export interface PrepareOptions {
  /** Compute earcut triangles (default true; without them deck.gl cannot draw holes from binary). */
  triangulate?: boolean;
}

/**
 * Prepare `geoms` (one entry per feature row; Polygon, MultiPolygon, Point, MultiPoint or a
 * GeometryCollection of them, WGS84 lon/lat) for drawing. Two passes: count, then fill
 * preallocated typed arrays — no per-vertex objects beyond the parsed GeoJSON itself.
 * Unclosed rings are closed; rings with fewer than 3 corners are dropped (a part whose exterior
 * is dropped is dropped entirely). Part area = exterior − holes.
 * @throws `invalid geometry: <type> (row n)` for other geometry types, `invalid geometry:
 *   non-finite coordinate (row n)`.
 */
export function prepareGeometry(geoms: readonly GeometryInput[], opts: PrepareOptions = {}): PreparedGeometry {
  const n = geoms.length;
  const parsed: Parsed[] = new Array(n);
  let nVert = 0, nParts = 0, nRings = 0, nHoles = 0, nPoints = 0;
  for (let f = 0; f < n; f++) {
    const p: Parsed = { polygons: [], points: [] };
    parseOne(geoms[f], f, p);
    parsed[f] = p;
    nPoints += p.points.length;
    for (const poly of p.polygons) {
      if (!poly.length || ringSize(poly[0]) === 0) continue;
      nParts++;
      for (let r = 0; r < poly.length; r++) {
        const s = ringSize(poly[r]);
        if (s === 0) continue;
        nVert += s;
        nRings++;
        if (r > 0) nHoles++;
      }
    }
  }

  const positions = new Float64Array(nVert * 2);
  const vertexFeature = new Uint32Array(nVert);
  const vertexValid = new Uint16Array(nVert).fill(1);
  const polygonStarts = new Uint32Array(nParts + 1);
  const featureIndex = new Uint32Array(nParts);
  const ringStarts = new Uint32Array(nRings + 1);
  const partRingStart = new Uint32Array(nParts + 1);
  const holeIndices = new Uint32Array(nHoles);
  const featurePartStart = new Uint32Array(n + 1);
  const featureRingStart = new Uint32Array(n + 1);
  const pointPositions = new Float64Array(nPoints * 2);
  const pointFeature = new Uint32Array(nPoints);
  const featureBbox = new Float64Array(n * 4).fill(NaN);
  const labels = new Float64Array(n * 2).fill(NaN);
  const areas = new Float64Array(n);
  const triangulate = opts.triangulate !== false;
  let tri = new Uint32Array(triangulate ? Math.max(16, nVert * 3) : 0);
  let nTri = 0;

  let v = 0, part = 0, ring = 0, hole = 0, pt = 0;
  let gMinX = Infinity, gMinY = Infinity, gMaxX = -Infinity, gMaxY = -Infinity;
  for (let f = 0; f < n; f++) {
    featurePartStart[f] = part;
    featureRingStart[f] = ring;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const c of parsed[f].points) {
      const x = c[0], y = c[1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw nonFinite(f);
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      pointPositions[2 * pt] = c[0];
      pointPositions[2 * pt + 1] = c[1];
      pointFeature[pt++] = f;
    }
    for (const poly of parsed[f].polygons) {
      if (!poly.length || ringSize(poly[0]) === 0) continue;
      polygonStarts[part] = v;
      partRingStart[part] = ring;
      featureIndex[part] = f;
      const localHoles: number[] = [];
      for (let r = 0; r < poly.length; r++) {
        const rr = poly[r];
        const s = ringSize(rr);
        if (s === 0) continue;
        if (r > 0) {
          holeIndices[hole++] = v;
          localHoles.push(v - polygonStarts[part]);
        }
        ringStarts[ring++] = v;
        for (let i = 0; i < s; i++) {
          const c = rr[i < rr.length ? i : 0];
          const x = c[0], y = c[1];
          if (!Number.isFinite(x) || !Number.isFinite(y)) throw nonFinite(f);
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
          positions[2 * v] = x;
          positions[2 * v + 1] = y;
          vertexFeature[v++] = f;
        }
        vertexValid[v - 1] = 0;
      }
      if (triangulate) {
        const base = polygonStarts[part];
        const local = earcut(positions.subarray(2 * base, 2 * v), localHoles.length ? localHoles : undefined, 2);
        if (nTri + local.length > tri.length) {
          const grown = new Uint32Array(Math.max(tri.length * 2, nTri + local.length));
          grown.set(tri.subarray(0, nTri));
          tri = grown;
        }
        for (let i = 0; i < local.length; i++) tri[nTri++] = local[i] + base;
      }
      part++;
    }
    featurePartStart[f + 1] = part;
    featureRingStart[f + 1] = ring;
    if (minX > maxX) continue;
    featureBbox[4 * f] = minX;
    featureBbox[4 * f + 1] = minY;
    featureBbox[4 * f + 2] = maxX;
    featureBbox[4 * f + 3] = maxY;
    if (minX < gMinX) gMinX = minX;
    if (minY < gMinY) gMinY = minY;
    if (maxX > gMaxX) gMaxX = maxX;
    if (maxY > gMaxY) gMaxY = maxY;
    const lon0 = (minX + maxX) / 2;
    const lat0 = (minY + maxY) / 2;
    // The next ring (if any) starts at v, so this closes the ring range of the last part.
    ringStarts[ring] = v;
    partRingStart[part] = ring;
    let best = -1, bestArea = -1, total = 0;
    for (let q = featurePartStart[f]; q < part; q++) {
      let a = 0;
      for (let r = partRingStart[q]; r < partRingStart[q + 1]; r++) {
        const ra = ringArea(positions, ringStarts[r], ringStarts[r + 1], lon0, lat0);
        a += r === partRingStart[q] ? ra : -ra;
      }
      total += Math.max(0, a);
      if (a > bestArea) {
        bestArea = a;
        best = q;
      }
    }
    areas[f] = total;
    if (best >= 0) {
      const [lx, ly] = labelPoint(positions, ringStarts, partRingStart[best], partRingStart[best + 1]);
      labels[2 * f] = lx;
      labels[2 * f + 1] = ly;
    } else {
      labels[2 * f] = parsed[f].points[0][0];
      labels[2 * f + 1] = parsed[f].points[0][1];
    }
  }
  featurePartStart[n] = part;
  featureRingStart[n] = ring;
  polygonStarts[nParts] = nVert;
  ringStarts[nRings] = nVert;
  partRingStart[nParts] = nRings;
  return {
    featureCount: n,
    positions,
    vertexFeature,
    polygonStarts,
    featureIndex,
    ringStarts,
    partRingStart,
    holeIndices,
    vertexValid,
    triangles: tri.slice(0, nTri),
    featurePartStart,
    featureRingStart,
    pointPositions,
    pointFeature,
    bbox: gMinX <= gMaxX ? [gMinX, gMinY, gMaxX, gMaxY] : null,
    featureBbox,
    labels,
    areas,
  };
}

function nonFinite(f: number): Error {
  return invalid('geometry', 'non-finite coordinate', `row ${f + 1}`);
}

/** The ArrayBuffers of a prepared geometry, for a Comlink/postMessage transfer list. */
export function transferables(p: PreparedGeometry): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(p)) if (ArrayBuffer.isView(v)) out.push(v.buffer as ArrayBuffer);
  return out;
}

const memo = new WeakMap<readonly GeometryInput[], PreparedGeometry>();

/** {@link prepareGeometry} memoised on the identity of the input array (default options). */
export function prepareGeometryMemo(geoms: readonly GeometryInput[]): PreparedGeometry {
  let p = memo.get(geoms);
  if (!p) {
    p = prepareGeometry(geoms);
    memo.set(geoms, p);
  }
  return p;
}
