import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ARTIFACTS, foreignRequests, recordRequests, useBrowser, waitForEngine, waitForMap } from './harness';

// Autosave/restore, worker crash recovery, offline PWA and wiping, against the production build.
const ctx = useBrowser();

interface SrwState {
  tables: string[];
  layers: string[];
  joins: number;
  method: string;
  layer: string | null;
  column: string | null;
  restoring: boolean;
  lastSaved: number | null;
  dirty: boolean;
  demoLoading: boolean;
}
const state = (page: Page) => page.evaluate(() => (window as unknown as { __srw: { state(): SrwState } }).__srw.state());

/** Wait until the autosave has written a state saved after `since`. */
async function waitSaved(page: Page, since: number): Promise<void> {
  await expect.poll(async () => (await state(page)).lastSaved ?? 0, { timeout: 20_000 }).toBeGreaterThan(since);
}

const text = (l: Locator) => l.innerText({ timeout: 1000 }).catch(() => '');

async function legendRows(page: Page): Promise<number> {
  return page.getByTestId('legend').locator('tbody tr').count();
}

async function openDemo(page: Page): Promise<void> {
  await page.goto(`${ctx.server.url}/?demo=musterstadt&test=1`);
  await waitForMap(page);
  await expect.poll(() => legendRows(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  // the demo's point files come in after the first map
  await expect.poll(async () => (await state(page)).demoLoading, { timeout: 60_000 }).toBe(false);
  await waitSaved(page, 0);
  // the demo's last steps are saved too (not just an early, partial state)
  await page.waitForTimeout(600);
  await expect.poll(async () => (await state(page)).dirty, { timeout: 20_000 }).toBe(false);
}

describe('autosave, restore and worker crash', () => {
  it('restores tables, renames, layers, joins and map settings after a reload, without loading the demo twice; after a worker crash pending calls fail in German and the last autosave comes back', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
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

    expect(foreignRequests(requests, ctx.server.url)).toEqual([]);

    // a worker crash on the restored page (one demo load less): pending calls fail, the last autosave comes back
    await page.getByRole('tab', { name: 'Karte', exact: true }).click();
    const before2 = await state(page);
    const legendBefore2 = await page.getByTestId('legend').innerText();

    // a call sent after the worker closed itself must fail, not hang
    const pending = await page.evaluate(async () => {
      const srw = (window as unknown as { __srw: { engine(): { listTables(): Promise<unknown> }; crash(): Promise<void> } }).__srw;
      const engine = srw.engine();
      void srw.crash();
      return engine.listTables().then(
        () => 'resolved',
        (e: Error) => e.message,
      );
    });
    expect(pending).toMatch(/Rechenkern wurde beendet/);
    // „… wird wiederhergestellt“ (error), then replaced by „… ist wiederhergestellt“ (info) under the same title
    const crashNotices = () => page.locator('[data-testid^="notice-"]').allInnerTexts().then((a) => a.filter((x) => x.includes('Der Rechenkern wurde unerwartet beendet')));
    await expect.poll(() => crashNotices().then((a) => a.length), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => text(page.getByTestId('notice-info').filter({ hasText: 'Rechenkern' }).first()), { timeout: 60_000 }).toContain('wiederhergestellt');
    expect(await crashNotices()).toHaveLength(1);
    await waitForMap(page);
    const after2 = await state(page);
    expect(after2.tables).toEqual(before2.tables);
    expect(after2.layers).toEqual(before2.layers);
    expect(after2.joins).toBe(before2.joins);
    expect(after2.method).toBe('equal');
    await expect.poll(() => page.getByTestId('legend').innerText()).toBe(legendBefore2);
    await waitForEngine(page, 20_000);
    await page.screenshot({ path: path.join(ARTIFACTS, 'robust-crash-recovered.png') });

    // the new engine works: a reclassification runs
    await page.getByTestId('map-method').selectOption('quantile');
    await expect.poll(() => page.getByTestId('legend').innerText()).not.toBe(legendBefore2);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 400_000);
});

describe('crash while restoring; Datenschutz & Speicher', () => {
  it('does not loop or overwrite the saved session; the next start restores it in full; the privacy panel explains what is stored and "Alle lokalen Daten löschen" empties everything', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openDemo(page);
    const before = await state(page);
    await page.reload();
    // crash the new engine while it rebuilds the saved session
    await page.waitForFunction(() => (window as unknown as { __srw?: { state(): SrwState } }).__srw?.state().restoring === true);
    await page.evaluate(() => (window as unknown as { __srw: { crash(): void } }).__srw.crash());
    const notices = () => page.getByTestId('notice-error').allInnerTexts().then((a) => a.join('\n'));
    await expect.poll(notices, { timeout: 30_000 }).toContain('Wiederherstellung abgebrochen');
    expect(await notices()).not.toMatch(/Binder|Error/);
    await expect.poll(async () => (await state(page)).restoring, { timeout: 60_000 }).toBe(false);
    await page.waitForTimeout(1500); // longer than the autosave delay: nothing may be written now
    await page.reload();
    await waitForMap(page);
    await expect.poll(async () => (await state(page)).restoring, { timeout: 60_000 }).toBe(false);
    const after = await state(page);
    expect(after.tables).toEqual(before.tables);
    expect(after.layers).toEqual(before.layers);
    expect(after.joins).toBe(before.joins);

    // Datenschutz & Speicher on this page (one demo load less): what is stored where, storage use, and
    // „Alle lokalen Daten löschen“ empties everything
    await page.evaluate(() => localStorage.setItem('srw.basemap.url', 'https://tiles.example.org/style.json'));
    expect(await storedRecords(page)).toBeGreaterThan(2);

    await page.getByTestId('open-privacy').click();
    const panel = page.getByTestId('privacy-panel');
    await expect.poll(() => text(panel)).toContain('IndexedDB');
    await expect.poll(() => text(panel)).toContain('Hintergrundkarte');
    await expect.poll(() => text(page.getByTestId('privacy-usage')), { timeout: 20_000 }).toMatch(/Belegter Speicher dieser Seite: [\d.,]+ (B|KB|MB|GB)/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'robust-privacy.png') });
    await page.getByTestId('wipe').click();
    await Promise.all([page.waitForNavigation(), page.getByTestId('wipe-confirm').click()]);
    await waitForEngine(page);
    await page.getByTestId('catalog').waitFor({ state: 'attached' });
    expect(await page.getByTestId('catalog').locator('li').count()).toBe(0);
    expect(await storedRecords(page)).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('srw.')))).toEqual([]);
    // and nothing comes back on the next start
    await page.reload();
    await waitForEngine(page);
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('catalog').locator('li').count()).toBe(0);
    await page.context().close();
  }, 400_000);
});

