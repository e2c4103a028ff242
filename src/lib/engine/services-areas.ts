/**
 * Area side of "Angebote & Bedarfe": the layer's polygons in EPSG:25832 with a spatial index
 * (memoised per layer version), the Versorgungsquote per area (METHODS.md §7, ratio of sums,
 * disclosure per METHODS §6) and the services in or near one area (for area profiles).
 */
import polylabel from 'polylabel';
import { DEFAULT_DISCLOSURE, discloseCount, type DisclosureOptions, type DisclosureStatus } from '../analysis/disclosure';
import { parseGeometry, type AreaGeometry } from '../analysis/geometry-rings';
import { inArea, locatePoints, polygonIndex, type PolygonIndex } from '../analysis/pointInPolygon';
import { sumPerArea, supplyRates } from '../analysis/supplyPerArea';
import { lonLatToMetric, metricToLonLat } from '../geo/utm';
import type { Engine } from './engine';
import { appError, invalid } from '../contract/errors';
import { applyScenario, pointSet } from './services-points';
import type { AreaServicesRequest, AreaService, AreaValueSpec, CoverageRequest, CoverageResponse, PointSet } from '../contract/services';

export interface MetricLayer {
  ids: string[];
  names: string[];
  areas: AreaGeometry[];
  index: PolygonIndex;
  /** a point inside each area (pole of inaccessibility), EPSG:25832 */
  insideX: Float64Array;
  insideY: Float64Array;
}

const memo = new WeakMap<Engine, Map<string, MetricLayer>>();

/** Polygons of a layer in EPSG:25832 with their index (memoised per layer version). */
export function metricLayer(engine: Engine, layer: string): MetricLayer {
  engine.layer(layer);
  let m = memo.get(engine);
  if (!m) memo.set(engine, (m = new Map()));
  const key = engine.versionKey(layer);
  const hit = m.get(key);
  if (hit) return hit;
  const areas = engine.geometries(layer).map((g) => project(parseGeometry(g === 'null' ? null : g)));
  const { ids, names } = engine.layerLabels(layer);
  const insideX = new Float64Array(areas.length), insideY = new Float64Array(areas.length);
  areas.forEach((a, i) => {
    const p = interiorPoint(a);
    insideX[i] = p[0];
    insideY[i] = p[1];
  });
  const out = { ids, names, areas, index: polygonIndex(areas), insideX, insideY };
  m.set(key, out);
  return out;
}

function project(a: AreaGeometry): AreaGeometry {
  return a.map((poly) =>
    poly.map((ring) => {
      const xs = Float64Array.from(ring, (v) => v[0]), ys = Float64Array.from(ring, (v) => v[1]);
      const p = lonLatToMetric(xs, ys);
      return Array.from(ring, (_, k) => [p.x[k], p.y[k]]);
    }),
  );
}

/** Pole of inaccessibility of the largest part (a point guaranteed inside, unlike a centroid). */
function interiorPoint(a: AreaGeometry): [number, number] {
  let best: number[] | null = null, bestArea = -1;
  for (const poly of a) {
    if (!poly.length) continue;
    let s = 0;
    const r = poly[0];
    for (let k = 0, j = r.length - 1; k < r.length; j = k++) s += (r[j][0] + r[k][0]) * (r[j][1] - r[k][1]);
    if (Math.abs(s) > bestArea) {
      bestArea = Math.abs(s);
      best = polylabel(poly as unknown as [number, number][][], 10);
    }
  }
  return best ? [best[0], best[1]] : [NaN, NaN];
}

/** Values of one column per area (joined table or the layer's own), NaN where missing. */
export function areaValues(engine: Engine, spec: AreaValueSpec): Float64Array {
  const year = spec.year ?? (spec.source.table && 'yearColumn' in spec.source && spec.source.yearColumn ? engine.distinct(spec.source.table, spec.source.yearColumn).at(-1) : undefined);
  const src = spec.source.table === undefined ? { layer: spec.source.layer } : spec.source;
  const t = engine.table(spec.source.table ?? spec.source.layer);
  if (!t.columns.some((c) => c.name === spec.column)) throw appError('svc.column_missing', { column: spec.column, table: t.label, columns: t.columns.map((c) => c.name).join(', ') });
  return engine.joinedValues(src, { column: spec.column }, year).values;
}

