// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMapSvg, renderProfiles, renderReport } from '../../../src/lib/report/render';
import { niceLength } from '../../../src/lib/report/svgMap';
import { simplifyRing } from '../../../src/lib/report/geo';
import { registerSection } from '../../../src/lib/report/sections';
import { fixtureModel } from './fixture';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('report renderer', () => {
  const m = fixtureModel();
  const html = renderReport(m);
  const doc = parse(html);

  it('is one self-contained German HTML document: no external reference, a CSP that forbids loads', () => {
    expect(doc.documentElement.lang).toBe('de');
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/<link\b|<script\b|@import|url\(\s*["']?https?:/i);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toContain("default-src 'none'");
    expect(doc.title).toBe('Sozialbericht 2024 – Musterstadt');
  });

  it('has a title page with municipality, title, author and date', () => {
    const tp = doc.querySelector('[data-role="title-page"]')!.textContent!;
    for (const s of ['Musterstadt', 'Sozialbericht 2024', 'Amt für Soziales', '1. Mai 2024', '31.12.2023']) expect(tp).toContain(s);
  });

  it('writes the method chapter from the settings, with disclosure rules and attribution', () => {
    const method = doc.querySelector('section[data-role="method"]')!;
    const text = method.textContent!;
    expect(text).toContain('SGB2 / EW_U65 × 100');
    expect(text).toContain('50,0 %'); // weight
    expect(text).toContain('Gebiete unter 300 Einwohnern sind ausgeschlossen.');
    expect(text).toMatch(/Fallzahlen von 1 bis 2 werden nicht gezeigt/);
    expect(text).toContain('© GeoBasis-DE / BKG 2024');
    expect(text).toContain('Zeichenerklärung');
  });

  it('names the snapping tolerance behind Morrill’s D in the method chapter (issue 8), and none without geometry', () => {
    const seg = { year: '2024', group: 'Ausländer', total: 'Einwohner', used: 60, n: 60, minPopulation: 0, permutations: 99, rows: [], filtered: [], map: null, trend: [] };
    const text = (tolerance: number | null) => parse(renderReport({ ...m, segregation: { ...seg, tolerance } })).querySelector('section[data-role="method"]')!.textContent!;
    expect(text(0.01)).toContain('Räumliche Dissimilarität nach Morrill (1991) mit Queen-Nachbarschaft; Eckpunkte näher als 0,01 m gelten als gemeinsam');
    expect(text(0)).toContain('näher als 0 m gelten als gemeinsam (0 m = exakt gleiche Eckpunkte wie in GeoDa, PySAL und spdep)');
    expect(text(null)).not.toContain('Morrill');
  });

  it('every map has north arrow, scale bar and legend, source and Kartengrundlage', () => {
    const maps = doc.querySelectorAll('svg[data-role="map"]');
    expect(maps.length).toBeGreaterThanOrEqual(1 + 4); // class map + one inset per profile
    for (const svg of maps) {
      for (const role of ['north-arrow', 'scale-bar', 'legend']) expect(svg.querySelectorAll(`[data-role="${role}"]`).length).toBe(1);
      const src = svg.querySelector('[data-role="source"]')!.textContent!;
      expect(src).toContain('Quelle: Stadt Musterstadt');
      expect(src).toContain('Kartengrundlage: © GeoBasis-DE / BKG 2024');
    }
    // 2 km wide grid on a 680 px map: the scale bar shows a round length in metres or km
    expect(maps[0].querySelector('[data-role="scale-bar"]')!.textContent).toMatch(/^0(\d+ m|[\d,]+ km)$/);
    // the legend counts the areas of each class and the one without a value
    expect(maps[0].querySelector('[data-role="legend"]')!.textContent).toContain('keine Angabe');
  });

  it('ranking: one row per area, scored by rank, the excluded one last with its reason', () => {
    const rows = [...doc.querySelectorAll('table[data-role="ranking"] tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['01', '02', '03', '04']);
    expect(rows[3].textContent).toContain('ausgeschlossen: EW unter 300');
    expect(rows[0].children[0].textContent).toBe('1');
    expect(rows[3].children[0].textContent).toBe('–');
    expect(rows[0].textContent).toContain('93 %'); // robustness
  });

  it('shows suppressed values with the official symbols, never the value', () => {
    const table = doc.querySelector('table[data-role="indicator-values"]')!;
    const nord = [...table.querySelectorAll('tbody tr')].find((r) => r.textContent!.includes('Nord'))!;
    expect(nord.children[2].textContent).toBe('·');
    const hafen = [...table.querySelectorAll('tbody tr')].find((r) => r.textContent!.includes('Hafen'))!;
    expect(hafen.children[2].textContent).toBe('/');
    expect(hafen.children[3].textContent).toBe('x');
  });

  it('escapes area names (no markup from data)', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Nord &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders the same model to the same text', () => {
    expect(renderReport(m)).toBe(html);
  });
});

describe('area profiles', () => {
  const m = fixtureModel();
  it('one page per area with inset, key figures, spine chart and time series', () => {
    const doc = parse(renderProfiles(m));
    const profiles = doc.querySelectorAll('[data-role="profile"]');
    expect([...profiles].map((p) => p.getAttribute('data-id'))).toEqual(['01', '02', '03', '04']);
    const a = profiles[0];
    expect(a.querySelector('svg[data-role="map"]')).not.toBeNull();
    const facts = a.querySelector('[data-role="key-facts"]')!.textContent!;
    expect(facts).toContain('Rang1 von 3');
    expect(facts).toMatch(/in 93 % von 1\.000 Gewichtsvarianten/);
    expect(a.querySelectorAll('[data-role="spine-chart"] tbody tr').length).toBe(2);
    expect(a.querySelectorAll('svg.ts').length).toBe(2);
    // Nord: the secret value is shown as "·" and has no marker in the spine chart
    const nord = profiles[1].querySelector('[data-role="spine-chart"] tbody tr')!;
    expect(nord.children[1].textContent).toBe('·');
    expect(nord.querySelector('circle')).toBeNull();
    // Hafen: not scored, says why
    expect(profiles[3].querySelector('[data-role="key-facts"]')!.textContent).toContain('nicht bewertet: EW unter 300');
  });
  it('a single profile on its own', () => {
    const doc = parse(renderProfiles(m, ['03']));
    expect(doc.querySelectorAll('[data-role="profile"]').length).toBe(1);
    expect(doc.title).toBe('Gebietssteckbrief Süd');
  });
  it('other workspaces plug in blocks (e.g. workshop notes) via the section registry', () => {
    registerSection({ key: 'test-notes', order: 500, title: () => '', profile: (mm, i) => `<p class="notes">Notiz zu ${mm.ids[i]}</p>` });
    const doc = parse(renderProfiles(m, ['02']));
    expect(doc.querySelector('.notes')!.textContent).toBe('Notiz zu 02');
    registerSection({ key: 'test-notes', order: 500, title: () => '' });
  });
});

describe('map pieces', () => {
  it('scale bar lengths are 1, 2 or 5 × 10^k', () => {
    expect([niceLength(730), niceLength(1999), niceLength(2000), niceLength(4.9), niceLength(51000)]).toEqual([500, 1000, 2000, 2, 50000]);
  });
  it('simplification keeps the ends and drops vertices on a straight line', () => {
    const r = Float64Array.from([0, 0, 1, 0.001, 2, 0, 3, 0.001, 4, 0, 4, 4, 0, 4, 0, 0]);
    const s = simplifyRing(r, 0.01);
    expect(Array.from(s)).toEqual([0, 0, 4, 0, 4, 4, 0, 4, 0, 0]);
  });
  it('a standalone SVG for the map export', () => {
    const m = fixtureModel();
    const svg = renderMapSvg(m, m.maps[0]);
    expect(svg.startsWith('<?xml')).toBe(true);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.documentElement.getAttribute('data-role')).toBe('map');
  });
});
