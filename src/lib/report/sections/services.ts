/**
 * The chapter „Angebote und Bedarfe“ and the profile block „Angebote im und am Gebiet“ (issue 11's
 * workspace in reports and profiles): Versorgungsquote map and table, accessibility, areas with
 * high need and little supply, and the services in or near each area. Data come as
 * `model.extras.services` from the engine step `engine/reportServices.ts` (the app's workspace
 * settings, or the CLI's `--services`); without it nothing is rendered.
 */
import { registerSection } from '../sections';
import type { ReportModel } from '../types';
import type { ServicesReport } from '../../engine/reportServices';
import { esc, num } from '../html';
import { figure, sourceLine, totalName, valueCell } from './common';
import { compareDe } from '../../util/collate';

/** How many services a profile lists before „… und n weitere“ (the profile stays one page). */
export const PROFILE_SERVICES = 6;

const LEVEL = ['gering', 'mittel', 'hoch'];

function data(m: ReportModel): ServicesReport | null {
  const s = m.extras.services as ServicesReport | null | undefined;
  return s && typeof s === 'object' && Array.isArray(s.near) && s.near.length === m.ids.length ? s : null;
}

const unitOf = (c: NonNullable<ServicesReport['coverage']>) => `${c.useCapacity ? 'Plätze' : 'Angebote'} je ${num(c.per, 0)} ${c.target}`;
const what = (s: ServicesReport) => (s.categories.length ? `${s.categories.join(', ')} (${s.label})` : s.label);
const cellLabel = (c: number) => (c < 0 ? '–' : `Bedarf ${LEVEL[Math.floor(c / 3)]} · Versorgung ${LEVEL[c % 3]}`);
/** Counts and rates: „–“ for exactly nothing (official convention), else the German number or the symbol. */
const cell = (v: number, symbol: string | null, digits: number) => (v === 0 && !symbol ? '<td class="num sym">–</td>' : valueCell(v, symbol, digits));
const metres = (d: number) => (d === 0 ? 'im Gebiet' : `${num(Math.max(10, Math.round(d / 10) * 10), 0)} m entfernt`);

function chapter(m: ReportModel): string {
  const s = data(m);
  if (!s) return '';
  const c = s.coverage, a = s.access, g = s.gaps;
  const intro = [`Grundlage: ${what(s)} – ${num(s.total, 0)} Angebote in den ${m.ids.length} Gebieten (${m.layerLabel}).`];
  if (c) {
    intro.push(`Versorgungsquote: ${unitOf(c)}; ${totalName(m)} insgesamt ${num(c.municipal, 1)} (${num(c.totals.capacity, 0)} ${c.useCapacity ? 'Plätze' : 'Angebote'} für ${num(c.totals.target, 0)} Personen der Zielgruppe).`);
    if (c.outside) intro.push(`${num(c.outside, 0)} Angebote liegen außerhalb der Gebiete und zählen nicht.`);
  }
  if (a) intro.push(`Erreichbarkeit: ${a.method}, Einzugsbereich ${num(a.maxCost, 0)} ${a.unit}; ${Number.isFinite(a.unreachedShare) ? `${num(a.unreachedShare * 100, 1)} % der Zielgruppe erreichen kein Angebot im Einzugsbereich.` : ''}`);
  let table = '';
  if (c || a || g) {
    const head = `<tr><th>Gebiet</th>${c ? `<th class="num">Angebote</th>${c.useCapacity ? '<th class="num">Plätze</th>' : ''}<th class="num">Zielgruppe</th><th class="num">Quote</th>` : ''}${a ? `<th class="num">Erreichbarkeit</th>` : ''}${g ? '<th>Bedarf · Versorgung</th>' : ''}</tr>`;
    const order = m.ids.map((_, i) => i).sort((p, q) => compareDe(m.ids[p], m.ids[q]));
    const rows = order.map((i) => `<tr${g && g.cell[i] === 6 ? ' class="flag"' : ''}><td>${esc(m.names[i])}</td>`
      + (c ? `${cell(c.count[i], null, 0)}${c.useCapacity ? cell(c.capacity[i], null, 0) : ''}${cell(c.group[i], c.groupSymbol[i], 0)}${cell(c.rate[i], c.rateSymbol[i], 1)}` : '')
      + (a ? valueCell(a.values[i], null, 3) : '')
      + (g ? `<td>${esc(cellLabel(g.cell[i]))}</td>` : '') + '</tr>');
    table = `<h3>Versorgung je Gebiet</h3><table data-role="services-areas"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
      + `<p class="note">${c ? `Quote: ${esc(unitOf(c))} (Summe im Gebiet / Zielgruppe im Gebiet); Angebote und Plätze sind öffentlich, die Zielgruppe unterliegt der Geheimhaltung. ` : ''}${a ? 'Erreichbarkeit: bevölkerungsgewichtetes Mittel im Gebiet, höher = besser. ' : ''}${esc(sourceLine(m))}</p>`;
  }
  let gaps = '';
  if (g) {
    const digits = a && g.supplyLabel === 'Erreichbarkeit' ? 3 : 1;
    // the nearest service outside tells whether a neighbouring area covers the need
    const nearest = (i: number) => {
      const out = s.near[i].find((x) => x.distance > 0);
      return out ? `${esc(out.name)} (${esc(metres(out.distance))})` : `keins bis ${num(s.radius, 0)} m`;
    };
    const rows = g.rows.map((r) => `<tr><td>${esc(m.names[r.index])}</td>${cell(r.supply, null, digits)}<td class="num">${num(s.near[r.index].filter((x) => x.distance === 0).length, 0)}</td><td>${nearest(r.index)}</td></tr>`);
    gaps = `<h3>Hoher Bedarf, geringe Versorgung</h3><p>Bedarf: ${esc(g.needLabel)}; Versorgung: ${esc(g.supplyLabel)}. Gebiete im oberen Drittel des Bedarfs und im unteren Drittel der Versorgung, dringendste zuerst:</p>`
      + (rows.length ? `<table data-role="services-gaps"><thead><tr><th>Gebiet</th><th class="num">${esc(g.supplyLabel)}</th><th class="num">Angebote im Gebiet</th><th>nächstes Angebot außerhalb</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p>Kein Gebiet in dieser Gruppe.</p>');
  }
  return `<section class="chapter" id="services"><h2>Angebote und Bedarfe</h2><p>${intro.map(esc).join(' ')}</p>`
    + s.maps.map((mp) => figure(m, mp)).join('') + table + gaps + '</section>';
}

