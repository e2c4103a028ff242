import type { AppState } from './app.svelte';
import type { MapState } from './map.svelte';
import {
  DEFAULT_ROBUSTNESS_SPEC, DEFAULT_TYPOLOGY_SPEC, DISCLOSURE_ORDER, defaultIndexSettings,
  type IndexRequest, type IndexRun, type IndexSettings, type IndicatorSpec, type IndicatorSummary, type JoinSpecInput,
  type RobustnessResult, type RobustnessSpec, type TimeSeriesResult, type TypologyResult, type TypologySpec,
} from '../contract';
import { DEFAULT_DISCLOSURE, DISCLOSURE_SYMBOLS, type DisclosureOptions } from '../analysis/disclosure';
import { INDICATOR_CATALOGUE } from '../analysis/indicators';
import { buildIndexMap, type IndexMapView } from '../map/indexMaps';
import { isNumeric } from '../engine/describe';
import { totalKind, type TotalKind } from '../contract/levels';
import { errorText, t } from '../../i18n/index';
import { TaskState } from './task.svelte';
import { SOZIALINDEX_PART, sozialindexPart } from './parts/sozialindex';

export interface IndicatorRow extends IndicatorSpec {
  uid: number;
  weight: number;
  polarity: 1 | -1;
}

export type IndexSection = 'indicators' | 'index' | 'results' | 'typology' | 'robustness' | 'time';

let uid = 0;

/**
 * State of the Sozialindex workspace: source, indicators, settings and the results computed in
 * the worker. Every change schedules a debounced recomputation; only the latest answer is kept.
 */
export class SozialindexState {
  layer = $state<string | null>(null);
  /** joined table (null = the layer's own columns) */
  join = $state<JoinSpecInput | null>(null);
  population = $state<string | null>(null);
  indicators = $state<IndicatorRow[]>([]);
  settings = $state<IndexSettings>(defaultIndexSettings());
  disclosure = $state<Required<DisclosureOptions>>({ ...DEFAULT_DISCLOSURE });
  /** weights per Lebensbereich (split equally among its indicators) instead of per indicator */
  grouped = $state(false);
  groupWeights = $state<Record<string, number>>({});
  section = $state<IndexSection>('indicators');
  years = $state<string[]>([]);
  summaries = $state.raw<IndicatorSummary[] | null>(null);
  run = $state.raw<IndexRun | null>(null);
  typology = $state.raw<TypologyResult | null>(null);
  robustness = $state.raw<RobustnessResult | null>(null);
  series = $state.raw<TimeSeriesResult | null>(null);
  seriesYear = $state(0);
  typSpec = $state<TypologySpec>({ ...DEFAULT_TYPOLOGY_SPEC });
  robSpec = $state<RobustnessSpec>({ ...DEFAULT_ROBUSTNESS_SPEC });
  tsMode = $state<'each' | 'base'>('each');
  tsBase = $state<string | null>(null);
  mapView = $state<IndexMapView>('class');
  error = $state<string | null>(null);
  computing = $state(false);
  /** the robustness run (progress, stage, „Abbrechen“) */
  robustTask: TaskState;
  private seq = 0;
  private summaryKey = '';
  /** the request the typology, robustness and time series belong to (kept while it does not change) */
  private runKey = '';
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** What the pooled value of all areas is: a Kreis (a level of Gemeinden above) or a Stadt — one rule with the report (contract totalKind). */
  get totalKind(): TotalKind {
    const labels: string[] = [];
    let l = this.app.layers.find((x) => x.table === this.layer);
    const seen = new Set<string>();
    while (l?.parentLayer && !seen.has(l.parentLayer)) {
      seen.add(l.parentLayer);
      l = this.app.layers.find((x) => x.table === l!.parentLayer);
      if (l) labels.push(l.label);
    }
    return totalKind(labels);
  }

  /** „Kreis“ / „Stadt“ in the current language (column heads, the indicator list). */
  get totalLabel(): string {
    return t(`levels.total.${this.totalKind}`);
  }

  /** the project's disclosure settings („Ebenen“), which reports and exports apply with the stricter thresholds */
  get projectDisclosure() {
    return this.map.levels.settings;
  }

  constructor(private app: AppState, private map: MapState) {
    this.robustTask = new TaskState(app);
  }

