import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ARTIFACTS, foreignRequests, recordRequests, useBrowser, waitForEngine, waitForMap } from './harness';

const REF = path.resolve(import.meta.dirname, '../fixtures/reference');
const FIX = path.resolve(import.meta.dirname, '../fixtures');

const ctx = useBrowser();
describe('upload through the real file input', () => {
  it('imports the Berlin CSV and GeoJSON, reports the duplicate key, maps a column, keeps data after a bad file', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    // software WebGL on a loaded 2-core machine can hold frames for many seconds
    page.setDefaultTimeout(120_000);
    const requests = recordRequests(page);
    await page.goto(ctx.server.url);
    await waitForEngine(page);

    await page.setInputFiles('#file-input', [
      `${REF}/berlin/berlin-lor-planning-areas-until-2020.geojson`,
      `${REF}/berlin/berlin-lor-population-2020-02-t1-planning-areas.csv`,
    ]);
    const catalog = page.getByTestId('catalog');
    await expect.poll(() => catalog.locator('li').count(), { timeout: 60_000 }).toBe(2);
    expect(await catalog.innerText()).toMatch(/448 Zeilen/);

    await page.getByRole('tab', { name: 'Gebiete & Verknüpfung' }).click();
    await page.selectOption('#ar-id', 'id');
    await page.getByRole('button', { name: 'Als Gebietsebene verwenden' }).click();
    await expect.poll(() => page.getByTestId('layers').locator('li').count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('tab', { name: 'Gebiete & Verknüpfung' }).click();
    await page.selectOption('#jn-key', 'id');
    await page.getByTestId('check-join').click();
    const report = page.getByTestId('join-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('jr-layer-dup').innerText()).toBe('1');
    expect(await page.getByTestId('jr-layer-dup-list').innerText()).toContain('06010102');
    expect(await page.getByTestId('jr-matched').innerText()).toBe('447');

    await page.getByRole('tab', { name: 'Karte', exact: true }).click();
    await page.selectOption('#mp-src', { index: 1 });
    await page.selectOption('#mp-col', 'inhabitants_foreigners');
    await page.selectOption('#mp-den', 'inhabitants');
    await waitForMap(page);
    const legend = await page.getByTestId('legend').innerText();
    expect(legend).toMatch(/%/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'upload-berlin.png') });

    // a broken file: clear German message, nothing lost
    await page.setInputFiles('#file-input', [`${FIX}/bad/binary_renamed.csv`]);
    const err = page.getByTestId('notice-error').last();
    await err.waitFor({ timeout: 30_000 });
    expect(await err.innerText()).toMatch(/binary_renamed\.csv/);
    await page.getByRole('tab', { name: 'Daten', exact: true }).click();
    expect(await page.getByTestId('catalog').locator('li').count()).toBe(2);
    await page.getByRole('tab', { name: 'Karte', exact: true }).click();
    await waitForMap(page);

    expect(foreignRequests(requests, ctx.server.url)).toEqual([]);
    await page.close();
  });
});
