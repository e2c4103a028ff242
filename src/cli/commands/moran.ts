/**
 * `npm run cli -- moran --data GEOFILE --id COL --var COL [--per COL] [--weights queen|rook|knn:K|distance:M]
 * [--permutations N --seed S] [--tolerance M]` → global and local Moran's I (METHODS.md §5) with
 * row-standardised weights, computed by the engine's `moranAnalysis` — the "Räumliche Muster" tab's
 * path. `islands` lists the ids of areas without neighbours.
 */
import { parseWeightsSpec, type WeightsSpec } from '../../lib/analysis/buildWeights';
import { CLUSTER_LABELS, appError, type MoranRequest } from '../../lib/contract';
import { moranAnalysis } from '../../lib/engine/spatialPatterns';
import { flag, parseArgs, requireFlag } from '../args';
import { fileOptions } from '../importFlags';
import { cliEngine, intFlag, loadLayer, note, toleranceFlag } from '../engine';

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const data = requireFlag(flags, 'data');
  const idCol = requireFlag(flags, 'id');
  const varCol = requireFlag(flags, 'var');
  const perCol = flag(flags, 'per');
  const permutations = intFlag(flag(flags, 'permutations'), 'permutations', 999);
  const seed = intFlag(flag(flags, 'seed'), 'seed', 12345);
  const tolerance = toleranceFlag(flag(flags, 'tolerance'));
  const parsed = parseWeightsSpec(flag(flags, 'weights') ?? 'queen');
  const weights: WeightsSpec = parsed.type === 'queen' || parsed.type === 'rook' ? { ...parsed, tolerance } : parsed;

  const engine = await cliEngine();
  const layer = await loadLayer(engine, data, { idColumn: idCol }, fileOptions(flags, 'data', true));
  // a rate x / per: the tab's numerator / denominator × scale with scale 1
  const req: MoranRequest = { source: { layer: layer.table }, column: varCol, denominator: perCol, scale: 1, weights, permutations, seed, alpha: 0.05, fdr: false };
  const r = await moranAnalysis(engine, req);
  const islands = r.ids.filter((_, i) => r.weights.counts[i] === 0);
  if (islands.length) note(`${islands.length} Gebiet(e) ohne Nachbarn (Inseln): ${islands.slice(0, 10).join(', ')}`);
  const g = r.global;
  return {
    n: r.n,
    links: r.weights.links,
    islands,
    global: {
      I: g.I, expected: g.expected, variance_normality: g.varianceNormality, variance_randomization: g.varianceRandomization,
      z: g.zNormality, p_normal: g.pNormality, p_sim: permutations > 0 ? g.pSim : null,
    },
    local: r.ids.map((id, i) => ({ id, Ii: r.Ii[i], p_sim: Number.isNaN(r.pSim[i]) ? null : r.pSim[i], cluster: CLUSTER_LABELS[r.cluster[i]] })),
  };
}
