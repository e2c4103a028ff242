/**
 * Where the tour's step box goes (pure): beside the control it points at — right, left, below or
 * above, whichever side has room — always inside the viewport; over large targets (the map) in
 * their top-right corner; centred when there is no target.
 */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const GAP = 14;
const MARGIN = 8;

/** Top-left corner of a box of `size` for `target` in a viewport of `view`. */
export function placeTourBox(target: Rect | null, size: { w: number; h: number }, view: { w: number; h: number }): { x: number; y: number; side: 'right' | 'left' | 'below' | 'above' | 'inside' | 'centre' } {
  const clampX = (x: number) => Math.max(MARGIN, Math.min(view.w - size.w - MARGIN, x));
  const clampY = (y: number) => Math.max(MARGIN, Math.min(view.h - size.h - MARGIN, y));
  if (!target) return { x: clampX((view.w - size.w) / 2), y: clampY((view.h - size.h) / 2), side: 'centre' };
  const big = target.w * target.h > 0.25 * view.w * view.h;
  if (!big) {
    if (target.x + target.w + GAP + size.w + MARGIN <= view.w) return { x: target.x + target.w + GAP, y: clampY(target.y), side: 'right' };
    if (target.x - GAP - size.w >= MARGIN) return { x: target.x - GAP - size.w, y: clampY(target.y), side: 'left' };
    if (target.y + target.h + GAP + size.h + MARGIN <= view.h) return { x: clampX(target.x), y: target.y + target.h + GAP, side: 'below' };
    if (target.y - GAP - size.h >= MARGIN) return { x: clampX(target.x), y: target.y - GAP - size.h, side: 'above' };
  }
  return { x: clampX(target.x + target.w - size.w - GAP), y: clampY(target.y + GAP), side: 'inside' };
}
