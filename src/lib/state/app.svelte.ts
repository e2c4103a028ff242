import { startEngine, Comlink, type EngineClient } from '../db/client';
import { SvelteMap } from 'svelte/reactivity';
import { mark, markWorker } from './marks';
import type { ImportOptions, ImportPreview } from '../ingest/types';
import type { PreparedGeometry } from '../geo/prepare';
import { isCancelled, type JoinReport, type JoinSpecInput, type LayerArgs, type LayerMeta, type LongTableHint, type ProgressFn, type TableMeta, type TaskId } from '../contract';
import { errorText, hasKey, t } from '../../i18n/index';
import type { TableRecord } from './persist';
import { importNotices } from './importNotes';
import { PartRegistry } from './persisted';

export interface Notice {
  id: number;
  kind: 'error' | 'info' | 'warning';
  title: string;
  message: string;
  hint?: string;
  /** a later notice with the same key replaces this one (a step's „wird …“ by its „ist …“) */
  key?: string;
}

/** Key of the engine-crash notices: „wird wiederhergestellt“ is replaced by its outcome. */
export const CRASH_NOTICE = 'engine-crash';

export interface Busy {
  label: string;
  fraction: number | null;
  cancellable: boolean;
  /** the task this bar shows (its id is what `cancel` sends to the engine) */
  taskId: TaskId;
  /** stage key last reported (`stage.<key>` labels it) */
  stage?: string;
  /** a control's own progress display (see TaskState) */
  listen?: ProgressFn;
}

/** Starts an engine and returns its client (default: the Web Worker, `startEngine`). */
export type EngineStarter = (onCrash: (reason: string) => void) => { client: EngineClient; terminate: () => void };

/** The work of one task: gets the progress callback (already a Comlink proxy) and the task id. */
export type TaskWork<T> = (onProgress: ProgressFn, taskId: TaskId) => Promise<T>;

let noticeId = 0;
let taskSeq = 0;
/** Task ids unique per page (the engine side keys cancels on them). */
export const nextTaskId = (): TaskId => ++taskSeq;

/** Top-level app state: the engine handle, the catalogue, busy/progress and notices. */
export class AppState {
  ready = $state(false);
  engineError = $state<string | null>(null);
  tables = $state<TableMeta[]>([]);
  layers = $state<LayerMeta[]>([]);
  joins = $state<JoinSpecInput[]>([]);
  lastJoinReport = $state<JoinReport | null>(null);
  selectedTable = $state<string | null>(null);
  /** the task shown in the busy bar: the latest still running (see {@link run}) */
  busy = $state<Busy | null>(null);
  /** every task running now, oldest first */
  private running: Busy[] = [];
  notices = $state<Notice[]>([]);
  /** feature index of the selected area in the active layer */
  selectedFeature = $state<number | null>(null);
  workspace = $state<'data' | 'areas' | 'map' | 'levels' | 'index' | 'segregation' | 'spatial' | 'services' | 'workshop' | 'report'>('data');
  /** the original files by table, so the import dialog can re-read them with other options */
  sources = new Map<string, File | { name: string; bytes: Uint8Array }>();
  /** table whose import settings are being edited */
  importDialog = $state<string | null>(null);
  /**
   * what autosave needs to rebuild the session: import options, derivations, layer arguments.
   * Import options are reactive: the autosave must see a re-import's new settings (they were set
   * after the table refresh the autosave reacted to, so they were never saved).
   */
  importOptions = new SvelteMap<string, ImportOptions | undefined>();
  derivations = new Map<string, Extract<TableRecord, { kind: 'pivotWide' | 'unpivot' }>>();
  layerArgs = new Map<string, LayerArgs>();
  /** what each workspace keeps across reloads and in project files (registered by the workspace states) */
  readonly persisted = new PartRegistry();
  /** set by the session: rebuild the last autosaved state after the engine was restarted */
  onRestart: (() => Promise<void>) | null = null;

