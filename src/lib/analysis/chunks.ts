/**
 * Long random-draw loops (permutations, bootstrap and Monte Carlo runs) as fixed chunks that a
 * worker pool can share out: chunk c draws from its own stream (`chunkSeed(seed, c)`), writes its
 * own part of a worker-local accumulator, and accumulators are merged by adding. Chunk boundaries
 * depend on the input only, so results are identical on any number of workers, and equal to
 * running the chunks in order here (`chunkSteps`).
 */
import type { Steps } from './progress';
import { invalid } from '../contract/errors.ts';

/** A chunked computation over plain-data input `I` (it crosses to pool workers) with accumulator `A`. */
export interface ChunkKernel<I, A> {
  /** number of chunks (fixed by the input, never by the number of workers) */
  chunks(input: I): number;
  /** a fresh accumulator: zeros, so merging by addition is exact */
  init(input: I): A;
  /** adds chunk `chunk` into `acc` (writes its own slice, or adds counts) */
  run(input: I, chunk: number, acc: A): void;
  /** adds `from` into `into` (order does not matter: disjoint slices or integer counts) */
  merge(into: A, from: A): void;
  /** rough number of inner-loop steps; small jobs are not worth starting workers for */
  work?(input: I): number;
}

/** Runs all chunks in order in this thread, yielding the progress fraction before each. */
export function* chunkSteps<I, A>(kernel: ChunkKernel<I, A>, input: I): Steps<A> {
  const acc = kernel.init(input);
  const n = kernel.chunks(input);
  for (let c = 0; c < n; c++) {
    yield c / n;
    kernel.run(input, c, acc);
  }
  return acc;
}

/** `merge` for accumulators that are one typed array (disjoint slices or counts): elementwise sum. */
export function addInto<T extends Float64Array | Int32Array | Uint32Array | Uint16Array>(into: T, from: T): void {
  if (into.length !== from.length) throw invalid('accumulator', `${from.length} ≠ ${into.length}`);
  for (let i = 0; i < into.length; i++) into[i] += from[i];
}
