/**
 * The workshop chapter and profile block (issue 13): what participants said per area in the
 * Werkstattgespräch, set against the Sozialindex class — a map of the verdicts, the cross table
 * class × verdict, the areas where data and perception disagree, and every record as typed.
 * Data come from the app as `model.extras.workshop` (the CLI has none: nothing is rendered).
 */
import { registerSection } from '../sections';
import type { ReportMap, ReportModel } from '../types';
import { esc, germanDate, rgb } from '../html';
import { figure, sourceLine } from './common';
import {
  AGREEMENT_COLORS, AGREEMENT_ORDER, TEXT_FIELDS, agreementOf, crossTable, disagreements, sanitizeRecords,
  type Agreement, type Fit, type TextField, type WorkshopRecord,
} from '../../workshop/records';

/** `model.extras.workshop`: the records of the report's area layer, keyed by area id. */
export interface WorkshopExtras {
  title: string;
  date: string;
  records: Record<string, WorkshopRecord>;
}

const AGREEMENT_DE: Record<Agreement, string> = { agree: 'passt', disagree: 'passt nicht', unclear: 'unklar', open: 'noch offen' };
const FIT_DE: Record<Fit, string> = { passt: 'passt', passt_nicht: 'passt nicht', unklar: 'unklar' };
const FIELD_DE: Record<TextField, string> = {
  targetGroups: 'Zielgruppen',
  existing: 'Was gibt es bereits?',
  missing: 'Was fehlt ganz konkret?',
  contributors: 'Wer kann was einbringen?',
  notes: 'Notizen',
};

/** The workshop data of the model, checked (foreign input never breaks the report), or null. */
function data(m: ReportModel): WorkshopExtras | null {
  const x = m.extras.workshop as Partial<WorkshopExtras> | null | undefined;
  if (!x || typeof x !== 'object') return null;
  const records = sanitizeRecords(x.records);
  if (!m.ids.some((id) => records[id])) return null;
  return { title: typeof x.title === 'string' ? x.title : '', date: typeof x.date === 'string' ? x.date : '', records };
}

const heading = (w: WorkshopExtras) => `Werkstattgespräch${w.title.trim() ? `: ${w.title.trim()}` : ''}`;
const when = (w: WorkshopExtras) => (/^\d{4}-\d{2}-\d{2}/.test(w.date) ? ` am ${germanDate(w.date)}` : '');
const classOf = (m: ReportModel, i: number) => (m.index ? m.index.classOf[i] : -1);
const classLabel = (m: ReportModel, i: number) => (m.index && classOf(m, i) >= 0 ? (m.index.classLabels[classOf(m, i)] ?? '–') : '–');

/** The verdicts as a map: four categorical classes in the workshop's Okabe–Ito colours. */
export function workshopMap(m: ReportModel, w: WorkshopExtras): ReportMap {
  const agreements = m.ids.map((id) => agreementOf(w.records[id]));
  return {
    key: 'workshop',
    title: `${heading(w)}: Einschätzungen vor Ort`,
    subtitle: `Passt das Ergebnis der Daten zur Wahrnehmung vor Ort?${when(w)}`,
    fills: agreements.map((a) => rgb(AGREEMENT_COLORS[a])),
    legend: AGREEMENT_ORDER.map((a) => ({ fill: rgb(AGREEMENT_COLORS[a]), label: AGREEMENT_DE[a], count: agreements.filter((x) => x === a).length })),
    legendTitle: 'Einschätzung',
    note: 'Einschätzungen der Teilnehmenden, keine statistischen Werte; „noch offen“ = für das Gebiet wurde nichts festgehalten.',
  };
}

