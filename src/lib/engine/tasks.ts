/**
 * The engine side of the one task runner (see `src/lib/contract/tasks.ts`): every long
 * computation runs through {@link TaskRunner.run}, which reports throttled progress, lets a
 * cancel request arrive between chunks and ends with the result, `cancelled`, or an error.
 */
import { AppError, cancelled, isCancelled } from '../contract/errors';
import type { ProgressFn, TaskId } from '../contract/tasks';
import { runStepsAsync, type LoopHooks, type Steps } from '../analysis/progress';

/** Handed to the work of one task. */
export interface TaskContext {
  readonly id: TaskId;
  /** Report progress (clamped, at most ~100 messages per task). */
  progress(fraction: number, stage?: string): void;
  /** Has a cancel been requested? (Import chunks and kernel loops poll it.) */
  isCancelled(): boolean;
  /** Yield to the event loop (a queued cancel can arrive), then throw `cancelled` if requested. */
  checkpoint(fraction?: number, stage?: string): Promise<void>;
  /**
   * Drive a resumable kernel loop (`Steps`) as the part [from, to] of this task's progress;
   * `stage` may name the stage from the loop's own fraction.
   */
  steps<T>(steps: Steps<T>, from?: number, to?: number, stage?: string | ((fraction: number) => string)): Promise<T>;
  /** Loop hooks for kernels that take `LoopHooks` directly. */
  hooks(from?: number, to?: number, stage?: string): LoopHooks;
}

export interface RunOptions {
  onProgress?: ProgressFn;
  /** the UI's id for this task; omitted = a fresh internal id */
  id?: TaskId;
  /** first stage reported (default 'start') */
  stage?: string;
}

const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));

export class TaskRunner {
  private running = new Map<TaskId, { cancelled: boolean }>();
  /** cancels that arrived before their task started (a fast click on „Abbrechen“) */
  private early = new Set<TaskId>();
  private nextId = -1;

  constructor(private pause: () => Promise<void> = yieldToEvents) {}

  /** Run `work` as a task. A cancel makes it reject with code `cancelled`. */
  async run<T>(work: (ctx: TaskContext) => Promise<T> | T, opts: RunOptions = {}): Promise<T> {
    const id = opts.id ?? this.nextId--;
    const state = { cancelled: this.early.delete(id) };
    this.running.set(id, state);
    let last = -1;
    let stageNow = opts.stage ?? 'start';
    const report = (f: number, stage = stageNow) => {
      if (!opts.onProgress) return;
      const x = Math.max(0, Math.min(1, Number.isFinite(f) ? f : 0));
      if (stage === stageNow && x - last < 0.01 && x !== 1) return;
      last = x;
      stageNow = stage;
      void opts.onProgress(x, stage);
    };
    const ctx: TaskContext = {
      id,
      progress: report,
      isCancelled: () => state.cancelled,
      checkpoint: async (f, stage) => {
        if (f !== undefined) report(f, stage);
        await this.pause();
        if (state.cancelled) throw cancelled();
      },
      steps: (steps, from = 0, to = 1, stage) =>
        runStepsAsync(steps, {
          pause: this.pause,
          isCancelled: () => state.cancelled,
          onProgress: (f) => report(from + f * (to - from), typeof stage === 'function' ? stage(f) : stage),
        }),
      hooks: (from = 0, to = 1, stage) => ({ isCancelled: () => state.cancelled, onProgress: (f) => report(from + f * (to - from), stage) }),
    };
    try {
      report(0);
      const out = await work(ctx);
      if (state.cancelled) throw cancelled();
      return out;
    } catch (e) {
      throw isCancelled(e) && !(e instanceof AppError) ? cancelled() : e;
    } finally {
      this.running.delete(id);
    }
  }

  /** Cancel one task, or every running task when `id` is omitted. */
  cancel(id?: TaskId): void {
    if (id === undefined) {
      for (const s of this.running.values()) s.cancelled = true;
      return;
    }
    const s = this.running.get(id);
    if (s) s.cancelled = true;
    else if (id >= 0) {
      this.early.add(id);
      // forget stale early cancels so the set stays small
      if (this.early.size > 64) this.early.delete(this.early.values().next().value as TaskId);
    }
  }

  /** Number of tasks running now (tests). */
  get size(): number {
    return this.running.size;
  }
}
