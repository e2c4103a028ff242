/**
 * Area outlines for printed maps: WGS84 rings → ETRS89 / UTM metres (EPSG:25832 in NRW, the zone
 * from the centre elsewhere) so the scale bar is true, simplified to what a printed map can show.
 * Pure; proj4 only.
 */
import proj4 from 'proj4';
import polylabel from 'polylabel';
import { parseGeometry, type AreaGeometry } from '../analysis/geometry-rings';

/** Outlines of all areas in metres, ready to be scaled into an SVG. */
export interface MapAreas {
  /** per area: polygons → rings → flat [x0, y0, x1, y1, …] in metres (y up) */
  rings: Float64Array[][];
  /** [minX, minY, maxX, maxY] in metres over all areas */
  bbox: [number, number, number, number];
  /** the CRS used, e.g. 'EPSG:25832' */
  crs: string;
  /** angle (degrees, clockwise from the map's up) of true north at the map centre (meridian convergence) */
  north: number;
  /** a point well inside each area (pole of inaccessibility of its largest part), for labels */
  labelAt: ([number, number] | null)[];
}

/** Pole of inaccessibility of the largest polygon (by bbox) of an area. */
function labelPoint(polys: Float64Array[][]): [number, number] | null {
  let best: Float64Array[] | null = null, bestSize = -1;
  for (const poly of polys) {
    const r = poly[0];
    if (!r || r.length < 6) continue;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let k = 0; k < r.length; k += 2) { x0 = Math.min(x0, r[k]); x1 = Math.max(x1, r[k]); y0 = Math.min(y0, r[k + 1]); y1 = Math.max(y1, r[k + 1]); }
    const size = (x1 - x0) * (y1 - y0);
    if (size > bestSize) { bestSize = size; best = poly; }
  }
  if (!best) return null;
  const rings = best.map((r) => Array.from({ length: r.length / 2 }, (_, k): [number, number] => [r[2 * k], r[2 * k + 1]]));
  const p = polylabel(rings, Math.sqrt(bestSize) / 50 || 1e-6);
  return [p[0], p[1]];
}

/** UTM zone of a longitude (6° zones); 32 covers NRW. */
export function utmZone(lon: number): number {
  return Math.min(60, Math.max(1, Math.floor((lon + 180) / 6) + 1));
}

/** Squared distance from p to segment a–b. */
function segDist2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  let dx = bx - ax, dy = by - ay;
  if (dx !== 0 || dy !== 0) {
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
    ax += t * dx;
    ay += t * dy;
  }
  dx = px - ax;
  dy = py - ay;
  return dx * dx + dy * dy;
}

/**
 * Douglas–Peucker simplification of a flat ring (iterative). Keeps first and last vertex; a ring
 * never drops below 4 vertices, so small areas stay visible.
 */
export function simplifyRing(flat: Float64Array, tolerance: number): Float64Array {
  const n = flat.length / 2;
  if (n <= 4 || tolerance <= 0) return flat;
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack: [number, number][] = [[0, n - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length) {
    const [a, b] = stack.pop()!;
    let best = -1, bestD = tol2;
    for (let i = a + 1; i < b; i++) {
      const d = segDist2(flat[2 * i], flat[2 * i + 1], flat[2 * a], flat[2 * a + 1], flat[2 * b], flat[2 * b + 1]);
      if (d > bestD) { bestD = d; best = i; }
    }
    if (best >= 0) {
      keep[best] = 1;
      stack.push([a, best], [best, b]);
    }
  }
  let kept = 0;
  for (let i = 0; i < n; i++) kept += keep[i];
  if (kept < 4) {
    // a tiny ring: keep an evenly spaced quarter of its vertices instead of collapsing it
    for (let q = 1; q < 4; q++) keep[Math.floor((q * (n - 1)) / 4)] = 1;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(flat[2 * i], flat[2 * i + 1]);
  return Float64Array.from(out);
}

/**
 * Projects area geometries (GeoJSON text or parsed, WGS84 lon/lat) to UTM metres and simplifies
 * them to `detail` of the larger map extent (default 1/4000; each map simplifies again for its size).
 */
export function prepareMapAreas(geoms: (string | AreaGeometry | null)[], detail = 1 / 4000): MapAreas {
  const parsed = geoms.map((g) => (typeof g === 'string' || g === null ? parseGeometry(g) : g));
  let sx = 0, sy = 0, c = 0;
  for (const a of parsed) for (const p of a) for (const v of p[0] ?? []) { sx += v[0]; sy += v[1]; c++; }
  const lon0 = c ? sx / c : 7, lat0 = c ? sy / c : 51;
  const zone = utmZone(lon0);
  const crs = zone === 32 ? 'EPSG:25832' : zone === 33 ? 'EPSG:25833' : `UTM ${zone}N`;
  const conv = proj4('EPSG:4326', `+proj=utm +zone=${zone} +ellps=GRS80 +units=m +no_defs`);
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const projected = parsed.map((a) =>
    a.map((poly) =>
      poly.map((ring) => {
        const out = new Float64Array(ring.length * 2);
        for (let i = 0; i < ring.length; i++) {
          const [x, y] = conv.forward([ring[i][0], ring[i][1]]);
          out[2 * i] = x;
          out[2 * i + 1] = y;
          if (x < bbox[0]) bbox[0] = x;
          if (y < bbox[1]) bbox[1] = y;
          if (x > bbox[2]) bbox[2] = x;
          if (y > bbox[3]) bbox[3] = y;
        }
        return out;
      }),
    ),
  );
  if (!Number.isFinite(bbox[0])) bbox.splice(0, 4, 0, 0, 1, 1);
  const tol = Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1]) * detail;
  const rings = projected.map((a) => a.flatMap((poly) => poly.map((r) => simplifyRing(r, tol))));
  const labelAt = projected.map(labelPoint);
  // true north: the direction in which latitude grows at the centre
  const [cx, cy] = conv.forward([lon0, lat0]);
  const [nx, ny] = conv.forward([lon0, lat0 + 0.01]);
  const north = (Math.atan2(nx - cx, ny - cy) * 180) / Math.PI;
  return { rings, bbox, crs, north, labelAt };
}
