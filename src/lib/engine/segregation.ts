/**
 * Engine-side orchestration of the "Segregation" workspace (issue 4, METHODS.md §4): group
 * and total counts per area of a layer (or a joined table, one year), minimum-population
 * filter, single-group and multigroup indices with permutation p-values and bootstrap
 * intervals, location quotients, local entropy and the index over the years.
 */
import { locationQuotients, singleGroupIndices } from '../analysis/segregation';
import type { IndexDrawInput } from '../analysis/segregationDraws';
import { INFERRED_INDICES, SEGREGATION_INDEX_KEYS } from '../analysis/segregationIndices';
import { filterMinPopulation, indexInference, smallUnitCheck } from '../analysis/segregationInference';
import { multigroupIndices, multigroupLocal } from '../analysis/segregationMulti';
import { trendInference } from '../analysis/segregationTrend';
import { DEFAULT_SNAP_M } from '../analysis/buildWeights';
import { appError } from '../contract/errors';
import type { IndexRow, SegregationRequest, SegregationResponse, SingleGroupResult } from '../contract/segregation';
import type { Engine } from './engine';
import { columnValues, hasGeometry, layerAreas, layerWeights, resolveYear } from './layerData';
import type { TaskContext } from './tasks';






interface Counts {
  groups: Float64Array[];
  total: Float64Array;
  names: string[];
}

function readCounts(engine: Engine, r: SegregationRequest, year: string | undefined): Counts {
  if (r.groups.length === 0) throw appError('seg.noGroup');
  if (r.groups.length === 1 && !r.total) throw appError('seg.needTotal');
  const groups = r.groups.map((g) => columnValues(engine, r.source, g, year));
  const total = r.total ? columnValues(engine, r.source, r.total, year) : groups[0].map((_, i) => groups.reduce((s, g) => s + g[i], 0));
  const { names } = engine.layerLabels(r.source.layer);
  const over = names.filter((_, i) => groups.some((g) => g[i] < 0 || g[i] > total[i] + 1e-9));
  if (over.length)
    throw appError('seg.groupOverTotal', { n: over.length, examples: over.slice(0, 5).join(', ') });
  return { groups, total, names };
}

/** Indices of areas with values for all columns and at least `minPopulation` persons. */
function keptAreas(c: Counts, minPopulation: number): { kept: Int32Array; missing: number[]; filtered: number[] } {
  const missing: number[] = [];
  const complete: number[] = [];
  c.total.forEach((t, i) => (Number.isFinite(t) && c.groups.every((g) => Number.isFinite(g[i])) ? complete.push(i) : missing.push(i)));
  const tc = Float64Array.from(complete, (i) => c.total[i]);
  const pass = new Set(Array.from(filterMinPopulation(tc, minPopulation), (k) => complete[k]));
  return { kept: Int32Array.from(complete.filter((i) => pass.has(i))), missing, filtered: complete.filter((i) => !pass.has(i)) };
}

const pick = (a: Float64Array, idx: Int32Array) => Float64Array.from(idx, (i) => a[i]);

function checkWhole(x: Float64Array, t: Float64Array, names: string[]): void {
  for (let i = 0; i < x.length; i++)
    if (!Number.isInteger(x[i]) || !Number.isInteger(t[i]))
      throw appError('seg.notWhole', { area: names[i], x: x[i], t: t[i] });
}

