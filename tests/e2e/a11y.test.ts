import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useBrowser, waitForEngine, waitForMap } from './harness';

// axe-core on every main view, and the whole demo-to-map workflow by keyboard alone.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const ctx = useBrowser();

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Serious and critical axe violations on the page as it is now, one line each. */
async function axe(page: Page, view: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Violation[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return r.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${view}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

describe('accessibility', () => {
  it('has no serious or critical axe violations on the main views and dialogs', async () => {
    // the app's CSP rightly forbids inline scripts: let only this test inject axe
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
    await page.goto(`${ctx.server.url}/?test=1`);
    await waitForEngine(page);
    const found: string[] = [...(await axe(page, 'leer'))];
    await page.getByTestId('load-demo').click();
    await waitForMap(page);
    for (const view of ['Daten', 'Gebiete & Verknüpfung', 'Karte']) {
      await tab(page, view).click();
      await page.waitForTimeout(300);
      found.push(...(await axe(page, view)));
    }
    await page.getByTestId('tab-maptable').click();
    found.push(...(await axe(page, 'Kartentabelle')));

    await tab(page, 'Daten').click();
    await page.getByTestId('catalog').locator('li').first().getByRole('button', { name: 'Import-Einstellungen' }).click();
    await page.locator('dialog[open]').waitFor();
    await page.waitForTimeout(500);
    found.push(...(await axe(page, 'Importdialog')));
    await page.keyboard.press('Escape');

    await page.getByTestId('open-privacy').click();
    await page.getByTestId('privacy-panel').waitFor();
    found.push(...(await axe(page, 'Datenschutz')));
    await page.screenshot({ path: path.join(ARTIFACTS, 'a11y-privacy.png') });
    expect(found).toEqual([]);
    await page.context().close();
  }, 400_000);

  it('goes from "Demo laden" to a changed map classification with the keyboard only', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${ctx.server.url}/?test=1`);
    await waitForEngine(page);

    /** Press Tab until the focused element matches, at most `max` times. */
    async function tabTo(selector: string, max = 80): Promise<void> {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`${selector} not reachable with Tab`);
    }
    await tabTo('[data-testid="load-demo"]');
    await page.keyboard.press('Enter');
    await waitForMap(page);
    const legendBefore = await page.getByTestId('legend').innerText();
    await tabTo('[data-testid="map-method"]');
    // a focused <select>: arrow keys change the value (and fire change) without opening it
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('map-method').inputValue()).toBe('equal');
    await expect.poll(() => page.getByTestId('legend').innerText(), { timeout: 30_000 }).not.toBe(legendBefore);
    await page.screenshot({ path: path.join(ARTIFACTS, 'a11y-keyboard.png') });
    await page.context().close();
  }, 400_000);
});
