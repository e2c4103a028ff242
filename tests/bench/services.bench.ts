/**
 * Benchmarks for issue 11 (Angebote & Bedarfe): E2SFCA with 100 000 demand points × 2 000
 * services and a 1 500 m catchment (target < 1 s, the kernels the worker runs), the same through
 * the engine call with its tables in DuckDB, and shortest paths over a 200 000-edge path network
 * from 2 000 services (target < 2 s): one multi-source search and the bounded searches that give
 * every demand → service cost within 1 500 m. Called by tests/bench/run.ts.
 */
import { straightLinePairs } from '../../src/lib/analysis/costPairs';
import { floatingCatchment } from '../../src/lib/analysis/floatingCatchment';
import { stepsForCatchment } from '../../src/lib/analysis/catchmentWeights';
import { buildNetwork, nearestOnNetwork, networkPairs, snapToNetwork } from '../../src/lib/analysis/pathNetwork';
import { createRng } from '../../src/lib/analysis/random';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { accessAnalysis } from '../../src/lib/engine/services-access';

/** Wall time and this process's CPU time (the machine is shared: CPU time shows the work itself). */
function time<T>(f: () => T): { ms: number; cpu: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, cpu: process.cpuUsage(c0).user / 1000, value };
}
const cpu = (t: { cpu: number }) => ` [CPU ${t.cpu.toFixed(0)} ms]`;

/** n random points in a w × h metre box around E 390 000 / N 5 700 000 (EPSG:25832). */
function points(n: number, w: number, h: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = createRng(seed);
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 390000 + rng.next() * w;
    y[i] = 5700000 + rng.next() * h;
  }
  return { x, y };
}

export async function benchServices(): Promise<Array<{ name: string; ms: number; target_ms?: number }>> {
  const W = 20000, H = 10000; // ≈ Musterstadt's 200 km²
  const d = points(100_000, W, H, 1), s = points(2000, W, H, 2);
  const rng = createRng(3);
  const pop = Float64Array.from({ length: 100_000 }, () => 1 + rng.int(20));
  const cap = Float64Array.from({ length: 2000 }, () => 20 + rng.int(100));
  const weights = { kind: 'step' as const, steps: stepsForCatchment(1500) };
  const kernel = time(() => {
    const pairs = straightLinePairs(d.x, d.y, s.x, s.y, 1500, 1);
    return { pairs, r: floatingCatchment({ method: 'e2sfca', pairs, population: pop, supply: cap, weights }) };
  });

  // issue 14: is accessibility heavy enough for the worker pool? 10 000 areas × 1 000 services
  // (area centroids in the same 200 km²), with a 1 500 m and a 5 000 m catchment and all pairs
  const areas = points(10_000, W, H, 6), services = points(1000, W, H, 7);
  const areaPop = Float64Array.from({ length: 10_000 }, () => 100 + rng.int(2000));
  const access = (maxCost: number, w: Parameters<typeof floatingCatchment>[0]['weights']) =>
    time(() => {
      const pairs = straightLinePairs(areas.x, areas.y, services.x, services.y, maxCost, 1);
      floatingCatchment({ method: 'e2sfca', pairs, population: areaPop, supply: cap.subarray(0, 1000), weights: w });
      return pairs.cost.length;
    });
  const small = [
    access(1500, weights),
    access(5000, { kind: 'step', steps: stepsForCatchment(5000) }),
    access(Infinity, { kind: 'gravity', scale: 1000, alpha: -1.5, minCost: 100 }),
  ];

  // the same through the engine (tables in DuckDB, read, projected, paired, computed)
  const engine = new Engine(await createNodeDuck());
  const csv = (rows: string[]) => new TextEncoder().encode(rows.join('\n'));
  const dem = await engine.importFile({ name: 'nachfrage.csv', bytes: csv(['ID;EW;RW;HW', ...Array.from(pop, (p, i) => `${i};${p};${d.x[i].toFixed(1)};${d.y[i].toFixed(1)}`)]) });
  const sup = await engine.importFile({ name: 'angebote.csv', bytes: csv(['ID;PLAETZE;RW;HW', ...Array.from(cap, (c, j) => `S${j};${c};${s.x[j].toFixed(1)};${s.y[j].toFixed(1)}`)]) });
  const req = {
    demand: { kind: 'points' as const, population: 'EW', points: { table: dem.name, id: 'ID', x: 'RW', y: 'HW' } },
    supply: { table: sup.name, id: 'ID', capacity: 'PLAETZE', x: 'RW', y: 'HW' },
    cost: { kind: 'euclidean' as const, detour: 1 }, method: 'e2sfca' as const, maxCost: 1500, weights,
  };
  const cold = time(() => accessAnalysis(engine, req));
  const warm = time(() => accessAnalysis(engine, { ...req, maxCost: 1499.9 }));

  // a 317 × 317 street lattice, 50 m blocks: 2 · 317 · 316 = 200 344 edges
  const side = 317;
  const lines: number[][][] = [];
  for (let k = 0; k < side; k++) {
    lines.push(Array.from({ length: side }, (_, i) => [390000 + i * 50, 5700000 + k * 50]));
    lines.push(Array.from({ length: side }, (_, i) => [390000 + k * 50, 5700000 + i * 50]));
  }
  const build = time(() => buildNetwork(lines));
  const net = build.value;
  const span = (side - 1) * 50;
  const sp = points(2000, span, span, 4), hp = points(100_000, span, span, 5);
  const snapS = snapToNetwork(net, sp.x, sp.y, 500);
  const snapH = snapToNetwork(net, hp.x, hp.y, 500);
  const nearest = time(() => nearestOnNetwork(net, snapS));
  const pairs = time(() => networkPairs(net, snapH, snapS, 1500));
  return [
    { name: `E2SFCA kernels, 100 000 × 2 000, 1 500 m (${(kernel.value.pairs.supply.length / 1e6).toFixed(1)} Mio. Paare)${cpu(kernel)}`, ms: kernel.ms, target_ms: 1000 },
    { name: `E2SFCA engine call incl. reading/projecting, first run${cpu(cold)}`, ms: cold.ms },
    { name: `E2SFCA engine call, points cached${cpu(warm)}`, ms: warm.ms, target_ms: 1000 },
    ...small.map((t, k) => ({
      name: `E2SFCA kernels, 10 000 Gebiete × 1 000 Angebote, ${['1 500 m', '5 000 m', 'alle Paare, Gravitation'][k]} (${(t.value / 1e6).toFixed(1)} Mio. Paare)${cpu(t)}`,
      ms: t.ms,
    })),
    { name: `path network build, ${net.edges} edges${cpu(build)}`, ms: build.ms },
    { name: `shortest paths, multi-source from 2 000 services${cpu(nearest)}`, ms: nearest.ms, target_ms: 2000 },
    { name: `shortest paths, 2 000 bounded searches ≤ 1 500 m (${(pairs.value.supply.length / 1e6).toFixed(1)} Mio. Paare)${cpu(pairs)}`, ms: pairs.ms, target_ms: 2000 },
  ];
}
