/**
 * Browser benchmarks against the production build in headless Debian Chromium (software WebGL,
 * so frame times are an upper bound): the demo ready (`data-map-ready="true"`) on a cold start
 * against the floor of compiling DuckDB's wasm in the same browser (each in a fresh profile,
 * interleaved), the same on a second visit (service worker warm), first map draw with 10 000 and
 * 50 000 polygons and the frame time while panning, bundle size.
 *
 * Code for the page is passed as strings: functions compiled by tsx carry esbuild's `__name`
 * helper, which does not exist in the page.
 *
 * „Map ready“ is the e2e harness's `waitForMap`: an observer in the page notices `data-map-ready="true"`
 * when the page sets it — Playwright's `waitForSelector` polls 500 ms after its first tries, which added
 * 0–0.5 s (on average ≈ 0.2 s) to every measured start (docs/performance.md, „Demo ready“ → „Sixth
 * round“). With `'fail'` a page the app navigates away from fails (the e2e tests wait again in the new
 * document instead).
 */
import { mkdtempSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launch, serveDist, waitForMap } from '../e2e/harness';
import { jitteredGrid } from './spatial.bench';
import { pairedTimed, plainRow, ratioRow, repeats, summarise, type BenchRow } from './measure';

const DIST = process.env.DIST ? path.resolve(process.env.DIST) : path.resolve(import.meta.dirname, '../../dist');

function gridGeoJson(side: number): string {
  const features = jitteredGrid(side).map((area, i) => ({
    type: 'Feature',
    properties: { ID: String(i).padStart(6, '0'), WERT: (i * 7919) % 1000 },
    // 100 m cells → degrees near 51.5° N
    geometry: { type: 'Polygon', coordinates: area[0].map((ring) => ring.map((p) => [7 + p[0] / 69_500, 51 + p[1] / 111_200])) },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

function bundleSize(): { total: number; jsGzip: number } {
  let total = 0;
  let jsGzip = 0;
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else {
        total += s.size;
        if (p.endsWith('.js')) jsGzip += gzipSync(readFileSync(p)).length;
      }
    }
  };
  walk(DIST);
  return { total, jsGzip };
}

/**
 * DuckDB's wasm as duckdb-wasm 1.32 ships it (34 MB, 75 011 exports): the issue's floor. The build
 * ships it with only the exports the glue uses (27 MB, src/lib/db/wasmExports.ts); the bench compiles
 * both, so the start is set against the engine as it comes and against what the app loads.
 */
const UPSTREAM_WASM = path.resolve(import.meta.dirname, '../../node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm');
const UPSTREAM_URL = '/upstream/duckdb-eh.wasm';

/** The DuckDB wasm the build ships (hashed name under assets/). */
function wasmAsset(): string {
  const f = readdirSync(path.join(DIST, 'assets')).find((x) => /^duckdb-eh.*\.wasm$/.test(x));
  if (!f) throw new Error('bench: no duckdb-eh wasm in dist/assets (run npm run build)');
  return `assets/${f}`;
}

/** Fetch and compile the wasm as the engine does (streaming), in a fresh profile: the floor. */
async function compileFloor(browser: Browser, url: string, wasm: string): Promise<number> {
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.goto(`${url}/favicon.svg`);
    return await page.evaluate(
      `(async () => { const t0 = performance.now(); await WebAssembly.compileStreaming(fetch(${JSON.stringify(`${url}/${wasm}`)})); return performance.now() - t0; })()`,
    );
  } finally {
    await ctx.close();
  }
}

/** The page's start-up marks (`srw:*`, ms after navigation), in order: where the time to the demo went. */
async function startupMarks(page: import('playwright-core').Page): Promise<string> {
  const marks = (await page.evaluate(
    `performance.getEntriesByType('mark').filter((m) => m.name.startsWith('srw:')).map((m) => [m.name.slice(4), Math.round(m.startTime)])`,
  )) as [string, number][];
  return marks
    .sort((a, b) => a[1] - b[1])
    .map(([n, t]) => `${n} ${t}`)
    .join(', ');
}

/** Page load to demo map ready, in a fresh profile (cold) and then in a second tab of it (warm). */
async function demoReady(browser: Browser, url: string, warm: number[], marks: string[]): Promise<number> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await ctx.newPage();
    const t0 = performance.now();
    await page.goto(`${url}/?demo=musterstadt`);
    await waitForMap(page, 120_000, 'fail');
    const cold = performance.now() - t0;
    marks.push(await startupMarks(page));
    // warm: the service worker has precached the build; a second visit in the same profile
    await page.evaluate(
      `(async () => { const r = await navigator.serviceWorker.ready; for (let i = 0; i < 600 && !(r.active && r.active.state === 'activated'); i++) await new Promise((s) => setTimeout(s, 100)); return true; })()`,
    );
    const second = await ctx.newPage();
    const t1 = performance.now();
    await second.goto(`${url}/?demo=musterstadt`);
    await waitForMap(second, 120_000, 'fail');
    warm.push(performance.now() - t1);
    return cold;
  } finally {
    await ctx.close();
  }
}

