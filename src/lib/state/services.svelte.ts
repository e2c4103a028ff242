/**
 * The "Angebote & Bedarfe" workspace (issue 11): supply layers, Versorgungsquote, accessibility,
 * gaps and scenarios; what the map shows and how map clicks edit a scenario. Runs every
 * analysis for the status quo and, when a scenario is chosen, for the scenario side by side.
 */
import type { AppState } from './app.svelte';
import type { MapOverlay, MapState, OverlayPick } from './map.svelte';
import { SupplyState } from './servicesSupply.svelte';
import { AccessSettings, CoverageSettings, GapSettings } from './servicesAnalysis.svelte';
import { ScenarioState } from './servicesScenarios.svelte';
import { coverageMap, gapMap, pointColorsFor, quantileMap } from '../map/servicesMaps';
import { catchmentRing, demandLayer, scenarioLayer, serviceLayer, SVC_LAYER_IDS, type ServiceMarker } from '../map/serviceLayers';
import { classify } from '../analysis/classify';
import { looksLikeGrid } from '../analysis/pointCoords';
import { paletteColors } from '../map/palettes';
import { applyScenarioPreview } from './servicesPreview';
import { SERVICES_PART, servicesPart } from './parts/services';
import type { AccessResponse, CoverageResponse, GapsResponse, PointSet, ProgressFn, TaskId } from '../contract';
import { fmtNumber, t } from '../../i18n/index';
import { registerReportExtras } from './report.svelte';
import { sozialindexState } from './sozialindex.svelte';
import type { ServicesReportRequest } from '../engine/reportServices';

/** Metres around an area within which a profile lists services as „in der Nähe“. */
export const PROFILE_RADIUS = 500;

export type ServicesMap = 'coverage' | 'access' | 'gaps';

/** Results of one side (status quo or scenario). */
export interface Side {
  coverage: CoverageResponse | null;
  access: AccessResponse | null;
  gaps: GapsResponse | null;
}

const empty = (): Side => ({ coverage: null, access: null, gaps: null });

export class ServicesState {
  supply: SupplyState;
  cov: CoverageSettings;
  acc: AccessSettings;
  gap: GapSettings;
  sc = new ScenarioState();
  base = $state.raw<Side>(empty());
  scen = $state.raw<Side>(empty());
  shown = $state<ServicesMap | null>(null);
  /** show the scenario's results on the map (else the status quo) */
  mapScenario = $state(true);
  error = $state<string | null>(null);
  /** a point inside each area of the coverage layer, for placing a new service in an area */
  interior = $state.raw<{ names: string[]; lon: number[]; lat: number[] } | null>(null);

  constructor(
    private app: AppState,
    private map: MapState,
  ) {
    this.supply = new SupplyState(app);
    this.cov = new CoverageSettings(app);
    this.acc = new AccessSettings();
    this.gap = new GapSettings();
  }

  /** Straight-line catchment ring radius (m) of the selected service (none for a cost table). */
  get ring(): number {
    return this.acc.costKind === 'table' ? 0 : Number(this.acc.maxCost) / Math.max(1, Number(this.acc.detour));
  }

  private initing: Promise<void> | null = null;

  /** Takes over the point tables and guesses settings; a call while one runs waits for it (no double layers). */
  init(): Promise<void> {
    return (this.initing ??= this.doInit().finally(() => (this.initing = null)));
  }

  private async doInit(): Promise<void> {
    await this.supply.autoAdd();
    await this.cov.init();
    this.gap.init(this.cov.src);
    if (!this.acc.areaPopulation) this.acc.areaPopulation = this.cov.target;
    // the finest demand data wins: a Zensus-style grid of the target group, when loaded
    if (!this.acc.demandTable) {
      const grid = this.app.tables.find((tb) => looksLikeGrid(tb.columns.map((c) => c.name)));
      if (grid) {
        this.acc.chooseDemandTable(this.app, grid.name);
        if (this.acc.demandPopulation) this.acc.demandKind = 'points';
      }
    }
  }

