/**
 * Shared pieces of `npm run bench`: the row format of bench-results/bench.json and repeated
 * measurement. The machine is shared and loaded, so every figure that has a floor or peer is
 * measured in the same run, interleaved with it, and reported as a ratio; each is repeated and
 * the spread (min–max) is kept next to the median.
 */

/** One line of bench-results/bench.json. `ratio` = ms / (floor_ms ?? native_ms). */
export interface BenchRow {
  name: string;
  /** median over the repeats */
  ms: number;
  /** the floor in the same run (what the app cannot beat: the engine alone, the wasm compile, the local statistic) */
  floor_ms?: number;
  /** native DuckDB on the same bytes in the same run */
  native_ms?: number;
  ratio?: number | null;
  /** the target for `ratio` (at most) */
  target_ratio?: number;
  /** absolute target where there is no floor (older issues' targets on the reference machine) */
  target_ms?: number;
  /** min and max of `ms` over the repeats */
  spread?: [number, number];
  /** min and max of the floor/peer over the repeats */
  floor_spread?: [number, number];
  /** ratio per repeat (each from one interleaved pair) */
  ratios?: number[];
  repeats?: number;
  /** `cpu` when timed by this process's CPU time (single-threaded kernels), else wall time */
  clock?: Clock;
  note?: string;
}

export interface Sample {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function summarise(runs: number[]): Sample {
  const s = [...runs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], runs };
}

/**
 * Which clock: `wall` (elapsed) or `cpu` (this process's CPU time). Single-threaded kernels are
 * timed by CPU time, which waiting for a core on a loaded machine does not inflate; anything
 * with workers, I/O or a browser by wall time.
 */
export type Clock = 'wall' | 'cpu';

const now = (clock: Clock): number => {
  if (clock === 'wall') return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** `n` timed runs of a synchronous kernel, after `warmup` untimed ones (JIT). */
export function timeRuns(f: () => unknown, n: number, warmup = 0, clock: Clock = 'cpu'): Sample {
  for (let w = 0; w < warmup; w++) f();
  const runs: number[] = [];
  for (let r = 0; r < n; r++) {
    const t0 = now(clock);
    f();
    runs.push(now(clock) - t0);
  }
  return summarise(runs);
}

export async function timeIt(f: () => unknown, clock: Clock = 'wall'): Promise<number> {
  const t0 = now(clock);
  await f();
  return now(clock) - t0;
}

/**
 * Measures `app` and its `floor` `repeats` times, interleaved (floor, app, floor, app …) so that
 * load from other processes hits both alike. Returns both samples and the per-pair ratios.
 */
export function paired(app: () => unknown, floor: () => unknown, repeats: number, clock: Clock = 'wall'): Promise<Paired> {
  return pairedTimed(() => timeIt(app, clock), () => timeIt(floor, clock), repeats);
}

export interface Paired {
  app: Sample;
  floor: Sample;
  ratios: number[];
}

/** Like `paired`, for measurements that time themselves (return their own milliseconds). */
export async function pairedTimed(app: () => Promise<number>, floor: () => Promise<number>, repeats: number): Promise<Paired> {
  const a: number[] = [];
  const f: number[] = [];
  for (let r = 0; r < repeats; r++) {
    f.push(await floor());
    a.push(await app());
  }
  return { app: summarise(a), floor: summarise(f), ratios: a.map((x, i) => x / f[i]) };
}

/**
 * Like `paired`, timing each run by wall time and by this process's CPU time at once (all its
 * threads: the engine, pool workers, DuckDB). With every core busy, wall time follows CPU time.
 */
export async function pairedClocks(app: () => unknown, floor: () => unknown, repeats: number): Promise<{ wall: Paired; cpu: Paired }> {
  const runs = { app: { wall: [] as number[], cpu: [] as number[] }, floor: { wall: [] as number[], cpu: [] as number[] } };
  const timed = async (f: () => unknown, into: { wall: number[]; cpu: number[] }) => {
    const w = now('wall');
    const c = now('cpu');
    await f();
    into.cpu.push(now('cpu') - c);
    into.wall.push(now('wall') - w);
  };
  for (let r = 0; r < repeats; r++) {
    await timed(floor, runs.floor);
    await timed(app, runs.app);
  }
  const pair = (k: 'wall' | 'cpu'): Paired => ({
    app: summarise(runs.app[k]), floor: summarise(runs.floor[k]), ratios: runs.app[k].map((x, i) => x / runs.floor[k][i]),
  });
  return { wall: pair('wall'), cpu: pair('cpu') };
}

const round = (x: number): number => Math.round(x * 10) / 10;

/** A row comparing `app` with its floor (or native peer) measured in the same run. */
export function ratioRow(
  name: string,
  m: Paired,
  opts: { peer?: 'floor' | 'native'; target_ratio?: number; note?: string; clock?: Clock } = {},
): BenchRow {
  const key = opts.peer === 'native' ? 'native_ms' : 'floor_ms';
  return {
    name,
    ms: round(m.app.median),
    [key]: round(m.floor.median),
    ratio: Math.round((m.app.median / m.floor.median) * 100) / 100,
    target_ratio: opts.target_ratio,
    spread: [round(m.app.min), round(m.app.max)],
    floor_spread: [round(m.floor.min), round(m.floor.max)],
    ratios: m.ratios.map((r) => Math.round(r * 100) / 100),
    repeats: m.app.runs.length,
    clock: opts.clock,
    note: opts.note,
  };
}

/** A row without a floor (absolute figure, optionally with an absolute target). */
export function plainRow(name: string, s: Sample, target_ms?: number, clock?: Clock): BenchRow {
  return { name, ms: round(s.median), ratio: null, target_ms, spread: [round(s.min), round(s.max)], repeats: s.runs.length, clock };
}

/** Number of repeats: BENCH_REPEATS or the given default. */
export function repeats(def: number): number {
  const r = Number(process.env.BENCH_REPEATS);
  return Number.isInteger(r) && r > 0 ? r : def;
}
