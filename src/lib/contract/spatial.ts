/**
 * Contract of the "Räumliche Muster" workspace (issue 4, METHODS.md §5): what the UI, the worker,
 * the engine (`src/lib/engine/spatialPatterns.ts`) and the CLI exchange for Moran's I, LISA,
 * G_i* and empirical Bayes rates.
 */
import type { JoinSpecInput } from './catalog';
import type { WeightsSpec } from '../analysis/buildWeights';
import type { GlobalMoran } from '../analysis/moran';
import { bhAdjust } from '../analysis/fdr';

/** Where values come from: the layer's own columns or a table joined to it. */
export type ValueSource = JoinSpecInput | { layer: string; table?: undefined };

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
  /** snapping tolerance used for contiguity (metres); undefined for k-nearest / distance weights */
  tolerance?: number;
}

/** A variable: a column, or a rate numerator / denominator × scale. */
export interface VariableSpec {
  source: ValueSource;
  year?: string;
  column: string;
  denominator?: string;
  scale?: number;
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

/** Names of the cluster codes (as in GeoDa): index = code. */
export const CLUSTER_LABELS = ['ns', 'HH', 'LH', 'LL', 'HL', 'island'] as const;

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

/** Settings of an empirical Bayes run. */
export interface EbRequest {
  source: ValueSource;
  year?: string;
  events: string;
  population: string;
  /** neighbours of the spatial EB rate (without: global EB only) */
  weights?: WeightsSpec;
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
  /** null without weights or geometry */
  spatial: Float64Array | null;
  priorMean: number;
  priorVariance: number;
}

/**
 * LISA cluster codes (as `MoranResponse.cluster`) for another significance level or FDR choice,
 * without new permutations: significant areas keep their quadrant, islands (no neighbours) are 5.
 */
export function lisaClusters(quadrant: Uint8Array, pSim: Float64Array, neighbours: ArrayLike<number>, alpha: number, fdr: boolean): Uint8Array {
  const q = fdr ? bhAdjust(pSim) : pSim;
  return Uint8Array.from(quadrant, (c, i) => (neighbours[i] === 0 ? 5 : q[i] <= alpha && c ? (c as ClusterCode) : 0));
}