/** Key figures next to the inset map: the area's rate against the total, accessibility, need × supply. */
function facts(m: ReportModel, i: number): [string, string][] {
  const s = data(m);
  if (!s) return [];
  const c = s.coverage, a = s.access, g = s.gaps;
  const out: [string, string][] = [];
  if (c) {
    const rate = c.rateSymbol[i] ?? (c.rate[i] === 0 ? '– (nichts im Gebiet)' : num(c.rate[i], 1));
    out.push([`Versorgungsquote (${unitOf(c)})`, `${rate}; ${totalName(m)} ${num(c.municipal, 1)}`]);
  }
  if (a && Number.isFinite(a.values[i])) out.push([`Erreichbarkeit (${a.method}, ${num(a.maxCost, 0)} ${a.unit})`, `${num(a.values[i], 3)}; Mittel ${num(a.mean, 3)}`]);
  if (g && g.cell[i] >= 0) out.push(['Bedarf × Versorgung', cellLabel(g.cell[i])]);
  return out;
}

/** The services in and near the area, two columns, inside first. */
function profile(m: ReportModel, i: number): string {
  const s = data(m);
  if (!s) return '';
  const list = s.near[i];
  const inside = list.filter((x) => x.distance === 0).length;
  const shown = list.slice(0, PROFILE_SERVICES);
  const rest = list.length - shown.length;
  const items = shown.map((x) => `<li>${esc(x.name)}${s.categories.length === 1 ? '' : ` <span class="d">(${esc(x.category)})</span>`}${x.capacity === null ? '' : `, ${num(x.capacity, 0)} Plätze`} <span class="d">– ${esc(metres(x.distance))}</span></li>`);
  const summary = `${num(inside, 0)} im Gebiet, ${num(list.length - inside, 0)} bis ${num(s.radius, 0)} m außerhalb (Luftlinie bis zur Gebietsgrenze)${rest > 0 ? `; ${num(rest, 0)} weitere nicht aufgeführt` : ''}.`;
  return `<h3 class="side">${esc(what(s))} im und am Gebiet</h3>`
    + (list.length
      ? `<ul class="svc-list" data-role="profile-services">${items.join('')}</ul><p class="note">${esc(summary)}</p>`
      : `<p class="note">Kein Angebot im Gebiet oder bis ${num(s.radius, 0)} m außerhalb.</p>`);
}

registerSection({ key: 'services', order: 75, title: (m) => (data(m) ? 'Angebote und Bedarfe' : ''), report: chapter });
// beside the inset map, under the key figures: the column has room there, the page does not below
registerSection({ key: 'profile-services', order: 130, title: () => '', side: profile, facts });
