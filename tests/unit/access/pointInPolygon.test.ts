import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import shp from 'shpjs';
import polylabel from 'polylabel';
import { inArea, locatePoint, locatePoints, polygonIndex } from '../../../src/lib/analysis/pointInPolygon';
import { parseGeometry, type AreaGeometry } from '../../../src/lib/analysis/geometry-rings';
import { mulberry32 } from './rng';

const SAC = path.resolve(import.meta.dirname, '../../fixtures/reference/sacramento2000/sacramentot2_shp.zip');

async function sacramento(): Promise<AreaGeometry[]> {
  // shpjs types its default export loosely; it takes the zip bytes and resolves a FeatureCollection
  const read = shp as unknown as (b: Buffer) => Promise<{ features: { geometry: unknown }[] }>;
  const g = await read(readFileSync(SAC));
  return g.features.map((f) => parseGeometry(f.geometry as never));
}

describe('point in polygon with a spatial index', () => {
  it('square with a hole, and a multipolygon whose second part holds the point', () => {
    const holed: AreaGeometry = [[[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]];
    const enclave: AreaGeometry = [[[[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]];
    const multi: AreaGeometry = [[[[20, 0], [22, 0], [22, 2], [20, 2], [20, 0]]], [[[30, 0], [32, 0], [32, 2], [30, 2], [30, 0]]]];
    const idx = polygonIndex([holed, enclave, multi]);
    expect(Array.from(locatePoints(idx, [1, 5, 31, 25, NaN], [1, 5, 1, 1, 0]))).toEqual([0, 1, 2, -1, -1]);
    expect(inArea(holed, 5, 5)).toBe(false);
  });

  it('Sacramento tracts (real polygons with holes and multipolygons): points in holes go to the enclave', async () => {
    const areas = await sacramento();
    const idx = polygonIndex(areas);
    let holes = 0, multi = 0;
    areas.forEach((a, k) => {
      if (a.length > 1) {
        multi++;
        // a point well inside the last part of the multipolygon belongs to this tract
        const last = a[a.length - 1];
        const p = polylabel(last as unknown as [number, number][][], 1e-6);
        if (inArea(a, p[0], p[1])) expect(locatePoint(idx, p[0], p[1])).toBe(k);
      }
      for (const poly of a)
        for (let h = 1; h < poly.length; h++) {
          holes++;
          const p = polylabel([poly[h] as unknown as [number, number][]], 1e-6);
          const owner = locatePoint(idx, p[0], p[1]);
          expect(owner).not.toBe(k);
          if (owner >= 0) expect(inArea(areas[owner], p[0], p[1])).toBe(true);
        }
    });
    expect(holes).toBeGreaterThanOrEqual(12);
    expect(multi).toBeGreaterThanOrEqual(20);
  });

  it('Sacramento: the index gives the same area as a scan of every polygon (1 500 random points)', async () => {
    const areas = await sacramento();
    const idx = polygonIndex(areas);
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const a of areas) for (const p of a) for (const v of p[0]) {
      x0 = Math.min(x0, v[0]); x1 = Math.max(x1, v[0]); y0 = Math.min(y0, v[1]); y1 = Math.max(y1, v[1]);
    }
    const rnd = mulberry32(11);
    let inside = 0, overlaps = 0;
    for (let k = 0; k < 1500; k++) {
      const x = x0 + rnd() * (x1 - x0), y = y0 + rnd() * (y1 - y0);
      const all = areas.map((a, i) => (inArea(a, x, y) ? i : -1)).filter((i) => i >= 0);
      expect(locatePoint(idx, x, y)).toBe(all.length ? all[0] : -1);
      if (all.length) inside++;
      if (all.length > 1) overlaps++;
    }
    expect(inside).toBeGreaterThan(150);
    // tracts are a partition: no random point lies in two of them
    expect(overlaps).toBe(0);
  });
});
