// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderProfiles, renderReport } from '../../../src/lib/report/render';
import { fixtureModel } from '../report/fixture';
import { emptyRecord, type WorkshopRecord } from '../../../src/lib/workshop/records';
import { workshopPart } from '../../../src/lib/state/parts/workshop';
import type { WorkshopState } from '../../../src/lib/state/workshop.svelte';
import type { RestoreContext } from '../../../src/lib/state/persisted';

const rec = (patch: Partial<WorkshopRecord>): WorkshopRecord => ({ ...emptyRecord(), updated: '2024-05-03T09:00:00Z', ...patch });

/** Fixture: Altstadt (01, top class) disputed, Süd (03, lowest class) agreed, Hafen (04, no index) unclear. */
function withWorkshop() {
  const m = fixtureModel();
  m.extras = {
    workshop: {
      title: 'Stadtteilkonferenz <Nord>',
      date: '2024-05-03',
      records: {
        '01': rec({ fit: 'passt_nicht', missing: 'Familienzentrum; Sprachkurse <b>nachmittags</b>', contributors: 'Kirchengemeinde: Räume' }),
        '03': rec({ fit: 'passt', targetGroups: 'Alleinerziehende' }),
        '04': rec({ fit: 'unklar', notes: 'Neubaugebiet, Daten alt' }),
        'XX': rec({ fit: 'passt', notes: 'Gebiet einer anderen Ebene' }),
      },
    },
  };
  return m;
}

const doc = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('workshop chapter and profile block', () => {
  it('renders the chapter: title, verdict map with counts, cross table against the index class, disputed areas, every record escaped', () => {
    const d = doc(renderReport(withWorkshop()));
    const sec = d.querySelector('section#workshop')!;
    expect(sec).not.toBeNull();
    expect(sec.querySelector('h2')!.textContent).toBe('Werkstattgespräch: Stadtteilkonferenz <Nord>');
    expect(sec.textContent).toContain('für 3 von 4 Gebieten');
    expect(sec.textContent).toContain('am 3. Mai 2024');
    // the map legend counts: passt 1, passt nicht 1, unklar 1, noch offen 1 (Nord)
    const legend = sec.querySelector('svg[data-role="map"] [data-role="legend"]')!.textContent!;
    expect(legend).toMatch(/passt\D*1/);
    expect(legend).toMatch(/passt nicht\D*1/);
    expect(legend).toMatch(/noch offen\D*1/);
    // cross table: class × verdict, one row per class plus the area without a class
    const cross = [...sec.querySelectorAll('table[data-role="workshop-cross"] tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(cross).toEqual([
      ['unter −1 SD', '1', '0', '0', '0'],
      ['−1 bis +1 SD', '0', '0', '0', '1'],
      ['über +1 SD', '0', '1', '0', '0'],
      ['ohne Indexwert', '0', '0', '1', '0'],
    ]);
    expect(sec.querySelector('[data-role="workshop-conflicts"]')!.textContent).toBe('Altstadt (Indexklasse über +1 SD)');
    const rows = [...sec.querySelectorAll('table[data-role="workshop-records"] tbody tr')].map((r) => r.children[0].textContent);
    expect(rows).toEqual(['Altstadt', 'Süd', 'Hafen']);
    expect(sec.innerHTML).not.toContain('<b>nachmittags</b>');
    expect(sec.textContent).toContain('Familienzentrum; Sprachkurse <b>nachmittags</b>');
    // listed in the table of contents
    expect(d.body.textContent).toContain('Werkstattgespräch: Stadtteilkonferenz <Nord>');
  });

  it('adds a block to the profiles of areas with a record, and only to those', () => {
    const d = doc(renderProfiles(withWorkshop()));
    const block = (id: string) => d.querySelector(`[data-role="profile"][data-id="${id}"] [data-role="profile-workshop"]`);
    expect(block('01')!.textContent).toContain('passt nicht (Indexklasse über +1 SD)');
    expect(block('01')!.textContent).toContain('Kirchengemeinde: Räume');
    expect(block('02')).toBeNull();
    expect(block('04')!.textContent).toContain('Neubaugebiet, Daten alt');
    expect(block('04')!.textContent).not.toContain('Indexklasse');
  });

  it('renders nothing without records for these areas, and survives foreign data', () => {
    for (const extras of [{}, { workshop: null }, { workshop: { records: { XX: rec({ fit: 'passt' }) } } }, { workshop: { title: 3, records: 'kaputt' } }]) {
      const m = fixtureModel();
      m.extras = extras;
      const html = renderReport(m);
      expect(html).not.toContain('id="workshop"');
      expect(html).not.toContain('profile-workshop');
    }
  });
});

