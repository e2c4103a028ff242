/**
 * Settings and results of the three analyses of "Angebote & Bedarfe": Versorgungsquote per
 * area, accessibility (floating catchments) and the need × supply gaps. Each `request()` builds
 * the plain request the engine (and the CLI) take; `run()` sends it to the worker.
 */
import type { AppState } from './app.svelte';
import type { MapState } from './map.svelte';
import { SourceState } from './spatialSource.svelte';
import type { SupplyState } from './servicesSupply.svelte';
import { sozialindexState } from './sozialindex.svelte';
import { stepsForCatchment, type WeightSpec, type WeightStep } from '../analysis/catchmentWeights';
import type {
  AccessMethod, AccessRequest, AccessResponse, CostSpec, CoverageRequest, CoverageResponse, DemandSpec, GapsRequest, NeedSpec, PointSpec, ScenarioEdit,
} from '../contract/services';
import { t } from '../../i18n/index';

export type WeightsKind = 'none' | 'step' | 'gravity' | 'gaussian';

export class CoverageSettings {
  src: SourceState;
  target = $state('');
  per = $state(100);
  useCapacity = $state(true);
  /** facility counts and places are public register data: not suppressed (the target group is) */
  publicServices = $state(true);

  constructor(app: AppState) {
    this.src = new SourceState(app);
  }

  /** Children under 6 (Kita), else the first column. */
  async init(): Promise<void> {
    await this.src.ensure();
    if (!this.target) this.target = this.src.guess(/^ew_?u_?6$/i, /u_?6\b/i, /kinder/i, /^ew$/i) ?? this.src.columns()[0] ?? '';
  }

  request(services: PointSpec, scenario?: ScenarioEdit[]): CoverageRequest | null {
    const layer = this.src.layer();
    const source = this.src.source();
    if (!layer || !source) return null;
    return {
      services, layer, per: Number(this.per), useCapacity: this.useCapacity && !!services.capacity, scenario,
      target: this.target ? { source, column: this.target, year: this.src.year || undefined } : undefined,
    };
  }
}

export class AccessSettings {
  demandKind = $state<'areas' | 'points'>('areas');
  /** population column per area (areas as demand) */
  areaPopulation = $state('');
  demandTable = $state('');
  demandId = $state('');
  demandPopulation = $state('');
  demandX = $state('');
  demandY = $state('');
  costKind = $state<CostSpec['kind']>('euclidean');
  detour = $state(1);
  costTable = $state('');
  costOrigin = $state('');
  costDestination = $state('');
  costValue = $state('');
  network = $state('');
  method = $state<AccessMethod>('e2sfca');
  maxCost = $state(1500);
  weightsKind = $state<WeightsKind>('step');
  steps = $state<WeightStep[]>(stepsForCatchment(1500));
  gravityScale = $state(500);
  gravityAlpha = $state(-1);
  gravityMin = $state(50);
  sigma = $state(750);
  normalize = $state(false);
  reach = $state(500);

  /** The weights the method uses (E2SFCA: steps; 2SFCA/FCA: the chosen kind). */
  weights(): WeightSpec {
    switch (this.weightsKind) {
      case 'step':
        return { kind: 'step', steps: $state.snapshot(this.steps).map((s) => ({ upTo: Number(s.upTo), weight: Number(s.weight) })) };
      case 'gravity':
        return { kind: 'gravity', scale: Number(this.gravityScale), alpha: Number(this.gravityAlpha), minCost: Number(this.gravityMin) };
      case 'gaussian':
        return { kind: 'gaussian', sigma: Number(this.sigma) };
      default:
        return { kind: 'none' };
    }
  }

  setMethod(m: AccessMethod): void {
    this.method = m;
    this.weightsKind = m === 'e2sfca' ? 'step' : m === '3sfca' ? 'gaussian' : 'none';
  }

  /** Catchment changed: stretch the default steps to it (1 / 0.68 / 0.22 in thirds). */
  setMaxCost(v: number): void {
    this.maxCost = v;
    this.steps = stepsForCatchment(v);
    this.sigma = Math.round(v / 2);
    this.gravityScale = Math.round(v / 3);
  }

  unit(): string {
    return this.costKind === 'table' ? t('svc.acc.unitCost') : 'm';
  }

