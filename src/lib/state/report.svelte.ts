import type { AppState } from './app.svelte';
import type { MapState } from './map.svelte';
import type { PersistedPart } from './persisted';
import type { ReportRequest } from '../engine/report';
import type { ReportDisclosure } from '../engine/reportDisclosure';
import type { DisclosureOptions } from '../analysis/disclosure';
import type { ReportMap, ReportMeta } from '../report/types';
import type { AreaFill } from '../report/svgMap';
import type { ExportFormat } from '../export/formats';
import { EMPTY_META } from '../report/types';
import { GENERATOR } from '../util/generator';
import { sozialindexState } from './sozialindex.svelte';
import { segregationState } from './spatialSegregation.svelte';
import { patternsState } from './spatialPatterns.svelte';
import { download } from '../export/csv';
import { EXPORT_FORMATS } from '../export/formats';
import { svgToPng } from '../export/png';
import { rgb } from '../report/html';
import { symbolFor } from '../map/disclosure';
import type { ProgressFn, TaskId } from '../contract';
import { t } from '../../i18n/index';

export const REPORT_PART = 'report';

/**
 * Data of plug-in report sections from other workspaces (e.g. workshop notes, issue 13): a
 * provider returns plain data that goes to `request.extras[key]` and to the section of that key.
 */
const extrasProviders = new Map<string, (app: AppState) => unknown>();
export function registerReportExtras(key: string, provider: (app: AppState) => unknown): void {
  extrasProviders.set(key, provider);
}

