import { Comlink } from '../db/client';
import type { AppState } from './app.svelte';
import { CRASH_NOTICE } from './app.svelte';
import type { MapState } from './map.svelte';
import type { TableMeta } from '../contract';
import { errorText, t } from '../../i18n/index';
import { deleteFile, deleteSession, fileKeys, getFile, getSession, putFile, putSession, wipeAll, RecordError, SESSION_VERSION, type MapSettings, type StoredFile, type SessionRecord, type TableRecord } from './persist';
import type { RestoreContext, SavedPart } from './persisted';

type Source = File | { name: string; bytes: Uint8Array };
const SAVE_DELAY_MS = 400;

/**
 * Autosave and restore of the working state (see persist.ts for what is kept). Saving is
 * debounced after each change and paused while a session is being rebuilt, so a half-restored
 * or freshly restarted (empty) engine never overwrites the last good state.
 */
export class Session {
  /** true until the start-up restore has finished, and while recovering after a crash */
  restoring = $state(true);
  lastSaved = $state<number | null>(null);
  saveError = $state<string | null>(null);
  private disabled = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: { rec: SessionRecord; sources: Map<string, Source> } | null = null;
  /** the source object last written per table, so unchanged files are not written again */
  private stored = new Map<string, Source>();
  private flushing = false;
  /** parts of the last restored record, so entries of parts this build does not know are kept */
  private carried: Record<string, SavedPart> = {};

  /** a change is waiting to be written or being written */
  get dirty(): boolean {
    return this.pending !== null || this.flushing;
  }

  constructor(
    private app: AppState,
    private map: MapState,
  ) {
    app.onRestart = () => this.recover();
  }

  /** Watch the state and save after each change; returns the cleanup. */
  watch(): () => void {
    return $effect.root(() => {
      $effect(() => {
        const rec = this.record();
        if (this.restoring || !this.app.ready || this.disabled) return;
        this.schedule(rec);
      });
    });
  }

  /** The current state as a plain record (reads the reactive state, so the effect tracks it). */
  record(): SessionRecord {
    const app = this.app;
    const m = this.map;
    const tables: TableRecord[] = [];
    for (const tb of app.tables) {
      const derived = app.derivations.get(tb.name);
      if (derived) tables.push({ ...derived, label: tb.label });
      else if (app.sources.has(tb.name)) tables.push({ kind: 'file', name: tb.name, label: tb.label, fileName: tb.fileName, options: app.importOptions.get(tb.name) });
    }
    const map: MapSettings = {
      layer: m.layer,
      join: m.join,
      column: m.column,
      denominator: m.denominator,
      scale: m.scale,
      year: m.year,
      method: m.method,
      k: m.k,
      palette: m.palette,
      reverse: m.reverse,
      manualBreaks: m.manualBreaks,
      showLabels: m.showLabels,
      customOwner: m.custom?.owner ?? null,
    };
    const layers = app.layers.map((l) => app.layerArgs.get(l.table)).filter((x) => !!x);
    const parts = app.persisted.save(this.carried);
    return $state.snapshot({ version: SESSION_VERSION, savedAt: Date.now(), tables, layers, joins: app.joins, map, workspace: app.workspace, selectedTable: app.selectedTable, parts });
  }

  private schedule(rec: SessionRecord): void {
    clearTimeout(this.timer);
    this.pending = { rec, sources: new Map(this.app.sources) };
    this.timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Write a scheduled save now (also used before recovering from a crash). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    const p = this.pending;
    this.pending = null;
    if (!p || this.disabled) return;
    this.flushing = true;
    try {
      const keep = new Set<string>();
      for (const tb of p.rec.tables) {
        if (tb.kind !== 'file') continue;
        keep.add(tb.name);
        const src = p.sources.get(tb.name);
        if (src && this.stored.get(tb.name) !== src) {
          await putFile(tb.name, src);
          this.stored.set(tb.name, src);
        }
      }
      for (const k of await fileKeys()) {
        if (!keep.has(k)) {
          await deleteFile(k);
          this.stored.delete(k);
        }
      }
      // an empty workbench keeps nothing (a session with tables replaces the last one)
      if (p.rec.tables.length) await putSession(p.rec);
      else await deleteSession();
      this.lastSaved = p.rec.savedAt;
      this.saveError = null;
    } catch (e) {
      this.saveError = (e as Error).message;
    } finally {
      this.flushing = false;
    }
  }

