/**
 * The import options on every file-reading command (src/cli/importFlags.ts): `index`, `report` and
 * `aggregate` read a Jugendamt file with „–“ (amtlich: genau null) as the app does with the
 * dialog's „„–“/„-“ als 0 lesen“ — and differently without the flag; `--sheet` picks the workbook
 * sheet; a second file takes the flags with its own prefix.
 */
import os from 'node:os';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { flag, parseArgs, unusedFlags } from '../../src/cli/args';
import { fileOptions, IMPORT_FLAGS, IMPORT_HELP } from '../../src/cli/importFlags';
import { errorText } from '../../src/i18n/index';
import { appError } from '../../src/lib/contract/errors';
import { run as runIndex } from '../../src/cli/commands/index';
import { run as runReport } from '../../src/cli/commands/report';
import { run as runAggregate } from '../../src/cli/commands/aggregate';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HZE = path.join(ROOT, 'tests/fixtures/real/24_hze_striche_genau_null.csv');
const LAYER = path.join(ROOT, 'sample-data/musterstadt/bezirke.geojson');
const tmp = (name: string) => path.join(os.tmpdir(), `qa4-${process.pid}-${name}`);
const CONFIG = tmp('hze.config.json');
writeFileSync(CONFIG, JSON.stringify({
  id: 'Bezirk', layer_id: 'BEZ_ID', population: 'Einwohner unter 21', min_population: 300, standardization: 'zscore', sd: 'sample',
  indicators: [{ name: 'HzE ambulant', numerator: 'HzE ambulant', denominator: 'Einwohner unter 21', scale: 1000, polarity: 1, weight: 1 }],
  classes: { method: 'sd', breaks: [-1, 1, 1.5] },
}));

// fixture 24: Bezirk, Einwohner unter 21, HzE ambulant („–“ in 012, „-“ in 017)
const IDS = ['010', '011', '012', '013', '014', '016', '017', '018'];
const EW = [612, 905, 644, 801, 702, 1011, 1198, 760];
const HZE_AMB = [14, 27, 0, 31, 12, 19, 0, 22];

/** z-scores (sample sd) of the rates per 1 000 of the areas in `use`, computed here by hand. */
function zScores(use: number[]): Map<string, number> {
  const r = use.map((i) => (HZE_AMB[i] / EW[i]) * 1000);
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
  return new Map(use.map((i, k) => [IDS[i], (r[k] - mean) / sd]));
}

