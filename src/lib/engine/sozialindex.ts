/**
 * Sozialindex orchestration on the engine (issue 3, METHODS.md §1–2, §6): read the numerator,
 * denominator and population columns of all indicators for every area and year in one SQL query,
 * turn them into rates, and run the index presets. Pure analysis lives in `src/lib/analysis/`;
 * this module only moves data between DuckDB and those kernels and returns plain data.
 */
import type { Engine } from './engine';
import { qi } from '../sql/ident';
import { layerKeyExpr, tableKeyExpr } from '../sql/join';
import { deviations, rate } from '../analysis/indicators';
import { discloseRate, type DisclosureOptions } from '../analysis/disclosure';
import type { IndexInput, IndexOptions } from '../analysis/sozialindex';
import { presetDef, type IndexPreset, type PresetExtra, type PresetOutcome } from '../analysis/presets';
import { appError } from '../contract/errors';
import type { JoinSpecInput } from '../contract/catalog';
import {
  DISCLOSURE_ORDER, REASON_MIN_POPULATION, REASON_NO_DATA, REASON_NO_POPULATION, REASON_POPULATION_SECRET, REASON_SOURCE_SECRET,
  defaultDynamicsFrom, type DynamicsExclusion, type ExclusionCode, type IndexRun, type IndexSettings, type IndexSource, type IndicatorSpec,
  type IndicatorSummary,
} from '../contract/sozialindex';
import type { IndexResult } from '../analysis/sozialindex';


/** Raw sums per area (layer row order) and year: what every later step works on. */
export interface IndexData {
  ids: string[];
  names: string[];
  /** distinct years, ascending (one entry '' for a table without year column) */
  years: string[];
  /** columns[c][y] = values of column c in year y, NaN where missing */
  columns: Record<string, Float64Array[]>;
  /**
   * secret[c][y][area] = 1 where the source kept the value secret („·“ on import: NaN in the table, not
   * NULL); null for a column and year without such a cell. The value itself is NaN (missing for the index).
   */
  secret?: Record<string, (Uint8Array | null)[]>;
}

/** Distinct numeric columns an indicator set needs. */
export function neededColumns(indicators: IndicatorSpec[], population?: string | null): string[] {
  const set = new Set<string>();
  for (const i of indicators) {
    set.add(i.numerator);
    if (i.denominator) set.add(i.denominator);
  }
  if (population) set.add(population);
  return [...set];
}

/**
 * SQL reading the sums of `columns` per layer row and year (duplicates within key and year are
 * pooled by summing, as the map does for rates). One row per layer feature and year.
 */
export function indexDataSql(source: IndexSource, layerKey: string, columns: string[]): string {
  const sums = columns.map((c, q) => `sum(TRY_CAST(${qi(c)} AS DOUBLE)) AS c${q}`).join(', ');
  const picks = columns.map((_, q) => `t.c${q}`).join(', ');
  if (source.table === undefined || source.table === source.layer) {
    return `SELECT rowid AS r, '' AS y, ${columns.map((c, q) => `TRY_CAST(${qi(c)} AS DOUBLE) AS c${q}`).join(', ')} FROM ${qi(source.layer)} ORDER BY rowid`;
  }
  const s = source as JoinSpecInput;
  const y = s.yearColumn ? `CAST(${qi(s.yearColumn)} AS VARCHAR)` : `''`;
  return `WITH t AS (SELECT ${tableKeyExpr(s)} AS k, ${y} AS y, ${sums} FROM ${qi(s.table)} WHERE ${qi(s.key)} IS NOT NULL GROUP BY 1, 2)
SELECT l.rowid AS r, t.y AS y, ${picks} FROM ${qi(s.layer)} AS l LEFT JOIN t ON t.k = ${layerKeyExpr(s, layerKey, 'l')} ORDER BY l.rowid, t.y`;
}

