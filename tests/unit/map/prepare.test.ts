import { describe, expect, it } from 'vitest';
import { prepareGeometry, prepareGeometryMemo, ringArea, transferables, type GeoJsonGeometry } from '../../../src/lib/geo/prepare';

const square = (x: number, y: number, s: number): number[][] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const poly = (...rings: number[][][]): GeoJsonGeometry => ({ type: 'Polygon', coordinates: rings });

/** Exact area of the WGS84 ellipsoidal quadrangle between two meridians and two parallels. */
function quadrangleArea(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const a = 6378137, e2 = 6.69437999014e-3, e = Math.sqrt(e2), d = Math.PI / 180;
  const q = (phi: number) => {
    const s = Math.sin(phi * d);
    return s / (1 - e2 * s * s) + (1 / (2 * e)) * Math.log((1 + e * s) / (1 - e * s));
  };
  return ((a * a * (1 - e2) * (lon2 - lon1) * d) / 2) * (q(lat2) - q(lat1));
}

/** Sum of the planar areas of the triangles (lon/lat units). */
function triangleArea(pos: Float64Array, tri: Uint32Array): number {
  let s = 0;
  for (let i = 0; i < tri.length; i += 3) {
    const [a, b, c] = [tri[i], tri[i + 1], tri[i + 2]];
    s += Math.abs((pos[2 * b] - pos[2 * a]) * (pos[2 * c + 1] - pos[2 * a + 1]) - (pos[2 * c] - pos[2 * a]) * (pos[2 * b + 1] - pos[2 * a + 1])) / 2;
  }
  return s;
}