  /** Pick the first joined table (or the first layer) and its population column. */
  initSource(): void {
    const keep = this.layer && this.app.layers.some((l) => l.table === this.layer);
    // a join that arrives after its layer (demo loading) replaces an untouched layer-only source
    if (keep && (this.join || this.indicators.length || !this.app.joins.length)) return;
    const j = this.app.joins[0] ?? null;
    this.setSource(j ? j.layer : (this.app.layers[0]?.table ?? null), j);
  }

  setSource(layer: string | null, join: JoinSpecInput | null): void {
    this.layer = layer;
    this.join = join ? { ...join } : null;
    const cols = this.columns();
    this.population = cols.find((c) => /^(ew|einwohner|bev(oe|ö)lkerung)(_?ges(amt)?)?$/i.test(c)) ?? null;
    this.indicators = [];
    this.run = this.summaries = this.typology = this.robustness = this.series = null;
  }

  /** Numeric columns of the source table. */
  columns(): string[] {
    const tb = this.app.table(this.join?.table ?? this.layer);
    return tb ? tb.columns.filter(isNumeric).map((c) => c.name).filter((c) => c !== this.join?.yearColumn) : [];
  }

  /** Add every catalogue indicator whose columns are found in the source (auto-suggest). */
  async suggest(): Promise<number> {
    const table = this.join?.table ?? this.layer;
    if (!table) return 0;
    const sug = await this.app.run(t('ix.suggesting'), () => this.app.engine.indexSuggest(table));
    if (!sug) return 0;
    let added = 0;
    for (const s of sug) {
      if (!s.numerator || !s.denominator || this.indicators.some((i) => i.numerator === s.numerator && i.denominator === s.denominator)) continue;
      this.addTemplate(s.key, s.numerator, s.denominator);
      added++;
    }
    return added;
  }

  addTemplate(key: string, numerator: string | null, denominator: string | null): void {
    const tpl = INDICATOR_CATALOGUE.find((x) => x.key === key);
    if (!tpl) return;
    const cols = this.columns();
    this.indicators = [...this.indicators, {
      uid: ++uid, name: tpl.name, numerator: numerator ?? cols[0] ?? '', denominator: denominator ?? null, scale: tpl.scale, unit: tpl.unit,
      lebensbereich: tpl.lebensbereich, zielgruppe: tpl.zielgruppe, polarity: tpl.polarity, weight: 1, reference: null,
    }];
  }

  addCustom(): void {
    const cols = this.columns();
    this.indicators = [...this.indicators, {
      uid: ++uid, name: t('ix.ind.newName', { n: this.indicators.length + 1 }), numerator: cols[0] ?? '', denominator: this.population, scale: 100, unit: '%',
      lebensbereich: 'Teilhabe', zielgruppe: '', polarity: 1, weight: 1, reference: null,
    }];
  }

  /** Replace the indicator list (restore, share link); each row gets a fresh uid. */
  setIndicators(rows: Omit<IndicatorRow, 'uid'>[]): void {
    this.indicators = rows.map((r) => ({ ...r, uid: ++uid }));
  }

  remove(uid: number): void {
    this.indicators = this.indicators.filter((i) => i.uid !== uid);
  }

  /** Effective indicator weights (grouped: the Lebensbereich weight split equally). */
  weights(): number[] {
    if (!this.grouped) return this.indicators.map((i) => i.weight);
    const count: Record<string, number> = {};
    for (const i of this.indicators) count[i.lebensbereich ?? ''] = (count[i.lebensbereich ?? ''] ?? 0) + 1;
    return this.indicators.map((i) => (this.groupWeights[i.lebensbereich ?? ''] ?? 1) / count[i.lebensbereich ?? '']);
  }

  request(): IndexRequest | null {
    if (!this.layer || this.indicators.length === 0 || this.indicators.some((i) => !i.numerator)) return null;
    const w = this.weights();
    const source = this.join ? { ...$state.snapshot(this.join), population: this.population } : { layer: this.layer, population: this.population };
    return {
      source,
      indicators: this.indicators.map((i, j) => ({ ...$state.snapshot(i), weight: w[j], denominator: i.denominator || null })),
      settings: $state.snapshot(this.settings) as IndexSettings,
      disclosure: $state.snapshot(this.disclosure),
    };
  }

