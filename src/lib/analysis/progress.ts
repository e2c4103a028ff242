/**
 * Progress and cancellation for long permutation loops (issue 4: "all heavy loops in the
 * worker, with progress and cancel"). Loops call `tick(done)`; it reports at most ~100 times
 * and throws `CancelledError` when `isCancelled()` turns true.
 */
import { invalid } from '../contract/errors.ts';

export interface LoopHooks {
  /** fraction in [0, 1] */
  onProgress?: (fraction: number) => void;
  isCancelled?: () => boolean;
}

/** Thrown out of a loop when the caller cancelled it. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** Returns `tick(done)` for a loop of `total` steps. */
export function makeTicker(total: number, hooks: LoopHooks = {}): (done: number) => void {
  const step = Math.max(1, Math.floor(total / 100));
  let next = 0;
  return (done: number) => {
    if (done < next && done < total) return;
    next = done + step;
    if (hooks.isCancelled?.()) throw new CancelledError();
    hooks.onProgress?.(total > 0 ? Math.min(1, done / total) : 1);
  };
}

/** Validates a permutation count (0 = no permutations). */
export function checkPermutations(r: number): number {
  if (!Number.isInteger(r) || r < 0 || r > 1e6) throw invalid('permutations', `${r}`);
  return r;
}

/**
 * Folded one-sided pseudo p-value (PySAL/GeoDa convention): with `larger` = #(null ≥ observed),
 * use min(larger, R − larger), p = (that + 1)/(R + 1) (METHODS.md §5: (M + 1)/(R + 1)).
 */
export function foldedPseudoP(larger: number, r: number): number {
  const m = r - larger < larger ? r - larger : larger;
  return (m + 1) / (r + 1);
}

/**
 * A long loop written as a generator that yields its progress fraction now and then and
 * returns the result. `runSteps` drives it synchronously (CLI, tests); `runStepsAsync` pauses
 * between steps so a worker can receive a cancel message — both give identical results.
 */
export type Steps<T> = Generator<number, T, void>;

/** Yields every `total/100` steps: `if (due(i)) yield i / total`. */
export function stepper(total: number): (done: number) => boolean {
  const step = Math.max(1, Math.floor(total / 100));
  return (done) => done % step === 0;
}

/** Drives `steps` to the end; checks `isCancelled` and reports progress at each yield. */
export function runSteps<T>(steps: Steps<T>, hooks: LoopHooks = {}): T {
  for (;;) {
    const s = steps.next();
    if (s.done) {
      hooks.onProgress?.(1);
      return s.value;
    }
    if (hooks.isCancelled?.()) throw new CancelledError();
    hooks.onProgress?.(s.value);
  }
}

/**
 * Like `runSteps`, but awaits `pause()` (e.g. a zero timeout in a worker) whenever `sliceMs`
 * have passed since the last pause, so queued messages (cancel) are handled mid-loop.
 */
export async function runStepsAsync<T>(steps: Steps<T>, hooks: LoopHooks & { pause: () => Promise<void>; sliceMs?: number }): Promise<T> {
  const slice = hooks.sliceMs ?? 40;
  let last = Date.now();
  for (;;) {
    const s = steps.next();
    if (s.done) {
      hooks.onProgress?.(1);
      return s.value;
    }
    if (Date.now() - last >= slice) {
      await hooks.pause();
      last = Date.now();
    }
    if (hooks.isCancelled?.()) throw new CancelledError();
    hooks.onProgress?.(s.value);
  }
}
