/**
 * What-if scenarios of "Angebote & Bedarfe": named lists of edits (add, move, remove a service,
 * change its capacity) on the active supply layer, recomputed next to the status quo.
 */
import type { Scenario, ScenarioEdit } from '../contract/services';
import { t } from '../../i18n/index';

export type EditMode = 'none' | 'add' | 'move' | 'remove';

/** A new service waiting for its place (add mode). */
export interface NewService {
  name: string;
  category: string;
  capacity: number;
}

export class ScenarioState {
  list = $state<Scenario[]>([]);
  /** index of the scenario shown and edited, null = status quo */
  current = $state<number | null>(null);
  mode = $state<EditMode>('none');
  draft = $state<NewService>({ name: '', category: '', capacity: 50 });
  /** id of the service picked for a move (waits for the target click) */
  moving = $state<string | null>(null);
  private added = 0;

  scenario(): Scenario | null {
    return this.current === null ? null : (this.list[this.current] ?? null);
  }

  edits(): ScenarioEdit[] | undefined {
    const s = this.scenario();
    return s ? ($state.snapshot(s.edits) as ScenarioEdit[]) : undefined;
  }

  create(name?: string): void {
    const n = this.list.length + 1;
    this.list = [...this.list, { name: name?.trim() || t('svc.sc.defaultName', { n }), edits: [] }];
    this.current = this.list.length - 1;
  }

  rename(i: number, name: string): void {
    if (this.list[i] && name.trim()) this.list[i].name = name.trim();
  }

  remove(i: number): void {
    this.list = this.list.filter((_, k) => k !== i);
    if (this.current === i) this.current = null;
    else if (this.current !== null && this.current > i) this.current--;
  }

  duplicate(i: number): void {
    const s = this.list[i];
    if (!s) return;
    this.list = [...this.list, { name: t('svc.sc.copyOf', { name: s.name }), edits: $state.snapshot(s.edits) as ScenarioEdit[] }];
    this.current = this.list.length - 1;
  }

  private push(e: ScenarioEdit): void {
    if (this.current === null) this.create();
    this.list[this.current!].edits.push(e);
  }

  add(lon: number, lat: number): void {
    const id = `NEU-${++this.added}`;
    const d = this.draft;
    this.push({ op: 'add', id, name: d.name.trim() || t('svc.sc.newName', { n: this.added }), category: d.category, capacity: Math.max(0, Number(d.capacity) || 0), lon, lat });
  }

  move(id: string, lon: number, lat: number): void {
    this.push({ op: 'move', id, lon, lat });
  }

  removeService(id: string): void {
    this.push({ op: 'remove', id });
  }

  setCapacity(id: string, capacity: number): void {
    if (!(capacity >= 0)) return;
    this.push({ op: 'capacity', id, capacity });
  }

  undo(): void {
    const s = this.scenario();
    if (s?.edits.length) s.edits.pop();
  }

  /** The scenario as a file (JSON with the edits and the settings that belong to it). */
  exportJson(i: number, settings: unknown): string {
    return JSON.stringify({ format: 'srw-szenario', version: 1, scenario: $state.snapshot(this.list[i]), settings }, null, 2);
  }

  /** Reads a scenario file; German error for foreign content. */
  importJson(text: string): void {
    let parsed: { format?: string; scenario?: Scenario };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new Error(t('svc.sc.importBad'));
    }
    const s = parsed?.scenario;
    if (parsed?.format !== 'srw-szenario' || !s || typeof s.name !== 'string' || !Array.isArray(s.edits)) throw new Error(t('svc.sc.importBad'));
    const ok = s.edits.every((e) => e && typeof e.id === 'string' && ['add', 'move', 'remove', 'capacity'].includes(e.op));
    if (!ok) throw new Error(t('svc.sc.importBad'));
    this.list = [...this.list, { name: s.name, edits: s.edits }];
    this.current = this.list.length - 1;
  }

  /** Where edits were made, for the map (added, moved targets, removed services). */
  markers(lookup: (id: string) => { lon: number; lat: number } | null): { lon: number; lat: number; kind: 'add' | 'move' | 'remove' }[] {
    const out: { lon: number; lat: number; kind: 'add' | 'move' | 'remove' }[] = [];
    for (const e of this.scenario()?.edits ?? []) {
      if (e.op === 'add' || e.op === 'move') out.push({ lon: e.lon, lat: e.lat, kind: e.op });
      else if (e.op === 'remove') {
        const p = lookup(e.id);
        if (p) out.push({ ...p, kind: 'remove' });
      }
    }
    return out;
  }
}