  /** Loads {@link interior} for the coverage layer (kept as it was when that fails). */
  async loadInterior(): Promise<void> {
    const layer = this.cov.src.layer();
    if (!layer || !this.app.ready) return;
    this.interior = await this.app.engine.areaInteriorPoints(layer).catch(() => this.interior);
  }

  /**
   * Runs coverage, accessibility and gaps for the status quo (and the scenario, if one is chosen).
   * `draw = false` when a restored session recomputes: the session draws the saved map itself.
   */
  async runAll(what: ServicesMap = 'coverage', draw = true): Promise<void> {
    const spec = this.supply.activeSpec();
    if (!spec) return;
    this.error = null;
    const out = await this.app.run(
      t('svc.running'),
      async (onProgress, id) => {
        const base = await this.side(spec, undefined, onProgress, id);
        const edits = this.sc.edits();
        const scen = edits ? await this.side(spec, edits, onProgress, id) : empty();
        return { base, scen };
      },
      true,
    );
    if (!out) return;
    this.base = out.base;
    this.scen = out.scen;
    if (draw) await this.show(what);
    else this.shown = what;
  }

  /** Recomputes only the scenario side (after an edit). */
  async runScenario(): Promise<void> {
    const spec = this.supply.activeSpec();
    const edits = this.sc.edits();
    if (!spec) return;
    if (!edits) {
      this.scen = empty();
      if (this.shown) await this.show(this.shown);
      return;
    }
    const scen = await this.app.run(t('svc.running'), (onProgress, id) => this.side(spec, edits, onProgress, id), true);
    if (!scen) return;
    this.scen = scen;
    if (this.shown) await this.show(this.shown);
  }

  private async side(spec: NonNullable<ReturnType<SupplyState['activeSpec']>>, edits: ReturnType<ScenarioState['edits']>, onProgress?: ProgressFn, id?: TaskId): Promise<Side> {
    const e = this.app.engine;
    const creq = this.cov.request(spec, edits);
    const coverage = creq ? await e.serviceCoverage(creq) : null;
    const areq = this.acc.request(this.cov, spec, edits);
    const access = areq ? await e.serviceAccess(areq, onProgress, id) : null;
    const greq = this.gap.request(this.app, this.map, this.cov.src, coverage, access);
    const gaps = greq ? await e.serviceGaps(greq) : null;
    return { coverage, access, gaps };
  }

  /**
   * What the report and the area profiles show (`request.extras.services`): the active supply layer
   * with its category filter, and the analyses run here (status quo) when they are on the report's
   * area layer. Null without a supply layer.
   */
  reportRequest(): ServicesReportRequest | null {
    const spec = this.supply.activeSpec();
    if (!spec) return null;
    const label = this.supply.activeLayer()?.label ?? spec.table;
    const same = !!this.cov.src.layer() && this.cov.src.layer() === sozialindexState(this.app, this.map).layer;
    const b = this.base;
    const cov = same && b.coverage ? this.cov.request(spec) : null;
    const acc = same && b.access ? this.acc.request(this.cov, spec) : null;
    const need = same && b.gaps ? this.gap.need(this.app, this.map, this.cov.src) : null;
    // a snapshot (not JSON): the Sozialindex score as need keeps its NaN for unscored areas
    return $state.snapshot({
      label, services: spec, radius: PROFILE_RADIUS,
      coverage: cov ? { target: cov.target, per: cov.per, useCapacity: cov.useCapacity } : null,
      access: acc ? { demand: acc.demand, cost: acc.cost, method: acc.method, maxCost: acc.maxCost, weights: acc.weights, normalize: acc.normalize, reach: acc.reach } : null,
      gaps: need ? { need, supply: this.gap.supplyKind } : null,
    });
  }

