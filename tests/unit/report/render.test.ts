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
  it('the map image has a white margin, the disclosure footnote and, when given, area names (QA-17)', () => {
    const m = fixtureModel();
    const map = { ...m.maps[0], footnote: 'Geheimhaltung an: Fallzahlen unter 3 …', labels: m.names };
    const doc = new DOMParser().parseFromString(renderMapSvg(m, map), 'image/svg+xml');
    const svg = doc.documentElement;
    const [x, y, w] = svg.getAttribute('viewBox')!.split(' ').map(Number);
    expect([x, y, w]).toEqual([-12, -12, 680 + 24]);
    expect(svg.querySelector(':scope > rect')?.getAttribute('fill')).toBe('#fff');
    expect(svg.querySelector('[data-role="source"]')!.textContent).toMatch(/^Geheimhaltung an: Fallzahlen unter 3 …Quelle/);
    expect(Array.from(svg.querySelectorAll('[data-role="labels"] text'), (t) => t.textContent)).toEqual(m.names.filter((_, i) => m.areas.labelAt[i]));
    // in the report itself the figure keeps its width (no margin)
    expect(svg.getAttribute('width')).toBe('704');
    expect(parse(renderReport(m)).querySelector('svg[data-role="map"]')!.getAttribute('viewBox')!.startsWith('0 0 680')).toBe(true);
  });
});

describe('services and parent levels (plug-ins of issue 10)', () => {
  const services = {
    label: 'Kitas', categories: ['Kita'], radius: 500, total: 3,
    near: [
      [{ name: 'Kita A', category: 'Kita', capacity: 60, distance: 0 }, ...Array.from({ length: 9 }, (_, k) => ({ name: `Kita N${k}`, category: 'Kita', capacity: null, distance: 120 + k * 40 }))],
      [], [{ name: 'Kita <b>', category: 'Kita', capacity: 40, distance: 0 }], [],
    ],
    coverage: {
      per: 100, useCapacity: true, target: 'EW_U6', count: [1, 0, 2, 0], capacity: [60, 0, 85, 0], group: [200, NaN, 150, 40], groupSymbol: [null, '·', null, null],
      rate: [30, NaN, 56.7, NaN], rateSymbol: [null, '·', null, '/'], municipal: 36.3, totals: { count: 3, capacity: 145, target: 392 }, outside: 0,
    },
    access: null,
    gaps: { needLabel: 'SGB2_U15 / EW_U15 × 100', supplyLabel: 'Plätze je 100', cell: [6, -1, 2, -1], rows: [{ index: 0, supply: 30 }] },
    maps: [],
  };
  it('chapter „Angebote und Bedarfe“: one row per area, symbols for hidden rates, nothing as „–“, the gap area flagged', () => {
    const m = { ...fixtureModel(), extras: { services } };
    const doc = parse(renderReport(m));
    const ch = doc.querySelector('section#services')!;
    expect(doc.querySelector('.toc')!.textContent).toContain('Angebote und Bedarfe');
    const rows = [...ch.querySelectorAll('table[data-role="services-areas"] tbody tr')];
    expect(rows.map((r) => r.children[0].textContent)).toEqual(['Altstadt', 'Nord <script>alert(1)</script>', 'Süd', 'Hafen']);
    expect([...rows[1].children].map((c) => c.textContent)).toEqual(['Nord <script>alert(1)</script>', '–', '–', '·', '·', '–']);
    expect(rows[3].children[4].textContent).toBe('/');
    expect(rows[0].classList.contains('flag')).toBe(true);
    expect(ch.querySelector('table[data-role="services-gaps"] tbody')!.textContent).toContain('Altstadt');
    expect(ch.textContent).toContain('Stadt insgesamt 36,3');
  });
  it('profile: rate against the city among the key figures; services inside first, at most 6 listed; none without services', () => {
    const m = { ...fixtureModel(), extras: { services } };
    const doc = parse(renderProfiles(m, ['01']));
    const facts = doc.querySelector('[data-role="key-facts"]')!.textContent!;
    expect(facts).toContain('Versorgungsquote (Plätze je 100 EW_U6)30,0; Stadt 36,3');
    expect(facts).toContain('Bedarf × VersorgungBedarf hoch · Versorgung gering');
    const listed = [...doc.querySelectorAll('[data-role="profile-services"] li')];
    expect(listed).toHaveLength(6);
    expect(listed[0].textContent).toBe('Kita A, 60 Plätze – im Gebiet');
    expect(listed[1].textContent).toBe('Kita N0 – 120 m entfernt');
    expect(doc.body.textContent).toContain('1 im Gebiet, 9 bis 500 m außerhalb (Luftlinie bis zur Gebietsgrenze); 4 weitere nicht aufgeführt.');
    expect(doc.body.textContent).toContain('Kita (Kitas) im und am Gebiet');
    expect(parse(renderProfiles(m, ['02'])).body.textContent).toContain('Kein Angebot im Gebiet oder bis 500 m außerhalb');
    expect(parse(renderProfiles(m, ['03'])).querySelector('[data-role="profile-services"] li')!.innerHTML).toContain('Kita &lt;b&gt;');
    expect(parse(renderProfiles(fixtureModel(), ['01'])).querySelector('[data-role="profile-services"]')).toBeNull();
    expect(parse(renderReport(fixtureModel())).querySelector('section#services')).toBeNull();
  });
  it('parent level next to the area and the Kreis: own column and marker, symbols of the level', () => {
    const m = {
      ...fixtureModel(), totalLabel: 'Kreis',
      parents: [{ label: 'Gemeinden', names: ['Altdorf', 'Neuheim'], of: [0, 0, 1, 1], values: [[10.5, NaN], [4.1, 2.6]], symbols: [[null, '·'], [null, null]] }],
    };
    const doc = parse(renderProfiles(m, ['03']));
    const head = [...doc.querySelectorAll('[data-role="spine-chart"] thead th')].map((th) => th.textContent);
    expect(head).toEqual(['Indikator', 'Gebiet', 'Neuheim', 'Kreis', 'Land (Referenz)', 'Lage unter allen Gebieten']);
    const [sgb, alt] = [...doc.querySelectorAll('[data-role="spine-chart"] tbody tr')];
    expect(sgb.children[2].textContent).toBe('·');
    expect(alt.children[2].textContent).toBe('2,6');
    expect(alt.querySelectorAll('path[fill="#7b3294"]').length).toBe(1);
    expect(doc.querySelector('h3')!.textContent).toBe('Kennzahlen 2023 im Vergleich zu Neuheim und Kreis');
    expect(doc.querySelector('[data-role="key-facts"]')!.textContent).toContain('Gehört zu (Gemeinden)Neuheim');
    expect(doc.querySelector('[data-role="map"]')!.textContent).toContain('Lage im Kreisgebiet');
    // the report: a table per level (one row per parent area with children, the total last)
    const rep = parse(renderReport(m));
    const rows = [...rep.querySelectorAll('table[data-role="level-values"] tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([['Altdorf', '2', '10,5', '4,1'], ['Neuheim', '2', '·', '2,6'], ['Kreis insgesamt', '4', '9,4', '3,3']]);
    expect(rep.querySelector('table[data-role="indicator-values"]')!.textContent).toContain('Kreis insgesamt');
  });
});
