import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ARTIFACTS, foreignRequests, recordRequests, useBrowser, waitForMap } from './harness';

const REAL = path.resolve(import.meta.dirname, '../fixtures/real');
const ctx = useBrowser();

describe('Import-Einstellungen', () => {
  it('changes sheet and header row of a workbook, applies it, and maps the result', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 950 } });
    page.setDefaultTimeout(120_000);
    const requests = recordRequests(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ctx.server.url}/?demo=musterstadt&test=1`);
    await waitForMap(page);

    // two tables stacked on each year's sheet: the first sheet with data and the first table come in
    await page.getByRole('tab', { name: 'Daten', exact: true }).click();
    await page.setInputFiles('#file-input', [`${REAL}/17_zwei_tabellen_je_blatt.xlsx`]);
    const item = page.getByTestId('catalog').locator('li', { hasText: '17_zwei_tabellen_je_blatt.xlsx' });
    await item.waitFor({ timeout: 60_000 });
    await expect.poll(() => item.innerText(), { timeout: 30_000 }).toMatch(/Blatt „2023“ von 3/);
    await expect.poll(() => page.getByTestId('notice-info').allInnerTexts().then((a) => a.join('\n')), { timeout: 30_000 }).toMatch(/Tabellenblatt „2023“ gelesen/);

    await item.getByRole('button', { name: 'Import-Einstellungen' }).click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('import-raw').innerText(), { timeout: 30_000 }).toMatch(/Tabelle 1: Einwohner/);
    expect(await page.inputValue('#imp-hr')).toBe('3');

    // another sheet: its layout is detected afresh
    await page.selectOption('#imp-sheet', '2024');
    await expect.poll(() => dialog.getByTestId('import-raw').innerText(), { timeout: 30_000 }).toMatch(/Einwohner nach Statistischen Bezirken 2024/);
    // the second table's header is in row 67 (Excel numbering, blank rows counted)
    const raw = dialog.getByTestId('import-raw');
    await expect.poll(() => raw.innerText(), { timeout: 30_000 }).toMatch(/Tabelle 2: Leistungsberechtigte/);
    await page.fill('#imp-hr', '67');
    await expect.poll(() => dialog.getByTestId('import-preview').locator('thead').innerText(), { timeout: 30_000 }).toMatch(/SGB II/);
    const head = await dialog.getByTestId('import-preview').locator('thead').innerText();
    expect(head).toMatch(/Einwohner unter 65/);
    expect(head).toMatch(/Ganzzahl/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-settings.png') });
    await dialog.getByRole('button', { name: 'Übernehmen' }).click();
    await expect.poll(() => item.innerText(), { timeout: 60_000 }).toMatch(/60 Zeilen × 4 Spalten.*Blatt „2024“/s);

    // join to the demo districts and map SGB II / Einwohner unter 65 × 100
    await page.getByRole('tab', { name: 'Gebiete & Verknüpfung' }).click();
    const joins = (): Promise<number> => page.evaluate('window.__srw.state().joins') as Promise<number>;
    const before = await joins();
    await page.selectOption('#jn-table', { label: '17_zwei_tabellen_je_blatt.xlsx' });
    await page.selectOption('#jn-layer', 'bezirke');
    await page.selectOption('#jn-key', 'Bezirk');
    await page.getByTestId('check-join').click();
    await expect.poll(joins, { timeout: 30_000 }).toBe(before + 1);
    await expect.poll(() => page.getByTestId('jr-matched').innerText(), { timeout: 30_000 }).toBe('60');

    await page.getByRole('tab', { name: 'Karte', exact: true }).click();
    await page.selectOption('#mp-col', 'SGB II');
    await page.selectOption('#mp-den', 'Einwohner unter 65');
    await waitForMap(page);
    await expect.poll(() => page.getByTestId('legend').innerText(), { timeout: 30_000 }).toMatch(/%/);
    expect(await page.getByTestId('legend').innerText()).toMatch(/SGB II \/ Einwohner unter 65/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-settings-map.png') });

    expect(errors).toEqual([]);
    expect(foreignRequests(requests, ctx.server.url)).toEqual([]);
    await page.close();
  });

  it('a PDF is refused with a German message (nothing lost); „(3,2)“ comes in as a number of limited reliability', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 950 } });
    page.setDefaultTimeout(120_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ctx.server.url}/?test=1`);
    await page.getByRole('tab', { name: 'Daten', exact: true }).click();
    await page.setInputFiles('#file-input', [`${REAL}/06_deutsche_symbole.csv`]);
    const item = page.getByTestId('catalog').locator('li', { hasText: '06_deutsche_symbole.csv' });
    await item.waitFor({ timeout: 60_000 });

    await page.setInputFiles('#file-input', [`${REAL}/09_bericht_nur_text.pdf`]);
    const err = page.getByTestId('notice-error').last();
    await expect.poll(() => err.innerText(), { timeout: 60_000 }).toMatch(/„09_bericht_nur_text\.pdf“ ist ein PDF-Dokument und keine Datentabelle/);
    expect(await err.innerText()).toMatch(/Excel- oder CSV-Datei/);
    expect(await page.getByTestId('catalog').locator('li', { hasText: '09_bericht' }).count()).toBe(0);
    expect(await item.innerText()).toMatch(/5 Zeilen × 5 Spalten/);

    await item.getByRole('button', { name: 'Spalten', exact: true }).click();
    const row = item.locator('tr', { hasText: 'Quote HzE je 1.000 u21' });
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toMatch(/Zahl · 1 × „\( \)“/);
    expect(await item.innerText()).toMatch(/1 Wert steht in Klammern \(z\. B\. „\(3,2\)“\)/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-limited-pdf.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
