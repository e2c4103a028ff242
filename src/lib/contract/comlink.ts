/**
 * Comlink carries only `message`, `name` and `stack` of a thrown Error. This replaces its
 * "throw" transfer handler on both sides of the worker boundary so an error arrives as an
 * {@link AppError} with its `code`, `params` and `hint` (issue 9: errors as data). Importing this
 * module installs the handler; `workers/engine.worker.ts` and `src/lib/db/client.ts` import it.
 */
import * as Comlink from 'comlink';
import { fromErrorData, toErrorData, type ErrorData } from './errors';

type ThrowHandler = Comlink.TransferHandler<{ value: unknown }, { error: ErrorData & { stack?: string } }>;

export function installErrorTransfer(): void {
  const base = Comlink.transferHandlers.get('throw') as Comlink.TransferHandler<unknown, unknown> & { srwErrors?: true };
  if (!base || base.srwErrors) return;
  const handler: ThrowHandler & { srwErrors: true } = {
    srwErrors: true,
    canHandle: (v): v is { value: unknown } => base.canHandle(v),
    serialize({ value }) {
      const data = toErrorData(value);
      const stack = value instanceof Error ? value.stack : undefined;
      return [{ error: { ...data, stack } }, []];
    },
    deserialize({ error }) {
      const e = fromErrorData(error);
      if (error.stack) e.stack = error.stack;
      throw e;
    },
  };
  Comlink.transferHandlers.set('throw', handler as unknown as Comlink.TransferHandler<unknown, unknown>);
}

installErrorTransfer();

export { Comlink };
