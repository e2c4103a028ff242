/**
 * Progress and cancellation for long permutation loops (issue 4: "all heavy loops in the
 * worker, with progress and cancel"). Loops call `tick(done)`; it reports at most ~100 times
 * and throws `CancelledError` when `isCancelled()` turns true.
 */

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
  if (!Number.isInteger(r) || r < 0 || r > 1e6) throw new Error(`invalid permutations: ${r}`);
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
