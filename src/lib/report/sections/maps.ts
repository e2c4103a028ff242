/** Map chapters: the index maps (classes, status × dynamics, types, certainty) and one small map per indicator. */
import { registerSection } from '../sections';
import type { ReportModel } from '../types';
import { esc } from '../html';
import { figure } from './common';

function indexMaps(m: ReportModel): string {
  if (!m.maps.length) return '';
  return `<section class="chapter" id="maps"><h2>Karten</h2>${m.maps.map((map) => figure(m, map)).join('\n')}</section>`;
}

function indicatorMaps(m: ReportModel): string {
  const maps = m.indicatorMaps;
  if (!maps.length) return '';
  return `<section class="chapter" id="indicator-maps"><h2>Indikatoren ${esc(m.year)} im Überblick</h2><p>Jede Karte zeigt einen Indikator in fünf gleich besetzten Klassen (Quintile). Punktierte Gebiete: Wert geheim gehalten oder nicht hinreichend genau.</p><div class="small-maps">${maps.map((map) => figure(m, map, { width: 330, compact: true })).join('\n')}</div></section>`;
}

registerSection({ key: 'maps', order: 30, title: (m) => (m.maps.length ? 'Karten' : ''), report: indexMaps });
registerSection({ key: 'indicator-maps', order: 50, title: (m) => (m.indicatorMaps.length ? `Indikatoren ${m.year} im Überblick` : ''), report: indicatorMaps });
