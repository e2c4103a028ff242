/**
 * The services part of reports and area profiles (issue 10 × issue 11): the settings of the
 * „Angebote & Bedarfe“ workspace arrive as `request.extras.services`; this step runs the same
 * engine calls the workspace makes (coverage, accessibility, gaps, services in or near each area)
 * on the report's area layer and returns plain data for the chapter „Angebote und Bedarfe“ and the
 * profile block (`src/lib/report/sections/services.ts`). Status quo only (no scenario).
 */
import type { Engine } from './engine';
import { coverage, servicesForArea } from './services-areas';
import { accessAnalysis } from './services-access';
import { gapAnalysis } from './services-gaps';
import { reportMap } from './report';
import { discloseCount, DISCLOSURE_SYMBOLS, type DisclosureOptions } from '../analysis/disclosure';
import { coverageMap, gapMap, quantileMap } from '../map/servicesMaps';
import type { AccessRequest, CoverageRequest, NeedSpec, PointSpec } from '../contract/services';
import type { ReportMap } from '../report/types';
import { t } from '../../i18n/index';

/** What the workspace (or the CLI's `--services`) asks the report to show. */
export interface ServicesReportRequest {
  /** name of the supply layer, e.g. „Angebote“ */
  label: string;
  services: PointSpec;
  /** metres around an area that count as „in der Nähe“ in the profiles */
  radius: number;
  /** Versorgungsquote (its `layer` is replaced by the report's layer) */
  coverage?: Omit<CoverageRequest, 'services' | 'layer' | 'scenario' | 'disclosure'> | null;
  /** accessibility aggregated to the report's layer */
  access?: Omit<AccessRequest, 'supply' | 'scenario' | 'areas'> | null;
  /** need × supply: the need and which supply measure it is set against */
  gaps?: { need: NeedSpec; supply: 'coverage' | 'access' } | null;
}

/** A service in or near an area, as the profile lists it. */
export interface ReportService {
  name: string;
  category: string;
  capacity: number | null;
  /** 0 inside the area, else metres to its boundary */
  distance: number;
}

export interface ServicesReport {
  label: string;
  /** categories analysed ([] = all) */
  categories: string[];
  radius: number;
  /** services of the layer (after the category filter) that lie in one of the report's areas */
  total: number;
  /** per area: inside first, then by distance */
  near: ReportService[][];
  coverage: {
    per: number;
    useCapacity: boolean;
    target: string;
    count: number[];
    capacity: number[];
    /** size of the target group per area, NaN where secret (`groupSymbol`) */
    group: number[];
    groupSymbol: (string | null)[];
    /** rate per area, NaN where hidden (`rateSymbol`) */
    rate: number[];
    rateSymbol: (string | null)[];
    municipal: number;
    totals: { count: number; capacity: number; target: number };
    outside: number;
  } | null;
  access: {
    method: string;
    maxCost: number;
    unit: string;
    /** population-weighted mean accessibility per area (NaN without population) */
    values: number[];
    mean: number;
    unreachedShare: number;
  } | null;
  gaps: {
    needLabel: string;
    supplyLabel: string;
    /** 3 × 3 cell per area (needClass × 3 + supplyClass), −1 without values */
    cell: number[];
    /** areas with high need and low supply, most pressing first */
    rows: { index: number; supply: number }[];
  } | null;
  maps: ReportMap[];
}

const sym = (s: string) => DISCLOSURE_SYMBOLS[s as keyof typeof DISCLOSURE_SYMBOLS] ?? null;
const HIDDEN = new Set(['secret', 'secondary', 'unreliable', 'missing']);

