/**
 * `npm run cli -- index --data FILE [--layer GEOFILE] --config CONFIG.json` — the Sozialindex
 * (METHODS.md §1–2, §6) as a thin adapter over the engine the workbench uses: the config is
 * checked (`./indexConfig.ts`) and turned into the workspace's `IndexRequest`, the files are
 * imported by the Node `Engine`, the index, typology, robustness and time series come from the
 * same engine functions as in the browser, and this file only serialises them:
 * `{ areas: [{ id, score, rank, class, excluded, z: { <indicator>: value } }], method }` plus,
 * when configured, status/dynamics fields, types, robustness and the index per year
 * (docs/index-config.md).
 */
import { DYNAMICS_LABELS, STATUS_LABELS, presetDef } from '../../lib/analysis/presets';
import { DEFAULT_DISCLOSURE, DISCLOSURE_SYMBOLS } from '../../lib/analysis/disclosure';
import { DISCLOSURE_ORDER, type IndexRun, type IndicatorSummary, type RobustnessResult, type TimeSeriesResult, type TypologyResult } from '../../lib/contract';
import { computeIndexRun, indicatorSummaries, readIndexData, yearIndex } from '../../lib/engine/sozialindex';
import { typology } from '../../lib/engine/indexTypology';
import { robustnessRun } from '../../lib/engine/indexRobustness';
import { timeSeries } from '../../lib/engine/indexTimeSeries';
import { dynamicsReasonLabel, exclusionCodeLabel, exclusionLabel } from '../../lib/map/indexMaps';
import { parseArgs, requireFlag, flag } from '../args';
import { readJsonConfig } from '../config';
import { fileOptions } from '../importFlags';
import { cliEngine } from '../engine';
import { checkIndexConfig, prepareIndex, type IndexConfig } from './indexConfig';

export { checkIndexConfig as checkConfig, type IndexConfig };

const clean = (v: number): number | null => (Number.isFinite(v) ? v : null);
/** Years print as numbers, as in the config. */
const yearOut = (y: string): number | string | null => (y === '' ? null : Number.isFinite(Number(y)) ? Number(y) : y);
const matrix = (m: Float64Array, k: number) => Array.from({ length: k }, (_, a) => Array.from(m.subarray(a * k, a * k + k), clean));

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const dataFile = requireFlag(flags, 'data');
  const configFile = requireFlag(flags, 'config');
  const cfg = checkIndexConfig(await readJsonConfig(configFile));
  const engine = await cliEngine();
  const prep = await prepareIndex(engine, cfg, dataFile, flag(flags, 'layer'), { data: fileOptions(flags, 'data', true), layer: fileOptions(flags, 'layer') });
  const { req } = prep;

  const data = readIndexData(engine, req.source, req.indicators);
  const indexRun = computeIndexRun(data, req.indicators, req.source.population, req.settings);
  const summaries = indicatorSummaries(data, req.indicators, req.disclosure ?? {});
  const y = yearIndex(data, req.settings.year);
  const out: Record<string, unknown> = {};
  const extra: Record<string, unknown>[] = data.ids.map(() => ({}));

  if (indexRun.status) statusFields(indexRun, extra);
  if (cfg.typology) out.typology = typologyFields(typology(indexRun, prep.typology!), prep.typology!.seed, indexRun, extra);
  if (cfg.robustness) {
    const rb = await engine.tasks.run((task) => robustnessRun(data, req.indicators, req.source.population, req.settings, prep.robustness!, task));
    out.robustness = robustnessFields(rb, prep.robustness!.seed, indexRun, extra);
  }
  if (cfg.timeseries) out.timeseries = timeSeriesFields(timeSeries(data, req.indicators, req.source.population, req.settings, prep.timeseries!.mode, prep.timeseries!.baseYear), req.settings.minPopulation, extra);

  const suppressed = suppressedSymbols(summaries, y, req.disclosure !== undefined);
  const b = indexRun.base;
  const areas = data.ids.map((id, i) => ({
    id, score: clean(b.score[i]), rank: b.rank[i] || null, class: b.classes[i] || null,
    excluded: exclusionLabel(indexRun, i, 'de') || null,
    z: Object.fromEntries(indexRun.indicatorNames.map((name, j) => [name, suppressed[i]?.[name] ? null : clean(b.z[j][i])])),
    ...(suppressed[i] ? { suppressed: suppressed[i] } : {}),
    ...extra[i],
  }));
  return { areas, method: methodFields(cfg, prep, indexRun, summaries, y), ...out };
}

