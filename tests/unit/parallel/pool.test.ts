import { afterAll, describe, expect, test } from 'vitest';
import { contiguity } from '../../../src/lib/analysis/contiguity';
import { localMoranFinish, localMoranPrepare, localMoran, moranGlobal, moranGlobalFinish, moranGlobalPrepare } from '../../../src/lib/analysis/moran';
import { CancelledError } from '../../../src/lib/analysis/progress';
import { createRng } from '../../../src/lib/analysis/random';
import { rowStandardize } from '../../../src/lib/analysis/weights';
import { nodeRunner } from '../../../src/lib/parallel/node';
import { inlineRunner } from '../../../src/lib/parallel/pool';
import { KERNELS } from '../../../src/lib/parallel/kernels';
import { jitteredGrid } from '../../bench/spatial.bench';
import { chunkSteps } from '../../../src/lib/analysis/chunks';
import { runSteps } from '../../../src/lib/analysis/progress';
import { indexInference, segregationBootstrap, segregationPermutationTest } from '../../../src/lib/analysis/segregationInference';
import { atkinson } from '../../../src/lib/analysis/segregation';
import { MONTE_CARLO, monteCarloFinish, monteCarloPrepare, monteCarloWeights } from '../../../src/lib/analysis/robustness';
import { robustnessBase } from '../../bench/index.bench';

describe('worker pool (Node worker threads)', () => {
  const pool = nodeRunner(3, true);
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

  test('segregation: shared draws for all indices equal each index tested alone, on any number of workers', async () => {
    const r2 = createRng(8);
    const t = Array.from({ length: 300 }, () => 200 + r2.int(3000));
    const x = t.map((v, i) => Math.round(v * (0.05 + (i % 10) * 0.03)));
    const inf = indexInference(x, t, ['dissimilarity', 'atkinson'], { atkinsonB: 0.5, permutations: 200, seed: 3 });
    const nul = await pool.run('segregation', inf.permutation);
    const reps = await pool.run('segregation', inf.bootstrap);
    expect(Array.from(nul)).toEqual(Array.from(runSteps(chunkSteps(KERNELS.segregation, inf.permutation))));
    const [d, a] = inf.results(nul, reps);
    const alone = segregationPermutationTest(x, t, { permutations: 200, seed: 3 });
    expect(Array.from(d.permutation.null)).toEqual(Array.from(alone.null));
    expect(d.permutation.pValue).toBe(alone.pValue);
    const atk = segregationBootstrap(x, t, { permutations: 200, seed: 4, statistic: (xs, ts) => atkinson(xs, ts, 0.5) });
    expect(a.bootstrap.ci).toEqual(atk.ci);
  });

  test('Monte Carlo robustness: the same rank intervals and class shares on 3 workers', async () => {
    const base = robustnessBase();
    const opts = { runs: 500, concentration: 20, seed: 9 };
    const p = monteCarloPrepare(base, opts);
    const viaPool = monteCarloFinish(p, await pool.run('monteCarlo', p.input));
    const here = monteCarloWeights(base, opts);
    expect(Array.from(viaPool.rankLow)).toEqual(Array.from(here.rankLow));
    expect(Array.from(viaPool.rankHigh)).toEqual(Array.from(here.rankHigh));
    expect(viaPool.classProb.map((c) => Array.from(c))).toEqual(here.classProb.map((c) => Array.from(c)));
    expect(MONTE_CARLO.chunks(p.input)).toBe(8);
  });

  test('the CSV byte scan as a pool job equals the scan here; `aside` says no while the workers are busy', async () => {
    const { scanCsv } = await import('../../../src/lib/ingest/csvScan');
    const bytes = new TextEncoder().encode('a;b\n' + Array.from({ length: 5000 }, (_, i) => `${i};x${i % 7}`).join('\n') + '\n;;\n');
    const opts = { start: 0, skipRecords: 1, footerRecords: 1, expectedFields: 2, chunkBytes: 4096 };
    const g = moranGlobalPrepare(x, w, { permutations: 999, seed: 5 });
    expect(pool.aside?.(1)).toBe(true);
    const busy = pool.run('moranNull', g.nullInput);
    expect(pool.aside?.(1)).toBe(false);
    const scanned = await pool.run('csvScan', { bytes, delimiter: ';', opts });
    await busy;
    await new Promise((r) => setTimeout(r, 0));
    expect(pool.aside?.(1)).toBe(true);
    expect(scanned.result).toEqual(scanCsv(bytes, ';', opts));
    expect(inlineRunner().aside?.(1e12) ?? false).toBe(false);
  });
});
