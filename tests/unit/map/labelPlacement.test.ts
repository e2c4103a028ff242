import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boxesIntersect, placeLabels, type LabelInput } from '../../../src/lib/map/labelPlacement';
import { blendOver, contrastRatio, labelColorsFor, relativeLuminance } from '../../../src/lib/map/labelStyle';
import { PALETTES, paletteColors, NO_VALUE_COLOR } from '../../../src/lib/map/palettes';
import { LISA_COLORS } from '../../../src/lib/map/analysisMaps';

const label = fc.record({
  x: fc.double({ min: -50, max: 850, noNaN: true }),
  y: fc.double({ min: -50, max: 650, noNaN: true }),
  width: fc.double({ min: 10, max: 160, noNaN: true }),
  height: fc.double({ min: 8, max: 24, noNaN: true }),
  priority: fc.double({ min: 0, max: 1e6, noNaN: true }),
  room: fc.option(fc.tuple(fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: 0, max: 60, noNaN: true })), { nil: undefined }),
});

function withRoom(ls: { x: number; y: number; width: number; height: number; priority: number; room?: [number, number] }[]): LabelInput[] {
  return ls.map((l) => ({ ...l, room: l.room ? [l.x - l.room[0], l.y - l.room[1], l.x + l.room[0], l.y + l.room[1]] as const : undefined }));
}

describe('label placement', () => {
  it('never places two label boxes that intersect, and keeps every box in view (property)', () => {
    fc.assert(
      fc.property(fc.array(label, { maxLength: 250 }), fc.integer({ min: 0, max: 6 }), fc.array(fc.tuple(fc.integer({ min: -100, max: 800 }), fc.integer({ min: -100, max: 600 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 300 })), { maxLength: 3 }), (raw, gap, obst) => {
        const labels = withRoom(raw);
        const blocked = obst.map(([x, y, w, h]) => [x, y, x + w, y + h] as const);
        const { placed, dropped } = placeLabels(labels, { width: 800, height: 600, gap, blocked });
        // nothing under the legend or the controls
        for (const p of placed) for (const b of blocked) expect(boxesIntersect(p.box, b, gap)).toBe(false);
        for (let a = 0; a < placed.length; a++) {
          const A = placed[a].box;
          expect(A[0]).toBeGreaterThanOrEqual(0);
          expect(A[1]).toBeGreaterThanOrEqual(0);
          expect(A[2]).toBeLessThanOrEqual(800);
          expect(A[3]).toBeLessThanOrEqual(600);
          for (let b = a + 1; b < placed.length; b++) expect(boxesIntersect(A, placed[b].box, gap)).toBe(false);
        }
        // each label is either placed or dropped, once
        const seen = [...placed.map((p) => p.index), ...dropped].sort((x, y) => x - y);
        expect(seen).toEqual(labels.map((_, i) => i));
        // an offset label stays over its own area
        for (const p of placed) {
          const r = labels[p.index].room;
          if (p.dx || p.dy) {
            expect(r).toBeDefined();
            expect(p.x).toBeGreaterThanOrEqual(r![0]);
            expect(p.x).toBeLessThanOrEqual(r![2]);
            expect(p.y).toBeGreaterThanOrEqual(r![1]);
            expect(p.y).toBeLessThanOrEqual(r![3]);
          }
        }
      }),
      { numRuns: 200, seed: 13 },
    );
  });

  it('places a dense city centre: the bigger area wins its spot, the smaller moves or is dropped', () => {
    // three labels stacked on the same spot, like „Altstadt-Nord“, „Marktviertel“, „Altstadt-Süd“
    const labels: LabelInput[] = [
      { x: 400, y: 300, width: 90, height: 14, priority: 10, room: [370, 280, 430, 320] },
      { x: 402, y: 302, width: 80, height: 14, priority: 50, room: [380, 270, 420, 340] },
      { x: 398, y: 299, width: 100, height: 14, priority: 5 },
    ];
    const { placed, dropped } = placeLabels(labels, { width: 800, height: 600 });
    const byIndex = new Map(placed.map((p) => [p.index, p]));
    // highest priority at its anchor
    expect(byIndex.get(1)).toMatchObject({ dx: 0, dy: 0 });
    // the second moved up or down by one line, still inside its area
    const second = byIndex.get(0)!;
    expect(Math.abs(second.dy)).toBe(14);
    // the third has no room to move: dropped
    expect(dropped).toEqual([2]);
  });

  it('puts `first` (the selected area) before everything else', () => {
    const labels: LabelInput[] = [
      { x: 100, y: 100, width: 60, height: 12, priority: 100 },
      { x: 100, y: 100, width: 60, height: 12, priority: 1 },
    ];
    expect(placeLabels(labels, { width: 300, height: 300 }).placed.map((p) => p.index)).toEqual([0]);
    expect(placeLabels(labels, { width: 300, height: 300, first: [1] }).placed.map((p) => p.index)).toEqual([1]);
  });

  it('drops labels outside the view or without a finite anchor, and rejects an empty viewport', () => {
    const r = placeLabels(
      [
        { x: -100, y: 50, width: 40, height: 10, priority: 1 },
        { x: NaN, y: 50, width: 40, height: 10, priority: 1 },
        { x: 50, y: 50, width: 40, height: 10, priority: 1 },
      ],
      { width: 200, height: 200 },
    );
    expect(r.placed.map((p) => p.index)).toEqual([2]);
    expect(r.dropped.sort()).toEqual([0, 1]);
    expect(() => placeLabels([], { width: 0, height: 10 })).toThrow(/invalid viewport/);
  });
});

describe('label contrast per class colour', () => {
  it('matches the WCAG reference values', () => {
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 6);
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 6);
    // WebAIM contrast checker: #777777 on white = 4.48:1
    expect(contrastRatio([0x77, 0x77, 0x77], [255, 255, 255])).toBeCloseTo(4.48, 2);
  });

  it('gives every class of every palette (and the LISA and no-value colours) a label of at least 4.5:1', () => {
    const fills: number[][] = [NO_VALUE_COLOR, ...LISA_COLORS];
    for (const p of PALETTES) for (let k = 2; k <= 9; k++) fills.push(...paletteColors(p.name, k));
    for (let g = 0; g <= 255; g++) fills.push([g, g, g]);
    for (const f of fills) {
      const shown = blendOver(f, 235);
      const c = labelColorsFor(shown);
      expect(c.contrast, `fill ${f}`).toBeGreaterThanOrEqual(4.5);
      // halo is the opposite of the text
      expect(c.halo).toEqual(c.dark ? [255, 255, 255] : [0, 0, 0]);
    }
  });

  it('puts white text on the darkest classes and black text on the lightest', () => {
    const ylorrd = paletteColors('YlOrRd', 5);
    expect(labelColorsFor(ylorrd[0]).dark).toBe(true);
    expect(labelColorsFor(ylorrd[4]).dark).toBe(false);
    expect(labelColorsFor([0, 0, 255]).dark).toBe(false); // LISA low-low blue
    expect(labelColorsFor([255, 0, 0]).dark).toBe(true); // LISA high-high red: black has 5.25:1, white 4.0:1
  });
});