async function mapRows(browser: Browser, url: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'srw-bench-'));
  for (const side of [100, 224]) {
    const n = side * side;
    const file = path.join(dir, `raster_${n}.geojson`);
    writeFileSync(file, gridGeoJson(side));
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const p = await ctx.newPage();
    await p.goto(url);
    await p.getByTestId('engine-status').filter({ hasText: /bereit/ }).waitFor({ timeout: 60_000 });
    await p.setInputFiles('#file-input', [file]);
    await p.getByTestId('catalog').locator('li').first().waitFor({ timeout: 180_000 });
    await p.getByRole('tab', { name: 'Gebiete & Verknüpfung' }).click();
    await p.selectOption('#ar-id', 'ID');
    const s0 = performance.now();
    await p.getByRole('button', { name: 'Als Gebietsebene verwenden' }).click();
    await waitForMap(p, 180_000, 'fail');
    const first = performance.now() - s0;
    rows.push(plainRow(`Karte: ${n.toLocaleString('de-DE')} Polygone erstmals gezeichnet`, summarise([first]), n <= 10_000 ? 1000 : undefined));
    // frame time while panning: drag across the map and time animation frames in the page
    const box = (await p.getByTestId('map').boundingBox())!;
    const frames = p.evaluate(
      `new Promise((resolve) => { const times = []; const tick = (t) => { times.push(t); if (times.length < 40) requestAnimationFrame(tick); else resolve((times[times.length - 1] - times[0]) / (times.length - 1)); }; requestAnimationFrame(tick); })`,
    ) as Promise<number>;
    await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await p.mouse.down();
    for (let i = 0; i < 30; i++) await p.mouse.move(box.x + box.width / 2 + i * 8, box.y + box.height / 2 + i * 4);
    await p.mouse.up();
    rows.push(plainRow(`Karte: ${n.toLocaleString('de-DE')} Polygone, Bildzeit beim Verschieben (Software-WebGL)`, summarise([await frames])));
    await ctx.close();
  }
  return rows;
}

export async function benchBrowser(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const server = await serveDist({ [UPSTREAM_URL]: UPSTREAM_WASM });
  const browser = await launch();
  try {
    const wasm = wasmAsset();
    await compileFloor(browser, server.url, UPSTREAM_URL.slice(1)); // warm-up: the first compile also starts the browser's wasm machinery
    const warm: number[] = [];
    const marks: string[] = [];
    const shipped: number[] = [];
    // five floor/start pairs, alternating: single cold starts on a shared 2-core machine vary by ± 0.8 s
    const floors = async () => {
      shipped.push(await compileFloor(browser, server.url, wasm));
      return compileFloor(browser, server.url, UPSTREAM_URL.slice(1));
    };
    const demo = await pairedTimed(() => demoReady(browser, server.url, warm, marks), floors, repeats(5));
    // the start-up marks of the median cold start
    const median = demo.app.runs.indexOf([...demo.app.runs].sort((a, b) => a - b)[demo.app.runs.length >> 1]);
    // the floor of these two rows is DuckDB's wasm as duckdb-wasm ships it (34 MB; the names are the issue's)
    rows.push(ratioRow('Demo bereit, Kaltstart (Seite laden → Karte gezeichnet) ÷ Wasm-Kompilierung', demo, { target_ratio: 4, note: `Boden: DuckDBs Wasm, wie duckdb-wasm es liefert (34 MB). Marken (ms): ${marks[median]}` }));
    const warmS = summarise(warm);
    rows.push(ratioRow('Demo bereit, zweiter Besuch (Service Worker) ÷ Wasm-Kompilierung', { app: warmS, floor: demo.floor, ratios: warm.map((w, i) => w / demo.floor.runs[i]) }));
    const shippedS = summarise(shipped);
    rows.push(ratioRow('Ausgeliefertes Wasm (27 MB, nur die Exporte der Glue): Demo-Kaltstart ÷ dessen Kompilierung', { app: demo.app, floor: shippedS, ratios: demo.app.runs.map((a, i) => a / shipped[i]) }));
    rows.push(...(await mapRows(browser, server.url)));
  } finally {
    await browser.close();
    await server.close();
  }
  const size = bundleSize();
  rows.push({ name: `Bundle gesamt ${(size.total / 1e6).toFixed(1)} MB, JS gzip ${(size.jsGzip / 1e6).toFixed(2)} MB (Wert = MB JS gzip ×1000)`, ms: size.jsGzip / 1000, ratio: null });
  return rows;
}
