import type { AppState } from './app.svelte';
import type { MapState } from './map.svelte';
import type { JoinSpecInput } from '../contract';
import manifest from '../../../sample-data/manifest.json';
import { t } from '../../i18n/index';
import { mark } from './marks';

/** One demo file as described in sample-data/manifest.json. */
interface DemoFile {
  path: string;
  role: 'layer' | 'table' | 'points';
  id?: string;
  name?: string;
  parent?: string;
  /** path of the parent layer (e.g. Stadtbezirke) */
  parentLayer?: string;
  /** what the planner calls it (layers are shown by this name, e.g. „Gemeinden“) */
  label?: string;
  /** part of the one-click demo (the other files show the formats planners have) */
  default?: boolean;
  key?: string;
  layer?: string;
  year?: string;
}
interface DemoSet {
  title: string;
  files: DemoFile[];
}

export const DEMOS = Object.fromEntries(
  Object.entries(manifest as Record<string, unknown>).filter(([, v]) => typeof v === 'object' && v !== null && 'files' in v),
) as Record<'musterstadt' | 'musterkreis', DemoSet>;

/** What the first map shows: the SGB-II-Quote (SGB-II recipients per 100 residents under 65). */
const FIRST_MAP = { column: 'SGB2', denominator: 'EW_U65', scale: 100 };

// Vite turns every demo file into an asset URL of this origin (hashed in the build).
const urls = import.meta.glob('../../../sample-data/**/*.{csv,geojson,zip,xlsx,parquet}', { query: '?url', import: 'default', eager: true }) as Record<
  string,
  string
>;

function urlOf(path: string): string {
  const key = `../../../sample-data/${path}`;
  const u = urls[key];
  if (!u) throw new Error(`Demodatei fehlt: ${path}`);
  return u;
}

/** Files the first map needs: the area layers and the tables joined to them (points come after the map). */
const firstScreen = (f: DemoFile): boolean => f.role !== 'points';

/** The files a one-click demo loads: its default files and the parent layers they point to. */
function demoFiles(id: keyof typeof DEMOS): { demo: DemoSet; parents: Set<string> } {
  const all = DEMOS[id];
  const parents = new Set(all.files.filter((f) => f.default && f.parentLayer).map((f) => f.parentLayer!));
  return { demo: { ...all, files: all.files.filter((f) => f.default || parents.has(f.path)) }, parents };
}