  /** Settings that belong to a scenario export (method, catchment, target group; no data). */
  settingsSnapshot(): unknown {
    const a = this.acc;
    return {
      supply: this.supply.activeLayer()?.spec ?? null,
      categories: this.supply.activeLayer()?.categories ?? [],
      target: this.cov.target, per: this.cov.per,
      method: a.method, maxCost: a.maxCost, weights: a.weights(), cost: a.costKind, detour: a.detour,
    };
  }

  notify(message: string): void {
    this.app.notify('error', t('ws.services'), message);
  }

  /** The side the map and the lists show. */
  view(): Side {
    return this.sc.current !== null && this.mapScenario && (this.scen.coverage || this.scen.access) ? this.scen : this.base;
  }

  async show(what: ServicesMap): Promise<void> {
    const layer = this.cov.src.layer();
    const v = this.view();
    if (!layer) return;
    const suffix = v === this.scen ? ` – ${this.sc.scenario()?.name ?? ''}` : '';
    if (what === 'coverage' && v.coverage) {
      const c = v.coverage;
      const title = t(c.useCapacity ? 'svc.map.coverageCap' : 'svc.map.coverageCount', { per: c.per, target: this.cov.target }) + suffix;
      await this.map.showCustom(layer, { ...coverageMap(title, c.rate, c.rateStatus), owner: SERVICES_PART });
    } else if (what === 'access' && v.access?.areas) {
      const a = v.access.areas;
      const vals = Float64Array.from(a.access, (x, i) => (a.population[i] > 0 ? x : NaN));
      await this.map.showCustom(layer, { ...quantileMap(t('svc.map.access', { method: v.access.method.toUpperCase() }) + suffix, vals, '', undefined, 'viridis'), owner: SERVICES_PART });
    } else if (what === 'gaps' && v.gaps) {
      await this.map.showCustom(layer, { ...gapMap(t('svc.map.gaps') + suffix, v.gaps.cell, v.gaps.need, t('svc.map.gapsValue', { need: v.gaps.needLabel })), owner: SERVICES_PART });
    } else return;
    this.shown = what;
  }

  /** Points of the active layer with the scenario applied (what the map draws). */
  shownPoints(): (PointSet & { edited: Set<string> }) | null {
    const ps = this.supply.activePoints();
    if (!ps) return null;
    return applyScenarioPreview(ps, this.sc.edits());
  }

  /** deck.gl overlay: service symbols of every visible layer, ring, demand points, scenario marks. */
  overlay(): MapOverlay {
    const layers: unknown[] = [];
    const markers: ServiceMarker[] = [];
    const refs: { key: string; id: string; name: string; category: string; value: number }[] = [];
    const activeKey = this.supply.activeLayer()?.key;
    for (const l of this.supply.layers) {
      if (!l.visible) continue;
      const ps = l.key === activeKey ? this.shownPoints() : this.supply.points[l.key];
      if (!ps) continue;
      const edited = 'edited' in ps ? (ps as { edited: Set<string> }).edited : new Set<string>();
      for (let i = 0; i < ps.ids.length; i++) {
        if (!this.supply.shows(l, ps.categories[i]) || !Number.isFinite(ps.lon[i])) continue;
        const sel = this.supply.selected;
        markers.push({ lon: ps.lon[i], lat: ps.lat[i], k: this.supply.categoryIndex(l.key, ps.categories[i]), i: refs.length, highlight: (sel?.key === l.key && sel.index === i) || edited.has(ps.ids[i]) });
        refs.push({ key: l.key, id: ps.ids[i], name: ps.names[i], category: ps.categories[i], value: ps.values[i] });
      }
    }
    const v = this.view();
    const acc = v.access;
    if (acc && acc.demandKind !== 'areas' && this.shown === 'access' && acc.areas) {
      const a = acc.areas;
      const c = classify(Float64Array.from(a.access, (x, i) => (a.population[i] > 0 ? x : NaN)), 'quantile', 5);
      layers.push(demandLayer(acc.demand.lon, acc.demand.lat, pointColorsFor(acc.demand.access, c.breaks, paletteColors('viridis', Math.max(1, c.breaks.length - 1)))));
    }
    layers.push(serviceLayer(markers, { trigger: [this.supply.selected, this.sc.scenario()?.edits.length] }));
    const sel = this.selectedService();
    layers.push(catchmentRing(sel && this.ring > 0 ? { lon: sel.lon, lat: sel.lat } : null, this.ring));
    layers.push(scenarioLayer(this.sc.markers((id) => this.locate(id))));
    const mode = this.sc.mode;
    return {
      layers,
      cursor: mode === 'add' || (mode === 'move' && this.sc.moving) ? 'crosshair' : undefined,
      onClick: (p) => this.click(p, refs),
      tooltip: (p) => {
        if (p.layerId === SVC_LAYER_IDS.points) {
          const r = refs[(p.object as ServiceMarker | undefined)?.i ?? -1];
          if (!r) return null;
          return `${r.name}${r.name !== r.id ? ` (${r.id})` : ''}\n${r.category}${Number.isFinite(r.value) ? `\n${t('svc.tip.capacity')}: ${fmtNumber(r.value)}` : ''}`;
        }
        if (p.layerId === SVC_LAYER_IDS.demand && acc) return `${acc.demand.ids[p.index]}: A = ${fmtNumber(acc.demand.access[p.index], 4)} (${t('svc.tip.population')} ${fmtNumber(acc.demand.population[p.index])})`;
        return null;
      },
    };
  }

