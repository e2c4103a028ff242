/**
 * Indicator values of the levels above the report's areas (Stadtbezirke, Gemeinden): one table per
 * level, the index year, Σ Zähler / Σ Nenner of the areas in each parent area, with the levels'
 * disclosure (engine: `engine/reportLevels.ts`). Nothing without a parent layer.
 */
import { registerSection } from '../sections';
import type { ReportModel } from '../types';
import { esc, num } from '../html';
import { sourceLine, totalName, valueCell } from './common';

const title = (m: ReportModel) => (m.parents?.length ? `Indikatorwerte ${m.year} nach ${m.parents.map((p) => p.label).join(' und ')}` : '');

function chapter(m: ReportModel): string {
  const levels = m.parents ?? [];
  if (!levels.length || !m.indicators.length) return '';
  const yi = (k: number) => Math.max(0, m.indicators[k].years.findIndex((y) => y.year === m.year));
  const head = m.indicators.map((ind) => `<th class="num">${esc(ind.name)}${ind.unit ? ` (${esc(ind.unit)})` : ''}</th>`).join('');
  const tables = levels.map((lv) => {
    const order = lv.names.map((_, a) => a).filter((a) => lv.of.includes(a)).sort((a, b) => lv.names[a].localeCompare(lv.names[b], 'de'));
    const rows = order.map((a) => `<tr><td>${esc(lv.names[a])}</td><td class="num">${lv.of.filter((p) => p === a).length}</td>${m.indicators.map((_, k) => valueCell(lv.values[k]?.[a] ?? NaN, lv.symbols[k] ? lv.symbols[k][a] : 'x')).join('')}</tr>`);
    const total = `<tr><td><strong>${esc(totalName(m))} insgesamt</strong></td><td class="num">${m.ids.length}</td>${m.indicators.map((ind, k) => `<td class="num"><strong>${num(ind.years[yi(k)].city)}</strong></td>`).join('')}</tr>`;
    return `<h3>${esc(lv.label)}</h3><table data-role="level-values"><thead><tr><th>${esc(lv.label)}</th><th class="num">Gebiete</th>${head}</tr></thead><tbody>${rows.join('')}${total}</tbody></table>`;
  });
  return `<section class="chapter soft" id="levels"><h2>${esc(title(m))}</h2><p>Werte der übergeordneten Gebiete: Summe der Zähler durch Summe der Nenner aller Gebiete darin; geheim gehalten nach denselben Regeln, auf jeder Ebene (auch Sekundärgeheimhaltung, damit sich kein Gebietswert zurückrechnen lässt).</p>`
    + tables.join('') + `<p class="note">${esc(sourceLine(m))}</p></section>`;
}

registerSection({ key: 'levels', order: 47, title, report: chapter });
