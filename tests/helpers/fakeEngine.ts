/**
 * A client for AppState over a real MessageChannel and Comlink (with the app's error transfer
 * handler), serving `api` — a fake engine for component tests. Errors and progress take the same
 * path as with the worker: structured clone, proxied callbacks on their own ports.
 */
import { Comlink } from '../../src/lib/contract/comlink';
import type { EngineClient } from '../../src/lib/db/client';
import type { EngineStarter } from '../../src/lib/state/app.svelte';

export function fakeStarter(api: Record<string, (...args: never[]) => unknown>): EngineStarter {
  return () => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose({ init: () => true, ping: () => true, listTables: () => [], listLayers: () => [], cancel: () => undefined, ...api }, port1);
    const client = Comlink.wrap(port2) as unknown as EngineClient;
    return { client, terminate: () => (port1.close(), port2.close()) };
  };
}
