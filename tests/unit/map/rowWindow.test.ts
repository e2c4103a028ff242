import { describe, expect, it } from 'vitest';
import { ALL_ROWS, rowWindow, scrollToRow } from '../../../src/lib/map/rowWindow';

describe('rowWindow: the rows of a long table put into the page', () => {
  it('renders every row of a table up to ALL_ROWS areas', () => {
    expect(rowWindow(ALL_ROWS, 5000, 300, 20)).toEqual({ start: 0, end: ALL_ROWS, above: 0, below: 0 });
  });

  it('renders the rows in view and 20 on each side, the rest as space of the same height', () => {
    // 10 000 rows of 20 px, a 300 px view scrolled to 120 000 px: rows 6000 … 6014 are in view
    const w = rowWindow(10_000, 120_000, 300, 20);
    expect(w).toEqual({ start: 5980, end: 6035, above: 5980 * 20, below: (10_000 - 6035) * 20 });
    // the spacers and the rows add up to the whole table's height: the scroll bar stays true
    expect(w.above + (w.end - w.start) * 20 + w.below).toBe(10_000 * 20);
  });

  it('stays inside the table at both ends, and before the view has a height assumes a tall one', () => {
    expect(rowWindow(1000, 0, 300, 20)).toMatchObject({ start: 0, end: 35, above: 0 });
    expect(rowWindow(1000, 1e9, 300, 20)).toMatchObject({ end: 1000, below: 0 });
    expect(rowWindow(1000, 0, 0, 20).end).toBe(60);
  });
});

describe('scrollToRow: a selected row brought into view', () => {
  // rows of 20 px under a 30 px header, a 330 px view: 15 rows visible
  it('leaves the scroll position alone when the row is in view', () => {
    expect(scrollToRow(10, 0, 330, 20, 30)).toBeNull();
    expect(scrollToRow(14, 0, 330, 20, 30)).toBeNull();
  });

  it('scrolls just far enough: a row below comes to the bottom, a row above to the top (under the header)', () => {
    expect(scrollToRow(15, 0, 330, 20, 30)).toBe(20);
    expect(scrollToRow(500, 0, 330, 20, 30)).toBe(501 * 20 - 300);
    expect(scrollToRow(3, 2000, 330, 20, 30)).toBe(60);
  });
});
