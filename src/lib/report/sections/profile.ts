/**
 * Area profile (Quartierssteckbrief): one page per area — map inset, key figures with index score,
 * rank, class and robustness, the spine chart against the city, each indicator over time, the
 * method note and sources. Each block is a section with a `profile()` part, so other workspaces
 * (services, workshop notes) add theirs the same way.
 */
import { registerSection, sections } from '../sections';
import type { ReportMap, ReportModel } from '../types';
import { esc, num } from '../html';
import { spineChart, timeSeriesChart, type SpineRow } from '../charts';
import { figure, sourceLine, statusDynamicsText, symbolLegend, totalName as totalOf } from './common';
import { compareDe } from '../../util/collate';

/** The inset: this area dark, the others light. */
function insetMap(m: ReportModel, i: number): ReportMap {
  return {
    key: 'inset', title: totalOf(m) === 'Kreis' ? 'Lage im Kreisgebiet' : 'Lage im Stadtgebiet', fills: m.ids.map((_, k) => (k === i ? '#1d4e89' : '#dfe4ea')),
    legend: [{ fill: '#1d4e89', label: m.names[i] }, { fill: '#dfe4ea', label: `übrige Gebiete (${m.layerLabel})` }],
  };
}

function keyFacts(m: ReportModel, i: number): string {
  const ix = m.index;
  const rows: [string, string][] = [['Schlüssel', m.ids[i]], ['Gebietsebene', m.layerLabel]];
  for (const lv of m.parents ?? []) if (lv.of[i] >= 0) rows.push([`Gehört zu (${lv.label})`, lv.names[lv.of[i]]]);
  if (ix?.population) rows.push(['Einwohner', Number.isFinite(ix.population[i]) ? num(ix.population[i], 0) : ix.populationSymbol?.[i] ?? 'x']);
  if (ix) {
    const ex = ix.excluded[i];
    if (ix.rank[i] > 0) {
      rows.push([`Sozialindex ${ix.year}`, num(ix.score[i], 2)], ['Rang', `${ix.rank[i]} von ${ix.scored}`]);
      if (ix.classOf[i] >= 0) rows.push(['Klasse', ix.classLabels[ix.classOf[i]]]);
      if (ix.group?.[i]) rows.push([`Status / Dynamik ${ix.dynamicsFrom ?? ''}–${ix.year}`, statusDynamicsText(ix, i)!]);
      if (ix.typeOf?.[i]) rows.push(['Sozialraumtyp', ix.typeOf[i]!]);
      const rb = ix.robustness;
      if (rb && Number.isFinite(rb.ownClassProb[i])) {
        rows.push(['Robustheit', `in ${num(rb.ownClassProb[i] * 100, 0)} % von ${num(rb.runs, 0)} Gewichtsvarianten in derselben Klasse; Rang ${rb.rankLo[i]}–${rb.rankHi[i]} (5–95 %)`]);
      }
    } else rows.push(['Sozialindex', ex ? `nicht bewertet: ${ex}` : 'nicht bewertet']);
    if (ex && ix.rank[i] > 0) rows.push(['Hinweis', ex]);
  }
  for (const s of sections()) rows.push(...(s.facts?.(m, i) ?? []));
  return `<table class="kv" data-role="key-facts"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
}

function head(m: ReportModel, i: number): string {
  return `<div class="profile-head"><h2>${esc(m.names[i])}</h2><span class="where">${['Gebietssteckbrief', m.meta.municipality.trim(), m.meta.datenstand.trim() ? `Datenstand ${m.meta.datenstand.trim()}` : ''].filter(Boolean).map(esc).join(' · ')}</span></div>`
    + `<div class="profile-top">${figure(m, insetMap(m, i), { width: 220, compact: true, highlight: i, caption: false })}<div>${keyFacts(m, i)}${sections().map((s) => s.side?.(m, i) ?? '').join('')}</div></div>`;
}


function spine(m: ReportModel, i: number): string {
  if (!m.indicators.length) return '';
  // parent areas of this area (Stadtbezirk, Gemeinde), each named by its own name
  const parents = (m.parents ?? []).filter((lv) => lv.of[i] >= 0);
  const rows: SpineRow[] = m.indicators.map((ind, j) => {
    const y = ind.years.find((q) => q.year === m.year) ?? ind.years[ind.years.length - 1];
    return {
      name: ind.name, unit: ind.unit, value: y.symbols[i] ? NaN : y.values[i], symbol: y.symbols[i], city: y.city, citySymbol: y.citySymbol, reference: ind.reference,
      all: y.values.filter((v, k) => Number.isFinite(v) && !y.symbols[k]), polarity: ind.polarity,
      levels: parents.map((lv) => ({ value: lv.values[j]?.[lv.of[i]] ?? NaN, symbol: lv.symbols[j] ? lv.symbols[j][lv.of[i]] : 'x' })),
    };
  });
  // an entered reference is external (Kreis or Land): it is named „Kreis/Land“ unless the total is the Kreis itself
  const ref = rows.some((r) => r.reference !== null) ? (totalOf(m) === 'Kreis' ? 'Land (Referenz)' : 'Kreis/Land') : undefined;
  const names = parents.map((lv) => lv.names[lv.of[i]]);
  const versus = [...names, totalOf(m)].join(', ').replace(/, ([^,]*)$/, ' und $1');
  return `<h3>Kennzahlen ${esc(m.year)} im Vergleich zu ${esc(versus)}</h3>${spineChart(rows, { refLabel: ref, totalLabel: totalOf(m), levelLabels: names })}`;
}

function series(m: ReportModel, i: number): string {
  if (m.years.length < 2 || !m.indicators.length) return '';
  const charts = m.indicators.map((ind) => timeSeriesChart({
    title: ind.name, unit: ind.unit, years: ind.years.map((y) => y.year),
    area: ind.years.map((y) => (y.symbols[i] ? NaN : y.values[i])), city: ind.years.map((y) => y.city),
  }));
  return `<h3>Entwicklung ${esc(m.years[0])}–${esc(m.years[m.years.length - 1])} <span class="h-note">durchgezogen: ${esc(m.names[i])}; gestrichelt: ${esc(totalOf(m))}; Lücken: geheim gehalten oder nicht hinreichend genau</span></h3><div class="ts-grid" style="grid-template-columns: repeat(${charts.length > 6 ? 4 : 3}, 1fr)">${charts.join('')}</div>`;
}

function foot(m: ReportModel, i: number): string {
  const ix = m.index;
  const note = ix ? `Sozialindex: ${ix.presetLabel}, ${m.indicators.length} Indikatoren; Rang 1 = höchster Handlungsbedarf. ` : '';
  const parents = (m.parents ?? []).filter((lv) => lv.of[i] >= 0).map((lv) => `${lv.names[lv.of[i]]} (${lv.label})`);
  const levels = parents.length ? ` und Wert für ${parents.join(', ')}` : '';
  return `<div class="method-note"><p>${esc(note)}Quoten: Zähler / Nenner je Gebiet; ${esc(totalOf(m))}wert${esc(levels)} = Summe der Zähler / Summe der Nenner der Gebiete darin, geheim gehalten nach denselben Regeln. ${esc(sourceLine(m))}</p>${symbolLegend(m)}</div>`;
}

/** One area's profile page. */
export function profileHtml(m: ReportModel, i: number): string {
  const blocks = sections().map((s) => s.profile?.(m, i) ?? '').filter(Boolean);
  return `<section class="profile" id="profile-${esc(m.ids[i])}" data-role="profile" data-id="${esc(m.ids[i])}">${blocks.join('\n')}</section>`;
}

/** Overview with every area's key, so a reader finds the profiles (ordered by key). */
function keyMap(m: ReportModel): ReportMap {
  return {
    key: 'keys', title: `Übersicht der Gebiete (${m.layerLabel})`, fills: m.ids.map(() => '#e8edf3'),
    legend: [{ fill: '#e8edf3', label: 'Zahl im Gebiet: Schlüssel des Steckbriefs' }], labels: m.ids,
  };
}

function allProfiles(m: ReportModel): string {
  return `<section class="chapter" id="profiles"><h2>Gebietssteckbriefe</h2><p>Auf den folgenden Seiten je Gebiet ein Steckbrief, geordnet nach dem Schlüssel.</p>${figure(m, keyMap(m))}</section>`
    + m.ids.map((_, i) => i).sort((a, b) => compareDe(m.ids[a], m.ids[b])).map((i) => profileHtml(m, i)).join('\n');
}

registerSection({ key: 'profile-head', order: 100, title: () => '', profile: head });
registerSection({ key: 'profile-spine', order: 110, title: () => '', profile: spine });
registerSection({ key: 'profile-series', order: 120, title: () => '', profile: series });
registerSection({ key: 'profile-foot', order: 900, title: () => '', profile: foot });
registerSection({ key: 'profiles', order: 95, title: () => 'Gebietssteckbriefe', report: allProfiles });
