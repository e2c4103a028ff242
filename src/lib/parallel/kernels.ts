/**
 * The chunked kernels a pool worker can run, by name (the name crosses to the worker, the
 * function does not). Adding one: a `ChunkKernel` next to its analysis code and one entry here.
 */
import type { ChunkKernel } from '../analysis/chunks';
import { LISA_PERMUTATIONS } from '../analysis/moran';
import { MORAN_NULL } from '../analysis/moranNull';
import { SEGREGATION_DRAWS } from '../analysis/segregationDraws';
import { MONTE_CARLO } from '../analysis/robustness';
import { CSV_SCAN } from '../ingest/csvScanKernel';

export const KERNELS = {
  moranNull: MORAN_NULL,
  lisa: LISA_PERMUTATIONS,
  segregation: SEGREGATION_DRAWS,
  monteCarlo: MONTE_CARLO,
  csvScan: CSV_SCAN,
};

export type KernelName = keyof typeof KERNELS;
type Parts<K extends KernelName> = (typeof KERNELS)[K] extends ChunkKernel<infer I, infer A> ? { input: I; acc: A } : never;
export type KernelInput<K extends KernelName> = Parts<K>['input'];
export type KernelAcc<K extends KernelName> = Parts<K>['acc'];
