import http from 'node:http';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';

// DIST lets parallel developers test their own build without clobbering dist/.
const DIST = process.env.DIST ? path.resolve(process.env.DIST) : path.resolve(import.meta.dirname, '../../dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv',
  '.geojson': 'application/geo+json',
  '.zip': 'application/zip',
  '.xlsx': 'application/octet-stream',
  '.webmanifest': 'application/manifest+json',
};

/**
 * A plain static server for the production build (what any web server or file share would do);
 * `extra` serves single files outside it by URL path (the bench's upstream DuckDB wasm).
 */
export async function serveDist(extra: Record<string, string> = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url ?? '/', 'http://x');
      let p = extra[u.pathname] ?? path.join(DIST, decodeURIComponent(u.pathname));
      if (!p.startsWith(DIST) && !(u.pathname in extra)) throw new Error('outside');
      if ((await stat(p)).isDirectory()) p = path.join(p, 'index.html');
      const body = await readFile(p);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(p)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian Chromium, headless, with the flags this closed network needs. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
    ],
  });
}

/** Records every request the page makes, to prove nothing leaves the origin. */
export function recordRequests(page: Page): Request[] {
  const all: Request[] = [];
  page.on('request', (r) => all.push(r));
  return all;
}

export function foreignRequests(reqs: Request[], origin: string): string[] {
  return reqs
    .map((r) => r.url())
    .filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

const MAP_READY = '[data-testid="map"][data-map-ready="true"]';

/**
 * Resolves as soon as `selector` matches in the page: a MutationObserver in the page reports the change
 * itself. Playwright's own waits (`waitForSelector`, `locator.waitFor`) re-check after 20, 50, 100, 100 and
 * then every 500 ms, which lost ≈ 0.25 s per wait. `waitForFunction` cannot be used: its string predicate
 * is eval'd in the page, which the app's CSP refuses. `attributes` names the attributes whose change can
 * make the selector match (element insertions are watched always). A navigation under the wait (reload,
 * project open) restarts it in the new document — unless `navigation: 'fail'` (the bench: a page the app
 * navigates away from is a failed start, not a slow one); the timeout covers the whole wait.
 */
export async function waitForSelectorChange(
  page: Page,
  selector: string,
  opts: { attributes: string[]; timeout: number; what: string; stateJs?: string; navigation?: 'restart' | 'fail' },
): Promise<void> {
  const { attributes, timeout, what } = opts;
  const deadline = Date.now() + timeout;
  const sel = JSON.stringify(selector);
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    // plain JS in a string: tsx-compiled functions can carry esbuild's __name helper into the page
    const seen = page.evaluate(`new Promise((resolve) => {
      const ok = () => !!document.querySelector(${sel});
      if (ok()) return resolve(true);
      const mo = new MutationObserver(() => { if (ok()) { mo.disconnect(); clearTimeout(timer); resolve(true); } });
      const timer = setTimeout(() => { mo.disconnect(); resolve(false); }, ${Math.ceil(left)});
      mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ${JSON.stringify(attributes)} });
    })`) as Promise<boolean>;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // the page's own timer does not fire while its main thread is blocked: a timer here as well
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), left + 1000)));
    try {
      if (await Promise.race([seen, late])) return;
      break;
    } catch (e) {
      if (opts.navigation === 'fail' || page.isClosed() || !/Execution context was destroyed|navigat|Cannot find context/i.test(String(e))) throw e;
      // the document was replaced under the wait: wait for the new one and look again
      await page.waitForLoadState('domcontentloaded', { timeout: Math.max(1, deadline - Date.now()) }).catch(() => {});
    } finally {
      clearTimeout(timer);
      seen.catch(() => {}); // a late rejection after the page closed
    }
  }
  const now = opts.stateJs
    ? await page.evaluate(opts.stateJs).catch((e) => `page not readable: ${(e as Error).message.split('\n')[0]}`)
    : 'no match';
  throw new Error(`${what} within ${timeout} ms (waiting for ${selector}; now: ${String(now)})`);
}

/**
 * Waits until the map has drawn its current layer (`data-map-ready="true"`, set by MapView). `navigation`
 * as in {@link waitForSelectorChange} (the bench passes 'fail').
 */
export async function waitForMap(page: Page, timeout = 90_000, navigation: 'restart' | 'fail' = 'restart'): Promise<void> {
  await waitForSelectorChange(page, MAP_READY, {
    attributes: ['data-map-ready', 'data-testid'],
    timeout,
    navigation,
    what: 'waitForMap: the map was not ready',
    stateJs: `(() => { const m = document.querySelector('[data-testid="map"]'); return m ? 'data-map-ready=' + m.getAttribute('data-map-ready') : 'no map element'; })()`,
  });
}

/**
 * The Musterstadt demo in the Sozialindex workspace with the catalogue's suggested indicators (six). Returns
 * the page's errors, collected from before the start.
 */
export async function openDemoIndex(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/?demo=musterstadt`);
  await waitForMap(page);
  await page.getByRole('tab', { name: 'Sozialindex' }).click();
  await page.getByTestId('ix-suggest').click();
  await expect.poll(() => page.getByTestId('ix-indicators').locator('li').count(), { timeout: 30_000 }).toBe(6);
  return errors;
}

const ENGINE_READY = '[data-testid="engine-status"].ok';

/**
 * Waits until the engine has started: the header's status chip says „Rechenkern bereit“ (class `ok`,
 * set by EngineStatus.svelte when the worker answered; language-independent). A MutationObserver in the
 * page, like {@link waitForMap}, instead of polling its text; a reload or navigation under the wait
 * restarts it in the new document. The error names what the chip says instead (e.g. „Rechenkern
 * startet …“ or the reason it could not start).
 */
export async function waitForEngine(page: Page, timeout = 60_000): Promise<void> {
  await waitForSelectorChange(page, ENGINE_READY, {
    attributes: ['class', 'data-testid'],
    timeout,
    what: 'waitForEngine: the engine was not ready („Rechenkern bereit“)',
    stateJs: `(() => { const s = document.querySelector('[data-testid="engine-status"]'); return s ? '„' + s.textContent.trim() + '“' : 'no status chip'; })()`,
  });
}

/** Share of screenshot pixels that are clearly coloured (not grey background/UI). */
export function colouredShare(png: Buffer, decode: (b: Buffer) => { data: Uint8Array; width: number; height: number }): number {
  const { data } = decode(png);
  let coloured = 0;
  const n = data.length / 4;
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i];
    const g = data[i + 1];
    const b = data[i + 2];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
  }
  return coloured / n;
}

/** Pixels of the map in the hover outline's blue (HOVER_COLOR 29, 78, 137): > 0 while an area is outlined. */
export function hoverOutlinePixels(png: Buffer, decode: (b: Buffer) => { data: Uint8Array }): number {
  const { data } = decode(png);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - 29) < 14 && Math.abs(data[i + 1] - 78) < 14 && Math.abs(data[i + 2] - 137) < 14) n++;
  return n;
}

export const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');

/**
 * The shared setup of every browser test file: the production build served on loopback and one
 * Chromium, started before the file's tests and closed after them.
 */
export function useBrowser(): { server: Awaited<ReturnType<typeof serveDist>>; browser: Browser } {
  const ctx = {} as { server: Awaited<ReturnType<typeof serveDist>>; browser: Browser };
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    ctx.server = await serveDist();
    ctx.browser = await launch();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}
