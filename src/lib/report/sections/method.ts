/** The method chapter, generated from the active settings (`<section data-role="method">`). */
import { registerSection } from '../sections';
import type { ReportModel } from '../types';
import { esc, num } from '../html';
import { ofTotal, symbolLegend } from './common';

function indicatorTable(m: ReportModel): string {
  const ref = m.indicators.some((i) => i.reference !== null);
  const rows = m.indicators.map((i) => `<tr><td>${esc(i.name)}</td><td>${esc(i.formula)}</td><td>${esc(i.unit)}</td><td>${esc(i.lebensbereich)}</td>`
    + `<td>${i.polarity === 1 ? 'höher = mehr Belastung' : 'höher = weniger Belastung'}</td><td class="num">${num(i.weight * 100, 1)} %</td>`
    + (ref ? `<td class="num">${i.reference === null ? '–' : num(i.reference)}</td>` : '') + '</tr>');
  return `<table data-role="indicator-definitions"><thead><tr><th>Indikator</th><th>Berechnung</th><th>Einheit</th><th>Lebensbereich</th><th>Richtung</th><th class="num">Gewicht</th>${ref ? '<th class="num">Referenz (Kreis/Land)</th>' : ''}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The disclosure rule as applied: switch, thresholds, secondary suppression over levels and column sums, one pattern, limits. */
export function disclosureMethod(m: ReportModel): string {
  const d = m.disclosure;
  if (!d.enabled) {
    return `<h3>Geheimhaltung</h3><p class="disclosure-off" data-role="disclosure-off"><strong>Die Geheimhaltung ist für dieses Projekt ausgeschaltet.</strong> Alle Werte in Karten, Tabellen, Steckbriefen und Exporten sind ungeschützt, auch Fallzahlen von 1 bis ${d.minCount - 1} und Quoten aus Nennern unter ${d.minDenominator}. Der Bericht ist nur für den internen Gebrauch bestimmt; vor einer Veröffentlichung die Geheimhaltung im Arbeitsbereich „Ebenen“ wieder einschalten.</p>${symbolLegend(m)}`;
  }
  const levels = d.levels.join(' → ');
  const sums = d.sums.length ? ` und über Spalten, die sich addieren (${d.sums.map(esc).join('; ')})` : '';
  return `<h3>Geheimhaltung</h3><p>Für alle Karten, Tabellen, Steckbriefe und Exporte gelten dieselben Regeln der statistischen Geheimhaltung (Schalter „Geheimhaltung“ des Projekts: an).</p><ul>`
    + `<li><strong>Primärgeheimhaltung („·“):</strong> Fallzahlen von 1 bis ${d.minCount - 1} werden nicht gezeigt; eine Quote braucht einen Nenner von mindestens ${d.minDenominator} und einen Zähler von mindestens ${d.minNumerator}, sonst gilt sie als nicht hinreichend genau („/“).</li>`
    + `<li><strong>Sekundärgeheimhaltung („·<sup>s</sup>“):</strong> Wo eine Summe und alle bis auf einen ihrer Teile veröffentlicht wären, ließe sich der geheime Teil durch Subtraktion zurückrechnen. Deshalb werden weitere Werte verborgen, jeweils die kleinsten, bis jede veröffentlichte Summe keinen, mindestens zwei verborgene Teile oder eine verborgene Summe hat – über die Ebenen ${esc(levels)}${sums}. Danach werden alle Summen gemeinsam geprüft, damit kein Wert über mehrere Summen zurückgerechnet werden kann.</li>`
    + `<li>${d.sameAcrossYears ? '<strong>Ein Muster für alle Jahre:</strong> Ein Wert, der in einem Jahr geheim ist, ist es in allen Jahren; so lassen sich Jahre nicht gegeneinander aufrechnen.' : 'Das Muster wird für jedes Jahr einzeln bestimmt (Einstellung „gleiches Muster in allen Jahren“ aus).'}</li>`
    + (d.source ? `<li><strong>Geheim in der Quelle („·<sup>q</sup>“):</strong> Werte, die schon die eingelesene Datei mit „·“ geheim hält, bleiben geheim und werden wie primär geheime Werte durch Sekundärgeheimhaltung geschützt; eine Summe mit einem solchen Teil ist ebenfalls unbekannt.</li>` : '')
    + `<li>In diesem Bericht: ${d.primary} Werte primär und ${d.secondary} sekundär geheim gehalten${d.source ? `, dazu ${d.source} schon in der Quelle geheim` : ''} (Gebiete × Jahre × Indikatoren). Quoten sind verborgen, wenn ihr Zähler oder Nenner geheim ist; standardisierte Werte eines geheimen oder unsicheren Wertes ebenfalls. In den Karten erscheinen solche Gebiete punktiert.</li>`
    + `<li>Grenzen: eine einfache, nachvollziehbare Regel, keine vollständige Optimierung wie τ-Argus oder sdcTable; Schranken aus Intervallrechnung und Dominanzregeln sind nicht geprüft, und geschützt werden nur die bekannten Summen (siehe Dokumentation „Geheimhaltung“).</li></ul>${symbolLegend(m)}`;
}

function method(m: ReportModel): string {
  const parts: string[] = [];
  parts.push(`<h3>Gebiete und Daten</h3><p>Gebietsebene: ${esc(m.layerLabel)} mit ${m.ids.length} Gebieten. Datenquellen: ${esc(m.meta.source || 'nicht angegeben')}${m.meta.datenstand ? `; Datenstand ${esc(m.meta.datenstand)}` : ''}. Ausgewertete Jahre: ${m.years.map(esc).join(', ') || '–'}.</p>`);
  if (m.indicators.length) {
    parts.push(`<h3>Indikatoren</h3><p>Jeder Indikator ist eine Quote je Gebiet und Jahr: Zähler / Nenner × Skalierung (100 = Prozent, 1 000 = je 1 000). Der Wert ${ofTotal(m)} ist die Summe der Zähler durch die Summe der Nenner (kein Mittel der Gebietsquoten).</p>${indicatorTable(m)}`);
  }
  if (m.index) {
    // the indicator lines of the workspace note ("– name: formula …") are the table above
    const lines = m.index.methodLines.filter((l) => !/^\s*[–-]\s/.test(l));
    parts.push(`<h3>Sozialindex</h3><ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`);
  }
  parts.push(disclosureMethod(m));
  const sg = m.segregation;
  if (sg) {
    parts.push(`<h3>Segregation</h3><p>Gruppe ${esc(sg.group)} gegenüber ${esc(sg.total)} im Jahr ${esc(sg.year)}; ${sg.used} von ${sg.n} Gebieten mit mindestens ${num(sg.minPopulation, 0)} Personen. Segregationsindex D nach Duncan & Duncan (1955), Gini, Theils H, Atkinson, Isolation und Exposition nach den üblichen Formeln; Signifikanz durch ${sg.permutations} zufällige Umverteilungen der Personen auf die Gebiete (Permutationstest).${sg.tolerance !== null ? ` Räumliche Dissimilarität nach Morrill (1991) mit Queen-Nachbarschaft; Eckpunkte näher als ${esc(String(sg.tolerance).replace(".", ","))} m gelten als gemeinsam (0 m = exakt gleiche Eckpunkte wie in GeoDa, PySAL und spdep).` : ''}</p>`);
  }
  const sp = m.spatial;
  if (sp) {
    parts.push(`<h3>Räumliche Muster</h3><p>Globales Moran’s I und lokale Indikatoren räumlicher Assoziation (LISA, Anselin 1995) für ${esc(sp.variable)}; Nachbarschaft: ${esc(sp.weights)}, zeilenstandardisiert; ${sp.permutations} bedingte Permutationen; Signifikanzniveau ${num(sp.alpha, 3)}${sp.fdr ? ' mit Korrektur für multiples Testen (FDR nach Benjamini–Hochberg)' : ''}.</p>`);
  }
  parts.push(`<h3>Karten</h3><p>Kartengrundlage: ${esc(m.meta.attribution || 'eigene Gebietsgrenzen')}. Die Gebietsgrenzen sind in ${esc(m.areas.crs)} (ETRS89 / UTM) dargestellt; der Maßstabsbalken gilt für die Kartenmitte, der Nordpfeil zeigt geografisch Nord. Gebiete ohne Wert sind schraffiert, geheim gehaltene punktiert.</p>`);
  parts.push(`<p class="note">Berechnet mit ${esc(m.generator)}. Die Formeln und Quellen der Verfahren sind in der Dokumentation der Werkbank beschrieben.</p>`);
  return `<section class="chapter" id="method" data-role="method"><h2>Methode</h2>${parts.join('\n')}</section>`;
}

registerSection({ key: 'method', order: 20, title: () => 'Methode', report: method });
