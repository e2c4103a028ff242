/**
 * Benchmarks for issue 3 (called by the bench runner; not a timed test):
 * full recomputation of the Sozialindex for 10 000 areas × 20 indicators × 10 years (rates,
 * standardisation against a base year, scores, ranks, classes, status/dynamics, rank changes;
 * target 100 ms) and 10 000 Monte Carlo weight runs over 1 000 areas × 10 indicators (target 2 000 ms).
 */
import { changePoints, rate } from '../../src/lib/analysis/indicators';
import { statusDynamics } from '../../src/lib/analysis/presets';
import { createRng } from '../../src/lib/analysis/prng';
import { monteCarloWeights } from '../../src/lib/analysis/robustness';
import { computeIndex } from '../../src/lib/analysis/sozialindex';
import { indexByYear, rankChanges } from '../../src/lib/analysis/timeseries';
import { plainRow, repeats, timeRuns, type BenchRow } from './measure';

function synthetic(n: number, k: number, years: number, seed: number) {
  const rng = createRng(seed);
  const pop = Float64Array.from({ length: n }, () => 150 + Math.floor(rng.next() * 8000));
  const level = Float64Array.from({ length: n }, () => rng.normal());
  const num: Float64Array[][] = [], den: Float64Array[][] = [];
  for (let t = 0; t < years; t++) {
    num.push([]); den.push([]);
    for (let j = 0; j < k; j++) {
      const d = Float64Array.from(pop, (p) => Math.round(p * (0.5 + 0.02 * j)));
      den[t].push(d);
      num[t].push(Float64Array.from(d, (v, i) => Math.round(v * Math.min(0.9, Math.max(0, 0.1 + 0.04 * level[i] + 0.02 * rng.normal() + 0.002 * t)))));
    }
  }
  return { ids: Array.from({ length: n }, (_, i) => String(i)), pop, num, den };
}

/** The Monte Carlo robustness input: 1 000 areas × 10 indicators. */
export function robustnessBase() {
  const m = 1_000, km = 10;
  const small = synthetic(m, km, 1, 5);
  return computeIndex({ ids: small.ids, values: small.num[0].map((x, j) => rate(x, small.den[0][j])), population: small.pop });
}

export async function benchIndex(): Promise<BenchRow[]> {
  const n = 10_000, k = 20, Y = 10;
  const d = synthetic(n, k, Y, 3);
  const polarity = Array.from({ length: k }, (_, j) => (j % 5 === 4 ? -1 : 1));
  const full = timeRuns(() => {
    const rates = d.num.map((yr, t) => yr.map((x, j) => rate(x, d.den[t][j], 100)));
    const ts = indexByYear(d.ids, rates.map((values, t) => ({ year: 2015 + t, values, population: d.pop })), { polarity }, { mode: 'base', baseYear: 2015 });
    const last = Y - 1, prev = Y - 3;
    statusDynamics(
      { ids: d.ids, values: rates[last], population: d.pop, polarity },
      { ids: d.ids, values: rates[last].map((r, j) => changePoints(rates[prev][j], r)), population: d.pop, polarity },
    );
    for (let t = 1; t < Y; t++) rankChanges(ts.results[t - 1].rank, ts.results[t].rank);
  }, repeats(5), 1);

  const base = robustnessBase();
  const mc = timeRuns(() => monteCarloWeights(base, { runs: 10_000, concentration: 20, seed: 1 }), repeats(3), 1);

  return [
    plainRow('Sozialindex: Neuberechnung, 10 000 Gebiete × 20 Indikatoren × 10 Jahre', full, 100, 'cpu'),
    plainRow('Sozialindex: 10 000 Monte-Carlo-Gewichtungen, 1 000 Gebiete × 10 Indikatoren', mc, 2000, 'cpu'),
  ];
}
