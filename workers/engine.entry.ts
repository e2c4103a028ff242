/// <reference lib="webworker" />
/**
 * Entry of the engine worker. It starts fetching and compiling DuckDB's wasm at once and only
 * then loads the engine code (≈ 2 MB of JavaScript), so both overlap. Messages that arrive while
 * the engine code loads are kept and handed to it when it listens.
 */
import { compiledWasm } from './wasm';

// Held for the worker's lifetime: the browser releases it when the worker ends (even by
// self.close(), which fires no event), and the client's waiting request then tells it so.
// Taken first thing, before the engine code loads, so a crash at any moment is noticed.
(self as unknown as { navigator: Navigator }).navigator.locks?.request(self.name, () => new Promise<void>(() => {}));
void compiledWasm();
const scope = self as unknown as DedicatedWorkerGlobalScope;
const early: MessageEvent[] = [];
const keep = (e: MessageEvent) => early.push(e);
scope.addEventListener('message', keep);
// The chunks the engine code imports, listed by the build (src/lib/build/chunksAtOnce.ts): requested
// all at once, not level by level as each is parsed. Not set in the dev server.
for (const chunk of (globalThis as { __SRW_ENGINE_CHUNKS__?: string[] }).__SRW_ENGINE_CHUNKS__ ?? []) import(/* @vite-ignore */ chunk).catch(() => {});
void import('./engine.worker').then(() => {
  scope.removeEventListener('message', keep);
  for (const e of early) scope.dispatchEvent(new MessageEvent('message', { data: e.data, ports: [...e.ports] }));
});
