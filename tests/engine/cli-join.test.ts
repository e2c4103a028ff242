import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/join';
import { errorText } from '../../src/i18n/index';

const REF = path.resolve(import.meta.dirname, '../fixtures/reference');
const REAL = path.resolve(import.meta.dirname, '../fixtures/real');

interface JoinOut {
  matched: number;
  table_only: string[];
  layer_only: string[];
  duplicates: { table: string[]; layer: string[] };
  suggestions: { transform: string; matched: number }[];
}

describe('cli join', () => {
  it('Flensburg: exactly the documented JSON shape; 0 matched, the suggestions join all 13', async () => {
    const out = (await run([
      '--table', `${REF}/flensburg/tab18_sgb2_regelleistungsberechtigte.csv`, '--table-key', 'Stadtteil_ID',
      '--layer', `${REF}/flensburg/flensburg_stadtteile.geojson`, '--layer-key', 'AREA_ID', '--name-col', 'AREA_NAME',
    ])) as JoinOut;
    expect(Object.keys(out)).toEqual(['matched', 'table_only', 'layer_only', 'duplicates', 'suggestions']);
    expect(Object.keys(out.duplicates)).toEqual(['table', 'layer']);
    expect(out.matched).toBe(0);
    expect(out.table_only).toEqual(Array.from({ length: 13 }, (_, i) => String(i + 1)));
    expect(out.layer_only[0]).toBe('STGT01');
    expect(out.duplicates).toEqual({ table: [], layer: [] });
    for (const s of out.suggestions) expect(Object.keys(s)).toEqual(['transform', 'matched']);
    expect(out.suggestions[0]).toEqual({ transform: '„Stadtteil_ID“ ↔ „AREA_ID“: Tabelle: unverändert; Gebietsebene: Präfix „STGT“ entfernt, führende Nullen ignoriert', matched: 13 });
    expect(out.suggestions[1]).toMatchObject({ matched: 13 });
    expect(out.suggestions[1].transform).toMatch(/„Stadtteil“ ↔ „AREA_NAME“.*Gebietsname/);
  }, 180_000);

  it('Berlin: the duplicated layer id, 447 matched, the missing area on the table side', async () => {
    const out = (await run([
      '--table', `${REF}/berlin/berlin-lor-population-2020-02-t1-planning-areas.csv`, '--table-key', 'id',
      '--layer', `${REF}/berlin/berlin-lor-planning-areas-until-2020.geojson`, '--layer-key', 'id',
    ])) as JoinOut;
    expect(out.matched).toBe(447);
    expect(out.duplicates.layer).toEqual(['06010102']);
    expect(out.table_only).toEqual(['04030417']);
  }, 180_000);

  it('AGS ↔ ARS from the corpus, and German errors', async () => {
    const out = (await run(['--table', `${REAL}/19_gemeindedaten_ags.csv`, '--table-key', 'AGS', '--layer', `${REAL}/18_gemeinden_ars.geojson`, '--layer-key', 'ARS'])) as JoinOut;
    expect(out.matched).toBe(0);
    expect(out.suggestions[0]).toEqual({ transform: expect.stringMatching(/Regionalschlüssel \(12 Stellen\) als Gemeindeschlüssel/), matched: 10 });
    const err = (p: Promise<unknown>) => p.then(() => expect.unreachable(), (e: unknown) => errorText(e).message);
    expect(await err(run(['--table', `${REAL}/19_gemeindedaten_ags.csv`, '--table-key', 'Schlüssel', '--layer', `${REAL}/18_gemeinden_ars.geojson`, '--layer-key', 'ARS']))).toBe(
      'Die Spalte „Schlüssel“ gibt es in „19_gemeindedaten_ags.csv“ nicht.',
    );
    expect(await err(run(['--table', `${REAL}/19_gemeindedaten_ags.csv`, '--table-key', 'AGS', '--layer', `${REAL}/19_gemeindedaten_ags.csv`, '--layer-key', 'AGS']))).toMatch(/keine Geometrie/);
    expect(await err(run(['--table', `${REAL}/19_gemeindedaten_ags.csv`, '--table-key', 'AGS', '--layer', `${REAL}/18_gemeinden_ars.geojson`, '--layer-key', 'ARS', '--name-col', 'Ort']))).toMatch(/„Ort“ \(--name-col\) gibt es weder/);
    expect(await err(run(['--table', `${REAL}/19_gemeindedaten_ags.csv`]))).toMatch(/--table-key/);
  }, 180_000);
});
