import type { AppState } from './app.svelte';
import type { MapState } from './map.svelte';
import { DEFAULT_SNAP_M, type WeightsSpec } from '../analysis/buildWeights';
import { lisaClusters, type EbResponse, type MoranRequest, type MoranResponse, type WeightsReport } from '../contract';
import { SourceState } from './spatialSource.svelte';
import { hotSpotMap, lisaMap, neighbourMap, numericMap, significanceMap } from '../map/analysisMaps';
import { t } from '../../i18n/index';
import { rateUnit, unitSuffix } from '../format/numbers';
import { PATTERNS_PART, patternsPart } from './parts/spatial';

export type PatternMap = 'lisa' | 'significance' | 'gstar' | 'value' | 'ebGlobal' | 'ebSpatial' | 'neighbours';

/** Settings and results of the "Räumliche Muster" workspace; kept per app across tab switches. */
export class PatternsState {
  src: SourceState;
  column = $state('');
  /** '' = the column itself, else a rate column / denominator × scale */
  denominator = $state('');
  scale = $state(100);
  weightsType = $state<'queen' | 'rook' | 'knn' | 'distance'>('queen');
  k = $state(5);
  meters = $state(1000);
  /** snapping tolerance of queen/rook in metres (0 = exact, as GeoDa/PySAL) */
  tolerance = $state(DEFAULT_SNAP_M);
  permutations = $state(999);
  seed = $state(12345);
  alpha = $state(0.05);
  fdr = $state(false);
  weights = $state.raw<WeightsReport | null>(null);
  moran = $state.raw<MoranResponse | null>(null);
  eb = $state.raw<EbResponse | null>(null);
  shown = $state<PatternMap | null>(null);
  /** LISA clusters at the current level and FDR choice (no new permutations needed) */
  cluster = $derived.by(() => {
    const m = this.moran;
    return m ? lisaClusters(m.quadrant, m.pSim, m.weights.counts, Number(this.alpha), this.fdr) : null;
  });

  constructor(
    private app: AppState,
    private map: MapState,
  ) {
    this.src = new SourceState(app);
  }

  weightsSpec(): WeightsSpec {
    if (this.weightsType === 'knn') return { type: 'knn', k: Math.floor(Number(this.k)) };
    if (this.weightsType === 'distance') return { type: 'distance', meters: Number(this.meters) };
    return { type: this.weightsType, tolerance: Math.max(0, Number(this.tolerance) || 0) };
  }

  /** Guess SGB2 / EW_U65 (the demo's SGB-II-Quote) when nothing is chosen. */
  async init(): Promise<void> {
    await this.src.ensure();
    if (!this.column) {
      this.column = this.src.guess(/^sgb_?2$/i, /sgb/i) ?? this.src.columns()[0] ?? '';
      this.denominator = this.src.guess(/^ew_?u_?65$/i) ?? '';
    }
  }

  async checkWeights(): Promise<void> {
    const layer = this.src.layer();
    if (!layer) return;
    const r = await this.app.run(t('sp.w.building'), () => this.app.engine.weightsReport(layer, this.weightsSpec()));
    if (r) this.weights = r;
  }

  /** The Moran/LISA request of the current settings (also used by the report), or null. */
  moranRequest(): MoranRequest | null {
    const source = this.src.source();
    if (!source || !this.column) return null;
    return {
      source, year: this.src.year || undefined, column: this.column, denominator: this.denominator || undefined, scale: Number(this.scale),
      weights: this.weightsSpec(),
      permutations: Math.max(0, Math.floor(Number(this.permutations) || 0)),
      seed: Math.floor(Number(this.seed) || 0),
      alpha: Number(this.alpha),
      fdr: this.fdr,
    };
  }

  async run(show = true): Promise<void> {
    const req = this.moranRequest();
    if (!req) return;
    const m = await this.app.run(t('sp.running'), (onProgress, id) => this.app.engine.moran(req, onProgress, id), true);
    if (!m) return;
    this.moran = m;
    this.weights = m.weights;
    this.eb = this.denominator
      ? ((await this.app.run(t('sp.eb.running'), () =>
          this.app.engine.ebRates({ source: req.source, year: req.year, events: this.column, population: this.denominator, weights: req.weights, scale: req.scale ?? 100 }),
        )) ?? null)
      : null;
    if (show) await this.show('lisa');
  }

  /** After a new level or FDR choice: redraw a LISA map that is on screen. */
  async significanceChanged(): Promise<void> {
    if (this.shown === 'lisa' || this.shown === 'significance') await this.show(this.shown);
  }

  variableLabel(): string {
    const base = this.denominator ? `${this.column} / ${this.denominator} × ${this.scale}` : this.column;
    return this.src.year ? `${base} (${this.src.year})` : base;
  }

  async show(kind: PatternMap): Promise<void> {
    const layer = this.src.layer();
    const m = this.moran, eb = this.eb;
    if (!layer) return;
    const v = this.variableLabel();
    const unit = this.denominator ? unitSuffix(rateUnit(Number(this.scale))) : '';
    let custom;
    if (kind === 'neighbours') custom = this.weights && neighbourMap(t('sp.map.neighbours'), this.weights.counts);
    else if (!m) return;
    else if (kind === 'lisa') custom = lisaMap(t('sp.map.lisa', { v }), this.cluster ?? m.cluster, m.Ii);
    else if (kind === 'significance')
      custom = significanceMap(t('sp.map.significance', { v }), m.pSim, Uint8Array.from(this.cluster ?? m.cluster, (c) => (c >= 1 && c <= 4 ? 1 : 0)));
    else if (kind === 'gstar') custom = hotSpotMap(t('sp.map.gstar', { v }), m.gz, m.gp);
    else if (kind === 'value') custom = numericMap(v, eb?.raw ?? m.x, undefined, unit);
    else if (eb) {
      const raw = numericMap(v, eb.raw, undefined, unit);
      const smoothed = kind === 'ebGlobal' ? eb.global : eb.spatial;
      if (smoothed) custom = numericMap(t(kind === 'ebGlobal' ? 'sp.map.ebGlobal' : 'sp.map.ebSpatial', { v }), smoothed, widen(raw.breaks!, smoothed), unit);
    }
    if (!custom) return;
    this.shown = kind;
    await this.map.showCustom(layer, { ...custom, owner: PATTERNS_PART });
  }
}

/** Raw-rate breaks stretched to cover the smoothed values, so both maps share their classes. */
function widen(breaks: number[], v: Float64Array): number[] {
  const b = breaks.slice();
  for (const x of v) {
    if (x < b[0]) b[0] = x;
    if (x > b[b.length - 1]) b[b.length - 1] = x;
  }
  return b;
}

const states = new WeakMap<AppState, PatternsState>();

/** The workspace state of this app (created on first use). */
export function patternsState(app: AppState, map: MapState): PatternsState {
  let s = states.get(app);
  if (!s) {
    states.set(app, (s = new PatternsState(app, map)));
    app.persisted.register(patternsPart(s));
  }
  return s;
}