/** Runs the workspace's analyses for the report's layer `layer`, disclosure as the report's (false: switched off). */
export function servicesReport(engine: Engine, layer: string, r: ServicesReportRequest, disclosure: DisclosureOptions | false): ServicesReport {
  const { ids } = engine.layerLabels(layer);
  const radius = Number.isFinite(r.radius) && r.radius >= 0 ? r.radius : 500;
  const near = ids.map((area) =>
    servicesForArea(engine, { services: r.services, layer, area, radius }).map((s) => ({ name: s.name, category: s.category, capacity: s.capacity, distance: s.distance })),
  );
  const maps: ReportMap[] = [];
  let cov: ServicesReport['coverage'] = null;
  let supplyCov: number[] | null = null;
  let total = 0;
  if (r.coverage) {
    const c = coverage(engine, { ...r.coverage, services: r.services, layer, disclosure });
    const rateSymbol = c.rateStatus.map((s) => (s === 'ok' ? null : sym(s)));
    const targetD = Array.from(c.target, (v) => (disclosure === false ? { status: Number.isNaN(v) ? 'missing' : 'ok', symbol: Number.isNaN(v) ? 'x' : null } : discloseCount(v, disclosure)));
    cov = {
      per: c.per, useCapacity: c.useCapacity, target: r.coverage.target?.column ?? '',
      count: Array.from(c.count), capacity: Array.from(c.capacity),
      group: Array.from(c.target, (v, a) => (HIDDEN.has(targetD[a].status) ? NaN : v)), groupSymbol: targetD.map((d) => (d.status === 'ok' ? null : d.symbol)),
      rate: Array.from(c.rate, (v, a) => (HIDDEN.has(c.rateStatus[a]) ? NaN : v)), rateSymbol,
      municipal: c.municipal, totals: c.totals, outside: c.unassigned.filter((u) => u.reason === 'outside_areas').length,
    };
    total = c.totals.count;
    supplyCov = cov.rate;
    const title = t(c.useCapacity ? 'svc.map.coverageCap' : 'svc.map.coverageCount', { per: c.per, target: cov.target });
    maps.push(reportMap('svc-coverage', coverageMap(title, c.rate, c.rateStatus),
      `${c.useCapacity ? 'Plätze' : 'Angebote'} je ${c.per.toLocaleString('de-DE')} der Zielgruppe (${cov.target}); hellste Klasse: wenig oder nichts im Gebiet. Grau: Quote geheim gehalten oder nicht hinreichend genau.`));
  } else total = near.reduce((s, l) => s + l.filter((x) => x.distance === 0).length, 0);
  let acc: ServicesReport['access'] = null;
  let supplyAcc: number[] | null = null;
  if (r.access) {
    const a = accessAnalysis(engine, { ...r.access, supply: r.services, areas: layer });
    if (a.areas) {
      const values = Array.from(a.areas.access, (v, i) => (a.areas!.population[i] > 0 ? v : NaN));
      const pop = a.demand.population.reduce((s, p) => s + (p > 0 ? p : 0), 0);
      acc = {
        method: a.method.toUpperCase(), maxCost: a.maxCost, unit: a.costKind === 'table' ? 'Kostenwert' : 'm', values,
        mean: a.meanAccess, unreachedShare: pop > 0 ? a.unreached.population / pop : NaN,
      };
      supplyAcc = values;
      maps.push(reportMap('svc-access', quantileMap(t('svc.map.access', { method: acc.method }), Float64Array.from(values), '', undefined, 'viridis'),
        `Erreichbarkeit (${acc.method}, Einzugsbereich ${acc.maxCost.toLocaleString('de-DE')} ${acc.unit}): Angebot je Nachfrage im Umkreis, nach Entfernung gewichtet; dunkel = schlechter erreichbar.`));
    }
  }
  let gaps: ServicesReport['gaps'] = null;
  if (r.gaps) {
    const supply = r.gaps.supply === 'access' ? supplyAcc : supplyCov;
    if (supply) {
      const label = r.gaps.supply === 'access' ? t('svc.gap.supplyAccess') : t('svc.gap.supplyRate', { per: cov?.per ?? '' });
      const g = gapAnalysis(engine, { layer, need: r.gaps.need, supply, supplyLabel: label });
      gaps = { needLabel: g.needLabel, supplyLabel: g.supplyLabel, cell: Array.from(g.cell), rows: g.gaps.map((x) => ({ index: x.index, supply: x.supply })) };
      maps.push(reportMap('svc-gaps', gapMap(t('svc.map.gaps'), g.cell, g.need),
        `Bedarf: ${g.needLabel}; Versorgung: ${g.supplyLabel}; je ein Drittel der Gebiete nach Rang. Erster Wert Bedarf, zweiter Versorgung; „hoch · gering“ = hoher Bedarf, geringe Versorgung.`));
    }
  }
  // a file name as label („angebote.geojson“) reads as a name in the report: „Angebote“
  const base = r.label.replace(/\.(geojson|json|csv|txt|xlsx?|ods|parquet|zip)$/i, '');
  const label = base === r.label ? base : base.charAt(0).toLocaleUpperCase('de-DE') + base.slice(1);
  return { label, categories: r.services.categories ?? [], radius, total, near, coverage: cov, access: acc, gaps, maps };
}