describe('shared import flags', () => {
  test('the data file takes unprefixed and its own prefixed flags; other files only their prefixed ones', () => {
    const { flags } = parseArgs(['--dash-zero', '--sheet', 'HzE', '--data-header-row', '4', '--layer-crs', 'EPSG:25832', '--services-encoding', 'utf8', '--services-text-column', 'ID']);
    expect(fileOptions(flags, 'data', true)).toEqual({ dashZero: true, sheet: 'HzE', headerRow: 4 });
    expect(fileOptions(flags, 'layer')).toEqual({ crs: 'EPSG:25832' });
    expect(fileOptions(flags, 'services')).toEqual({ encoding: 'utf-8', textColumns: ['ID'] });
    expect(fileOptions(parseArgs(['--sheet', 'A', '--data-sheet', 'B']).flags, 'data', true)).toEqual({ sheet: 'B' });
    // the German help names every flag
    for (const f of IMPORT_FLAGS) expect(IMPORT_HELP).toContain(`--${f}`);
  });

  test('a value the option does not know is an error with the accepted spellings, not a silent default', () => {
    const opts = (argv: string[]) => fileOptions(parseArgs(argv).flags, 'data', true);
    expect(opts(['--encoding', 'CP1252', '--decimal', ',', '--thousands', 'none'])).toEqual({ encoding: 'windows-1252', decimal: ',', thousands: '' });
    expect(opts(['--encoding', 'UTF8', '--thousands', 'space'])).toEqual({ encoding: 'utf-8', thousands: ' ' });
    // before: „utf-16“ silently became Windows-1252 and „--decimal ;“ was dropped
    expect(() => opts(['--encoding', 'utf-16'])).toThrow(expect.objectContaining({ code: 'cli.choiceOption', params: expect.objectContaining({ name: 'encoding', value: 'utf-16' }) }));
    expect(() => opts(['--decimal', ';'])).toThrow(expect.objectContaining({ code: 'cli.choiceOption' }));
    expect(() => fileOptions(parseArgs(['--layer-thousands', '_']).flags, 'layer')).toThrow(expect.objectContaining({ params: expect.objectContaining({ name: 'layer-thousands' }) }));
    expect(errorText(appError('cli.choiceOption', { name: 'decimal', value: ';', choices: ',, .' }), 'de').message).toBe('Option --decimal erwartet eines von: ,, . — nicht „;“.');
  });

  test('a switch never swallows the file after it; flags nothing read are named (a misspelt --dash-zeros)', () => {
    expect(parseArgs(['--dash-zero', 'datei.csv'])).toMatchObject({ positional: ['datei.csv'], flags: { 'dash-zero': ['true'] } });
    expect(parseArgs(['--services-dash-zero', 'x.csv', '--keep-totals', 'y.csv']).positional).toEqual(['x.csv', 'y.csv']);
    expect(parseArgs(['--sheet', 'Daten', 'z.xlsx'])).toMatchObject({ positional: ['z.xlsx'], flags: { sheet: ['Daten'] } });
    const argv = ['--qa4-data', 'a.csv', '--qa4-dash-zeros', '--qa4-sheet=B'];
    const { flags } = parseArgs(argv);
    flag(flags, 'qa4-data');
    expect('qa4-sheet' in flags).toBe(true);
    expect(unusedFlags(argv)).toEqual(['qa4-dash-zeros']);
  });

  test('index: „–“ as 0 only with --dash-zero (hand-computed z-scores)', async () => {
    const call = async (extra: string[]) => (await runIndex(['--data', HZE, '--config', CONFIG, ...extra])) as { areas: { id: string; score: number | null; excluded: string | null }[] };
    const without = await call([]);
    const withFlag = await call(['--dash-zero']);
    // without the flag the dashes are missing: Marktviertel (012) and Stadtgarten (017) drop out
    expect(without.areas.filter((a) => a.excluded !== null).map((a) => a.id)).toEqual(['012', '017']);
    const z6 = zScores([0, 1, 3, 4, 5, 7]);
    for (const a of without.areas) if (a.excluded === null) expect(a.score).toBeCloseTo(z6.get(a.id)!, 12);
    // with it they are 0 and every area has a score
    expect(withFlag.areas.every((a) => a.excluded === null)).toBe(true);
    const z8 = zScores([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const a of withFlag.areas) expect(a.score).toBeCloseTo(z8.get(a.id)!, 12);
  }, 120_000);

  test('report: the same file scores 8 districts with --dash-zero, 6 without (summary shape unchanged)', async () => {
    const call = async (extra: string[]) => (await runReport(['--data', HZE, '--layer', LAYER, '--config', CONFIG, '--out', tmp(`bericht${extra.length}.html`), '--no-profiles', ...extra])) as Record<string, unknown>;
    const without = await call([]);
    const withFlag = await call(['--dash-zero']);
    expect(Object.keys(withFlag)).toEqual(Object.keys(without));
    expect(without).toMatchObject({ areas: 60, scored: 6, excluded: 54 });
    expect(withFlag).toMatchObject({ areas: 60, scored: 8, excluded: 52 });
  }, 180_000);

  test('aggregate: counts and the city total with and without --dash-zero; --sheet picks the workbook sheet', async () => {
    type Agg = { levels: { level: string; areas: { id: string; counts: Record<string, number | null> }[] }[] };
    const call = async (data: string, extra: string[]) => (await runAggregate(['--data', data, '--levels', 'Bezirk', '--count', 'HzE ambulant', '--no-disclosure', ...extra])) as unknown as Agg;
    const counts = (r: Agg) => r.levels.map((l) => l.areas.map((a) => a.counts['HzE ambulant']));
    const without = await call(HZE, []);
    const withFlag = await call(HZE, ['--dash-zero']);
    expect(counts(without)[0]).toEqual([14, 27, null, 31, 12, 19, null, 22]);
    expect(counts(withFlag)[0]).toEqual(HZE_AMB);
    expect(counts(withFlag)[1]).toEqual([125]);
    expect(counts(without)[1]).not.toEqual([125]);

    // a workbook with two sheets: without --sheet the first is read
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.utils.book_new();
    const sheet = (k: number) => XLSX.utils.aoa_to_sheet([['Bezirk', 'HzE ambulant'], ...IDS.map((id, i) => [id, HZE_AMB[i] * k])]);
    XLSX.utils.book_append_sheet(wb, sheet(1), '2023');
    XLSX.utils.book_append_sheet(wb, sheet(2), '2024');
    const book = tmp('hze.xlsx');
    writeFileSync(book, new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    expect(counts(await call(book, []))[1]).toEqual([125]);
    expect(counts(await call(book, ['--sheet', '2024']))[1]).toEqual([250]);
  }, 180_000);
});