const today = () => new Date().toISOString().slice(0, 10);
const safe = (s: string) => s.trim().replace(/[\\/:*?"<>|]+/g, '_').replace(/\s+/g, '_') || 'Bericht';

/**
 * The „Bericht & Export“ workspace: report metadata, what goes into the report, and the actions
 * (report HTML/print, profiles, table exports, map image). Everything is built in the worker by
 * the one engine path and renderer the CLI uses.
 */
export class ReportState {
  meta = $state<ReportMeta>({ ...EMPTY_META, title: 'Sozialbericht' });
  includeProfiles = $state(true);
  includeSegregation = $state(true);
  includeSpatial = $state(true);
  format = $state<ExportFormat>('xlsx');
  /** the profile shown in the viewer: its HTML and the ids it covers */
  profile = $state.raw<{ html: string; ids: string[] | null; title: string } | null>(null);
  busy = $state<string | null>(null);

  constructor(
    private app: AppState,
    private map: MapState,
  ) {}

  /** Why no report can be made yet (German), or null. */
  missing(): string | null {
    const ix = sozialindexState(this.app, this.map);
    if (!this.app.layers.length) return t('report.needLayer');
    if (!ix.request()) return t('report.needIndex');
    return null;
  }

  request(): ReportRequest | null {
    const ix = sozialindexState(this.app, this.map);
    const index = ix.request();
    if (!index) return null;
    const seg = segregationState(this.app, this.map);
    const sp = patternsState(this.app, this.map);
    const extras: Record<string, unknown> = {};
    for (const [k, f] of extrasProviders) extras[k] = f(this.app);
    const meta = $state.snapshot(this.meta);
    return {
      meta: { ...meta, date: meta.date || today() },
      index,
      typology: ix.typology ? $state.snapshot(ix.typSpec) : null,
      robustness: ix.robustness ? $state.snapshot(ix.robSpec) : null,
      segregation: this.includeSegregation && seg.result ? seg.request() : null,
      spatial: this.includeSpatial && sp.moran ? sp.moranRequest() : null,
      includeProfiles: this.includeProfiles,
      extras,
      disclosure: this.disclosure(index.disclosure),
      generator: GENERATOR,
      created: new Date().toISOString(),
    };
  }

  /**
   * The project's disclosure control (switch, thresholds, „gleiches Muster in allen Jahren“, column
   * kinds from „Ebenen“) for reports, profiles and exports. Thresholds: the stricter of the project's
   * and the Sozialindex's own, so nothing the index workspace hides appears in a report.
   */
  disclosure(ix: DisclosureOptions | undefined): ReportDisclosure {
    const s = $state.snapshot(this.map.levels.settings);
    return {
      enabled: s.enabled,
      minCount: Math.max(s.minCount, ix?.minCount ?? 0),
      minDenominator: Math.max(s.minDenominator, ix?.minDenominator ?? 0),
      minNumerator: Math.max(s.minNumerator, ix?.minNumerator ?? 0),
      sameAcrossYears: s.sameAcrossYears,
      roles: s.roles,
    };
  }

  /** Run a report task with the busy bar (progress, „Abbrechen“); German notice when nothing can be built yet. */
  private async withRequest<T>(label: string, fn: (req: ReportRequest, onProgress: ProgressFn, id: TaskId) => Promise<T>): Promise<T | undefined> {
    const req = this.request();
    if (!req) {
      this.app.notify('warning', label, this.missing() ?? t('report.needIndex'));
      return undefined;
    }
    this.busy = label;
    try {
      return await this.app.run(label, (onProgress, id) => fn(req, onProgress, id), true);
    } finally {
      this.busy = null;
    }
  }

  fileBase(): string {
    return `${safe(this.meta.title)}_${(this.meta.date || today()).slice(0, 10)}`;
  }

  /** „Bericht exportieren“: one self-contained HTML file (opens offline, prints to PDF). */
  async exportHtml(): Promise<void> {
    const html = await this.withRequest(t('report.building'), (req, p, id) => this.app.engine.reportHtml(req, p, id));
    if (html) download(new TextEncoder().encode(html), `${this.fileBase()}.html`, 'text/html;charset=utf-8');
  }

  /** Print (or save as PDF) through the browser's print engine: the report in a hidden frame. */
  async print(kind: 'report' | 'profiles'): Promise<void> {
    const html = await this.withRequest(t('report.building'), (req, p, id) =>
      kind === 'report' ? this.app.engine.reportHtml(req, p, id) : this.app.engine.profilesHtml(req, undefined, true, p, id),
    );
    if (html) printHtml(html);
  }

  /** The profile of one area (by feature index of the layer) in the viewer. */
  async openProfile(feature: number): Promise<void> {
    const ix = sozialindexState(this.app, this.map);
    const ids = ix.run?.ids ?? (await this.suggestedIndex());
    if (!ids) {
      this.app.notify('info', t('profile.title'), t('report.needIndex'));
      this.app.workspace = 'index';
      return;
    }
    if (this.map.layer !== ix.layer) {
      // profiles follow the Sozialindex's area layer; another layer's feature numbers would not match
      this.app.notify('info', t('profile.title'), t('profile.otherLayer', { layer: this.app.table(ix.layer)?.label ?? ix.layer ?? '' }));
      return;
    }
    const id = ids[feature];
    const html = await this.withRequest(t('profile.building'), (req, p, tid) => this.app.engine.profilesHtml({ ...req, includeProfiles: false }, [id], false, p, tid));
    if (html) this.profile = { html, ids: [id], title: ix.run!.names[feature] };
  }

  /**
   * No Sozialindex yet (a click on „Steckbrief“ on the plain map): the indicators „Vorschlagen“
   * finds in the map's data, computed, so the button never leads nowhere; the user is told.
   */
  private async suggestedIndex(): Promise<string[] | undefined> {
    const ix = sozialindexState(this.app, this.map);
    if (ix.indicators.length) return undefined;
    const layer = this.map.layer;
    if (layer && ix.layer !== layer) ix.setSource(layer, this.map.join?.layer === layer ? this.map.join : null);
    if (!(await ix.suggest())) return undefined;
    await ix.compute();
    if (ix.run) this.app.notify('info', t('profile.title'), t('profile.autoIndex', { n: ix.indicators.length }));
    return ix.run?.ids;
  }

  /** All profiles as one document, for download. */
  async exportProfiles(): Promise<void> {
    const html = await this.withRequest(t('profile.building'), (req, p, id) => this.app.engine.profilesHtml(req, undefined, true, p, id));
    if (html) download(new TextEncoder().encode(html), `Gebietssteckbriefe_${this.fileBase()}.html`, 'text/html;charset=utf-8');
  }

  /** Results with disclosure control and method metadata in the chosen format. */
  async exportTables(): Promise<void> {
    const f = EXPORT_FORMATS[this.format];
    const bytes = await this.withRequest(t('export.building'), (req, p, id) => this.app.engine.exportResults(req, this.format, p, id));
    // the two CSV dialects get different names (one would overwrite the other in the downloads)
    if (bytes) download(bytes, `Ergebnisse_${this.fileBase()}${this.format === 'csv-intl' ? '_international' : ''}.${f.extension}`, f.mime);
  }

  /**
   * The map on screen as a report map: its classes and colours, and — for the plain map — the
   * disclosure of issue 12 (`map.disclosed`): hidden and unreliable areas dotted, with the legend's
   * own disclosure rows (their counts already leave the classes).
   */
  currentMap(): { layer: string; map: ReportMap } | null {
    const m = this.map;
    const r = m.result;
    if (!m.layer || !r) return null;
    const colors = m.colors;
    const d = m.disclosed;
    const fills: AreaFill[] = Array.from(r.classes.classOf, (k, i) => {
      if (d && symbolFor(d.status[i])) return 'secret';
      return k >= 0 && colors[k] ? rgb(colors[k]) : 'none';
    });
    const legend = m.legend.map((e) => ({
      fill: (e.noValue ? 'none' : e.classIndex <= -2 ? 'secret' : rgb(e.color)) as AreaFill,
      label: e.note ? `${e.label} (${e.note})` : e.label,
      count: e.count,
    }));
    // what the screen shows: the legend's disclosure footnote, and the area names when they are on
    return { layer: m.layer, map: { key: 'map', title: m.variableLabel(), fills, legend, footnote: m.legendNote, ...(m.showLabels ? { labels: r.names } : {}) } };
  }

  /** Map image: SVG (vector), PNG for the screen, or PNG at 300 dpi for print. */
  async exportMap(kind: 'svg' | 'png' | 'png300'): Promise<void> {
    const cur = this.currentMap();
    if (!cur) {
      this.app.notify('warning', t('export.map'), t('export.map.none'));
      return;
    }
    const meta = { ...$state.snapshot(this.meta), date: this.meta.date || today() };
    const svg = await this.app.run(t('export.map'), () => this.app.engine.mapSvg(cur.layer, cur.map, meta, new Date().toISOString()));
    if (!svg) return;
    const name = `Karte_${safe(cur.map.title)}`;
    if (kind === 'svg') return download(new TextEncoder().encode(svg), `${name}.svg`, 'image/svg+xml');
    const png = await svgToPng(svg, kind === 'png300' ? 300 : 150);
    download(png, `${name}${kind === 'png300' ? '_300dpi' : ''}.png`, 'image/png');
  }

  closeProfile(): void {
    this.profile = null;
  }

  part(): PersistedPart<{ meta: ReportMeta; includeProfiles: boolean; includeSegregation: boolean; includeSpatial: boolean; format: ExportFormat }> {
    return {
      key: REPORT_PART,
      version: 1,
      order: 90,
      label: () => t('ws.report'),
      save: () => ({ meta: this.meta, includeProfiles: this.includeProfiles, includeSegregation: this.includeSegregation, includeSpatial: this.includeSpatial, format: this.format }),
      restore: async (d) => {
        this.meta = { ...EMPTY_META, ...d.meta };
        this.includeProfiles = d.includeProfiles;
        this.includeSegregation = d.includeSegregation;
        this.includeSpatial = d.includeSpatial;
        this.format = d.format in EXPORT_FORMATS ? d.format : 'xlsx';
      },
      reset: () => {
        this.meta = { ...EMPTY_META, title: 'Sozialbericht' };
        this.profile = null;
      },
      // the map attribution and sources are method-independent texts another town would replace
    };
  }
}

/** Print an HTML document through a hidden same-origin frame (the browser's own print dialog, PDF included). */
export function printHtml(html: string): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;';
  frame.srcdoc = html;
  frame.onload = () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
  };
  document.body.appendChild(frame);
}

const instances = new WeakMap<AppState, ReportState>();

export function reportState(app: AppState, map: MapState): ReportState {
  let s = instances.get(app);
  if (!s) {
    instances.set(app, (s = new ReportState(app, map)));
    app.persisted.register(s.part());
  }
  return s;
}