/** Status and dynamics per area (preset status_dynamik). */
function statusFields(r: IndexRun, extra: Record<string, unknown>[]): void {
  const st = r.status!;
  r.ids.forEach((_, i) => {
    const s = r.base.classes[i], d = st.dynamicsClass[i];
    Object.assign(extra[i], {
      status: s ? STATUS_LABELS[s - 1] : null,
      dynamics_score: clean(st.dynamicsScore[i]), dynamics_class: d || null, dynamics: d ? DYNAMICS_LABELS[d - 1] : null,
      group: st.group[i] || null, group_label: s && d ? `${STATUS_LABELS[s - 1]} / ${DYNAMICS_LABELS[d - 1]}` : null,
      // why a status has no dynamics: the app's words („Startwert 2022 · geheim (Quelle)“ / „Startwert 2022 fehlt“)
      dynamics_excluded: dynamicsReasonLabel(r, i, 'de') || null,
      dz: Object.fromEntries(r.indicatorNames.map((name, j) => [name, clean(st.dz[j][i])])),
    });
  });
}

function typologyFields(ty: TypologyResult, seed: number, r: IndexRun, extra: Record<string, unknown>[]) {
  r.ids.forEach((_, i) => (extra[i].type = ty.labels[i] || null));
  return {
    method: ty.method, k: ty.k, seed: ty.method === 'kmeans' ? seed : null,
    profiles: ty.profiles.map((mu, c) => ({ type: c + 1, size: ty.sizes[c], z: Object.fromEntries(r.indicatorNames.map((name, j) => [name, clean(mu[j])])) })),
    quality: ty.quality,
  };
}

function robustnessFields(rb: RobustnessResult, seed: number, r: IndexRun, extra: Record<string, unknown>[]) {
  const mc = rb.monteCarlo;
  r.ids.forEach((_, i) => (extra[i].robustness = {
    rank_p05: clean(mc.rankLow[i]), rank_median: clean(mc.rankMedian[i]), rank_p95: clean(mc.rankHigh[i]),
    class_probability: mc.classProb.map((p) => clean(p[i])), max_rank_shift: clean(rb.maxRankShift[i]),
  }));
  const k = r.indicatorNames.length;
  return {
    runs: mc.runs, concentration: rb.concentration, seed, rank_resolution: mc.rankResolution,
    scenarios: rb.scenarios.map((s) => s.label), cronbach_alpha: clean(rb.cronbachAlpha),
    correlation: { names: r.indicatorNames, pearson: matrix(rb.correlation, k), spearman: rb.spearman ? matrix(rb.spearman, k) : null },
  };
}

/** Per area and year: score, rank, class, rank change and why it has no class that year (the run's words, `excluded`). */
function timeSeriesFields(ts: TimeSeriesResult, minPopulation: number, extra: Record<string, unknown>[]) {
  extra.forEach((e, i) => (e.years = Object.fromEntries(ts.years.map((year, q) => [year, {
    score: clean(ts.score[q][i]), rank: ts.rank[q][i] || null, class: ts.classes[q][i] || null,
    rank_change: q > 0 ? clean(ts.rankChange[q][i]) : null,
    excluded: exclusionCodeLabel(ts.excluded[q][i], minPopulation, 'de') || null,
  }]))));
  return { mode: ts.mode, base_year: ts.baseYear === null ? null : yearOut(ts.baseYear), years: ts.years.map(yearOut) };
}

