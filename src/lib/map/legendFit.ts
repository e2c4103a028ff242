/**
 * Fit padding that keeps the areas clear of the map legend (QA-22: at 1024 px the legend covered
 * the western Gemeinden of the Kreis demo). The legend sits in the bottom-left corner; the areas
 * move right of it and/or above it — only as far as their vertices need (a round Kreis leaves the
 * box's corner empty): of all paddings on a grid (left × bottom) that leave no vertex under the
 * legend the one with the largest view wins. When that would shrink the areas below a third of the
 * plain fit (a very narrow map) the plain fit stays; the legend can be folded away.
 */
import { fitView, projector, type Padding } from './view';

/** The legend's box in map pixels (relative to the map's top-left corner). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Map width (CSS px) below which the legend is compact (Legend.svelte `compact`): 700 is the map
 * beside the open side panel in a 1100 px window, where the window rule (qa5) switched. It is the
 * map's width that counts — a folded side panel gives a 1024 px screen a wide map, presenter mode's
 * wider panel a narrower one (MapLegend.svelte observes it).
 */
export const COMPACT_LEGEND_BELOW = 700;

/**
 * Share of the map's height the full legend may take; above it the legend is compact too (qa7): a low
 * map — 1024 × 768 with the data grid open below, a long legend such as the 12 groups of status ×
 * dynamics — keeps more room for the areas.
 */
export const COMPACT_LEGEND_HEIGHT_SHARE = 0.5;
/**
 * The full legend's height per compact height, for a legend seen only in its compact form (type
 * 0.85 → 0.75 rem, the column heads, the long footnote; measured 1.13–1.17 at 1024 × 768): the guess
 * that decides whether a widened or higher map may show the full legend again. A full legend that
 * then turns out too tall is measured, and that measurement decides from then on (no back and forth).
 */
export const FULL_PER_COMPACT = 1.2;

/**
 * Whether a map `width` × `height` px gets the compact legend: narrower than {@link COMPACT_LEGEND_BELOW},
 * or the full legend (`fullHeight` px; null = not known yet) taller than {@link COMPACT_LEGEND_HEIGHT_SHARE}
 * of the map's height. 0 = not laid out yet: not compact.
 */
export function compactLegendAt(width: number, height = 0, fullHeight: number | null = null): boolean {
  if (width > 0 && width < COMPACT_LEGEND_BELOW) return true;
  return height > 0 && fullHeight !== null && fullHeight > COMPACT_LEGEND_HEIGHT_SHARE * height;
}

/** At most this many vertices are checked (every k-th), so a fine geometry stays cheap. */
const MAX_POINTS = 3000;
/** grid steps per side (left padding × bottom padding) */
const STEPS = 10;
/** the areas keep at least a third of their plain size (log2 3 zoom steps) */
const MAX_ZOOM_LOSS = Math.log2(3);

export function legendClearPadding(
  bbox: [number, number, number, number], width: number, height: number, legend: Box | null,
  points: Float64Array | null = null, base = 30, gap = 12,
): Padding {
  const pad: Padding = { top: base, right: base, bottom: base, left: base };
  const plain = legend ? fitView(bbox, width, height, pad) : null;
  if (!legend || !plain) return pad;
  const box = { left: legend.left - gap, top: legend.top - gap, right: legend.right + gap, bottom: legend.bottom + gap };
  // the vertices (sampled) in the plain view's pixels; without vertices the box counts as filled
  const p = projector(plain, width, height);
  const px: number[] = [];
  const push = (lon: number, lat: number) => px.push(...p(lon, lat));
  const n = points ? points.length / 2 : 0;
  if (n > 0) {
    const stride = Math.max(1, Math.ceil(n / MAX_POINTS));
    for (let i = 0; i < n; i += stride) push(points![2 * i], points![2 * i + 1]);
  } else {
    for (let a = 0; a <= 20; a++) for (let b = 0; b <= 20; b++) push(bbox[0] + ((bbox[2] - bbox[0]) * a) / 20, bbox[1] + ((bbox[3] - bbox[1]) * b) / 20);
  }
  /** no point under the legend in the view with centre (lon, lat) and `zoom` (pitch/bearing 0: an affine map of the plain view) */
  const clear = (lon: number, lat: number, zoom: number): boolean => {
    const [cx, cy] = p(lon, lat);
    const s = 2 ** (zoom - plain.zoom);
    for (let i = 0; i < px.length; i += 2) {
      const x = (px[i] - cx) * s + width / 2, y = (px[i + 1] - cy) * s + height / 2;
      if (x > box.left && x < box.right && y > box.top && y < box.bottom) return false;
    }
    return true;
  };
  if (clear(plain.longitude, plain.latitude, plain.zoom)) return pad;
  let best: Padding | null = null;
  let bestZoom = -Infinity;
  const maxLeft = Math.max(0, box.right - base), maxBottom = Math.max(0, height - box.top - base);
  for (let a = 0; a <= STEPS; a++) {
    for (let b = 0; b <= STEPS; b++) {
      if (a === 0 && b === 0) continue;
      const c: Padding = { ...pad, left: base + (a / STEPS) * maxLeft, bottom: base + (b / STEPS) * maxBottom };
      const v = fitView(bbox, width, height, c);
      if (v && v.zoom > bestZoom && clear(v.longitude, v.latitude, v.zoom)) [best, bestZoom] = [c, v.zoom];
    }
  }
  return best && bestZoom >= plain.zoom - MAX_ZOOM_LOSS ? best : pad;
}
