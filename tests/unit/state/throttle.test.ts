import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../../../src/lib/state/throttle';

describe('throttle: at most one visible change per interval', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const clock = () => Date.now();

  it('applies the first value at once, holds later ones and applies only the newest after the interval', () => {
    const seen: string[] = [];
    const t = throttle<string>(400, (v) => seen.push(v), clock);
    t.push('a');
    expect(seen).toEqual(['a']);
    vi.advanceTimersByTime(100);
    t.push('b');
    t.push('c');
    expect(seen).toEqual(['a']);
    vi.advanceTimersByTime(299);
    expect(seen).toEqual(['a']);
    vi.advanceTimersByTime(1);
    // 400 ms after 'a': the newest held value, 'b' is never shown
    expect(seen).toEqual(['a', 'c']);
  });

  it('a value after a quiet interval is applied at once again', () => {
    const seen: (number | null)[] = [];
    const t = throttle<number | null>(400, (v) => seen.push(v), clock);
    t.push(1);
    vi.advanceTimersByTime(1000);
    t.push(null);
    expect(seen).toEqual([1, null]);
    vi.advanceTimersByTime(50);
    t.push(2);
    // the interval counts from the last applied value (null at 1000 ms) → 2 at 1400 ms
    vi.advanceTimersByTime(349);
    expect(seen).toEqual([1, null]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([1, null, 2]);
  });

  it('the last value of a burst always arrives; cancel drops a held one', () => {
    const seen: number[] = [];
    const t = throttle<number>(400, (v) => seen.push(v), clock);
    for (let i = 0; i < 10; i++) {
      t.push(i);
      vi.advanceTimersByTime(90);
    }
    vi.advanceTimersByTime(1000);
    // 10 values in 900 ms → shown at 0, 400, 800 and the last one (9) at 1200 ms
    expect(seen).toEqual([0, 4, 8, 9]);
    t.push(10);
    t.push(11);
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([0, 4, 8, 9, 10]);
  });
});
