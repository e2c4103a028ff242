/** The Sozialindex over the years (METHODS.md §2): each year on its own or against a base year. */
import { indexByYear, rankChanges } from '../analysis/timeseries';
import type { IndexSettings, IndicatorSpec, TimeSeriesResult } from '../contract/sozialindex';
import { exclusionCodes, indexInput, indexOptions, populationSecretOf, sourceSecretOf, type IndexData } from './sozialindex';

/** The weighted index per year: standardised within each year, or against a base year's references. */
export function timeSeries(
  data: IndexData, indicators: IndicatorSpec[], population: string | null | undefined, s: IndexSettings,
  mode: 'each' | 'base', baseYear: string | null,
): TimeSeriesResult {
  const years = data.years.map((year, y) => {
    const inp = indexInput(data, indicators, population, y);
    return { year: y, values: inp.values, population: inp.population };
  });
  const first = indexInput(data, indicators, population, 0);
  const b = baseYear !== null && data.years.includes(baseYear) ? data.years.indexOf(baseYear) : 0;
  const ts = indexByYear(data.ids, years, { names: first.names, weights: first.weights, polarity: first.polarity }, { ...indexOptions(s, !!population), mode, baseYear: b });
  return {
    mode, baseYear: mode === 'base' ? data.years[b] : null, years: data.years,
    score: ts.results.map((r) => r.score), rank: ts.results.map((r) => r.rank), classes: ts.results.map((r) => r.classes),
    rankChange: ts.results.map((r, q) => (q === 0 ? new Float64Array(r.rank.length).fill(NaN) : rankChanges(ts.results[q - 1].rank, r.rank))),
    // each year's reasons by the run's rule, with that year's secrets (an indicator value or the population „·“)
    excluded: ts.results.map((r, q) => exclusionCodes(r, years[q].values, years[q].population, sourceSecretOf(data, indicators, q), populationSecretOf(data, population, q))),
  };
}
