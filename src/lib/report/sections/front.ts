/** Title page, contents and summary of the social report. */
import { registerSection, sections } from '../sections';
import type { ReportModel } from '../types';
import { esc, germanDate, num } from '../html';
import { ofTotal } from './common';

function titlePage(m: ReportModel): string {
  const mt = m.meta;
  const rows: [string, string][] = [
    ['Kommune', mt.municipality], ['Verfasst von', mt.author], ['Stand des Berichts', mt.date ? germanDate(mt.date) : germanDate(m.created)],
    ['Datenstand', mt.datenstand], ['Datenquellen', mt.source], ['Gebietsebene', `${m.layerLabel} (${m.ids.length} Gebiete)`],
  ];
  return `<section class="title-page" data-role="title-page">
<div class="kommune">${esc(mt.municipality)}</div>
<h1>${esc(mt.title || 'Sozialbericht')}</h1>
${mt.subtitle ? `<div class="sub">${esc(mt.subtitle)}</div>` : ''}
<div class="bar"></div>
<dl>${rows.filter(([, v]) => v).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<div class="foot">Erstellt mit der Sozialraum-Werkbank. Alle Berechnungen liefen im Browser; Einzeldaten wurden nicht übertragen. ${m.disclosure.enabled ? 'Werte, die der Geheimhaltung unterliegen, sind durch Zeichen ersetzt (siehe Zeichenerklärung im Methodenkapitel).' : '<strong class="disclosure-off" data-role="disclosure-off">Geheimhaltung ausgeschaltet: Alle Werte sind ungeschützt, auch kleine Fallzahlen. Nicht zur Veröffentlichung bestimmt.</strong>'}</div>
</section>`;
}

function toc(m: ReportModel): string {
  const items = sections()
    .filter((s) => s.report && s.title(m) && s.key !== 'title' && s.key !== 'toc')
    .map((s) => `<li><a href="#${esc(s.key)}">${esc(s.title(m))}</a></li>`);
  return `<section class="toc" id="toc"><h2>Inhalt</h2><ol>${items.join('')}</ol></section>`;
}

/** Plain German sentences on what the numbers say (the „Ausgangslage“ of funding applications). */
function summary(m: ReportModel): string {
  const out: string[] = [];
  const ix = m.index;
  if (ix) {
    const excluded = ix.excluded.filter((e) => e !== null).length;
    out.push(`<p>Der Sozialindex ${esc(ix.year)} (${esc(ix.presetLabel)}) ${m.indicators.length === 1 ? 'beruht auf 1 Indikator' : `fasst ${m.indicators.length} Indikatoren zusammen`} und bewertet ${ix.scored} von ${m.ids.length} Gebieten${excluded ? `; ${excluded === 1 ? '1 Gebiet ist' : `${excluded} Gebiete sind`} ausgeschlossen (Gründe in der Rangfolge)` : ''}.</p>`);
    const order = ix.rank.map((r, i) => [r, i] as const).filter(([r]) => r > 0).sort((a, b) => a[0] - b[0]).slice(0, 5);
    if (order.length) {
      out.push(`<p>Den höchsten Handlungsbedarf zeigen: ${order.map(([r, i]) => `${esc(m.names[i])} (Rang ${r})`).join(', ')}.</p>`);
    }
    const counts = new Map<number, number>();
    ix.classOf.forEach((c) => c >= 0 && counts.set(c, (counts.get(c) ?? 0) + 1));
    if (counts.size) {
      out.push(`<p>Verteilung auf die Klassen: ${ix.classLabels.map((l, c) => `${esc(l)}: ${counts.get(c) ?? 0}`).join(' · ')}.</p>`);
    }
    if (ix.robustness) {
      const stable = ix.robustness.ownClassProb.filter((p) => p >= 0.9).length;
      out.push(`<p>Robustheit: In ${ix.robustness.runs} zufälligen Gewichtsvarianten bleiben ${stable} der ${ix.scored} bewerteten Gebiete in mindestens 90 % der Fälle in ihrer Klasse.</p>`);
    }
  }
  const first = m.indicators[0];
  if (first) {
    const ys = first.years;
    const a = ys[0], b = ys[ys.length - 1];
    if (a && b && a !== b && Number.isFinite(a.city) && Number.isFinite(b.city)) {
      const d = b.city - a.city;
      const unit = first.unit === '%' ? 'Prozentpunkte' : first.unit;
      out.push(`<p>${esc(first.name)} ${ofTotal(m)}: ${num(a.city)} ${esc(first.unit)} (${esc(a.year)}) → ${num(b.city)} ${esc(first.unit)} (${esc(b.year)}), ${d >= 0 ? '+' : '−'}${num(Math.abs(d))} ${esc(unit)}.</p>`);
    }
  }
  const sg = m.segregation;
  if (sg) {
    const d = sg.rows[0];
    if (d) out.push(`<p>Segregation ${esc(sg.year)}: Der Segregationsindex D für ${esc(sg.group)} beträgt ${num(d.value * 100, 1)} (0 = gleichmäßig verteilt, 100 = vollständig getrennt)${d.p !== null ? `, Permutationstest p = ${num(d.p, 3)}` : ''}.</p>`);
  }
  const sp = m.spatial;
  if (sp) {
    out.push(`<p>Räumliches Muster: Moran’s I für ${esc(sp.variable)} beträgt ${num(sp.I, 3)} (p = ${num(sp.p, 3)}); ${sp.counts.HH} Gebiete bilden Hoch-Hoch-Cluster${sp.hotspots.length ? ` (${sp.hotspots.slice(0, 8).map(esc).join(', ')}${sp.hotspots.length > 8 ? ' …' : ''})` : ''}.</p>`);
  }
  if (!out.length) return '';
  return `<section class="chapter soft" id="summary"><h2>Zusammenfassung</h2>${out.join('\n')}</section>`;
}

registerSection({ key: 'title', order: 0, title: () => '', report: titlePage });
registerSection({ key: 'toc', order: 1, title: () => '', report: toc });
registerSection({ key: 'summary', order: 10, title: () => 'Zusammenfassung', report: summary });
