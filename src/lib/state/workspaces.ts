import type { AppState } from './app.svelte';
import type { MapState } from './map.svelte';
import { sozialindexState } from './sozialindex.svelte';
import { patternsState } from './spatialPatterns.svelte';
import { segregationState } from './spatialSegregation.svelte';
import { reportState } from './report.svelte';
import { servicesState } from './services.svelte';
import { levelsPartState } from './parts/levels';
import { workshopState } from './workshop.svelte';

/**
 * Creates every workspace state at start-up, so each has registered its persisted part before
 * the saved session (or a project file) is restored. A new workspace adds its factory here.
 */
export const WORKSPACE_STATES: ((app: AppState, map: MapState) => unknown)[] = [sozialindexState, patternsState, segregationState, servicesState, levelsPartState, reportState, workshopState];

export function createWorkspaceStates(app: AppState, map: MapState): void {
  for (const make of WORKSPACE_STATES) make(app, map);
}
