import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { TOURS } from '../../../src/lib/tour/tours';
import { EXERCISES, checkAreas, checkNumber, topAreas } from '../../../src/lib/tour/exercises';
import { placeTourBox } from '../../../src/lib/tour/placement';
import { allKeys, t } from '../../../src/i18n/index';

const SRC = path.resolve(import.meta.dirname, '../../../src');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(svelte|ts)$/.test(p) ? [p] : [];
  });
}

describe('tours', () => {
  it('every step has a title, a method sentence and a look-at hint in German and English', () => {
    const de = new Set(allKeys('de'));
    const en = new Set(allKeys('en'));
    const missing: string[] = [];
    for (const tour of TOURS) {
      for (const k of [`tour.${tour.id}.title`]) if (!de.has(k) || !en.has(k)) missing.push(k);
      for (const s of tour.steps) {
        for (const part of ['title', 'method', 'look']) {
          const k = `tour.${tour.id}.${s.id}.${part}`;
          if (!de.has(k) || !en.has(k)) missing.push(k);
        }
        // one sentence of method: short, plain
        expect(t(`tour.${tour.id}.${s.id}.method`, undefined, 'de').length).toBeLessThan(260);
      }
    }
    expect(missing).toEqual([]);
  });

  it('points at controls that exist in the app (data-testid targets are rendered somewhere)', () => {
    // components only: the tour definitions name the ids themselves
    const source = files(path.join(SRC, 'components')).map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const tour of TOURS) {
      const ids = new Set(tour.steps.map((s) => s.id));
      expect(ids.size).toBe(tour.steps.length);
      for (const s of tour.steps) {
        if (!s.target) continue;
        const m = /^\[data-testid="([^"]+)"\]$/.exec(s.target);
        expect(m, `${tour.id}/${s.id}: target should be a data-testid`).not.toBeNull();
        const id = m![1];
        // literal or template data-testid in a component
        const prefix = id.replace(/[a-z]+$/, '');
        const found = source.includes(`data-testid="${id}"`) || source.includes(`data-testid="${prefix}{`) || source.includes(`data-testid={\`${prefix}\${`);
        expect(found, `${tour.id}/${s.id}: ${id} not rendered`).toBe(true);
      }
    }
  });

  it('has the two tours of the issue with the URL ids', () => {
    expect(TOURS.map((x) => x.id)).toEqual(['einfuehrung', 'daten-zu-taten']);
    expect(TOURS[0].minutes).toBeLessThanOrEqual(3);
  });
});

describe('exercise checks', () => {
  it('compares chosen areas regardless of order and duplicates', () => {
    expect(checkAreas(['030', '064', '017'], ['017', '030', '064'])).toEqual({ ok: true, hits: 3, wrong: [] });
    expect(checkAreas(['030', '030', '017'], ['017', '030', '064'])).toMatchObject({ ok: false, hits: 2 });
    expect(checkAreas(['030', '011', ''], ['017', '030', '064'])).toEqual({ ok: false, hits: 1, wrong: ['011'] });
    expect(checkAreas(['030', '064', '017', '011'], ['017', '030', '064']).ok).toBe(false);
  });

  it('reads numbers as planners type them, German or English', () => {
    expect(checkNumber('0,32', 0.318, 0.005)).toEqual({ ok: true, value: 0.32 });
    expect(checkNumber('0.318', 0.318, 0.005).ok).toBe(true);
    expect(checkNumber(' 31,8 % ', 31.8, 0)).toEqual({ ok: true, value: 31.8 });
    expect(checkNumber('1.234,5', 1234.5, 0).ok).toBe(true);
    expect(checkNumber('0,33', 0.318, 0.005).ok).toBe(false);
    expect(checkNumber('viel', 0.318, 0.005)).toEqual({ ok: false, value: null });
    expect(checkNumber('', 0, 0)).toEqual({ ok: false, value: null });
    expect(checkNumber('7', 7, 0).ok).toBe(true);
    expect(checkNumber('−1,5', -1.5, 0).ok).toBe(true);
  });

  it('finds the largest values for the answer, skipping missing ones', () => {
    const r = topAreas(Float64Array.from([5, NaN, 9, 7, 9]), ['a', 'b', 'c', 'd', 'e'], ['A', 'B', 'C', 'D', 'E'], 3);
    expect(r.areas.map((x) => x.id)).toEqual(['c', 'e', 'd']);
    expect(r.values).toEqual([9, 9, 7]);
  });

  it('every exercise has its strings in both languages', () => {
    const de = new Set(allKeys('de'));
    const en = new Set(allKeys('en'));
    for (const ex of EXERCISES) for (const p of ['title', 'question', 'hint', 'explain']) {
      expect(de.has(`ex.${ex.id}.${p}`), `ex.${ex.id}.${p}`).toBe(true);
      expect(en.has(`ex.${ex.id}.${p}`), `ex.${ex.id}.${p}`).toBe(true);
    }
  });
});

describe('tour box placement', () => {
  const view = { w: 1280, h: 720 };
  const size = { w: 380, h: 220 };
  const inside = (p: { x: number; y: number }) => p.x >= 0 && p.y >= 0 && p.x + size.w <= view.w && p.y + size.h <= view.h;
  const overlaps = (p: { x: number; y: number }, r: { x: number; y: number; w: number; h: number }) =>
    p.x < r.x + r.w && r.x < p.x + size.w && p.y < r.y + r.h && r.y < p.y + size.h;

  it('goes beside a small control without covering it, and stays in the viewport', () => {
    for (const target of [
      { x: 10, y: 100, w: 380, h: 30 }, // a select in the side panel
      { x: 1100, y: 8, w: 90, h: 28 }, // the menu button top right
      { x: 420, y: 650, w: 300, h: 60 }, // low on the screen
      { x: 900, y: 300, w: 370, h: 80 },
    ]) {
      const p = placeTourBox(target, size, view);
      expect(inside(p)).toBe(true);
      expect(overlaps(p, target)).toBe(false);
    }
  });

  it('sits in the corner of a big target (the map) and in the centre without one', () => {
    const map = { x: 400, y: 42, w: 880, h: 400 };
    const p = placeTourBox(map, size, view);
    expect(p.side).toBe('inside');
    expect(inside(p)).toBe(true);
    expect(placeTourBox(null, size, view)).toMatchObject({ side: 'centre', x: 450, y: 250 });
  });
});
