import { startEngine, Comlink, type EngineClient } from '../db/client';
import type { ImportOptions } from '../ingest/types';
import type { JoinReport, JoinSpecInput, LayerMeta, TableMeta } from '../engine/types';
import { t } from '../../i18n/index';
import type { LayerArgs, TableRecord } from './persist';

export interface Notice {
  id: number;
  kind: 'error' | 'info' | 'warning';
  title: string;
  message: string;
  hint?: string;
}

export interface Busy {
  label: string;
  fraction: number | null;
  cancellable: boolean;
}

let noticeId = 0;

/** Top-level app state: the engine handle, the catalogue, busy/progress and notices. */
export class AppState {
  ready = $state(false);
  engineError = $state<string | null>(null);
  tables = $state<TableMeta[]>([]);
  layers = $state<LayerMeta[]>([]);
  joins = $state<JoinSpecInput[]>([]);
  lastJoinReport = $state<JoinReport | null>(null);
  selectedTable = $state<string | null>(null);
  busy = $state<Busy | null>(null);
  notices = $state<Notice[]>([]);
  /** feature index of the selected area in the active layer */
  selectedFeature = $state<number | null>(null);
  workspace = $state<'data' | 'areas' | 'map' | 'levels' | 'index' | 'segregation' | 'spatial'>('data');
  /** the original files by table, so the import dialog can re-read them with other options */
  sources = new Map<string, File | { name: string; bytes: Uint8Array }>();
  /** table whose import settings are being edited */
  importDialog = $state<string | null>(null);
  /** what autosave needs to rebuild the session: import options, derivations, layer arguments */
  importOptions = new Map<string, ImportOptions | undefined>();
  derivations = new Map<string, Extract<TableRecord, { kind: 'pivotWide' | 'unpivot' }>>();
  layerArgs = new Map<string, LayerArgs>();
  /** set by the session: rebuild the last autosaved state after the engine was restarted */
  onRestart: (() => Promise<void>) | null = null;

  engine!: EngineClient;
  private terminate: () => void = () => {};

  constructor() {
    this.start();
  }

  private start(): void {
    const { client, terminate } = startEngine((reason) => this.onCrash(reason));
    this.engine = client;
    this.terminate = terminate;
    this.engine
      .init()
      .then(() => (this.ready = true))
      .catch((e: Error) => (this.engineError = e.message));
  }

  private onCrash(reason: string): void {
    this.notify('error', t('engine.crashed'), t('engine.crashed.detail', { reason }));
    this.ready = false;
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

  notify(kind: Notice['kind'], title: string, message: string, hint?: string): void {
    this.notices = [...this.notices, { id: ++noticeId, kind, title, message, hint }];
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  async refresh(): Promise<void> {
    this.tables = await this.engine.listTables();
    this.layers = await this.engine.listLayers();
  }

  /** Run an engine call with the busy indicator; errors become German notices, state is kept. */
  async run<T>(label: string, fn: () => Promise<T>, cancellable = false): Promise<T | undefined> {
    this.busy = { label, fraction: null, cancellable };
    try {
      return await fn();
    } catch (e) {
      const err = e as Error & { details?: { hint?: string; file?: string } };
      // a dead engine is reported once by onCrash, not again by every call it cut off
      if (err.name !== 'EngineDeadError') this.notify('error', label, err.message, err.details?.hint);
      return undefined;
    } finally {
      this.busy = null;
    }
  }

  progress = (fraction: number, stage: string): void => {
    if (this.busy) this.busy = { ...this.busy, fraction, label: this.busy.label.split(' · ')[0] + (stage ? ` · ${t(`stage.${stage}`)}` : '') };
  };

  /** Import files one after another; a bad file does not stop the others. */
  async importFiles(files: (File | { name: string; bytes: Uint8Array })[], options?: ImportOptions): Promise<TableMeta[]> {
    const out: TableMeta[] = [];
    for (const f of files) {
      const meta = await this.run(
        t('import.busy', { file: f.name }),
        () => this.engine.importFile(f, options, Comlink.proxy(this.progress)),
        true,
      );
      if (meta) {
        out.push(meta);
        this.sources.set(meta.name, f);
        this.importOptions.set(meta.name, options);
        for (const w of meta.warnings.slice(0, 3)) this.notify('warning', meta.label, w.message);
      }
    }
    await this.refresh();
    if (out.length) this.selectedTable = out[out.length - 1].name;
    return out;
  }

  /** Called with a table's name after it was re-imported with other settings (the map redraws). */
  reimported: ((name: string) => Promise<void>)[] = [];

  /** Read a loaded file again with other import settings; on failure the table stays as it was. */
  async reimport(name: string, file: File | { name: string; bytes: Uint8Array }, options: ImportOptions): Promise<void> {
    const meta = await this.run(t('import.busy', { file: file.name }), () => this.engine.importFile(file, options, Comlink.proxy(this.progress), name), true);
    await this.refresh();
    if (!meta) return;
    this.importOptions.set(name, options);
    if (!this.layers.some((l) => l.table === name)) this.layerArgs.delete(name);
    for (const w of meta.warnings.slice(0, 3)) this.notify('warning', meta.label, w.message);
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

  cancel(): void {
    void this.engine.cancel();
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

  table(name: string | null): TableMeta | undefined {
    return this.tables.find((x) => x.name === name);
  }

  async createLayer(o: { table: string; idColumn: string; nameColumn?: string; parentColumn?: string; parentLayer?: string }): Promise<LayerMeta | undefined> {
    const l = await this.run(t('areas.create'), () => this.engine.createLayer(o));
    if (l) this.layerArgs.set(o.table, { ...o });
    await this.refresh();
    return l;
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
