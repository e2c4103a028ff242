import { ALL_ROWS, rowWindow, scrollToRow, type RowWindow } from './rowWindow';

/**
 * The scroll state behind a long table's row window (`rowWindow`): the scroll container's position
 * and height, and the height of a rendered row (measured: the presenter mode's larger type makes
 * rows taller). One instance per table; the map table, the coverage table and the service list use it.
 *
 * Use: `{@attach tw.attach}` on the scroll container, `tw.slice(order)` for the rows to render,
 * `tw.measure(n)` after the rows rendered, `tw.reveal(pos, n)` to bring row `pos` into view.
 */
export class TableWindow {
  scrollTop = $state(0);
  viewHeight = $state(0);
  rowHeight = $state(24);
  #el: HTMLElement | null = null;

  /** `rowSelector` finds a rendered data row (not a spacer) inside the container. */
  constructor(
    private readonly rowSelector: string,
    readonly all = ALL_ROWS,
    private readonly overscan = 20,
  ) {}

  /** Attachment for the scroll container: follows its scrolling and its height (the panel can be resized). */
  attach = (el: HTMLElement): (() => void) => {
    this.#el = el;
    const onScroll = () => {
      this.scrollTop = el.scrollTop;
      this.viewHeight = el.clientHeight;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    // before its height is known the window assumes a tall view (jsdom has no ResizeObserver)
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => (this.viewHeight = el.clientHeight));
    ro?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro?.disconnect();
      if (this.#el === el) this.#el = null;
    };
  };

  /** The rows of n to render now (all of them up to `all`). */
  of(n: number): RowWindow {
    return rowWindow(n, this.scrollTop, this.viewHeight, this.rowHeight, this.all, this.overscan);
  }

  /** The window over the rows of a table in its order: which to render, and whether it is windowed (`long`). */
  slice<T>(order: T[]): { win: RowWindow; long: boolean; shown: T[] } {
    const win = this.of(order.length);
    const long = win.end - win.start < order.length;
    return { win, long, shown: long ? order.slice(win.start, win.end) : order };
  }

  /** Takes the height of a rendered row; only a windowed table needs it (its spacers), so a short one is not measured. */
  measure(n: number): void {
    if (n <= this.all || !this.#el) return;
    const h = this.#el.querySelector<HTMLElement>(this.rowSelector)?.getBoundingClientRect().height ?? 0;
    if (h > 0 && Math.abs(h - this.rowHeight) > 0.5) this.rowHeight = h;
  }

  /**
   * Scrolls so that row `pos` (of n, in the table's order) is inside the rendered window and in view
   * under the sticky header; the caller then scrolls the rendered row itself into view.
   */
  reveal(pos: number, n: number): void {
    const el = this.#el;
    if (!el || pos < 0 || n <= this.all) return;
    const head = el.querySelector('thead')?.offsetHeight ?? 0;
    const to = scrollToRow(pos, el.scrollTop, el.clientHeight, this.rowHeight, head);
    if (to !== null) el.scrollTop = this.scrollTop = to;
  }
}
