/**
 * State of the „Werkstatt“ workspace (issue 13): workshop records per area of a layer, compared
 * with the Sozialindex class of the same layer, shown as a map and a table and exported. The
 * records are what participants said — the only data here that cannot be recomputed — so they are
 * kept as typed in the autosave and the project file.
 */
import type { AppState } from './app.svelte';
import type { MapState, CustomMap } from './map.svelte';
import { sozialindexState } from './sozialindex.svelte';
import { classLabels } from '../map/indexMaps';
import { AGREEMENT_COLORS, AGREEMENT_ORDER, agreementOf, emptyRecord, isEmpty, type Fit, type WorkshopRecord } from '../workshop/records';
import { workshopPart, WORKSHOP_PART } from './parts/workshop';
import { registerReportExtras } from './report.svelte';
import type { WorkshopExtras } from '../report/sections/workshop';
import { t } from '../../i18n/index';

export { AGREEMENT_COLORS, AGREEMENT_ORDER };

export { WORKSHOP_PART };

export class WorkshopState {
  /** the area layer the records are about */
  layer = $state<string | null>(null);
  /** records per layer table, keyed by area id */
  books = $state<Record<string, Record<string, WorkshopRecord>>>({});
  /** title and date of the workshop (for exports and the report) */
  title = $state('');
  date = $state('');

  constructor(
    private app: AppState,
    private map: MapState,
  ) {}

  /** Default layer: the Sozialindex layer, else the map's, else the first polygon layer. */
  initLayer(): void {
    if (this.layer && this.app.layers.some((l) => l.table === this.layer)) return;
    const ix = sozialindexState(this.app, this.map);
    this.layer = ix.layer ?? this.map.layer ?? this.app.layers.find((l) => l.geometryType !== 'point')?.table ?? null;
  }

  get records(): Record<string, WorkshopRecord> {
    return (this.layer && this.books[this.layer]) || {};
  }

  record(id: string): WorkshopRecord {
    return this.records[id] ?? emptyRecord();
  }

  /** Change one area's record; an emptied record is removed. */
  update(id: string, patch: Partial<WorkshopRecord>): void {
    const layer = this.layer;
    if (!layer) return;
    const book = { ...(this.books[layer] ?? {}) };
    const next = { ...(book[id] ?? emptyRecord()), ...patch, updated: new Date().toISOString() };
    if (isEmpty(next)) delete book[id];
    else book[id] = next;
    this.books = { ...this.books, [layer]: book };
    if ('fit' in patch && this.map.custom?.owner === WORKSHOP_PART) void this.showMap();
  }

  /** Index classes of the layer's areas from the Sozialindex (null when none is computed for it). */
  indexClasses(): { classOf: Int16Array; labels: string[]; score: Float64Array } | null {
    const ix = sozialindexState(this.app, this.map);
    const run = ix.run;
    if (!run || ix.layer !== this.layer) return null;
    return { classOf: Int16Array.from(run.base.classes, (c) => c - 1), labels: classLabels(run), score: run.base.score };
  }

  /** The map: agreement per area in four categorical classes; values are the index scores where known. */
  buildMap(ids: readonly string[]): CustomMap {
    const idx = this.indexClasses();
    const records = this.records;
    const classOf = Int16Array.from(ids, (id) => AGREEMENT_ORDER.indexOf(agreementOf(records[id])));
    const values = idx && idx.score.length === ids.length ? Float64Array.from(idx.score) : new Float64Array(ids.length).fill(NaN);
    return {
      title: this.title ? t('wk.map.title', { title: this.title }) : t('wk.map.untitled'),
      values,
      classOf,
      colors: AGREEMENT_ORDER.map((a) => AGREEMENT_COLORS[a]),
      labels: AGREEMENT_ORDER.map((a) => t(`wk.agreement.${a}`)),
      valueLabel: idx ? t('value.indexScore') : t('wk.noIndex'),
      owner: WORKSHOP_PART,
    };
  }

  async showMap(): Promise<void> {
    const layer = this.layer;
    if (!layer) return;
    const labels = await this.app.engine.layerLabels(layer);
    await this.map.showCustom(layer, this.buildMap(labels.ids));
  }

  /** The records for the report and the area profiles: those of the Sozialindex's layer (the report's areas), or null. */
  reportData(): WorkshopExtras | null {
    const layer = sozialindexState(this.app, this.map).layer;
    const records = layer ? this.books[layer] : undefined;
    if (!records || !Object.keys(records).length) return null;
    return $state.snapshot({ title: this.title, date: this.date, records }) as WorkshopExtras;
  }

  /** Label of a fit in the current language. */
  fitLabel(f: Fit | null): string {
    return f ? t(`wk.fit.${f}`) : t('wk.fit.none');
  }
}

const instances = new WeakMap<AppState, WorkshopState>();

// the report and the profiles show the records of the report's layer (none in the CLI)
registerReportExtras('workshop', (app) => instances.get(app)?.reportData() ?? null);

/** The workshop state of this app (created at start-up, see workspaces.ts). */
export function workshopState(app: AppState, map: MapState): WorkshopState {
  let s = instances.get(app);
  if (!s) {
    instances.set(app, (s = new WorkshopState(app, map)));
    app.persisted.register(workshopPart(s));
  }
  return s;
}
