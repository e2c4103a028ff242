/**
 * Benchmarks for issue 4 (targets 2 000 ms each on the 2-core reference machine):
 * D with 999 permutations on 2 000 areas, LISA with 999 permutations on 10 000 areas,
 * queen contiguity for 10 000 polygons (jittered grid). Called by tests/bench/run.ts.
 */
import { contiguity } from '../../src/lib/analysis/contiguity';
import type { AreaGeometry } from '../../src/lib/analysis/geometry-rings';
import { localMoran } from '../../src/lib/analysis/moran';
import { createRng } from '../../src/lib/analysis/random';
import { segregationPermutationTest } from '../../src/lib/analysis/segregationInference';
import { rowStandardize } from '../../src/lib/analysis/weights';

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

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

export async function benchSpatial(): Promise<Array<{ name: string; ms: number; target_ms: number }>> {
  const rng = createRng(7);
  // D with 999 permutations on 2 000 areas (≈ 3 000 persons each)
  const nA = 2000;
  const t = new Float64Array(nA), x = new Float64Array(nA);
  for (let i = 0; i < nA; i++) {
    t[i] = 1000 + rng.int(4000);
    x[i] = Math.round(t[i] * (0.05 + 0.25 * rng.next()));
  }
  const perm = time(() => segregationPermutationTest(x, t, { permutations: 999, seed: 1 }));

  const side = 100;
  const grid = jitteredGrid(side, 3);
  const queen = time(() => contiguity(grid, { type: 'queen' }));

  const w = rowStandardize(queen.value);
  const v = new Float64Array(side * side);
  for (let i = 0; i < v.length; i++) v[i] = (i % side) / side + rng.next();
  const lisa = time(() => localMoran(v, w, { permutations: 999, seed: 2 }));

  return [
    { name: 'segregation D, 999 permutations, 2 000 areas', ms: perm.ms, target_ms: 2000 },
    { name: 'LISA, 999 permutations, 10 000 areas', ms: lisa.ms, target_ms: 2000 },
    { name: 'queen contiguity, 10 000 polygons', ms: queen.ms, target_ms: 2000 },
  ];
}
