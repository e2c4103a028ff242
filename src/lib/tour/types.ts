/**
 * Guided tours (issue 13): a tour is a list of steps; each step points at a real control (a CSS
 * selector, preferably a `data-testid`), may drive the app into the state it talks about, and has
 * three strings in the i18n module: `tour.<tour>.<step>.title`, `.method` (one sentence of method in
 * plain language) and `.look` (what to look at on the screen).
 */
import type { AppState } from '../state/app.svelte';
import type { MapState } from '../state/map.svelte';

export type Workspace = AppState['workspace'];

/** What a step's action may use: the app and map state and a few driving helpers. */
export interface TourContext {
  app: AppState;
  map: MapState;
  /** Make sure the Musterstadt demo is open (loads it, or asks when own data are open); false when it is not. */
  ensureDemo(): Promise<boolean>;
  /** Switch the side panel's tab and wait for it to render. */
  tab(ws: Workspace): Promise<void>;
  /** Click a control that holds view-local state (e.g. the table tabs); no-op when absent. */
  click(selector: string): Promise<void>;
  /** Wait until `selector` is in the document (or the timeout passes). */
  waitFor(selector: string, timeoutMs?: number): Promise<boolean>;
}

export interface TourStep {
  id: string;
  /** CSS selector of the control this step points at; none = a centred box */
  target?: string;
  /** Bring the app into the state this step explains; idempotent, run when the step is entered either way. */
  enter?(ctx: TourContext): Promise<void> | void;
}

export interface Tour {
  id: string;
  /** rough duration for the menu */
  minutes: number;
  steps: TourStep[];
}
