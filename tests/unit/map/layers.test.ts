import { describe, expect, it } from 'vitest';
import { PathLayer, ScatterplotLayer, SolidPolygonLayer, TextLayer } from '@deck.gl/layers';
import { prepareGeometry } from '../../../src/lib/geo/prepare';
import { fillColors } from '../../../src/lib/map/binary';
import { LABEL_FONT_FAMILY, choroplethLayer, labelLayer, outlineLayer, pointLayer, selectionLayer } from '../../../src/lib/map/layers';
import { NO_VALUE_COLOR } from '../../../src/lib/map/palettes';

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

  it('labels use system fonts and an automatic character set; rows without text are skipped', () => {
    const l = labelLayer({ geometry: p, texts: ['Altstadt-Süd', '', 'Kita'] });
    expect(l).toBeInstanceOf(TextLayer);
    expect(l.props.characterSet).toBe('auto');
    expect(l.props.fontFamily).toBe(LABEL_FONT_FAMILY);
    expect(LABEL_FONT_FAMILY).not.toMatch(/url|\.woff|\.ttf/);
    expect(Array.from(l.props.data as Iterable<number>)).toEqual([0, 2]);
    const getPosition = l.props.getPosition as unknown as (f: number) => number[];
    expect(getPosition(0)[0]).toBeCloseTo(7.05, 9);
    expect((l.props.getText as (f: number) => string)(0)).toBe('Altstadt-Süd');
  });

  it('points are a binary scatterplot', () => {
    const pt = pointLayer({ geometry: p, radiusPx: 6 });
    expect(pt).toBeInstanceOf(ScatterplotLayer);
    expect((pt.props.data as unknown as { length: number }).length).toBe(1);
    expect(pt.props.getRadius).toBe(6);
  });
});
