/**
 * A small pool of workers for chunked permutation and Monte Carlo work (issue 14: "use every
 * core"). `run(kernel, input)` shares the kernel's chunks out to the workers as they become free
 * (two in flight per worker), reports progress per chunk, honours cancel between chunks, and
 * merges the workers' accumulators. The result equals `chunkSteps` in this thread, whatever the
 * number of workers (see `analysis/chunks.ts`). Works with browser workers and Node worker threads.
 */
import { chunkSteps } from '../analysis/chunks';
import { CancelledError, runStepsAsync, type LoopHooks } from '../analysis/progress';
import { appError, fromErrorData, invalid } from '../contract/errors';
import { KERNELS, type KernelAcc, type KernelInput, type KernelName } from './kernels';
import type { FromWorker, ToWorker } from './protocol';

/**
 * Progress, cancel and (for the inline runner) a pause between chunks. `transfer`: buffers of
 * the input that a one-worker job hands over instead of copying (the caller does not use them
 * afterwards; a job on several workers, or inline, ignores it).
 */
export type RunHooks = LoopHooks & { pause?: () => Promise<void>; transfer?: ArrayBuffer[] };

/** Where chunked kernels run: this thread, or a pool of workers. */
export interface ChunkRunner {
  /** number of workers (1 = this thread) */
  readonly size: number;
  run<K extends KernelName>(name: K, input: KernelInput<K>, hooks?: RunHooks): Promise<KernelAcc<K>>;
  /** ends the workers (a later `run` starts new ones) */
  close(): void;
  /** whether a job of `work` steps would start at once beside this thread (in a free worker) */
  aside?(work: number): boolean;
}

/** One worker as the pool sees it (a browser Worker or a Node worker thread behind an adapter). */
export interface PoolPort {
  /** `transfer`: buffers handed over (detached here) instead of copied */
  post(msg: ToWorker, transfer?: ArrayBuffer[]): void;
  /** called once; the handler gets every message of this worker */
  listen(onMessage: (msg: FromWorker) => void, onError: (message: string) => void): void;
  terminate(): void;
  /** keep the process alive while the worker has work (Node: ref/unref) */
  hold?(busy: boolean): void;
}

const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));

/** Runs the chunks here, in order, pausing between them so that a cancel message can arrive. */
export function inlineRunner(): ChunkRunner {
  return {
    size: 1,
    run: (name, input, hooks = {}) =>
      runStepsAsync(chunkSteps(KERNELS[name] as never, input), { ...hooks, pause: hooks.pause ?? yieldToEvents }) as Promise<never>,
    close: () => {},
  };
}

/** Chunks in flight per worker: the next one is queued while the current one runs. */
const IN_FLIGHT = 2;
/** Below this many inner-loop steps (≈ 20 ms) a job runs here: starting and feeding workers costs more. */
export const MIN_POOL_WORK = 2e7;

interface Slot {
  port: PoolPort;
  handler: ((msg: FromWorker) => void) | null;
  failed: ((message: string) => void) | null;
}

export class WorkerPool implements ChunkRunner {
  private slots: (Slot | null)[];
  private queue: Promise<unknown> = Promise.resolve();
  private nextJob = 1;
  private readonly inline = inlineRunner();

  /** `minWork`: jobs estimated below it run in this thread (0: always on the workers) */
  constructor(private readonly spawn: () => PoolPort, readonly size: number, private readonly minWork = MIN_POOL_WORK) {
    if (!(Number.isInteger(size) && size >= 1)) throw invalid('size', size);
    this.slots = new Array(size).fill(null);
  }

  /** Jobs run one after the other (each uses all workers); small ones run here. */
  run<K extends KernelName>(name: K, input: KernelInput<K>, hooks: RunHooks = {}): Promise<KernelAcc<K>> {
    const work = (KERNELS[name] as { work?: (i: unknown) => number }).work?.(input) ?? Infinity;
    if (work < this.minWork) return this.inline.run(name, input, hooks);
    const p = this.queue.then(() => this.job(name, input, hooks));
    this.waiting++;
    this.queue = p.catch(() => {}).then(() => void this.waiting--);
    return p;
  }

  /** Jobs on the workers or queued for them. */
  private waiting = 0;

  /** A job runs beside this thread when it is large enough and the workers are free (a queued job would wait for the others). */
  aside(work: number): boolean {
    return work >= this.minWork && this.waiting === 0;
  }

  close(): void {
    for (const s of this.slots) s?.port.terminate();
    this.slots.fill(null);
  }

  private slot(i: number): Slot {
    let s = this.slots[i];
    if (!s) {
      const slot: Slot = { port: this.spawn(), handler: null, failed: null };
      slot.port.listen(
        (m) => slot.handler?.(m),
        (message) => {
          // a dead worker is replaced at the next job
          this.slots[i] = null;
          slot.port.terminate();
          slot.failed?.(message);
        },
      );
      s = this.slots[i] = slot;
    }
    return s;
  }

  private job<K extends KernelName>(name: K, input: KernelInput<K>, hooks: RunHooks): Promise<KernelAcc<K>> {
    const kernel = KERNELS[name] as unknown as { chunks(i: unknown): number; init(i: unknown): KernelAcc<K>; merge(a: KernelAcc<K>, b: KernelAcc<K>): void };
    const total = kernel.chunks(input);
    const acc = kernel.init(input);
    if (total === 0) return Promise.resolve(acc);
    if (hooks.isCancelled?.()) return Promise.reject(new CancelledError());
    const job = this.nextJob++;
    const slots = Array.from({ length: Math.min(this.size, total) }, (_, i) => this.slot(i));
    return new Promise<KernelAcc<K>>((resolve, reject) => {
      let next = 0, done = 0, collected = 0, over = false;
      const collectSent = new Set<Slot>();
      const end = () => {
        over = true;
        for (const s of slots) {
          s.handler = null;
          s.failed = null;
          s.port.hold?.(false);
        }
      };
      const fail = (e: Error) => {
        if (over) return;
        for (const s of slots) s.port.post({ type: 'drop', job });
        end();
        reject(e);
      };
      const give = (s: Slot) => {
        if (next < total) s.port.post({ type: 'chunk', job, chunk: next++ });
        else if (!collectSent.has(s)) {
          collectSent.add(s);
          s.port.post({ type: 'collect', job });
        }
      };
      for (const s of slots) {
        s.handler = (m) => {
          if (over || m.job !== job) return;
          if (m.type === 'error') return fail(fromErrorData(m.error));
          if (m.type === 'chunkDone') {
            done++;
            hooks.onProgress?.(done / total);
            if (hooks.isCancelled?.()) return fail(new CancelledError());
            return give(s);
          }
          kernel.merge(acc, m.acc as KernelAcc<K>);
          if (++collected === slots.length) {
            end();
            hooks.onProgress?.(1);
            resolve(acc);
          }
        };
        s.failed = (message) => fail(appError('pool.failed', { detail: message }));
        s.port.hold?.(true);
        s.port.post({ type: 'job', job, kernel: name, input }, slots.length === 1 ? hooks.transfer : undefined);
      }
      for (let k = 0; k < IN_FLIGHT; k++) for (const s of slots) give(s);
    });
  }
}
