import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, foreignRequests, launch, recordRequests, serveDist, waitForMap } from './harness';

// Autosave/restore, worker crash recovery, offline PWA and wiping, against the production build.
let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serveDist();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface SrwState {
  tables: string[];
  layers: string[];
  joins: number;
  method: string;
  layer: string | null;
  column: string | null;
  restoring: boolean;
  lastSaved: number | null;
}
const state = (page: Page) => page.evaluate(() => (window as unknown as { __srw: { state(): SrwState } }).__srw.state());

/** Wait until the autosave has written a state saved after `since`. */
async function waitSaved(page: Page, since: number): Promise<void> {
  await expect.poll(async () => (await state(page)).lastSaved ?? 0, { timeout: 20_000 }).toBeGreaterThan(since);
}

async function legendRows(page: Page): Promise<number> {
  return page.getByTestId('legend').locator('tbody tr').count();
}

async function openDemo(page: Page): Promise<void> {
  await page.goto(`${server.url}/?demo=musterstadt&test=1`);
  await waitForMap(page);
  await expect.poll(() => legendRows(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await waitSaved(page, 0);
}

describe('autosave and restore', () => {
  it('restores tables, renames, layers, joins and map settings after a reload, without loading the demo twice', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requests = recordRequests(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openDemo(page);
    const before = await state(page);
    expect(before.tables.length).toBeGreaterThanOrEqual(2);
    expect(before.joins).toBeGreaterThanOrEqual(1);

    await page.getByRole('tab', { name: 'Daten', exact: true }).click();
    const first = page.getByTestId('catalog').locator('li').first();
    await first.getByRole('button', { name: 'Umbenennen' }).click();
    await first.getByRole('textbox').fill('Meine Bezirke 2024');
    await first.getByRole('button', { name: 'OK' }).click();
    await expect.poll(async () => (await state(page)).tables).toContain('Meine Bezirke 2024');

    await page.getByRole('tab', { name: 'Karte', exact: true }).click();
    const t0 = Date.now();
    await page.getByTestId('map-method').selectOption('equal');
    await expect.poll(async () => (await state(page)).method).toBe('equal');
    await waitSaved(page, t0);
    const legendBefore = await page.getByTestId('legend').innerText();

    await page.reload();
    await waitForMap(page);
    await expect.poll(async () => (await state(page)).restoring, { timeout: 60_000 }).toBe(false);
    const after = await state(page);
    expect(after.tables).toEqual(before.tables.map((l, i) => (i === 0 ? 'Meine Bezirke 2024' : l)));
    expect(after.layers).toEqual(before.layers);
    expect(after.joins).toBe(before.joins);
    expect(after.layer).toBe(before.layer);
    expect(after.column).toBe(before.column);
    expect(after.method).toBe('equal');
    await expect.poll(() => page.getByTestId('map-method').inputValue()).toBe('equal');
    await expect.poll(() => page.getByTestId('legend').innerText()).toBe(legendBefore);
    await page.getByRole('tab', { name: 'Daten', exact: true }).click();
    await expect.poll(() => page.getByTestId('catalog').innerText()).toContain('Meine Bezirke 2024');
    await page.screenshot({ path: path.join(ARTIFACTS, 'robust-restored.png') });

    expect(errors).toEqual([]);
    expect(foreignRequests(requests, server.url)).toEqual([]);
    await page.context().close();
  });
});
