import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, foreignRequests, recordRequests, useBrowser, waitForMap } from './harness';

// Project file (.srw) and the settings-only share link, against the production build.
const ctx = useBrowser();
const FIX = path.resolve(import.meta.dirname, '../fixtures');

interface SrwState { tables: string[]; restoring: boolean; dirty: boolean }
const state = (page: Page) => page.evaluate(() => (window as unknown as { __srw: { state(): SrwState } }).__srw.state());
const tableRows = (page: Page) =>
  page.getByTestId('ix-results').locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => (c.textContent ?? '').trim()).join(' | ')));

/** Drop a file on the app as a user would drag it from the file manager. */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.evaluate(
    ({ name, b64 }) => {
      const bin = atob(b64);
      const file = new File([Uint8Array.from(bin, (c) => c.charCodeAt(0))], name);
      const dt = new DataTransfer();
      dt.items.add(file);
      const target = document.querySelector('.zone')!;
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { name, b64: bytes.toString('base64') },
  );
}

async function indexOnDemo(page: Page): Promise<string[]> {
  await page.goto(`${ctx.server.url}/?demo=musterstadt&test=1`);
  await waitForMap(page);
  await page.getByRole('tab', { name: 'Sozialindex' }).click();
  await page.getByTestId('ix-suggest').click();
  await expect.poll(() => page.getByTestId('ix-indicators').locator('li').count(), { timeout: 30_000 }).toBe(6);
  await page.getByTestId('ix-section-index').click();
  await page.getByRole('spinbutton', { name: /Gewicht SGB-II-Quote als Zahl/ }).fill('3');
  await page.getByTestId('ix-section-results').click();
  await expect.poll(async () => (await tableRows(page)).length, { timeout: 30_000 }).toBe(60);
  await page.waitForTimeout(500);
  return tableRows(page);
}

