// @vitest-environment jsdom
/**
 * The report's engine steps beyond the index (issue 10): services of „Angebote & Bedarfe“ and the
 * values of the parent level (Stadtbezirk) in the profiles — checked against sums worked out from
 * the demo's CSV, independently of the engine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { buildReportModel, type ReportRequest } from '../../src/lib/engine/report';
import { coverage } from '../../src/lib/engine/services-areas';
import type { ServicesReport } from '../../src/lib/engine/reportServices';
import { defaultIndexSettings, type IndexRequest } from '../../src/lib/contract';
import { EMPTY_META } from '../../src/lib/report/types';
import { renderProfiles, renderReport } from '../../src/lib/report/render';

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data/musterstadt');
const file = (p: string) => ({ name: p, bytes: new Uint8Array(readFileSync(`${SAMPLE}/${p}`)) });

/** 2024 rows of the indicator CSV, parsed here (Windows-1252, semicolons). */
function rows2024(): Record<string, string>[] {
  const lines = new TextDecoder('windows-1252').decode(readFileSync(`${SAMPLE}/indikatoren_2019-2024.csv`)).split(/\r?\n/).filter(Boolean);
  const h = lines[0].split(';');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(';').map((v, i) => [h[i], v]))).filter((r) => r.JAHR === '2024');
}

let engine: Engine;
let layer: string, table: string, svc: string;
beforeAll(async () => {
  engine = new Engine(await createNodeDuck());
  const sbz = (await engine.importFile(file('stadtbezirke.geojson'))).name;
  layer = (await engine.importFile(file('bezirke.geojson'))).name;
  table = (await engine.importFile(file('indikatoren_2019-2024.csv'))).name;
  svc = (await engine.importFile(file('angebote.geojson'))).name;
  engine.createLayer({ table: sbz, idColumn: 'SBZ_ID', nameColumn: 'SBZ_NAME' });
  engine.createLayer({ table: layer, idColumn: 'BEZ_ID', nameColumn: 'BEZ_NAME', parentColumn: 'SBZ_ID', parentLayer: sbz });
}, 120_000);

function request(extras: Record<string, unknown> = {}): ReportRequest {
  const index: IndexRequest = {
    source: { table, key: 'BEZ_ID', layer, mode: 'exact', yearColumn: 'JAHR', population: 'EW' },
    indicators: [
      { name: 'SGB-II-Quote', numerator: 'SGB2', denominator: 'EW_U65', scale: 100 },
      { name: 'Kinderarmut', numerator: 'SGB2_U15', denominator: 'EW_U15', scale: 100 },
    ],
    settings: defaultIndexSettings(),
  };
  return { meta: { ...EMPTY_META, title: 'Test' }, index, includeProfiles: true, extras, generator: 'test', created: '2024-05-02T10:00:00Z' };
}

describe('report: parent level and services', () => {
  it('profiles show the Stadtbezirk value as Σ Zähler / Σ Nenner of its Bezirke, next to the city', async () => {
    const m = await buildReportModel(engine, request());
    expect(m.totalLabel).toBe('Stadt');
    expect(m.parents).toHaveLength(1);
    const p = m.parents![0];
    expect(p.label).toBe('stadtbezirke.geojson');
    const rows = rows2024();
    const i = m.ids.indexOf('010');
    const mitte = p.of[i];
    expect(p.names[mitte]).toBe('Mitte');
    const inMitte = rows.filter((r) => r.SBZ_ID === '01');
    const sum = (c: string) => inMitte.reduce((s, r) => s + Number(r[c]), 0);
    expect(p.values[0][mitte]).toBeCloseTo((sum('SGB2') / sum('EW_U65')) * 100, 10);
    expect(p.values[1][mitte]).toBeCloseTo((sum('SGB2_U15') / sum('EW_U15')) * 100, 10);
    // every Bezirk lies in the Stadtbezirk its id starts with
    m.ids.forEach((id, k) => expect(p.names[p.of[k]]).toBe(p.names[p.of[m.ids.indexOf(`${id.slice(0, 2)}0`)]]));
    const doc = new DOMParser().parseFromString(renderProfiles(m, ['010']), 'text/html');
    const head = [...doc.querySelectorAll('[data-role="spine-chart"] thead th')].map((th) => th.textContent);
    expect(head).toEqual(['Indikator', 'Gebiet', 'Mitte', 'Stadt', 'Lage unter allen Gebieten']);
    const cells = doc.querySelector('[data-role="spine-chart"] tbody tr')!.querySelectorAll('td');
    expect(cells[1].textContent).toBe(((sum('SGB2') / sum('EW_U65')) * 100).toLocaleString('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
    expect(doc.querySelector('[data-role="key-facts"]')!.textContent).toContain('Mitte');
  }, 120_000);

  it('services: chapter and profile block from the workspace settings, the same numbers as coverage()', async () => {
    const services = { table: svc, id: 'ID', name: 'NAME', category: 'TYP', capacity: 'PLAETZE', categories: ['Kita'] };
    const target = { source: { table, key: 'BEZ_ID', layer, mode: 'exact' as const, yearColumn: 'JAHR' }, column: 'EW_U6' };
    const m = await buildReportModel(engine, request({
      services: { label: 'Angebote', services, radius: 500, coverage: { target, per: 100, useCapacity: true }, gaps: { need: { kind: 'variable', source: target.source, column: 'SGB2_U15', denominator: 'EW_U15', scale: 100 }, supply: 'coverage' } },
    }));
    const s = m.extras.services as ServicesReport;
    const c = coverage(engine, { services, layer, target, per: 100, useCapacity: true });
    expect(s.coverage!.municipal).toBeCloseTo(c.municipal, 12);
    expect(s.total).toBe(c.totals.count);
    // places per area as the CSV's EW_U6 sets them against: Σ places / Σ children × 100 for the city
    const kids = rows2024().reduce((a, r) => a + Number(r.EW_U6), 0);
    expect(s.coverage!.municipal).toBeCloseTo((c.totals.capacity / kids) * 100, 10);
    // every Kita inside an area is listed in that area's profile, inside first
    m.ids.forEach((_, a) => {
      expect(s.near[a].filter((x) => x.distance === 0).length).toBe(c.count[a]);
      expect(s.near[a].every((x) => x.category === 'Kita' && x.distance <= 500)).toBe(true);
    });
    expect(s.gaps!.rows.length).toBeGreaterThan(0);
    const doc = new DOMParser().parseFromString(renderReport(m), 'text/html');
    const ch = doc.querySelector('section#services')!;
    expect(ch.querySelector('h2')!.textContent).toBe('Angebote und Bedarfe');
    expect(ch.querySelectorAll('table[data-role="services-areas"] tbody tr').length).toBe(60);
    expect(ch.querySelectorAll('svg[data-role="map"]').length).toBe(2); // coverage + need × supply
    expect(ch.querySelectorAll('table[data-role="services-gaps"] tbody tr').length).toBe(s.gaps!.rows.length);
    const withKita = m.ids.findIndex((_, a) => c.count[a] > 0);
    const prof = new DOMParser().parseFromString(renderProfiles(m, [m.ids[withKita]]), 'text/html');
    const listed = [...prof.querySelectorAll('[data-role="profile-services"] li')];
    expect(listed.length).toBe(Math.min(6, s.near[withKita].length));
    expect(prof.querySelector('[data-role="key-facts"]')!.textContent).toContain('Versorgungsquote (Plätze je 100 EW_U6)');
    expect(listed[0].textContent).toContain('im Gebiet');
  }, 120_000);
});
