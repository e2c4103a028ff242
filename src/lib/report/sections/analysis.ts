/** Segregation and spatial-pattern chapters (when those analyses were run). */
import { registerSection } from '../sections';
import type { ReportModel } from '../types';
import { esc, num } from '../html';
import { figure, sourceLine } from './common';

function segregation(m: ReportModel): string {
  const s = m.segregation;
  if (!s) return '';
  const rows = s.rows.map((r) => `<tr><td>${esc(r.label)}</td><td class="num">${num(r.value, 3)}</td><td class="num">${r.p === null ? '–' : num(r.p, 3)}</td><td>${esc(r.note ?? '')}</td></tr>`);
  const trend = s.trend.length > 1
    ? `<h3>Entwicklung</h3><table><thead><tr><th>Jahr</th><th class="num">D × 100</th></tr></thead><tbody>${s.trend.map((t) => `<tr><td>${esc(t.year)}</td><td class="num">${num(t.d * 100, 1)}</td></tr>`).join('')}</tbody></table>`
    : '';
  return `<section class="chapter" id="segregation"><h2>Segregation ${esc(s.year)}</h2>`
    + `<p>Wie ungleich ist ${esc(s.group)} über die Gebiete verteilt? ${s.used} von ${s.n} Gebieten (mindestens ${num(s.minPopulation, 0)} Personen)${s.filtered.length ? `; ausgeschlossen: ${s.filtered.map(esc).join(', ')}` : ''}.</p>`
    + `<table data-role="segregation"><thead><tr><th>Maß</th><th class="num">Wert</th><th class="num">p (Permutation)</th><th>Lesart</th></tr></thead><tbody>${rows.join('')}</tbody></table>${trend}`
    + (s.map ? figure(m, s.map) : '') + `<p class="note">${esc(sourceLine(m))}</p></section>`;
}

function spatial(m: ReportModel): string {
  const s = m.spatial;
  if (!s) return '';
  const c = s.counts;
  return `<section class="chapter" id="spatial"><h2>Räumliche Muster</h2>`
    + `<p>Moran’s I = ${num(s.I, 3)} (Erwartung ohne Muster ${num(s.expected, 3)}, p = ${num(s.p, 3)}): ${s.I > s.expected && s.p <= s.alpha ? 'Gebiete mit ähnlichen Werten liegen signifikant häufig beieinander.' : 'kein signifikantes räumliches Muster.'}</p>`
    + `<table data-role="lisa"><thead><tr><th>Cluster</th><th class="num">Gebiete</th></tr></thead><tbody><tr><td>Hoch-Hoch (HH)</td><td class="num">${c.HH}</td></tr><tr><td>Niedrig-Niedrig (LL)</td><td class="num">${c.LL}</td></tr><tr><td>Hoch-Niedrig (HL)</td><td class="num">${c.HL}</td></tr><tr><td>Niedrig-Hoch (LH)</td><td class="num">${c.LH}</td></tr><tr><td>nicht signifikant</td><td class="num">${c.ns}</td></tr></tbody></table>`
    + figure(m, s.map) + `<p class="note">${esc(sourceLine(m))}</p></section>`;
}

registerSection({ key: 'segregation', order: 60, title: (m) => (m.segregation ? `Segregation ${m.segregation.year}` : ''), report: segregation });
registerSection({ key: 'spatial', order: 70, title: (m) => (m.spatial ? 'Räumliche Muster' : ''), report: spatial });
