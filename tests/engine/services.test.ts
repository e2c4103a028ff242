import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { coverage, servicesForArea } from '../../src/lib/engine/services-areas';
import { accessAnalysis } from '../../src/lib/engine/services-access';
import { pointSet } from '../../src/lib/engine/services-points';
import { gapAnalysis } from '../../src/lib/engine/services-gaps';
import { run as accessCli } from '../../src/cli/commands/access';
import { run as coverageCli } from '../../src/cli/commands/coverage';
import { writeFixtures } from './services-fixture';
import { errorText } from '../../src/i18n/index';

/** The German text a user (or the CLI) reads for the error a call fails with. */
async function failText(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return errorText(e, 'de').message;
  }
  throw new Error('expected a failure');
}

const F = writeFixtures();
const file = (p: string) => ({ name: path.basename(p), bytes: new Uint8Array(readFileSync(p)) });
let engine: Engine;
let areas: string, services: string;
const SVC = { id: 'ID', name: 'NAME', category: 'TYP', capacity: 'PLAETZE', x: 'RECHTSWERT', y: 'HOCHWERT' };

beforeAll(async () => {
  engine = new Engine(await createNodeDuck());
  areas = (await engine.importFile(file(F.areas))).name;
  engine.createLayer({ table: areas, idColumn: 'ID', nameColumn: 'NAME' });
  services = (await engine.importFile(file(F.services))).name;
});

describe('service points', () => {
  it('reads x/y with decimal commas, detects EPSG:25832, lists rows without coordinates and bad capacities', () => {
    const ps = pointSet(engine, { table: services, ...SVC }, { valueColumn: 'PLAETZE' });
    expect(ps.crs).toBe('EPSG:25832');
    expect(ps.crsDetected).toBe(true);
    expect(ps.total).toBe(8);
    expect(ps.ids).toEqual(['K1', 'K2', 'K3', 'K4', 'B1', 'K6', 'K1#8']);
    expect(ps.skipped).toEqual([{ row: 6, id: 'K5', reason: 'missing', value: ' / ' }]);
    expect(ps.warnings.map((w) => [w.row, w.reason, w.value])).toEqual([[2, 'capacity_text', 'ca. 40'], [4, 'capacity_negative', '-5'], [8, 'duplicate_id', undefined]]);
    expect(Array.from(ps.values)).toEqual([40, NaN, 60, NaN, 10, 20, 25]);
    expect(ps.x[0]).toBeCloseTo(400200, 6);
    expect(ps.lon[0]).toBeGreaterThan(6.5);
    expect(ps.categoryCounts).toEqual([{ value: 'Kita', count: 7 }, { value: 'Beratungsstelle', count: 1 }]);
  });
});

describe('Versorgungsquote per area (coverage)', () => {
  it('places per 100 children, hole and enclave, municipal value as ratio of sums, disclosure', () => {
    const r = coverage(engine, {
      services: { table: services, ...SVC, categories: ['Kita'] }, layer: areas,
      target: { source: { layer: areas }, column: 'EW_U6' }, per: 100, useCapacity: true,
    });
    expect(r.ids).toEqual(['01', '02', '03', '04']);
    expect(Array.from(r.count)).toEqual([2, 1, 1, 1]); // K3 lies in 01's hole → enclave 04
    expect(Array.from(r.capacity)).toEqual([40, 0, 25, 60]);
    expect(Array.from(r.capacityMissing)).toEqual([1, 1, 0, 0]);
    expect(r.rate[0]).toBe(20);
    expect(r.rate[1]).toBe(0);
    expect(Number.isNaN(r.rate[2])).toBe(true);
    expect(r.rate[3]).toBe(50);
    expect(r.municipal).toBeCloseTo((100 / 370) * 100, 12);
    expect(r.rateStatus).toEqual(['ok', 'unreliable', 'missing', 'ok']); // 50 children < 100
    expect(r.countStatus).toEqual(['secret', 'secret', 'secret', 'secret']);
    expect(r.unassigned.map((u) => [u.row, u.reason])).toEqual([[6, 'missing'], [7, 'outside_areas']]);
  });

  it('services in and near an area, nearest first (for area profiles)', async () => {
    const list = servicesForArea(engine, { services: { table: services, ...SVC }, layer: areas, area: '01', radius: 300 });
    // K3 sits in the middle of 01's 200 m hole (100 m from its edge); K1#8 is 500 m north of 01
    expect(list.map((s) => [s.id, s.inside, Math.round(s.distance)])).toEqual([['K1', true, 0], ['K2', true, 0], ['K3', false, 100]]);
    expect(await failText(() => servicesForArea(engine, { services: { table: services, ...SVC }, layer: areas, area: '99', radius: 1 }))).toBe('Gebiet „99“ gibt es in der Ebene nicht.');
  });
});

