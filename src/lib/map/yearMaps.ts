/**
 * The small year maps of the Sozialindex over time („Zeitverlauf“): per year what the big year map
 * draws — the same map (`buildIndexMap('year')`, so the engine's per-year exclusion codes decide which
 * area is secret at the source), colours, „·“, legend rows and the tooltip's words. Pure (strings via t).
 */
import type { IndexRun, TimeSeriesResult } from '../contract';
import { buildIndexMap } from './indexMaps';
import { classCounts, labelledLegend } from './custom';
import { disclosureFill, mapSymbols, noClassText, SECRET_CLASS, UNRELIABLE_CLASS, whyText } from './disclosure';
import type { LegendEntry } from './legend';
import { cssColor, NO_VALUE_COLOR } from './palettes';

/** One year's small map. */
export interface YearMapDrawing {
  year: string;
  /** CSS fill per area: its class colour, grey for „· geheim (Quelle)“, light grey for „keine Angabe“ */
  fills: string[];
  /** „·“ per area the source kept secret (drawn at its label point like the big map's), null elsewhere; null if none */
  symbols: (string | null)[] | null;
  /** per area „Name (Schlüssel): class“, or why it has none in the words of the big map's tooltip */
  titles: string[];
  /** the big year map's legend for this year (classes, then „· geheim (Quelle)“ and „keine Angabe“ with counts) */
  legend: LegendEntry[];
}

/** The small maps of every year of the time series, as the big year map would draw each. */
export function yearMapDrawings(run: IndexRun, ts: TimeSeriesResult): YearMapDrawing[] {
  return ts.years.map((year, q) => {
    const m = buildIndexMap('year', run, { series: ts, seriesYear: q })!;
    const d = m.disclosure ?? null;
    const fill = disclosureFill(m.classOf, m.colors, d);
    const { counts, missing } = classCounts(m);
    return {
      year,
      fills: Array.from(fill.classOf, (c) => cssColor(c >= 0 ? fill.colors[c] : NO_VALUE_COLOR)),
      symbols: mapSymbols(d),
      titles: Array.from(m.classOf, (c, i) => {
        const what = c >= 0 ? m.labels![c] : (d && whyText(d, i)) ?? noClassText(d?.status[i], d?.marks[i]);
        return `${run.names[i]} (${run.ids[i]}): ${what}`;
      }),
      legend: labelledLegend({ colors: m.colors, labels: m.labels! }, counts, missing, d),
    };
  });
}

/** Legend rows of areas without a class, in the legend's order: hidden, not reliable, „keine Angabe“. */
const NO_CLASS_ROWS = [SECRET_CLASS, UNRELIABLE_CLASS, -1];

/**
 * The rows of the small maps' key: those of areas without a class („· geheim (Quelle)“, „keine Angabe“)
 * that occur in any year (the classes are the big map's legend). Without counts: they differ by year.
 */
export function yearMapKey(drawings: readonly YearMapDrawing[]): LegendEntry[] {
  const rows = drawings.flatMap((d) => d.legend).filter((e) => e.count > 0);
  return NO_CLASS_ROWS.map((k) => rows.find((e) => e.classIndex === k)).filter((e): e is LegendEntry => !!e);
}

/** The year's areas without a class, per row, for the small map's accessible name: „· geheim (Quelle): 1; keine Angabe: 4“ ('' if none). */
export function yearMapNote(d: YearMapDrawing): string {
  return d.legend.filter((e) => e.classIndex < 0 && e.count > 0).map((e) => `${e.label}: ${e.count}`).join('; ');
}
