/**
 * `npm run cli -- index --data FILE [--layer GEOFILE] --config CONFIG.json` — the Sozialindex
 * (METHODS.md §1–2) with the same pure engine as the workbench. Prints
 * `{ areas: [{ id, score, rank, class, excluded, z: { <indicator>: value } }], method }` plus,
 * when configured, status/dynamics fields, types (k-means/Ward), robustness and the index per
 * year. The config format is documented in docs/index-config.md.
 */
import { readFile } from 'node:fs/promises';
import { changePoints, municipalRate, rate } from '../../lib/analysis/indicators';
import { decileRanking, DYNAMICS_LABELS, pcaDomains, STATUS_LABELS, statusDynamics, zSumIndex } from '../../lib/analysis/presets';
import { computeIndex, type IndexInput, type IndexOptions, type IndexResult } from '../../lib/analysis/sozialindex';
import { chooseK, cutTree, kmeans, typeProfiles, ward } from '../../lib/analysis/cluster';
import { robustness } from '../../lib/analysis/robustness';
import { DEFAULT_DISCLOSURE, discloseRate, type DisclosureOptions } from '../../lib/analysis/disclosure';
import { indexByYear, rankChanges } from '../../lib/analysis/timeseries';
import { parseArgs, requireFlag, flag } from '../args';
import { loadTable, type LoadedTable } from '../load';

const PRESETS = ['standard', 'status_dynamik', 'z_summe', 'dezile', 'pca'] as const;
type Preset = (typeof PRESETS)[number];

interface IndicatorConfig {
  name: string; numerator?: string; denominator?: string; column?: string;
  scale?: number; polarity?: number; weight?: number; lebensbereich?: string;
}
export interface IndexConfig {
  id: string; population?: string; min_population?: number;
  standardization?: 'zscore' | 'minmax' | 'percentile'; sd?: 'sample' | 'population';
  indicators: IndicatorConfig[];
  classes?: { method?: 'sd' | 'score'; breaks?: number[] };
  outliers?: string[];
  preset?: Preset;
  year_column?: string; year?: number; layer_id?: string;
  /** Wide tables: the years for which column names with the placeholder {JAHR} exist. */
  years?: number[];
  dynamics?: { period?: number; from?: number; breaks?: number[] };
  typology?: { method?: 'kmeans' | 'ward'; k?: number; k_range?: [number, number]; seed?: number; restarts?: number };
  robustness?: { runs?: number; concentration?: number; seed?: number; spearman?: boolean };
  timeseries?: { mode?: 'each' | 'base'; base_year?: number };
  disclosure?: boolean | { min_count?: number; min_denominator?: number; min_numerator?: number };
}

const YEAR_NAMES = ['JAHR', 'Jahr', 'jahr', 'YEAR', 'Year', 'year'];
const fail = (msg: string): never => { throw new Error(`Konfiguration: ${msg}`); };
const num = (v: unknown, what: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail(`${what} muss eine Zahl sein, nicht ${JSON.stringify(v)}.`));
const clean = (v: number): number | null => (Number.isFinite(v) ? v : null);
/** Column name for a year: the placeholder {JAHR} is replaced (wide tables such as SGB2_{JAHR}). */
const col = (name: string, year: number | null): string => (year === null ? name : name.replaceAll('{JAHR}', String(year)));

