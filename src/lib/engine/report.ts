/**
 * Builds the report model (src/lib/report/types.ts) from a report request on the engine: the
 * same index, typology, robustness, segregation and Moran/LISA functions the workspaces call,
 * disclosure control applied to every indicator value (METHODS §6). The app (worker) and the CLI
 * call this one function and render with the one renderer.
 */
import type { Engine } from './engine';
import type { TaskContext } from './tasks';
import { computeIndexRun, indicatorSummaries, readIndexData } from './sozialindex';
import { typology } from './indexTypology';
import { robustnessRun } from './indexRobustness';
import { segregationAnalysis } from './segregation';
import { moranAnalysis } from './spatialPatterns';
import {
  lisaClusters,
  type IndexRequest, type IndexRun, type MoranRequest, type RobustnessResult, type RobustnessSpec,
  type SegregationRequest, type TypologyResult, type TypologySpec,
} from '../contract';
import { POPULATION_SOURCE_LABEL, SOURCE_LABEL, SOURCE_SYMBOL, hiddenAreas, reportDisclosureOf, thresholds, reportIndicatorYears, type ReportDisclosure } from './reportDisclosure';
import { classify } from '../analysis/classify';
import { buildIndexMap, classLabels, exclusionLabel, type IndexMapView } from '../map/indexMaps';
import { methodNote } from '../map/methodNote';
import { lisaMap, lqMap } from '../map/analysisMaps';
import type { CustomMap } from '../map/custom';
import { appError } from '../contract/errors';
import { buildLegend } from '../map/legend';
import { paletteColors } from '../map/palettes';
import { prepareMapAreas } from '../report/geo';
import { rgb } from '../report/html';
import type { ReportDisclosureInfo, ReportIndex, ReportIndicator, ReportMap, ReportMeta, ReportModel, ReportSegregation, ReportSpatial } from '../report/types';
import type { MapLegendEntry } from '../report/svgMap';
import { fmtNumber, t } from '../../i18n/index';
import { servicesReport, type ServicesReportRequest } from './reportServices';
import { parentLevels, totalLabel } from './reportLevels';

/** What the report shows; the same object in the app and the CLI. */
export interface ReportRequest {
  meta: ReportMeta;
  /** the Sozialindex (null: a report of the plain data, needs `layer`) */
  index: IndexRequest | null;
  typology?: TypologySpec | null;
  robustness?: RobustnessSpec | null;
  segregation?: SegregationRequest | null;
  spatial?: MoranRequest | null;
  /** area layer when there is no index */
  layer?: string;
  /** add every area's profile at the end */
  includeProfiles?: boolean;
  /** data of plug-in sections (workshop notes, services …) by section key */
  extras?: Record<string, unknown>;
  /** the project's disclosure control (switch, thresholds, one pattern for all years); default: on, the index's thresholds */
  disclosure?: ReportDisclosure;
  generator: string;
  /** ISO timestamp of the report (the renderer prints it) */
  created: string;
}

/** Indicator definitions with their disclosed values per year (see reportDisclosure.ts). */
function reportIndicators(req: IndexRequest, years: ReportIndicator['years'][], weights: ArrayLike<number>): ReportIndicator[] {
  return req.indicators.map((ind, j) => ({
    name: ind.name,
    unit: ind.unit ?? (ind.denominator ? (ind.scale === 1000 ? '‰' : '%') : ''),
    formula: ind.denominator ? `${ind.numerator} / ${ind.denominator} × ${(ind.scale ?? 100).toLocaleString('de-DE')}` : ind.numerator,
    lebensbereich: ind.lebensbereich ?? '–',
    polarity: ind.polarity ?? 1,
    weight: weights[j] ?? 0,
    reference: ind.reference ?? null,
    years: years[j],
  }));
}

