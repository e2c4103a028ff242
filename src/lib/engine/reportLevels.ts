/**
 * Higher levels in area profiles (issue 10 × issue 12): when the report's area layer has parent
 * layers (Statistischer Bezirk → Stadtbezirk, Sozialraum → Gemeinde), each indicator's value of the
 * parent area in the index year — ratio of sums from the areas below (Σ Zähler / Σ Nenner), with
 * the disclosure of the levels (issue 12's `levelSeries`: primary and secondary suppression on
 * every level). The profile shows it next to the area and the total.
 */
import type { Engine } from './engine';
import { layerChain, levelSeries } from './levels';
import type { IndexRequest } from '../contract';
import { reportSymbol, type ReportDisclosure } from './reportDisclosure';
import type { ReportParentLevel } from '../report/types';
import { totalKind } from '../contract/levels';

const HIDDEN = new Set(['secret', 'secondary', 'unreliable', 'missing']);

/** The parent levels of the index layer (nearest first, at most two), or [] without parents. */
export function parentLevels(engine: Engine, req: IndexRequest, year: string, disclosure: ReportDisclosure): ReportParentLevel[] {
  const layer = req.source.layer;
  const chain = layerChain(engine, layer).slice(1, 3);
  if (!chain.length) return [];
  const join = req.source.table ? { table: req.source.table, key: req.source.key, layer: req.source.layer, mode: req.source.mode, transform: req.source.transform, layerKey: req.source.layerKey, yearColumn: req.source.yearColumn } : null;
  const out: ReportParentLevel[] = chain.map((c) => ({ label: engine.layer(c).label, names: engine.layerLabels(c).names, of: [], values: [], symbols: [] }));
  for (const ind of req.indicators) {
    let series;
    try {
      series = levelSeries(engine, {
        layer, join, year: year || undefined,
        value: { column: ind.numerator, denominator: ind.denominator ?? undefined, scale: ind.denominator ? (ind.scale ?? 100) : undefined },
        // the report's settings (project switch, thresholds, one pattern for all years, column kinds): the map's pattern
        disclosure: { enabled: disclosure.enabled, minCount: disclosure.minCount, minDenominator: disclosure.minDenominator, minNumerator: disclosure.minNumerator, sameAcrossYears: disclosure.sameAcrossYears },
        roles: disclosure.roles,
      });
    } catch {
      series = null; // a column the level engine cannot read: no parent values for this indicator
    }
    out.forEach((lv, L) => {
      const v = series?.levels[L + 1];
      if (!lv.of.length && series) {
        // area → its ancestor on level L + 1
        lv.of = series.levels[0].ids.map((_, i) => {
          let k = i;
          for (let j = 0; j <= L && k >= 0; j++) k = series!.levels[j].parent?.[k] ?? -1;
          return k;
        });
      }
      lv.values.push(v ? Array.from(v.values, (x, a) => (HIDDEN.has(v.status[a]) ? NaN : x)) : lv.names.map(() => NaN));
      lv.symbols.push(v ? v.status.map((s, a) => (s === 'ok' ? null : reportSymbol(s, v.marks[a]))) : lv.names.map(() => 'x'));
    });
  }
  return out.filter((lv) => lv.of.length);
}

/**
 * What the sum over all areas is called in profiles: „Kreis“ when a parent level holds
 * Gemeinden (a Kreis of member towns), else „Stadt“.
 */
export function totalLabel(engine: Engine, layer: string): string {
  return totalKind(layerChain(engine, layer).slice(1).map((c) => engine.layer(c).label)) === 'kreis' ? 'Kreis' : 'Stadt';
}