describe('CLI coverage (same engine path)', () => {
  it('prints exactly areas[{id,count,capacity,per_population}] and unassigned[{row,reason}]', async () => {
    const r = (await coverageCli(['--areas', F.areas, '--area-id', 'ID', '--population-col', 'EW_U6', '--services', F.services, '--capacity', 'PLAETZE', '--category', 'TYP=Kita', '--per', '100'])) as {
      areas: Record<string, unknown>[];
      unassigned: Record<string, unknown>[];
    };
    expect(Object.keys(r)).toEqual(['areas', 'unassigned']);
    expect(r.areas).toEqual([
      { id: '01', count: 2, capacity: 40, per_population: 20 },
      { id: '02', count: 1, capacity: 0, per_population: 0 },
      { id: '03', count: 1, capacity: 25, per_population: null },
      { id: '04', count: 1, capacity: 60, per_population: 50 },
    ]);
    expect(r.unassigned).toEqual([{ row: 6, reason: 'keine Koordinaten' }, { row: 7, reason: 'außerhalb aller Gebiete' }]);
  });
  it('without --capacity counts services; --per defaults to 1000; --category COL adds a breakdown', async () => {
    const r = (await coverageCli(['--areas', F.areas, '--area-id', 'ID', '--population-col', 'EW_U6', '--services', F.services, '--category', 'TYP'])) as { areas: Record<string, unknown>[] };
    expect(r.areas[1]).toEqual({ id: '02', count: 2, capacity: 2, per_population: 40, categories: { Kita: { count: 1, capacity: 1 }, Beratungsstelle: { count: 1, capacity: 1 } } });
  });
});

interface AccessOut {
  method: string;
  demand: { id: string; access: number }[];
  supply: { id: string; ratio: number | null }[];
  total_supply: number;
  weighted_access_sum: number;
}