/** Validates the parsed JSON config; German messages name the offending key. */
export function checkConfig(c: unknown): IndexConfig {
  if (!c || typeof c !== 'object') fail('die Datei muss ein JSON-Objekt enthalten.');
  const cfg = c as IndexConfig;
  if (typeof cfg.id !== 'string' || !cfg.id) fail('„id“ (Spalte mit der Gebietskennung) fehlt.');
  if (!Array.isArray(cfg.indicators) || cfg.indicators.length === 0) fail('„indicators“ braucht mindestens einen Indikator.');
  const names = new Set<string>();
  for (const [j, ind] of cfg.indicators.entries()) {
    if (!ind || typeof ind.name !== 'string' || !ind.name) fail(`Indikator ${j + 1} hat keinen „name“.`);
    if (names.has(ind.name)) fail(`Indikatorname „${ind.name}“ kommt doppelt vor.`);
    names.add(ind.name);
    if (!ind.column && !(ind.numerator && ind.denominator)) fail(`Indikator „${ind.name}“ braucht „numerator“ und „denominator“ oder „column“.`);
    if (ind.polarity !== undefined && ind.polarity !== 1 && ind.polarity !== -1) fail(`„polarity“ von „${ind.name}“ muss 1 oder -1 sein.`);
    if (ind.weight !== undefined && !(num(ind.weight, `„weight“ von „${ind.name}“`) >= 0)) fail(`„weight“ von „${ind.name}“ darf nicht negativ sein.`);
    if (ind.scale !== undefined && !(num(ind.scale, `„scale“ von „${ind.name}“`) > 0)) fail(`„scale“ von „${ind.name}“ muss positiv sein.`);
  }
  if (cfg.preset !== undefined && !(PRESETS as readonly string[]).includes(cfg.preset)) fail(`„preset“ muss eines von ${PRESETS.join(', ')} sein, nicht „${cfg.preset}“.`);
  if (cfg.standardization !== undefined && !['zscore', 'minmax', 'percentile'].includes(cfg.standardization)) fail(`„standardization“ muss „zscore“, „minmax“ oder „percentile“ sein, nicht „${cfg.standardization}“.`);
  if (cfg.outliers !== undefined && !Array.isArray(cfg.outliers)) fail('„outliers“ muss eine Liste von Gebietskennungen sein.');
  if (cfg.sd !== undefined && cfg.sd !== 'sample' && cfg.sd !== 'population') fail(`„sd“ muss „sample“ oder „population“ sein, nicht „${cfg.sd}“.`);
  if (cfg.min_population !== undefined && !(num(cfg.min_population, '„min_population“') >= 0)) fail('„min_population“ darf nicht negativ sein.');
  if (cfg.classes?.method !== undefined && cfg.classes.method !== 'sd' && cfg.classes.method !== 'score') fail(`„classes.method“ muss „sd“ oder „score“ sein, nicht „${cfg.classes.method}“.`);
  if (cfg.preset === 'status_dynamik' && !cfg.dynamics) cfg.dynamics = {};
  return cfg;
}

interface Frame { ids: string[]; names: string[] | null; rows: number[] }

/** Rows of the chosen year (or all rows of a wide table); ids must be unique within it. */
function frameFor(t: LoadedTable, cfg: IndexConfig, yearCol: string | null, year: number | null): Frame {
  const allIds = t.text(cfg.id);
  const years = yearCol ? t.numbers(yearCol) : null;
  const rows: number[] = [];
  for (let r = 0; r < t.rows; r++) if (!years || years[r] === year) rows.push(r);
  const ids = rows.map((r) => allIds[r]);
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) fail(`die Kennung „${id}“ kommt ${yearCol ? `im Jahr ${year} ` : ''}mehrfach vor${yearCol ? '' : ' (Jahresspalte mit „year_column“ angeben?)'}.`);
    seen.add(id);
  }
  return { ids, names: null, rows };
}

function indicatorValues(t: LoadedTable, cfg: IndexConfig, rows: number[], year: number | null): Float64Array[] {
  return cfg.indicators.map((ind) => {
    if (ind.column) { const c = t.numbers(col(ind.column, year)); return Float64Array.from(rows, (r) => c[r]); }
    const n = t.numbers(col(ind.numerator!, year)), d = t.numbers(col(ind.denominator!, year));
    return rate(Float64Array.from(rows, (r) => n[r]), Float64Array.from(rows, (r) => d[r]), ind.scale ?? 100);
  });
}