/** A workspace map (CustomMap) as a report map: fills per area and legend rows with counts. */
export function reportMap(key: string, c: CustomMap, note?: string): ReportMap {
  // an area without a class because a value was secret at the source (the index maps' `disclosure`) is dotted, „·q“
  const fromSource = (i: number) => c.classOf[i] < 0 && c.disclosure?.marks[i] === 'source';
  const fills = Array.from(c.classOf, (k, i) => (k >= 0 && c.colors[k] ? rgb(c.colors[k]) : fromSource(i) ? 'secret' : 'none'));
  const counts = new Array(Math.max(c.colors.length, (c.breaks?.length ?? 1) - 1)).fill(0);
  let missing = 0;
  for (const k of c.classOf) k >= 0 ? counts[k]++ : missing++;
  let legend: MapLegendEntry[];
  if (c.labels) {
    legend = c.labels.map((label, k) => ({ fill: rgb(c.colors[k]), label, count: counts[k] }));
    legend.push({ fill: 'none', label: t('legend.noValue'), count: missing });
  } else {
    legend = buildLegend({ breaks: c.breaks ?? [], counts, missing }, c.colors, { unit: c.unit ?? '', lang: 'de' })
      .map((e) => ({ fill: e.noValue ? 'none' : rgb(e.color), label: e.label, count: e.count }));
  }
  const source = fills.filter((f) => f === 'secret').length;
  if (source) {
    legend = legend.map((e) => (e.fill === 'none' ? { ...e, count: (e.count ?? 0) - source } : e));
    legend.splice(legend.length - 1, 0, { fill: 'secret', label: SOURCE_LABEL, count: source });
  }
  return { key, title: c.title, fills, legend, note };
}

/** Quintile map of one indicator in one year; suppressed areas dotted, missing hatched. */
function indicatorMap(ind: ReportIndicator, year: string, total = 'Stadt'): ReportMap | null {
  const y = ind.years.find((q) => q.year === year) ?? ind.years[ind.years.length - 1];
  if (!y) return null;
  const values = Float64Array.from(y.values);
  const cls = classify(values, 'quantile', 5);
  const n = Math.max(1, cls.breaks.length - 1);
  const colors = paletteColors('YlOrRd', n, ind.polarity === -1);
  let secret = 0, none = 0;
  const fills = y.values.map((v, i) => {
    if (!Number.isFinite(v)) {
      if (y.symbols[i] && y.symbols[i] !== '–' && y.symbols[i] !== 'x') { secret++; return 'secret'; }
      none++;
      return 'none';
    }
    const k = cls.classOf[i];
    return k >= 0 ? rgb(colors[k]) : 'none';
  });
  const unit = ind.unit ? ` ${ind.unit}` : '';
  const legend: MapLegendEntry[] = buildLegend({ breaks: cls.breaks, counts: cls.counts, missing: 0 }, colors, { unit, lang: 'de' })
    .filter((e) => !e.noValue).map((e) => ({ fill: rgb(e.color), label: e.label, count: e.count }));
  legend.push({ fill: 'secret', label: 'geheim / nicht genau (· ·s ·q /)', count: secret }, { fill: 'none', label: t('legend.noValue'), count: none });
  return { key: `ind-${ind.name}`, title: `${ind.name} ${y.year}`, subtitle: `${ind.formula}; ${total}: ${y.citySymbol ?? y.city.toLocaleString('de-DE', { maximumFractionDigits: 1 }) + unit}`, fills, legend };
}

/**
 * The location-quotient map with disclosure: an area whose group or total count is hidden (primary or
 * secondary) is dotted, because its quotient and the city share would give the count back.
 */
function lqReportMap(engine: Engine, sg: SegregationRequest, year: string | undefined, group: string, lq: Float64Array, dc: ReportDisclosure): ReportMap {
  const columns = [sg.groups[0], ...(sg.total ? [sg.total] : sg.groups.slice(1))];
  const hidden = hiddenAreas(engine, sg.source, year ?? sg.year, columns, dc);
  const shown = Float64Array.from(lq, (v, i) => (hidden[i] ? NaN : v));
  const mp = reportMap('lq', lqMap(t('seg.map.lqTitle', { group }), shown), 'Standortquotient: Anteil der Gruppe im Gebiet durch den Anteil in der Stadt (1 = wie die Stadt).');
  const secret = hidden.filter(Boolean).length;
  if (!secret) return mp;
  const fills = mp.fills.map((f, i) => (hidden[i] ? 'secret' : f));
  const legend = mp.legend.map((e) => (e.fill === 'none' ? { ...e, count: (e.count ?? 0) - secret } : e));
  legend.splice(legend.length - 1, 0, { fill: 'secret', label: 'geheim (· ·s): Fallzahl geschützt', count: secret });
  return { ...mp, fills, legend };
}

