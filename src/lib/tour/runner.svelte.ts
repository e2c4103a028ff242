/**
 * The tour engine (issue 13): which tour is running, which step is shown, and the driving of the
 * app when a step is entered. A tour left with „Beenden“ keeps its place (localStorage) and can be
 * resumed from the „Schulung“ menu; running it to the end clears the place.
 */
import type { AppState } from '../state/app.svelte';
import type { MapState } from '../state/map.svelte';
import { trainingState } from '../state/training.svelte';
import { demoPresent } from '../state/demoControl';
import { tourById } from './tours';
import type { Tour, TourContext, Workspace } from './types';
import { t } from '../../i18n/index';

const KEY = 'srw.tour';

/** Wait for the next frame(s) so a tab switch has rendered. */
const frame = () => new Promise<void>((r) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => r()) : setTimeout(r, 16)));

async function until(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

export interface ResumePoint {
  id: string;
  index: number;
}

export class TourRunner {
  tour = $state.raw<Tour | null>(null);
  index = $state(0);
  /** a step's action is running (the box says so; Weiter/Zurück wait) */
  preparing = $state(false);
  error = $state<string | null>(null);
  /** where a left tour can be resumed */
  resumePoint = $state<ResumePoint | null>(null);
  private seq = 0;

  constructor(
    private app: AppState,
    private map: MapState,
  ) {
    try {
      const r = JSON.parse(localStorage.getItem(KEY) ?? 'null') as ResumePoint | null;
      if (r && tourById(r.id)) this.resumePoint = r;
    } catch {
      /* storage off */
    }
  }

  get step() {
    return this.tour?.steps[this.index] ?? null;
  }

  context(): TourContext {
    const app = this.app;
    const map = this.map;
    return {
      app,
      map,
      ensureDemo: async () => {
        const tr = trainingState(app, map);
        if (demoPresent(app)) return true;
        if (!app.ready) await until(() => app.ready, 120_000);
        // a demo load started elsewhere (URL, button) finishes first
        await until(() => app.busy === null, 120_000);
        if (demoPresent(app)) return true;
        await tr.requestDemo('musterstadt');
        await until(() => tr.demoAsk === null, 600_000);
        return demoPresent(app);
      },
      tab: async (ws: Workspace) => {
        app.workspace = ws;
        await frame();
        await frame();
      },
      click: async (selector) => {
        (document.querySelector(selector) as HTMLElement | null)?.click();
        await frame();
      },
      waitFor: (selector, timeoutMs = 10_000) => until(() => !!document.querySelector(selector), timeoutMs),
    };
  }

  /** Start tour `id` at step `from` (0-based). Unknown ids are ignored. */
  async start(id: string, from = 0): Promise<void> {
    const tour = tourById(id);
    if (!tour) return;
    this.tour = tour;
    await this.go(Math.min(Math.max(0, from), tour.steps.length - 1));
  }

  /** Show step `i`, running its action first. */
  async go(i: number): Promise<void> {
    const tour = this.tour;
    if (!tour || i < 0 || i >= tour.steps.length) return;
    const my = ++this.seq;
    this.index = i;
    this.error = null;
    this.preparing = true;
    this.remember();
    try {
      await tour.steps[i].enter?.(this.context());
    } catch (e) {
      if (my === this.seq) this.error = t('tour.stepFailed', { message: (e as Error).message });
    } finally {
      if (my === this.seq) this.preparing = false;
    }
  }

  async next(): Promise<void> {
    if (!this.tour || this.preparing) return;
    if (this.index >= this.tour.steps.length - 1) return this.finish();
    await this.go(this.index + 1);
  }

  async back(): Promise<void> {
    if (!this.tour || this.preparing || this.index === 0) return;
    await this.go(this.index - 1);
  }

  /** „Beenden“: leave the tour; the menu offers to resume at this step. */
  leave(): void {
    this.seq++;
    this.remember();
    this.tour = null;
    this.preparing = false;
  }

  /** The last step's „Weiter“: the tour is done, nothing to resume. */
  finish(): void {
    const tour = this.tour;
    this.seq++;
    this.tour = null;
    this.preparing = false;
    this.resumePoint = null;
    this.store(null);
    if (tour) this.app.notify('info', t('tour.doneTitle'), t('tour.done', { tour: t(`tour.${tour.id}.title`) }));
  }

  async resume(): Promise<void> {
    const r = this.resumePoint;
    if (r) await this.start(r.id, r.index);
  }

  private remember(): void {
    if (!this.tour) return;
    this.resumePoint = { id: this.tour.id, index: this.index };
    this.store(this.resumePoint);
  }

  private store(r: ResumePoint | null): void {
    try {
      if (r) localStorage.setItem(KEY, JSON.stringify(r));
      else localStorage.removeItem(KEY);
    } catch {
      /* storage off */
    }
  }
}

const instances = new WeakMap<AppState, TourRunner>();

/** The tour engine of this app. */
export function tourRunner(app: AppState, map: MapState): TourRunner {
  let s = instances.get(app);
  if (!s) instances.set(app, (s = new TourRunner(app, map)));
  return s;
}
