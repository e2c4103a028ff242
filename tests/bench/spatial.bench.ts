/**
 * Spatial kernels (issue 4's absolute targets of 2 000 ms on the 2-core reference machine, and
 * issue 14's ratio): D with 999 permutations on 2 000 areas, LISA with 999 permutations on
 * 10 000 areas, global Moran's I with 999 permutations on the same data against the LISA time
 * (target ≤ 0.25), queen contiguity for 10 000 polygons (jittered grid). Called by run.ts.
 */
import { contiguity } from '../../src/lib/analysis/contiguity';
import type { AreaGeometry } from '../../src/lib/analysis/geometry-rings';
import { localMoran, moranGlobal } from '../../src/lib/analysis/moran';
import { createRng } from '../../src/lib/analysis/random';
import { segregationPermutationTest } from '../../src/lib/analysis/segregationInference';
import { rowStandardize } from '../../src/lib/analysis/weights';
import os from 'node:os';
import { localMoranPrepare, moranGlobalPrepare } from '../../src/lib/analysis/moran';
import { nodeRunner } from '../../src/lib/parallel/node';
import { paired, plainRow, ratioRow, repeats, timeRuns, type BenchRow } from './measure';

/** side × side grid of quadrilaterals with shared, jittered nodes (extra mid-edge vertices for realism). */
export function jitteredGrid(side: number, seed = 1): AreaGeometry[] {
  const rng = createRng(seed);
  const nodes: [number, number][] = [];
  for (let r = 0; r <= side; r++)
    for (let c = 0; c <= side; c++) nodes.push([c * 100 + (rng.next() - 0.5) * 30, r * 100 + (rng.next() - 0.5) * 30]);
  const at = (r: number, c: number) => nodes[r * (side + 1) + c];
  const areas: AreaGeometry[] = [];
  for (let r = 0; r < side; r++)
    for (let c = 0; c < side; c++) {
      const ring = [at(r, c), at(r, c + 1), at(r + 1, c + 1), at(r + 1, c), at(r, c)].map((p) => [p[0], p[1]]);
      areas.push([[ring]]);
    }
  return areas;
}

/** The LISA test data: a 100 × 100 grid, queen weights row-standardised, a west–east trend plus noise. */
export function lisaData(side = 100) {
  const rng = createRng(7);
  const w = rowStandardize(contiguity(jitteredGrid(side, 3), { type: 'queen' }));
  const v = new Float64Array(side * side);
  for (let i = 0; i < v.length; i++) v[i] = (i % side) / side + rng.next();
  return { w, v };
}

export async function benchSpatial(): Promise<BenchRow[]> {
  const n = repeats(3);
  const rng = createRng(7);
  // D with 999 permutations on 2 000 areas (≈ 3 000 persons each)
  const nA = 2000;
  const t = new Float64Array(nA), x = new Float64Array(nA);
  for (let i = 0; i < nA; i++) {
    t[i] = 1000 + rng.int(4000);
    x[i] = Math.round(t[i] * (0.05 + 0.25 * rng.next()));
  }
  const perm = timeRuns(() => segregationPermutationTest(x, t, { permutations: 999, seed: 1 }), n);

  const grid = jitteredGrid(100, 3);
  const queen = timeRuns(() => contiguity(grid, { type: 'queen' }), n);

  const { w, v } = lisaData();
  const lisa = () => localMoran(v, w, { permutations: 999, seed: 2 });
  const global = () => moranGlobal(v, w, { permutations: 999, seed: 2 });
  lisa(); // warm-up (JIT) for both sides of the pair
  global();
  const moran = await paired(global, lisa, n, 'cpu');

  return [
    plainRow('Segregation D, 999 Permutationen, 2 000 Gebiete', perm, 2000, 'cpu'),
    plainRow('LISA, 999 Permutationen, 10 000 Gebiete', moran.floor, 2000, 'cpu'),
    ratioRow("Globales Moran's I, 999 Permutationen ÷ LISA (gleiche Daten)", moran, { target_ratio: 0.25, clock: 'cpu' }),
    plainRow('Queen-Nachbarschaft, 10 000 Polygone', queen, 2000, 'cpu'),
    ...(await poolRows(v, w, n)),
  ];
}

/**
 * Worker-pool speed-up (Node worker threads, the same dispatcher and kernels as the browser):
 * the permutation work of LISA and of global Moran on all cores against one worker, wall time.
 */
async function poolRows(v: Float64Array, w: ReturnType<typeof lisaData>['w'], n: number): Promise<BenchRow[]> {
  const cores = os.availableParallelism();
  const one = nodeRunner(1, true), all = nodeRunner(cores, true);
  const lisa = localMoranPrepare(v, w, { permutations: 999, seed: 2 }).input;
  const moran = moranGlobalPrepare(v, w, { permutations: 9999, seed: 2 }).nullInput;
  try {
    // warm-up: start the workers and compile the kernels in each
    await Promise.all([one.run('lisa', lisa), all.run('lisa', lisa)]);
    const l = await paired(() => all.run('lisa', lisa), () => one.run('lisa', lisa), n);
    const m = await paired(() => all.run('moranNull', moran), () => one.run('moranNull', moran), n);
    const note = `${cores} Kerne; Verhältnis = Zeit mit ${cores} Workern ÷ Zeit mit 1 Worker (Beschleunigung = 1/Verhältnis)`;
    return [
      ratioRow(`LISA 999 Permutationen, 10 000 Gebiete: ${cores} Worker ÷ 1 Worker`, l, { target_ratio: 1 / Math.min(cores, 2) + 0.1, note }),
      ratioRow(`Globales Moran 9 999 Permutationen, 10 000 Gebiete: ${cores} Worker ÷ 1 Worker`, m, { target_ratio: 1 / Math.min(cores, 2) + 0.1, note }),
    ];
  } finally {
    one.close();
    all.close();
  }
}
