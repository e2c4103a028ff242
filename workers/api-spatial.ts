/** Segregation and spatial-pattern workspace calls (issue 4). Long calls are tasks of the runner. */
import type { WeightsSpec } from '../src/lib/analysis/buildWeights';
import type { EbRequest, MoranRequest, ProgressFn, SegregationRequest, TaskId } from '../src/lib/contract';
import { ebAnalysis, moranAnalysis, weightsReport } from '../src/lib/engine/spatialPatterns';
import { segregationAnalysis } from '../src/lib/engine/segregation';
import { transferTyped, withEngine } from './core';

export const spatialApi = {
  async segregation(req: SegregationRequest, onProgress?: ProgressFn, taskId?: TaskId) {
    return withEngine(async (e) => transferTyped(await e.tasks.run((task) => segregationAnalysis(e, req, task), { onProgress, id: taskId, stage: 'permutations' })));
  },
  async moran(req: MoranRequest, onProgress?: ProgressFn, taskId?: TaskId) {
    return withEngine(async (e) => transferTyped(await e.tasks.run((task) => moranAnalysis(e, req, task), { onProgress, id: taskId, stage: 'permutations' })));
  },
  async ebRates(req: EbRequest) {
    return withEngine((e) => transferTyped(ebAnalysis(e, req)));
  },
  async weightsReport(layer: string, spec: WeightsSpec) {
    return withEngine((e) => transferTyped(weightsReport(e, layer, spec)));
  },
};
