import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, useBrowser, waitForMap } from './harness';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { segregationAnalysis } from '../../src/lib/engine/segregation';

const ctx = useBrowser();
const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data/musterstadt');
const file = (p: string) => ({ name: path.basename(p), bytes: new Uint8Array(readFileSync(`${SAMPLE}/${p}`)) });
/** German number text → number ("0,412" → 0.412). */
const num = (s: string) => Number(s.trim().replace(/\./g, '').replace(',', '.'));

/** D of the SGB-II preset (2024, ≥ 500 under 65) computed by the same engine in Node. */
async function nodeD(): Promise<number> {
  const engine = new Engine(await createNodeDuck());
  const geo = await engine.importFile(file('bezirke.geojson'));
  const ind = await engine.importFile(file('indikatoren_2019-2024.csv'));
  const layer = engine.createLayer({ table: geo.name, idColumn: 'BEZ_ID', nameColumn: 'BEZ_NAME' }).table;
  const r = await segregationAnalysis(engine, {
    source: { table: ind.name, key: 'BEZ_ID', layer, mode: 'exact', yearColumn: 'JAHR' },
    groups: ['SGB2'], total: 'EW_U65', minPopulation: 500, atkinsonB: 0.5, permutations: 0, seed: 1, trend: false,
  });
  return r.single[0].rows.find((q) => q.key === 'dissimilarity')!.value;
}

describe('segregation and spatial patterns in the browser', () => {
  it('runs the SGB-II preset and LISA on the demo through the UI', async () => {
    const t0 = Date.now();
    const mark = (what: string) => console.log(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const expectedD = nodeD();
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ctx.server.url}/?demo=musterstadt`, { timeout: 90_000 });
    await waitForMap(page);
    await expect.poll(() => page.getByTestId('legend').locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    mark('demo');

    // Segregation: the preset SGB2 vs. EW_U65 − SGB2
    await page.getByRole('tab', { name: 'Segregation' }).click();
    await page.getByTestId('seg-perm').fill('199');
    await page.getByTestId('seg-preset').click();
    const dCell = page.getByTestId('seg-value-dissimilarity').first();
    await dCell.waitFor({ timeout: 60_000 });
    const d = num(await dCell.innerText());
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThan(1);
    expect(Math.abs(d - (await expectedD))).toBeLessThan(0.0005 + 1e-9);
    expect(await page.getByTestId('seg-d100').first().innerText()).toContain(String((Math.round((await expectedD) * 1000) / 10).toFixed(1)).replace('.', ','));
    // 199 permutations: the smallest possible p is 1/200 = 0,005
    expect(num(await page.getByTestId('seg-p-dissimilarity').first().innerText())).toBeCloseTo(0.005, 6);
    await expect.poll(() => page.getByTestId('seg-hist').count()).toBe(1);
    await expect.poll(() => page.getByTestId('seg-trend').locator('circle').count(), { timeout: 60_000 }).toBe(6);
    await expect.poll(() => page.getByTestId('legend').innerText()).toContain('Standortquotient');
    await page.screenshot({ path: path.join(ARTIFACTS, 'segregation.png') });
    await page.getByTestId('seg-results').screenshot({ path: path.join(ARTIFACTS, 'segregation-results.png') });
    mark('segregation');

    // Räumliche Muster: SGB-II-Quote, queen, 999 permutations → LISA clusters
    await page.getByRole('tab', { name: 'Räumliche Muster' }).click();
    await expect.poll(() => page.getByTestId('sp-column').inputValue()).toBe('SGB2');
    expect(await page.getByTestId('sp-denominator').inputValue()).toBe('EW_U65');
    await page.getByTestId('sp-run').click();
    await page.getByTestId('sp-results').waitFor({ timeout: 90_000 });
    const I = num(await page.getByTestId('sp-moran-I').innerText());
    expect(I).toBeGreaterThan(0.2);
    const counts = await page.getByTestId('sp-lisa-counts').innerText();
    const hh = Number(/HH (\d+)/.exec(counts)![1]);
    expect(hh).toBeGreaterThan(0);
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.innerText()).toContain('Hoch-Hoch (HH)');
    const hhRow = legend.locator('tbody tr', { hasText: 'Hoch-Hoch (HH)' });
    expect(await hhRow.innerText()).toContain(String(hh));
    expect(await page.getByTestId('sp-weights-report').innerText()).toMatch(/60 Gebiete/);
    // a stricter level with FDR redraws the clusters from the same permutations: never more HH
    await page.getByTestId('sp-alpha').selectOption('0.001');
    await page.getByTestId('sp-fdr').check();
    await expect.poll(async () => (await page.getByTestId('sp-lisa-counts').innerText()) !== counts).toBe(true);
    const strictHH = Number(/HH (\d+)/.exec(await page.getByTestId('sp-lisa-counts').innerText())![1]);
    expect(strictHH).toBeLessThanOrEqual(hh);
    await expect.poll(async () => await hhRow.innerText()).toContain(String(strictHH));
    await page.getByTestId('sp-alpha').selectOption('0.05');
    await page.getByTestId('sp-fdr').uncheck();

    // scatterplot → map selection → highlighted dot
    await page.getByTestId('sp-scatter').locator('circle').nth(5).dispatchEvent('click');
    await expect.poll(() => page.getByTestId('sp-scatter').locator('circle.sel').count()).toBe(1);
    expect(await page.getByTestId('sp-scatter').locator('circle.sel').getAttribute('data-i')).toBe('5');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(ARTIFACTS, 'spatial-lisa.png') });
    await page.getByTestId('sp-results').screenshot({ path: path.join(ARTIFACTS, 'spatial-results.png') });
    mark('lisa');

    // the other maps of the workspace draw with their own legends
    await page.getByTestId('sp-map-gstar').click();
    await expect.poll(() => legend.innerText()).toContain('Hot Spot 99 %');
    await page.screenshot({ path: path.join(ARTIFACTS, 'spatial-gstar.png') });
    await page.getByTestId('sp-map-ebSpatial').click();
    await expect.poll(() => legend.innerText()).toContain('EB-geglättet (räumlich)');
    expect(await page.getByTestId('sp-eb').locator('tbody tr').count()).toBe(8);
    await page.getByTestId('sp-show-weights').click();
    await expect.poll(() => legend.innerText()).toContain('Anzahl Nachbarn');
    await page.screenshot({ path: path.join(ARTIFACTS, 'spatial-neighbours.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
