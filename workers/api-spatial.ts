/** Segregation and spatial-pattern workspace calls (issue 4). */
import type { WeightsSpec } from '../src/lib/analysis/buildWeights';
import { CancelledError } from '../src/lib/analysis/progress';
import type { Engine, ProgressFn } from '../src/lib/engine/engine';
import { ebAnalysis, moranAnalysis, weightsReport, type EbRequest, type MoranRequest, type TaskHooks } from '../src/lib/engine/spatial';
import { segregationAnalysis, type SegregationRequest } from '../src/lib/engine/spatial-segregation';
import { transferTyped, withEngine, yieldToEvents } from './core';

/** Hooks of a cancellable worker task: progress through the proxied callback, cancel via `engine.cancel()`. */
function taskHooks(e: Engine, onProgress: ProgressFn | undefined, stage: string): TaskHooks {
  e.beginTask();
  let last = -1;
  return {
    pause: yieldToEvents,
    isCancelled: () => e.cancelRequested,
    onProgress: onProgress
      ? (f) => {
          // at most ~100 messages per task
          if (f - last >= 0.01 || f === 1) {
            last = f;
            void onProgress(f, stage);
          }
        }
      : undefined,
  };
}

/** A cancelled task leaves as a German message (the UI shows it as a notice). */
function cancelled(e: unknown): never {
  if (e instanceof CancelledError) throw new Error('Die Berechnung wurde abgebrochen.');
  throw e;
}

export const spatialApi = {
  async segregation(req: SegregationRequest, onProgress?: ProgressFn) {
    return withEngine(async (e) => transferTyped(await segregationAnalysis(e, req, taskHooks(e, onProgress, 'permutations')).catch(cancelled)));
  },
  async moran(req: MoranRequest, onProgress?: ProgressFn) {
    return withEngine(async (e) => transferTyped(await moranAnalysis(e, req, taskHooks(e, onProgress, 'permutations')).catch(cancelled)));
  },
  async ebRates(req: EbRequest) {
    return withEngine((e) => transferTyped(ebAnalysis(e, req)));
  },
  async weightsReport(layer: string, spec: WeightsSpec) {
    return withEngine((e) => transferTyped(weightsReport(e, layer, spec)));
  },
};