/** Single-group and multigroup indices with inference, local maps and the trend. */
export async function segregationAnalysis(engine: Engine, r: SegregationRequest, task?: TaskContext): Promise<SegregationResponse> {
  if (!task) return engine.tasks.run((t) => segregationAnalysis(engine, r, t));
  if (!(r.minPopulation >= 0)) throw appError('seg.minPopulation', { value: r.minPopulation });
  if (!(r.atkinsonB > 0 && r.atkinsonB < 1)) throw appError('seg.atkinsonB', { value: r.atkinsonB });
  const year = resolveYear(engine, r.source, r.year);
  const c = readCounts(engine, r, year);
  const { kept, missing, filtered } = keptAreas(c, r.minPopulation);
  if (kept.length < 2) throw appError('seg.tooFewAreas', { min: r.minPopulation, n: kept.length });
  const t = pick(c.total, kept);
  const groups = c.groups.map((g) => pick(g, kept));
  const keptNames = Array.from(kept, (i) => c.names[i]);
  // weights and areas on the kept subset: Morrill's D and Delta see only the used areas
  // (areas from a table's keys have no geometry: no Morrill's D and no Delta)
  const geo = hasGeometry(engine, r.source.layer);
  const keepPos = new Map(Array.from(kept, (i, k) => [i, k]));
  const wSub = geo ? subsetWeights(layerWeights(engine, r.source.layer, { type: 'queen', tolerance: r.tolerance }), kept, keepPos) : undefined;
  const area = geo ? pick(layerAreas(engine, r.source.layer), kept) : undefined;
  const inferred = INFERRED_INDICES.filter((d) => !r.infer || r.infer.includes(d.key)).map((d) => d.key);
  // per group one permutation and one bootstrap job on the engine's runner (all inferred indices
  // share the draws), plus one bootstrap per year for the trend
  const trendYears = r.trend && r.permutations > 0 && r.source.table !== undefined && 'yearColumn' in r.source && r.source.yearColumn ? engine.distinct(r.source.table, r.source.yearColumn) : [];
  const jobs = groups.length * (inferred.length ? 2 : 0) + trendYears.length;
  let job = 0;
  const run = (input: IndexDrawInput) => engine.runner.run('segregation', input, task.hooks(job / jobs, ++job / jobs, 'permutations'));
  const single: SingleGroupResult[] = [];
  for (let k = 0; k < groups.length; k++) {
    const x = groups[k];
    const idx = singleGroupIndices(x, t, { atkinsonB: r.atkinsonB, weights: wSub, area });
    const rows: IndexRow[] = SEGREGATION_INDEX_KEYS.map((key) => ({ key, value: idx[key] ?? NaN }));
    if (r.permutations > 0) {
      checkWhole(x, t, keptNames);
      if (inferred.length) {
        const inf = indexInference(x, t, inferred, { atkinsonB: r.atkinsonB, permutations: r.permutations, seed: r.seed });
        for (const res of inf.results(await run(inf.permutation), await run(inf.bootstrap))) {
          Object.assign(rows.find((q) => q.key === res.key)!, { p: res.permutation.pValue, null: res.permutation.null, ci: res.bootstrap.ci, biasCorrected: res.bootstrap.biasCorrected });
        }
      }
    }
    single.push({ group: r.groups[k], rows });
  }
  const expand = (sub: Float64Array) => {
    const out = new Float64Array(c.total.length).fill(NaN);
    kept.forEach((i, k) => (out[i] = sub[k]));
    return out;
  };
  const local = multigroupLocal(groups.length >= 2 ? groups : [groups[0], t.map((v, i) => v - groups[0][i])]);
  let multigroup: SegregationResponse['multigroup'];
  if (groups.length >= 2) {
    const { excluded: _e, ...m } = multigroupIndices(groups);
    multigroup = m;
  }
  let trend: SegregationResponse['trend'];
  if (trendYears.length) {
    const perYear = trendYears.map((y) => {
      const cy = readCounts(engine, r, y);
      const ky = keptAreas(cy, r.minPopulation).kept;
      const x = pick(cy.groups[0], ky), ty = pick(cy.total, ky);
      checkWhole(x, ty, Array.from(ky, (i) => cy.names[i]));
      return { year: y, x, t: ty };
    });
    const tr = trendInference(perYear, { replications: r.permutations, seed: r.seed });
    const reps: Float64Array[] = [];
    for (const input of tr.inputs) reps.push(await run(input));
    trend = tr.result(reps);
  }
  const check = smallUnitCheck(t, Math.max(r.minPopulation, 500));
  return {
    year,
    tolerance: r.tolerance ?? DEFAULT_SNAP_M,
    n: c.total.length,
    used: kept.length,
    missing: missing.map((i) => c.names[i]),
    filtered: filtered.map((i) => c.names[i]),
    small: { count: check.small.length, unequal: check.unequal, minPopulation: check.minPopulation, warning: check.warning },
    single,
    multigroup,
    lq: groups.map((g) => expand(locationQuotients(g, t))),
    entropyLocal: expand(local.entropyNormalized),
    entropyLocalRaw: expand(local.entropy),
    trend,
  };
}

function subsetWeights(w: { n: number; offsets: Int32Array; neighbors: Int32Array; weights: Float64Array }, kept: Int32Array, pos: Map<number, number>) {
  const offsets = new Int32Array(kept.length + 1);
  const nb: number[] = [], wt: number[] = [];
  kept.forEach((i, k) => {
    for (let q = w.offsets[i]; q < w.offsets[i + 1]; q++) {
      const j = pos.get(w.neighbors[q]);
      if (j !== undefined) {
        nb.push(j);
        wt.push(w.weights[q]);
      }
    }
    offsets[k + 1] = nb.length;
  });
  return { n: kept.length, offsets, neighbors: Int32Array.from(nb), weights: Float64Array.from(wt) };
}