  /** true while a demo set is being loaded (its point files still come in after the first map) */
  demoLoading = $state(false);
  engine!: EngineClient;
  private readyOnce: () => void = () => {};
  /** resolves when the first engine is ready */
  readonly firstReady = new Promise<void>((r) => (this.readyOnce = r));
  private terminate: () => void = () => {};

  /** `starter` replaces the worker (component tests hand in a client over a MessageChannel). */
  constructor(private starter: EngineStarter = startEngine) {
    this.start();
  }

  private start(): void {
    const { client, terminate } = this.starter((reason) => this.onCrash(reason));
    this.engine = client;
    this.terminate = terminate;
    this.engine
      .init()
      .then(async (times) => {
        markWorker(times);
        // test and benchmark hook: ?workers=N sets the number of permutation workers
        const workers = Number(new URLSearchParams(location.search).get('workers'));
        if (workers > 0) await this.engine.setWorkers(workers);
        mark('engine-ready');
        this.ready = true;
        this.readyOnce();
      })
      .catch((e: Error) => (this.engineError = e.message));
  }

  /** A fresh engine (opening a project): the old worker is ended without a crash notice. */
  async restart(): Promise<void> {
    this.terminate();
    this.ready = false;
    this.start();
    await this.engine.init();
    this.ready = true;
  }

  private onCrash(reason: string): void {
    this.notify('error', t('engine.crashed'), t('engine.crashed.detail', { reason }), undefined, CRASH_NOTICE);
    this.ready = false;
    this.running = [];
    this.busy = null;
    this.terminate();
    this.start();
    void this.onRestart?.();
  }

  /** Forget the catalogue on this side (after a restart the new engine starts empty). */
  clear(): void {
    this.tables = [];
    this.layers = [];
    this.joins = [];
    this.lastJoinReport = null;
    this.selectedTable = null;
    this.selectedFeature = null;
    this.sources.clear();
    this.importOptions.clear();
    this.derivations.clear();
    this.layerArgs.clear();
  }

