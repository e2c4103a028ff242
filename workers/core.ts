import { Comlink } from '../src/lib/contract/comlink';
import { Engine } from '../src/lib/engine/engine';
import { createBrowserDuck } from './duck-browser';
import { createRunner } from './pool';

let engine: Promise<Engine> | null = null;

/** Lazy, idempotent start; a failed start is forgotten so the next call retries. */
export function getEngine(): Promise<Engine> {
  engine ??= createBrowserDuck()
    .then((d) => {
      const e = new Engine(d);
      e.runner = createRunner();
      return e;
    })
    .catch((e) => {
      engine = null;
      throw e;
    });
  return engine;
}

/**
 * Run `fn` on the engine. Errors cross the boundary as data (`code`, `params`, `hint`) through
 * the Comlink transfer handler of `src/lib/contract/comlink.ts`; nothing to convert here.
 */
export async function withEngine<T>(fn: (e: Engine) => T | Promise<T>): Promise<T> {
  return fn(await getEngine());
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
