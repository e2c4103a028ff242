import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { run as ebrate } from '../../src/cli/commands/ebrate';
import { run as moran } from '../../src/cli/commands/moran';
import { run as segregation } from '../../src/cli/commands/segregation';
import { ebGlobal } from '../../src/lib/analysis/ebrate';
import { column, readCsv } from '../unit/analysis/refdata';
import { germanError } from '../helpers/errors';

const REF = path.resolve(__dirname, '../fixtures/reference');
const COLUMBUS = path.join(REF, 'columbus/columbus.geojson');
const SAC_CSV = path.join(REF, 'sacramento2000/sacramento2000_tracts.csv');
const SAC_SHP = path.join(REF, 'sacramento2000/sacramentot2_shp.zip');
const close = (a: unknown, b: number, tol = 1e-9) => expect(Math.abs((a as number) - b)).toBeLessThan(tol);

interface MoranOut {
  n: number;
  links: number;
  islands: string[];
  global: Record<string, number>;
  local: { id: string; Ii: number; p_sim: number | null; cluster: string }[];
}

describe('cli moran', () => {
  test('Columbus CRIME, queen: reference values and JSON shape', async () => {
    const r = (await moran(['--data', COLUMBUS, '--id', 'POLYID', '--var', 'CRIME', '--permutations', '99', '--seed', '7'])) as MoranOut;
    expect(r.n).toBe(49);
    expect(r.links).toBe(236);
    expect(r.islands).toEqual([]);
    expect(Object.keys(r.global).sort()).toEqual(['I', 'expected', 'p_normal', 'p_sim', 'variance_normality', 'variance_randomization', 'z'].sort());
    close(r.global.I, 0.50018855718286115, 1e-12);
    close(r.global.expected, -1 / 48, 1e-15);
    close(r.global.variance_normality, 0.0085634131194049969, 1e-12);
    close(r.global.variance_randomization, 0.0086892892013320649, 1e-12);
    expect(r.global.p_sim).toBe(0.01);
    const byId = new Map(r.local.map((l) => [l.id, l]));
    close(byId.get('1')!.Ii, 0.73681849060835625, 1e-12);
    close(byId.get('2')!.Ii, 0.5287770132659666, 1e-12);
    close(byId.get('5')!.Ii, 0.30360612475209303, 1e-12);
    for (const l of r.local) {
      expect(Object.keys(l).sort()).toEqual(['Ii', 'cluster', 'id', 'p_sim']);
      expect(['HH', 'LL', 'HL', 'LH', 'ns']).toContain(l.cluster);
    }
    const again = (await moran(['--data', COLUMBUS, '--id', 'POLYID', '--var', 'CRIME', '--permutations', '99', '--seed', '7'])) as MoranOut;
    expect(again.local.map((l) => l.p_sim)).toEqual(r.local.map((l) => l.p_sim));
  });
  test('rate with --per, rook and knn weights', async () => {
    const rate = (await moran(['--data', COLUMBUS, '--id', 'POLYID', '--var', 'CRIME', '--per', 'HOVAL', '--permutations', '0'])) as MoranOut;
    const plain = (await moran(['--data', COLUMBUS, '--id', 'POLYID', '--var', 'CRIME', '--permutations', '0'])) as MoranOut;
    expect(rate.global.I).not.toBeCloseTo(plain.global.I, 3);
    expect(rate.global.p_sim).toBeNull();
    const rook = (await moran(['--data', COLUMBUS, '--id', 'POLYID', '--var', 'CRIME', '--weights', 'rook', '--permutations', '0'])) as MoranOut;
    expect(rook.links).toBeLessThanOrEqual(236);
    const k4 = (await moran(['--data', COLUMBUS, '--id', 'POLYID', '--var', 'CRIME', '--weights', 'knn:4', '--permutations', '0'])) as MoranOut;
    expect(k4.links).toBe(49 * 4);
  });
  test('German errors for a missing column, a table without geometry and bad weights', async () => {
    expect(await germanError(moran(['--data', COLUMBUS, '--id', 'POLYID', '--var', 'NOPE']))).toBe('Die Spalte „NOPE“ gibt es in „columbus.geojson“ nicht.');
    expect(await germanError(moran(['--data', SAC_CSV, '--id', 'FIPS', '--var', 'HISP']))).toMatch(/keine Geometrie/);
    expect(await germanError(moran(['--data', COLUMBUS, '--id', 'POLYID', '--var', 'CRIME', '--weights', 'bishop']))).toMatch(/^Unbekannte Gewichtung „bishop“/);
  });
});

