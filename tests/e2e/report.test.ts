import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { Download, Page } from 'playwright-core';
import { ARTIFACTS, foreignRequests, openDemoIndex, recordRequests, useBrowser } from './harness';

// Report, area profile, table and map exports from the running app (same renderer as the CLI).
const ctx = useBrowser();

const saved = async (dl: Download) => readFileSync((await dl.path())!);
const download = async (page: Page, testid: string) => {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.getByTestId(testid).click()]);
  return { name: dl.suggestedFilename(), bytes: await saved(dl) };
};

/** Pages of a PDF (count of page objects). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

describe('Bericht & Export in the browser', () => {
  it('exports the report, opens and prints a profile, exports tables and the map, with nothing leaving the browser', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 1400, height: 950 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const requests = recordRequests(page);
    const errors = await openDemoIndex(page, ctx.server.url);
    // the index workspace says which disclosure control reports and exports apply (the project's, QA-16)
    expect(await page.getByTestId('ix-disc-project').innerText()).toMatch(/Geheimhaltung des Projekts .*Fallzahlen unter 3/);

    // report metadata, then the report as one HTML file
    await page.getByRole('tab', { name: 'Bericht & Export' }).click();
    await page.getByTestId('report-title').fill('Sozialbericht Musterstadt 2024');
    await page.getByTestId('report-municipality').fill('Stadt Musterstadt');
    await page.getByTestId('report-author').fill('Amt für Soziales, Sozialplanung');
    await page.getByTestId('report-source').fill('Einwohnermeldeamt; Bundesagentur für Arbeit');
    await page.getByTestId('report-attribution').fill('© GeoBasis-DE / BKG 2024');
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-workspace.png') });
    const report = await download(page, 'report-export');
    expect(report.name).toMatch(/^Sozialbericht_Musterstadt_2024_\d{4}-\d{2}-\d{2}\.html$/);
    const html = report.bytes.toString('utf8');
    writeFileSync(path.join(ARTIFACTS, 'bericht.html'), html);
    const doc = await page.evaluate((h) => {
      const d = new DOMParser().parseFromString(h, 'text/html');
      const map = d.querySelector('svg[data-role="map"]');
      return {
        title: d.querySelector('h1')?.textContent,
        method: d.querySelector('section[data-role="method"]')?.textContent ?? '',
        north: !!map?.querySelector('[data-role="north-arrow"]'),
        scale: !!map?.querySelector('[data-role="scale-bar"]'),
        legend: !!map?.querySelector('[data-role="legend"]'),
        attribution: map?.querySelector('[data-role="source"]')?.textContent ?? '',
        ranking: d.querySelectorAll('table[data-role="ranking"] tbody tr').length,
        secret: [...d.querySelectorAll('table[data-role="indicator-values"] td')].some((c) => c.textContent === '·'),
        // primary and secondary suppression marked differently (issue 12: „·“ and „·s“)
        marks: [...new Set([...d.querySelectorAll('table[data-role="indicator-values"] td[data-mark]')].map((c) => `${c.getAttribute('data-mark')}:${c.textContent}`))].sort(),
        rule: d.querySelector('section[data-role="method"]')?.textContent?.includes('Sekundärgeheimhaltung') ?? false,
        profiles: d.querySelectorAll('[data-role="profile"]').length,
      };
    }, html);
    expect(doc.title).toBe('Sozialbericht Musterstadt 2024');
    expect(doc.method).toContain('SGB2 / EW_U65 × 100');
    expect(doc.method).toContain('Geheimhaltung');
    expect([doc.north, doc.scale, doc.legend]).toEqual([true, true, true]);
    expect(doc.attribution).toContain('© GeoBasis-DE / BKG 2024');
    expect(doc.ranking).toBe(60);
    expect(doc.secret).toBe(true);
    expect(doc.marks).toEqual(['primary:·', 'secondary:·s']);
    expect(doc.rule).toBe(true);
    expect(doc.profiles).toBe(60);
    // printed as the browser prints it: A4 pages, one profile per page after the chapters
    const printed = await context.newPage();
    await printed.setContent(html, { waitUntil: 'load' });
    const pdf = await printed.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(ARTIFACTS, 'bericht.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPages(pdf)).toBeGreaterThan(60);
    await printed.close();

    // services loaded in „Angebote & Bedarfe“ (Kitas, Versorgungsquote) come into the profile
    await page.getByRole('tab', { name: 'Angebote & Bedarfe' }).click();
    await expect.poll(() => page.getByTestId('svc-supply-summary').innerText(), { timeout: 60_000 }).toContain('80 von 80');
    for (const c of ['Beratungsstelle', 'Jugendzentrum', 'Familienzentrum']) await page.getByTestId(`svc-cat-${c}`).uncheck();
    await page.getByTestId('svc-section-coverage').click();
    await page.getByTestId('svc-cov-run').click();
    const municipal = (await page.getByTestId('svc-cov-municipal').innerText({ timeout: 60_000 })).match(/\d+,\d/)![0];

    // a profile from the map table: select an area, then „Steckbrief“
    await page.getByTestId('tab-maptable').click();
    await page.getByTestId('map-table').locator('tbody tr').first().click();
    await page.getByTestId('profile-open').click();
    const frame = page.frameLocator('[data-testid="profile-frame"]');
    await expect.poll(() => frame.locator('[data-role="profile"]').count(), { timeout: 120_000 }).toBe(1);
    expect(await frame.locator('[data-role="spine-chart"] tbody tr').count()).toBe(6);
    expect(await frame.locator('svg[data-role="map"] [data-role="north-arrow"]').count()).toBe(1);
    // the Stadtbezirk (parent level of the demo) next to the area and the city
    expect(await frame.locator('[data-role="spine-chart"] thead th').allInnerTexts()).toEqual(expect.arrayContaining(['Gebiet', 'Stadt']));
    expect(await frame.locator('[data-role="spine-chart"] thead th').count()).toBe(5);
    expect(await frame.locator('[data-role="key-facts"]').innerText()).toContain('Gehört zu (Stadtbezirke)');
    expect(await frame.locator('[data-role="key-facts"]').innerText()).toContain(`Stadt ${municipal}`);
    expect(await frame.locator('h3', { hasText: 'im und am Gebiet' }).innerText()).toMatch(/^Kita \(/);
    await page.getByTestId('profile-viewer').screenshot({ path: path.join(ARTIFACTS, 'profile-viewer.png') });
    // print one profile: the same HTML in the print engine gives one A4 page
    const profileHtml = await page.getByTestId('profile-frame').getAttribute('srcdoc');
    const one = await context.newPage();
    await one.setContent(profileHtml!, { waitUntil: 'load' });
    const onePdf = await one.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(ARTIFACTS, 'steckbrief.pdf'), onePdf);
    expect(pdfPages(onePdf)).toBe(1);
    await one.close();
    await page.getByTestId('profile-viewer').getByRole('button', { name: 'Schließen' }).click();

    // tables: XLSX with the method sheet; suppressed cells hold the symbol only
    await page.getByRole('tab', { name: 'Bericht & Export' }).click();
    await page.getByTestId('export-format').selectOption('xlsx');
    const xlsx = await download(page, 'table-export');
    const wb = XLSX.read(xlsx.bytes, { type: 'buffer' });
    expect(wb.SheetNames).toContain('Methode');
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
    expect(sheet.length).toBe(61);
    expect(sheet.flat()).toContain('·');
    expect(sheet.flat()).toContain('·s');
    const notes = Object.values(wb.Sheets[wb.SheetNames[0]]).flatMap((c) => ((c as { c?: { t: string }[] }).c ?? []).map((n) => n.t));
    expect(notes.some((n) => /^Primärgeheimhaltung/.test(n)) && notes.some((n) => /^Sekundärgeheimhaltung/.test(n))).toBe(true);
    expect(XLSX.utils.sheet_to_json<string[]>(wb.Sheets['Zeichenerklärung'], { header: 1 }).map((r) => r[0])).toContain('·s');

    // the map on screen as SVG and as a 300 dpi PNG
    const svg = (await download(page, 'map-export-svg')).bytes.toString('utf8');
    expect(svg).toContain('data-role="north-arrow"');
    expect(svg).toContain('data-role="scale-bar"');
    expect(svg).toContain('© GeoBasis-DE / BKG 2024');
    const png = (await download(page, 'map-export-png300')).bytes;
    writeFileSync(path.join(ARTIFACTS, 'karte-300dpi.png'), png);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const phys = png.indexOf(Buffer.from('pHYs'));
    expect(phys).toBeGreaterThan(0);
    expect(Math.round(png.readUInt32BE(phys + 4) * 0.0254)).toBe(300);
    expect(png.readUInt32BE(16)).toBeGreaterThan(2000); // 680 px at 300 dpi

    expect(errors).toEqual([]);
    expect(foreignRequests(requests, ctx.server.url)).toEqual([]);
    await context.close();
  }, 900_000);
});
