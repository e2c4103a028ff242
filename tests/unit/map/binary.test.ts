import { describe, expect, it } from 'vitest';
import { prepareGeometry, type GeoJsonGeometry } from '../../../src/lib/geo/prepare';
import { featureColors, featureOutlineData, fillColors, labelledFeatures, outlineData, partColors, pointColors, pointData, polygonData } from '../../../src/lib/map/binary';
import type { RGB } from '../../../src/lib/map/palettes';

const sq = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const geoms: (GeoJsonGeometry | null)[] = [
  { type: 'Polygon', coordinates: [sq(0, 0, 1)] },
  { type: 'MultiPolygon', coordinates: [[sq(2, 0, 1), sq(2.2, 0.2, 0.2)], [sq(4, 0, 1)]] },
  null,
  { type: 'Point', coordinates: [9, 9] },
];
const p = prepareGeometry(geoms);
const RED: RGB = [255, 0, 0];
const BLUE: RGB = [0, 0, 255];
const GREY: RGB = [200, 200, 200];
const rgba = (a: Uint8Array, i: number) => Array.from(a.subarray(4 * i, 4 * i + 4));

describe('colour expansion', () => {
  const classOf = Int16Array.from([1, 0, -1, 5]);

  it('featureColors maps classes, no-value and unknown classes to the grey', () => {
    const f = featureColors(classOf, [RED, BLUE], GREY, 200);
    expect([0, 1, 2, 3].map((i) => rgba(f, i))).toEqual([[0, 0, 255, 200], [255, 0, 0, 200], [200, 200, 200, 200], [200, 200, 200, 200]]);
  });

  it('partColors gives one colour per polygon part', () => {
    const parts = partColors(p, featureColors(classOf, [RED, BLUE], GREY));
    expect(parts).toHaveLength(3 * 4);
    expect([0, 1, 2].map((i) => rgba(parts, i))).toEqual([[0, 0, 255, 255], [255, 0, 0, 255], [255, 0, 0, 255]]);
    expect(() => partColors(p, new Uint8Array(8))).toThrow('invalid colors: 2 features coloured, geometry has 4');
  });

  it('pointColors gives one colour per point, following the point feature', () => {
    const pc = pointColors(p, featureColors(Int16Array.from([1, 0, -1, 0]), [RED, BLUE], GREY));
    expect(Array.from(pc)).toEqual([255, 0, 0, 255]);
  });

  it('fillColors gives one colour per polygon vertex, following the vertex feature', () => {
    const v = fillColors(p, classOf, [RED, BLUE], GREY);
    expect(v).toHaveLength(p.vertexFeature.length * 4);
    for (let i = 0; i < p.vertexFeature.length; i++) {
      expect(rgba(v, i)).toEqual(p.vertexFeature[i] === 0 ? [0, 0, 255, 255] : [255, 0, 0, 255]);
    }
  });
});

describe('deck.gl binary data', () => {
  it('polygonData shares the prepared arrays and checks the colour length', () => {
    const fill = fillColors(p, Int16Array.from([0, 0, 0, 0]), [RED], GREY);
    const d = polygonData(p, fill);
    expect(d.length).toBe(3);
    expect(d.startIndices).toBe(p.polygonStarts);
    expect(d.attributes.getPolygon).toEqual({ value: p.positions, size: 2 });
    expect(d.attributes.indices).toBe(p.triangles);
    expect(d.attributes.rowIndexes.value).toBe(p.vertexFeature);
    expect(d.attributes.getFillColor).toEqual({ value: fill, size: 4, normalized: true });
    expect(d.attributes.getFillColor!.value).toBe(fill);
    expect(() => polygonData(p, new Uint8Array(4))).toThrow(/^invalid colors/);
  });

  it('outlineData has every ring; featureOutlineData only the rings of one feature, rebased', () => {
    const o = outlineData(p);
    expect(o.length).toBe(4);
    expect(Array.from(o.startIndices)).toEqual([0, 5, 10, 15, 20]);
    const sel = featureOutlineData(p, 1);
    expect(sel.length).toBe(3);
    expect(Array.from(sel.startIndices)).toEqual([0, 5, 10, 15]);
    expect(Array.from(sel.attributes.getPath.value.subarray(0, 2))).toEqual([2, 0]);
    expect(sel.attributes.getPath.value).toHaveLength(30);
    expect(featureOutlineData(p, 2).length).toBe(0);
    expect(featureOutlineData(p, 99).length).toBe(0);
  });

  it('pointData and labelledFeatures', () => {
    const d = pointData(p);
    expect(d.length).toBe(1);
    expect(Array.from(d.attributes.getPosition.value)).toEqual([9, 9]);
    expect(() => pointData(p, new Uint8Array(8))).toThrow(/^invalid colors/);
    expect(Array.from(labelledFeatures(p))).toEqual([0, 1, 3]);
  });
});
