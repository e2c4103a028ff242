import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, useBrowser, waitForMap } from './harness';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { coverage } from '../../src/lib/engine/services-areas';

const ctx = useBrowser();
const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data/musterstadt');
const file = (p: string) => ({ name: path.basename(p), bytes: new Uint8Array(readFileSync(`${SAMPLE}/${p}`)) });

/** Kita places per 100 children under 6 (2024) for the whole town, by the same engine in Node. */
async function nodeMunicipal(): Promise<number> {
  const engine = new Engine(await createNodeDuck());
  const geo = await engine.importFile(file('bezirke.geojson'));
  const ind = await engine.importFile(file('indikatoren_2019-2024.csv'));
  const svc = await engine.importFile(file('angebote.geojson'));
  const layer = engine.createLayer({ table: geo.name, idColumn: 'BEZ_ID', nameColumn: 'BEZ_NAME' }).table;
  const r = coverage(engine, {
    services: { table: svc.name, id: 'ID', name: 'NAME', category: 'TYP', capacity: 'PLAETZE', categories: ['Kita'] }, layer, per: 100, useCapacity: true,
    target: { source: { table: ind.name, key: 'BEZ_ID', layer, mode: 'exact', yearColumn: 'JAHR' }, column: 'EW_U6', year: '2024' },
  });
  return r.municipal;
}

describe('Angebote & Bedarfe in the browser (demo)', () => {
  it('services, Kita places per 100 children, E2SFCA, gaps and a scenario that adds a Kita', async () => {
    const t0 = Date.now();
    const mark = (what: string) => console.log(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const expected = nodeMunicipal();
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ctx.server.url}/?demo=musterstadt`, { timeout: 90_000 });
    await waitForMap(page);
    mark('demo');
    await page.getByRole('tab', { name: 'Angebote & Bedarfe' }).click();

    // supply layer taken over from the demo's services with guessed columns; category filter
    await expect.poll(() => page.getByTestId('svc-supply-summary').innerText(), { timeout: 60_000 }).toContain('80 von 80');
    for (const c of ['Beratungsstelle', 'Jugendzentrum', 'Familienzentrum']) await page.getByTestId(`svc-cat-${c}`).uncheck();
    await expect.poll(() => page.getByTestId('svc-list').locator('tbody tr').count()).toBe(42);
    await page.getByTestId('svc-list').locator('tbody tr').first().click();
    await expect.poll(() => page.getByTestId('svc-selected').innerText()).toContain('1500 m');
    await page.screenshot({ path: path.join(ARTIFACTS, 'services-supply.png') });
    mark('supply');

    // Versorgungsquote: Kita places per 100 children under 6, mapped and tabled
    await page.getByTestId('svc-section-coverage').click();
    await expect.poll(() => page.getByTestId('svc-cov-target').inputValue()).toBe('EW_U6');
    await page.getByTestId('svc-cov-run').click();
    await expect.poll(() => page.getByTestId('svc-cov-table').locator('tbody tr').count(), { timeout: 60_000 }).toBe(60);
    await expect.poll(() => page.getByTestId('legend').innerText(), { timeout: 30_000 }).toContain('Plätze je 100 (EW_U6)');
    const municipal = (await page.getByTestId('svc-cov-municipal').innerText()).match(/Gesamtstadt: ([\d.,]+) je 100/)![1];
    expect(Number(municipal.replace(',', '.'))).toBeCloseTo(await expected, 1);
    // disclosure: an area with fewer than 100 children shows "/" instead of its rate
    await expect.poll(() => page.getByTestId('svc-cov-table').innerText()).toContain('/');
    await waitForMap(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'services-coverage.png') });
    mark('coverage');

    // the table as a CSV, in its order, with the table's symbols and decimals and the municipal value above
    const shown = (await page.getByTestId('svc-cov-table').locator('tbody tr[data-area]').allInnerTexts()).map((r) => r.split('\t'));
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('svc-cov-export').click()]);
    expect(dl.suggestedFilename()).toBe('versorgungsquote.csv');
    const lines = readFileSync((await dl.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^# Sozialraum-Werkbank · Versorgungsquote: Plätze je 100 EW_U6/);
    expect(lines.find((l) => l.startsWith('# Gesamtstadt:'))).toContain(`${municipal} je 100`);
    const head = lines.findIndex((l) => l.startsWith('Schlüssel;Gebiet;'));
    const data = lines.slice(head + 1).map((l) => l.split(';'));
    expect(data).toHaveLength(60);
    // same names, numbers and symbols as the table on screen (there with thousands dots and fixed decimals)
    const num = (c: string) => (/^[\d.,]+$/.test(c) ? Number(c.replace(/\./g, '').replace(',', '.')) : c);
    expect(data.map((r) => r.slice(1).map(num))).toEqual(shown.map((r) => r.map((c) => num(c.trim()))));
    expect(data.some((r) => r.includes('/'))).toBe(true);

    // E2SFCA with the default catchment 1 500 m in thirds; the sum check is shown
    await page.getByTestId('svc-section-access').click();
    await expect.poll(() => page.getByTestId('svc-acc-method').inputValue()).toBe('e2sfca');
    await page.getByTestId('svc-acc-run').click();
    await expect.poll(() => page.getByTestId('svc-acc-check').innerText(), { timeout: 60_000 }).toContain('✓');
    // the demo's 100 m grid of children is the demand (finest data), and the note says so
    await expect.poll(() => page.getByTestId('svc-acc-result').innerText()).toContain('Gitterzellen');
    await page.getByTestId('svc-map-access').click();
    await expect.poll(() => page.getByTestId('legend').innerText(), { timeout: 30_000 }).toContain('E2SFCA');
    await waitForMap(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'services-access.png') });
    mark('access');

    // gaps: Kinderarmut × places per 100 children, 3 × 3 map and ranked list
    await page.getByTestId('svc-section-gaps').click();
    await expect.poll(() => page.getByTestId('svc-gap-column').inputValue()).toBe('SGB2_U15');
    await page.getByTestId('svc-gap-run').click();
    const base = page.getByTestId('svc-gap-list-base');
    await base.locator('li').first().waitFor({ timeout: 60_000 });
    const first = (await base.locator('li button').first().innerText()).trim();
    await page.getByTestId('svc-map-gaps').click();
    await expect.poll(() => page.getByTestId('legend').innerText(), { timeout: 30_000 }).toContain('Bedarf · Versorgung');
    await waitForMap(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'services-gaps.png') });
    mark('gaps');

    // scenario: a new Kita with 120 places in the area at the top of the list
    await page.getByTestId('svc-section-scenarios').click();
    await page.getByTestId('svc-sc-new').click();
    await page.getByTestId('svc-sc-name').fill('Neue Kita');
    await page.getByTestId('svc-sc-name').press('Enter');
    await page.getByTestId('svc-sc-mode-add').click();
    await page.getByTestId('svc-sc-add-capacity').fill('120');
    await page.getByTestId('svc-sc-add-area').selectOption({ label: first });
    await page.getByTestId('svc-sc-add-place').click();
    await expect.poll(() => page.getByTestId('svc-sc-edits').innerText()).toContain('120 Plätze');
    const scen = page.getByTestId('svc-gap-list-scenario');
    await scen.waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await scen.locator('li button').allInnerTexts()).map((x) => x.trim())).not.toContain(first);
    expect((await page.getByTestId('svc-gap-list-base').locator('li button').allInnerTexts()).map((x) => x.trim())).toContain(first);
    await waitForMap(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'services-scenario.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 600_000);
});
