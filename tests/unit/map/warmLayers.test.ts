import { describe, expect, it } from 'vitest';
import { NO_AREAS, warmLayers } from '../../../src/lib/map/warmLayers';
import { prepareGeometry } from '../../../src/lib/geo/prepare';
import { choroplethLayer, outlineLayer, selectionLayer } from '../../../src/lib/map/layers';

describe('warmLayers', () => {
  it('is a geometry without areas exactly as the engine prepares one', () => {
    const none = prepareGeometry([]);
    expect(Object.keys(NO_AREAS).sort()).toEqual(Object.keys(none).sort());
    for (const [k, v] of Object.entries(none)) {
      const w = (NO_AREAS as unknown as Record<string, unknown>)[k];
      if (ArrayBuffer.isView(v)) {
        expect(w?.constructor, k).toBe(v.constructor);
        expect(Array.from(w as Uint32Array), k).toEqual(Array.from(v as Uint32Array));
      } else expect(w, k).toEqual(v);
    }
  });

  it('holds the first map’s polygon layers (same ids and kinds) and no label layer, so deck.gl keeps them when the areas arrive', () => {
    const g = prepareGeometry(['{"type":"Polygon","coordinates":[[[7,51],[7.1,51],[7.1,51.1],[7,51]]]}']);
    const first = [
      choroplethLayer({ geometry: g, fill: new Uint8Array(4 * 4) }),
      outlineLayer({ geometry: g, widthPx: 1 }),
      selectionLayer({ geometry: g, feature: null }),
    ];
    const warm = warmLayers({ outlinePx: 1 });
    expect(warm.map((l) => [l.id, l.constructor.name])).toEqual(first.map((l) => [l.id, l.constructor.name]));
    expect(warm.some((l) => l.constructor.name === 'TextLayer')).toBe(false); // an empty font atlas is a WebGL error
    // nothing to draw
    expect(warm.every((l) => l.props.data && ((l.props.data as { length?: number }).length ?? 0) === 0)).toBe(true);
  });
});
