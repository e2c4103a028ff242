/**
 * The random draws of segregation inference (METHODS.md §4), chunked for the worker pool: the
 * permutation test relabels persons across areas (multivariate hypergeometric, area by area),
 * the bootstrap resamples persons within areas (binomial). Each draw is evaluated for every
 * requested index at once — the tests of all indices share their draws, as they always did
 * (one seed for all) — so the draws are made once instead of once per index.
 */
import { addInto, type ChunkKernel } from './chunks';
import { chunkCount, chunkLength } from './permutation';
import { binomial, chunkSeed, createRng, hypergeometric } from './random';
import { SEGREGATION_INDICES, type SegregationIndexKey } from './segregationIndices';
import type { SegregationStatistic } from './segregationInference';
import { invalid } from '../contract/errors.ts';

export type DrawKind = 'permutation' | 'bootstrap';

/** Draws per chunk: part of the method (results depend on it); small, so progress moves smoothly. */
export const DRAW_CHUNK = 16;

/** What the draws need (plain data: crosses to pool workers). */
export interface DrawInput {
  kind: DrawKind;
  /** group counts and totals of the areas with t > 0 (whole numbers) */
  x: Float64Array;
  t: Float64Array;
  seed: number;
  replications: number;
}

/** Draws evaluated for indices of the registry (their statistics resolved in the worker). */
export interface IndexDrawInput extends DrawInput {
  indices: readonly SegregationIndexKey[];
  atkinsonB: number;
}

/** The statistic of an index of `SEGREGATION_INDICES` (those with a permutation test). */
export function indexStatistic(key: SegregationIndexKey, atkinsonB: number): SegregationStatistic {
  const def = SEGREGATION_INDICES.find((d) => d.key === key);
  if (!def || !('statistic' in def)) throw invalid('index', key);
  return def.statistic({ atkinsonB });
}

/**
 * Chunk `chunk` of the draws: statistic s of draw r goes to out[s·R + r]. Chunk c draws from
 * `chunkSeed(seed, c)`, so the draws do not depend on how chunks are shared out.
 */
export function drawChunk(inp: DrawInput, stats: readonly SegregationStatistic[], chunk: number, out: Float64Array): void {
  const R = inp.replications, n = inp.x.length;
  const count = chunkLength(R, DRAW_CHUNK, chunk);
  const rng = createRng(chunkSeed(inp.seed, chunk));
  const xs = new Float64Array(n);
  let X = 0, T = 0;
  for (let i = 0; i < n; i++) {
    X += inp.x[i];
    T += inp.t[i];
  }
  for (let q = 0; q < count; q++) {
    if (inp.kind === 'permutation') {
      let remT = T, remX = X;
      for (let i = 0; i < n; i++) {
        const d = hypergeometric(rng, remT, remX, inp.t[i]);
        xs[i] = d;
        remT -= inp.t[i];
        remX -= d;
      }
    } else for (let i = 0; i < n; i++) xs[i] = binomial(rng, inp.t[i], inp.x[i] / inp.t[i]);
    const r = chunk * DRAW_CHUNK + q;
    for (let s = 0; s < stats.length; s++) out[s * R + r] = stats[s](xs, inp.t);
  }
}

/** The draws as a chunk kernel for the given statistics (functions: runs in this thread). */
export function drawKernel(stats: readonly SegregationStatistic[]): ChunkKernel<DrawInput, Float64Array> {
  return {
    chunks: (inp) => chunkCount(inp.replications, DRAW_CHUNK),
    init: (inp) => new Float64Array(inp.replications * stats.length),
    run: (inp, chunk, out) => drawChunk(inp, stats, chunk, out),
    merge: addInto,
  };
}

/** The draws for registry indices (the pool's kernel: statistics are named, not sent). */
export const SEGREGATION_DRAWS: ChunkKernel<IndexDrawInput, Float64Array> = {
  chunks: (inp) => chunkCount(inp.replications, DRAW_CHUNK),
  init: (inp) => new Float64Array(inp.replications * inp.indices.length),
  run: (inp, chunk, out) => drawChunk(inp, inp.indices.map((k) => indexStatistic(k, inp.atkinsonB)), chunk, out),
  merge: addInto,
  // a draw costs a few steps per area, each statistic a pass over the areas
  work: (inp) => inp.replications * inp.x.length * (8 + 2 * inp.indices.length),
};
