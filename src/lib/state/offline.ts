/**
 * Offline use after the first visit (public/sw.js). Registered once the start-up work is done:
 * installing copies the whole build (≈ 32 MB with DuckDB's wasm) into the service worker's cache,
 * which would otherwise compete with the first start for the network and both cores.
 * Not in the dev server, where files change.
 */
export function registerOffline(): void {
  if (import.meta.env.PROD && 'serviceWorker' in navigator) void navigator.serviceWorker.register('./sw.js').catch(() => {});
}