/** Versorgungsquote per area: count, capacity, per `per` of the target group, municipal value. */
export function coverage(engine: Engine, r: CoverageRequest): CoverageResponse {
  if (!(r.per > 0)) throw invalid('per', String(r.per));
  const base = pointSet(engine, r.services, { valueColumn: r.useCapacity ? r.services.capacity : undefined, valueKind: 'capacity' });
  const { points } = applyScenario(base, r.scenario);
  const L = metricLayer(engine, r.layer);
  const n = L.ids.length;
  const areaOf = locatePoints(L.index, points.x, points.y);
  const sums = sumPerArea(areaOf, n, r.useCapacity && r.services.capacity ? points.values : null);
  const target = r.target ? areaValues(engine, r.target) : new Float64Array(n).fill(NaN);
  const rates = supplyRates(sums.capacity, target, r.per);
  const off = r.disclosure === false;
  const opts = r.disclosure || {};
  const countStatus: DisclosureStatus[] = Array.from(sums.count, (c) => (off ? 'ok' : discloseCount(c, opts).status));
  const rateStatus = Array.from(rates.rate, (v, a) => rateStatusOf(v, target[a], off ? null : opts));
  const unassigned = [
    ...base.skipped,
    ...Array.from(areaOf).flatMap((a, i) => (a < 0 ? [{ row: points.rows[i], id: points.ids[i], reason: 'outside_areas' as const }] : [])),
  ].sort((a, b) => a.row - b.row);
  let tc = 0, tcap = 0, tt = 0;
  for (let a = 0; a < n; a++) {
    tc += sums.count[a];
    tcap += sums.capacity[a];
    if (target[a] > 0) tt += target[a];
  }
  return {
    ids: L.ids, names: L.names,
    count: sums.count, capacity: sums.capacity, capacityMissing: sums.capacityMissing, target,
    rate: rates.rate, difference: rates.difference, index: rates.index, municipal: rates.municipal,
    totals: { count: tc, capacity: tcap, target: tt }, per: r.per, useCapacity: r.useCapacity,
    countStatus, rateStatus, areaOf, unassigned, warnings: base.warnings, services: points.ids.length,
    ...(r.byCategory ? { categories: perCategory(points, areaOf, n, r.useCapacity && !!r.services.capacity) } : {}),
  };
}

/** Count and capacity per category in each area (capacity = count when capacity is not used). */
function perCategory(ps: PointSet, areaOf: Int32Array, n: number, useCapacity: boolean): Record<string, { count: number; capacity: number }>[] {
  const out = Array.from({ length: n }, () => ({}) as Record<string, { count: number; capacity: number }>);
  areaOf.forEach((a, i) => {
    if (a < 0) return;
    const c = (out[a][ps.categories[i]] ??= { count: 0, capacity: 0 });
    c.count++;
    c.capacity += useCapacity ? (Number.isFinite(ps.values[i]) ? ps.values[i] : 0) : 1;
  });
  return out;
}

/**
 * Disclosure of a rate per target group (METHODS §6): places are public, so the rate reveals the
 * target group — a secret target count (1 … minCount − 1) makes it secret, a target group below
 * `minDenominator` unreliable ("/").
 */
export function rateStatusOf(rate: number, target: number, opts: DisclosureOptions | null): DisclosureStatus {
  if (Number.isNaN(rate)) return 'missing';
  if (!opts) return 'ok';
  if (discloseCount(target, opts).status === 'secret') return 'secret';
  return target < (opts.minDenominator ?? DEFAULT_DISCLOSURE.minDenominator) ? 'unreliable' : 'ok';
}

/** Distance from a point to the nearest edge of an area (metres). */
function distanceToEdges(a: AreaGeometry, x: number, y: number): number {
  let best = Infinity;
  for (const poly of a)
    for (const r of poly)
      for (let k = 0, j = r.length - 1; k < r.length; j = k++) {
        const ax = r[j][0], ay = r[j][1], bx = r[k][0], by = r[k][1];
        const dx = bx - ax, dy = by - ay;
        const l2 = dx * dx + dy * dy;
        const t = l2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2)) : 0;
        best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
      }
  return best;
}

/** Services inside an area and within `radius` metres of it, nearest first (for area profiles). */
export function servicesForArea(engine: Engine, r: AreaServicesRequest): AreaService[] {
  const L = metricLayer(engine, r.layer);
  const a = L.ids.indexOf(r.area);
  if (a < 0) throw appError('svc.area_unknown', { area: r.area });
  const ps = pointSet(engine, r.services, { valueColumn: r.services.capacity, valueKind: 'capacity' });
  const out: AreaService[] = [];
  for (let i = 0; i < ps.ids.length; i++) {
    const inside = inArea(L.areas[a], ps.x[i], ps.y[i]);
    const distance = inside ? 0 : distanceToEdges(L.areas[a], ps.x[i], ps.y[i]);
    if (!inside && !(distance <= r.radius)) continue;
    out.push({ id: ps.ids[i], name: ps.names[i], category: ps.categories[i], capacity: Number.isNaN(ps.values[i]) ? null : ps.values[i], distance, inside });
  }
  return out.sort((p, q) => p.distance - q.distance || p.name.localeCompare(q.name));
}

/** A point inside each area (WGS84), e.g. to place a new service "in area X" without a map click. */
export function areaInteriorPoints(engine: Engine, layer: string): { ids: string[]; names: string[]; lon: number[]; lat: number[] } {
  const L = metricLayer(engine, layer);
  const p = metricToLonLat(L.insideX, L.insideY);
  return { ids: L.ids, names: L.names, lon: Array.from(p.x), lat: Array.from(p.y) };
}
