/**
 * Accessibility (floating catchments, METHODS.md §7) as one engine call: demand locations
 * (points, Zensus cells or a point inside each area), supply points (with a scenario applied),
 * costs, the method, and aggregation to areas with the reachability share.
 */
import { E2SFCA_DEFAULT_STEPS, checkWeightSpec, type WeightSpec } from '../analysis/catchmentWeights';
import { floatingCatchment, invariantGap } from '../analysis/floatingCatchment';
import { looksLikeGrid } from '../analysis/pointCoords';
import { locatePoints } from '../analysis/pointInPolygon';
import { accessPerArea, reachShare } from '../analysis/supplyPerArea';
import { metricToLonLat } from '../geo/utm';
import type { Engine } from './engine';
import { appError, invalid } from '../contract/errors';
import { areaValues, metricLayer } from './services-areas';
import { buildCosts } from './services-cost';
import { applyScenario, pointSet } from './services-points';
import type { AccessMethod, AccessRequest, AccessResponse, AccessWarning, RowIssue } from '../contract/services';

export const ACCESS_METHODS: readonly AccessMethod[] = ['fca', '2sfca', 'e2sfca', '3sfca'];

/** The weights a method uses when none are given: PySAL's E2SFCA steps, else W = 1. */
export function defaultWeights(method: AccessMethod): WeightSpec {
  return method === 'e2sfca' ? { kind: 'step', steps: E2SFCA_DEFAULT_STEPS.map((s) => ({ ...s })) } : { kind: 'none' };
}

interface DemandSide {
  kind: AccessResponse['demandKind'];
  ids: string[];
  x: Float64Array;
  y: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  rows: Int32Array;
  skipped: RowIssue[];
  warnings: AccessWarning[];
  /** area index per demand row when the demand are the areas themselves */
  areaLayer?: string;
}

function demandSide(engine: Engine, r: AccessRequest, duplicates: 'error' | 'rename', needCoordinates: boolean): DemandSide {
  const d = r.demand;
  if (d.kind === 'areas') {
    const L = metricLayer(engine, d.layer);
    const pop = areaValues(engine, d.population);
    const bad = L.ids.filter((_, i) => !(pop[i] >= 0));
    const warnings: AccessWarning[] = bad.length ? [{ code: 'population_missing_areas', params: { n: bad.length, ids: bad.slice(0, 8).join(', ') } }] : [];
    const ll = metricToLonLat(L.insideX, L.insideY);
    return {
      kind: 'areas', ids: L.ids, x: L.insideX, y: L.insideY, lon: ll.x, lat: ll.y,
      population: pop.map((v) => (v >= 0 ? v : 0)), rows: Int32Array.from(L.ids, (_, i) => i + 1), skipped: [], warnings, areaLayer: d.layer,
    };
  }
  const ps = pointSet(engine, { ...d.points, population: d.population }, { valueColumn: d.population, valueKind: 'population', duplicates, needCoordinates });
  const bad = ps.warnings.filter((w) => w.reason === 'population_text' || w.reason === 'population_negative');
  const warnings: AccessWarning[] = bad.length ? [{ code: 'population_bad_rows', params: { n: bad.length, rows: bad.slice(0, 8).map((w) => w.row).join(', ') } }] : [];
  const columns = engine.table(d.points.table).columns.map((c) => c.name);
  return {
    kind: looksLikeGrid(columns) ? 'grid' : 'points', ids: ps.ids, x: ps.x, y: ps.y, lon: ps.lon.slice(), lat: ps.lat.slice(),
    population: ps.values.map((v) => (v >= 0 ? v : 0)), rows: ps.rows, skipped: ps.skipped, warnings,
  };
}

