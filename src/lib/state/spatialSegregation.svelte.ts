import type { AppState } from './app.svelte';
import type { MapState } from './map.svelte';
import type { SegregationRequest, SegregationResponse, IndexRow } from '../contract';
import { SourceState } from './spatialSource.svelte';
import { entropyMap, lqMap } from '../map/analysisMaps';
import { t } from '../../i18n/index';
import { DEFAULT_SNAP_M } from '../analysis/buildWeights';
import { SEGREGATION_PART, segregationPart } from './parts/spatial';

/** Settings and results of the "Segregation" workspace; kept per app across tab switches. */
export class SegregationState {
  src: SourceState;
  groups = $state<string[]>([]);
  /** '' = sum of the groups */
  total = $state('');
  minPopulation = $state(500);
  atkinsonB = $state(0.5);
  permutations = $state(999);
  seed = $state(12345);
  trend = $state(true);
  /** snapping tolerance (m) of the queen contiguity behind Morrill's D */
  tolerance = $state(DEFAULT_SNAP_M);
  result = $state.raw<SegregationResponse | null>(null);
  /** index whose null distribution is drawn */
  histIndex = $state<IndexRow['key']>('dissimilarity');
  /** group whose LQ map is shown */
  lqGroup = $state(0);
  /** which of this workspace's maps was drawn last */
  shown = $state<'lq' | 'entropy'>('lq');

  constructor(
    private app: AppState,
    private map: MapState,
  ) {
    this.src = new SourceState(app);
  }

  request(): SegregationRequest | null {
    const source = this.src.source();
    if (!source) return null;
    return {
      source,
      year: this.src.year || undefined,
      groups: [...this.groups],
      total: this.total || undefined,
      minPopulation: Number(this.minPopulation) || 0,
      atkinsonB: Number(this.atkinsonB),
      permutations: Math.max(0, Math.floor(Number(this.permutations) || 0)),
      seed: Math.floor(Number(this.seed) || 0),
      trend: this.trend && this.src.years.length > 1,
      tolerance: Math.max(0, Number(this.tolerance) || 0),
    };
  }

  /** "SGB-II-Empfänger vs. übrige Bevölkerung unter 65": columns guessed by name. */
  async preset(): Promise<void> {
    await this.src.ensure();
    const g = this.src.guess(/^sgb_?2$/i, /^sgb_?ii$/i, /sgb.?(2|ii)/i, /leistungsb/i);
    const tot = this.src.guess(/^ew_?u_?65$/i, /u(nter)?_?65/i, /^ew$/i, /einwohner/i);
    if (!g || !tot) {
      this.app.notify('warning', t('seg.preset'), t('seg.presetMissing'));
      return;
    }
    this.groups = [g];
    this.total = tot;
    this.minPopulation = 500;
    await this.run();
  }

  async run(show = true): Promise<void> {
    const req = this.request();
    if (!req) return;
    const r = await this.app.run(t('seg.running'), (onProgress, id) => this.app.engine.segregation(req, onProgress, id), true);
    if (!r) return;
    this.result = r;
    if (!show) return;
    this.lqGroup = 0;
    await this.showLQ(0);
  }

  async showLQ(k: number): Promise<void> {
    const r = this.result, layer = this.src.layer();
    if (!r || !layer || !r.lq[k]) return;
    this.lqGroup = k;
    this.shown = 'lq';
    await this.map.showCustom(layer, { ...lqMap(t('seg.map.lqTitle', { group: r.single[k].group }), r.lq[k]), owner: SEGREGATION_PART });
  }

  async showEntropy(): Promise<void> {
    const r = this.result, layer = this.src.layer();
    if (!r || !layer) return;
    this.shown = 'entropy';
    await this.map.showCustom(layer, { ...entropyMap(t('seg.map.entropyTitle'), r.entropyLocal), owner: SEGREGATION_PART });
  }
}

const states = new WeakMap<AppState, SegregationState>();

/** The workspace state of this app (created on first use). */
export function segregationState(app: AppState, map: MapState): SegregationState {
  let s = states.get(app);
  if (!s) {
    states.set(app, (s = new SegregationState(app, map)));
    app.persisted.register(segregationPart(s));
  }
  return s;
}