  /** Debounced recomputation (slider moves): summaries and index in the worker. */
  schedule(delay = 120): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.compute(), delay);
  }

  async compute(): Promise<void> {
    const req = this.request();
    const my = ++this.seq;
    if (!req) { this.run = null; this.summaries = null; return; }
    this.computing = true;
    try {
      // summaries do not depend on weights or settings: a slider move only recomputes the index
      const sumKey = JSON.stringify([req.source, req.indicators.map(({ weight: _w, ...rest }) => rest), req.disclosure]);
      const [sum, run] = await Promise.all([
        sumKey === this.summaryKey ? null : this.app.engine.indexSummaries(req),
        this.app.engine.indexCompute(req),
      ]);
      if (my !== this.seq) return;
      if (sum) {
        this.years = sum.years;
        this.summaries = sum.summaries;
        this.summaryKey = sumKey;
      }
      this.run = run;
      this.error = null;
      // a recomputation of the same request (tab shown again, restore) keeps the derived results
      const key = JSON.stringify(req);
      if (key !== this.runKey) {
        this.typology = this.robustness = this.series = null;
        if (this.mapView !== 'class' && this.mapView !== 'score' && !(this.mapView === 'bivariate' && run.status)) this.mapView = 'class';
      }
      this.runKey = key;
      if (this.app.workspace === 'index') await this.showMap();
    } catch (e) {
      if (my === this.seq) this.error = errorText(e).message;
    } finally {
      if (my === this.seq) this.computing = false;
    }
  }

  async showMap(view: IndexMapView = this.mapView): Promise<void> {
    if (!this.run || !this.layer) return;
    const m = buildIndexMap(view, this.run, { typology: this.typology, robustness: this.robustness, series: this.series, seriesYear: this.seriesYear });
    if (!m) return;
    this.mapView = view;
    await this.map.showCustom(this.layer, { ...m, owner: SOZIALINDEX_PART, rule: { enabled: true, ...$state.snapshot(this.disclosure) } });
  }

  async computeTypology(show = true): Promise<void> {
    const req = this.request();
    if (!req) return;
    const r = await this.app.run(t('ix.typ.busy'), () => this.app.engine.indexTypology(req, $state.snapshot(this.typSpec)));
    if (r) { this.typology = r; if (show) await this.showMap('type'); }
  }

  async computeRobustness(show = true): Promise<void> {
    const req = this.request();
    if (!req) return;
    const spec = $state.snapshot(this.robSpec);
    const r = await this.robustTask.run(t('ix.rob.busy'), (onProgress, id) => this.app.engine.indexRobustness(req, spec, onProgress, id));
    if (r) { this.robustness = r; if (show) await this.showMap('certainty'); }
  }

  cancelRobustness(): void {
    this.robustTask.cancel();
  }

  async computeSeries(show = true): Promise<void> {
    const req = this.request();
    if (!req) return;
    const r = await this.app.run(t('ix.ts.busy'), () => this.app.engine.indexTimeSeries(req, { mode: this.tsMode, baseYear: this.tsBase }));
    if (r) { this.series = r; if (show) { this.seriesYear = r.years.length - 1; await this.showMap('year'); } }
  }

  /**
   * Official symbol hiding the standardised value of indicator j in area i (METHODS §6: a z-value
   * reveals its rate, so a secret or unreliable rate hides its z too), or null when it may be shown.
   */
  zSymbol(j: number, i: number): string | null {
    const run = this.run;
    const s = run ? this.summaries?.[j]?.years[this.years.indexOf(run.year)] : undefined;
    if (!s) return null;
    const st = DISCLOSURE_ORDER[s.disclosure[i]];
    return st === 'secret' || st === 'secondary' || st === 'unreliable' ? DISCLOSURE_SYMBOLS[st] : null;
  }

  toggleOutlier(id: string): void {
    const o = this.settings.outliers;
    this.settings.outliers = o.includes(id) ? o.filter((x) => x !== id) : [...o, id];
  }
}

const instances = new WeakMap<AppState, SozialindexState>();

/** One workspace state per app, so switching tabs keeps the indicators and results. */
export function sozialindexState(app: AppState, map: MapState): SozialindexState {
  let s = instances.get(app);
  if (!s) {
    instances.set(app, (s = new SozialindexState(app, map)));
    app.persisted.register(sozialindexPart(s));
  }
  return s;
}
