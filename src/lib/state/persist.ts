import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ImportOptions } from '../ingest/types';
import type { JoinSpecInput, LayerArgs, PivotWideArgs, UnpivotArgs } from '../contract/catalog';
import type { ClassMethod } from '../analysis/classify';
import type { PaletteName } from '../map/palettes';
import type { SavedPart } from './persisted';

/**
 * The autosaved working state. Tables are kept as their ORIGINAL file bytes plus import options,
 * so restoring goes through the same import path as the first time; derived tables are kept as the
 * operation that made them and replayed in order.
 */
export type TableRecord =
  | { kind: 'file'; name: string; label: string; fileName: string; options?: ImportOptions }
  | { kind: 'pivotWide'; name: string; label: string; args: PivotWideArgs }
  | { kind: 'unpivot'; name: string; label: string; args: UnpivotArgs };

export type { LayerArgs };

export interface MapSettings {
  layer: string | null;
  join: JoinSpecInput | null;
  column: string | null;
  denominator: string | null;
  scale: number;
  year: string | null;
  method: ClassMethod;
  k: number;
  palette: PaletteName;
  reverse: boolean;
  manualBreaks: string;
  showLabels: boolean;
  /** key of the workspace part whose own map (index classes, LISA …) was shown; null = the column map */
  customOwner: string | null;
}

export const SESSION_VERSION = 2;

export interface SessionRecord {
  version: typeof SESSION_VERSION;
  savedAt: number;
  /** in the order they were made (parents before derived tables, layers after their tables) */
  tables: TableRecord[];
  layers: LayerArgs[];
  joins: JoinSpecInput[];
  map: MapSettings;
  workspace: string;
  selectedTable: string | null;
  /** settings and results of the workspaces, by part key (see persisted.ts) */
  parts: Record<string, SavedPart>;
}

/** Thrown when a record cannot be read; `code` names the reason for the German message. */
export class RecordError extends Error {
  constructor(readonly code: 'shape' | 'newer', readonly params: Record<string, string | number> = {}) {
    super(`invalid session record: ${code}`);
    this.name = 'RecordError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * A saved record of any earlier version in the current shape (pure; used for the autosave and
 * for project files). Version 1 (before workspaces were kept) gets no parts and no map owner.
 */
export function migrateSessionRecord(raw: unknown): SessionRecord {
  if (!isObj(raw) || typeof raw.version !== 'number') throw new RecordError('shape');
  if (raw.version > SESSION_VERSION) throw new RecordError('newer', { version: raw.version });
  if (!Array.isArray(raw.tables) || !Array.isArray(raw.layers) || !Array.isArray(raw.joins) || !isObj(raw.map)) throw new RecordError('shape');
  for (const tb of raw.tables) if (!isObj(tb) || typeof tb.name !== 'string' || !['file', 'pivotWide', 'unpivot'].includes(tb.kind as string)) throw new RecordError('shape');
  const rec = { ...raw } as unknown as SessionRecord;
  if (raw.version < 2) {
    rec.parts = {};
    rec.map = { ...(raw.map as unknown as MapSettings), customOwner: null };
  }
  if (!isObj(rec.parts)) throw new RecordError('shape');
  rec.version = SESSION_VERSION;
  return rec;
}

export interface StoredFile {
  name: string;
  blob: Blob;
}

interface Schema extends DBSchema {
  files: { key: string; value: StoredFile };
  /** unknown: older versions are migrated on reading */
  session: { key: string; value: unknown };
}

export const DB_NAME = 'srw';
const SESSION_KEY = 'current';

let dbp: Promise<IDBPDatabase<Schema>> | null = null;

function db(): Promise<IDBPDatabase<Schema>> {
  dbp ??= openDB<Schema>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('files');
      d.createObjectStore('session');
    },
    // another tab wipes the data: let go so the deletion can proceed
    blocking() {
      void dbp?.then((d) => d.close());
      dbp = null;
    },
  });
  return dbp;
}

/** Keep the original file of a table (a File is stored as a Blob copy, not a reference). */
export async function putFile(table: string, file: File | { name: string; bytes: Uint8Array }): Promise<void> {
  const blob = file instanceof Blob ? file : new Blob([file.bytes as Uint8Array<ArrayBuffer>]);
  await (await db()).put('files', { name: file.name, blob }, table);
}

export async function getFile(table: string): Promise<StoredFile | undefined> {
  return (await db()).get('files', table);
}

export async function fileKeys(): Promise<string[]> {
  return (await db()).getAllKeys('files');
}

export async function deleteFile(table: string): Promise<void> {
  await (await db()).delete('files', table);
}

export async function putSession(rec: SessionRecord): Promise<void> {
  await (await db()).put('session', rec, SESSION_KEY);
}

export async function deleteSession(): Promise<void> {
  await (await db()).delete('session', SESSION_KEY);
}

/** The saved session as read at page start ({@link readSessionEarly}), until the first `getSession()` takes it. */
let early: Promise<SessionRecord | undefined> | null = null;

/**
 * Start reading the saved session at page start (src/main.ts), while the app's code still loads:
 * in a fresh profile opening IndexedDB took up to ≈ 1 s, and a `?demo=` start waits for the answer
 * (a saved session wins over the demo). The first {@link getSession} takes the answer over.
 */
export function readSessionEarly(): void {
  early ??= readSession();
  early.catch(() => {}); // a damaged record is reported by the getSession() that takes it over
}

export async function getSession(): Promise<SessionRecord | undefined> {
  const started = early;
  early = null;
  return started ?? readSession();
}

async function readSession(): Promise<SessionRecord | undefined> {
  let raw: unknown;
  try {
    raw = await (await db()).get('session', SESSION_KEY);
  } catch {
    return undefined; // storage off (private mode, policy): start empty
  }
  return raw === undefined ? undefined : migrateSessionRecord(raw);
}

/** How much this origin stores and may store, in bytes (null where the browser cannot tell). */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  if (!navigator.storage?.estimate) return null;
  const e = await navigator.storage.estimate();
  return { usage: e.usage ?? 0, quota: e.quota ?? 0 };
}

/**
 * Delete everything this app keeps on this device: the IndexedDB database, any OPFS files and the
 * `srw.*` settings in localStorage. The app code in the offline cache stays (it holds no data).
 */
export async function wipeAll(): Promise<void> {
  if (dbp) (await dbp.catch(() => null))?.close();
  dbp = null;
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve(); // completes once other tabs close it
  });
  try {
    const root = await navigator.storage?.getDirectory?.();
    if (root) {
      const names: string[] = [];
      for await (const key of (root as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(key);
      for (const n of names) await root.removeEntry(n, { recursive: true });
    }
  } catch {
    /* no OPFS in this browser */
  }
  try {
    for (const k of Object.keys(localStorage)) if (k.startsWith('srw.')) localStorage.removeItem(k);
  } catch {
    /* storage off */
  }
}
