/**
 * Demand → supply costs for the accessibility analysis (METHODS.md §7): straight-line metres ×
 * detour factor, a user's cost table (origin id; destination id; minutes or metres), or walking
 * distance over a user's path network. Returns the catchment pairs plus what FCA (demand-to-
 * demand costs), 3SFCA (selection sums) and the reachability share need.
 */
import type { CostPairs } from '../analysis/costPairs';
import { nearestStraight, straightLinePairs, straightLineSelection, tablePairs } from '../analysis/costPairs';
import { weightFunction, weightSupport, type WeightSpec } from '../analysis/catchmentWeights';
import { selectionSums, type AccessMethod } from '../analysis/floatingCatchment';
import { buildNetwork, nearestOnNetwork, networkPairs, snapToNetwork, type PathNetwork, type Snapped } from '../analysis/pathNetwork';
import { GEOM_COL } from '../ingest/types';
import { lonLatToMetric } from '../geo/utm';
import { qi } from '../sql/ident';
import type { Engine } from './engine';
import { appError, invalid } from '../contract/errors';
import { requireColumn } from './services-points';
import type { AccessWarning, CostSpec, RowIssue } from '../contract/services';

/** Demand or supply locations as the cost builders need them. */
export interface Located {
  ids: string[];
  x: Float64Array;
  y: Float64Array;
}

export interface CostResult {
  pairs: CostPairs;
  demandPairs?: CostPairs;
  selection?: Float64Array;
  /** cost from each demand to its nearest supply, up to `reach` (Infinity beyond) */
  nearest: Float64Array;
  warnings: AccessWarning[];
  /** demand / supply rows that could not be placed (off the network) */
  offDemand: RowIssue[];
  offSupply: RowIssue[];
}

export interface CostInput {
  method: AccessMethod;
  maxCost: number;
  weights: WeightSpec;
  /** cost limit of the nearest-service search (≥ maxCost when a reach threshold is asked) */
  reach: number;
  demand: Located & { rows: Int32Array };
  supply: Located & { rows: Int32Array };
}

/** Minimum cost per demand row within a pair set (Infinity where none). */
function minCost(p: CostPairs): Float64Array {
  const out = new Float64Array(p.nDemand).fill(Infinity);
  for (let i = 0; i < p.nDemand; i++) for (let q = p.offsets[i]; q < p.offsets[i + 1]; q++) if (p.cost[q] < out[i]) out[i] = p.cost[q];
  return out;
}

export function buildCosts(engine: Engine, spec: CostSpec, c: CostInput): CostResult {
  switch (spec.kind) {
    case 'euclidean':
      return euclidean(spec.detour, c);
    case 'table':
      return fromTable(engine, spec, c);
    case 'network':
      return overNetwork(engine, spec, c);
  }
}

function euclidean(detour: number, c: CostInput): CostResult {
  if (!(detour >= 1) || !Number.isFinite(detour)) throw invalid('detour', String(detour));
  const { demand: d, supply: s } = c;
  const pairs = straightLinePairs(d.x, d.y, s.x, s.y, c.maxCost, detour);
  // within the catchment the nearest cost is already among the pairs
  const nearest = c.reach <= c.maxCost ? minCost(pairs) : nearestStraight(d.x, d.y, s.x, s.y, detour, c.reach).cost;
  const out: CostResult = { pairs, nearest, warnings: [], offDemand: [], offSupply: [] };
  if (c.method === 'fca') out.demandPairs = straightLinePairs(d.x, d.y, d.x, d.y, c.maxCost, detour);
  if (c.method === '3sfca' && weightSupport(c.weights) > c.maxCost) out.selection = straightLineSelection(d.x, d.y, s.x, s.y, detour, weightFunction(c.weights), weightSupport(c.weights));
  return out;
}

function fromTable(engine: Engine, spec: Extract<CostSpec, { kind: 'table' }>, c: CostInput): CostResult {
  const meta = engine.table(spec.table);
  for (const col of [spec.origin, spec.destination, spec.value]) requireColumn(meta, col);
  const t = engine.duck.query(
    `SELECT CAST(${qi(spec.origin)} AS VARCHAR) AS o, CAST(${qi(spec.destination)} AS VARCHAR) AS d, TRY_CAST(replace(CAST(${qi(spec.value)} AS VARCHAR), ',', '.') AS DOUBLE) AS c FROM ${qi(meta.name)} ORDER BY rowid`,
  );
  const rows = t.numRows;
  if (rows === 0) throw appError('svc.cost_table_empty', { table: meta.label });
  const dIdx = new Map(c.demand.ids.map((id, i) => [id, i]));
  const sIdx = new Map(c.supply.ids.map((id, j) => [id, j]));
  const o = new Int32Array(rows), de = new Int32Array(rows), dd = new Int32Array(rows), cost = new Float64Array(rows);
  const unknownO = new Set<string>(), unknownD = new Set<string>();
  let bad = 0;
  for (let r = 0; r < rows; r++) {
    const oi = String(t.getChild('o')?.get(r) ?? ''), di = String(t.getChild('d')?.get(r) ?? '');
    const v = t.getChild('c')?.get(r) as number | null;
    o[r] = dIdx.get(oi) ?? -1;
    de[r] = sIdx.get(di) ?? -1;
    dd[r] = dIdx.get(di) ?? -1;
    cost[r] = v === null || v === undefined ? NaN : v;
    if (o[r] < 0) unknownO.add(oi);
    if (de[r] < 0 && dd[r] < 0) unknownD.add(di);
    if (!(cost[r] >= 0)) bad++;
  }
  const warnings: AccessWarning[] = [];
  const list = (s: Set<string>) => [...s].slice(0, 8).map((x) => x || '–').join(', ') + (s.size > 8 ? ` … (${s.size})` : '');
  if (unknownO.size) warnings.push({ code: 'cost_unknown_origin', params: { n: unknownO.size, ids: list(unknownO) } });
  if (unknownD.size) warnings.push({ code: 'cost_unknown_destination', params: { n: unknownD.size, ids: list(unknownD) } });
  if (bad) warnings.push({ code: 'cost_bad_values', params: { n: bad, column: spec.value } });
  const known = o.some((x, r) => x >= 0 && de[r] >= 0 && cost[r] >= 0);
  if (!known) throw appError('svc.cost_no_match', { table: meta.label });
  const nd = c.demand.ids.length, ns = c.supply.ids.length;
  const pairs = tablePairs(o, de, cost, nd, ns, c.maxCost);
  const out: CostResult = { pairs, nearest: minCost(tablePairs(o, de, cost, nd, ns, Math.max(c.reach, c.maxCost))), warnings, offDemand: [], offSupply: [] };
  const hasRow = new Uint8Array(ns);
  for (const j of de) if (j >= 0) hasRow[j] = 1;
  const missing = c.supply.ids.filter((_, j) => !hasRow[j]);
  if (missing.length) warnings.push({ code: 'cost_supply_without_rows', params: { n: missing.length, ids: missing.slice(0, 8).join(', ') } });
  if (c.method === 'fca') {
    const dp = tablePairs(o, dd, cost, nd, nd, c.maxCost);
    if (dp.supply.length === 0) throw appError('svc.fca_needs_demand_costs', { table: meta.label });
    out.demandPairs = dp;
  }
  if (c.method === '3sfca') out.selection = selectionSums(tablePairs(o, de, cost, nd, ns, Infinity), c.weights);
  return out;
}