describe('workshop part (autosave, project file)', () => {
  function fake() {
    return { layer: null as string | null, books: {} as Record<string, Record<string, WorkshopRecord>>, title: '', date: '', initLayer() {}, async showMap() {} };
  }

  it('saves the records as typed and nothing when there is nothing', () => {
    const s = fake();
    const part = workshopPart(s as unknown as WorkshopState);
    expect(part.save()).toBeNull();
    s.layer = 't_bezirke';
    s.title = 'Konferenz';
    s.books = { t_bezirke: { '01': rec({ fit: 'passt', notes: 'ja' }) }, t_leer: {} };
    expect(part.save()).toEqual({ layer: 't_bezirke', title: 'Konferenz', date: '', books: { t_bezirke: { '01': rec({ fit: 'passt', notes: 'ja' }) } } });
    expect(JSON.parse(JSON.stringify(part.save()))).toEqual(part.save());
    expect(part.share).toBeUndefined();
  });

  it('restores under the restored table names, keeps records of a layer that did not come back (with a warning), drops junk', async () => {
    const s = fake();
    const part = workshopPart(s as unknown as WorkshopState);
    const warnings: string[] = [];
    const ctx: RestoreContext = { table: (n) => (n === 'bezirke' ? 'bezirke_2' : null), join: () => null, warn: (m) => warnings.push(m) };
    await part.restore({
      layer: 'bezirke', title: 'Konferenz', date: '2024-05-03',
      books: {
        bezirke: { '01': rec({ fit: 'passt_nicht' }), '02': { fit: 'vielleicht', notes: 7 } as unknown as WorkshopRecord },
        verloren: { '9': rec({ notes: 'bleibt' }) },
      },
    }, ctx);
    expect(Object.keys(s.books).sort()).toEqual(['bezirke_2', 'verloren']);
    expect(s.books.bezirke_2['01'].fit).toBe('passt_nicht');
    expect(s.books.bezirke_2['02']).toBeUndefined();
    expect(s.books.verloren['9'].notes).toBe('bleibt');
    expect(s.layer).toBe('bezirke_2');
    expect([s.title, s.date]).toEqual(['Konferenz', '2024-05-03']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/verloren.*1 Einträge/);
    part.reset!();
    expect([s.books, s.title, s.layer]).toEqual([{}, '', null]);
  });
});

describe('workshop sheet in the table exports', () => {
  it('adds a „Werkstatt“ table (XLSX sheet) with every record and the index class, none without records', async () => {
    const { exportBundle } = await import('../../../src/lib/export/tables');
    const b = exportBundle(withWorkshop());
    const t = b.tables.find((x) => x.name === 'Werkstatt')!;
    expect(t.columns.map((c) => c.name).slice(0, 4)).toEqual(['Schlüssel', 'Gebiet', 'Indexklasse', 'Einschätzung']);
    expect(t.rows.map((r) => [r[0], r[2], r[3]])).toEqual([['01', 'über +1 SD', 'passt nicht'], ['03', 'unter −1 SD', 'passt'], ['04', '–', 'unklar']]);
    expect(t.rows[0]).toContain('Familienzentrum; Sprachkurse <b>nachmittags</b>');
    expect(b.tables[0].name).toBe('Ergebnisse');
    expect(exportBundle(fixtureModel()).tables.some((x) => x.name === 'Werkstatt')).toBe(false);
  });
});
