import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, useBrowser, waitForMap } from './harness';

// Whole state survives a reload: Sozialindex settings and results, LISA, the map that was on screen.
const ctx = useBrowser();

interface SrwState { restoring: boolean; lastSaved: number | null; dirty: boolean }
const state = (page: Page) => page.evaluate(() => (window as unknown as { __srw: { state(): SrwState } }).__srw.state());
const tableRows = (page: Page) =>
  page.getByTestId('ix-results').locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => (c.textContent ?? '').trim()).join(' | ')));

/** Wait until everything changed so far is written. */
async function settled(page: Page): Promise<void> {
  await page.waitForTimeout(700); // longer than the autosave delay
  await expect.poll(async () => (await state(page)).dirty, { timeout: 30_000 }).toBe(false);
}

/** A page with the Musterstadt demo on screen, collecting page errors. */
async function demoPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 950 } });
  page.setDefaultTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${ctx.server.url}/?demo=musterstadt&test=1`);
  await waitForMap(page);
  return { page, errors };
}

describe('whole state survives a reload', () => {
  it('brings back the Sozialindex (indicators, weights, preset, results, typology) and LISA with the map on screen', async () => {
    const { page, errors } = await demoPage();

    // LISA on the SGB-II-Quote
    await page.getByRole('tab', { name: 'Räumliche Muster' }).click();
    await expect.poll(() => page.getByTestId('sp-column').inputValue()).toBe('SGB2');
    await page.getByTestId('sp-alpha').selectOption('0.01');
    await page.getByTestId('sp-run').click();
    await page.getByTestId('sp-results').waitFor({ timeout: 90_000 });
    const lisaCounts = await page.getByTestId('sp-lisa-counts').innerText();
    const moranI = await page.getByTestId('sp-moran-I').innerText();

    // Sozialindex: suggested indicators, SGB-II weight 5, Status und Dynamik, k-means types
    await page.getByRole('tab', { name: 'Sozialindex' }).click();
    await page.getByTestId('ix-suggest').click();
    await expect.poll(() => page.getByTestId('ix-indicators').locator('li').count(), { timeout: 20_000 }).toBe(6);
    await page.getByTestId('ix-section-index').click();
    await page.getByRole('spinbutton', { name: /Gewicht SGB-II-Quote als Zahl/ }).fill('5');
    await page.getByTestId('ix-preset').selectOption('status_dynamik');
    await page.getByTestId('ix-section-typology').click();
    await page.getByTestId('ix-typ-run').click();
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.innerText(), { timeout: 30_000 }).toMatch(/Sozialraumtypen/);
    await page.getByTestId('ix-section-results').click();
    await expect.poll(async () => (await tableRows(page)).length, { timeout: 20_000 }).toBe(60);
    const rows = await tableRows(page);
    const legendText = await legend.innerText();
    await settled(page);

    await page.reload();
    await waitForMap(page);
    await expect.poll(async () => (await state(page)).restoring, { timeout: 120_000 }).toBe(false);
    // the same tab, section, results and map (the type map) are back without a click
    await expect.poll(() => page.getByTestId('ix-results').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => tableRows(page), { timeout: 30_000 }).toEqual(rows);
    await expect.poll(() => legend.innerText(), { timeout: 30_000 }).toBe(legendText);
    await page.getByTestId('ix-section-index').click();
    expect(await page.getByTestId('ix-preset').inputValue()).toBe('status_dynamik');
    expect(await page.getByRole('spinbutton', { name: /Gewicht SGB-II-Quote als Zahl/ }).inputValue()).toBe('5');
    await page.screenshot({ path: path.join(ARTIFACTS, 'persist-index-restored.png') });

    // LISA: same level, same clusters, same Moran's I
    await page.getByRole('tab', { name: 'Räumliche Muster' }).click();
    await page.getByTestId('sp-results').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('sp-alpha').inputValue()).toBe('0.01');
    expect(await page.getByTestId('sp-lisa-counts').innerText()).toBe(lisaCounts);
    expect(await page.getByTestId('sp-moran-I').innerText()).toBe(moranI);
    await page.getByTestId('sp-map-lisa').click();
    await expect.poll(() => legend.innerText()).toContain('Hoch-Hoch (HH)');
    await settled(page);

    // and the LISA map, now on screen, is what the next reload shows — here with a basemap switched
    // on (MapLibre under deck.gl, loaded only then; its style answered locally)
    const lisaLegend = await legend.innerText();
    await page.route('https://tiles.example.org/**', (r) =>
      r.fulfill({ contentType: 'application/json', body: JSON.stringify({ version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4efe6' } }] }) }),
    );
    await page.evaluate(`localStorage.setItem('srw.basemap.url', 'https://tiles.example.org/style.json'); localStorage.setItem('srw.basemap.enabled', '1')`);
    await page.reload();
    await waitForMap(page);
    await expect.poll(async () => (await state(page)).restoring, { timeout: 120_000 }).toBe(false);
    await expect.poll(() => legend.innerText(), { timeout: 30_000 }).toBe(lisaLegend);
    expect(await page.getByTestId('map').getAttribute('data-basemap')).toBe('maplibre');
    expect(await page.locator('.maplibregl-canvas').count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'persist-lisa-restored.png') });
    // switching the basemap off takes effect at once: deck.gl alone draws the same map again
    await page.getByRole('tab', { name: 'Karte', exact: true }).click();
    await page.getByText('Hintergrundkarte (optional)').click();
    await page.getByLabel('Hintergrundkarte einschalten').uncheck();
    await expect.poll(() => page.getByTestId('map').getAttribute('data-basemap')).toBe('none');
    await waitForMap(page);
    expect(await page.locator('.maplibregl-map').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 600_000);
  it('brings back Angebote & Bedarfe (supply layer, category filter, Versorgungsquote with its map) and the disclosure thresholds of „Ebenen“', async () => {
    const { page, errors } = await demoPage();

    // Ebenen: minimum count 5 instead of 3
    await page.getByRole('tab', { name: 'Ebenen' }).click();
    const minCount = page.getByRole('spinbutton', { name: 'Mindestfallzahl' });
    await minCount.fill('5');
    await minCount.dispatchEvent('change');

    // Angebote & Bedarfe: Kitas only, places per 100 children under 6 on the map
    await page.getByRole('tab', { name: 'Angebote & Bedarfe' }).click();
    await expect.poll(() => page.getByTestId('svc-supply-summary').innerText(), { timeout: 60_000 }).toContain('80 von 80');
    for (const c of ['Beratungsstelle', 'Jugendzentrum', 'Familienzentrum']) await page.getByTestId(`svc-cat-${c}`).uncheck();
    await page.getByTestId('svc-section-coverage').click();
    await page.getByTestId('svc-cov-run').click();
    await expect.poll(() => page.getByTestId('svc-cov-table').locator('tbody tr').count(), { timeout: 60_000 }).toBe(60);
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.innerText(), { timeout: 30_000 }).toContain('Plätze je 100 (EW_U6)');
    const municipal = await page.getByTestId('svc-cov-municipal').innerText();
    const covRows = await page.getByTestId('svc-cov-table').innerText();
    const legendText = await legend.innerText();
    await settled(page);

    await page.reload();
    await waitForMap(page);
    await expect.poll(async () => (await state(page)).restoring, { timeout: 120_000 }).toBe(false);
    // the coverage map is on screen again without a click, and the workspace shows the same numbers
    await expect.poll(() => legend.innerText(), { timeout: 60_000 }).toBe(legendText);
    await page.getByRole('tab', { name: 'Angebote & Bedarfe' }).click();
    await page.getByTestId('svc-section-supply').click();
    await expect.poll(() => page.getByTestId('svc-cat-Beratungsstelle').isChecked()).toBe(false);
    expect(await page.getByTestId('svc-cat-Kita').isChecked()).toBe(true);
    await page.getByTestId('svc-section-coverage').click();
    await expect.poll(() => page.getByTestId('svc-cov-municipal').innerText(), { timeout: 60_000 }).toBe(municipal);
    expect(await page.getByTestId('svc-cov-table').innerText()).toBe(covRows);
    await page.screenshot({ path: path.join(ARTIFACTS, 'persist-services-restored.png') });
    await page.getByRole('tab', { name: 'Ebenen' }).click();
    expect(await page.getByRole('spinbutton', { name: 'Mindestfallzahl' }).inputValue()).toBe('5');
    expect(errors).toEqual([]);
    await page.close();
  }, 600_000);
});
