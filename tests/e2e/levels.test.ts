import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, foreignRequests, recordRequests, useBrowser, waitForMap } from './harness';

const ctx = useBrowser();

describe('levels and disclosure on Musterkreis', () => {
  it('plain map of a small count shows · and says disclosure control is on; Gemeinden aggregated; Gemeinde view with the Kreis value', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(120_000);
    const requests = recordRequests(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ctx.server.url}/?demo=musterkreis&test=1`);
    await waitForMap(page);

    // Jugendhilfe 2024, a count with small values, on the Sozialräume
    await page.locator('#mp-src').selectOption({ label: 'jugendhilfe_2020-2024.csv' });
    await page.getByTestId('map-column').selectOption('HZE_STATIONAER');
    await page.getByTestId('map-column').dispatchEvent('change');
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.innerText(), { timeout: 60_000 }).toMatch(/· geheim/);
    const legendText = await legend.innerText();
    expect(legendText).toMatch(/Geheimhaltung an/);
    expect(legendText).toMatch(/\d+ primär, \d+ sekundär/);
    await waitForMap(page);
    // the map itself marks the small areas with „·“ (9 primary + 3 secondary here)
    expect(Number(await page.getByTestId('map').getAttribute('data-dotted'))).toBe(Number(legendText.match(/(\d+) primär, (\d+) sekundär/)!.slice(1, 3).reduce((a, b) => a + Number(b), 0)));
    writeFileSync(path.join(ARTIFACTS, 'levels-map-sozialraeume.png'), await page.getByTestId('map').screenshot());

    // the map table: hidden values as ·, primary and secondary marked differently
    await page.getByTestId('tab-maptable').click();
    const table = page.getByTestId('map-table');
    await expect.poll(() => table.locator('td[data-mark="primary"]').count()).toBeGreaterThan(0);
    expect(await table.locator('td[data-mark="secondary"]').count()).toBeGreaterThan(0);
    expect(await table.locator('td[data-mark="primary"]').first().innerText()).toMatch(/^·/);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = readFileSync((await dl.path())!, 'utf8');
    expect(csv).toMatch(/;·;.*;primär/);
    expect(csv).toMatch(/;·;.*;sekundär/);

    // the same variable on the Gemeinden: summed from the Sozialräume
    await page.getByTestId('map-levels').getByRole('button', { name: 'Gemeinden' }).click();
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 60_000 }).toBe(8);
    await waitForMap(page);

    // switching disclosure off shows every value and says so in the legend
    await page.getByTestId('disclosure-switch').uncheck();
    await expect.poll(() => legend.innerText()).toMatch(/Geheimhaltung aus/);
    await page.getByTestId('disclosure-switch').check();
    await expect.poll(() => legend.innerText()).toMatch(/Geheimhaltung an/);

    // Gemeinde view with a rate (HZE_STATIONAER je 1.000 unter 21): Sozialräume against the Gemeinde and the Kreis value
    await page.locator('#mp-den').selectOption('EW_U21');
    await page.locator('#mp-den').dispatchEvent('change');
    await page.locator('#mp-scale').selectOption('1000');
    await page.locator('#mp-scale').dispatchEvent('change');
    await expect.poll(() => legend.innerText(), { timeout: 60_000 }).toMatch(/‰/);
    await page.getByRole('tab', { name: 'Ebenen' }).click();
    const view = page.getByTestId('gemeinde-view');
    await view.waitFor();
    await page.getByTestId('gemeinde-pick').selectOption({ index: 2 });
    await expect.poll(() => page.getByTestId('chart-kids').innerHTML()).toMatch(/Kreis/);
    expect(await page.getByTestId('kids-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('chart-parents').locator('rect').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('kreis-value').innerText()).toMatch(/^\d+,\d$/);
    // reference lines: the Gemeinde (solid) and the Kreis (dashed)
    expect(await page.getByTestId('chart-kids').locator('line').count()).toBe(2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'levels-gemeinde-view.png') });
    // on a small projector the legend folds to one button and back (QA-22)
    await page.getByTestId('legend-fold').click();
    await expect.poll(() => legend.count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'levels-legend-folded.png') });
    await page.getByTestId('legend-fold').click();
    await expect.poll(() => legend.count()).toBe(1);

    // a reload brings back the rate on the Gemeinden level, summed from the Sozialraum table (QA-4)
    const before = await legend.innerText();
    const state = () => page.evaluate('window.__srw.state()') as Promise<{ dirty: boolean; restoring: boolean }>;
    await page.waitForTimeout(700);
    await expect.poll(async () => (await state()).dirty, { timeout: 30_000 }).toBe(false);
    await page.reload();
    await waitForMap(page);
    await expect.poll(async () => (await state()).restoring, { timeout: 120_000 }).toBe(false);
    await expect.poll(() => legend.innerText(), { timeout: 60_000 }).toBe(before);
    await page.getByTestId('tab-maptable').click();
    expect(await page.getByTestId('map-table').locator('tbody tr').count()).toBe(8);

    expect(errors).toEqual([]);
    expect(foreignRequests(requests, ctx.server.url)).toEqual([]);
    await page.close();
  }, 600_000);
});
