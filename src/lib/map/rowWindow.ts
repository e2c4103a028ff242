/**
 * Which rows of a long table to put into the page: a table of 10 000 areas as 10 000 rows is 60 000
 * elements, ≈ 1.5 s of the main thread before the map's first frame (≈ 9 s for 50 000; measured in
 * docs/performance.md, „Eleventh round“). Up to
 * `all` rows every row is rendered (the table stays complete for find-in-page and screen readers);
 * above, the rows in view and `overscan` rows on each side, with spacers for the rest. The data grid
 * (`DataGrid.svelte`, `all` 0) uses the same window.
 */
export interface RowWindow {
  start: number;
  end: number;
  /** heights (px) of the space above and below the rendered rows */
  above: number;
  below: number;
}

export const ALL_ROWS = 300;

export function rowWindow(n: number, scrollTop: number, viewHeight: number, rowHeight: number, all = ALL_ROWS, overscan = 20): RowWindow {
  if (n <= all || !(rowHeight > 0)) return { start: 0, end: n, above: 0, below: 0 };
  // a view not laid out yet (height 0) shows the first screenful it will have
  const view = viewHeight > 0 ? viewHeight : 800;
  const first = Math.min(n - 1, Math.max(0, Math.floor(scrollTop / rowHeight)));
  const start = Math.max(0, first - overscan);
  // through the row the view's bottom edge cuts
  const end = Math.min(n, Math.ceil((scrollTop + view) / rowHeight) + overscan);
  return { start, end, above: start * rowHeight, below: (n - end) * rowHeight };
}

/** The scroll position that brings row `pos` into a view of `viewHeight` (under a header of `headHeight`), or null when it is in view. */
export function scrollToRow(pos: number, scrollTop: number, viewHeight: number, rowHeight: number, headHeight: number): number | null {
  const top = pos * rowHeight;
  const visible = viewHeight - headHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + visible) return top + rowHeight - visible;
  return null;
}
