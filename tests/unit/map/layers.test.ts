import { describe, expect, it } from 'vitest';
import { PathLayer, ScatterplotLayer, SolidPolygonLayer, TextLayer } from '@deck.gl/layers';
import { prepareGeometry } from '../../../src/lib/geo/prepare';
import { fillColors } from '../../../src/lib/map/binary';
import { LABEL_FONT_FAMILY, choroplethLayer, hoverLayers, outlineLayer, pointLayer, selectionLayer } from '../../../src/lib/map/layers';
import { hoverLabelLayer, placedLabelLayers } from '../../../src/lib/map/labelLayers';
import { viewLabels } from '../../../src/lib/map/labels';
import { HOVER_COLOR, NO_VALUE_COLOR } from '../../../src/lib/map/palettes';

const sq = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const p = prepareGeometry([
  { type: 'Polygon', coordinates: [sq(7, 51, 0.1)] },
  { type: 'Polygon', coordinates: [sq(7.1, 51, 0.1)] },
  { type: 'Point', coordinates: [7.05, 51.05] },
]);

describe('layer factories', () => {
  it('choropleth: binary, pre-triangulated, pickable, colours via updateTriggers, data identity kept', () => {
    const fill = fillColors(p, Int16Array.from([0, -1, -1]), [[10, 20, 30]], NO_VALUE_COLOR);
    const a = choroplethLayer({ geometry: p, fill });
    expect(a).toBeInstanceOf(SolidPolygonLayer);
    expect(a.id).toBe('choropleth');
    expect(a.props._normalize).toBe(false);
    expect(a.props.pickable).toBe(true);
    expect(a.props.updateTriggers).toEqual({ getFillColor: fill });
    const data = a.props.data as unknown as { length: number; attributes: Record<string, unknown> };
    expect(data.length).toBe(2);
    expect((data.attributes.getFillColor as { value: Uint8Array }).value).toBe(fill);
    expect(choroplethLayer({ geometry: p, fill }).props.data).toBe(a.props.data);
    const fill2 = fillColors(p, Int16Array.from([-1, 0, -1]), [[10, 20, 30]], NO_VALUE_COLOR);
    const b = choroplethLayer({ geometry: p, fill: fill2, visible: false });
    expect(b.props.data).not.toBe(a.props.data);
    expect(b.props.dataComparator!(b.props.data as never, a.props.data as never)).toBe(true);
    expect(b.props.visible).toBe(false);
  });

  it('outlines and selection are path layers; selection hides without a feature', () => {
    const o = outlineLayer({ geometry: p });
    expect(o).toBeInstanceOf(PathLayer);
    expect((o.props.data as unknown as { length: number }).length).toBe(2);
    const s = selectionLayer({ geometry: p, feature: 1 });
    expect(s.id).toBe('selection');
    expect(s.props.visible).toBe(true);
    expect((s.props.data as unknown as { length: number }).length).toBe(1);
    expect(selectionLayer({ geometry: p, feature: null }).props.visible).toBe(false);
  });

  it('hover: the area under the pointer (or a linked row) outlined in blue on a white halo, thinner than the selection', () => {
    const [halo, h] = hoverLayers({ geometry: p, feature: 0 });
    for (const l of [halo, h]) {
      expect(l).toBeInstanceOf(PathLayer);
      expect((l.props.data as unknown as { length: number }).length).toBe(1);
      expect(l.props.pickable).toBe(false);
    }
    expect([halo.id, h.id]).toEqual(['hover-halo', 'hover']);
    expect(h.props.getColor).toEqual([...HOVER_COLOR, 255]);
    expect(halo.props.getColor).toEqual([255, 255, 255, 255]);
    expect([halo.props.getWidth, h.props.getWidth]).toEqual([4.5, 2.5]);
  });

  it('labels use system fonts and an automatic character set; rows without text are skipped', () => {
    // a fake projection: 1° = 1000 px, y down
    const project = (lon: number, lat: number): [number, number] => [(lon - 7) * 1000, (51.2 - lat) * 1000];
    const placed = viewLabels(p, ['Altstadt-Süd', '', 'Kita'], project, (t) => t.length * 7, {
      width: 400, height: 400, size: 12, halo: 2, fillOf: (f) => (f === 0 ? [0, 0, 90] : [250, 250, 200]),
    });
    expect(placed.rows).toEqual([0]);
    expect(placed.dark).toEqual([false]); // white on the dark blue fill
    const [dark, light] = placedLabelLayers({ geometry: p, texts: ['Altstadt-Süd', '', 'Kita'], placed, sizePx: 12, haloPx: 2 });
    for (const l of [dark, light]) {
      expect(l).toBeInstanceOf(TextLayer);
      expect(l.props.characterSet).toBe('auto');
      expect(l.props.fontFamily).toBe(LABEL_FONT_FAMILY);
    }
    expect(LABEL_FONT_FAMILY).not.toMatch(/url|\.woff|\.ttf/);
    expect(dark.props.data).toEqual([]);
    const items = light.props.data as { f: number; offset: [number, number] }[];
    expect(items.map((d) => d.f)).toEqual([0]);
    const getPosition = light.props.getPosition as unknown as (d: { f: number }) => number[];
    expect(getPosition(items[0])[0]).toBeCloseTo(7.05, 9);
    expect((light.props.getText as (d: { f: number }) => string)(items[0])).toBe('Altstadt-Süd');
    expect(light.props.outlineColor).toEqual([0, 0, 0, 150]);
    expect(dark.props.outlineColor).toEqual([255, 255, 255, 235]);
    const hover = hoverLabelLayer({ geometry: p, feature: 1, text: 'Nordviertel', sizePx: 12 });
    expect(hover.props.data).toEqual([1]);
    expect(hoverLabelLayer({ geometry: p, feature: null, text: null, sizePx: 12 }).props.visible).toBe(false);
  });

  it('points are a binary scatterplot', () => {
    const pt = pointLayer({ geometry: p, radiusPx: 6 });
    expect(pt).toBeInstanceOf(ScatterplotLayer);
    expect((pt.props.data as unknown as { length: number }).length).toBe(1);
    expect(pt.props.getRadius).toBe(6);
  });
});
