/**
 * Collision-free placement of area labels in screen space (issue 13). Greedy by priority, as map
 * label engines do (MapLibre's symbol placement, QGIS PAL): each label tries its anchor, then a few
 * nearby offsets that keep it over its own area; the first position whose box is inside the view
 * and overlaps no placed box wins, else the label is dropped (the map shows it on hover). Pure:
 * pixel boxes in, placements out; a uniform grid keeps the overlap test near O(1) per label.
 */
import { invalid } from '../contract/errors';

/** One label to place: anchor and size in CSS pixels, higher `priority` first. */
export interface LabelInput {
  x: number;
  y: number;
  width: number;
  height: number;
  priority: number;
  /**
   * Where the label's centre may go: the area's screen bbox [x0, y0, x1, y1]. Offsets that leave it
   * are not tried, so a label never wanders onto a neighbour. Absent: only the anchor is tried.
   */
  room?: readonly [number, number, number, number];
}

/** A placed label: its input index, centre (after offset), offset from the anchor and box. */
export interface PlacedLabel {
  index: number;
  x: number;
  y: number;
  dx: number;
  dy: number;
  box: [number, number, number, number];
}

export interface PlacementOptions {
  /** viewport size; boxes must lie fully inside [0, width] × [0, height] */
  width: number;
  height: number;
  /** free pixels kept between two labels (default 2) */
  gap?: number;
  /** indices placed before all others (e.g. the selected area) */
  first?: readonly number[];
  /** boxes no label may touch: the legend, map controls, the scale bar */
  blocked?: readonly (readonly [number, number, number, number])[];
}

export interface Placement {
  placed: PlacedLabel[];
  dropped: number[];
}

/** Offsets tried after the anchor, in units of the label's height (rows) and half-width (cols). */
const OFFSETS: readonly [number, number][] = [
  [0, -1], [0, 1], [0.5, -0.5], [-0.5, -0.5], [0.5, 0.5], [-0.5, 0.5], [0, -2], [0, 2], [1, 0], [-1, 0],
];

const CELL = 64;

/** True when boxes `a` and `b` overlap, counting `gap` pixels of clearance. */
export function boxesIntersect(a: readonly number[], b: readonly number[], gap = 0): boolean {
  return a[0] < b[2] + gap && b[0] < a[2] + gap && a[1] < b[3] + gap && b[1] < a[3] + gap;
}

/**
 * Place `labels` without overlaps. Order: `first`, then by descending priority (ties by index).
 * Non-finite anchors and labels with no room in view are dropped. @throws `invalid viewport: …`
 */
export function placeLabels(labels: readonly LabelInput[], o: PlacementOptions): Placement {
  if (!(o.width > 0) || !(o.height > 0)) throw invalid('viewport', `${o.width}×${o.height}`);
  const gap = o.gap ?? 2;
  const firstSet = new Set(o.first ?? []);
  const order = labels.map((_, i) => i);
  order.sort((a, b) => Number(firstSet.has(b)) - Number(firstSet.has(a)) || labels[b].priority - labels[a].priority || a - b);
  const grid = new Map<number, number[]>();
  // obstacles share the grid with placed labels; `placed` is cut back to the labels at the end
  const placed: PlacedLabel[] = [];
  const dropped: number[] = [];
  const cols = Math.ceil(o.width / CELL) + 2;
  const key = (cx: number, cy: number) => (cy + 1) * cols + (cx + 1);

  const free = (box: number[]): boolean => {
    const cx0 = Math.floor((box[0] - gap) / CELL), cx1 = Math.floor((box[2] + gap) / CELL);
    const cy0 = Math.floor((box[1] - gap) / CELL), cy1 = Math.floor((box[3] + gap) / CELL);
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        for (const p of grid.get(key(cx, cy)) ?? []) if (boxesIntersect(box, placed[p].box, gap)) return false;
      }
    }
    return true;
  };
  const add = (p: PlacedLabel): void => {
    const k = placed.push(p) - 1;
    // clamp to the view's cells (an obstacle may reach past the edge)
    const cy0 = Math.max(-1, Math.floor(p.box[1] / CELL)), cy1 = Math.min(Math.ceil(o.height / CELL), Math.floor(p.box[3] / CELL));
    const cx0 = Math.max(-1, Math.floor(p.box[0] / CELL)), cx1 = Math.min(cols - 2, Math.floor(p.box[2] / CELL));
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        const kk = key(cx, cy);
        const list = grid.get(kk);
        if (list) list.push(k);
        else grid.set(kk, [k]);
      }
    }
  };

  for (const b of o.blocked ?? []) add({ index: -1, x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2, dx: 0, dy: 0, box: [b[0], b[1], b[2], b[3]] });
  const obstacles = placed.length;

  for (const i of order) {
    const l = labels[i];
    if (![l.x, l.y, l.width, l.height].every(Number.isFinite) || l.width <= 0 || l.height <= 0) {
      dropped.push(i);
      continue;
    }
    let done = false;
    const tries: [number, number][] = [[0, 0]];
    if (l.room) for (const [c, r] of OFFSETS) tries.push([c * (l.width / 2), r * l.height]);
    for (const [dx, dy] of tries) {
      const x = l.x + dx;
      const y = l.y + dy;
      if (l.room && (dx || dy) && (x < l.room[0] || x > l.room[2] || y < l.room[1] || y > l.room[3])) continue;
      const box: [number, number, number, number] = [x - l.width / 2, y - l.height / 2, x + l.width / 2, y + l.height / 2];
      if (box[0] < 0 || box[1] < 0 || box[2] > o.width || box[3] > o.height) continue;
      if (!free(box)) continue;
      add({ index: i, x, y, dx, dy, box });
      done = true;
      break;
    }
    if (!done) dropped.push(i);
  }
  return { placed: placed.slice(obstacles), dropped };
}
