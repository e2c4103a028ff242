/**
 * `npm run cli -- access --demand FILE --demand-id COL --population COL --supply FILE
 * --supply-id COL --capacity COL [--cost FILE --cost-origin COL --cost-destination COL
 * --cost-value COL] [--detour F] [--demand-crs EPSG:N] [--supply-crs EPSG:N]
 * --method fca|2sfca|e2sfca|3sfca --max-cost C [--weights step:…|gravity:S:A|gaussian:SIGMA]
 * [--normalize]` → floating-catchment accessibility (METHODS.md §7) through the engine's
 * `accessAnalysis`, the call the workbench makes. Extra: `--demand-x/-y`, `--supply-x/-y`
 * (coordinate columns when the names are not recognised), `--network FILE` (path network).
 * Notes and warnings go to stderr; stdout is exactly the JSON of the issue.
 */
import { parseWeightSpec } from '../../lib/analysis/catchmentWeights';
import { accessAnalysis, ACCESS_METHODS } from '../../lib/engine/services-access';
import { rowList } from '../../lib/engine/services-errors';
import { appError } from '../../lib/contract/errors';
import type { AccessMethod, AccessRequest, CostSpec, DemandSpec } from '../../lib/contract/services';
import { t } from '../../i18n/index';
import { flag, parseArgs, requireFlag } from '../args';
import { fileOptions } from '../importFlags';
import { numberFlag as num, pointSource } from '../files';
import { cliEngine, loadFile } from '../engine';

/** `--supply-category TYP=Kita[,Familienzentrum]`: keep those categories only. */
function categoryFilter(v: string | undefined): { category?: string; categories?: string[] } {
  if (!v) return {};
  const eq = v.indexOf('=');
  if (eq < 1) throw appError('svc.cli_category', { value: v });
  return { category: v.slice(0, eq), categories: v.slice(eq + 1).split(',') };
}

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const f = (k: string) => flag(flags, k);
  const method = requireFlag(flags, 'method') as AccessMethod;
  if (!ACCESS_METHODS.includes(method)) throw appError('svc.method_unknown', { method, methods: ACCESS_METHODS.join(', ') });
  const maxCost = num(f('max-cost'), 'max-cost');
  let weights;
  const w = f('weights');
  if (w !== undefined) {
    try {
      weights = parseWeightSpec(w);
    } catch (e) {
      throw appError('svc.cli_weights', { value: w, detail: (e as Error).message });
    }
  }
  const engine = await cliEngine();
  const demandOptions = fileOptions(flags, 'demand', true), supplyOptions = fileOptions(flags, 'supply');
  const demandCrs = demandOptions.crs, supplyCrs = supplyOptions.crs;
  const demandMeta = await loadFile(engine, requireFlag(flags, 'demand'), demandOptions);
  const supplyMeta = await loadFile(engine, requireFlag(flags, 'supply'), supplyOptions);
  const demandId = requireFlag(flags, 'demand-id'), population = requireFlag(flags, 'population');
  // with a cost table, ids are enough: coordinates are optional
  const optional = f('cost') !== undefined;
  const dsrc = pointSource(demandMeta, f('demand-x'), f('demand-y'), optional);
  let demand: DemandSpec;
  if (dsrc.polygons) {
    // area polygons: a point inside each area stands for its population
    engine.createLayer({ table: demandMeta.name, idColumn: demandId });
    demand = { kind: 'areas', layer: demandMeta.name, population: { source: { layer: demandMeta.name }, column: population } };
  } else {
    demand = { kind: 'points', population, points: { table: demandMeta.name, id: demandId, x: dsrc.x, y: dsrc.y, crs: dsrc.x ? demandCrs : undefined } };
  }
  const ssrc = pointSource(supplyMeta, f('supply-x'), f('supply-y'), optional);
  if (ssrc.polygons) throw appError('svc.cli_supply_polygons', { table: supplyMeta.label });
  let cost: CostSpec;
  if (f('cost')) {
    const meta = await loadFile(engine, f('cost')!, fileOptions(flags, 'cost'));
    cost = { kind: 'table', table: meta.name, origin: requireFlag(flags, 'cost-origin'), destination: requireFlag(flags, 'cost-destination'), value: requireFlag(flags, 'cost-value') };
  } else if (f('network')) {
    const meta = await loadFile(engine, f('network')!, fileOptions(flags, 'network'));
    cost = { kind: 'network', table: meta.name };
  } else cost = { kind: 'euclidean', detour: num(f('detour'), 'detour', 1) };
  const req: AccessRequest = {
    demand,
    supply: { table: supplyMeta.name, id: requireFlag(flags, 'supply-id'), capacity: requireFlag(flags, 'capacity'), x: ssrc.x, y: ssrc.y, crs: ssrc.x ? supplyCrs : undefined, ...categoryFilter(f('supply-category')) },
    cost, method, maxCost, weights, normalize: flags.normalize !== undefined,
  };
  if (method === 'e2sfca' && !weights && maxCost > 30)
    process.stderr.write('Hinweis: E2SFCA ohne --weights nutzt die Stufen 10/20/30 (PySAL, Luo & Qi 2009) in der Kosteneinheit; für Meter z. B. --weights step:500=1,1000=0.68,1500=0.22.\n');
  const r = accessAnalysis(engine, req, 'error');
  for (const [what, rows] of [['Nachfrage', r.skipped.demand], ['Angebote', r.skipped.supply]] as const)
    if (rows.length) process.stderr.write(`Hinweis: ${rows.length} Datensätze (${what}) ohne verwendbare Lage: ${rowList(rows)} – ${[...new Set(rows.map((x) => t(`svc.reason.${x.reason}`, {}, 'de')))].join(', ')}.\n`);
  for (const wn of r.warnings) process.stderr.write(`Hinweis: ${t(`svc.warn.${wn.code}`, wn.params, 'de')}\n`);
  let pa = 0;
  r.demand.ids.forEach((_, i) => (pa += r.demand.population[i] * r.demand.access[i]));
  return {
    method,
    demand: r.demand.ids.map((id, i) => ({ id, access: r.demand.access[i] })),
    supply: r.supply.ids.map((id, j) => ({ id, ratio: Number.isFinite(r.supply.ratio[j]) ? r.supply.ratio[j] : null })),
    total_supply: r.totalSupply,
    weighted_access_sum: pa,
  };
}