  /** On start: rebuild the saved session if there is one. Returns whether one was restored. */
  async restore(): Promise<boolean> {
    try {
      let rec: SessionRecord | undefined;
      try {
        rec = await getSession();
      } catch (e) {
        if (!(e instanceof RecordError)) throw e;
        // written by a newer version or damaged: keep it untouched, start empty
        this.disabled = true;
        this.app.notify('error', t('persist.unreadable.title'), t(`persist.unreadable.${e.code}`, e.params));
        return false;
      }
      if (!rec || rec.tables.length === 0) return false;
      await this.apply(rec);
      return true;
    } finally {
      this.restoring = false;
    }
  }

  /** After a worker crash: save what was pending, then rebuild the last saved state in the new engine. */
  async recover(): Promise<void> {
    if (this.restoring) {
      // it died while rebuilding: do not loop, and never overwrite the saved state with a partial one
      this.disabled = true;
      this.app.clear();
      this.app.notify('error', t('privacy.restoreCrashed.title'), t('privacy.restoreCrashed'), undefined, CRASH_NOTICE);
      return;
    }
    this.restoring = true;
    try {
      await this.flush();
      this.app.clear();
      this.resetMap();
      const rec = await getSession();
      if (rec && rec.tables.length) {
        await this.apply(rec);
        this.app.notify('info', t('engine.crashed'), t('privacy.recovered'), undefined, CRASH_NOTICE);
      }
    } finally {
      this.restoring = false;
    }
  }

  /**
   * Replace the current work by a project's record and original files: a fresh engine, every
   * workspace reset, then the same rebuild as after a reload. The project becomes the autosaved
   * session once it is rebuilt.
   */
  async replace(rec: SessionRecord, files: Map<string, { name: string; bytes: Uint8Array }>): Promise<void> {
    await this.flush();
    this.restoring = true;
    try {
      await this.app.restart();
      this.app.clear();
      this.resetMap();
      this.app.persisted.resetAll();
      this.stored.clear();
      this.carried = {};
      await this.apply(rec, async (name) => {
        const f = files.get(name);
        return f && { name: f.name, blob: new Blob([f.bytes as Uint8Array<ArrayBuffer>]) };
      });
    } finally {
      this.restoring = false;
    }
  }

  private resetMap(): void {
    this.map.layer = null;
    this.map.join = null;
    this.map.geometry = null;
    this.map.result = null;
    this.map.custom = null;
  }

