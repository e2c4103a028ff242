// @vitest-environment jsdom
import path from 'node:path';
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { run } from '../../src/cli/commands/report';
import { run as runIndex } from '../../src/cli/commands/index';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEMO = path.join(ROOT, 'sample-data/musterstadt/indikatoren_2019-2024.csv');
const LAYER = path.join(ROOT, 'sample-data/musterstadt/bezirke.geojson');
const CONFIG = path.join(ROOT, 'tests/fixtures/index/musterstadt.config.json');
const SERVICES = path.join(ROOT, 'sample-data/musterstadt/angebote.geojson');

describe('cli report on the demo (the documented hooks)', () => {
  test('one self-contained HTML file: maps with north arrow, scale bar and legend; method; ranking with all 60 areas', async () => {
    const out = path.join(os.tmpdir(), `bericht-${process.pid}.html`);
    const summary = (await run(['--data', DEMO, '--layer', LAYER, '--config', CONFIG, '--out', out, '--title', 'Sozialbericht Musterstadt 2024', '--author', 'Sozialplanung', '--source', 'Einwohnermeldeamt Musterstadt', '--attribution', '© GeoBasis-DE / BKG 2024',
      // services through the same engine step as the workspace: Kitas, places per 100 children under 6
      '--services', SERVICES, '--services-category', 'TYP=Kita', '--services-capacity', 'PLAETZE', '--services-target', 'EW_U6', '--services-name', 'NAME'])) as Record<string, number | string>;
    expect(summary).toMatchObject({ out, areas: 60, scored: 57, excluded: 3, year: '2024', services: 42 });
    const html = readFileSync(out, 'utf8');
    // nothing external
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/<link\b|<script\b[^>]*\bsrc=|@import/i);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelector('h1')!.textContent).toBe('Sozialbericht Musterstadt 2024');
    const maps = [...doc.querySelectorAll('svg[data-role="map"]')];
    expect(maps.length).toBeGreaterThanOrEqual(4 + 5 + 60); // index maps, one per indicator, one inset per profile
    for (const svg of maps) for (const role of ['north-arrow', 'scale-bar', 'legend']) expect(svg.querySelector(`[data-role="${role}"]`), role).not.toBeNull();
    expect(maps[0].textContent).toContain('© GeoBasis-DE / BKG 2024');
    const method = doc.querySelector('section[data-role="method"]')!.textContent!;
    expect(method).toContain('SGB2 / EW_U65 × 100');
    expect(method).toMatch(/Status und Dynamik/);
    // ranking: one row per area; the three small areas last with their reason; ranks as the CLI index command
    const rows = [...doc.querySelectorAll('table[data-role="ranking"] tbody tr')];
    expect(rows.length).toBe(60);
    const excluded = rows.filter((r) => r.textContent!.includes('ausgeschlossen: EW unter 300'));
    expect(excluded.length).toBe(3);
    expect(rows.slice(57)).toEqual(excluded);
    const index = (await runIndex(['--data', DEMO, '--layer', LAYER, '--config', CONFIG])) as { areas: { id: string; rank: number | null }[] };
    const byRank = index.areas.filter((a) => a.rank !== null).sort((a, b) => a.rank! - b.rank!).map((a) => a.id);
    expect(rows.slice(0, 57).map((r) => r.getAttribute('data-id'))).toEqual(byRank);
    // suppressed cells carry the official symbol (the demo has small counts in three areas)
    const cells = [...doc.querySelectorAll('table[data-role="indicator-values"] td')].map((c) => c.textContent);
    expect(cells.some((c) => c === '·' || c === '/')).toBe(true);
    // the services chapter: one row per area, the city's rate (demo: 25,6 Plätze je 100 EW_U6, as in the workspace)
    const svc = doc.querySelector('section#services')!;
    expect(svc.querySelectorAll('table[data-role="services-areas"] tbody tr').length).toBe(60);
    expect(svc.textContent).toContain('Stadt insgesamt 25,6');
    expect(doc.querySelectorAll('[data-role="profile-services"], [data-role="profile"] p.note').length).toBeGreaterThanOrEqual(60);
  }, 300_000);

  test('--parent: the Gemeinden as the next level; the report hides what the map in the app hides (secondary „·s“ through the Gemeinde sums)', async () => {
    const KREIS = path.join(ROOT, 'sample-data/musterkreis');
    const out = path.join(os.tmpdir(), `bericht-kreis-${process.pid}.html`);
    const summary = (await run(['--data', path.join(KREIS, 'jugendhilfe_2020-2024.csv'), '--layer', path.join(KREIS, 'sozialraeume.geojson'), '--parent', path.join(KREIS, 'gemeinden.geojson'), '--parent-key', 'GEM_ID',
      '--layer-label', 'Sozialräume', '--parent-label', 'Gemeinden',
      '--config', path.join(ROOT, 'tests/fixtures/index/musterkreis-jugendhilfe.config.json'), '--out', out, '--no-profiles'])) as { disclosure: { levels: string[]; primary: number; secondary: number } };
    // the levels carry the labels given (QA-28: was the file names), and the Kreis is still recognised
    expect(summary.disclosure.levels).toEqual(['Sozialräume', 'Gemeinden', 'gesamt']);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('sozialraeume.geojson');
    expect(html).toContain('Kreis insgesamt');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const row = (name: string) => [...doc.querySelectorAll('table[data-role="indicator-values"] tbody tr')].find((r) => r.children[1].textContent === name)!;
    // HZE_STATIONAER 2024: Große Ahe, Mühlenberg-Mitte and Dümpel are secondary on the plain map (QA-1)
    for (const name of ['Große Ahe', 'Mühlenberg-Mitte', 'Dümpel']) expect(row(name).children[2].getAttribute('data-mark'), name).toBe('secondary');
    // Ölmühle: HZE_STATIONAER = 2 primary, so HZE_AMBULANT is secondary (HZE = AMB + STAT is published)
    expect([...row('Ölmühle').children].slice(2, 4).map((c) => c.getAttribute('data-mark'))).toEqual(['primary', 'secondary']);
  }, 300_000);

  test('German errors: missing option, unreadable config', async () => {
    await expect(run(['--data', DEMO, '--layer', LAYER, '--config', CONFIG])).rejects.toMatchObject({ code: 'cli.flagMissing', params: { name: 'out' } });
    await expect(run(['--data', DEMO, '--layer', LAYER, '--config', DEMO, '--out', '/tmp/x.html'])).rejects.toMatchObject({ code: 'config.notJson' });
  });
});