describe('offline', () => {
  it('after the first visit the app starts offline, restores the session and runs a classification', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openDemo(page);
    // the service worker has precached the whole build, DuckDB's wasm included
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const c = await caches.open(keys.find((k) => k.startsWith('srw-'))!);
      return (await c.keys()).map((r) => r.url);
    });
    expect(cached.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(cached.some((u) => /engine\.worker.*\.js$/.test(u))).toBe(true);
    const legendOnline = await page.getByTestId('legend').innerText();

    await context.setOffline(true);
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    page.on('console', (m) => m.type() === 'error' && failed.push(m.text()));
    await page.reload();
    await waitForMap(page).catch(async (e) => {
      await page.screenshot({ path: path.join(ARTIFACTS, 'robust-offline-failed.png') });
      throw new Error(`${(e as Error).message}\nfailed: ${failed.join('\n')}`);
    });
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await expect.poll(() => page.getByTestId('legend').innerText(), { timeout: 30_000 }).toBe(legendOnline);
    await page.getByRole('tab', { name: 'Karte', exact: true }).click();
    await page.getByTestId('map-method').selectOption('ckmeans');
    await expect.poll(() => page.getByTestId('legend').innerText(), { timeout: 30_000 }).not.toBe(legendOnline);
    await page.screenshot({ path: path.join(ARTIFACTS, 'robust-offline.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 400_000);
});

/** A tooltip that shows one of the hostile area names as text. */
const HOSTILE_TIP = /<img src=x onerror="alert\(1\)">|<script>alert\(2\)<\/script>|"><svg onload=alert\(3\)>|<b>Süd<\/b>/;

/** Number of records in the app's IndexedDB (0 when the database is gone or empty). */
function storedRecords(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const r = indexedDB.open('srw');
        r.onsuccess = () => {
          const db = r.result;
          if (!db.objectStoreNames.contains('files')) return resolve(0);
          const tx = db.transaction(['files', 'session']);
          const a = tx.objectStore('files').count();
          const b = tx.objectStore('session').count();
          tx.oncomplete = () => {
            db.close();
            resolve(a.result + b.result);
          };
        };
        r.onerror = () => resolve(0);
      }),
  );
}

describe('hostile names', () => {
  it('shows area and column names with HTML/script as text in the catalogue, map table and tooltip; nothing runs', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ctx.server.url}/?test=1`);
    await waitForEngine(page);
    await page.setInputFiles('#file-input', path.resolve(import.meta.dirname, '../fixtures/hostile/hostile-areas.geojson'));
    await expect.poll(async () => (await state(page)).tables.length, { timeout: 30_000 }).toBe(1);

    const item = page.getByTestId('catalog').locator('li').first();
    await item.getByRole('button', { name: 'Spalten' }).click();
    await expect.poll(() => text(item)).toContain('<img src=x onerror=alert(4)>');

    await page.getByRole('tab', { name: 'Gebiete & Verknüpfung', exact: true }).click();
    await page.locator('#ar-id').selectOption('gebiet_id');
    await page.locator('#ar-name').selectOption('gebiet_name');
    await page.getByRole('button', { name: 'Als Gebietsebene verwenden' }).click();
    await waitForMap(page);
    await page.getByTestId('tab-maptable').click();
    const table = page.getByTestId('map-table');
    await expect.poll(() => text(table), { timeout: 20_000 }).toContain('<script>alert(2)</script>');
    const tableText = await text(table);
    expect(tableText).toContain('<img src=x onerror="alert(1)">');
    expect(tableText).toContain('"><svg onload=alert(3)>');
    expect(tableText).toContain('Nordstadt & <b>Süd</b>');

    // hover each quarter of the map until the tooltip shows a hostile name as text
    const box = (await page.getByTestId('map').boundingBox())!;
    const tips: string[] = [];
    for (const [fx, fy] of [[0.45, 0.45], [0.55, 0.45], [0.45, 0.55], [0.55, 0.55], [0.4, 0.4], [0.6, 0.6], [0.4, 0.6], [0.6, 0.4]]) {
      await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
      await page.waitForTimeout(400);
      const tip = await page.locator('.deck-tooltip').innerText({ timeout: 1000 }).catch(() => '');
      if (tip) tips.push(tip);
      if (HOSTILE_TIP.test(tip)) break;
    }
    expect(tips.join('\n')).toMatch(HOSTILE_TIP);
    // no element was created from the names
    expect(await page.locator('img[src="x"], svg[onload], b:has-text("Süd")').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'robust-hostile.png') });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 400_000);
});
