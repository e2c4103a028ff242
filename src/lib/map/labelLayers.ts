/**
 * deck.gl layers for placed area labels ({@link viewLabels}): one `TextLayer` for black text with
 * a white halo and one for white text with a black halo (a TextLayer has one outline colour), and a
 * boxed label for the area under the pointer when its name was dropped for lack of room.
 */
import { TextLayer } from '@deck.gl/layers';
import type { PreparedGeometry } from '../geo/prepare';
import { LABEL_FONT_FAMILY } from './layers';
import { LABEL_DARK, LABEL_LIGHT } from './labelStyle';
import type { ViewLabels } from './labels';

export const LABEL_LAYER_IDS = { dark: 'labels-dark', light: 'labels-light', hover: 'label-hover' } as const;

// Glyphs are drawn at 32 px for labels shown at 12–16 px (2× and more); the distance field reaches
// 6 px, enough for the widest halo (1.8 px at 12 px, 2.6 px at 16 px = 4.8 / 5.2 atlas px). At
// deck.gl's usual 64 px (radius 12, buffer 8) the atlas of a map's names took ≈ 0.1 s in the frame
// that draws the first map (each glyph's distance field is computed over (size + 2 · buffer)² pixels).
const ATLAS_PX = 32;
const SDF_RADIUS = 6;
const SDF_BUFFER = 4;

interface Item {
  f: number;
  offset: [number, number];
}

/** The two label layers for `placed` (from {@link viewLabels}); `sizePx` and `haloPx` as placed. */
export function placedLabelLayers(o: { geometry: PreparedGeometry; texts: readonly (string | null | undefined)[]; placed: ViewLabels; sizePx: number; haloPx: number; bold?: boolean }) {
  const { labels } = o.geometry;
  const groups: Record<'dark' | 'light', Item[]> = { dark: [], light: [] };
  o.placed.rows.forEach((f, k) => groups[o.placed.dark[k] ? 'dark' : 'light'].push({ f, offset: o.placed.offsets[k] }));
  return (['dark', 'light'] as const).map((kind) => {
    const text = kind === 'dark' ? LABEL_DARK : LABEL_LIGHT;
    const halo = kind === 'dark' ? LABEL_LIGHT : LABEL_DARK;
    return new TextLayer<Item>({
      id: LABEL_LAYER_IDS[kind],
      data: groups[kind],
      getText: (d: Item) => String(o.texts[d.f]),
      getPosition: (d: Item) => [labels[2 * d.f], labels[2 * d.f + 1]],
      getPixelOffset: (d: Item) => d.offset,
      getSize: o.sizePx,
      sizeUnits: 'pixels',
      getColor: [text[0], text[1], text[2], 255],
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      characterSet: 'auto',
      fontFamily: LABEL_FONT_FAMILY,
      fontWeight: o.bold ? 600 : 'normal',
      // SDF outline = halo; deck.gl measures it in atlas pixels (glyphs drawn at ATLAS_PX), at most the SDF radius
      fontSettings: { sdf: true, fontSize: ATLAS_PX, buffer: SDF_BUFFER, radius: SDF_RADIUS },
      // a black halo under white text only needs to separate it from borders: thinner and softer
      outlineWidth: Math.min(0.9 * SDF_RADIUS, ((kind === 'dark' ? 1 : 0.7) * o.haloPx * ATLAS_PX) / o.sizePx),
      outlineColor: [halo[0], halo[1], halo[2], kind === 'dark' ? 235 : 150],
      pickable: false,
      updateTriggers: { getText: o.texts, getPosition: o.geometry, getPixelOffset: o.placed },
    });
  });
}

/** The hovered area's name in a white box (drawn above everything, for dropped labels). */
export function hoverLabelLayer(o: { geometry: PreparedGeometry; feature: number | null; text: string | null; sizePx: number }) {
  const f = o.feature;
  const ok = f !== null && o.text && Number.isFinite(o.geometry.labels[2 * (f ?? 0)]);
  return new TextLayer<number>({
    id: LABEL_LAYER_IDS.hover,
    data: ok ? [f!] : [],
    getText: () => o.text ?? '',
    getPosition: (d: number) => [o.geometry.labels[2 * d], o.geometry.labels[2 * d + 1]],
    getSize: o.sizePx,
    sizeUnits: 'pixels',
    getColor: [0, 0, 0, 255],
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    characterSet: 'auto',
    fontFamily: LABEL_FONT_FAMILY,
    background: true,
    getBackgroundColor: [255, 255, 255, 245],
    getBorderColor: [0, 0, 0, 255],
    getBorderWidth: 1,
    backgroundPadding: [4, 2],
    visible: !!ok,
    pickable: false,
    updateTriggers: { getText: o.text },
  });
}