  private async apply(rec: SessionRecord, files: (table: string) => Promise<StoredFile | undefined> = getFile): Promise<void> {
    const app = this.app;
    // this engine only: if it dies meanwhile, every call fails fast instead of using its successor
    const engine = app.engine;
    await engine.init();
    app.ready = true;
    const names = new Map<string, string>();
    const rn = (n: string | undefined) => (n === undefined ? undefined : (names.get(n) ?? n));
    await app.run(t('privacy.restoring'), async () => {
      for (const tb of rec.tables) {
        try {
          let meta: TableMeta;
          if (tb.kind === 'file') {
            const f = await files(tb.name);
            if (!f) throw new Error(t('privacy.fileMissing', { name: tb.label }));
            const file = new File([f.blob], f.name);
            meta = await engine.importFile(file, tb.options, Comlink.proxy(app.progress), tb.name);
            app.sources.set(meta.name, file);
            app.importOptions.set(meta.name, tb.options);
            this.stored.set(meta.name, file);
          } else {
            const args = { ...tb.args, table: rn(tb.args.table)! };
            meta = tb.kind === 'pivotWide' ? await engine.pivotWide(args as typeof tb.args) : await engine.unpivot(args as Extract<TableRecord, { kind: 'unpivot' }>['args']);
            app.derivations.set(meta.name, { ...tb, name: meta.name, args } as Extract<TableRecord, { kind: 'pivotWide' | 'unpivot' }>);
          }
          names.set(tb.name, meta.name);
          if (meta.label !== tb.label) await engine.renameTable(meta.name, tb.label);
        } catch (e) {
          if ((e as Error).name === 'EngineDeadError') throw e;
          app.notify('warning', t('privacy.restoreFailed', { name: tb.label }), errorText(e).message);
        }
      }
      for (const l of rec.layers) {
        if (!names.has(l.table)) continue;
        const args = { ...l, table: rn(l.table)!, parentLayer: rn(l.parentLayer) };
        try {
          await engine.createLayer(args);
          app.layerArgs.set(args.table, args);
        } catch (e) {
          if ((e as Error).name === 'EngineDeadError') throw e;
          app.notify('warning', t('privacy.restoreFailed', { name: l.table }), errorText(e).message);
        }
      }
    });
    if (app.engine !== engine) return; // it died meanwhile: recover() has taken over
    await app.refresh();
    const known = new Set(app.tables.map((x) => x.name));
    app.joins = rec.joins.map((j) => ({ ...j, table: rn(j.table)!, layer: rn(j.layer)! })).filter((j) => known.has(j.table) && known.has(j.layer));
    await this.applyMap(rec.map, rn);
    app.selectedTable = rn(rec.selectedTable ?? undefined) ?? null;
    this.carried = rec.parts;
    const ctx: RestoreContext = {
      table: (n) => (n && known.has(rn(n)!) ? rn(n)! : null),
      join: (j) => {
        if (!j) return null;
        const table = rn(j.table)!, layer = rn(j.layer)!;
        return known.has(table) && known.has(layer) ? { ...j, table, layer } : null;
      },
      warn: (message) => app.notify('warning', t('persist.partWarning'), message),
    };
    await app.persisted.restore(rec.parts, ctx);
    if (app.engine !== engine) return;
    app.workspace = rec.workspace as AppState['workspace'];
    await app.persisted.showMap(rec.map.customOwner);
  }

  private async applyMap(s: MapSettings, rn: (n: string | undefined) => string | undefined): Promise<void> {
    const layer = rn(s.layer ?? undefined);
    if (!layer || !this.app.layers.some((l) => l.table === layer)) return;
    const join = s.join ? this.app.joins.find((j) => j.table === rn(s.join!.table) && j.layer === (rn(s.join!.layer) ?? layer)) : undefined;
    await this.map.restore(layer, join, s);
  }

  /** "Alle lokalen Daten löschen": stop saving, wipe every store, reload to an empty app. */
  async wipe(): Promise<void> {
    this.disabled = true;
    clearTimeout(this.timer);
    this.pending = null;
    await wipeAll();
    location.replace(location.pathname);
  }
}

/** `?test=1` only: a tiny hook for the browser tests (crash the worker, read the state). */
export function exposeTestHook(app: AppState, map: MapState, session: Session): void {
  if (!new URLSearchParams(location.search).has('test')) return;
  (window as unknown as { __srw: unknown }).__srw = {
    engine: () => app.engine,
    crash: () => void (app.engine.crash() as Promise<unknown>).catch(() => {}),
    state: () => ({ tables: app.tables.map((x) => x.label), layers: app.layers.map((l) => l.table), joins: app.joins.length, method: map.method, layer: map.layer, column: map.column, restoring: session.restoring, lastSaved: session.lastSaved, dirty: session.dirty, demoLoading: app.demoLoading }),
  };
}
