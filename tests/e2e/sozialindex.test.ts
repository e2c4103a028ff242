import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, colouredShare, foreignRequests, hoverOutlinePixels, openDemoIndex, recordRequests, useBrowser, waitForMap } from './harness';

const ctx = useBrowser();

const decode = (b: Buffer) => PNG.sync.read(b);
const shot = async (page: Page, name: string) => {
  const png = await page.getByTestId('map').screenshot();
  writeFileSync(path.join(ARTIFACTS, `${name}-map.png`), png);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-full.png`) });
  return png;
};
/** Rows of the results table as arrays of cell texts. */
const tableRows = (page: Page) =>
  page.getByTestId('ix-results').locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => (c.textContent ?? '').trim())));
const num = (s: string) => Number(s.replace(/\./g, '').replace(',', '.').replace('−', '-'));

describe('Sozialindex in the browser', () => {
  it('builds an index on the demo through the UI: table sorted by rank, class map with legend, status × dynamics', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 950 } });
    const requests = recordRequests(page);
    // the demo has SGB2, SGB2_U15, ALO, GRUSI_65, HH_ALLEINERZ, AUSL: six catalogue indicators
    const errors = await openDemoIndex(page, ctx.server.url);
    await expect.poll(() => page.getByTestId('ix-years').locator('tbody tr').count(), { timeout: 20_000 }).toBe(6);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sozialindex-indicators.png'), fullPage: true });

    await page.getByTestId('ix-section-results').click();
    await expect.poll(async () => (await tableRows(page)).length, { timeout: 20_000 }).toBe(60);
    let rows = await tableRows(page);
    // default order: by rank 1, 2, 3 …; scored areas first, the excluded ones (EW unter 300) last with "–"
    const ranks = rows.map((r) => r[0]);
    const scored = ranks.filter((r) => r !== '–').map(Number);
    expect(scored).toEqual(scored.map((_, q) => q + 1));
    const excluded = rows.filter((r) => r[4].includes('EW unter 300'));
    expect(excluded.length).toBeGreaterThan(0);
    expect(scored.length + excluded.length).toBe(60);
    // scores fall with the rank
    const scores = rows.filter((r) => r[0] !== '–').map((r) => num(r[2]));
    for (let q = 1; q < scores.length; q++) expect(scores[q]).toBeLessThanOrEqual(scores[q - 1]);

    // sort by score ascending via the header: the lowest score first
    await page.getByTestId('ix-results').getByRole('button', { name: 'Index', exact: true }).click();
    await page.getByTestId('ix-results').getByRole('button', { name: 'Index', exact: true }).click();
    rows = await tableRows(page);
    expect(num(rows[0][2])).toBe(Math.min(...scores));

    // the map shows the index classes with a legend (4 classes + no value)
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.innerText(), { timeout: 20_000 }).toMatch(/Sozialindex: Klassen/);
    expect(await legend.locator('tbody tr').count()).toBe(5);
    const png = await shot(page, 'sozialindex-classes');
    expect(colouredShare(png, decode)).toBeGreaterThan(0.15);

    // click a row → area detail with the deviation from the city value
    await page.getByTestId('ix-results').locator('tbody tr').first().click();
    await expect.poll(() => page.getByTestId('ix-area-detail').innerText(), { timeout: 10_000 }).toMatch(/Abw\. Stadt/);
    const detail = await page.getByTestId('ix-area-detail').innerText();
    expect(detail).toContain(`Rang ${scored.length} von ${scored.length}`);
    const note = await page.getByTestId('ix-method-note').inputValue();
    expect(note).toMatch(/Standardabweichung mit n − 1/);
    expect(note).toMatch(/unter 300 Einwohnern/);
    expect(note).toMatch(/SGB-II-Quote: SGB2 \/ EW_U65 × 100/);

    // Status und Dynamik: bivariate map with 12 groups
    await page.getByTestId('ix-section-index').click();
    await page.getByTestId('ix-preset').selectOption('status_dynamik');
    await page.screenshot({ path: path.join(ARTIFACTS, 'sozialindex-settings.png'), fullPage: true });
    await page.getByTestId('ix-section-results').click();
    await page.getByTestId('ix-bivariate-legend').waitFor({ timeout: 20_000 });
    await page.getByTestId('ix-map-bivariate').click();
    await expect.poll(() => legend.innerText(), { timeout: 20_000 }).toMatch(/Dynamik 2022–2024/);
    expect(await legend.locator('tbody tr').count()).toBe(13);
    const counts = await page.getByTestId('ix-bivariate-legend').locator('td').allInnerTexts();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(scored.length);
    const biv = await shot(page, 'sozialindex-bivariate');
    // the bivariate palette keeps the stable column nearly grey: less saturated than the class map
    expect(colouredShare(biv, decode)).toBeGreaterThan(0.03);

    expect(errors).toEqual([]);
    expect(foreignRequests(requests, ctx.server.url)).toEqual([]);
    await page.close();
  });

  it('moves a weight live, then builds types, checks robustness and the index over time', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 950 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ctx.server.url}/?demo=musterstadt`);
    await waitForMap(page);
    await page.getByRole('tab', { name: 'Sozialindex' }).click();
    await page.getByTestId('ix-suggest').click();
    await page.getByTestId('ix-section-results').click();
    await expect.poll(async () => (await tableRows(page)).length, { timeout: 20_000 }).toBe(60);
    const before = (await tableRows(page)).map((r) => r[1]).join('|');
    // a results row under the pointer outlines its area on the map
    const blue = async () => hoverOutlinePixels(await page.getByTestId('map').screenshot(), decode);
    const calm = await blue();
    await page.getByTestId('ix-results').locator('tbody tr').nth(3).hover();
    await expect.poll(blue, { timeout: 20_000 }).toBeGreaterThan(calm + 40);
    await page.mouse.move(2, 2);

    // weight of the first indicator (SGB-II-Quote) from 1 to 5: shares and ranking change without a button
    await page.getByTestId('ix-section-index').click();
    const shares = page.getByTestId('ix-weight-share');
    expect(await shares.first().innerText()).toBe('17 %');
    await page.getByRole('spinbutton', { name: /Gewicht SGB-II-Quote als Zahl/ }).fill('5');
    await expect.poll(() => shares.first().innerText()).toBe('50 %');
    await page.getByTestId('ix-section-results').click();
    await expect.poll(async () => (await tableRows(page)).map((r) => r[1]).join('|'), { timeout: 20_000 }).not.toBe(before);

    // typology: Ward with 4 types, quality table for k = 2 … 8, type map with 4 types + no value
    await page.getByTestId('ix-section-typology').click();
    await page.getByRole('combobox', { name: 'Verfahren' }).selectOption('ward');
    await page.getByTestId('ix-typ-run').click();
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.innerText(), { timeout: 30_000 }).toMatch(/Sozialraumtypen \(k = 4\)/);
    expect(await legend.locator('tbody tr').count()).toBe(5);
    await shot(page, 'sozialindex-types');

    // robustness: 1 000 Dirichlet runs, ranking chart with one bar per scored area, k × k correlations
    await page.getByTestId('ix-section-robustness').click();
    await page.getByTestId('ix-rob-run').click();
    await page.getByTestId('ix-rank-chart').waitFor({ timeout: 60_000 });
    const bars = await page.getByTestId('ix-rank-chart').locator('line[stroke="#7a9cc6"]').count();
    expect(bars).toBeGreaterThan(50);
    expect(await page.getByTestId('ix-corr').locator('tbody tr').count()).toBe(6);
    await expect.poll(() => legend.innerText(), { timeout: 20_000 }).toMatch(/Sicherheit der Klasse \(1000 Gewichtsvarianten\)/);
    await shot(page, 'sozialindex-certainty');

    // over time: six small maps, the year slider changes the main map
    await page.getByTestId('ix-section-time').click();
    await page.getByTestId('ix-ts-run').click();
    await expect.poll(() => page.getByTestId('ix-small-multiples').locator('svg').count(), { timeout: 30_000 }).toBe(6);
    await expect.poll(() => legend.innerText(), { timeout: 20_000 }).toMatch(/Sozialindex 2024/);
    await page.getByTestId('ix-ts-slider').fill('0');
    await expect.poll(() => legend.innerText(), { timeout: 20_000 }).toMatch(/Sozialindex 2019/);
    await shot(page, 'sozialindex-time');

    // one area through the years: a row of the map table selects it and every small map outlines it;
    // the pointer on an area of one small map outlines it in all six
    const small = page.getByTestId('ix-small-multiples');
    const row = page.getByTestId('map-table').locator('tbody tr[data-feature]').first();
    const picked = await row.getAttribute('data-feature');
    await row.click();
    await expect.poll(() => small.locator('path.sel').count()).toBe(6);
    expect(await small.locator('path.sel').first().getAttribute('data-feature')).toBe(picked);
    const other = picked === '5' ? '6' : '5';
    await small.locator('svg').nth(2).locator(`path[data-feature="${other}"]`).hover();
    await expect.poll(() => small.locator('path.hov').count()).toBe(6);
    await small.screenshot({ path: path.join(ARTIFACTS, 'sozialindex-small-maps-follow.png') });
    await page.mouse.move(5, 5);
    await expect.poll(() => small.locator('path.hov').count()).toBe(0);

    // switching the language redraws the workspace and the map legend in English
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => legend.innerText(), { timeout: 10_000 }).toMatch(/Social index 2019/);
    await page.getByTestId('ix-section-results').click();
    await expect.poll(() => page.getByTestId('ix-results').locator('thead').innerText()).toMatch(/Rank/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sozialindex-english.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the year map marks an area whose population of that year was „·“ in the file: „· geheim (Quelle)“ with the reason, not „keine Angabe“', async () => {
    // the demo's table (hashed name in the build) with Altstadt-Nord's EW of 2019 withheld („·“; the file is windows-1252: byte 0xB7)
    const context = await ctx.browser.newContext({ viewport: { width: 1400, height: 950 }, serviceWorkers: 'block' });
    await context.route('**/indikatoren_2019-2024*.csv', async (route) => {
      const res = await route.fetch();
      const text = (await res.body()).toString('latin1');
      const messy = text.replace('010;Altstadt-Nord;01;2019;1,16;3502;', '010;Altstadt-Nord;01;2019;1,16;\u00b7;');
      expect(messy).not.toBe(text);
      await route.fulfill({ response: res, body: Buffer.from(messy, 'latin1') });
    });
    const page = await context.newPage();
    const errors = await openDemoIndex(page, ctx.server.url);
    const list = page.getByTestId('ix-indicators');
    // EW is the population only: without the Ausländeranteil (AUSL / EW) it is no indicator's denominator
    const ausl = list.locator('li', { hasText: 'Ausländeranteil' });
    await ausl.locator('summary').click();
    await ausl.getByRole('button', { name: 'Indikator entfernen' }).click();
    await expect.poll(() => list.locator('li').count(), { timeout: 20_000 }).toBe(5);
    await page.getByTestId('ix-section-results').click();
    await expect.poll(async () => (await tableRows(page)).length, { timeout: 20_000 }).toBe(60);

    await page.getByTestId('ix-section-time').click();
    await page.getByTestId('ix-ts-run').click();
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.innerText(), { timeout: 30_000 }).toMatch(/Sozialindex 2024/);
    // 2024: the population is known, no area is secret at the source
    expect(await legend.innerText()).not.toMatch(/geheim \(Quelle\)/);
    await page.getByTestId('ix-ts-slider').fill('0');
    await expect.poll(() => legend.innerText(), { timeout: 20_000 }).toMatch(/Sozialindex 2019/);
    await expect.poll(() => legend.innerText(), { timeout: 20_000 }).toMatch(/· geheim \(Quelle\)\s*1\b/);
    // the small map of 2019 dots it too, with the same reason; the other years' maps do not
    const small = page.getByTestId('ix-small-multiples').locator('svg');
    const secretPaths = (q: number) => small.nth(q).locator('path[data-mark="source"]');
    await expect.poll(() => secretPaths(0).count(), { timeout: 20_000 }).toBe(1);
    expect(await secretPaths(0).locator('title').textContent()).toMatch(/^Altstadt-Nord \(010\): EW · geheim \(Quelle\): die Einwohnerzahl/);
    expect(await secretPaths(5).count()).toBe(0);
    expect(await page.getByTestId('ix-sm-key').innerText()).toMatch(/· geheim \(Quelle\)/);
    await page.getByTestId('ix-small-multiples').screenshot({ path: path.join(ARTIFACTS, 'sozialindex-small-maps-population-secret.png') });
    await page.getByTestId('tab-maptable').click();
    const row = page.getByTestId('map-table').locator('tbody tr', { hasText: 'Altstadt-Nord' });
    await expect.poll(() => row.locator('td').nth(3).innerText(), { timeout: 20_000 }).toBe('· geheim (Quelle)');
    const title = await row.locator('td[data-mark="source"]').getAttribute('title');
    expect(title).toMatch(/^EW · geheim \(Quelle\): die Einwohnerzahl/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sozialindex-year-population-secret.png') });
    // the table's CSV gives the mark and the reason, the cell title's words, in its own column
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = readFileSync((await dl.path())!, 'utf8');
    expect(csv).toMatch(/;Geheimhaltung;Grund der Geheimhaltung;Kleine Einwohnerzahl\r\n/);
    expect(csv).toContain(`010;Altstadt-Nord;·;;· geheim (Quelle);Quelle;${title};\r\n`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
