/**
 * Training and consultation controls (issue 13): the „Demo laden“ question, „Zurücksetzen“ to a
 * clean demo, and the open exercise card. One instance per app (like the workspace states).
 */
import type { AppState } from './app.svelte';
import type { MapState } from './map.svelte';
import { demoLoadMode, openDemo, ownTables, type DemoId } from './demoControl';

export class TrainingState {
  /** a demo load waiting for the user's answer because own data are open */
  demoAsk = $state<{ id: DemoId; reason: 'load' | 'reset'; own: string[] } | null>(null);
  /** the exercise card on screen */
  exercise = $state<string | null>(null);
  /** the demo that „Zurücksetzen“ restores (the last one loaded) */
  lastDemo = $state<DemoId>('musterstadt');

  constructor(
    private app: AppState,
    private map: MapState,
  ) {}

  /**
   * „Demo laden“: straight into an empty workbench; a session holding only demo data is renewed
   * (no duplicates); with own data open, ask first.
   */
  async requestDemo(id: DemoId, reason: 'load' | 'reset' = 'load'): Promise<void> {
    // one demo at a time: its point files still come in after the first map
    if (this.app.demoLoading) return;
    const mode = demoLoadMode(this.app);
    if (mode === 'ask') {
      this.demoAsk = { id, reason, own: ownTables(this.app) };
      return;
    }
    this.lastDemo = id;
    await openDemo(this.app, this.map, id, mode === 'load' ? 'add' : 'replace');
  }

  /** The user's answer to the question: replace own data, add the demo to them, or cancel. */
  async answerDemo(choice: 'replace' | 'add' | 'cancel'): Promise<void> {
    const ask = this.demoAsk;
    this.demoAsk = null;
    if (!ask || choice === 'cancel') return;
    this.lastDemo = ask.id;
    await openDemo(this.app, this.map, ask.id, choice);
  }

  /** „Zurücksetzen“: a clean demo in one click (asks only when own data are open). */
  async reset(id: DemoId = this.lastDemo): Promise<void> {
    await this.requestDemo(id, 'reset');
  }

}

const instances = new WeakMap<AppState, TrainingState>();

/** The training controls of this app (created on first use). */
export function trainingState(app: AppState, map: MapState): TrainingState {
  let s = instances.get(app);
  if (!s) instances.set(app, (s = new TrainingState(app, map)));
  return s;
}
