/**
 * „Demo laden“ and „Zurücksetzen“ (issue 13). The demo never mixes into a planner's own data
 * without asking: with own tables open the view asks first (replace, add, cancel). Replacing drops
 * every table in the engine, clears the catalogue, the map and every workspace (through the
 * persisted parts' `reset`), then loads the demo fresh — project files on disk are never touched.
 */
import type { AppState } from './app.svelte';
import type { MapState } from './map.svelte';
import { DEMOS, loadDemo } from './demo';

export type DemoId = keyof typeof DEMOS;

/** File names of every demo file (what a demo table's `fileName` is). */
export const DEMO_FILE_NAMES: ReadonlySet<string> = new Set(
  Object.values(DEMOS).flatMap((d) => d.files.map((f) => f.path.split('/').pop()!)),
);

/** Labels of the open tables that are not demo files (derived tables count with their source). */
export function ownTables(app: AppState): string[] {
  return app.tables.filter((t) => !DEMO_FILE_NAMES.has(t.fileName)).map((t) => t.label);
}

/** True when tables of a demo are open (alone or next to own data). */
export function demoPresent(app: AppState): boolean {
  return app.tables.some((t) => DEMO_FILE_NAMES.has(t.fileName));
}

/**
 * The demo whose files are open (the header's demo choice shows it): with two demos open, the one
 * loaded last; null when no demo file is open.
 */
export function presentDemo(app: Pick<AppState, 'tables'>): DemoId | null {
  for (let i = app.tables.length - 1; i >= 0; i--) {
    const name = app.tables[i].fileName;
    const id = (Object.keys(DEMOS) as DemoId[]).find((d) => DEMOS[d].files.some((f) => f.path.split('/').pop() === name));
    if (id) return id;
  }
  return null;
}

/** The join of the demo's indicator table (the one tours and exercises use), if open. */
export function demoJoin(app: AppState) {
  const tables = new Set(
    Object.values(DEMOS).flatMap((d) => d.files.filter((f) => f.role === 'table').map((f) => f.path.split('/').pop()!)),
  );
  return app.joins.find((j) => tables.has(app.table(j.table)?.fileName ?? '')) ?? null;
}

/** What „Demo laden“ does without asking: load into an empty app, or renew a demo-only session. */
export function demoLoadMode(app: AppState): 'load' | 'renew' | 'ask' {
  if (app.tables.length === 0) return 'load';
  return ownTables(app).length ? 'ask' : 'renew';
}

/** Back to an empty workbench: engine tables, catalogue, map and workspaces. */
export async function clearWorkbench(app: AppState, map: MapState): Promise<void> {
  for (const tb of [...app.tables]) {
    try {
      await app.engine.dropTable(tb.name);
    } catch {
      /* already gone */
    }
  }
  app.clear();
  app.notices = [];
  map.layer = null;
  map.join = null;
  map.column = null;
  map.denominator = null;
  map.years = [];
  map.year = null;
  map.custom = null;
  map.result = null;
  map.series = null;
  map.geometry = null;
  map.selected = null;
  map.hovered = null;
  app.persisted.resetAll();
  await app.refresh();
}

/** Open demo `id`: `replace` clears the workbench first, `add` loads it next to what is open. */
export async function openDemo(app: AppState, map: MapState, id: DemoId, how: 'replace' | 'add'): Promise<void> {
  // from the click on: clearing counts as loading (buttons wait, tests see it at once)
  app.demoLoading = true;
  try {
    if (how === 'replace') await clearWorkbench(app, map);
    await loadDemo(app, map, id);
  } finally {
    app.demoLoading = false;
  }
}
