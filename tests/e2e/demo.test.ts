import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { ARTIFACTS, colouredShare, foreignRequests, hoverOutlinePixels, recordRequests, useBrowser, waitForMap } from './harness';

const ctx = useBrowser();

const decode = (b: Buffer) => PNG.sync.read(b);

describe('demo in the browser', () => {
  it('loads Musterstadt via ?demo=, draws a coloured choropleth with legend, and sends nothing off-origin', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    // software WebGL on a loaded 2-core machine can hold frames for many seconds
    page.setDefaultTimeout(120_000);
    const requests = recordRequests(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ctx.server.url}/?demo=musterstadt`);
    await waitForMap(page);
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const legendText = await legend.innerText();
    expect(legendText).toMatch(/keine Angabe/);
    // German number formatting in bounds: a decimal comma
    expect(legendText).toMatch(/\d,\d/);

    const mapShot = await page.getByTestId('map').screenshot();
    writeFileSync(path.join(ARTIFACTS, 'demo-map.png'), mapShot);
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-full.png') });
    expect(colouredShare(mapShot, decode)).toBeGreaterThan(0.15);

    // without a basemap deck.gl draws alone: MapLibre is neither loaded nor mounted, the map has
    // its own zoom buttons and scale bar (one step in halves the distance)
    expect(await page.getByTestId('map').getAttribute('data-basemap')).toBe('none');
    expect(await page.locator('.maplibregl-map').count()).toBe(0);
    expect(await page.evaluate(`performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /maplibre|basemap/.test(n))`)).toEqual([]);
    const scale = page.getByTestId('map-scale');
    const before = await scale.innerText();
    expect(before).toMatch(/^\d+ k?m$/);
    await page.getByRole('button', { name: 'Vergrößern' }).click();
    await expect.poll(() => scale.innerText()).not.toBe(before);
    await page.getByRole('button', { name: 'Verkleinern' }).click();
    await expect.poll(() => scale.innerText()).toBe(before);

    // the map table is the map's accessible twin: one row per district
    await page.getByTestId('tab-maptable').click();
    const rows = await page.getByTestId('map-table').locator('tbody tr').count();
    expect(rows).toBe(60);

    // a row under the pointer shows its area on the map: an outline in blue (HOVER_COLOR)
    const blue = async () => hoverOutlinePixels(await page.getByTestId('map').screenshot(), decode);
    const calm = await blue();
    await page.getByTestId('map-table').locator('tbody tr').nth(5).hover();
    await expect.poll(blue, { timeout: 20_000 }).toBeGreaterThan(calm + 40);
    await page.mouse.move(2, 2);
    await expect.poll(blue, { timeout: 20_000 }).toBeLessThan(calm + 10);

    // export stays local: a download of a blob, no request
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = (await import('node:fs')).readFileSync((await dl.path())!, 'utf8');
    expect(csv.split('\r\n').length).toBeGreaterThan(60);
    expect(csv).toMatch(/;\d+,\d+;/);

    expect(errors).toEqual([]);
    expect(foreignRequests(requests, ctx.server.url)).toEqual([]);
    await page.close();
  });
});