describe('prepareGeometry', () => {
  it('flattens a square: starts, rings, triangles, bbox, label, area', () => {
    const p = prepareGeometry([poly(square(7, 51, 0.1))]);
    expect(p.featureCount).toBe(1);
    expect(Array.from(p.polygonStarts)).toEqual([0, 5]);
    expect(Array.from(p.ringStarts)).toEqual([0, 5]);
    expect(Array.from(p.featureIndex)).toEqual([0]);
    expect(Array.from(p.vertexValid)).toEqual([1, 1, 1, 1, 0]);
    expect(p.positions.slice(0, 4)).toEqual(Float64Array.from([7, 51, 7.1, 51]));
    expect(p.triangles).toHaveLength(6);
    expect(triangleArea(p.positions, p.triangles)).toBeCloseTo(0.01, 12);
    expect(p.bbox).toEqual([7, 51, 7.1, 51.1]);
    expect(p.labels[0]).toBeCloseTo(7.05, 9);
    expect(p.labels[1]).toBeCloseTo(51.05, 3);
    const exact = quadrangleArea(7, 51, 7.1, 51.1);
    expect(Math.abs(p.areas[0] - exact) / exact).toBeLessThan(1e-5);
    expect(p.areas[0]).toBeGreaterThan(7.7e7); // ~78 km² at 51° N
  });

  it('keeps holes: hole indices, triangles avoid the hole, area excludes it, label not in the hole', () => {
    const outer = square(0, 50, 1);
    const hole = square(0.25, 50.25, 0.5).reverse();
    const p = prepareGeometry([JSON.stringify(poly(outer, hole))]);
    expect(Array.from(p.ringStarts)).toEqual([0, 5, 10]);
    expect(Array.from(p.holeIndices)).toEqual([5]);
    expect(Array.from(p.partRingStart)).toEqual([0, 2]);
    expect(triangleArea(p.positions, p.triangles)).toBeCloseTo(0.75, 10);
    const full = quadrangleArea(0, 50, 1, 51);
    const holeArea = quadrangleArea(0.25, 50.25, 0.75, 50.75);
    expect(Math.abs(p.areas[0] - (full - holeArea)) / (full - holeArea)).toBeLessThan(1e-4);
    const [lx, ly] = [p.labels[0], p.labels[1]];
    const inHole = lx > 0.25 && lx < 0.75 && ly > 50.25 && ly < 50.75;
    expect(inHole).toBe(false);
    expect(lx > 0 && lx < 1 && ly > 50 && ly < 51).toBe(true);
  });

  it('splits multipolygons into parts of one feature and labels the largest part', () => {
    const p = prepareGeometry([
      poly(square(0, 0, 1)),
      { type: 'MultiPolygon', coordinates: [[square(10, 0, 0.1)], [square(20, 0, 2)]] },
    ]);
    expect(Array.from(p.featureIndex)).toEqual([0, 1, 1]);
    expect(Array.from(p.featurePartStart)).toEqual([0, 1, 3]);
    expect(Array.from(p.featureRingStart)).toEqual([0, 1, 3]);
    expect(Array.from(p.polygonStarts)).toEqual([0, 5, 10, 15]);
    expect(Array.from(p.vertexFeature)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(p.labels[2]).toBeCloseTo(21, 6);
    expect(Array.from(p.featureBbox.slice(4, 8))).toEqual([10, 0, 22, 2]);
    // parts 10° apart share one projection centre: still within 0.02 %
    const exact = quadrangleArea(10, 0, 10.1, 0.1) + quadrangleArea(20, 0, 22, 2);
    expect(Math.abs(p.areas[1] - exact) / exact).toBeLessThan(2e-4);
  });

  it('places the label of a C-shaped area inside it', () => {
    // U shape opening to the north: centroid lies in the notch
    const u = [
      [0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0],
    ];
    const p = prepareGeometry([poly(u)]);
    const [x, y] = [p.labels[0], p.labels[1]];
    const inNotch = x > 1 && x < 2 && y > 1;
    expect(inNotch).toBe(false);
    expect(x > 0 && x < 3 && y > 0 && y < 3).toBe(true);
  });

  it('handles points, nulls, collections, unclosed and degenerate rings', () => {
    const p = prepareGeometry([
      null,
      '',
      { type: 'Point', coordinates: [7.5, 51.5] },
      {
        type: 'GeometryCollection',
        geometries: [{ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] }, poly([[0, 0], [1, 0], [1, 1]])],
      },
      poly([[0, 0], [1, 1], [0, 0]]),
    ]);
    expect(p.featureCount).toBe(5);
    expect(Array.from(p.pointPositions)).toEqual([7.5, 51.5, 1, 2, 3, 4]);
    expect(Array.from(p.pointFeature)).toEqual([2, 3, 3]);
    expect(Array.from(p.polygonStarts)).toEqual([0, 4]); // the open triangle was closed
    expect(Array.from(p.positions.slice(6, 8))).toEqual([0, 0]);
    expect(Array.from(p.featureIndex)).toEqual([3]);
    expect(Array.from(p.featurePartStart)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(Number.isNaN(p.labels[0])).toBe(true);
    expect(Array.from(p.labels.slice(4, 6))).toEqual([7.5, 51.5]);
    expect(p.areas[2]).toBe(0);
    expect(Number.isNaN(p.featureBbox[16])).toBe(true); // degenerate ring dropped → no geometry
    expect(p.bbox).toEqual([0, 0, 7.5, 51.5]);
    expect(prepareGeometry([null]).bbox).toBeNull();
  });

  it('rejects unsupported geometry and bad coordinates with the row', () => {
    expect(() => prepareGeometry([null, { type: 'LineString', coordinates: [[0, 0], [1, 1]] }])).toThrow('invalid geometry: LineString (row 2)');
    expect(() => prepareGeometry([poly([[0, 0], [1, NaN], [1, 1], [0, 0]])])).toThrow('invalid geometry: non-finite coordinate (row 1)');
  });

  it('can skip triangulation, memoises on input identity and lists transferables', () => {
    const input = [poly(square(0, 0, 1))];
    expect(prepareGeometry(input, { triangulate: false }).triangles).toHaveLength(0);
    const a = prepareGeometryMemo(input);
    expect(prepareGeometryMemo(input)).toBe(a);
    expect(prepareGeometryMemo([...input])).not.toBe(a);
    const bufs = transferables(a);
    expect(bufs.length).toBeGreaterThanOrEqual(15);
    expect(new Set(bufs).size).toBe(bufs.length);
  });

  it('prepares 50 000 polygons with holes (a grid) consistently', () => {
    const side = 250;
    const geoms: GeoJsonGeometry[] = [];
    for (let i = 0; i < 50_000; i++) {
      const x = 6 + (i % side) * 0.01;
      const y = 50 + Math.floor(i / side) * 0.01;
      geoms.push(i % 10 === 0 ? poly(square(x, y, 0.01), square(x + 0.003, y + 0.003, 0.004)) : poly(square(x, y, 0.01)));
    }
    const p = prepareGeometry(geoms);
    expect(p.featureIndex).toHaveLength(50_000);
    expect(p.holeIndices).toHaveLength(5_000);
    expect(p.positions).toHaveLength(2 * (50_000 * 5 + 5_000 * 5));
    expect(triangleArea(p.positions, p.triangles)).toBeCloseTo(50_000 * 1e-4 - 5_000 * 1.6e-5, 6);
    expect(p.bbox![0]).toBe(6);
    expect(p.bbox![3]).toBeCloseTo(52, 9);
  });
});

describe('ringArea', () => {
  it('matches the ellipsoidal area of a 1 km-ish cell at several latitudes', () => {
    for (const lat of [0, 30, 51.5, 54]) {
      const pos = Float64Array.from(square(9, lat, 0.01).flat());
      const exact = quadrangleArea(9, lat, 9.01, lat + 0.01);
      expect(Math.abs(ringArea(pos, 0, 5, 9.005, lat + 0.005) - exact) / exact).toBeLessThan(1e-6);
    }
  });
});