const networks = new WeakMap<Engine, Map<string, PathNetwork>>();

/** The path network of a lines table in EPSG:25832 (memoised per table version and tolerance). */
export function layerNetwork(engine: Engine, table: string, tolerance = 0.5): PathNetwork {
  const meta = engine.table(table);
  if (!meta.hasGeometry) throw appError('svc.network_no_lines', { table: meta.label });
  let m = networks.get(engine);
  if (!m) networks.set(engine, (m = new Map()));
  const key = `${engine.versionKey(table)}|${tolerance}`;
  const hit = m.get(key);
  if (hit) return hit;
  const col = engine.duck.query(`SELECT ${qi(GEOM_COL)} AS g FROM ${qi(meta.name)} ORDER BY rowid`).getChild('g');
  const lines: number[][][] = [];
  for (let r = 0; r < (col?.length ?? 0); r++) {
    const txt = col?.get(r) as string | null;
    if (!txt) continue;
    const g = JSON.parse(txt) as { type: string; coordinates: number[][] | number[][][] };
    const parts = g.type === 'LineString' ? [g.coordinates as number[][]] : g.type === 'MultiLineString' ? (g.coordinates as number[][][]) : g.type === 'Polygon' ? (g.coordinates as number[][][]) : [];
    for (const p of parts) {
      const xy = lonLatToMetric(Float64Array.from(p, (v) => v[0]), Float64Array.from(p, (v) => v[1]));
      lines.push(Array.from(p, (_, k) => [xy.x[k], xy.y[k]]));
    }
  }
  if (lines.length === 0) throw appError('svc.network_no_lines', { table: meta.label });
  const net = buildNetwork(lines, tolerance);
  m.set(key, net);
  return net;
}

function offNetwork(s: Snapped, loc: Located & { rows: Int32Array }, net: PathNetwork): { off: RowIssue[]; minor: string[] } {
  const off: RowIssue[] = [];
  const minor: string[] = [];
  s.node.forEach((v, i) => {
    if (v < 0) off.push({ row: loc.rows[i], id: loc.ids[i], reason: 'off_network' });
    else if (net.component[v] !== 0) minor.push(loc.ids[i]);
  });
  return { off, minor };
}

function overNetwork(engine: Engine, spec: Extract<CostSpec, { kind: 'network' }>, c: CostInput): CostResult {
  const net = layerNetwork(engine, spec.table, spec.tolerance ?? 0.5);
  const maxSnap = spec.maxSnap ?? 500;
  const ds = snapToNetwork(net, c.demand.x, c.demand.y, maxSnap);
  const ss = snapToNetwork(net, c.supply.x, c.supply.y, maxSnap);
  const warnings: AccessWarning[] = [];
  if (net.componentSizes.length > 1) {
    warnings.push({ code: 'network_parts', params: { parts: net.componentSizes.length, largest: net.componentSizes[0], nodes: net.nodeX.length } });
  }
  const d = offNetwork(ds, c.demand, net), s = offNetwork(ss, c.supply, net);
  if (d.minor.length || s.minor.length)
    warnings.push({ code: 'network_minor_part', params: { n: d.minor.length + s.minor.length, ids: [...s.minor, ...d.minor].slice(0, 8).join(', ') } });
  const pairs = networkPairs(net, ds, ss, c.maxCost);
  const reach = Math.max(c.reach, c.maxCost);
  const near = nearestOnNetwork(net, ss, reach);
  const nearest = Float64Array.from(ds.node, (v, i) => (v < 0 ? Infinity : near.dist[v] + ds.distance[i] <= reach ? near.dist[v] + ds.distance[i] : Infinity));
  const out: CostResult = { pairs, nearest, warnings, offDemand: d.off, offSupply: s.off };
  if (c.method === 'fca') out.demandPairs = networkPairs(net, ds, ds, c.maxCost);
  return out;
}
