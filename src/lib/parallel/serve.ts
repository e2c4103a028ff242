/** The worker side of the pool: runs the chunks it is sent and returns its accumulator on `collect`. */
import { toErrorData } from '../contract/errors';
import { KERNELS } from './kernels';
import { transferables, type FromWorker, type ToWorker } from './protocol';

type Post = (msg: FromWorker, transfer: ArrayBuffer[]) => void;

/** Returns the message handler of one pool worker. */
export function servePool(post: Post): (msg: ToWorker) => void {
  const jobs = new Map<number, { kernel: (typeof KERNELS)[keyof typeof KERNELS]; input: unknown; acc: unknown }>();
  return (msg) => {
    const j = jobs.get(msg.job);
    switch (msg.type) {
      case 'job':
        jobs.set(msg.job, { kernel: KERNELS[msg.kernel], input: msg.input, acc: undefined });
        return;
      case 'chunk':
        if (!j) return;
        try {
          const k = j.kernel as { init(i: unknown): unknown; run(i: unknown, c: number, a: unknown): void };
          j.acc ??= k.init(j.input);
          k.run(j.input, msg.chunk, j.acc);
          post({ type: 'chunkDone', job: msg.job, chunk: msg.chunk }, []);
        } catch (e) {
          jobs.delete(msg.job);
          post({ type: 'error', job: msg.job, error: toErrorData(e) }, []);
        }
        return;
      case 'collect': {
        if (!j) return;
        jobs.delete(msg.job);
        const acc = j.acc ?? (j.kernel as { init(i: unknown): unknown }).init(j.input);
        post({ type: 'acc', job: msg.job, acc }, transferables(acc));
        return;
      }
      case 'drop':
        jobs.delete(msg.job);
    }
  };
}