describe('CLI access (same engine path)', () => {
  const hospital = (method: string, extra: string[] = []) =>
    accessCli(['--demand', F.hDemand, '--demand-id', 'geoid', '--population', 'pop', '--supply', F.hSupply, '--supply-id', 'geoid', '--capacity', 'doc',
      '--cost', F.hCost, '--cost-origin', 'origin', '--cost-destination', 'dest', '--cost-value', 'cost', '--method', method, '--max-cost', '61', '--weights', 'gravity:1:-1', ...extra]) as Promise<AccessOut>;

  it('PySAL hospital example through a cost table: 2SFCA = 0.331444, 0.579828, 7.286418; JSON keys exact', async () => {
    const r = await hospital('2sfca');
    expect(Object.keys(r)).toEqual(['method', 'demand', 'supply', 'total_supply', 'weighted_access_sum']);
    expect(r.method).toBe('2sfca');
    expect(r.demand.map((d) => d.id)).toEqual(['1', '2', '3']);
    expect(r.demand.map((d) => +d.access.toFixed(6))).toEqual([0.331444, 0.579828, 7.286418]);
    expect(r.supply.every((s) => typeof s.ratio === 'number')).toBe(true);
    expect(r.total_supply).toBe(135);
    expect(r.weighted_access_sum).toBeCloseTo(135, 9);
  });
  it('3SFCA: PySAL reference (selection weights over every destination of the table)', async () => {
    const r = await hospital('3sfca');
    [0.156256588, 0.406216452, 9.906351855].forEach((v, i) => expect(r.demand[i].access).toBeCloseTo(v, 8));
    const n = await hospital('3sfca', ['--normalize']);
    expect(n.weighted_access_sum).toBeCloseTo(160, 9); // normalised: Σ P·A = Σ P
  });
  it('E2SFCA on the 5 × 5 Zensus-style grid, straight line, worked by hand', async () => {
    const r = (await accessCli(['--demand', F.grid, '--demand-id', 'ZELLE', '--population', 'KINDER', '--supply', F.gridSupply, '--supply-id', 'ID', '--capacity', 'PLAETZE',
      '--method', 'e2sfca', '--max-cost', '300', '--weights', 'step:100=1,200=0.5'])) as AccessOut;
    const a = (x: number, y: number) => r.demand[y * 5 + x].access;
    expect(a(2, 2)).toBeCloseTo(10 / 9, 12);
    expect(a(1, 1)).toBeCloseTo(5 / 9, 12);
    expect(a(0, 0)).toBe(0);
    expect(r.supply).toEqual([{ id: 'Z', ratio: expect.closeTo(10 / 9, 12) }]);
    expect(r.weighted_access_sum).toBeCloseTo(10, 10);
    // detour 1.5: the ring at 100 m becomes 150 m (weight 0.5), √2·100·1.5 = 212 m (weight 0)
    const d = (await accessCli(['--demand', F.grid, '--demand-id', 'ZELLE', '--population', 'KINDER', '--supply', F.gridSupply, '--supply-id', 'ID', '--capacity', 'PLAETZE',
      '--method', '2sfca', '--max-cost', '200', '--detour', '1.5'])) as AccessOut;
    expect(d.supply[0].ratio).toBeCloseTo(10 / 5, 12);
  });
  it('bad input: empty cost table, duplicate supply ids, unknown method → German errors', async () => {
    expect(await failText(hospital('2sfca', ['--cost', F.emptyCost]))).toMatch(/„leer\.csv“ enthält nur Kopf/);
    expect(await failText(accessCli(['--demand', F.hDemand, '--demand-id', 'geoid', '--population', 'pop', '--supply', F.dupSupply, '--supply-id', 'geoid', '--capacity', 'doc',
      '--cost', F.hCost, '--cost-origin', 'origin', '--cost-destination', 'dest', '--cost-value', 'cost', '--method', '2sfca', '--max-cost', '61']))).toContain('Die Kennung „1“ kommt in Spalte „geoid“ von „doppelt.csv“ mehrfach vor (Datensätze 1, 2)');
    expect(await failText(hospital('4sfca'))).toContain('Unbekannte Methode „4sfca“');
    // FCA takes demand → demand costs from the rows whose destination is a demand id (same ids here):
    // location 1 with W = 1/c: (15/1 + 100/40) / (100/1 + 10/40)
    expect((await hospital('fca')).demand[0].access).toBeCloseTo(17.5 / 100.25, 12);
    expect(await failText(hospital('2sfca', ['--weights', 'gaussian:0']))).toBe('--weights „gaussian:0“ ist ungültig (invalid sigma: 0).');
    expect(await failText(hospital('2sfca', ['--max-cost', 'viel']))).toBe('--max-cost muss eine Zahl sein, nicht „viel“.');
  });
});

describe('cost table with unknown ids and bad values', () => {
  it('warns with the ids concerned and computes with the rest', async () => {
    const dem = (await engine.importFile({ name: 'n.csv', bytes: new TextEncoder().encode('geoid;pop\n1;100\n2;50\n3;10\n') })).name;
    const sup = (await engine.importFile({ name: 'a.csv', bytes: new TextEncoder().encode('geoid;doc\n1;15\n2;20\n3;100\n4;5\n') })).name;
    const cost = (await engine.importFile({ name: 'k.csv', bytes: new TextEncoder().encode(
      'o;d;c\n1;1;1\n2;2;1\n3;3;1\n1;3;40\n2;3;40\n3;1;40\n3;2;40\n1;2;80\n2;1;80\n9;1;5\n1;Z9;5\n2;1;k.A.\n') })).name;
    const r = accessAnalysis(engine, {
      demand: { kind: 'points', population: 'pop', points: { table: dem, id: 'geoid' } },
      supply: { table: sup, id: 'geoid', capacity: 'doc' },
      cost: { kind: 'table', table: cost, origin: 'o', destination: 'd', value: 'c' }, method: '2sfca', maxCost: 61, weights: { kind: 'gravity', scale: 1, alpha: -1 },
    });
    expect(r.warnings).toEqual([
      { code: 'cost_unknown_origin', params: { n: 1, ids: '9' } },
      { code: 'cost_unknown_destination', params: { n: 1, ids: 'Z9' } },
      { code: 'cost_bad_values', params: { n: 1, column: 'c' } },
      { code: 'cost_supply_without_rows', params: { n: 1, ids: '4' } },
    ]);
    // the valid rows are the hospital example: its values are unchanged by the bad rows
    expect(Array.from(r.demand.access, (a) => +a.toFixed(6))).toEqual([0.331444, 0.579828, 7.286418]);
    expect(Number.isNaN(r.supply.ratio[3])).toBe(true);
  });
});

