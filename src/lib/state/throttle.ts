/**
 * At most one visible change per `intervalMs`: the first value after a quiet interval is applied
 * at once, later ones are held and only the newest is applied when the interval has passed.
 *
 * Why: every change of what the page shows costs a new frame, and in software rendering (no GPU —
 * old laptops, virtual machines, the headless test browser) a frame of the whole window costs tens
 * of milliseconds of processor time. A busy bar that follows each short task and stage of a demo
 * start redrew the window a dozen times in 1.5 s; nobody can read labels that change that fast.
 */
export interface Throttle<T> {
  /** the newest value; applied now or when the interval has passed */
  push(value: T): void;
  /** drop a held value (the view is going away) */
  cancel(): void;
}

export function throttle<T>(intervalMs: number, apply: (value: T) => void, now: () => number = () => performance.now()): Throttle<T> {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let held: { value: T } | null = null;
  const flush = () => {
    timer = null;
    if (!held) return;
    const { value } = held;
    held = null;
    last = now();
    apply(value);
  };
  return {
    push(value) {
      held = { value };
      if (timer) return;
      const wait = last + intervalMs - now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      held = null;
    },
  };
}
