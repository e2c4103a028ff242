/**
 * Area labels for the current view: project the label points, size the texts, place them without
 * overlaps ({@link placeLabels}) and colour each by its class ({@link labelColorsFor}). Pure given
 * the two callbacks the view supplies (the map's projection and a text measurer), so it runs in
 * unit tests with a fake projection.
 */
import type { PreparedGeometry } from '../geo/prepare';
import { labelledFeatures } from './binary';
import { placeLabels, type LabelInput } from './labelPlacement';
import { blendOver, labelColorsFor } from './labelStyle';
import type { RGB } from './palettes';

export interface ViewLabels {
  /** feature rows whose label is drawn */
  rows: number[];
  /** pixel offset of each drawn label from its label point, in `rows` order */
  offsets: [number, number][];
  /** black text (true) or white text (false), in `rows` order */
  dark: boolean[];
  /** feature rows whose label did not fit (shown on hover) */
  dropped: number[];
}

/** Whether two placements draw the same labels at the same places. */
export function sameLabels(a: ViewLabels | null, b: ViewLabels | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.rows.length !== b.rows.length || a.dropped.length !== b.dropped.length) return false;
  for (let i = 0; i < a.rows.length; i++) {
    if (a.rows[i] !== b.rows[i] || a.dark[i] !== b.dark[i] || a.offsets[i][0] !== b.offsets[i][0] || a.offsets[i][1] !== b.offsets[i][1]) return false;
  }
  for (let i = 0; i < a.dropped.length; i++) if (a.dropped[i] !== b.dropped[i]) return false;
  return true;
}

export interface ViewLabelOptions {
  /** viewport in CSS pixels */
  width: number;
  height: number;
  /** font size in px */
  size: number;
  /** halo width in px (adds to the label box on every side) */
  halo: number;
  /** feature placed first (the selected area) */
  first?: number | null;
  /** colour of each feature's fill (class colour), to choose the label colour */
  fillOf: (feature: number) => RGB;
  /** fill alpha as drawn (0…255) */
  alpha?: number;
  /** screen boxes labels must keep clear of (legend, controls) */
  blocked?: readonly (readonly [number, number, number, number])[];
}

/**
 * Labels for `texts[row]` of `g` in the current view. `project` maps lon/lat to CSS pixels,
 * `measure` gives a text's width in px at `o.size`.
 */
export function viewLabels(
  g: PreparedGeometry,
  texts: readonly (string | null | undefined)[],
  project: (lon: number, lat: number) => [number, number],
  measure: (text: string) => number,
  o: ViewLabelOptions,
): ViewLabels {
  const rows = Array.from(labelledFeatures(g)).filter((f) => !!texts[f]);
  const inputs: LabelInput[] = rows.map((f) => {
    const [x, y] = project(g.labels[2 * f], g.labels[2 * f + 1]);
    const b = g.featureBbox;
    const [ax, ay] = project(b[4 * f], b[4 * f + 3]);
    const [bx, by] = project(b[4 * f + 2], b[4 * f + 1]);
    return {
      x,
      y,
      width: measure(String(texts[f])) + 2 * o.halo,
      height: o.size * 1.2 + 2 * o.halo,
      // larger areas first: they have room and are what people orient by
      priority: g.areas[f] || 0,
      room: [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)] as const,
    };
  });
  const firstIdx = o.first === null || o.first === undefined ? [] : rows.indexOf(o.first) >= 0 ? [rows.indexOf(o.first)] : [];
  const { placed, dropped } = placeLabels(inputs, { width: o.width, height: o.height, gap: 2, first: firstIdx, blocked: o.blocked });
  return {
    rows: placed.map((p) => rows[p.index]),
    offsets: placed.map((p) => [p.dx, p.dy]),
    dark: placed.map((p) => labelColorsFor(blendOver(o.fillOf(rows[p.index]), o.alpha ?? 235)).dark),
    dropped: dropped.map((i) => rows[i]),
  };
}
