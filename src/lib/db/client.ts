import * as Comlink from 'comlink';
import type { EngineApi } from '../../../workers/engine.worker';

export type EngineClient = Comlink.Remote<EngineApi>;

/**
 * Starts the engine worker and wraps it with Comlink. `onCrash` fires when the worker dies
 * (out of memory, a bug); the caller decides how to restart and restore.
 */
export function startEngine(onCrash: (reason: string) => void): { client: EngineClient; terminate: () => void } {
  const worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  worker.addEventListener('error', (e) => onCrash(e.message || 'Worker-Fehler'));
  worker.addEventListener('messageerror', () => onCrash('Nachricht konnte nicht gelesen werden'));
  const client = Comlink.wrap<EngineApi>(worker);
  return { client, terminate: () => worker.terminate() };
}

export { Comlink };
