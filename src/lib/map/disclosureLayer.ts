/**
 * Disclosure symbols on the plain map (`·` secret, `/` not reliable) at each area's label point,
 * large and black with a white halo, lifted above the area name so a hidden area reads as hidden,
 * not as "no data". Pure layer factory, like ./layers.ts.
 */
import { TextLayer } from '@deck.gl/layers';
import type { PreparedGeometry } from '../geo/prepare';
import { labelledFeatures } from './binary';
import { LABEL_FONT_FAMILY } from './layers';

export const SYMBOL_LAYER_ID = 'disclosure-symbols';

export function symbolLayer(o: { geometry: PreparedGeometry; symbols: readonly (string | null)[]; sizePx?: number }) {
  const rows = Array.from(labelledFeatures(o.geometry)).filter((f) => !!o.symbols[f]);
  const { labels } = o.geometry;
  return new TextLayer<number>({
    id: SYMBOL_LAYER_ID,
    data: rows,
    getText: (f: number) => String(o.symbols[f]),
    getPosition: (f: number) => [labels[2 * f], labels[2 * f + 1]],
    getSize: o.sizePx ?? 34,
    sizeUnits: 'pixels',
    getColor: [0, 0, 0, 255],
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    getPixelOffset: [0, -14],
    characterSet: 'auto',
    fontFamily: LABEL_FONT_FAMILY,
    fontSettings: { sdf: true },
    outlineWidth: 2,
    outlineColor: [255, 255, 255, 220],
    pickable: false,
    updateTriggers: { getText: o.symbols, getPosition: o.geometry },
  });
}
