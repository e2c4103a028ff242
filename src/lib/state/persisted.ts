import type { JoinSpecInput } from '../contract';
import { invalid } from '../contract/errors';
import { t } from '../../i18n/index';

/**
 * What a workspace keeps across reloads, crashes and project files (see /work/notes/PERSIST.md and
 * docs/projects.md). Each state module registers one part; the session stores every part's
 * `save()` under its key, with its version, and gives it back to `restore()` after the tables,
 * layers, joins and the plain map have been rebuilt.
 *
 * Data must be JSON-safe (the same record goes into the project file's `projekt.json`): plain
 * objects, arrays, strings, finite numbers, booleans, null — no typed arrays, Maps or class
 * instances. Results are kept as the settings that made them plus a "was computed" mark and are
 * recomputed on restore (the kernels are deterministic for a given seed), so they always match
 * the data that came back.
 */
export interface PersistedPart<T = unknown, S = unknown> {
  /** unique key in the record, e.g. 'sozialindex' */
  key: string;
  /** the workspace's name for messages (translated); the key when absent */
  label?(): string;
  /** bump on an incompatible change of T and handle the older data in `migrate` */
  version: number;
  /** restore order (lower first; default 100) — e.g. a part that reads another part's results goes later */
  order?: number;
  /**
   * The part's state as plain data, or null when there is nothing to keep. Read the reactive
   * state here: the autosave effect tracks what `save()` reads and saves again when it changes.
   */
  save(): T | null;
  /** Bring the saved state back. Tables, layers, joins and the plain map are already restored. */
  restore(data: T, ctx: RestoreContext): Promise<void>;
  /** Turn data written by an older version into the current shape (throw to drop it). */
  migrate?(data: unknown, fromVersion: number): T;
  /** Back to the empty start (a project is opened, or the saved record has no data for this part). */
  reset?(): void;
  /** Draw this part's own map again (called when it owned the map when the state was saved). */
  showMap?(): Promise<void>;
  /**
   * Settings only, for the share link: method choices another town can apply to its own files.
   * Never data, table names, area ids or results.
   */
  share?(): S | null;
  /** Apply settings from a share link to whatever data are loaded now. Returns German notes for the user. */
  applyShared?(settings: S): Promise<string[]>;
}

/** Helpers handed to `restore()`. */
export interface RestoreContext {
  /** The restored name of a saved table (tables can get new SQL names on re-import); null when it did not come back. */
  table(name: string | null | undefined): string | null;
  /** A saved join with restored table names, or null when one of its tables did not come back. */
  join(j: JoinSpecInput | null | undefined): JoinSpecInput | null;
  /** A problem that does not stop the restore (shown as a German warning). */
  warn(message: string): void;
}

/** A part's entry in the saved record. */
export interface SavedPart {
  v: number;
  data: unknown;
}

/** The parts of one app; state modules register in their constructor. */
export class PartRegistry {
  private parts = new Map<string, PersistedPart>();

  register<T, S>(part: PersistedPart<T, S>): void {
    if (this.parts.has(part.key)) throw invalid('part', part.key, 'registered twice');
    this.parts.set(part.key, part as PersistedPart);
  }

  get(key: string): PersistedPart | undefined {
    return this.parts.get(key);
  }

  /** In restore order. */
  list(): PersistedPart[] {
    return [...this.parts.values()].sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
  }

  /**
   * Every part's data. Entries of parts that are not registered in this build (a newer app
   * wrote them) are carried over unchanged, so opening and saving again does not lose them.
   */
  save(previous: Record<string, SavedPart> = {}): Record<string, SavedPart> {
    const out: Record<string, SavedPart> = {};
    for (const [k, v] of Object.entries(previous)) if (!this.parts.has(k)) out[k] = v;
    for (const p of this.list()) {
      const data = p.save();
      if (data !== null && data !== undefined) out[p.key] = { v: p.version, data };
    }
    return out;
  }

  /** The saved data of a part in its current shape, or null (missing, newer than this build, or not migratable). */
  data(part: PersistedPart, saved: SavedPart | undefined, warn: (m: string) => void): unknown {
    if (!saved) return null;
    if (saved.v === part.version) return saved.data;
    if (saved.v > part.version) {
      warn(t('persist.partNewer', { part: part.label?.() ?? part.key, v: saved.v }));
      return null;
    }
    try {
      if (!part.migrate) throw new Error(t('persist.noMigration'));
      return part.migrate(saved.data, saved.v);
    } catch (e) {
      warn(t('persist.partFailed', { part: part.label?.() ?? part.key, v: saved.v, message: (e as Error).message }));
      return null;
    }
  }

  /** Restore every registered part from `saved`; parts without data are reset. One failing part does not stop the others. */
  async restore(saved: Record<string, SavedPart>, ctx: RestoreContext): Promise<void> {
    for (const p of this.list()) {
      const data = this.data(p, saved[p.key], ctx.warn);
      if (data === null) {
        p.reset?.();
        continue;
      }
      try {
        await p.restore(data, ctx);
      } catch (e) {
        if ((e as Error).name === 'EngineDeadError') throw e;
        ctx.warn(t('persist.partError', { part: p.label?.() ?? p.key, message: (e as Error).message }));
      }
    }
  }

  /** Let the part that owned the map draw it again (after the workspace tab is back). */
  async showMap(owner: string | null | undefined): Promise<void> {
    const p = owner ? this.parts.get(owner) : undefined;
    if (p?.showMap && p.save() !== null) await p.showMap();
  }

  resetAll(): void {
    for (const p of this.list()) p.reset?.();
  }

  /** Settings of every part that offers some, for the share link. */
  share(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of this.list()) {
      const s = p.share?.();
      if (s !== null && s !== undefined) out[p.key] = s;
    }
    return out;
  }
}
