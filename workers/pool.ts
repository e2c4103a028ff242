/// <reference lib="webworker" />
/**
 * The engine worker's pool of permutation workers: as many as the browser reports cores
 * (`navigator.hardwareConcurrency`, at most 8); with one core the chunks run in the engine
 * worker itself, between pauses.
 */
import { inlineRunner, WorkerPool, type ChunkRunner, type PoolPort } from '../src/lib/parallel/pool';
import type { FromWorker } from '../src/lib/parallel/protocol';

function spawn(): PoolPort {
  const worker = new Worker(new URL('./pool.worker.ts', import.meta.url), { type: 'module', name: 'srw-pool' });
  return {
    post: (msg, transfer) => worker.postMessage(msg, transfer ?? []),
    listen: (onMessage, onError) => {
      worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        onError(e.message || 'error');
      };
      worker.onmessageerror = () => onError('messageerror');
    },
    terminate: () => worker.terminate(),
  };
}

/** Default number of pool workers here. */
export function defaultPoolSize(): number {
  const n = (self as unknown as { navigator?: Navigator }).navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(8, n));
}

/**
 * A runner with `size` workers (1 = inline, in this worker; small jobs stay here too). `force`
 * (the `?workers=N` hook of tests and benchmarks) uses N workers for every job, even one.
 */
export function createRunner(size = defaultPoolSize(), force = false): ChunkRunner {
  if (force) return new WorkerPool(spawn, size, 0);
  return size <= 1 ? inlineRunner() : new WorkerPool(spawn, size);
}