/** Reads all columns of an indicator set for all areas and years in one query. */
export function readIndexData(engine: Engine, source: IndexSource, indicators: IndicatorSpec[]): IndexData {
  const layer = engine.layer(source.layer);
  const columns = neededColumns(indicators, source.population);
  if (columns.length === 0) throw appError('index.noIndicators');
  const src = source.table === undefined ? source.layer : source.table;
  const known = new Set(engine.table(src).columns.map((c) => c.name));
  for (const c of columns) if (!known.has(c)) throw appError('column.missing', { column: c, table: engine.table(src).label });
  const res = engine.duck.query(indexDataSql(source, layer.idColumn, columns));
  const { ids, names } = engine.layerLabels(source.layer);
  const n = ids.length;
  const rCol = res.getChild('r')!, yCol = res.getChild('y')!;
  const rows = res.numRows;
  const yearSet = new Set<string>();
  for (let q = 0; q < rows; q++) { const y = yCol.get(q); if (y !== null && y !== undefined) yearSet.add(String(y)); }
  const years = [...yearSet].sort((a, b) => (Number(a) - Number(b)) || a.localeCompare(b));
  if (years.length === 0) years.push('');
  const yIndex = new Map(years.map((y, i) => [y, i]));
  const out: Record<string, Float64Array[]> = {};
  const secret: Record<string, (Uint8Array | null)[]> = {};
  columns.forEach((c, q) => {
    const per = years.map(() => new Float64Array(n).fill(NaN));
    const flags: (Uint8Array | null)[] = years.map(() => null);
    const col = res.getChild(`c${q}`)!;
    for (let r = 0; r < rows; r++) {
      const y = yCol.get(r);
      if (y === null || y === undefined) continue;
      const v = col.get(r) as number | null;
      const yi = yIndex.get(String(y))!;
      const a = Number(rCol.get(r));
      per[yi][a] = v === null ? NaN : Number(v);
      // NaN (not NULL) is a value the source kept secret; a sum with such a part is NaN as well
      if (v !== null && Number.isNaN(Number(v))) (flags[yi] ??= new Uint8Array(n))[a] = 1;
    }
    out[c] = per;
    if (flags.some(Boolean)) secret[c] = flags;
  });
  return { ids, names, years, columns: out, ...(Object.keys(secret).length ? { secret } : {}) };
}

/** Index of `year` in the data (null or unknown = latest). */
export function yearIndex(data: IndexData, year: string | null | undefined): number {
  const i = year === null || year === undefined ? -1 : data.years.indexOf(year);
  return i >= 0 ? i : data.years.length - 1;
}

/** Indicator values (rates, or plain columns) of one year: the indicator matrix, one array per indicator. */
export function indicatorMatrix(data: IndexData, indicators: IndicatorSpec[], y: number): Float64Array[] {
  return indicators.map((ind) => {
    const num = data.columns[ind.numerator][y];
    return ind.denominator ? rate(num, data.columns[ind.denominator][y], ind.scale ?? 100) : Float64Array.from(num);
  });
}

/** Input and options for {@link computeIndex} of one year. */
export function indexInput(data: IndexData, indicators: IndicatorSpec[], population: string | null | undefined, y: number): IndexInput {
  return {
    ids: data.ids,
    values: indicatorMatrix(data, indicators, y),
    names: indicators.map((i) => i.name),
    population: population ? data.columns[population][y] : undefined,
    weights: indicators.map((i) => i.weight ?? 1),
    polarity: indicators.map((i) => i.polarity ?? 1),
  };
}

export function indexOptions(s: IndexSettings, hasPopulation: boolean): IndexOptions {
  return {
    standardization: s.standardization, sd: s.sd, minPopulation: hasPopulation ? s.minPopulation : 0,
    outliers: s.outliers, classMethod: s.classMethod, breaks: s.breaks,
  };
}


/** Runs a preset of the registry (`PRESETS` in analysis/presets.ts) on an index input. */
export function runPreset(preset: IndexPreset, input: IndexInput, options: IndexOptions, extra: PresetExtra = {}): PresetOutcome {
  return presetDef(preset).run(input, options, extra);
}

