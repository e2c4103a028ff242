import type { AppState } from './app.svelte';
import type { MapState } from './map.svelte';
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

/** Load a demo set: import its files, build the area layers and joins, and show a first map. */
export async function loadDemo(app: AppState, map: MapState, id: keyof typeof DEMOS): Promise<void> {
  const all = DEMOS[id];
  const parents = new Set(all.files.filter((f) => f.default && f.parentLayer).map((f) => f.parentLayer!));
  const demo = { ...all, files: all.files.filter((f) => f.default || parents.has(f.path)) };
  const files = await app.run(t('demo.loading', { name: demo.title }), () =>
    Promise.all(
      demo.files.map(async (f) => {
        const res = await fetch(urlOf(f.path));
        if (!res.ok) throw new Error(`HTTP ${res.status}: ${f.path}`);
        return { name: f.path.split('/').pop()!, bytes: new Uint8Array(await res.arrayBuffer()) };
      }),
    ),
  );
  if (!files) return;
  mark('demo-fetched');
  const metas = await app.importFiles(files);
  mark('demo-imported');
  const tableOf = new Map<string, string>();
  demo.files.forEach((f, i) => {
    const m = metas.find((x) => x.fileName === files[i].name);
    if (m) tableOf.set(f.path, m.name);
  });
  // parents first, so children can point to them
  const layerFiles = demo.files.filter((x) => (x.role === 'layer' || x.role === 'points') && x.id);
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
  mark('demo-layers');
  let first: { table: string; layer: string } | null = null;
  for (const f of demo.files.filter((x) => x.role === 'table' && x.key && x.layer)) {
    const table = tableOf.get(f.path);
    const layer = tableOf.get(f.layer!);
    if (!table || !layer) continue;
    const r = await app.checkJoin({ table, key: f.key!, layer, mode: 'exact', yearColumn: f.year });
    if (r && !first) first = { table, layer };
  }
  mark('demo-joined');
  const layer = first?.layer ?? app.layers[0]?.table;
  if (!layer) return;
  await map.showLayer(layer);
  mark('demo-layer-shown');
  const joinTable = first?.table;
  const spec = app.joins.find((j) => j.table === joinTable && j.layer === layer);
  const cols = app.table(joinTable ?? null)?.columns.map((c) => c.name) ?? [];
  if (cols.includes(FIRST_MAP.column) && cols.includes(FIRST_MAP.denominator)) {
    map.column = FIRST_MAP.column;
    map.denominator = FIRST_MAP.denominator;
    map.scale = FIRST_MAP.scale;
  }
  if (spec) await map.useJoin(spec);
  else await map.refresh();
  mark('demo-coloured');
  app.selectedTable = joinTable ?? layer;
  app.workspace = 'map';
}
