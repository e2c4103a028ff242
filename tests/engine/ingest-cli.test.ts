import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/inspect';
import { importOptions as optionsFromFlags } from '../../src/cli/importFlags';
import { parseArgs } from '../../src/cli/args';
import { errorText } from '../../src/i18n/index';

const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const fixture = (p: string): string => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));
const FLENSBURG = fixture('reference/flensburg/tab1_einwohner.csv');

describe('cli inspect', () => {
  it('describes the Flensburg table', async () => {
    const out = (await run([FLENSBURG])) as Record<string, unknown>;
    expect(out).toMatchObject({ file: FLENSBURG, format: 'csv', encoding: 'utf-8', delimiter: ',', decimal: ',', header_row: 1, rows: 13, warnings: [] });
    const cols = out.columns as { name: string; type: string; nulls: number; percent?: boolean }[];
    expect(cols).toHaveLength(10);
    expect(cols[8]).toEqual({ name: 'männlich', type: 'double', nulls: 0, percent: true });
  });

  it('passes overrides and reports geometry, sheets and missing symbols', async () => {
    const shp = (await run([fixture('bad/shp_without_prj_projected.zip'), '--crs', 'EPSG:25832'])) as Record<string, unknown>;
    expect(shp).toMatchObject({ format: 'shapefile', crs: 'EPSG:25832', geometry_type: 'polygon', rows: 2 });
    expect((shp.bbox as number[])[0]).toBeCloseTo(6.95, 2);
    const xl = (await run([fixture('zwei_kopfzeilen.xlsx'), '--sheet', 'Zweites Blatt'])) as Record<string, unknown>;
    expect(xl).toMatchObject({ format: 'xlsx', sheet: 'Zweites Blatt', sheets: ['Leer', 'Daten 2021', 'Zweites Blatt'], rows: 2 });
    const ew = (await run([fixture('einwohner_cp1252.csv')])) as { columns: { name: string; missing_symbols?: Record<string, number> }[] };
    expect(ew.columns[4].missing_symbols).toEqual({ '-': 1, '.': 1, '/': 1 });
  }, 240_000); // three DuckDB starts: slow on a loaded 2-core machine

  it('maps flags to import options', () => {
    const { flags } = parseArgs(['--delimiter', 'tab', '--encoding', 'cp1252', '--decimal', ',', '--thousands', 'none', '--header-row', '2', '--text-column', 'a', '--text-column', 'b', '--dash-zero']);
    expect(optionsFromFlags(flags)).toEqual({ delimiter: '\t', encoding: 'windows-1252', decimal: ',', thousands: '', headerRow: 2, textColumns: ['a', 'b'], dashZero: true });
    let err: unknown;
    try {
      optionsFromFlags(parseArgs(['--header-row', 'zwei']).flags);
    } catch (e) {
      err = e;
    }
    expect(errorText(err, 'de').message).toBe('Option --header-row erwartet eine ganze Zahl, nicht „zwei“.');
  });

  it('npm run cli -- inspect prints JSON, and a German error with exit code 1', () => {
    const cwd = fileURLToPath(new URL('../..', import.meta.url));
    const json = JSON.parse(execFileSync(TSX, ['src/cli/main.ts', 'inspect', FLENSBURG], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    expect(json.rows).toBe(13);
    let stderr = '';
    try {
      execFileSync(TSX, ['src/cli/main.ts', 'inspect', fixture('bad/open_quote.csv')], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect.unreachable();
    } catch (e) {
      const err = e as { status: number; stderr: string };
      expect(err.status).toBe(1);
      stderr = err.stderr;
    }
    expect(stderr).toMatch(/Fehler: In „open_quote\.csv“ wird in Zeile 3/);
    expect(stderr).toMatch(/Hinweis: Schließen Sie das Anführungszeichen/);
  }, 240_000); // two processes that each start DuckDB
});