/** Floating-catchment accessibility for one request (see {@link AccessRequest}). */
export function accessAnalysis(engine: Engine, r: AccessRequest, duplicates: 'error' | 'rename' = 'rename'): AccessResponse {
  if (!ACCESS_METHODS.includes(r.method)) throw appError('svc.method_unknown', { method: String(r.method), methods: ACCESS_METHODS.join(', ') });
  if (!(r.maxCost > 0) || !Number.isFinite(r.maxCost)) throw invalid('max-cost', String(r.maxCost));
  const weights: WeightSpec = checkWeightSpec(r.weights ?? defaultWeights(r.method));
  const needCoordinates = r.cost.kind !== 'table';
  const base = pointSet(engine, r.supply, { valueColumn: r.supply.capacity, valueKind: 'capacity', duplicates, needCoordinates });
  const { points: supply, unknown } = applyScenario(base, r.scenario);
  const warnings: AccessWarning[] = [];
  if (unknown.length) warnings.push({ code: 'scenario_unknown', params: { ids: unknown.join(', ') } });
  if (r.scenario?.some((e) => e.op === 'add' || e.op === 'move') && r.cost.kind === 'table') warnings.push({ code: 'scenario_cost_table', params: {} });
  const capIssues = base.warnings.filter((w) => w.reason.startsWith('capacity_'));
  if (capIssues.length) warnings.push({ code: 'capacity_rows', params: { n: capIssues.length, rows: capIssues.slice(0, 8).map((w) => `${w.row}${w.value ? ` („${w.value}“)` : ''}`).join(', ') } });
  const S = r.supply.capacity ? supply.values.map((v) => (v >= 0 ? v : 0)) : new Float64Array(supply.ids.length).fill(1);
  if (supply.ids.length === 0) throw appError('svc.no_supply', { table: engine.table(r.supply.table).label });

  const demand = demandSide(engine, r, duplicates, needCoordinates);
  warnings.push(...demand.warnings);
  if (demand.ids.length === 0) throw appError('svc.no_demand', {});
  const costs = buildCosts(engine, r.cost, {
    method: r.method, maxCost: r.maxCost, weights, reach: r.reach ?? r.maxCost,
    demand: { ids: demand.ids, x: demand.x, y: demand.y, rows: demand.rows },
    supply: { ids: supply.ids, x: supply.x, y: supply.y, rows: supply.rows },
  });
  warnings.push(...costs.warnings);
  let res;
  try {
    res = floatingCatchment({ method: r.method, pairs: costs.pairs, demandPairs: costs.demandPairs, selection: costs.selection, population: demand.population, supply: S, weights, normalize: !!r.normalize });
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('invalid weight:')) throw appError('svc.weight_infinite', {});
    throw e;
  }
  let unreachedCount = 0, unreachedPop = 0;
  res.reached.forEach((k, i) => {
    if (!k && demand.population[i] > 0) {
      unreachedCount++;
      unreachedPop += demand.population[i];
    }
  });
  const out: AccessResponse = {
    method: r.method, weights, demandKind: demand.kind, costKind: r.cost.kind, maxCost: r.maxCost, normalized: !!r.normalize,
    demand: { ids: demand.ids, population: demand.population, access: res.access, reached: res.reached, lon: demand.lon, lat: demand.lat, nearest: costs.nearest },
    supply: { ids: supply.ids, names: supply.names, categories: supply.categories, capacity: S, ratio: res.ratio, demand: res.demandOnSupply, lon: supply.lon, lat: supply.lat },
    totalSupply: res.totalSupply, weightedAccessSum: res.weightedAccessSum, meanAccess: res.meanAccess,
    invariantGap: r.method === 'fca' ? null : invariantGap(res),
    unreached: { count: unreachedCount, population: unreachedPop },
    skipped: { demand: [...demand.skipped, ...costs.offDemand], supply: [...base.skipped, ...costs.offSupply] },
    warnings,
  };
  if (r.areas) {
    const L = metricLayer(engine, r.areas);
    const areaOf = demand.areaLayer === r.areas ? Int32Array.from(L.ids, (_, i) => i) : locatePoints(L.index, demand.x, demand.y);
    const agg = accessPerArea(res.access, demand.population, areaOf, L.ids.length);
    const share = r.reach !== undefined ? reachShare(costs.nearest, demand.population, areaOf, L.ids.length, r.reach) : null;
    out.areas = { layer: r.areas, ids: L.ids, names: L.names, access: agg.mean, population: agg.population, reachShare: share?.share ?? null };
    if (share) out.reach = { cost: r.reach!, overall: share.overall };
    const outside = Array.from(areaOf).filter((a) => a < 0).length;
    if (outside) warnings.push({ code: 'demand_outside_areas', params: { n: outside } });
  } else if (r.reach !== undefined) {
    const share = reachShare(costs.nearest, demand.population, new Int32Array(demand.ids.length).fill(-1), 0, r.reach);
    out.reach = { cost: r.reach, overall: share.overall };
  }
  return out;
}
