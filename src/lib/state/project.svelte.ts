import type { AppState } from './app.svelte';
import type { Session } from './session.svelte';
import { PROJECT_EXTENSION, ProjectError, readProject, writeProject, type ProjectFile, type ProjectJson } from '../project/format';
import { decodeShared, shareUrl, type SharedSettings } from '../project/share';
import { download } from '../export/csv';
import { t } from '../../i18n/index';
import { GENERATOR } from '../util/generator';

type Source = File | { name: string; bytes: Uint8Array };
const bytesOf = async (s: Source): Promise<Uint8Array> => (s instanceof Blob ? new Uint8Array(await s.arrayBuffer()) : s.bytes);

/** A project file read and checked, waiting for the user to confirm that it replaces the current work. */
export interface PendingProject {
  fileName: string;
  project: ProjectJson;
  files: Map<string, ProjectFile>;
}

/**
 * Project files (.srw) and the settings-only share link (docs/projects.md). Saving writes the
 * autosave record plus the original files; opening checks the whole file first, so a damaged or
 * foreign file leaves the current work untouched.
 */
export class ProjectState {
  /** project title (file name and default report title) */
  title = $state('');
  pending = $state.raw<PendingProject | null>(null);
  /** settings from a share link, waiting to be applied to the user's own data */
  shared = $state.raw<SharedSettings | null>(null);
  /** the last share link made (shown for copying where the clipboard is not available) */
  link = $state('');

  constructor(
    private app: AppState,
    private session: Session,
  ) {}

  fileName(): string {
    const base = (this.title.trim() || t('project.defaultName')).replace(/[\\/:*?"<>|]+/g, '_');
    return `${base}_${new Date().toISOString().slice(0, 10)}${PROJECT_EXTENSION}`;
  }

  /** „Projekt speichern“: one .srw file with projekt.json and the original files. */
  async save(): Promise<void> {
    await this.app.run(t('project.saving'), async () => {
      const rec = this.session.record();
      const files = new Map<string, ProjectFile>();
      for (const tb of rec.tables) {
        const src = tb.kind === 'file' ? this.app.sources.get(tb.name) : undefined;
        if (tb.kind === 'file' && src) files.set(tb.name, { name: tb.fileName, bytes: await bytesOf(src) });
      }
      const bytes = writeProject({ session: rec, files, title: this.title.trim(), generator: GENERATOR, created: new Date() });
      download(bytes, this.fileName(), 'application/zip');
    });
  }

  /** Files dropped or chosen: project files are opened, everything else is imported as data. */
  async openFiles(files: File[]): Promise<void> {
    const projects = files.filter((f) => f.name.toLowerCase().endsWith(PROJECT_EXTENSION));
    const data = files.filter((f) => !projects.includes(f));
    if (projects.length > 1) this.app.notify('warning', t('project.open'), t('project.onlyOne'));
    if (projects.length) await this.open(projects[0]);
    if (data.length) await this.app.importFiles(data);
  }

  /** Read and check a project file; with work open, ask before replacing it. */
  async open(file: File): Promise<void> {
    let read: { project: ProjectJson; files: Map<string, ProjectFile> };
    try {
      read = readProject(new Uint8Array(await file.arrayBuffer()));
    } catch (e) {
      if (!(e instanceof ProjectError)) throw e;
      this.app.notify('error', t('project.error.title', { name: file.name }), t(`project.error.${e.code}`, e.params), t('project.error.kept'));
      return;
    }
    const pending = { fileName: file.name, ...read };
    if (this.app.tables.length) this.pending = pending;
    else await this.load(pending);
  }

  async confirmOpen(): Promise<void> {
    const p = this.pending;
    this.pending = null;
    if (p) await this.load(p);
  }

  cancelOpen(): void {
    this.pending = null;
  }

  private async load(p: PendingProject): Promise<void> {
    await this.session.replace(p.project.session, p.files);
    this.title = p.project.title;
    this.app.notify('info', t('project.opened.title'), t('project.opened', { name: p.fileName, tables: p.project.session.tables.length }));
  }

  /** A link with the method settings of every workspace (no data), shown for copying. */
  makeLink(): string {
    this.link = shareUrl(location.href, this.app.persisted.share());
    return this.link;
  }

  /** Names of the workspaces whose settings a link made now would carry. */
  linkParts(): string[] {
    return Object.keys(this.app.persisted.share()).map((k) => this.app.persisted.get(k)?.label?.() ?? k);
  }

  /** On start: settings from `#einstellungen=…` wait for the user's data; the fragment is removed. */
  readLink(hash: string): void {
    try {
      this.shared = decodeShared(hash);
    } catch {
      this.app.notify('error', t('share.title'), t('share.invalid'));
    }
    if (hash.includes('einstellungen=')) history.replaceState(null, '', location.pathname + location.search);
  }

  /** Names of the workspaces a share link has settings for. */
  sharedParts(): string[] {
    const s = this.shared;
    return s ? Object.keys(s.parts).map((k) => this.app.persisted.get(k)?.label?.() ?? k) : [];
  }

  /** Apply the shared settings to the data loaded now; each workspace says what it took and what is missing. */
  async applyShared(): Promise<void> {
    const s = this.shared;
    if (!s) return;
    const notes: string[] = [];
    for (const [key, settings] of Object.entries(s.parts)) {
      const part = this.app.persisted.get(key);
      if (!part?.applyShared) {
        notes.push(t('share.unknownPart', { part: key }));
        continue;
      }
      notes.push(...(await part.applyShared(settings)));
    }
    this.shared = null;
    this.app.notify('info', t('share.title'), notes.join(' '));
  }

  dismissShared(): void {
    this.shared = null;
  }
}