function reportIndex(run: IndexRun, req: IndexRequest, ty: TypologyResult | null, rb: RobustnessResult | null, dc: ReportDisclosure): ReportIndex {
  const b = run.base;
  const labels = classLabels(run);
  const note = methodNote(run, req.indicators, {
    population: req.source.population ?? null, outliers: req.settings.outliers, disclosure: thresholds(dc),
    grouped: false, typology: ty, robustness: rb,
  });
  const st = run.status;
  return {
    preset: run.preset,
    presetLabel: t(`ix.preset.${run.preset}`),
    year: run.year,
    score: Array.from(b.score),
    rank: Array.from(b.rank),
    scored: b.rank.reduce((a, r) => a + (r > 0 ? 1 : 0), 0),
    classOf: Array.from(b.classes, (c) => c - 1),
    classLabels: labels,
    // exclusion reasons travel as codes; the label fills in the threshold (EW unter 300); a value secret at
    // the source gets the words of the report's map legend and symbol („·q“), as the app's map and table do
    excluded: b.excluded.map((e, i) => (e === 'sourceSecret' ? SOURCE_LABEL : e === 'populationSecret' ? POPULATION_SOURCE_LABEL : e ? exclusionLabel(run, i) : null)),
    population: run.population ? Array.from(run.population) : null,
    populationSymbol: run.populationSource ? Array.from(run.populationSource, (v) => (v ? SOURCE_SYMBOL : null)) : null,
    // a status without dynamics keeps its status („Status niedrig / –“) and says why in `dynamicsNote`
    group: st ? Array.from(st.group, (g, i) => (b.classes[i] > 0 && (g > 0 || st.dynamicsExcluded[i]) ? `${t(`ix.status.${b.classes[i]}`)} / ${g > 0 ? t(`ix.dyn.${st.dynamicsClass[i]}`) : '–'}` : null)) : null,
    // the app's words („Startwert 2022 fehlt“; the report is German), a secret start value in the report's symbol language
    dynamicsNote: st ? st.dynamicsExcluded.map((d) => (d === 'startSecret' ? `Startwert ${st.from} ${SOURCE_LABEL}` : d === 'startMissing' ? t('ix.dynx.startMissing', { from: st.from }, 'de') : null)) : null,
    dynamicsFrom: st?.from ?? null,
    typeOf: ty ? Array.from(ty.labels, (l) => (l > 0 ? t('ix.type', { c: l }) : null)) : null,
    robustness: rb ? {
      runs: rb.runs, ownClassProb: Array.from(rb.ownClassProb),
      rankLo: Array.from(rb.monteCarlo.rankLow, (r) => (Number.isFinite(r) ? Math.round(r) : 0)),
      rankHi: Array.from(rb.monteCarlo.rankHigh, (r) => (Number.isFinite(r) ? Math.round(r) : 0)),
    } : null,
    methodLines: note.split('\n'),
    weights: Array.from(b.weights),
  };
}

/**
 * The model of a report (and of the profiles) for `req`: a task of the runner (progress per stage,
 * cancellable between the long parts). Without `task` it runs as its own task (CLI, tests).
 */
