/** A hand-made Sozialindex run with a two-year time series, for the maps of areas secret at the source. */
import { computeIndex } from '../../src/lib/analysis/sozialindex';
import type { ExclusionCode, IndexRun, TimeSeriesResult } from '../../src/lib/contract';

export const AREA_IDS = ['n', 'm', 'h', 'k'];
export const AREA_NAMES = ['Nord', 'Mitte', 'Hafen', 'Markt'];

/**
 * Nord and Mitte scored; Hafen and Markt without a value. `codes(year)` are the reasons the engine would give
 * (computeIndexRun for the run's 2024, timeSeries per year): the maps read them, they decide nothing.
 */
export function secretRun(codes: (year: string) => (ExclusionCode | null)[]): { run: IndexRun; series: TimeSeriesResult } {
  const values = [Float64Array.from([12.5, 20, NaN, NaN]), Float64Array.from([3, 8, 5, NaN])];
  const base = computeIndex({ ids: AREA_IDS, values, names: ['Kinderarmut', 'SGB II'] }, { minPopulation: 0, breaks: [0] });
  base.excluded = codes('2024');
  const run: IndexRun = { ids: AREA_IDS, names: AREA_NAMES, indicatorNames: ['Kinderarmut', 'SGB II'], year: '2024', preset: 'standard', base, values, population: null, status: null, domains: null };
  const series: TimeSeriesResult = {
    mode: 'each', baseYear: null, years: ['2023', '2024'], score: [base.score, base.score], rank: [base.rank, base.rank], classes: [base.classes, base.classes],
    rankChange: [], excluded: [codes('2023'), codes('2024')],
  };
  return { run, series };
}