describe('project file', () => {
  it('saves a .srw, opens it in a fresh browser with identical index results; damaged and foreign files leave the work untouched', async () => {
    const a = await ctx.browser.newContext({ viewport: { width: 1400, height: 950 }, acceptDownloads: true });
    const page = await a.newPage();
    page.setDefaultTimeout(120_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const rows = await indexOnDemo(page);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('project-save').click()]);
    expect(dl.suggestedFilename()).toMatch(/^Sozialraum-Projekt_\d{4}-\d{2}-\d{2}\.srw$/);
    const srw = readFileSync((await dl.path())!);
    writeFileSync(path.join(ARTIFACTS, 'musterstadt.srw'), srw);
    expect(srw.subarray(0, 2).toString()).toBe('PK');
    await a.close();

    // another computer: a fresh context has no autosave; open by the button
    const b = await ctx.browser.newContext({ viewport: { width: 1400, height: 950 } });
    const p2 = await b.newPage();
    p2.setDefaultTimeout(120_000);
    const requests = recordRequests(p2);
    p2.on('pageerror', (e) => errors.push(e.message));
    await p2.goto(`${ctx.server.url}/?test=1`);
    await expect.poll(async () => (await state(p2)).restoring, { timeout: 60_000 }).toBe(false);
    await p2.getByTestId('project-input').setInputFiles(path.join(ARTIFACTS, 'musterstadt.srw'));
    await expect.poll(() => p2.getByTestId('notice-info').allInnerTexts().then((x) => x.join('\n')), { timeout: 120_000 }).toContain('Projekt geöffnet');
    await waitForMap(p2);
    await expect.poll(() => p2.getByTestId('ix-results').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => tableRows(p2), { timeout: 60_000 }).toEqual(rows);
    await p2.screenshot({ path: path.join(ARTIFACTS, 'project-opened.png') });
    const tables = (await state(p2)).tables;

    // a damaged project (cut off) dropped on the app: German message, nothing replaced, no question asked
    await dropFile(p2, 'kaputt.srw', srw.subarray(0, srw.length - 300));
    await expect.poll(() => p2.getByTestId('notice-error').allInnerTexts().then((x) => x.join('\n')), { timeout: 20_000 }).toMatch(/beschädigt oder unvollständig/);
    expect(await p2.getByTestId('project-open-dialog').isVisible()).toBe(false);
    // a zip that is no project (a shapefile renamed)
    await p2.getByTestId('project-input').setInputFiles({ name: 'bezirke.srw', mimeType: 'application/zip', buffer: readFileSync(path.join(FIX, 'bezirke_utm32.zip')) });
    await expect.poll(() => p2.getByTestId('notice-error').allInnerTexts().then((x) => x.join('\n')), { timeout: 20_000 }).toMatch(/kein Projekt der Sozialraum-Werkbank/);
    expect((await state(p2)).tables).toEqual(tables);
    expect(await tableRows(p2)).toEqual(rows);
    expect(await p2.getByTestId('notice-error').first().innerText()).toMatch(/aktuelle Arbeit bleibt unverändert/);

    // opening a project over open work asks first; dropping it works like the button
    await dropFile(p2, 'musterstadt.srw', srw);
    await p2.getByTestId('project-open-dialog').waitFor();
    await p2.getByTestId('project-open-confirm').click();
    await expect.poll(() => p2.getByTestId('notice-info').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => tableRows(p2), { timeout: 120_000 }).toEqual(rows);
    expect(errors).toEqual([]);
    expect(foreignRequests(requests, ctx.server.url)).toEqual([]);
    await b.close();
  }, 900_000);

  it('a share link carries the method, not the data, and another browser applies it to its own files', async () => {
    const a = await ctx.browser.newContext({ viewport: { width: 1400, height: 950 } });
    const page = await a.newPage();
    page.setDefaultTimeout(120_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const rows = await indexOnDemo(page);
    await page.getByRole('tab', { name: 'Bericht & Export' }).click();
    await page.getByTestId('share-open').click();
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toMatch(/#einstellungen=[A-Za-z0-9_-]+$/);
    expect(link).not.toContain('?'); // not the sender's ?demo=… (QA-15)
    await page.getByTestId('share-dialog').screenshot({ path: path.join(ARTIFACTS, 'share-dialog.png') });
    // no data in it: decode the fragment in the page and look for area names and values
    const decoded = await page.evaluate(async (code) => {
      const bin = atob(code.replace(/-/g, '+').replace(/_/g, '/'));
      const stream = new Blob([Uint8Array.from(bin, (c) => c.charCodeAt(0))]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      return new Response(stream).text();
    }, link.split('#einstellungen=')[1]);
    expect(decoded).toContain('SGB2');
    expect(decoded).not.toMatch(/Schleusenkamp|Hafenviertel|bezirke|indikatoren_2019/);
    await a.close();

    // another town: own data first (here the demo files again), then the link
    const b = await ctx.browser.newContext({ viewport: { width: 1400, height: 950 } });
    const p2 = await b.newPage();
    p2.setDefaultTimeout(120_000);
    p2.on('pageerror', (e) => errors.push(e.message));
    await p2.goto(`${ctx.server.url}/?demo=musterstadt&test=1#einstellungen=${link.split('#einstellungen=')[1]}`);
    await p2.getByTestId('shared-banner').waitFor();
    expect(await p2.getByTestId('shared-banner').innerText()).toContain('Sozialindex');
    expect(p2.url()).not.toContain('einstellungen=');
    await waitForMap(p2);
    await expect.poll(() => p2.getByTestId('shared-apply').isEnabled(), { timeout: 60_000 }).toBe(true);
    await p2.getByTestId('shared-apply').click();
    await expect.poll(() => p2.getByTestId('notice-info').allInnerTexts().then((x) => x.join('\n')), { timeout: 20_000 }).toContain('6 Indikatoren');
    await p2.getByRole('tab', { name: 'Sozialindex' }).click();
    await p2.getByTestId('ix-section-results').click();
    await expect.poll(() => tableRows(p2), { timeout: 60_000 }).toEqual(rows);
    expect(errors).toEqual([]);
    await b.close();
  }, 600_000);
});
