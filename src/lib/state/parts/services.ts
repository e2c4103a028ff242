/**
 * "Angebote & Bedarfe" as a persisted part (issue 10's registry): supply layers with their column
 * choices and filters, the settings of Versorgungsquote, accessibility and gaps, whether they were
 * computed (recomputed on restore) and the scenarios, which are the user's own content.
 */
import type { PersistedPart, RestoreContext } from '../persisted';
import type { ServicesState, ServicesMap } from '../services.svelte';
import type { SupplyLayerSettings } from '../servicesSupply.svelte';
import type { JoinSpecInput } from '../../contract/catalog';
import type { PointSpec, Scenario } from '../../contract/services';
import type { WeightStep } from '../../analysis/catchmentWeights';
import { t } from '../../../i18n/index';

export const SERVICES_PART = 'services';

/** A plain, JSON-safe copy (the state's proxies and arrays; this file is not compiled with runes). */
const plain = <T>(x: T): T => (x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T));

interface SavedSource {
  layer: string;
  join: JoinSpecInput | null;
  year: string;
}

/** Version 1 of the saved data. */
export interface ServicesSaved {
  layers: Omit<SupplyLayerSettings, 'key'>[];
  active: number;
  source: SavedSource | null;
  coverage: { target: string; per: number; useCapacity: boolean; publicServices: boolean };
  access: Record<string, string | number | boolean | WeightStep[]>;
  gap: { needKind: 'variable' | 'index'; needColumn: string; needDenominator: string; needScale: number; supplyKind: 'coverage' | 'access' };
  scenarios: Scenario[];
  current: number | null;
  ran: boolean;
  shown: ServicesMap | null;
}

const ACCESS_KEYS = ['demandKind', 'areaPopulation', 'demandTable', 'demandId', 'demandPopulation', 'demandX', 'demandY', 'costKind', 'detour', 'costTable', 'costOrigin', 'costDestination', 'costValue', 'network', 'method', 'maxCost', 'weightsKind', 'steps', 'gravityScale', 'gravityAlpha', 'gravityMin', 'sigma', 'normalize', 'reach'] as const;
const TABLE_KEYS = new Set(['demandTable', 'costTable', 'network']);

export function servicesPart(s: ServicesState): PersistedPart<ServicesSaved, Omit<ServicesSaved, 'layers' | 'source' | 'scenarios' | 'current' | 'ran' | 'shown' | 'active'>> {
  const accessSettings = () => Object.fromEntries(ACCESS_KEYS.map((k) => [k, plain(s.acc[k])])) as ServicesSaved['access'];
  return {
    key: SERVICES_PART,
    version: 1,
    order: 40,
    label: () => t('ws.services'),
    save() {
      if (!s.supply.layers.length && !s.sc.list.length) return null;
      const o = s.cov.src.current();
      return {
        layers: s.supply.layers.map(({ key: _k, ...l }) => plain(l) as Omit<SupplyLayerSettings, 'key'>),
        active: Math.max(0, s.supply.layers.findIndex((l) => l.key === s.supply.activeLayer()?.key)),
        source: o ? { layer: o.layer, join: o.join, year: s.cov.src.year } : null,
        coverage: { target: s.cov.target, per: Number(s.cov.per), useCapacity: s.cov.useCapacity, publicServices: s.cov.publicServices },
        access: accessSettings(),
        gap: { needKind: s.gap.needKind, needColumn: s.gap.needColumn, needDenominator: s.gap.needDenominator, needScale: Number(s.gap.needScale), supplyKind: s.gap.supplyKind },
        scenarios: plain(s.sc.list) as Scenario[],
        current: s.sc.current,
        ran: !!(s.base.coverage || s.base.access || s.base.gaps),
        shown: s.shown,
      };
    },
    async restore(d: ServicesSaved, ctx: RestoreContext) {
      for (const l of d.layers) {
        const table = ctx.table(l.spec.table);
        if (!table) {
          ctx.warn(t('svc.persist.layerMissing', { name: l.label }));
          continue;
        }
        if (await s.supply.add({ ...l.spec, table } as PointSpec, l.categories)) {
          const added = s.supply.layers[s.supply.layers.length - 1];
          added.visible = l.visible;
          added.label = l.label;
        }
      }
      s.supply.active = s.supply.layers[d.active]?.key ?? s.supply.layers[0]?.key ?? null;
      if (d.source) {
        const layer = ctx.table(d.source.layer);
        const join = d.source.join ? ctx.join(d.source.join) : null;
        const opt = s.cov.src.options().find((x) => (join ? x.join?.table === join.table && x.join.layer === join.layer : !x.join && x.layer === layer));
        if (opt) {
          await s.cov.src.choose(opt.value);
          if (s.cov.src.years.includes(d.source.year)) s.cov.src.year = d.source.year;
        }
      }
      Object.assign(s.cov, d.coverage);
      for (const k of ACCESS_KEYS) {
        const v = d.access[k];
        if (v === undefined) continue;
        (s.acc as unknown as Record<string, unknown>)[k] = TABLE_KEYS.has(k) ? (ctx.table(v as string) ?? '') : v;
      }
      Object.assign(s.gap, d.gap);
      s.sc.list = d.scenarios;
      s.sc.current = d.current !== null && d.current < d.scenarios.length ? d.current : null;
      if (d.ran && s.supply.layers.length) await s.runAll(d.shown ?? 'coverage', false);
    },
    reset() {
      for (const l of [...s.supply.layers]) s.supply.remove(l.key);
      s.sc.list = [];
      s.sc.current = null;
      s.base = { coverage: null, access: null, gaps: null };
      s.scen = { coverage: null, access: null, gaps: null };
      s.shown = null;
    },
    async showMap() {
      if (s.shown) await s.show(s.shown);
    },
    share() {
      return { coverage: { target: s.cov.target, per: Number(s.cov.per), useCapacity: s.cov.useCapacity, publicServices: s.cov.publicServices }, access: accessSettings(), gap: { ...s.gap } as ServicesSaved['gap'] };
    },
    async applyShared(x) {
      Object.assign(s.cov, x.coverage);
      for (const k of ACCESS_KEYS) if (!TABLE_KEYS.has(k) && x.access[k] !== undefined) (s.acc as unknown as Record<string, unknown>)[k] = x.access[k];
      Object.assign(s.gap, x.gap);
      return [t('share.applied', { ws: t('ws.services') })];
    },
  };
}
