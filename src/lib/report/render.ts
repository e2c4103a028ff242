/**
 * The one renderer of reports, profiles and map images (app and CLI): a {@link ReportModel} in,
 * one self-contained HTML document (or SVG) out. Pure: no DOM, no engine.
 */
import './sections/index';
import { sections } from './sections';
import { htmlDocument } from './document';
import { profileHtml } from './sections/profile';
import { figure, resetIds } from './sections/common';
import type { ReportMap, ReportModel } from './types';
import { compareDe } from '../util/collate';

/** The social report (Sozialbericht): title page, contents, summary, method, maps, tables, … profiles. */
export function renderReport(m: ReportModel, o: { printButton?: boolean } = {}): string {
  resetIds();
  const body = sections()
    .filter((s) => s.report && (s.key !== 'profiles' || m.includeProfiles))
    .map((s) => s.report!(m))
    .filter(Boolean)
    .join('\n');
  const title = m.meta.title || 'Sozialbericht';
  return htmlDocument({ title: m.meta.municipality ? `${title} – ${m.meta.municipality}` : title, running: title, body, printButton: o.printButton, titlePage: true });
}

/** Area profiles as one document: the areas with these ids (all when omitted), one per page. */
export function renderProfiles(m: ReportModel, ids?: string[], o: { printButton?: boolean } = {}): string {
  resetIds();
  const want = ids ? new Set(ids) : null;
  const order = m.ids.map((_, i) => i).filter((i) => !want || want.has(m.ids[i])).sort((a, b) => compareDe(m.ids[a], m.ids[b]));
  const body = order.map((i) => profileHtml(m, i)).join('\n').replace('class="profile"', 'class="profile first"');
  const one = order.length === 1 ? m.names[order[0]] : null;
  const title = one ? `Gebietssteckbrief ${one}` : `Gebietssteckbriefe${m.meta.municipality ? ` ${m.meta.municipality}` : ''}`;
  return htmlDocument({ title, running: title, body, printButton: o.printButton });
}

/** One map as a standalone SVG file (map export). */
export function renderMapSvg(m: ReportModel, map: ReportMap, width = 680): string {
  resetIds();
  // a standalone image: a white margin so title, counts and sources do not touch the frame in a slide (QA-17)
  const fig = figure(m, map, { width, caption: false, margin: 12 });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${fig.replace(/^<figure>|<\/figure>$/g, '')}\n`;
}