/** Year index of the dynamics start for settings `s` with the levels in year index `y`. */
export function dynamicsFromIndex(data: IndexData, s: IndexSettings, y: number): number {
  const from = s.dynamicsFrom ?? defaultDynamicsFrom(data.years, data.years[y], s.dynamicsPeriod);
  const f = from === null ? -1 : data.years.indexOf(from);
  if (f < 0 || f >= y) throw appError('index.dynamicsFromInvalid', { from: from ?? '', to: data.years[y] ?? '' });
  return f;
}

/**
 * 1 per area where a numerator or denominator of an indicator in year index `y` was kept secret by the
 * source (the cells `indicatorSummaries` marks `source`); null when there is none.
 */
export function sourceSecretOf(data: IndexData, indicators: IndicatorSpec[], y: number): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (const ind of indicators) {
    for (const c of [ind.numerator, ind.denominator]) {
      const f = c ? data.secret?.[c]?.[y] : null;
      if (f) f.forEach((v, i) => { if (v) (out ??= new Uint8Array(f.length))[i] = 1; });
    }
  }
  return out;
}

/** 1 per area where the population column in year index `y` was kept secret by the source; null when none was. */
export function populationSecretOf(data: IndexData, population: string | null | undefined, y: number): Uint8Array | null {
  return (population && data.secret?.[population]?.[y]) || null;
}

/**
 * Why each area is left out, the one rule for the app, the report, the exports and the CLI (the maps read it
 * from the run too): the index's own code, with the real reason where a value is missing because the source
 * kept it secret („·“ in the file) — an indicator value „· geheim (Quelle)“ (`sourceSecret`), the population
 * „EW · geheim (Quelle)“ (`populationSecret`, where „EW fehlt“ would be said) — and „keine Daten“ for an area
 * without any value. An area under the minimum population keeps „EW unter …“ (out whatever its values); a
 * scored outlier keeps „Ausreißer“.
 */
export function exclusionCodes(
  base: IndexResult, values: Float64Array[], pop: ArrayLike<number> | undefined, secret: Uint8Array | null, popSecret: Uint8Array | null,
): (ExclusionCode | null)[] {
  return base.excluded.map((e, i) => {
    if (e === null) return null;
    // a (scored) outlier has a score only without a secret
    if (secret?.[i] && e !== REASON_MIN_POPULATION) return REASON_SOURCE_SECRET;
    if (e === REASON_MIN_POPULATION || !Number.isNaN(base.score[i])) return e;
    const noPop = !!pop && Number.isNaN(pop[i]);
    if (noPop && popSecret?.[i]) return REASON_POPULATION_SECRET;
    if (values.every((v) => Number.isNaN(v[i])) && (!pop || noPop)) return REASON_NO_DATA;
    return noPop ? REASON_NO_POPULATION : e;
  });
}

/**
 * Why an area with a status class has no dynamics class: a value of the start year (index `f`) kept secret
 * by the source („Startwert · geheim (Quelle)“) or missing („Startwert fehlt“); null elsewhere.
 */
export function dynamicsExclusions(data: IndexData, indicators: IndicatorSpec[], f: number, statusClass: Int32Array, dynamicsClass: Int32Array): (DynamicsExclusion | null)[] {
  const secret = sourceSecretOf(data, indicators, f);
  return Array.from(statusClass, (s, i) => (s > 0 && !dynamicsClass[i] ? (secret?.[i] ? 'startSecret' : 'startMissing') : null));
}

