/**
 * One engine path (issue 9): the CLI `index` command and the workbench's Sozialindex tab run the
 * same engine. Here the tab's path is replayed without a browser — import, layer, join, the
 * request the workspace state builds with the settings panel's preset rules, and the engine calls
 * of `workers/api-index.ts` — and the CLI's JSON must say exactly the same about every area.
 * Data: three years (2020, 2022, 2024), a dynamics period, an area under 300 EW, a layer area
 * without data, and a typology.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/commands/index';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { computeIndexRun, readIndexData } from '../../src/lib/engine/sozialindex';
import { typology } from '../../src/lib/engine/indexTypology';
import { DEFAULT_TYPOLOGY_SPEC, defaultDynamicsFrom, defaultIndexSettings, presetDef, type IndexRequest } from '../../src/lib/contract';
import { DYNAMICS_LABELS, STATUS_LABELS } from '../../src/lib/analysis/presets';
import { guessIdColumn, guessYearColumn } from '../../src/lib/ingest/columnGuess';
import { t } from '../../src/i18n/index';

const FIX = path.resolve(import.meta.dirname, '../fixtures/index');
const LAYER = path.join(FIX, 'kleinstadt.geojson');

/** Six areas (01–06) of the seven in the layer, three years; 04 has only 250 residents. */
function csv(): string {
  const rows = ['ID;JAHR;EW;EW_U65;SGB2;EW_15_64;ALO'];
  for (const [y, yi] of [[2020, 0], [2022, 1], [2024, 2]] as const) {
    for (let a = 1; a <= 6; a++) {
      const ew = a === 4 ? 250 : 800 + 150 * a;
      const u65 = Math.round(ew * 0.8), erw = Math.round(ew * 0.65);
      const sgb = Math.round(u65 * (0.04 + 0.025 * ((a * 7 + yi * (a % 3)) % 6)));
      const alo = Math.round(erw * (0.03 + 0.01 * ((a * 5 + yi * (4 - (a % 4))) % 5)));
      rows.push(`0${a};${y};${ew};${u65};${sgb};${erw};${alo}`);
    }
  }
  return rows.join('\r\n') + '\r\n';
}

const INDICATORS = [
  { name: 'SGB-II-Quote', numerator: 'SGB2', denominator: 'EW_U65', scale: 100, polarity: 1 as const, weight: 2, lebensbereich: 'Einkommen' },
  { name: 'Arbeitslosenanteil', numerator: 'ALO', denominator: 'EW_15_64', scale: 100, polarity: 1 as const, weight: 1, lebensbereich: 'Arbeit' },
];

describe('CLI index = the workbench engine path', () => {
  test('several years, default dynamics period, an area under 300 EW, a layer area without data, typology', async () => {
    const dataFile = path.join(os.tmpdir(), `parity-${process.pid}.csv`);
    writeFileSync(dataFile, csv());
    const cfgFile = path.join(os.tmpdir(), `parity-${process.pid}.json`);
    writeFileSync(cfgFile, JSON.stringify({ id: 'ID', population: 'EW', preset: 'status_dynamik', indicators: INDICATORS, typology: { method: 'kmeans', k: 2 } }));
    const cli = (await run(['--data', dataFile, '--layer', LAYER, '--config', cfgFile])) as {
      areas: { id: string; score: number | null; rank: number | null; class: number | null; excluded: string | null; status: string | null; dynamics: string | null; group: number | null; type: number | null; z: Record<string, number | null> }[];
      method: { dynamics: { from: number; to: number }; year: number };
    };

    // the workbench: drop both files, make the layer, join by the guessed key and year column
    const engine = new Engine(await createNodeDuck());
    const geo = await engine.importFile({ name: 'kleinstadt.geojson', bytes: new Uint8Array(readFileSync(LAYER)) });
    const table = await engine.importFile({ name: 'daten.csv', bytes: new Uint8Array(readFileSync(dataFile)) });
    const layer = engine.createLayer({ table: geo.name, idColumn: guessIdColumn(geo.columns)! });
    const join = { table: table.name, key: guessIdColumn(table.columns)!, layer: layer.table, mode: 'exact' as const, yearColumn: guessYearColumn(table.columns) };
    expect(engine.joinReport(join).matched).toBe(6);
    // the request of SozialindexState.request() after choosing the preset in the settings panel
    const settings = defaultIndexSettings();
    settings.preset = 'status_dynamik';
    if (presetDef('status_dynamik').zOnly) settings.standardization = 'zscore';
    const req: IndexRequest = { source: { ...join, population: 'EW' }, indicators: INDICATORS, settings, disclosure: {} };
    const data = readIndexData(engine, req.source, req.indicators);
    expect(data.years).toEqual(['2020', '2022', '2024']);
    settings.dynamicsFrom = defaultDynamicsFrom(data.years, data.years.at(-1)!, settings.dynamicsPeriod);
    const ui = computeIndexRun(data, req.indicators, 'EW', settings);
    const types = typology(ui, { ...DEFAULT_TYPOLOGY_SPEC, k: 2 });

    // the same areas in the same order, and the same verdict on each
    expect(cli.areas.map((a) => a.id)).toEqual(ui.ids);
    expect(cli.method.dynamics).toMatchObject({ from: 2022, to: 2024 });
    expect(ui.status!.from).toBe('2022');
    ui.ids.forEach((id, i) => {
      const a = cli.areas[i];
      const s = ui.base.classes[i], d = ui.status!.dynamicsClass[i];
      expect(a).toMatchObject({
        id,
        score: Number.isNaN(ui.base.score[i]) ? null : ui.base.score[i],
        rank: ui.base.rank[i] || null,
        class: s || null,
        excluded: ui.base.excluded[i] ? t(`ix.excl.${ui.base.excluded[i]}`, { min: 300 }, 'de') : null,
        status: s ? STATUS_LABELS[s - 1] : null,
        dynamics: d ? DYNAMICS_LABELS[d - 1] : null,
        group: ui.status!.group[i] || null,
        type: types.labels[i] || null,
      });
      INDICATORS.forEach((ind, j) => expect(a.z[ind.name] ?? NaN).toBe(ui.base.z[j][i]));
    });
    // the cases this test is about
    expect(cli.areas.find((a) => a.id === '04')).toMatchObject({ excluded: 'EW unter 300', score: null, type: null });
    expect(cli.areas.find((a) => a.id === '07')).toMatchObject({ excluded: 'keine Daten', score: null, type: null });
    expect(new Set(cli.areas.map((a) => a.type).filter(Boolean)).size).toBe(2);
    expect(cli.areas.filter((a) => a.dynamics).length).toBe(5);
  }, 180_000);
});
