/**
 * The project file `.srw` (docs/projects.md): a zip with a versioned `projekt.json` (the same
 * session record the autosave keeps, with every workspace's settings) and the ORIGINAL imported
 * files, so opening it replays the same import path and gives identical results on another
 * computer. Pure: bytes in, bytes out; checked completely before anything is replaced.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { migrateSessionRecord, RecordError, type SessionRecord } from '../state/persist';
import { crc32 } from '../util/crc32';

export { crc32 };

export const PROJECT_FORMAT = 'sozialraum-werkbank-projekt';
/** Version of the project file layout (the session record inside has its own version). */
export const PROJECT_VERSION = 1;
export const PROJECT_JSON = 'projekt.json';
export const PROJECT_EXTENSION = '.srw';

export interface ProjectFileEntry {
  /** table the file was imported as (key in session.tables) */
  table: string;
  /** path inside the zip */
  path: string;
  /** original file name (the import sniffs the format from it) */
  name: string;
  bytes: number;
  /** CRC-32 of the bytes, hex — a damaged file is refused before anything is replaced */
  crc32: string;
}

export interface ProjectJson {
  format: typeof PROJECT_FORMAT;
  version: number;
  generator: string;
  created: string;
  title: string;
  session: SessionRecord;
  files: ProjectFileEntry[];
}

export interface ProjectFile {
  name: string;
  bytes: Uint8Array;
}

export type ProjectErrorCode = 'notZip' | 'foreign' | 'damaged' | 'newer' | 'fileMissing' | 'fileDamaged' | 'empty';

/** Why a file cannot be opened as a project; the view translates `project.error.<code>`. */
export class ProjectError extends Error {
  constructor(readonly code: ProjectErrorCode, readonly params: Record<string, string | number> = {}) {
    super(`invalid project: ${code}`);
    this.name = 'ProjectError';
  }
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

const README = `Sozialraum-Werkbank – Projektdatei
==================================

Diese Datei enthält ein Projekt der Sozialraum-Werkbank: die Einstellungen aller Arbeitsbereiche
(projekt.json) und die Originaldateien, die importiert wurden (Ordner „dateien“).

Öffnen: In der Sozialraum-Werkbank „Projekt öffnen …“ wählen oder die Datei auf das Fenster ziehen.
Die Daten werden nur im Browser gelesen und verlassen den Rechner nicht.

Achtung: Die Originaldateien können Einzeldaten enthalten, die der Geheimhaltung unterliegen.
Geben Sie die Projektdatei nur an Berechtigte weiter. Zum Weitergeben der Methode ohne Daten
dient der Link „Einstellungen teilen“.
`;

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) || 'datei';

/**
 * The project as zip bytes. Files are stored uncompressed when they are already compressed
 * (zip, xlsx, parquet) and deflated otherwise.
 */
export function writeProject(o: { session: SessionRecord; files: Map<string, ProjectFile>; title: string; generator: string; created: Date }): Uint8Array {
  const entries: ProjectFileEntry[] = [];
  const zip: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  let i = 0;
  for (const tb of o.session.tables) {
    if (tb.kind !== 'file') continue;
    const f = o.files.get(tb.name);
    if (!f) throw new ProjectError('fileMissing', { name: tb.label });
    const path = `dateien/${++i}_${safeName(f.name)}`;
    entries.push({ table: tb.name, path, name: f.name, bytes: f.bytes.length, crc32: hex(crc32(f.bytes)) });
    zip[path] = [f.bytes, { level: /\.(zip|xlsx|parquet|gz)$/i.test(f.name) ? 0 : 6 }];
  }
  const json: ProjectJson = { format: PROJECT_FORMAT, version: PROJECT_VERSION, generator: o.generator, created: o.created.toISOString(), title: o.title, session: o.session, files: entries };
  zip[PROJECT_JSON] = [strToU8(JSON.stringify(json, null, 1)), { level: 6 }];
  zip['LIESMICH.txt'] = [strToU8(README), { level: 6 }];
  return zipSync(zip);
}

/** Earlier project layouts → the next one (index = from-version). None yet: version 1 is the first. */
const MIGRATIONS: Record<number, (p: Record<string, unknown>) => Record<string, unknown>> = {};

/** A parsed `projekt.json` of any known version in the current shape (pure). */
export function migrateProject(raw: unknown): ProjectJson {
  if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== PROJECT_FORMAT) throw new ProjectError('foreign');
  let p = raw as Record<string, unknown>;
  const v = p.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new ProjectError('damaged');
  if (v > PROJECT_VERSION) throw new ProjectError('newer', { version: v });
  for (let from = v; from < PROJECT_VERSION; from++) p = MIGRATIONS[from](p);
  if (!Array.isArray(p.files)) throw new ProjectError('damaged');
  let session: SessionRecord;
  try {
    session = migrateSessionRecord(p.session);
  } catch (e) {
    if (e instanceof RecordError) throw new ProjectError(e.code === 'newer' ? 'newer' : 'damaged', e.params);
    throw e;
  }
  return { ...(p as unknown as ProjectJson), version: PROJECT_VERSION, title: typeof p.title === 'string' ? p.title : '', session };
}

/**
 * Reads and checks a project file completely: zip, `projekt.json`, version, and every original
 * file against its recorded size and CRC-32. Throws {@link ProjectError} — nothing is half-read.
 */
export function readProject(bytes: Uint8Array): { project: ProjectJson; files: Map<string, ProjectFile> } {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new ProjectError('notZip');
  let zip: Record<string, Uint8Array>;
  try {
    zip = unzipSync(bytes);
  } catch {
    throw new ProjectError('damaged');
  }
  const jsonBytes = zip[PROJECT_JSON];
  if (!jsonBytes) throw new ProjectError('foreign');
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(jsonBytes));
  } catch {
    throw new ProjectError('damaged');
  }
  const project = migrateProject(raw);
  const files = new Map<string, ProjectFile>();
  for (const e of project.files) {
    const b = zip[e.path];
    if (!b) throw new ProjectError('fileMissing', { name: e.name });
    if (b.length !== e.bytes || hex(crc32(b)) !== e.crc32) throw new ProjectError('fileDamaged', { name: e.name });
    files.set(e.table, { name: e.name, bytes: b });
  }
  for (const tb of project.session.tables) {
    if (tb.kind === 'file' && !files.has(tb.name)) throw new ProjectError('fileMissing', { name: tb.label });
  }
  if (!project.session.tables.length) throw new ProjectError('empty');
  return { project, files };
}