  notify(kind: Notice['kind'], title: string, message: string, hint?: string, key?: string): void {
    const kept = key ? this.notices.filter((n) => n.key !== key) : this.notices;
    this.notices = [...kept, { id: ++noticeId, kind, title, message, hint, ...(key ? { key } : {}) }];
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  async refresh(): Promise<void> {
    if (this.batching > 0) {
      this.refreshDue = true;
      return;
    }
    [this.tables, this.layers] = await Promise.all([this.engine.listTables(), this.engine.listLayers()]);
  }

  private batching = 0;
  private refreshDue = false;

  /**
   * Several catalogue changes in a row (the demo's imports, layers and names) with one refresh
   * of the catalogue at the end instead of one per step: every refresh re-renders the catalogue,
   * the grid and the panels on the page.
   */
  async batch<T>(fn: () => Promise<T>): Promise<T> {
    this.batching++;
    try {
      return await fn();
    } finally {
      if (--this.batching === 0 && this.refreshDue) {
        this.refreshDue = false;
        await this.refresh();
      }
    }
  }

  /**
   * The UI side of the one task runner: run an engine call as a task with the busy bar,
   * progress and (when `cancellable`) „Abbrechen“. `fn` receives a progress callback and the
   * task id to pass to a long worker call (`engine.moran(req, onProgress, taskId)`). Whatever
   * happens — done, error, cancel, a dead engine, progress messages arriving after the answer —
   * the task leaves the busy bar when it ends. Errors become translated notices (with the hint);
   * nothing loaded is lost. Returns undefined on error or cancel.
   */
  async run<T>(label: string, fn: TaskWork<T>, cancellable = false, listen?: ProgressFn): Promise<T | undefined> {
    const id = nextTaskId();
    const entry: Busy = { label, fraction: null, cancellable, taskId: id, listen };
    this.running = [...this.running, entry];
    this.busy = entry;
    const onProgress = Comlink.proxy((fraction: number, stage: string) => this.onTaskProgress(id, fraction, stage));
    try {
      return await fn(onProgress, id);
    } catch (e) {
      this.reportError(label, e);
      return undefined;
    } finally {
      this.running = this.running.filter((b) => b.taskId !== id);
      this.busy = this.running.at(-1) ?? null;
    }
  }

  /** Progress of a running task; a message that arrives after the task ended is dropped. */
  private onTaskProgress(id: TaskId, fraction: number, stage: string): void {
    const i = this.running.findIndex((b) => b.taskId === id);
    if (i < 0) return;
    const next = { ...this.running[i], fraction, stage };
    next.listen?.(fraction, stage);
    this.running = this.running.map((b, q) => (q === i ? next : b));
    if (this.busy?.taskId === id) this.busy = next;
  }

  /** Progress of the task in the busy bar (for calls nested inside a running task). */
  progress = (fraction: number, stage: string): void => {
    const b = this.busy;
    if (b) this.onTaskProgress(b.taskId, fraction, stage);
  };

  /** Label of the busy bar: the task's label and its stage. */
  busyLabel(b: Busy): string {
    return b.stage && hasKey(`stage.${b.stage}`) ? `${b.label} · ${t(`stage.${b.stage}`)}` : b.label;
  }

  /** A failed task as a notice in the reader's language; a cancel is news, not an error. */
  reportError(title: string, e: unknown): void {
    // a dead engine is reported once by onCrash, not again by every call it cut off
    if ((e as Error)?.name === 'EngineDeadError') return;
    const { message, hint } = errorText(e);
    if (isCancelled(e)) this.notify('info', title, message, hint);
    else this.notify('error', title, message, hint);
  }

  /** Import files one after another; a bad file does not stop the others. */
  async importFiles(files: (File | { name: string; bytes: Uint8Array })[], options?: ImportOptions): Promise<TableMeta[]> {
    const out: TableMeta[] = [];
    for (const f of files) {
      const meta = await this.run(
        t('import.busy', { file: f.name }),
        (onProgress, id) => this.engine.importFile(f, options, onProgress, undefined, id),
        true,
      );
      if (meta) {
        out.push(meta);
        this.sources.set(meta.name, f);
        this.importOptions.set(meta.name, options);
        this.showImportNotices(meta, importNotices(meta.detected));
      }
    }
    await this.refresh();
    if (out.length) this.selectedTable = out[out.length - 1].name;
    return out;
  }

  /**
   * A table's import notices (its first three warnings, then what was detected). They replace the
   * notices of an earlier read of the same table: after „Übernehmen“ in the import settings the
   * planner sees what this read found, not the first read's notices stacked above it.
   */
  private showImportNotices(meta: TableMeta, detected: { kind: Notice['kind']; message: string }[]): void {
    const prefix = `import:${meta.name}:`;
    this.notices = this.notices.filter((n) => !n.key?.startsWith(prefix));
    const all = [...meta.warnings.slice(0, 3).map((w) => ({ kind: 'warning' as const, message: w.message })), ...detected];
    all.forEach((n, i) => this.notify(n.kind, meta.label, n.message, undefined, prefix + i));
  }

  /** Called with a table's name after it was re-imported with other settings (the map redraws). */
  reimported: ((name: string) => Promise<void>)[] = [];

  /** Read a loaded file again with other import settings; on failure the table stays as it was. */
  async reimport(name: string, file: File | { name: string; bytes: Uint8Array }, options: ImportOptions): Promise<void> {
    const meta = await this.run(t('import.busy', { file: file.name }), (onProgress, id) => this.engine.importFile(file, options, onProgress, name, id), true);
    await this.refresh();
    if (!meta) return;
    this.importOptions.set(name, options);
    if (!this.layers.some((l) => l.table === name)) this.layerArgs.delete(name);
    this.showImportNotices(meta, meta.detected?.totals ? importNotices({ ...meta.detected, sheets: undefined }) : []);
    for (const f of this.reimported) await f(name);
  }

  /** Long → wide or wide → long as a new table; recorded so a restored session replays it. */
  async derive(op: { kind: 'pivotWide'; args: Extract<TableRecord, { kind: 'pivotWide' }>['args'] } | { kind: 'unpivot'; args: Extract<TableRecord, { kind: 'unpivot' }>['args'] }): Promise<TableMeta | undefined> {
    const meta = await this.run(t(op.kind === 'pivotWide' ? 'reshape.wide' : 'reshape.long'), () =>
      op.kind === 'pivotWide' ? this.engine.pivotWide(op.args) : this.engine.unpivot(op.args),
    );
    if (meta) this.derivations.set(meta.name, { ...op, name: meta.name, label: meta.label } as Extract<TableRecord, { kind: 'pivotWide' | 'unpivot' }>);
    await this.refresh();
    return meta;
  }

  /** „Abbrechen“ of the busy bar: stops the task it shows. */
  cancel(taskId: TaskId | undefined = this.busy?.taskId): void {
    if (taskId !== undefined) void this.engine.cancel(taskId);
  }

  async rename(name: string, label: string): Promise<void> {
    await this.run(t('catalog.rename'), () => this.engine.renameTable(name, label));
    await this.refresh();
  }

  async remove(name: string): Promise<void> {
    await this.run(t('catalog.remove'), () => this.engine.dropTable(name));
    this.joins = this.joins.filter((j) => j.table !== name && j.layer !== name);
    this.sources.delete(name);
    this.importOptions.delete(name);
    this.derivations.delete(name);
    this.layerArgs.delete(name);
    if (this.selectedTable === name) this.selectedTable = null;
    await this.refresh();
  }

  /** Preview of a file with import options (the import dialog); errors are thrown to the caller. */
  preview(file: File | { name: string; bytes: Uint8Array }, options: ImportOptions): Promise<ImportPreview> {
    return this.engine.preview(file, options);
  }

  /** Ids and names of a layer's areas, in feature order (lists, exercises, workshop records). */
  layerLabels(layer: string): Promise<{ ids: string[]; names: string[] }> {
    return this.engine.layerLabels(layer);
  }

  /** A page of a table's rows as Arrow IPC bytes (the data grid). */
  rows(name: string, offset: number, limit: number, orderBy?: { column: string; desc: boolean }): Promise<Uint8Array> {
    return this.engine.rows(name, offset, limit, orderBy);
  }

  /** Prepared geometry of a layer (maps, small multiples). */
  layerGeometry(layer: string): Promise<PreparedGeometry> {
    return this.engine.layerGeometry(layer);
  }

  table(name: string | null): TableMeta | undefined {
    return this.tables.find((x) => x.name === name);
  }

  async createLayer(o: LayerArgs): Promise<LayerMeta | undefined> {
    const l = await this.run(t('areas.create'), () => this.engine.createLayer(o));
    if (l) this.layerArgs.set(o.table, { ...o });
    await this.refresh();
    return l;
  }

  /** The table column that matches most areas of the layer (the join form's default key). */
  async bestKeyColumn(table: string, layer: string): Promise<{ column: string; matched: number } | undefined> {
    try {
      return await this.engine.bestKeyColumn(table, layer);
    } catch {
      return undefined; // a guess only: the form keeps its own default
    }
  }

  /** What to reshape when the table is in long format (for the reshape dialog's defaults). */
  async longShape(table: string, key?: string, yearColumn?: string): Promise<LongTableHint | undefined> {
    try {
      return await this.engine.longShape(table, key, yearColumn);
    } catch {
      return undefined;
    }
  }

  async checkJoin(spec: JoinSpecInput): Promise<JoinReport | undefined> {
    const r = await this.run(t('join.check'), () => this.engine.joinReport(spec));
    if (r) {
      this.lastJoinReport = r;
      this.joins = [...this.joins.filter((j) => !(j.table === spec.table && j.layer === spec.layer)), spec];
    }
    return r;
  }
}