async function fetchBytes(path: string): Promise<Uint8Array> {
  const res = await fetch(urlOf(path));
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${path}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Fetches started before the demo is loaded (path → bytes), taken over once by `loadDemo`. */
const prefetched = new Map<string, Promise<Uint8Array>>();

/**
 * A start with `?demo=`: fetch the first map's files at once, while the saved-session check and
 * DuckDB's start run (the demo's fetch used to begin only after the session check, which in a fresh
 * profile ends at 0.9–1.8 s — sometimes after the engine was ready). Unknown ids are ignored.
 */
export function prefetchDemo(id: string): void {
  if (!(id in DEMOS)) return;
  for (const f of demoFiles(id as keyof typeof DEMOS).demo.files.filter(firstScreen)) {
    if (prefetched.has(f.path)) continue;
    const p = fetchBytes(f.path);
    p.catch(() => {}); // a failure shows when loadDemo takes it over
    prefetched.set(f.path, p);
  }
}

/**
 * Load a demo set: import its files, build the area layers and joins, and show a first map.
 * The first map is drawn from the layers and tables alone; the point files (services, 100 m grid)
 * are imported after it is on screen (the promise resolves when everything is loaded).
 */
export async function loadDemo(app: AppState, map: MapState, id: keyof typeof DEMOS): Promise<void> {
  app.demoLoading = true;
  try {
    await loadDemoFiles(app, map, id);
  } finally {
    app.demoLoading = false;
  }
}

async function loadDemoFiles(app: AppState, map: MapState, id: keyof typeof DEMOS): Promise<void> {
  const { demo, parents } = demoFiles(id);
  const fetchFile = async (f: DemoFile) => {
    const early = prefetched.get(f.path);
    prefetched.delete(f.path);
    return { name: f.path.split('/').pop()!, bytes: await (early ?? fetchBytes(f.path)) };
  };
  const first = demo.files.filter(firstScreen);
  const later = demo.files.filter((f) => !firstScreen(f));
  // all files are fetched at once; the later ones are awaited only after the first map
  const laterBytes = Promise.all(later.map(fetchFile));
  laterBytes.catch(() => {});
  const files = await app.run(t('demo.loading', { name: demo.title }), () => Promise.all(first.map(fetchFile)));
  if (!files) return;
  mark('demo-fetched');
  const tableOf = new Map<string, string>();
  await importDemoFiles(app, first, files, tableOf, parents, () => mark('demo-imported'));
  // The first map uses the manifest's first join at once; the join checks (their reports are shown
  // under „Gebiete & Verknüpfung“, not on the first screen) run after the map's first frame —
  // before, the map waited for them (≈ 50 ms per table on a cold start).
  const planned = plannedJoins(first, tableOf);
  const joined = planned[0] ?? null;
  if (joined) app.joins = [...app.joins.filter((j) => !(j.table === joined.table && j.layer === joined.layer)), joined];
  mark('demo-joined');
  const layer = joined?.layer ?? app.layers[0]?.table;
  if (layer) {
    const joinTable = joined?.table;
    const cols = app.table(joinTable ?? null)?.columns.map((c) => c.name) ?? [];
    const value = cols.includes(FIRST_MAP.column) && cols.includes(FIRST_MAP.denominator) ? FIRST_MAP : undefined;
    // geometry, years and the first values are fetched together and drawn once, coloured
    if (joined) await map.useJoin(joined, value);
    else await map.showLayer(layer);
    mark('demo-coloured');
    app.selectedTable = joinTable ?? layer;
    app.workspace = 'map';
    // the planner sees the map first: the checks and the point files come once its first frame is on screen
    await firstFrame(map);
  }
  await checkJoins(app, planned);
  if (!later.length) return;
  const rest = await app.run(t('demo.loading', { name: demo.title }), () => laterBytes);
  if (rest) {
    const selected = app.selectedTable;
    await importDemoFiles(app, later, rest, tableOf, parents);
    // importing selects the last file; the table on screen stays the first map's
    if (selected && later.some((f) => tableOf.get(f.path) === app.selectedTable)) app.selectedTable = selected;
  }
  mark('demo-complete');
}

/** The demo tables' joins to their layers, as the manifest gives them (the first is the first map's). */
function plannedJoins(first: DemoFile[], tableOf: Map<string, string>): JoinSpecInput[] {
  return first
    .filter((x) => x.role === 'table' && x.key && x.layer)
    .flatMap((f) => {
      const table = tableOf.get(f.path);
      const layer = tableOf.get(f.layer!);
      return table && layer ? [{ table, key: f.key!, layer, mode: 'exact' as const, yearColumn: f.year }] : [];
    });
}

/** Checks each demo join, in order (the report of the last one is the join tab's). */
async function checkJoins(app: AppState, specs: JoinSpecInput[]): Promise<void> {
  for (const spec of specs) await app.checkJoin(spec);
}

/**
 * Resolves after the map's first frame with the current layers was drawn and the browser had a
 * task to present it (a rAF, then a task), so work started afterwards does not compete with that
 * frame. Gives up waiting after `maxMs` (no WebGL, a hidden tab where frames do not run).
 */
export function firstFrame(map: Pick<MapState, 'drawn'>, maxMs = 1500): Promise<void> {
  return new Promise((resolve) => {
    let over = false;
    const finish = () => {
      if (over) return;
      over = true;
      clearTimeout(give);
      resolve();
    };
    const give = setTimeout(finish, maxMs);
    const check = () => {
      if (over) return;
      if (map.drawn) requestAnimationFrame(() => setTimeout(finish, 0));
      else requestAnimationFrame(check);
    };
    check();
  });
}

/** Imports demo files and makes their layers (parents first, so children can point to them). */
async function importDemoFiles(
  app: AppState,
  demoFiles: DemoFile[],
  files: { name: string; bytes: Uint8Array }[],
  tableOf: Map<string, string>,
  parents: Set<string>,
  /** runs inside the batch once files and layers stand, before its catalogue refresh */
  then?: () => void,
): Promise<void> {
  // one catalogue refresh for all files, layers and names (each refresh re-renders the page)
  await app.batch(async () => {
    const metas = await app.importFiles(files);
    demoFiles.forEach((f, i) => {
      const m = metas.find((x) => x.fileName === files[i].name);
      if (m) tableOf.set(f.path, m.name);
    });
    const layerFiles = demoFiles.filter((x) => (x.role === 'layer' || x.role === 'points') && x.id);
    layerFiles.sort((a, b) => Number(parents.has(b.path)) - Number(parents.has(a.path)));
    for (const f of layerFiles) {
      const table = tableOf.get(f.path);
      if (!table || !f.id) continue;
      const made = await app.createLayer({
        table,
        idColumn: f.id,
        nameColumn: f.name,
        parentColumn: f.parent,
        parentLayer: f.parentLayer ? tableOf.get(f.parentLayer) : undefined,
      });
      // levels read as „Sozialräume → Gemeinden“, not as file names
      if (made && f.label && f.role === 'layer') await app.rename(table, f.label);
    }
    then?.();
  });
}
