/** The pool on Node worker threads (CLI, tests, benchmarks): the same dispatcher and kernels as in the browser. */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { inlineRunner, WorkerPool, type ChunkRunner, type PoolPort } from './pool';
import type { FromWorker } from './protocol';

function spawn(): PoolPort {
  const worker = new Worker(new URL('./node-worker.mjs', import.meta.url));
  // a pool worker must not keep the process alive once the work is done
  worker.unref();
  return {
    post: (msg, transfer) => worker.postMessage(msg, transfer ?? []),
    listen: (onMessage, onError) => {
      worker.on('message', (m: FromWorker) => onMessage(m));
      worker.on('error', (e) => onError(e.message));
      worker.on('exit', (code) => code !== 0 && onError(`exit ${code}`));
    },
    terminate: () => void worker.terminate(),
    hold: (busy) => (busy ? worker.ref() : worker.unref()),
  };
}

/**
 * A runner with `size` worker threads (default: the available cores; 1 = inline). `pool` forces
 * the workers even for one worker and small jobs (benchmarks, tests).
 */
export function nodeRunner(size = os.availableParallelism(), pool = false): ChunkRunner {
  if (size <= 1 && !pool) return inlineRunner();
  return pool ? new WorkerPool(spawn, size, 0) : new WorkerPool(spawn, size);
}
