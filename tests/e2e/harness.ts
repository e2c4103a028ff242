import http from 'node:http';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
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

/** A plain static server for the production build (what any web server or file share would do). */
export async function serveDist(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url ?? '/', 'http://x');
      let p = path.join(DIST, decodeURIComponent(u.pathname));
      if (!p.startsWith(DIST)) throw new Error('outside');
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

export async function waitForMap(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout });
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