/** METHODS §6: a z-value reveals its rate, so z of a secret or unreliable rate is not printed. */
function suppressedSymbols(summaries: IndicatorSummary[], y: number, on: boolean): (Record<string, string> | null)[] {
  const n = summaries[0]?.years[y]?.values.length ?? 0;
  const out: (Record<string, string> | null)[] = new Array(n).fill(null);
  if (!on) return out;
  for (const s of summaries) {
    const codes = s.years[y].disclosure;
    for (let i = 0; i < n; i++) {
      const st = DISCLOSURE_ORDER[codes[i]];
      if (st === 'secret' || st === 'secondary' || st === 'unreliable') (out[i] ??= {})[s.name] = DISCLOSURE_SYMBOLS[st]!;
    }
  }
  return out;
}

function methodFields(cfg: IndexConfig, prep: Awaited<ReturnType<typeof prepareIndex>>, r: IndexRun, summaries: IndicatorSummary[], y: number) {
  const b = r.base, s = prep.req.settings, preset = s.preset;
  const method: Record<string, unknown> = { preset };
  const year = yearOut(r.year);
  if (r.status) {
    const from = yearOut(r.status.from);
    method.dynamics = { from, to: year, period: typeof year === 'number' && typeof from === 'number' ? year - from : null, unit: 'Prozentpunkte', breaks: s.dynamicsBreaks, labels: DYNAMICS_LABELS };
    method.status_labels = STATUS_LABELS;
  }
  if (r.domains) method.domains = r.domains.map((d) => ({ name: d.name, indicators: d.indicators.map((j) => r.indicatorNames[j]), loadings: Array.from(d.loadings), explained: d.explained }));
  const outliers = s.outliers;
  Object.assign(method, {
    standardization: b.settings.standardization, sd: b.settings.sd,
    sd_note: b.settings.sd === 'sample' ? 'Standardabweichung mit n − 1 (wie SPSS, Excel STABW)' : 'Standardabweichung mit n',
    min_population: b.settings.minPopulation, population: cfg.population ?? null,
    outliers, outliers_not_found: outliers.filter((o) => !r.ids.includes(o)),
    year_column: prep.yearColumn, year, ...(prep.years ? { years: prep.years } : {}),
    classes: { method: b.settings.classMethod, breaks: b.settings.breaks, rule: presetDef(preset).deciles ? 'Dezil 10 = höchste Belastung' : 'Klasse 1 unter der ersten Grenze; Wert auf einer Grenze zählt zur oberen Klasse' },
    score: preset === 'z_summe' ? 'Summe der gewichteten, gepolten z-Werte' : preset === 'pca' ? 'Mittel der Hauptkomponenten je Lebensbereich, je 0–1' : 'gewichtetes Mittel der gepolten standardisierten Indikatoren',
    rank: '1 = höchster Wert (größte Belastung)',
    indicators: cfg.indicators.map((ind, j) => ({
      name: ind.name, numerator: ind.numerator ?? null, denominator: ind.denominator ?? null, column: ind.column ?? null,
      scale: ind.column ? null : (ind.scale ?? 100), polarity: b.polarity[j], weight: ind.weight ?? 1, weight_normalised: b.weights[j],
      lebensbereich: ind.lebensbereich ?? null,
      municipal_value: ind.column ? null : clean(summaries[j].years[y].mean),
      reference_mean: clean(b.references[j].mean), reference_sd: clean(b.references[j].sd),
    })),
    n_areas: r.ids.length, n_scored: b.rank.reduce((a, x) => a + (x > 0 ? 1 : 0), 0), n_reference: b.valid.reduce((a, v) => a + v, 0),
    ...(prep.join ? { join: prep.join } : {}),
  });
  if (prep.req.disclosure) {
    const eff = { ...DEFAULT_DISCLOSURE, ...prep.req.disclosure };
    method.disclosure = { min_count: eff.minCount, min_denominator: eff.minDenominator, min_numerator: eff.minNumerator, applied_to: 'z', symbols: { '·': 'geheim (Zähler unter min_count)', '/': 'nicht ausreichend zuverlässig' } };
  } else method.disclosure = false;
  return method;
}
