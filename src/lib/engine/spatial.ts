/**
 * Engine-side orchestration of the "Räumliche Muster" workspace (issue 4, METHODS.md §5):
 * reads a variable of a layer (or of a table joined to it), builds spatial weights from the
 * layer's polygons (memoised per layer and weights type) and runs global/local Moran, G_i*
 * and empirical Bayes rates. Plain data out; typed arrays in layer row order.
 */
import { buildWeights, weightsKey, type WeightsSpec } from '../analysis/buildWeights';
import { ebGlobal, ebSpatial } from '../analysis/ebrate';
import { parseGeometry, projectLocal, areaAndCentroid } from '../analysis/geometry-rings';
import { getisOrdGStar } from '../analysis/getisOrd';
import { localMoranSteps, moranGlobalSteps, type GlobalMoran } from '../analysis/moran';
import { runStepsAsync, type LoopHooks, type Steps } from '../analysis/progress';
import { bhAdjust } from '../analysis/fdr';
import { rowStandardize, weightsSummary, type Weights } from '../analysis/weights';
import type { Engine } from './engine';
import type { JoinSpecInput } from './types';

/** Where values come from: the layer's own columns or a table joined to it. */
export type ValueSource = JoinSpecInput | { layer: string; table?: undefined };

/** Progress, cancel and a pause between chunks (a zero timeout in the worker). */
export type TaskHooks = LoopHooks & { pause?: () => Promise<void> };

const noPause = () => Promise.resolve();

/** Runs resumable analysis steps with the task's hooks; chained tasks share one progress bar. */
export function runTask<T>(steps: Steps<T>, hooks: TaskHooks, from = 0, to = 1): Promise<T> {
  return runStepsAsync(steps, {
    pause: hooks.pause ?? noPause,
    isCancelled: hooks.isCancelled,
    onProgress: hooks.onProgress ? (f) => hooks.onProgress!(from + f * (to - from)) : undefined,
  });
}

/** The year to use: the given one, or the latest when the join has a year column. */
export function resolveYear(engine: Engine, source: ValueSource, year?: string): string | undefined {
  if (year !== undefined && year !== '') return year;
  if (source.table !== undefined && 'yearColumn' in source && source.yearColumn) return engine.distinct(source.table, source.yearColumn).at(-1);
  return undefined;
}

/** One numeric column per layer feature (NaN where missing). */
export function columnValues(engine: Engine, source: ValueSource, column: string, year?: string): Float64Array {
  return engine.joinedValues(source, { column }, resolveYear(engine, source, year)).values;
}

interface LayerGeometry {
  weights: Map<string, Weights>;
  area?: Float64Array;
}
const memo = new WeakMap<Engine, Map<string, LayerGeometry>>();

function layerMemo(engine: Engine, layer: string): LayerGeometry {
  let m = memo.get(engine);
  if (!m) memo.set(engine, (m = new Map()));
  // a re-imported layer has a new feature count or label; the key keeps stale weights out
  const meta = engine.layer(layer);
  const key = `${layer}|${meta.features}|${meta.idColumn}`;
  let g = m.get(key);
  if (!g) m.set(key, (g = { weights: new Map() }));
  return g;
}

/** Binary spatial weights of a layer, memoised per layer and weights type. */
export function layerWeights(engine: Engine, layer: string, spec: WeightsSpec): Weights {
  const g = layerMemo(engine, layer);
  const key = weightsKey(spec);
  let w = g.weights.get(key);
  if (!w) {
    w = buildWeights(engine.geometries(layer).map((s) => parseGeometry(s)), spec);
    g.weights.set(key, w);
  }
  return w;
}

/** Polygon areas in m² (local projection), memoised per layer (for Delta). */
export function layerAreas(engine: Engine, layer: string): Float64Array {
  const g = layerMemo(engine, layer);
  g.area ??= Float64Array.from(projectLocal(engine.geometries(layer).map((s) => parseGeometry(s))), (a) => Math.abs(areaAndCentroid(a).area));
  return g.area;
}

/** Weights report: links, islands by name, neighbour counts per area. */
export interface WeightsReport {
  n: number;
  links: number;
  min: number;
  max: number;
  mean: number;
  islands: string[];
  /** neighbours per area, for a map of the weights */
  counts: Float64Array;
}

export function weightsReport(engine: Engine, layer: string, spec: WeightsSpec): WeightsReport {
  const w = layerWeights(engine, layer, spec);
  const s = weightsSummary(w);
  const { names } = engine.layerLabels(layer);
  const counts = Float64Array.from({ length: w.n }, (_, i) => w.offsets[i + 1] - w.offsets[i]);
  return { n: s.n, links: s.links, min: s.min, max: s.max, mean: s.mean, islands: s.islands.map((i) => names[i]), counts };
}

/** A variable: a column, or a rate numerator / denominator × scale. */
export interface VariableSpec {
  source: ValueSource;
  year?: string;
  column: string;
  denominator?: string;
  scale?: number;
}

/** Values of a variable per feature; German error naming areas without a value. */
export function variableValues(engine: Engine, v: VariableSpec): Float64Array {
  const year = resolveYear(engine, v.source, v.year);
  const values = engine.joinedValues(v.source, { column: v.column, denominator: v.denominator, scale: v.scale ?? 100 }, year).values;
  const bad: number[] = [];
  values.forEach((x, i) => Number.isFinite(x) || bad.push(i));
  if (bad.length) {
    const { names } = engine.layerLabels(v.source.layer);
    const what = v.denominator ? `${v.column} / ${v.denominator}` : v.column;
    throw new Error(
      `„${what}“ hat in ${bad.length} Gebiet(en) keinen Wert (z. B. ${bad.slice(0, 5).map((i) => names[i]).join(', ')}). ` +
        'Räumliche Statistiken brauchen einen Wert für jedes Gebiet: prüfen Sie die Verknüpfung, das Jahr oder einen Nenner von 0.',
    );
  }
  return values;
}