export async function buildReportModel(engine: Engine, req: ReportRequest, task?: TaskContext): Promise<ReportModel> {
  if (!task) return engine.tasks.run((tc) => buildReportModel(engine, req, tc));
  const step = (f: number, stage: string) => task.checkpoint(f, stage);
  const layerName = req.index?.source.layer ?? req.layer;
  if (!layerName) throw appError('report.noLayer');
  const layer = engine.layer(layerName);
  const { ids, names } = engine.layerLabels(layerName);
  await step(0.05, 'read');
  const areas = prepareMapAreas(engine.geometries(layerName));
  const dc = reportDisclosureOf(req.disclosure, req.index);
  let disclosure: ReportDisclosureInfo = {
    enabled: dc.enabled, minCount: dc.minCount, minNumerator: dc.minNumerator, minDenominator: dc.minDenominator,
    sameAcrossYears: false, levels: [layer.label, 'gesamt'], sums: [], primary: 0, secondary: 0, source: 0,
  };
  let indicators: ReportIndicator[] = [], years: string[] = [], year = '', index: ReportIndex | null = null;
  const maps: ReportMap[] = [];
  const indicatorMaps: ReportMap[] = [];
  if (req.index) {
    const ir = req.index;
    const data = readIndexData(engine, ir.source, ir.indicators);
    const run = computeIndexRun(data, ir.indicators, ir.source.population, ir.settings);
    const summaries = indicatorSummaries(data, ir.indicators, thresholds(dc));
    const disclosed = reportIndicatorYears(engine, ir, data, summaries, dc);
    disclosure = disclosed.info;
    await step(0.2, 'index');
    const ty = req.typology ? typology(run, req.typology) : null;
    const rb = req.robustness ? await robustnessRun(data, ir.indicators, ir.source.population, ir.settings, req.robustness, task) : null;
    years = data.years.filter((y) => y !== '');
    year = run.year;
    indicators = reportIndicators(ir, disclosed.years, run.base.weights);
    index = reportIndex(run, ir, ty, rb, dc);
    const views: [IndexMapView, string][] = [
      ['class', 'Klassen des Sozialindex; dunkler = höherer Handlungsbedarf. Schraffiert: nicht bewertet (siehe Rangfolge).'],
      ['bivariate', 'Status (Zeilen) und Dynamik (Spalten) kombiniert: 12 Gruppen.'],
      ['type', 'Sozialraumtypen aus der Clusteranalyse der standardisierten Indikatoren.'],
      ['certainty', 'Anteil der zufälligen Gewichtsvarianten, in denen ein Gebiet in seiner Klasse bleibt.'],
    ];
    for (const [view, note] of views) {
      const c = buildIndexMap(view, run, { typology: ty, robustness: rb });
      if (c) maps.push(reportMap(view, c, note));
    }
    for (const ind of indicators) {
      const mp = indicatorMap(ind, year, totalLabel(engine, layerName));
      if (mp) indicatorMaps.push(mp);
    }
  }
  await step(0.75, 'segregation');
  let segregation: ReportSegregation | null = null;
  if (req.segregation) {
    const r = await segregationAnalysis(engine, req.segregation, task);
    const g = r.single[0];
    segregation = {
      year: r.year ?? '', group: g?.group ?? req.segregation.groups.join(', '), total: req.segregation.total ?? 'Summe der Gruppen',
      used: r.used, n: r.n, minPopulation: req.segregation.minPopulation, permutations: req.segregation.permutations,
      rows: (g?.rows ?? []).map((row) => ({ label: t(`seg.idx.${row.key}`, { b: String(req.segregation!.atkinsonB).replace('.', ',') }), value: row.value, p: row.p ?? null })),
      filtered: [...r.filtered, ...r.missing],
      map: r.lq[0] ? lqReportMap(engine, req.segregation, r.year, g?.group ?? '', r.lq[0], dc) : null,
      trend: r.trend ? r.trend.years.map((y) => ({ year: String(y.year), d: y.observed })) : [],
      tolerance: g?.rows.some((row) => row.key === 'spatial_dissimilarity' && Number.isFinite(row.value)) ? r.tolerance : null,
    };
  }
  await step(0.85, 'spatial');
  let spatial: ReportSpatial | null = null;
  if (req.spatial) {
    const r = await moranAnalysis(engine, req.spatial, task);
    const cluster = lisaClusters(r.quadrant, r.pSim, r.weights.counts, req.spatial.alpha, req.spatial.fdr);
    const counts = { HH: 0, LL: 0, HL: 0, LH: 0, ns: 0 };
    const hotspots: string[] = [];
    cluster.forEach((c, i) => {
      if (c === 1) { counts.HH++; hotspots.push(r.names[i]); } else if (c === 2) counts.LH++; else if (c === 3) counts.LL++; else if (c === 4) counts.HL++; else counts.ns++;
    });
    const v = req.spatial.denominator ? `${req.spatial.column} / ${req.spatial.denominator} × ${req.spatial.scale ?? 100}` : req.spatial.column;
    spatial = {
      variable: v, weights: t(`sp.w.${req.spatial.weights.type}`) + (r.weights.tolerance !== undefined ? ` ${t('sp.w.reportTolerance', { m: fmtNumber(r.weights.tolerance, 3) })}` : ''), permutations: req.spatial.permutations, alpha: req.spatial.alpha, fdr: req.spatial.fdr,
      I: r.global.I, expected: r.global.expected, p: Number.isFinite(r.global.pSim) ? r.global.pSim : r.global.pRandomization, counts, hotspots,
      map: reportMap('lisa', lisaMap(t('sp.map.lisa', { v }), cluster, r.Ii), 'Hoch-Hoch: Gebiete mit hohen Werten, umgeben von hohen Werten (Brennpunkte); Niedrig-Niedrig entsprechend.'),
    };
  }
  // plug-ins that need the engine: services of „Angebote & Bedarfe“ (settings in, results out)
  const extras: Record<string, unknown> = { ...req.extras };
  if (extras.services) extras.services = servicesReport(engine, layerName, extras.services as ServicesReportRequest, dc.enabled ? thresholds(dc) : false);
  const parents = req.index ? parentLevels(engine, req.index, year, dc) : [];
  await step(1, 'done');
  return {
    meta: req.meta, generator: req.generator, created: req.created, layerLabel: layer.label, ids, names, areas, year, years, indicators, index, maps, indicatorMaps,
    segregation, spatial, disclosure, includeProfiles: req.includeProfiles ?? false, extras,
    parents, totalLabel: totalLabel(engine, layerName),
  };
}