  request(cov: CoverageSettings, supply: PointSpec, scenario?: ScenarioEdit[]): AccessRequest | null {
    const layer = cov.src.layer();
    const source = cov.src.source();
    let demand: DemandSpec;
    if (this.demandKind === 'areas') {
      if (!layer || !source || !this.areaPopulation) return null;
      demand = { kind: 'areas', layer, population: { source, column: this.areaPopulation, year: cov.src.year || undefined } };
    } else {
      if (!this.demandTable || !this.demandPopulation) return null;
      demand = {
        kind: 'points', population: this.demandPopulation,
        points: { table: this.demandTable, id: this.demandId || undefined, x: this.demandX || undefined, y: this.demandY || undefined },
      };
    }
    let cost: CostSpec;
    if (this.costKind === 'table') cost = { kind: 'table', table: this.costTable, origin: this.costOrigin, destination: this.costDestination, value: this.costValue };
    else if (this.costKind === 'network') cost = { kind: 'network', table: this.network };
    else cost = { kind: 'euclidean', detour: Number(this.detour) };
    return {
      demand, supply, cost, method: this.method, maxCost: Number(this.maxCost), weights: this.weights(), normalize: this.normalize, scenario,
      areas: layer ?? undefined, reach: this.costKind === 'table' ? undefined : Number(this.reach),
    };
  }

  /** Demand from a point table: guesses id, population and coordinates; grids are named. */
  chooseDemandTable(app: AppState, table: string): void {
    this.demandTable = table;
    const tb = app.table(table);
    if (!tb) return;
    const cols = tb.columns.map((c) => c.name);
    const pick = (...res: RegExp[]) => res.map((re) => cols.find((c) => re.test(c))).find((c) => c) ?? '';
    this.demandPopulation = pick(/^ew_?u_?6$/i, /kinder/i, /einwohner/i, /^ew$/i, /pop/i);
    this.demandId = pick(/gitter_?id/i, /^id$/i, /zelle/i, /(^|_)id$/i);
    this.demandX = tb.hasGeometry ? '' : pick(/^x_?mp/i, /^(x|rechtswert|rw|lon|lng)$/i);
    this.demandY = tb.hasGeometry ? '' : pick(/^y_?mp/i, /^(y|hochwert|hw|lat)$/i);
  }
}

export type NeedKind = 'variable' | 'index';

export class GapSettings {
  needKind = $state<NeedKind>('variable');
  needColumn = $state('');
  needDenominator = $state('');
  needScale = $state(100);
  supplyKind = $state<'coverage' | 'access'>('coverage');

  /** Kinderarmut (SGB2_U15 / EW_U15) on the demo, else the first column. */
  init(src: SourceState): void {
    if (this.needColumn) return;
    this.needColumn = src.guess(/^sgb_?2_?u_?15$/i, /^sgb_?2$/i) ?? src.columns()[0] ?? '';
    this.needDenominator = this.needColumn && /u_?15/i.test(this.needColumn) ? (src.guess(/^ew_?u_?15$/i) ?? '') : '';
  }

  /** The need as the engine takes it: a (rate) variable, or the Sozialindex score of the same layer. */
  need(app: AppState, map: MapState, src: SourceState): NeedSpec | null {
    if (this.needKind === 'index') {
      const run = sozialindexState(app, map).run;
      if (!run || sozialindexState(app, map).layer !== src.layer()) return null;
      return { kind: 'values', values: Array.from(run.base.score), label: t('svc.gap.indexScore') };
    }
    const source = src.source();
    if (!source || !this.needColumn) return null;
    return { kind: 'variable', source, column: this.needColumn, denominator: this.needDenominator || undefined, scale: Number(this.needScale), year: src.year || undefined };
  }

  /** Supply per area from the coverage rate or the mean accessibility (higher = better). */
  supplyValues(cov: CoverageResponse | null, acc: AccessResponse | null): { values: number[]; label: string } | null {
    if (this.supplyKind === 'access') {
      if (!acc?.areas) return null;
      return { values: Array.from(acc.areas.access, (v, a) => (acc.areas!.population[a] > 0 ? v : NaN)), label: t('svc.gap.supplyAccess') };
    }
    if (!cov) return null;
    // a suppressed rate is not published, so it does not enter the ranking either
    return { values: Array.from(cov.rate, (v, a) => (cov.rateStatus[a] === 'ok' ? v : NaN)), label: t('svc.gap.supplyRate', { per: cov.per }) };
  }

  request(app: AppState, map: MapState, src: SourceState, cov: CoverageResponse | null, acc: AccessResponse | null): GapsRequest | null {
    const layer = src.layer();
    const need = this.need(app, map, src);
    const supply = this.supplyValues(cov, acc);
    if (!layer || !need || !supply) return null;
    return { layer, need, supply: supply.values, supplyLabel: supply.label };
  }
}
