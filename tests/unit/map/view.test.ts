import { describe, expect, it } from 'vitest';
import { fitView, initialView, projector, scaleBar, zoomBy, MAX_ZOOM } from '../../../src/lib/map/view';

// The map without MapLibre: deck.gl's view must fit, project and scale as MapLibre's map did.
describe('map view without MapLibre', () => {
  const bbox: [number, number, number, number] = [7.0, 51.35, 7.3, 51.5];
  const pad = { top: 30, right: 30, bottom: 30, left: 300 };

  it('fits a box inside the padded map: its corners land on the padding edges, not beyond', () => {
    const v = fitView(bbox, 1000, 500, pad)!;
    const p = projector(v, 1000, 500);
    const [xw, yn] = p(bbox[0], bbox[3]);
    const [xe, ys] = p(bbox[2], bbox[1]);
    // every corner inside the free part of the map (1 px tolerance)
    for (const x of [xw, xe]) expect(x).toBeGreaterThanOrEqual(pad.left - 1), expect(x).toBeLessThanOrEqual(1000 - pad.right + 1);
    for (const y of [yn, ys]) expect(y).toBeGreaterThanOrEqual(pad.top - 1), expect(y).toBeLessThanOrEqual(500 - pad.bottom + 1);
    // and one dimension fills it (the tighter one: the height here)
    expect(ys - yn).toBeCloseTo(500 - pad.top - pad.bottom, 0);
  });

  it('centres the box in the free part also with uneven padding on the non-limiting axis (math.gl offsets it by its own axis scale)', () => {
    // height-limited box, legend-sized padding left and bottom: before the fix the box sat ~25 px too far left/down
    for (const p of [{ top: 30, right: 30, bottom: 200, left: 30 }, { top: 30, right: 30, bottom: 30, left: 320 }, { top: 20, right: 40, bottom: 180, left: 260 }]) {
      const v = fitView(bbox, 1000, 500, p)!;
      const pr = projector(v, 1000, 500);
      const [xw, yn] = pr(bbox[0], bbox[3]);
      const [xe, ys] = pr(bbox[2], bbox[1]);
      expect((xw + xe) / 2).toBeCloseTo(p.left + (1000 - p.left - p.right) / 2, 6);
      expect((yn + ys) / 2).toBeCloseTo(p.top + (500 - p.top - p.bottom) / 2, 1);
    }
  });

  it('has no fit while the map has no room (a hidden tab): the view stays', () => {
    expect(fitView(bbox, 0, 0, pad)).toBeNull();
    expect(fitView(bbox, 320, 500, pad)).toBeNull();
  });

  it('clamps a fit on a point to the maximum zoom', () => {
    expect(fitView([7, 51, 7, 51], 800, 600, { top: 30, right: 30, bottom: 30, left: 30 })!.zoom).toBe(MAX_ZOOM);
  });

  it('zooms by one step within the limits', () => {
    const v = initialView();
    expect(zoomBy(v, 1).zoom).toBe(9);
    expect(zoomBy({ ...v, zoom: 21.5 }, 1).zoom).toBe(MAX_ZOOM);
    expect(zoomBy({ ...v, zoom: 0.5 }, -1).zoom).toBe(0);
  });

  it('draws the scale bar as MapLibre: a round 1/2/3/5 × 10ⁿ distance in at most 100 px', () => {
    // zoom 12 at 51.4° N: 40 075 016.686 · cos 51.4° / (512 · 4096) = 11.922 m/px → 1 192 m in 100 px → 1 km in 83.9 px
    const s = scaleBar(51.4, 12);
    expect(s.label).toBe('1 km');
    expect(s.widthPx).toBeCloseTo(83.88, 1);
    // the demo's fitted view (zoom ≈ 11.5): 1.69 km → 1 km; zoom 11: 2.39 km → 2 km
    expect(scaleBar(51.4, 11).label).toBe('2 km');
    // close in: metres
    expect(scaleBar(51.4, 17).label).toBe('30 m');
    expect(scaleBar(51.4, 17).widthPx).toBeCloseTo((30 / 37.26) * 100, 0);
    // far out
    expect(scaleBar(0, 2).label).toBe('1000 km'); // 1 957 km in 100 px
    expect(scaleBar(0, 1).label).toBe('3000 km'); // 3 914 km
    // below a metre (MapLibre's one significant decimal)
    expect(scaleBar(51.4, 22).label).toBe('1 m');
    expect(scaleBar(51.4, 24).label).toBe('0.3 m');
  });
});
