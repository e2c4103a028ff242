/**
 * Plain polygon coordinates for the spatial statistics (METHODS.md §5): GeoJSON geometry
 * text → rings, a local metric projection, areas and centroids. Pure, no map libraries.
 */
import { invalid } from '../contract/errors.ts';

/** [x, y] */
export type Position = ArrayLike<number>;
/** closed or open ring of positions */
export type Ring = Position[];
/** exterior ring followed by holes */
export type PolygonCoords = Ring[];
/** an area: one or more polygons (GeoJSON MultiPolygon coordinates) */
export type AreaGeometry = PolygonCoords[];

interface GeoJsonGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: GeoJsonGeometry[];
}

/**
 * Reads a GeoJSON geometry (text or object) as polygon coordinates. Polygon, MultiPolygon and
 * GeometryCollections of them are accepted; null/empty gives []; other types throw
 * `invalid geometry: <type>`.
 */
export function parseGeometry(g: string | GeoJsonGeometry | null | undefined): AreaGeometry {
  if (g === null || g === undefined || g === '') return [];
  const geom: GeoJsonGeometry | null = typeof g === 'string' ? (JSON.parse(g) as GeoJsonGeometry | null) : g;
  if (!geom) return [];
  switch (geom.type) {
    case 'Polygon':
      return [geom.coordinates as PolygonCoords];
    case 'MultiPolygon':
      return geom.coordinates as AreaGeometry;
    case 'GeometryCollection':
      return (geom.geometries ?? []).flatMap((x) => parseGeometry(x));
    default:
      throw invalid('geometry', `${geom.type}`);
  }
}

const EARTH_RADIUS_M = 6371008.8;

/** Mean latitude/longitude over all vertices (for the local projection). */
export function meanLonLat(areas: AreaGeometry[]): [number, number] {
  let sx = 0, sy = 0, c = 0;
  for (const a of areas) for (const p of a) for (const r of p) for (const v of r) {
    sx += v[0];
    sy += v[1];
    c++;
  }
  if (c === 0) throw invalid('geometry', 'no vertices');
  return [sx / c, sy / c];
}

/**
 * Equirectangular projection around (lon0, lat0) to metres: x = R·Δλ·cos φ0, y = R·Δφ.
 * Good to well under 1 % over a city or district, enough for distance bands and k-NN.
 * Identical input vertices stay identical, so contiguity is unchanged.
 */
export function projectLocal(areas: AreaGeometry[], origin?: [number, number]): AreaGeometry[] {
  const [lon0, lat0] = origin ?? meanLonLat(areas);
  const kx = (EARTH_RADIUS_M * Math.PI * Math.cos((lat0 * Math.PI) / 180)) / 180;
  const ky = (EARTH_RADIUS_M * Math.PI) / 180;
  return areas.map((a) => a.map((p) => p.map((r) => r.map((v) => [(v[0] - lon0) * kx, (v[1] - lat0) * ky]))));
}

/** Signed shoelace area and first moments of a ring (positive when counter-clockwise). */
function ringMoments(r: Ring): { a: number; mx: number; my: number } {
  let a = 0, mx = 0, my = 0;
  const n = r.length;
  if (n < 3) return { a: 0, mx: 0, my: 0 };
  // shift to the first vertex for numerical stability
  const x0 = r[0][0], y0 = r[0][1];
  for (let i = 0; i < n; i++) {
    const p = r[i], q = r[(i + 1) % n];
    const px = p[0] - x0, py = p[1] - y0, qx = q[0] - x0, qy = q[1] - y0;
    const c = px * qy - qx * py;
    a += c;
    mx += (px + qx) * c;
    my += (py + qy) * c;
  }
  a /= 2;
  return { a, mx: mx / 6 + a * x0, my: my / 6 + a * y0 };
}

/**
 * Area and area-weighted centroid of an area (|exterior| − Σ|holes| per polygon, independent
 * of ring orientation). Falls back to the vertex mean for degenerate (zero-area) geometry.
 */
export function areaAndCentroid(area: AreaGeometry): { area: number; x: number; y: number } {
  let A = 0, MX = 0, MY = 0, vx = 0, vy = 0, vc = 0;
  for (const poly of area) {
    poly.forEach((ring, k) => {
      const m = ringMoments(ring);
      const s = (k === 0 ? 1 : -1) * Math.sign(m.a);
      A += s * m.a;
      MX += s * m.mx;
      MY += s * m.my;
      for (const v of ring) {
        vx += v[0];
        vy += v[1];
        vc++;
      }
    });
  }
  if (A > 0) return { area: A, x: MX / A, y: MY / A };
  return { area: 0, x: vc ? vx / vc : NaN, y: vc ? vy / vc : NaN };
}

/** Areas and centroids of many areas as typed arrays. */
export function centroids(areas: AreaGeometry[]): { area: Float64Array; x: Float64Array; y: Float64Array } {
  const n = areas.length;
  const out = { area: new Float64Array(n), x: new Float64Array(n), y: new Float64Array(n) };
  areas.forEach((a, i) => {
    const c = areaAndCentroid(a);
    out.area[i] = c.area;
    out.x[i] = c.x;
    out.y[i] = c.y;
  });
  return out;
}