describe('cli segregation', () => {
  test('Sacramento HISP vs TOT_POP with the shapefile as --geo: reference values, p-value, interval', async () => {
    const r = (await segregation([
      '--data', SAC_CSV, '--id', 'FIPS', '--group', 'HISP', '--total', 'TOT_POP',
      '--geo', SAC_SHP, '--geo-id', 'FIPS', '--permutations', '99', '--seed', '3',
    ])) as { n: number; single: Record<string, Record<string, unknown>>; multigroup?: unknown; local: { id: string; location_quotient: Record<string, number>; entropy: number }[] };
    expect(r.n).toBe(403);
    const h = r.single.HISP;
    close(h.dissimilarity, 0.32184656076566864);
    close(h.gini, 0.43506510676886234);
    close(h.entropy, 0.09626774479970557);
    close(h.atkinson, 0.15079259382667654);
    close(h.isolation, 0.2319615486459151);
    close(h.exposure, 0.7680384513540848);
    close(h.correlation_ratio, 0.09164042012926693);
    close(h.spatial_dissimilarity, 0.2611974332919437);
    expect(h.p_value).toBe(0.01);
    const ci = h.ci as [number, number];
    expect(ci[0]).toBeLessThan(ci[1]);
    expect(ci[1]).toBeLessThan(0.33);
    expect(r.multigroup).toBeUndefined();
    expect(r.local).toHaveLength(403);
    expect(r.local[0].id).toBe('06061022001');
    close(r.local[0].location_quotient.HISP, 336 / 5501 / (column(readCsv('sacramento2000/sacramento2000_tracts.csv'), 'HISP').reduce((a, b) => a + b) / column(readCsv('sacramento2000/sacramento2000_tracts.csv'), 'TOT_POP').reduce((a, b) => a + b)), 1e-12);
  });
  test('multigroup over four groups (unit total = their sum)', async () => {
    const r = (await segregation(['--data', SAC_CSV, '--id', 'FIPS', '--group', 'WHITE', '--group', 'BLACK', '--group', 'ASIAN', '--group', 'HISP'])) as {
      single: Record<string, Record<string, number>>; multigroup: Record<string, number>; local: { location_quotient: Record<string, number>; entropy: number }[];
    };
    const m = r.multigroup;
    expect(Object.keys(m).sort()).toEqual(['dissimilarity', 'diversity', 'gini', 'information_theory', 'normalized_exposure', 'relative_diversity', 'squared_coefficient_of_variation']);
    close(m.dissimilarity, 0.41340872573177806);
    close(m.gini, 0.5456349992598081);
    close(m.information_theory, 0.1710160297858887);
    close(m.normalized_exposure, 0.18821879029994157);
    close(m.diversity, 0.9733112243997906);
    close(m.relative_diversity, 0.15820019878220337);
    close(m.squared_coefficient_of_variation, 0.11875484641127525);
    expect(Object.keys(r.single)).toEqual(['WHITE', 'BLACK', 'ASIAN', 'HISP']);
    expect(r.single.HISP.p_value).toBeUndefined();
    expect(Object.keys(r.local[0].location_quotient)).toEqual(['WHITE', 'BLACK', 'ASIAN', 'HISP']);
    expect(r.local[0].entropy).toBeGreaterThan(0);
    expect(r.local[0].entropy).toBeLessThan(Math.log(4));
  });
  test('--tolerance 0 reproduces PySAL’s spatial D on Köln 2012 (exact shared vertices), the default 1 cm snap differs', async () => {
    // Ausländer and Einwohner per Stadtteil 2012 from the Köln long table
    const lines = readFileSync(path.join(REF, 'koeln/bevoelkerung_koeln_2005-2012.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const pick = (tab: string, zei: string) => new Map(lines.filter((c) => c[3] === '2012' && c[1] === tab && c[6] === zei && Number(c[4]) > 100).map((c) => [c[4], c[8]]));
    const ew = pick('005', '10');
    const au = pick('030', '50');
    const data = path.join(mkdtempSync(path.join(tmpdir(), 'srw-')), 'koeln_2012.csv');
    writeFileSync(data, 'raum_id;Auslaender;Einwohner\n' + [...ew.keys()].map((k) => `${k};${au.get(k)};${ew.get(k)}`).join('\n') + '\n');
    const args = ['--data', data, '--id', 'raum_id', '--group', 'Auslaender', '--total', 'Einwohner', '--geo', path.join(REF, 'koeln/stadtteile_koeln_shp.zip'), '--geo-id', 'STT_NR'];
    type Out = { single: Record<string, Record<string, number>> };
    const exact = (await segregation([...args, '--tolerance', '0'])) as Out;
    // reference: numpy with libpysal 4.7 Queen.from_shapefile (458 links): D − Σ c_ij |p_i − p_j| / Σ c_ij
    close(exact.single.Auslaender.dissimilarity, 0.22445936694477917, 1e-12);
    close(exact.single.Auslaender.spatial_dissimilarity, 0.15651531725636186, 1e-12);
    const snapped = (await segregation(args)) as Out;
    expect(Math.abs(snapped.single.Auslaender.spatial_dissimilarity - 0.15651531725636186)).toBeGreaterThan(1e-4);
    await expect(segregation([...args, '--tolerance', '-1'])).rejects.toMatchObject({ code: 'cli.tolerance', params: { value: '-1' } });
  });
  test('German errors', async () => {
    expect(await germanError(segregation(['--data', SAC_CSV, '--id', 'FIPS', '--group', 'HISP']))).toMatch(/Gesamtspalte/);
    expect(await germanError(segregation(['--data', SAC_CSV, '--id', 'FIPS', '--group', 'TOT_POP', '--total', 'HISP']))).toMatch(/größer als die Gesamtzahl/);
  });
});

describe('cli ebrate', () => {
  test('Sacramento poverty: same as the pure module, JSON shape', async () => {
    const r = (await ebrate(['--data', SAC_CSV, '--id', 'FIPS', '--events', 'POV_TOT', '--population', 'POV_POP'])) as {
      prior_mean: number; prior_variance: number; rates: { id: string; raw: number; eb: number }[];
    };
    const csv = readCsv('sacramento2000/sacramento2000_tracts.csv');
    const ref = ebGlobal(column(csv, 'POV_TOT'), column(csv, 'POV_POP'));
    close(r.prior_mean, ref.priorMean, 1e-15);
    close(r.prior_variance, ref.priorVariance, 1e-15);
    expect(r.rates).toHaveLength(403);
    expect(Object.keys(r.rates[0]).sort()).toEqual(['eb', 'id', 'raw']);
    r.rates.forEach((x, i) => close(x.eb, ref.eb[i], 1e-15));
  });
});