function chapter(m: ReportModel): string {
  const w = data(m);
  if (!w) return '';
  const withRecord = m.ids.map((id, i) => ({ id, i, r: w.records[id] })).filter((x) => x.r);
  const k = m.index?.classLabels.length ?? 0;
  const classes = m.ids.map((_, i) => classOf(m, i));
  let cross = '';
  let conflicts = '';
  if (m.index && k) {
    const ct = crossTable(m.ids, classes, k, w.records);
    const head = `<tr><th>Klasse im Sozialindex</th>${AGREEMENT_ORDER.map((a) => `<th class="num">${AGREEMENT_DE[a]}</th>`).join('')}</tr>`;
    const rows = ct.rows.map((r) => `<tr><td>${esc(r.classIndex >= 0 ? m.index!.classLabels[r.classIndex] : 'ohne Indexwert')}</td>${AGREEMENT_ORDER.map((a) => `<td class="num">${r.counts[a]}</td>`).join('')}</tr>`);
    cross = `<h3>Daten und Wahrnehmung</h3><table data-role="workshop-cross"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
      + '<p class="note">Zeilen: Klasse im Sozialindex; Spalten: Einschätzung vor Ort (Zahl der Gebiete).</p>';
    const d = disagreements(m.ids, m.names, classes, k, w.records);
    if (d.length) conflicts = `<h3>Hier widersprechen sich Daten und Wahrnehmung</h3><ul data-role="workshop-conflicts">${d.map((c) => `<li>${esc(c.name)} (Indexklasse ${esc(classLabel(m, c.index))})</li>`).join('')}</ul>`
      + '<p class="note">Zuerst die obersten und untersten Klassen: Dort wiegt ein Widerspruch am meisten (die Daten sehen großen Bedarf, vor Ort nicht – oder umgekehrt).</p>';
  }
  const head = `<tr><th>Gebiet</th><th>Indexklasse</th><th>Einschätzung</th>${TEXT_FIELDS.map((f) => `<th>${FIELD_DE[f]}</th>`).join('')}</tr>`;
  const rows = withRecord.map(({ i, r }) => `<tr><td>${esc(m.names[i])}</td><td>${esc(classLabel(m, i))}</td><td>${r!.fit ? FIT_DE[r!.fit] : 'noch offen'}</td>${TEXT_FIELDS.map((f) => `<td class="text">${esc(r![f])}</td>`).join('')}</tr>`);
  return `<section class="chapter" id="workshop"><h2>${esc(heading(w))}</h2>`
    + `<p>Im Werkstattgespräch${when(w)} haben die Teilnehmenden für ${withRecord.length} von ${m.ids.length} Gebieten festgehalten, ob sich die Ergebnisse mit den Wahrnehmungen vor Ort decken, welche Zielgruppen es gibt, was bereits vorhanden ist, was ganz konkret fehlt und wer was einbringen kann.</p>`
    + figure(m, workshopMap(m, w)) + cross + conflicts
    + `<h3>Festgehaltene Einschätzungen</h3><table data-role="workshop-records"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
    + `<p class="note">${esc(sourceLine(m))} Einträge: Werkstattgespräch${when(w)}.</p></section>`;
}

/** The records as a plain table (export sheet „Werkstatt“), in area order; null without records. */
export function workshopTable(m: ReportModel): { columns: string[]; rows: string[][] } | null {
  const w = data(m);
  if (!w) return null;
  const columns = ['Schlüssel', 'Gebiet', 'Indexklasse', 'Einschätzung', ...TEXT_FIELDS.map((f) => FIELD_DE[f]), 'Stand', 'Werkstatt', 'Datum'];
  const rows = m.ids.flatMap((id, i) => {
    const r = w.records[id];
    return r ? [[id, m.names[i], classLabel(m, i), r.fit ? FIT_DE[r.fit] : 'noch offen', ...TEXT_FIELDS.map((f) => r[f]), r.updated.slice(0, 10), w.title, w.date]] : [];
  });
  return { columns, rows };
}

function profile(m: ReportModel, i: number): string {
  const w = data(m);
  const r = w?.records[m.ids[i]];
  if (!w || !r) return '';
  const rows: [string, string][] = [];
  if (r.fit) rows.push(['Passt das Ergebnis zur Wahrnehmung vor Ort?', FIT_DE[r.fit] + (m.index && classOf(m, i) >= 0 ? ` (Indexklasse ${classLabel(m, i)})` : '')]);
  for (const f of TEXT_FIELDS) if (r[f].trim()) rows.push([FIELD_DE[f], r[f]]);
  return `<h3>${esc(heading(w) + when(w))}</h3><table class="kv" data-role="profile-workshop"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
}

registerSection({ key: 'workshop', order: 80, title: (m) => (data(m) ? heading(data(m)!) : ''), report: chapter });
registerSection({ key: 'profile-workshop', order: 850, title: () => '', profile });
