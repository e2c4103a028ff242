/** Messages between the pool (dispatcher) and its workers. */
import type { ErrorData } from '../contract/errors';
import type { KernelName } from './kernels';

export type ToWorker =
  | { type: 'job'; job: number; kernel: KernelName; input: unknown }
  | { type: 'chunk'; job: number; chunk: number }
  /** send the job's accumulator and forget the job (after the chunks sent before it) */
  | { type: 'collect'; job: number }
  | { type: 'drop'; job: number };

export type FromWorker =
  | { type: 'chunkDone'; job: number; chunk: number }
  | { type: 'acc'; job: number; acc: unknown }
  | { type: 'error'; job: number; error: ErrorData };

/** The buffers of typed arrays at the top level or one level down (transferred, not copied). */
export function transferables(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
    } else if (v && typeof v === 'object' && depth < 2) for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(value, 0);
  return [...out];
}