  /** Position of a service of the active layer by id (status quo). */
  locate(id: string): { lon: number; lat: number } | null {
    const ps = this.supply.activePoints();
    const i = ps?.ids.indexOf(id) ?? -1;
    return ps && i >= 0 ? { lon: ps.lon[i], lat: ps.lat[i] } : null;
  }

  selectedService(): { key: string; index: number; id: string; name: string; lon: number; lat: number; value: number; category: string } | null {
    const s = this.supply.selected;
    if (!s) return null;
    const ps = s.key === this.supply.activeLayer()?.key ? this.shownPoints() : this.supply.points[s.key];
    if (!ps || s.index >= ps.ids.length) return null;
    return { ...s, id: ps.ids[s.index], name: ps.names[s.index], lon: ps.lon[s.index], lat: ps.lat[s.index], value: ps.values[s.index], category: ps.categories[s.index] };
  }

  private click(p: OverlayPick, refs: { key: string; id: string }[]): boolean {
    const mode = this.sc.mode;
    const ref = p.layerId === SVC_LAYER_IDS.points ? refs[(p.object as ServiceMarker | undefined)?.i ?? -1] : undefined;
    if (mode === 'add' && p.coordinate) {
      this.sc.add(p.coordinate[0], p.coordinate[1]);
      void this.runScenario();
      return true;
    }
    if (mode === 'remove' && ref) {
      this.sc.removeService(ref.id);
      this.supply.selected = null;
      void this.runScenario();
      return true;
    }
    if (mode === 'move') {
      if (ref && !this.sc.moving) {
        this.sc.moving = ref.id;
        return true;
      }
      if (this.sc.moving && p.coordinate) {
        this.sc.move(this.sc.moving, p.coordinate[0], p.coordinate[1]);
        this.sc.moving = null;
        void this.runScenario();
        return true;
      }
    }
    if (ref) {
      const ps = ref.key === this.supply.activeLayer()?.key ? this.shownPoints() : this.supply.points[ref.key];
      this.supply.selected = { key: ref.key, index: ps?.ids.indexOf(ref.id) ?? -1 };
      return true;
    }
    return false;
  }
}

const states = new WeakMap<AppState, ServicesState>();

// the report and the profiles show the services of the active layer (the CLI: `report --services`)
registerReportExtras('services', (app) => states.get(app)?.reportRequest() ?? null);

/** The workspace state of this app (created on first use). */
export function servicesState(app: AppState, map: MapState): ServicesState {
  let s = states.get(app);
  if (!s) {
    states.set(app, (s = new ServicesState(app, map)));
    app.persisted.register(servicesPart(s));
  }
  return s;
}
