import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, foreignRequests, recordRequests, useBrowser, waitForEngine, waitForMap } from './harness';

const REF = path.resolve(import.meta.dirname, '../fixtures/reference');
const ctx = useBrowser();

async function open(page: Page, query = '?test=1'): Promise<void> {
  page.setDefaultTimeout(120_000);
  await page.goto(`${ctx.server.url}/${query}`);
  await waitForEngine(page);
}

const areasTab = (page: Page) => page.getByRole('tab', { name: 'Gebiete & Verknüpfung' }).click();
const mapTab = (page: Page) => page.getByRole('tab', { name: 'Karte', exact: true }).click();

describe('real joins in the browser', () => {
  it('Flensburg: keys 1…13 against STGT01…STGT13 join after one confirmed suggestion, and the join survives a reload', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 950 } });
    const requests = recordRequests(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page);
    await page.setInputFiles('#file-input', [`${REF}/flensburg/flensburg_stadtteile.geojson`, `${REF}/flensburg/tab18_sgb2_regelleistungsberechtigte.csv`]);
    await expect.poll(() => page.getByTestId('catalog').locator('li').count(), { timeout: 60_000 }).toBe(2);

    await areasTab(page);
    expect(await page.inputValue('#ar-id')).toBe('AREA_ID');
    await page.getByRole('button', { name: 'Als Gebietsebene verwenden' }).click();
    await expect.poll(() => page.getByTestId('layers').locator('li').count(), { timeout: 30_000 }).toBe(1);
    await areasTab(page);
    await expect.poll(() => page.inputValue('#jn-key'), { timeout: 30_000 }).toBe('Stadtteil_ID');
    await page.getByTestId('check-join').click();
    await expect.poll(() => page.getByTestId('jr-matched').innerText(), { timeout: 30_000 }).toBe('0');
    const first = page.getByTestId('join-suggestion').first();
    expect(await first.innerText()).toMatch(/13 von 13 Gebieten.*Präfix „STGT“ entfernt.*1 ↔ STGT01/s);
    await first.getByTestId('join-fix').click();
    await expect.poll(() => page.getByTestId('jr-matched').innerText(), { timeout: 30_000 }).toBe('13');
    expect(await page.getByTestId('join-transform').innerText()).toMatch(/Präfix „STGT“ entfernt/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'join-flensburg.png') });

    await mapTab(page);
    await page.selectOption('#mp-col', 'Anzahl_2021');
    await waitForMap(page);
    const legend = await page.getByTestId('legend').innerText();
    expect(legend).toMatch(/Anzahl_2021/);
    // every area has a value: no „keine Angabe“ count other than 0
    expect(legend).not.toMatch(/keine Angabe\s*[1-9]/);

    // autosave keeps the confirmed transformation with the join: after a reload the map still has values
    await expect.poll(() => page.evaluate('window.__srw.state().dirty'), { timeout: 30_000 }).toBe(false);
    await page.reload();
    await waitForMap(page);
    await expect.poll(() => page.getByTestId('legend').innerText(), { timeout: 60_000 }).toMatch(/Anzahl_2021/);
    expect(await page.getByTestId('legend').innerText()).not.toMatch(/keine Angabe\s*[1-9]/);
    expect(errors).toEqual([]);
    expect(foreignRequests(requests, ctx.server.url)).toEqual([]);
    await page.close();
  });

  it('Köln long table: the key is found, the report points to the reshape, pre-selected, and one rate is on the map in a few steps', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 950 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page, '');
    await page.setInputFiles('#file-input', [`${REF}/koeln/stadtteile_koeln_shp.zip`, `${REF}/koeln/bevoelkerung_koeln_2005-2012.csv`]);
    await expect.poll(() => page.getByTestId('catalog').locator('li').count(), { timeout: 90_000 }).toBe(2);
    await areasTab(page);
    await page.getByRole('button', { name: 'Als Gebietsebene verwenden' }).click();
    await expect.poll(() => page.getByTestId('layers').locator('li').count(), { timeout: 60_000 }).toBe(1);
    await areasTab(page);
    // the default key is the column that matches the areas, not the row id
    await expect.poll(() => page.inputValue('#jn-key'), { timeout: 30_000 }).toBe('raum_id');
    expect(await page.inputValue('#jn-year')).toBe('jahr');
    await page.getByTestId('check-join').click();
    await expect.poll(() => page.getByTestId('jr-matched').innerText(), { timeout: 60_000 }).toBe('86');
    // true duplicate count: 96 areas × 8 years, all shown as a number, not a capped list
    expect(await page.getByTestId('jr-table-dup').innerText()).toBe('768');
    expect(await page.getByTestId('jr-long').innerText()).toMatch(/„zeile“/);
    // the map did not switch to a code column by itself
    await mapTab(page);
    expect(await page.inputValue('#mp-col')).not.toMatch(/_id$/);
    await expect.poll(() => page.getByTestId('map-long-table').count()).toBe(1);
    await areasTab(page);
    await page.getByTestId('jr-reshape').click();
    expect(await page.inputValue('[data-testid="rs-name"]')).toBe('zeile');
    expect(await page.inputValue('[data-testid="rs-value"]')).toBe('zahl');
    await page.getByRole('button', { name: 'Neue Tabelle erzeugen' }).click();
    await expect.poll(() => page.getByTestId('jr-matched').innerText(), { timeout: 60_000 }).toBe('86');
    await expect.poll(() => page.getByTestId('jr-table-dup').innerText(), { timeout: 60_000 }).toBe('0');
    await mapTab(page);
    await page.selectOption('#mp-col', 'Ausländer');
    await page.selectOption('#mp-den', 'Einwohner');
    await waitForMap(page);
    await expect.poll(() => page.getByTestId('legend').innerText(), { timeout: 30_000 }).toMatch(/Ausländer \/ Einwohner × 100 \(2012\)/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'join-koeln-long.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Berlin: the duplicated id is shown with both areas when the layer is made; keeping the first leaves 447 unique areas', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 950 } });
    await open(page, '');
    await page.setInputFiles('#file-input', [`${REF}/berlin/berlin-lor-planning-areas-until-2020.geojson`]);
    await expect.poll(() => page.getByTestId('catalog').locator('li').count(), { timeout: 60_000 }).toBe(1);
    await areasTab(page);
    await page.selectOption('#ar-id', 'id');
    await page.getByRole('button', { name: 'Als Gebietsebene verwenden' }).click();
    const dup = page.getByTestId('layer-duplicates');
    await dup.waitFor({ timeout: 60_000 });
    const text = await dup.innerText();
    expect(text).toMatch(/„06010102“ tragen 2 Gebiete/);
    expect(text.match(/Schloßstraße/g)).toHaveLength(2);
    expect(text).toMatch(/0,56\d/);
    expect(text).toMatch(/13,29\d\d E, 52,51\d\d N/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'layer-duplicates.png') });
    await page.getByTestId('dup-first').click();
    await expect.poll(() => page.getByTestId('layers').innerText(), { timeout: 60_000 }).toMatch(/447 Gebiete/);
    expect(await page.getByTestId('layers').innerText()).toMatch(/erste Gebiet behalten/);
    expect(await page.getByTestId('layer-duplicates').count()).toBe(0);
    await page.close();
  });
});
