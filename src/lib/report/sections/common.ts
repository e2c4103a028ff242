/** Shared pieces of the chapters: source line, symbol legend, drawing a model map. */
import type { ReportIndex, ReportMap, ReportModel } from '../types';
import { svgMap } from '../svgMap';
import { esc, germanDate, symbolCell } from '../html';

/** What the sum over all areas is called: „Stadt“, or „Kreis“ for a Kreis of member towns. */
export const totalName = (m: ReportModel): string => m.totalLabel ?? 'Stadt';
/** „der Stadt“ / „des Kreises“ */
export const ofTotal = (m: ReportModel): string => (totalName(m) === 'Kreis' ? 'des Kreises' : 'der Stadt');

/** Status × dynamics of area `i` with the reason of a missing dynamics: „Status niedrig / – (Startwert 2022 fehlt)“ (profile, export). */
export function statusDynamicsText(ix: ReportIndex, i: number): string | null {
  const g = ix.group?.[i] ?? null, note = ix.dynamicsNote?.[i];
  return g && note ? `${g} (${note})` : g;
}

/** „Quelle: …; Datenstand: …; eigene Berechnung.“ — under every map and table. */
export function sourceLine(m: ReportModel): string {
  const src = m.meta.source.trim() || 'eigene Daten';
  const stand = m.meta.datenstand.trim();
  return `Quelle: ${src}${stand ? `; Datenstand: ${stand}` : ''}; eigene Berechnung (Sozialraum-Werkbank, ${germanDate(m.created)}).`;
}

/**
 * „·q“ in words, only when the report has such a cell (a value the imported file already kept
 * secret; secret with the switch off too). Short: the profile's legend must leave it one A4 page.
 */
const sourceSecretText = (m: ReportModel): string => (m.disclosure.source ? '„·<sup>q</sup>“ = schon in der Quelle geheim gehalten; ' : '');

/** Zeichenerklärung of the official statistics (METHODS §6), with the secondary and the source mark; says plainly when disclosure control is off. */
export function symbolLegend(m: ReportModel): string {
  const d = m.disclosure;
  if (!d.enabled) {
    return `<p class="legend-symbols disclosure-off" data-role="disclosure-off"><strong>Geheimhaltung ausgeschaltet:</strong> Alle Werte sind ohne statistische Geheimhaltung gezeigt, auch Fallzahlen unter ${d.minCount} und Quoten aus kleinen Nennern. Nur für den internen Gebrauch, nicht zur Veröffentlichung. ${sourceSecretText(m)}„–“ = nichts vorhanden (genau null); „x“ = keine Angabe.</p>`;
  }
  return `<p class="legend-symbols"><strong>Zeichenerklärung:</strong> „·“ = Wert geheim gehalten (Fallzahl unter ${d.minCount}; Primärgeheimhaltung); „·<sup>s</sup>“ = Wert geheim gehalten, damit ein anderer geheimer Wert nicht aus Summen zurückgerechnet werden kann (Sekundärgeheimhaltung); ${sourceSecretText(m)}„/“ = Aussage nicht hinreichend genau (Nenner unter ${d.minDenominator} oder Zähler unter ${d.minNumerator}); „–“ = nichts vorhanden (genau null); „x“ = keine Angabe.</p>`;
}

let counter = 0;
/** Ids restart per document, so the same model renders to the same text. */
export function resetIds(): void {
  counter = 0;
}

/** A model map as a figure (full width) or, `compact`, for the profile inset and small multiples. */
export function figure(m: ReportModel, map: ReportMap, o: { width?: number; compact?: boolean; highlight?: number; caption?: boolean; margin?: number } = {}): string {
  const svg = svgMap(m.areas, {
    id: `m${++counter}`, title: map.title, subtitle: map.subtitle, fills: map.fills, legend: map.legend, legendTitle: map.legendTitle,
    source: sourceLine(m), attribution: m.meta.attribution, width: o.width, compact: o.compact, highlight: o.highlight, labels: map.labels,
    footnote: map.footnote, margin: o.margin,
  });
  const cap = o.caption !== false && map.note ? `<figcaption>${esc(map.note)}</figcaption>` : '';
  return `<figure>${svg}${cap}</figure>`;
}

/** Symbol or German number of an indicator cell. */
export function valueCell(v: number, symbol: string | null, digits = 1): string {
  if (symbol) return symbolCell(symbol);
  if (!Number.isFinite(v)) return '<td class="num sym">x</td>';
  return `<td class="num">${new Intl.NumberFormat('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)}</td>`;
}
