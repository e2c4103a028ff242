import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { contiguity } from '../../../src/lib/analysis/contiguity';
import { areaAndCentroid, parseGeometry, projectLocal } from '../../../src/lib/analysis/geometry-rings';
import { spatialDissimilarity } from '../../../src/lib/analysis/segregation';
import {
  distanceBand, fromNeighborLists, isSymmetric, knn, parseGal, rowStandardize, weightsSummary, type Weights,
} from '../../../src/lib/analysis/weights';
import { columbus, readShapefileZip, REF, sacramento, toArea } from './refdata';

const links = (w: Weights) => {
  const s: string[] = [];
  for (let i = 0; i < w.n; i++) for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) s.push(`${i}-${w.neighbors[k]}`);
  return s;
};
const sq = (x: number, y: number, s = 1): number[][][][] => [[[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]]];

describe('Sacramento contiguity from the shapefile', () => {
  const areas = readShapefileZip('sacramento2000/sacramentot2_shp.zip').map((f) => toArea(f.geometry));
  const gal = parseGal(readFileSync(path.join(REF, 'sacramento2000/sacramentot2.gal'), 'utf8')).weights;
  test('queen: 403 areas, 2 522 directed links, no islands, symmetric', () => {
    const w = contiguity(areas, { type: 'queen' });
    const s = weightsSummary(w);
    expect(s.n).toBe(403);
    expect(s.links).toBe(2522);
    expect(s.islands).toEqual([]);
    expect(isSymmetric(w)).toBe(true);
  });
  test('queen from the geometry reproduces the spatial dissimilarity reference', () => {
    const s = sacramento();
    const w = contiguity(areas);
    expect(Math.abs(spatialDissimilarity(s.col('HISP'), s.col('TOT_POP'), w) - 0.2611974332919437)).toBeLessThan(1e-9);
  });
  test('the shipped .gal (2 128 links) is rook contiguity: identical to rook from the geometry', () => {
    // README calls it queen; its 2 128 links are exactly the shared-edge pairs.
    const rook = contiguity(areas, { type: 'rook' });
    expect(gal.neighbors.length).toBe(2128);
    expect(links(rook)).toEqual(links(gal));
    // and every rook link is a queen link
    const queen = new Set(links(contiguity(areas)));
    expect(links(gal).every((l) => queen.has(l))).toBe(true);
  });
});

describe('contiguity edge cases', () => {
  test('2×2 squares: queen links diagonals, rook does not', () => {
    const a = [sq(0, 0), sq(1, 0), sq(0, 1), sq(1, 1)];
    expect(weightsSummary(contiguity(a)).links).toBe(12);
    expect(weightsSummary(contiguity(a, { type: 'rook' })).links).toBe(8);
  });
  test('tiny gaps are bridged by the snapping tolerance only', () => {
    const a = [sq(0, 0), sq(1.00001, 0), sq(5, 5)];
    expect(weightsSummary(contiguity(a, { tolerance: 0 })).links).toBe(0);
    const w = contiguity(a, { tolerance: 1e-4, type: 'rook' });
    expect(links(w)).toEqual(['0-1', '1-0']);
    expect(weightsSummary(w).islands).toEqual([2]);
  });
  test('open rings, holes, multipolygons and empty geometries', () => {
    const open = [[[[0, 0], [1, 0], [1, 1], [0, 1]]]];
    const multi = [sq(5, 5)[0], [[[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]]];
    const w = contiguity([open, multi, []]);
    expect(links(w)).toEqual(['0-1', '1-0']);
    expect(weightsSummary(w).islands).toEqual([2]);
    expect(() => contiguity([sq(0, 0)], { tolerance: -1 })).toThrow('invalid tolerance: -1');
  });
  test('Columbus queen: 236 links', () => {
    expect(contiguity(columbus().areas).neighbors.length).toBe(236);
  });
});

describe('distance-based weights and helpers', () => {
  const xs = [0, 1, 3, 10], ys = [0, 0, 0, 0];
  test('knn: nearest with index tie-break', () => {
    expect(links(knn(xs, ys, 1))).toEqual(['0-1', '1-0', '2-1', '3-2']);
    expect(links(knn(xs, ys, 2))).toEqual(['0-1', '0-2', '1-0', '1-2', '2-0', '2-1', '3-1', '3-2']);
    expect(() => knn(xs, ys, 0)).toThrow('invalid k: 0');
  });
  test('knn on a larger random set equals brute force', () => {
    let s = 1;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const X = Array.from({ length: 300 }, rnd), Y = Array.from({ length: 300 }, rnd);
    const w = knn(X, Y, 4);
    for (let i = 0; i < 300; i++) {
      const brute = X.map((x, j) => ({ j, d: (x - X[i]) ** 2 + (Y[j] - Y[i]) ** 2 })).filter((c) => c.j !== i)
        .sort((a, b) => a.d - b.d || a.j - b.j).slice(0, 4).map((c) => c.j).sort((a, b) => a - b);
      expect(Array.from(w.neighbors.slice(w.offsets[i], w.offsets[i + 1]))).toEqual(brute);
    }
  });
  test('distance band and islands', () => {
    const w = distanceBand(xs, ys, 2);
    expect(links(w)).toEqual(['0-1', '1-0', '1-2', '2-1']);
    expect(weightsSummary(w).islands).toEqual([3]);
  });
  test('row standardisation keeps islands empty', () => {
    const w = rowStandardize(fromNeighborLists([[1, 2], [0], []]));
    expect(Array.from(w.weights)).toEqual([0.5, 0.5, 1]);
  });
  test('geometry: area, centroid (hole), projection in metres', () => {
    const g = parseGeometry('{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[2,1],[1,1]]]}');
    const c = areaAndCentroid(g);
    expect(c.area).toBeCloseTo(15, 12);
    expect(c.x).toBeCloseTo((16 * 2 - 1.5) / 15, 12);
    const p = projectLocal([[[[[7, 50], [8, 50]]]]], [7, 50]);
    expect(p[0][0][0][1][0]).toBeCloseTo(71_475, -1); // 1° of longitude at 50° N on the mean sphere
    expect(() => parseGeometry('{"type":"Point","coordinates":[0,0]}')).toThrow('invalid geometry: Point');
  });
});