describe('engine access: network, areas as demand, scenarios, gaps', () => {
  let homes: string, kitas: string, net: string;
  beforeAll(async () => {
    homes = (await engine.importFile(file(F.homes))).name;
    kitas = (await engine.importFile(file(F.netServices))).name;
    net = (await engine.importFile(file(F.net))).name;
  });
  const req = (maxCost: number) => ({
    demand: { kind: 'points' as const, population: 'EW', points: { table: homes, id: 'ID', x: 'RW', y: 'HW' } },
    supply: { table: kitas, id: 'ID', capacity: 'PLAETZE', x: 'RW', y: 'HW' },
    cost: { kind: 'network' as const, table: net }, method: '2sfca' as const, maxCost,
  });

  it('walking distance over the path network: snap + path + snap, and a warning for the cut-off part', () => {
    const r = accessAnalysis(engine, req(700));
    expect(r.demand.access[0]).toBeCloseTo(0.5, 6); // reaches A only (215 m)
    expect(r.demand.access[1]).toBeCloseTo(0.5 + 40 / 30, 6); // A at 615 m, B at 15 m
    expect(r.invariantGap).toBeLessThan(1e-12);
    expect(r.demand.nearest[1]).toBeCloseTo(15, 3);
    expect(r.warnings.map((w) => w.code)).toContain('network_parts');
    const wide = accessAnalysis(engine, req(900));
    expect(Array.from(wide.demand.access).map((a) => +a.toFixed(6))).toEqual([1.5, 1.5]);
  });

  it('areas as demand (a point inside each area), aggregation and reach share', () => {
    const r = accessAnalysis(engine, {
      demand: { kind: 'areas', layer: areas, population: { source: { layer: areas }, column: 'EW_U6' } },
      supply: { table: services, ...SVC, categories: ['Kita'] }, cost: { kind: 'euclidean', detour: 1 }, method: '2sfca', maxCost: 600, areas: areas, reach: 400,
    });
    expect(r.demandKind).toBe('areas');
    expect(r.areas!.ids).toEqual(['01', '02', '03', '04']);
    expect(r.invariantGap).toBeLessThan(1e-12);
    expect(r.weightedAccessSum).toBeCloseTo(r.totalSupply, 9);
    // area 03 has no children: its access is the service ratio sum but its population 0
    expect(r.areas!.population[2]).toBe(0);
    expect(r.reach!.overall).toBeGreaterThanOrEqual(0);
  });

  it('a scenario that adds a service raises access nearby; remove and capacity edits apply', () => {
    const base = accessAnalysis(engine, req(700));
    const add = accessAnalysis(engine, { ...req(700), scenario: [{ op: 'add', id: 'NEU', name: 'Neue Kita', category: 'Kita', capacity: 50, lon: base.demand.lon[0], lat: base.demand.lat[0] }] });
    expect(add.demand.access[0]).toBeGreaterThan(base.demand.access[0]);
    expect(add.supply.ids).toEqual(['A', 'B', 'NEU']);
    const rm = accessAnalysis(engine, { ...req(700), scenario: [{ op: 'remove', id: 'B' }, { op: 'capacity', id: 'A', capacity: 40 }, { op: 'remove', id: 'X' }] });
    expect(rm.supply.ids).toEqual(['A']);
    expect(rm.demand.access[1]).toBeCloseTo(1, 6);
    expect(rm.warnings).toContainEqual({ code: 'scenario_unknown', params: { ids: 'X' } });
  });

  it('gaps: high need and low supply ranked with the figures behind each row', () => {
    const g = gapAnalysis(engine, { layer: areas, need: { kind: 'values', values: [9, 8, 1, 2], label: 'Kinderarmut' }, supply: [1, 5, 9, 8], supplyLabel: 'Plätze je 100' });
    expect(g.gaps.map((r) => [r.id, r.name, r.need, r.supply])).toEqual([['01', 'Altstadt', 9, 1]]);
    // terciles by rank: need 9 → high, 8 and 2 → middle, 1 → low; supply 1 → low, 5 and 8 → middle, 9 → high
    expect(Array.from(g.cell)).toEqual([6, 4, 2, 4]);
  });
});
