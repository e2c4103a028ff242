/**
 * Engine-side orchestration of the "Räumliche Muster" workspace (issue 4, METHODS.md §5):
 * reads a variable of a layer (or of a table joined to it), builds spatial weights from the
 * layer's polygons (memoised per layer version and weights type, `./layerData.ts`) and runs global/local Moran, G_i*
 * and empirical Bayes rates. Plain data out; typed arrays in layer row order.
 */
import { DEFAULT_SNAP_M, type WeightsSpec } from '../analysis/buildWeights';
import { ebGlobal, ebSpatial } from '../analysis/ebrate';
import { getisOrdGStar } from '../analysis/getisOrd';
import { localMoranFinish, localMoranPrepare, moranGlobalFinish, moranGlobalPrepare } from '../analysis/moran';
import { rowStandardize, weightsSummary } from '../analysis/weights';
import { appError } from '../contract/errors';
import type { EbRequest, EbResponse, MoranRequest, MoranResponse, VariableSpec, WeightsReport } from '../contract/spatial';
import type { Engine } from './engine';
import { columnValues, hasGeometry, layerWeights, requireColumns, resolveYear } from './layerData';
import type { TaskContext } from './tasks';







export function weightsReport(engine: Engine, layer: string, spec: WeightsSpec): WeightsReport {
  const w = layerWeights(engine, layer, spec);
  const s = weightsSummary(w);
  const { names } = engine.layerLabels(layer);
  const counts = Float64Array.from({ length: w.n }, (_, i) => w.offsets[i + 1] - w.offsets[i]);
  const tolerance = spec.type === 'queen' || spec.type === 'rook' ? (spec.tolerance ?? DEFAULT_SNAP_M) : undefined;
  return { n: s.n, links: s.links, min: s.min, max: s.max, mean: s.mean, islands: s.islands.map((i) => names[i]), counts, tolerance };
}


/** Values of a variable per feature; German error naming areas without a value. */
export function variableValues(engine: Engine, v: VariableSpec): Float64Array {
  requireColumns(engine, v.source, v.column, v.denominator);
  const year = resolveYear(engine, v.source, v.year);
  const values = engine.joinedValues(v.source, { column: v.column, denominator: v.denominator, scale: v.scale ?? 100 }, year).values;
  const bad: number[] = [];
  values.forEach((x, i) => Number.isFinite(x) || bad.push(i));
  if (bad.length) {
    const { names } = engine.layerLabels(v.source.layer);
    const what = v.denominator ? `${v.column} / ${v.denominator}` : v.column;
    throw appError('sp.missingValues', { what, n: bad.length, examples: bad.slice(0, 5).map((i) => names[i]).join(', ') });
  }
  return values;
}




/** Global Moran's I, LISA with conditional permutations, and G_i* (METHODS.md §5). */
export async function moranAnalysis(engine: Engine, r: MoranRequest, task?: TaskContext): Promise<MoranResponse> {
  if (!task) return engine.tasks.run((t) => moranAnalysis(engine, r, t));
  const x = variableValues(engine, r);
  const n = x.length;
  if (n < 4) throw appError('sp.tooFewAreas', { n });
  const w = layerWeights(engine, r.source.layer, r.weights);
  const report = weightsReport(engine, r.source.layer, r.weights);
  if (report.links === 0) throw appError('sp.noNeighbours');
  const ws = rowStandardize(w);
  const opts = { permutations: r.permutations, seed: r.seed };
  // the permutations on the engine's runner (all cores in the browser); same numbers on any number of workers
  const gp = moranGlobalPrepare(x, ws, opts);
  const g = moranGlobalFinish(gp, await engine.runner.run('moranNull', gp.nullInput, task.hooks(0, 0.3, 'permutations')));
  const lopts = { ...opts, alpha: r.alpha, fdr: r.fdr };
  const lp = localMoranPrepare(x, ws, lopts);
  const l = localMoranFinish(lp, await engine.runner.run('lisa', lp.input, task.hooks(0.3, 1, 'permutations')), lopts);
  const sd = Math.sqrt(l.z.reduce((s, v) => s + v * v, 0) / n);
  const zStd = l.z.map((v) => (sd > 0 ? v / sd : 0));
  const lagStd = l.lag.map((v) => (sd > 0 ? v / sd : 0));
  const cluster = Uint8Array.from(l.cluster, (c) => (c === 'island' ? 5 : c === 'ns' ? 0 : ({ HH: 1, LH: 2, LL: 3, HL: 4 } as const)[c as 'HH']));
  const gs = getisOrdGStar(x, w);
  const { null: nul, ...global } = g;
  const { ids, names } = engine.layerLabels(r.source.layer);
  return { n, ids, names, x, weights: report, global, null: nul, zStd, lagStd, Ii: l.Ii, pSim: l.pSim, cluster, quadrant: l.quadrant, gz: gs.z, gp: gs.p };
}




/** Raw, global and spatial empirical Bayes rates (Marshall 1991; METHODS.md §5), × scale. */
export function ebAnalysis(engine: Engine, r: EbRequest): EbResponse {
  const events = columnValues(engine, r.source, r.events, r.year);
  const population = columnValues(engine, r.source, r.population, r.year);
  const { ids, names } = engine.layerLabels(r.source.layer);
  const bad = ids.map((_, i) => i).filter((i) => !(events[i] >= 0) || !(population[i] >= 0));
  if (bad.length)
    throw appError('sp.ebInvalid', { events: r.events, population: r.population, n: bad.length, examples: bad.slice(0, 5).map((i) => names[i]).join(', ') });
  const g = ebGlobal(events, population);
  // spatial EB needs neighbours: only with weights on a layer that has geometry
  const s = r.weights && hasGeometry(engine, r.source.layer) ? ebSpatial(events, population, layerWeights(engine, r.source.layer, r.weights)) : null;
  const k = r.scale;
  const scale = (a: Float64Array) => a.map((v) => v * k);
  return { ids, names, events, population, raw: scale(g.raw), global: scale(g.eb), spatial: s ? scale(s.eb) : null, priorMean: g.priorMean * k, priorVariance: g.priorVariance * k * k };
}
