// Offline service worker: precaches the whole build (app code, DuckDB wasm, demo data) at install
// and answers same-origin GETs cache-first. Requests to other origins (an opted-in basemap) are
// never touched. The build's PWA plugin (vite.config.ts) fills in VERSION and PRECACHE; in the
// dev server this file is not registered.
const VERSION = '__SRW_VERSION__';
const PRECACHE = /*__SRW_PRECACHE__*/ [];
const CACHE = 'srw-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE.map((p) => new Request(new URL(p, self.registration.scope), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // keep the previous version too: a page still running it may load a lazy chunk
      const old = (await caches.keys()).filter((k) => k.startsWith('srw-') && k !== CACHE);
      for (const key of old.slice(0, -1)) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // navigations (with ?demo=… or ?lang=…) all get the one app page
      const hit =
        req.mode === 'navigate' ? await cache.match(new URL('./', self.registration.scope).href) : ((await cache.match(req, { ignoreSearch: true })) ?? (await caches.match(req, { ignoreSearch: true })));
      if (hit) return hit;
      try {
        const res = await fetch(req);
        if (res.ok && res.type === 'basic') await cache.put(req, res.clone());
        return res;
      } catch (e) {
        if (req.mode === 'navigate') {
          const page = await cache.match(new URL('index.html', self.registration.scope).href);
          if (page) return page;
        }
        throw e;
      }
    })(),
  );
});
