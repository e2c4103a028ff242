import { describe, expect, it } from 'vitest';
import { ringSelfIntersects } from '../../../src/lib/geo/selfIntersection';

describe('ringSelfIntersects', () => {
  it('finds a bow-tie', () => {
    expect(ringSelfIntersects([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])).toBe(true);
  });
  it('accepts a square, a concave L and a triangle', () => {
    expect(ringSelfIntersects([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toBe(false);
    expect(ringSelfIntersects([[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]])).toBe(false);
    expect(ringSelfIntersects([[0, 0], [1, 0], [0, 1], [0, 0]])).toBe(false);
  });
  it('finds a ring that touches itself at a vertex', () => {
    expect(ringSelfIntersects([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]])).toBe(true);
  });
});
