/**
 * Browser benchmarks against the production build in headless Debian Chromium (software WebGL,
 * so frame times are an upper bound): cold start to a usable demo, first map draw with 10 000 and
 * 50 000 polygons (upload → area layer → drawn), frame time while panning, bundle size.
 */
import { mkdtempSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { launch, serveDist, waitForMap } from '../e2e/harness';
import { jitteredGrid } from './spatial.bench';
import type { BenchRow } from './import.bench';

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

export async function benchBrowser(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const server = await serveDist();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = performance.now();
    await page.goto(`${server.url}/?demo=musterstadt`);
    await waitForMap(page, 120_000);
    rows.push({ name: 'Kaltstart bis nutzbare Demo (Seite laden → Karte gezeichnet)', ms: performance.now() - t0, target_ms: 3000 });
    await page.close();

    const dir = mkdtempSync(path.join(os.tmpdir(), 'srw-bench-'));
    for (const side of [100, 224]) {
      const n = side * side;
      const file = path.join(dir, `raster_${n}.geojson`);
      writeFileSync(file, gridGeoJson(side));
      const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await p.goto(server.url);
      await p.getByTestId('engine-status').filter({ hasText: /bereit/ }).waitFor({ timeout: 60_000 });
      await p.setInputFiles('#file-input', [file]);
      await p.getByTestId('catalog').locator('li').first().waitFor({ timeout: 120_000 });
      await p.getByRole('tab', { name: 'Gebiete & Verknüpfung' }).click();
      await p.selectOption('#ar-id', 'ID');
      const s0 = performance.now();
      await p.getByRole('button', { name: 'Als Gebietsebene verwenden' }).click();
      await waitForMap(p, 180_000);
      rows.push({ name: `Karte: ${n.toLocaleString('de-DE')} Polygone erstmals gezeichnet`, ms: performance.now() - s0, target_ms: n <= 10_000 ? 1000 : null });
      // frame time while panning: drag across the map and time animation frames in the page
      const box = (await p.getByTestId('map').boundingBox())!;
      const frames = p.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const times: number[] = [];
            const tick = (t: number) => {
              times.push(t);
              if (times.length < 40) requestAnimationFrame(tick);
              else resolve((times[times.length - 1] - times[0]) / (times.length - 1));
            };
            requestAnimationFrame(tick);
          }),
      );
      await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await p.mouse.down();
      for (let i = 0; i < 30; i++) await p.mouse.move(box.x + box.width / 2 + i * 8, box.y + box.height / 2 + i * 4);
      await p.mouse.up();
      rows.push({ name: `Karte: ${n.toLocaleString('de-DE')} Polygone, Bildzeit beim Verschieben (Software-WebGL)`, ms: await frames, target_ms: null });
      await p.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const size = bundleSize();
  rows.push({ name: `Bundle gesamt ${(size.total / 1e6).toFixed(1)} MB, JS gzip ${(size.jsGzip / 1e6).toFixed(2)} MB (Wert = MB JS gzip ×1000)`, ms: size.jsGzip / 1000, target_ms: null });
  return rows;
}
