import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { legendClearPadding, type Box } from '../../../src/lib/map/legendFit';
import { fitView, projector, type Padding } from '../../../src/lib/map/view';

// the Musterkreis demo's Sozialräume (lon/lat vertices) and the legend box as measured in the app
// at 1024 × 768 (map 624 × 436 px; the legend 304 × 189 px in the bottom-left corner)
const geo = JSON.parse(readFileSync(new URL('../../../sample-data/musterkreis/sozialraeume.geojson', import.meta.url), 'utf8')) as {
  features: { geometry: { type: string; coordinates: number[][][] | number[][][][] } }[];
};
const KREIS = Float64Array.from(geo.features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates as number[][][]] : (f.geometry.coordinates as number[][][][])).flat(3)));
const BBOX: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
for (let i = 0; i < KREIS.length; i += 2) {
  BBOX[0] = Math.min(BBOX[0], KREIS[i]); BBOX[2] = Math.max(BBOX[2], KREIS[i]);
  BBOX[1] = Math.min(BBOX[1], KREIS[i + 1]); BBOX[3] = Math.max(BBOX[3], KREIS[i + 1]);
}
const LEGEND_1024: Box = { left: 8.4, top: 216.2, right: 313, bottom: 405.7 };
const PLAIN: Padding = { top: 30, right: 30, bottom: 30, left: 30 };

/** Vertices under the legend with `pad`, and the zoom. */
function fit(w: number, h: number, pad: Padding, legend: Box) {
  const v = fitView(BBOX, w, h, pad)!;
  const p = projector(v, w, h);
  let covered = 0;
  for (let i = 0; i < KREIS.length; i += 2) {
    const [x, y] = p(KREIS[i], KREIS[i + 1]);
    if (x > legend.left && x < legend.right && y > legend.top && y < legend.bottom) covered++;
  }
  return { covered, zoom: v.zoom };
}

describe('fit padding keeps the areas clear of the legend (QA-22)', () => {
  it('1024 × 768, Kreis demo: the plain fit puts western Sozialräume under the legend; the padded one none, at more than a third of the size', () => {
    const plain = fit(624, 436, PLAIN, LEGEND_1024);
    expect(plain.covered).toBeGreaterThan(20);
    const pad = legendClearPadding(BBOX, 624, 436, LEGEND_1024, KREIS);
    const padded = fit(624, 436, pad, LEGEND_1024);
    expect(padded.covered).toBe(0);
    expect(padded.zoom).toBeGreaterThanOrEqual(plain.zoom - Math.log2(3));
    // the vertices let the Kreis sit closer than its box would (the box's corner is empty)
    const boxOnly = fit(624, 436, legendClearPadding(BBOX, 624, 436, LEGEND_1024), LEGEND_1024);
    expect(boxOnly.covered).toBe(0);
    expect(padded.zoom).toBeGreaterThan(boxOnly.zoom);
  });

  it('nothing under the legend (a wide map, the Kreis in the middle): the plain fit stays', () => {
    const legend: Box = { left: 8, top: 400, right: 290, bottom: 610 };
    expect(fit(1520, 622, PLAIN, legend).covered).toBe(0);
    expect(legendClearPadding(BBOX, 1520, 622, legend, KREIS)).toEqual(PLAIN);
  });

  it('a wide, flat box in a tall map goes above the legend (padding bottom); a narrow map keeps the plain padding', () => {
    // a flat box in the middle of a 600 × 500 map reaches down into the legend: it moves up, at the same size
    const flat: [number, number, number, number] = [7.0, 51.3, 8.0, 51.4];
    const legend: Box = { left: 8, top: 250, right: 290, bottom: 480 };
    const pad = legendClearPadding(flat, 600, 500, legend);
    expect(pad.left).toBe(30);
    expect(pad.bottom).toBeGreaterThan(30);
    const v = fitView(flat, 600, 500, pad)!;
    expect(v.zoom).toBeCloseTo(fitView(flat, 600, 500, PLAIN)!.zoom, 9);
    expect(projector(v, 600, 500)(7.0, 51.3)[1]).toBeLessThanOrEqual(legend.top - 12);
    // a narrow map whose legend fills most of it: clearing it would leave the areas under a third of their size
    expect(legendClearPadding(BBOX, 360, 300, { left: 8, top: 20, right: 330, bottom: 290 }, KREIS)).toEqual(PLAIN);
  });

  it('no legend or no size: the plain padding', () => {
    expect(legendClearPadding(BBOX, 624, 436, null, KREIS)).toEqual(PLAIN);
    expect(legendClearPadding(BBOX, 0, 0, LEGEND_1024, KREIS)).toEqual(PLAIN);
  });
});

describe('compact legend below 1100 px (qa5)', () => {
  // measured in the app at 1024 × 768 (Kreis demo): the compact legend is 164 × 162 px (before 305 × 189)
  const COMPACT_1024: Box = { left: 9.6, top: 238.8, right: 173.6, bottom: 400.8 };
  it('the Kreis at 1024 × 768 keeps > 75 % of its plain size (with the full legend ≈ 57 %), nothing under the legend', () => {
    const plain = fit(624, 436, PLAIN, COMPACT_1024);
    const full = fit(624, 436, legendClearPadding(BBOX, 624, 436, LEGEND_1024, KREIS), LEGEND_1024);
    const compact = fit(624, 436, legendClearPadding(BBOX, 624, 436, COMPACT_1024, KREIS), COMPACT_1024);
    expect(compact.covered).toBe(0);
    const scale = (z: number) => 2 ** (z - plain.zoom);
    expect(scale(full.zoom)).toBeLessThan(0.65);
    expect(scale(compact.zoom)).toBeGreaterThan(0.75);
    expect(scale(compact.zoom) / scale(full.zoom)).toBeGreaterThan(1.3);
  });
});