/** The index of one configuration on read data. */
export function computeIndexRun(data: IndexData, indicators: IndicatorSpec[], population: string | null | undefined, s: IndexSettings): IndexRun {
  if (indicators.length === 0) throw appError('index.noIndicators');
  const y = yearIndex(data, s.year);
  const input = indexInput(data, indicators, population, y);
  const options = indexOptions(s, !!population);
  let before: Float64Array[] | undefined, f = -1;
  if (presetDef(s.preset).needsYears) {
    f = dynamicsFromIndex(data, s, y);
    before = indicatorMatrix(data, indicators, f);
  }
  const r = runPreset(s.preset, input, options, { before, dynamicsBreaks: s.dynamicsBreaks, domains: indicators.map((i) => i.lebensbereich || 'Gesamt') });
  const popSecret = populationSecretOf(data, population, y);
  r.base.excluded = exclusionCodes(r.base, input.values, input.population, sourceSecretOf(data, indicators, y), popSecret);
  const st = r.status;
  return {
    ids: data.ids, names: data.names, indicatorNames: input.names!, year: data.years[y], preset: s.preset,
    base: r.base, values: input.values, population: population ? Float64Array.from(input.population!) : null,
    ...(popSecret ? { populationSource: Uint8Array.from(popSecret) } : {}),
    status: st ? {
      from: data.years[f], dynamicsScore: st.dynamics.score, dynamicsZ: st.dynamics.scoreZ, dynamicsClass: st.dynamicsClass, group: st.group, dz: st.dynamics.z,
      dynamicsExcluded: dynamicsExclusions(data, indicators, f, r.base.classes, st.dynamicsClass),
    } : null,
    domains: r.domains,
  };
}


/** Histogram over the values that may be shown (disclosure ok or zero), so it reveals no hidden cell. */
function histogram(v: Float64Array, code: Uint8Array, bins = 12): { min: number; max: number; counts: number[] } {
  const shown = (i: number) => Number.isFinite(v[i]) && code[i] <= 1;
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < v.length; i++) if (shown(i)) { if (v[i] < min) min = v[i]; if (v[i] > max) max = v[i]; }
  const counts = new Array(bins).fill(0);
  if (!Number.isFinite(min)) return { min: NaN, max: NaN, counts };
  const w = max > min ? (max - min) / bins : 1;
  for (let i = 0; i < v.length; i++) if (shown(i)) counts[Math.min(bins - 1, Math.floor((v[i] - min) / w))]++;
  return { min, max, counts };
}

/** Summaries of all indicators for every year (disclosure control applied per area, METHODS §6). */
export function indicatorSummaries(data: IndexData, indicators: IndicatorSpec[], disclosure: DisclosureOptions): IndicatorSummary[] {
  return indicators.map((ind) => ({
    name: ind.name,
    years: data.years.map((year, y) => {
      const num = data.columns[ind.numerator][y];
      const den = ind.denominator ? data.columns[ind.denominator][y] : null;
      const ref = ind.reference ?? undefined;
      const dev = den
        ? deviations(num, den, ind.scale ?? 100, { reference: ref })
        : deviations(num, Float64Array.from(num, () => 1), 1, { meanKind: 'unweighted', reference: ref });
      const values = den ? rate(num, den, ind.scale ?? 100) : Float64Array.from(num);
      const code = new Uint8Array(values.length);
      const sn = data.secret?.[ind.numerator]?.[y];
      const sd = ind.denominator ? data.secret?.[ind.denominator]?.[y] : null;
      let source: Uint8Array | null = null;
      for (let i = 0; i < values.length; i++) {
        // kept secret by the source: secret (·) with the reason, never „x“ (QA-18)
        const src = sn?.[i] || sd?.[i];
        if (src) (source ??= new Uint8Array(values.length))[i] = 1;
        const st = src ? 'secret' : den ? discloseRate(num[i], den[i], disclosure).status : Number.isNaN(num[i]) ? 'missing' : 'ok';
        code[i] = DISCLOSURE_ORDER.indexOf(st);
      }
      return { year, values, disclosure: code, ...(source ? { source } : {}), mean: dev.mean, fromMean: dev.fromMean, fromReference: dev.fromReference, hist: histogram(values, code) };
    }),
  }));
}
