/**
 * Need × supply gaps per area (METHODS.md §7): need from a variable of the layer or a joined
 * table (rate = numerator / denominator × scale) or from values the UI holds (Sozialindex score
 * or class), supply per area from the coverage or accessibility result; 3 × 3 terciles and a
 * ranked list "hoher Bedarf, geringe Versorgung" with the figures behind each row.
 */
import { bivariate, type GapRow } from '../analysis/bivariate';
import type { Engine } from './engine';
import { appError, invalid } from '../contract/errors';
import type { GapRowOut, GapsRequest, GapsResponse } from '../contract/services';

export function gapAnalysis(engine: Engine, r: GapsRequest): GapsResponse {
  const { ids, names } = engine.layerLabels(r.layer);
  const n = ids.length;
  let need: Float64Array;
  let needLabel: string;
  if (r.need.kind === 'values') {
    need = Float64Array.from(r.need.values);
    needLabel = r.need.label;
  } else {
    const v = r.need;
    const year = v.year ?? (v.source.table && 'yearColumn' in v.source && v.source.yearColumn ? engine.distinct(v.source.table, v.source.yearColumn).at(-1) : undefined);
    const src = v.source.table === undefined ? { layer: v.source.layer } : v.source;
    need = engine.joinedValues(src, { column: v.column, denominator: v.denominator, scale: v.scale ?? 100 }, year).values;
    needLabel = v.denominator ? `${v.column} / ${v.denominator} × ${v.scale ?? 100}${year ? ` (${year})` : ''}` : `${v.column}${year ? ` (${year})` : ''}`;
  }
  if (need.length !== n || r.supply.length !== n) throw appError('svc.gap_lengths', { n, need: need.length, supply: r.supply.length });
  const supply = Float64Array.from(r.supply, (x) => (x === null ? NaN : x));
  const b = bivariate(need, supply);
  const row = (g: GapRow): GapRowOut => ({ index: g.area, id: ids[g.area], name: names[g.area], need: need[g.area], supply: supply[g.area], needClass: g.needClass, supplyClass: g.supplyClass, gap: g.gap });
  return { ids, names, need, supply, cell: b.cell, gaps: b.gaps.map(row), watch: b.watch.map(row), needLabel, supplyLabel: r.supplyLabel };
}
