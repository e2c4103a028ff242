/**
 * Ranking (`<table data-role="ranking">`, one row per area, excluded ones with their reason) and
 * the indicator values of the index year with official symbols for suppressed cells.
 */
import { registerSection } from '../sections';
import type { ReportModel } from '../types';
import { esc, num, symbolCell } from '../html';
import { sourceLine, symbolLegend, totalName, valueCell } from './common';

/** Areas by rank; excluded and unscored areas last, by name. */
export function rankOrder(m: ReportModel): number[] {
  const ix = m.index;
  const idx = m.ids.map((_, i) => i);
  if (!ix) return idx.sort((a, b) => m.names[a].localeCompare(m.names[b], 'de'));
  return idx.sort((a, b) => (ix.rank[a] || Infinity) - (ix.rank[b] || Infinity) || m.names[a].localeCompare(m.names[b], 'de'));
}

function ranking(m: ReportModel): string {
  const ix = m.index;
  if (!ix) return '';
  const rob = ix.robustness;
  // status × dynamics: the group says the status class already
  const classCol = !ix.group;
  const head = ['<th class="num">Rang</th>', '<th>Schlüssel</th>', '<th>Gebiet</th>', '<th class="num">Index</th>', classCol ? '<th>Klasse</th>' : '',
    ix.group ? '<th>Status / Dynamik</th>' : '', ix.typeOf ? '<th>Typ</th>' : '', ix.population ? '<th class="num">EW</th>' : '',
    rob ? '<th class="num">in Klasse</th><th class="num">Rang 5–95 %</th>' : '', '<th>Hinweis</th>'].join('');
  const rows = rankOrder(m).map((i) => {
    const ex = ix.excluded[i];
    const scored = ix.rank[i] > 0;
    return `<tr${scored ? '' : ' class="excluded"'} data-id="${esc(m.ids[i])}"><td class="num">${scored ? ix.rank[i] : '–'}</td><td>${esc(m.ids[i])}</td><td>${esc(m.names[i])}</td>`
      + `<td class="num">${scored ? num(ix.score[i], 2) : '–'}</td>` + (classCol ? `<td>${ix.classOf[i] >= 0 ? esc(ix.classLabels[ix.classOf[i]]) : '–'}</td>` : '')
      + (ix.group ? `<td class="nowrap">${esc(ix.group[i] ?? '–')}</td>` : '') + (ix.typeOf ? `<td class="nowrap">${esc(ix.typeOf[i] ?? '–')}</td>` : '')
      + (ix.population ? (ix.populationSymbol?.[i] ? symbolCell(ix.populationSymbol[i]!) : `<td class="num">${Number.isFinite(ix.population[i]) ? num(ix.population[i], 0) : 'x'}</td>`) : '')
      + (rob ? `<td class="num">${Number.isFinite(rob.ownClassProb[i]) ? `${num(rob.ownClassProb[i] * 100, 0)} %` : '–'}</td><td class="num">${rob.rankLo[i] > 0 ? `${rob.rankLo[i]}–${rob.rankHi[i]}` : '–'}</td>` : '')
      + `<td>${ex ? `ausgeschlossen: ${esc(ex)}` : ix.dynamicsNote?.[i] ? `keine Dynamik: ${esc(ix.dynamicsNote[i]!)}` : ''}</td></tr>`;
  });
  return `<section class="chapter" id="ranking"><h2>Rangfolge ${esc(ix.year)}</h2><p>Rang 1 = höchster Handlungsbedarf. ${ix.scored} Gebiete sind bewertet; ausgeschlossene Gebiete stehen am Ende mit dem Grund.${rob ? ' „in Klasse“: Anteil der Gewichtsvarianten, in denen das Gebiet in seiner Klasse bleibt.' : ''}</p>`
    + `<table data-role="ranking"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table><p class="note">${esc(sourceLine(m))}</p></section>`;
}

function indicatorTable(m: ReportModel): string {
  if (!m.indicators.length) return '';
  const yi = (k: number) => Math.max(0, m.indicators[k].years.findIndex((y) => y.year === m.year));
  const head = m.indicators.map((ind) => `<th class="num">${esc(ind.name)}${ind.unit ? ` (${esc(ind.unit)})` : ''}</th>`).join('');
  const rows = rankOrder(m).map((i) => `<tr><td>${esc(m.ids[i])}</td><td>${esc(m.names[i])}</td>${m.indicators.map((ind, k) => {
    const y = ind.years[yi(k)];
    return valueCell(y.values[i], y.symbols[i]);
  }).join('')}</tr>`);
  const city = `<tr><td></td><td><strong>${esc(totalName(m))} insgesamt</strong></td>${m.indicators.map((ind, k) => {
    const y = ind.years[yi(k)];
    return y.citySymbol ? valueCell(NaN, y.citySymbol) : `<td class="num"><strong>${num(y.city)}</strong></td>`;
  }).join('')}</tr>`;
  return `<section class="chapter" id="indicators"><h2>Indikatorwerte ${esc(m.year)}</h2><p>Gebiete in der Reihenfolge der Rangfolge. ${m.disclosure.enabled ? 'Geheim gehaltene und nicht hinreichend genaue Werte sind durch Zeichen ersetzt; „·<sup>s</sup>“ markiert Werte, die nur zum Schutz anderer geheimer Werte verborgen sind.' : '<strong>Geheimhaltung ausgeschaltet</strong>: alle Werte ungeschützt.'}</p>`
    + `<table data-role="indicator-values"><thead><tr><th>Schlüssel</th><th>Gebiet</th>${head}</tr></thead><tbody>${rows.join('')}${city}</tbody></table>${symbolLegend(m)}<p class="note">${esc(sourceLine(m))}</p></section>`;
}

registerSection({ key: 'ranking', order: 40, title: (m) => (m.index ? `Rangfolge ${m.index.year}` : ''), report: ranking });
registerSection({ key: 'indicators', order: 45, title: (m) => (m.indicators.length ? `Indikatorwerte ${m.year}` : ''), report: indicatorTable });
