/**
 * Long computations (imports, permutations, Monte Carlo …) are tasks with progress, cancel, done
 * and error, run by one runner on each side of the worker boundary:
 * - engine side: `TaskRunner` (`src/lib/engine/tasks.ts`), `engine.tasks.run(fn, { onProgress, id })`;
 * - UI side: `AppState.run` / `TaskState` (`src/lib/state/task.svelte.ts`).
 * A long worker call takes `(…request, onProgress?: ProgressFn, taskId?: TaskId)` as its last
 * two parameters; `engine.cancel(taskId)` stops it at its next checkpoint with code `cancelled`.
 */

/** `fraction` in [0, 1]; `stage` is a key of a `stage.<stage>` (or area-specific) string. */
export type ProgressFn = (fraction: number, stage: string) => void;

/** Chosen by the UI side (unique per page), so a cancel can name the task it means. */
export type TaskId = number;
