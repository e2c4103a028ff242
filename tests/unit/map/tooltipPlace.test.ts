import { describe, expect, it } from 'vitest';
import { tooltipPlacement } from '../../../src/lib/map/tooltipPlace';

// A 1000 × 600 map: the box sits beside the pointer on the side with more room and is never wider than that room.
describe('tooltipPlacement', () => {
  it('left half, upper part: right of and below the pointer, as wide as the room to the right allows (at most 28 rem)', () => {
    expect(tooltipPlacement(100, 50, 1000, 600)).toEqual({ transform: 'translate(112px, 62px)', maxWidth: 'min(28rem, 876px)', whiteSpace: 'pre-wrap' });
  });

  it('near the right edge: the box ends left of the pointer, its width limited by the room to the left', () => {
    expect(tooltipPlacement(950, 100, 1000, 600)).toEqual({ transform: 'translate(calc(938px - 100%), 112px)', maxWidth: 'min(28rem, 926px)', whiteSpace: 'pre-wrap' });
  });

  it('near the bottom: above the pointer', () => {
    expect(tooltipPlacement(300, 550, 1000, 600).transform).toBe('translate(312px, calc(538px - 100%))');
    expect(tooltipPlacement(700, 590, 1000, 600).transform).toBe('translate(calc(688px - 100%), calc(578px - 100%))');
  });

  it('a narrow map still gets a readable box (at least 160 px)', () => {
    expect(tooltipPlacement(20, 20, 200, 300).maxWidth).toBe('min(28rem, 160px)');
  });
});