/** Settings of a Moran/LISA/G_i* run. */
export interface MoranRequest extends VariableSpec {
  weights: WeightsSpec;
  permutations: number;
  seed: number;
  /** significance level for LISA (0.05, 0.01, 0.001) */
  alpha: number;
  fdr: boolean;
}

/** LISA cluster codes: 0 ns, 1 HH, 2 LH, 3 LL, 4 HL, 5 island (Moran scatterplot quadrants). */
export type ClusterCode = 0 | 1 | 2 | 3 | 4 | 5;

export interface MoranResponse {
  n: number;
  ids: string[];
  names: string[];
  x: Float64Array;
  weights: WeightsReport;
  global: Omit<GlobalMoran, 'null'>;
  /** global null distribution (permutations) */
  null: Float64Array;
  /** standardised value and its spatial lag (Moran scatterplot axes) */
  zStd: Float64Array;
  lagStd: Float64Array;
  Ii: Float64Array;
  pSim: Float64Array;
  cluster: Uint8Array;
  /** Moran scatterplot quadrant per area: 1 HH, 2 LH, 3 LL, 4 HL, 0 none (see `lisaClusters`) */
  quadrant: Uint8Array;
  /** Getis–Ord G_i* z-scores and two-sided p-values (binary weights with self) */
  gz: Float64Array;
  gp: Float64Array;
}

/** Global Moran's I, LISA with conditional permutations, and G_i* (METHODS.md §5). */
export async function moranAnalysis(engine: Engine, r: MoranRequest, hooks: TaskHooks = {}): Promise<MoranResponse> {
  const x = variableValues(engine, r);
  const n = x.length;
  if (n < 4) throw new Error(`Moran's I braucht mindestens 4 Gebiete, die Ebene hat ${n}.`);
  const w = layerWeights(engine, r.source.layer, r.weights);
  const report = weightsReport(engine, r.source.layer, r.weights);
  if (report.links === 0) throw new Error('Kein Gebiet hat Nachbarn; prüfen Sie die Geometrie oder wählen Sie k nächste Nachbarn.');
  const ws = rowStandardize(w);
  const opts = { permutations: r.permutations, seed: r.seed };
  const g = await runTask(moranGlobalSteps(x, ws, opts), hooks, 0, 0.3);
  const l = await runTask(localMoranSteps(x, ws, { ...opts, alpha: r.alpha, fdr: r.fdr }), hooks, 0.3, 1);
  const sd = Math.sqrt(l.z.reduce((s, v) => s + v * v, 0) / n);
  const zStd = l.z.map((v) => (sd > 0 ? v / sd : 0));
  const lagStd = l.lag.map((v) => (sd > 0 ? v / sd : 0));
  const cluster = Uint8Array.from(l.cluster, (c) => (c === 'island' ? 5 : c === 'ns' ? 0 : ({ HH: 1, LH: 2, LL: 3, HL: 4 } as const)[c as 'HH']));
  const gs = getisOrdGStar(x, w);
  const { null: nul, ...global } = g;
  const { ids, names } = engine.layerLabels(r.source.layer);
  return { n, ids, names, x, weights: report, global, null: nul, zStd, lagStd, Ii: l.Ii, pSim: l.pSim, cluster, quadrant: l.quadrant, gz: gs.z, gp: gs.p };
}

/**
 * LISA cluster codes (as `MoranResponse.cluster`) for another significance level or FDR choice,
 * without new permutations: significant areas keep their quadrant, islands (no neighbours) are 5.
 */
export function lisaClusters(quadrant: Uint8Array, pSim: Float64Array, neighbours: ArrayLike<number>, alpha: number, fdr: boolean): Uint8Array {
  const q = fdr ? bhAdjust(pSim) : pSim;
  return Uint8Array.from(quadrant, (c, i) => (neighbours[i] === 0 ? 5 : q[i] <= alpha && c ? (c as ClusterCode) : 0));
}

/** Settings of an empirical Bayes run. */
export interface EbRequest {
  source: ValueSource;
  year?: string;
  events: string;
  population: string;
  weights: WeightsSpec;
  /** rates per `scale` persons (100 = %) */
  scale: number;
}

export interface EbResponse {
  ids: string[];
  names: string[];
  events: Float64Array;
  population: Float64Array;
  raw: Float64Array;
  global: Float64Array;
  spatial: Float64Array;
  priorMean: number;
  priorVariance: number;
}

/** Raw, global and spatial empirical Bayes rates (Marshall 1991; METHODS.md §5), × scale. */
export function ebAnalysis(engine: Engine, r: EbRequest): EbResponse {
  const events = columnValues(engine, r.source, r.events, r.year);
  const population = columnValues(engine, r.source, r.population, r.year);
  const { ids, names } = engine.layerLabels(r.source.layer);
  const bad = ids.map((_, i) => i).filter((i) => !(events[i] >= 0) || !(population[i] >= 0));
  if (bad.length)
    throw new Error(`„${r.events}“ oder „${r.population}“ fehlen oder sind negativ in ${bad.length} Gebiet(en) (z. B. ${bad.slice(0, 5).map((i) => names[i]).join(', ')}).`);
  const g = ebGlobal(events, population);
  const s = ebSpatial(events, population, layerWeights(engine, r.source.layer, r.weights));
  const k = r.scale;
  const scale = (a: Float64Array) => a.map((v) => v * k);
  return { ids, names, events, population, raw: scale(g.raw), global: scale(g.eb), spatial: scale(s.eb), priorMean: g.priorMean * k, priorVariance: g.priorVariance * k * k };
}
