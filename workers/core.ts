import * as Comlink from 'comlink';
import { Engine } from '../src/lib/engine/engine';
import { createBrowserDuck } from './duck-browser';

let engine: Promise<Engine> | null = null;

/** Lazy, idempotent start; a failed start is forgotten so the next call retries. */
export function getEngine(): Promise<Engine> {
  engine ??= createBrowserDuck()
    .then((d) => new Engine(d))
    .catch((e) => {
      engine = null;
      throw e;
    });
  return engine;
}

/** Plain errors cross the boundary; keep the German message and the details. */
export function rethrow(e: unknown): never {
  const err = e as Error & { details?: unknown };
  const out = new Error(err?.message ?? String(e));
  (out as Error & { details?: unknown }).details = err?.details;
  throw out;
}

/** Run `fn` on the engine; errors leave as plain Error objects with German messages. */
export async function withEngine<T>(fn: (e: Engine) => T | Promise<T>): Promise<T> {
  try {
    return await fn(await getEngine());
  } catch (e) {
    rethrow(e);
  }
}

/** Transfer (not copy) the buffers of typed arrays found at the top level or one level down. */
export function transferTyped<T extends object>(value: T): T {
  const buffers = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (ArrayBuffer.isView(v)) buffers.add(v.buffer as ArrayBuffer);
    else if (v && typeof v === 'object' && depth < 2) for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(value, 0);
  return Comlink.transfer(value, [...buffers]);
}

/** Yield to the event loop so a queued `cancel()` message can arrive between chunks. */
export const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));
