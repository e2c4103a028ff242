import { afterAll, describe, expect, test } from 'vitest';
import { contiguity } from '../../../src/lib/analysis/contiguity';
import { localMoranFinish, localMoranPrepare, localMoran, moranGlobal, moranGlobalFinish, moranGlobalPrepare } from '../../../src/lib/analysis/moran';
import { CancelledError } from '../../../src/lib/analysis/progress';
import { createRng } from '../../../src/lib/analysis/random';
import { rowStandardize } from '../../../src/lib/analysis/weights';
import { nodeRunner } from '../../../src/lib/parallel/node';
import { inlineRunner } from '../../../src/lib/parallel/pool';
import { jitteredGrid } from '../../bench/spatial.bench';

describe('worker pool (Node worker threads)', () => {
  const pool = nodeRunner(3);
  afterAll(() => pool.close());
  const w = rowStandardize(contiguity(jitteredGrid(30, 2), { type: 'queen' }));
  const rng = createRng(3);
  const x = Array.from({ length: 900 }, (_, i) => Math.floor(i / 30) / 30 + rng.next());

  test('global Moran and LISA: the same numbers on 3 workers as in one thread', async () => {
    const opts = { permutations: 999, seed: 21 };
    const g = moranGlobalPrepare(x, w, opts);
    const progress: number[] = [];
    const viaPool = moranGlobalFinish(g, await pool.run('moranNull', g.nullInput, { onProgress: (f) => progress.push(f) }));
    const here = moranGlobal(x, w, opts);
    expect(Array.from(viaPool.null)).toEqual(Array.from(here.null));
    expect(viaPool.pSim).toBe(here.pSim);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThanOrEqual(16);

    const l = localMoranPrepare(x, w, opts);
    const lisa = localMoranFinish(l, await pool.run('lisa', l.input), opts);
    expect(Array.from(lisa.pSim)).toEqual(Array.from(localMoran(x, w, opts).pSim));
    const inline = localMoranFinish(l, await inlineRunner().run('lisa', l.input), opts);
    expect(Array.from(inline.pSim)).toEqual(Array.from(lisa.pSim));
  });

  test('cancel stops the job between chunks; the pool keeps working afterwards', async () => {
    const g = moranGlobalPrepare(x, w, { permutations: 9999, seed: 1 });
    let calls = 0;
    await expect(pool.run('moranNull', g.nullInput, { isCancelled: () => ++calls > 3 })).rejects.toBeInstanceOf(CancelledError);
    const again = await pool.run('moranNull', moranGlobalPrepare(x, w, { permutations: 99, seed: 1 }).nullInput);
    expect(again.length).toBe(99);
  });

  test('a kernel error arrives as an error', async () => {
    const g = moranGlobalPrepare(x, w, { permutations: 99, seed: 1 });
    const broken = { ...g.nullInput, z: new Float64Array(3_000_000) };
    await expect(pool.run('moranNull', broken)).rejects.toThrow('invalid n');
  });
});