/** Reorders per-year values to the ids of the reference frame (NaN where an area is missing). */
function align(values: Float64Array[], from: string[], to: string[]): Float64Array[] {
  const pos = new Map(from.map((id, i) => [id, i]));
  return values.map((v) => Float64Array.from(to, (id) => (pos.has(id) ? v[pos.get(id)!] : NaN)));
}

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const dataFile = requireFlag(flags, 'data');
  const configFile = requireFlag(flags, 'config');
  let raw: unknown;
  try { raw = JSON.parse(await readFile(configFile, 'utf8')); } catch (e) { throw new Error(`Konfiguration „${configFile}“ ist kein lesbares JSON: ${(e as Error).message}`); }
  const cfg = checkConfig(raw);
  const preset: Preset = cfg.preset ?? 'standard';
  const t = await loadTable(dataFile);

  const wide = cfg.years !== undefined;
  const usesPlaceholder = JSON.stringify([cfg.indicators, cfg.population ?? '']).includes('{JAHR}');
  if (usesPlaceholder && !wide) fail('Spaltennamen mit {JAHR} brauchen die Liste „years“.');
  if (wide && (!Array.isArray(cfg.years) || cfg.years.length === 0 || !cfg.years.every(Number.isInteger))) fail('„years“ muss eine Liste ganzer Jahreszahlen sein.');
  const yearCol = wide ? null : cfg.year_column ?? (YEAR_NAMES.find((c) => t.columns.includes(c)) && new Set(t.text(cfg.id)).size < t.rows ? YEAR_NAMES.find((c) => t.columns.includes(c))! : null);
  if (yearCol && !t.columns.includes(yearCol)) fail(`die Jahresspalte „${yearCol}“ gibt es nicht.`);
  const yearsAvail = wide ? [...cfg.years!].sort((a, b) => a - b) : yearCol ? [...new Set(Array.from(t.numbers(yearCol)).filter(Number.isFinite))].sort((a, b) => a - b) : [];
  const hasYears = yearsAvail.length > 0;
  const year = hasYears ? (cfg.year ?? yearsAvail[yearsAvail.length - 1]) : null;
  if (hasYears && !yearsAvail.includes(year!)) fail(`das Jahr ${year} kommt ${wide ? 'in „years“' : `in „${yearCol}“`} nicht vor (vorhanden: ${yearsAvail.join(', ')}).`);
  const rowsOf = (y: number | null): Frame => frameFor(t, cfg, yearCol, y);
  const popOf = (f: Frame, y: number | null): Float64Array | undefined => {
    if (!cfg.population) return undefined;
    const p = t.numbers(col(cfg.population, y));
    return Float64Array.from(f.rows, (r) => p[r]);
  };

  const frame = rowsOf(year);
  let ids = frame.ids;
  let values = indicatorValues(t, cfg, frame.rows, year);
  let population = popOf(frame, year);

  // --layer: areas of the layer without data are listed too (excluded "keine Daten")
  let join: Record<string, unknown> | null = null;
  const layerFile = flag(flags, 'layer');
  if (layerFile) {
    const layer = await loadTable(layerFile);
    const lid = cfg.layer_id ?? cfg.id;
    const layerIds = layer.text(lid);
    const inData = new Set(ids), inLayer = new Set(layerIds);
    const noData = layerIds.filter((id) => !inData.has(id));
    join = { layer: layerFile, layer_id: lid, matched: ids.filter((id) => inLayer.has(id)).length, layer_without_data: noData, data_without_layer: ids.filter((id) => !inLayer.has(id)) };
    if (noData.length) {
      const extended = [...ids, ...noData];
      values = align(values, ids, extended);
      if (population) population = align([population], ids, extended)[0];
      ids = extended;
    }
  }
  const noDataSet = new Set((join?.layer_without_data as string[] | undefined) ?? []);

  const input: IndexInput = {
    ids, values, names: cfg.indicators.map((i) => i.name), population,
    weights: cfg.indicators.map((i) => i.weight ?? 1), polarity: cfg.indicators.map((i) => i.polarity ?? 1),
  };
  const options: IndexOptions = {
    standardization: cfg.standardization ?? 'zscore', sd: cfg.sd ?? 'sample',
    minPopulation: cfg.population ? (cfg.min_population ?? 300) : 0, outliers: (cfg.outliers ?? []).map(String),
    classMethod: cfg.classes?.method ?? 'sd', breaks: cfg.classes?.breaks,
  };

  let result: IndexResult;
  const extra: Record<string, unknown>[] = ids.map(() => ({}));
  const method: Record<string, unknown> = { preset };
  if (preset === 'status_dynamik') {
    if (!hasYears) fail('„status_dynamik“ braucht Jahre: eine Jahresspalte oder „years“ mit {JAHR} in den Spaltennamen.');
    const period = cfg.dynamics?.period ?? 2;
    const from = cfg.dynamics?.from ?? year! - period;
    if (!yearsAvail.includes(from)) fail(`das Anfangsjahr ${from} der Dynamik ist nicht vorhanden (vorhanden: ${yearsAvail.join(', ')}).`);
    const f0 = rowsOf(from);
    const before = align(indicatorValues(t, cfg, f0.rows, from), f0.ids, ids);
    const changes = values.map((v, j) => changePoints(before[j], v));
    const sd = statusDynamics(input, { ...input, values: changes }, { ...options, statusBreaks: cfg.classes?.breaks, dynamicsBreaks: cfg.dynamics?.breaks });
    result = sd.status;
    ids.forEach((_, i) => Object.assign(extra[i], {
      status: sd.statusClass[i] ? STATUS_LABELS[sd.statusClass[i] - 1] : null,
      dynamics_score: clean(sd.dynamics.score[i]), dynamics_class: sd.dynamicsClass[i] || null,
      dynamics: sd.dynamicsClass[i] ? DYNAMICS_LABELS[sd.dynamicsClass[i] - 1] : null,
      group: sd.group[i] || null, group_label: sd.groupLabel[i],
      dz: Object.fromEntries(cfg.indicators.map((ind, j) => [ind.name, clean(sd.dynamics.z[j][i])])),
    }));
    method.dynamics = { from, to: year, period: year! - from, unit: 'Prozentpunkte', breaks: sd.dynamics.settings.breaks, labels: DYNAMICS_LABELS };
    method.status_labels = STATUS_LABELS;
  } else if (preset === 'z_summe') result = zSumIndex(input, options);
  else if (preset === 'dezile') result = decileRanking(input, options);
  else if (preset === 'pca') {
    const dom = cfg.indicators.map((i) => i.lebensbereich ?? 'Gesamt');
    const p = pcaDomains(input, dom, options);
    result = p.index;
    method.domains = p.domains.map((d) => ({ name: d.name, indicators: d.indicators.map((j) => cfg.indicators[j].name), loadings: Array.from(d.loadings), explained: d.explained }));
  } else result = computeIndex(input, options);

  for (const [i, id] of ids.entries()) if (noDataSet.has(id)) result.excluded[i] = 'keine Daten';

  const out: Record<string, unknown> = {};
  if (cfg.typology) {
    const ty = cfg.typology, m = ty.method ?? 'kmeans';
    if (m !== 'kmeans' && m !== 'ward') fail(`„typology.method“ muss „kmeans“ oder „ward“ sein, nicht „${m}“.`);
    const k = ty.k ?? 4;
    const mask = result.valid;
    const cl = m === 'ward' ? cutTree(ward(result.z, { mask }), result.z, k) : kmeans(result.z, k, { mask, seed: ty.seed ?? 1, restarts: ty.restarts ?? 10 });
    const prof = typeProfiles(result.z, cl.labels, k, mask);
    ids.forEach((_, i) => (extra[i].type = cl.labels[i] || null));
    const [k0, k1] = ty.k_range ?? [2, Math.min(8, Math.max(2, mask.reduce((s, v) => s + v, 0) - 1))];
    out.typology = {
      method: m, k, seed: m === 'kmeans' ? (ty.seed ?? 1) : null,
      profiles: prof.means.map((mu, c) => ({ type: c + 1, size: prof.sizes[c], z: Object.fromEntries(cfg.indicators.map((ind, j) => [ind.name, clean(mu[j])])) })),
      quality: chooseK(result.z, Array.from({ length: k1 - k0 + 1 }, (_, q) => k0 + q), { method: m, mask, seed: ty.seed ?? 1 }),
    };
  }
  if (cfg.robustness) {
    const rb = robustness(input, options, { runs: cfg.robustness.runs ?? 1000, concentration: cfg.robustness.concentration ?? 50, seed: cfg.robustness.seed ?? 1, spearman: cfg.robustness.spearman });
    const mc = rb.monteCarlo;
    ids.forEach((_, i) => (extra[i].robustness = {
      rank_p05: clean(mc.rankLow[i]), rank_median: clean(mc.rankMedian[i]), rank_p95: clean(mc.rankHigh[i]),
      class_probability: mc.classProb.map((p) => clean(p[i])), max_rank_shift: clean(rb.maxRankShift[i]),
    }));
    const k = cfg.indicators.length;
    out.robustness = {
      runs: mc.runs, concentration: cfg.robustness.concentration ?? 50, seed: cfg.robustness.seed ?? 1, rank_resolution: mc.rankResolution,
      scenarios: [...rb.leaveOneOut, ...rb.standardizations].map((s) => s.label),
      cronbach_alpha: clean(rb.cronbachAlpha),
      correlation: { names: rb.correlation.names, pearson: Array.from({ length: k }, (_, a) => Array.from(rb.correlation.pearson.subarray(a * k, a * k + k), clean)),
        spearman: rb.correlation.spearman ? Array.from({ length: k }, (_, a) => Array.from(rb.correlation.spearman!.subarray(a * k, a * k + k), clean)) : null },
    };
  }
  if (cfg.timeseries) {
    if (!hasYears) fail('„timeseries“ braucht Jahre: eine Jahresspalte oder „years“ mit {JAHR} in den Spaltennamen.');
    const mode = cfg.timeseries.mode ?? 'each';
    const perYear = yearsAvail.map((y) => {
      const f = rowsOf(y);
      const p = popOf(f, y);
      return { year: y, values: align(indicatorValues(t, cfg, f.rows, y), f.ids, ids), population: p ? align([p], f.ids, ids)[0] : undefined };
    });
    const ts = indexByYear(ids, perYear, { names: input.names, weights: input.weights, polarity: input.polarity }, { ...options, mode, baseYear: cfg.timeseries.base_year ?? yearsAvail[0] });
    ids.forEach((_, i) => (extra[i].years = Object.fromEntries(ts.years.map((y, q) => [y, {
      score: clean(ts.results[q].score[i]), rank: ts.results[q].rank[i] || null, class: ts.results[q].classes[i] || null,
      rank_change: q > 0 ? clean(rankChanges(ts.results[q - 1].rank, ts.results[q].rank)[i]) : null,
    }]))));
    out.timeseries = { mode, base_year: ts.baseYear, years: ts.years };
  }

  const rows = frame.rows;
  const municipal = (ind: IndicatorConfig): number | null => {
    if (ind.column) return null;
    const n = t.numbers(col(ind.numerator!, year)), d = t.numbers(col(ind.denominator!, year));
    return clean(municipalRate(Float64Array.from(rows, (r) => n[r]), Float64Array.from(rows, (r) => d[r]), ind.scale ?? 100));
  };
  Object.assign(method, {
    standardization: result.settings.standardization, sd: result.settings.sd,
    sd_note: result.settings.sd === 'sample' ? 'Standardabweichung mit n − 1 (wie SPSS, Excel STABW)' : 'Standardabweichung mit n',
    min_population: result.settings.minPopulation, population: cfg.population ?? null,
    outliers: (cfg.outliers ?? []).map(String), outliers_not_found: (cfg.outliers ?? []).map(String).filter((o) => !ids.includes(o)), year_column: yearCol, year, ...(wide ? { years: yearsAvail } : {}),
    classes: { method: result.settings.classMethod, breaks: result.settings.breaks, rule: preset === 'dezile' ? 'Dezil 10 = höchste Belastung' : 'Klasse 1 unter der ersten Grenze; Wert auf einer Grenze zählt zur oberen Klasse' },
    score: preset === 'z_summe' ? 'Summe der gewichteten, gepolten z-Werte' : preset === 'pca' ? 'Mittel der Hauptkomponenten je Lebensbereich, je 0–1' : 'gewichtetes Mittel der gepolten standardisierten Indikatoren',
    rank: '1 = höchster Wert (größte Belastung)',
    indicators: cfg.indicators.map((ind, j) => ({
      name: ind.name, numerator: ind.numerator ?? null, denominator: ind.denominator ?? null, column: ind.column ?? null,
      scale: ind.column ? null : (ind.scale ?? 100), polarity: result.polarity[j], weight: ind.weight ?? 1, weight_normalised: result.weights[j],
      lebensbereich: ind.lebensbereich ?? null,
      municipal_value: municipal(ind),
      reference_mean: clean(result.references[j].mean), reference_sd: clean(result.references[j].sd),
    })),
    n_areas: ids.length, n_scored: result.rank.reduce((s, r) => s + (r > 0 ? 1 : 0), 0), n_reference: result.valid.reduce((s, v) => s + v, 0),
    ...(join ? { join } : {}),
  });

  // METHODS §6: a z-value reveals its rate (method gives mean and sd), so z of a secret or
  // unreliable rate is not shown; the score still uses the true values.
  const dc = cfg.disclosure ?? true;
  const dopts: DisclosureOptions | null = dc === false ? null : dc === true ? {} : { minCount: dc.min_count, minDenominator: dc.min_denominator, minNumerator: dc.min_numerator };
  if (dopts) for (const k of Object.keys(dopts) as (keyof DisclosureOptions)[]) if (dopts[k] === undefined) delete dopts[k];
  const suppressed: (Record<string, string> | null)[] = ids.map(() => null);
  if (dopts) {
    const pos = new Map(frame.ids.map((id, q) => [id, frame.rows[q]]));
    for (const ind of cfg.indicators) {
      if (ind.column) continue;
      const nu = t.numbers(col(ind.numerator!, year)), de = t.numbers(col(ind.denominator!, year));
      ids.forEach((id, i) => {
        const r = pos.get(id);
        if (r === undefined) return;
        const d = discloseRate(nu[r], de[r], dopts);
        if (d.status !== 'ok' && d.status !== 'zero' && d.status !== 'missing') (suppressed[i] ??= {})[ind.name] = d.symbol!;
      });
    }
    const eff = { ...DEFAULT_DISCLOSURE, ...dopts };
    method.disclosure = { min_count: eff.minCount, min_denominator: eff.minDenominator, min_numerator: eff.minNumerator, applied_to: 'z', symbols: { '·': 'geheim (Zähler unter min_count)', '/': 'nicht ausreichend zuverlässig' } };
  } else method.disclosure = false;

  const areas = ids.map((id, i) => ({
    id, score: clean(result.score[i]), rank: result.rank[i] || null, class: result.classes[i] || null, excluded: result.excluded[i],
    z: Object.fromEntries(cfg.indicators.map((ind, j) => [ind.name, suppressed[i]?.[ind.name] ? null : clean(result.z[j][i])])),
    ...(suppressed[i] ? { suppressed: suppressed[i] } : {}),
    ...extra[i],
  }));
  return { areas, method, ...out };
}
