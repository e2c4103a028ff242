import type { AppState } from './app.svelte';
import type { MapState } from './map.svelte';
import manifest from '../../../sample-data/manifest.json';
import { t } from '../../i18n/index';

/** One demo file as described in sample-data/manifest.json. */
interface DemoFile {
  path: string;
  role: 'layer' | 'table' | 'points';
  id?: string;
  name?: string;
  parent?: string;
  /** path of the parent layer (e.g. Stadtbezirke) */
  parent_layer?: string;
  key?: string;
  layer?: string;
  year?: string;
}
interface DemoSet {
  title: string;
  files: DemoFile[];
  map?: { layer?: string; table?: string; column: string; denominator?: string; scale?: number };
}

export const DEMOS = manifest as unknown as Record<'musterstadt' | 'musterkreis', DemoSet>;

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
  const demo = DEMOS[id];
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
  const metas = await app.importFiles(files);
  const tableOf = new Map<string, string>();
  demo.files.forEach((f, i) => {
    const m = metas.find((x) => x.fileName === files[i].name);
    if (m) tableOf.set(f.path, m.name);
  });
  for (const f of demo.files.filter((x) => x.role === 'layer' || x.role === 'points')) {
    const table = tableOf.get(f.path);
    if (!table || !f.id) continue;
    await app.createLayer({
      table,
      idColumn: f.id,
      nameColumn: f.name,
      parentColumn: f.parent,
      parentLayer: f.parent_layer ? tableOf.get(f.parent_layer) : undefined,
    });
  }
  let first: { table: string; layer: string } | null = null;
  for (const f of demo.files.filter((x) => x.role === 'table' && x.key && x.layer)) {
    const table = tableOf.get(f.path);
    const layer = tableOf.get(f.layer!);
    if (!table || !layer) continue;
    const r = await app.checkJoin({ table, key: f.key!, layer, mode: 'exact', yearColumn: f.year });
    if (r && !first) first = { table, layer };
  }
  const want = demo.map;
  const layer = (want?.layer && tableOf.get(want.layer)) || first?.layer || app.layers[0]?.table;
  if (!layer) return;
  await map.showLayer(layer);
  const joinTable = (want?.table && tableOf.get(want.table)) || first?.table;
  const spec = app.joins.find((j) => j.table === joinTable && j.layer === layer);
  if (want) {
    map.column = want.column;
    map.denominator = want.denominator ?? null;
    map.scale = want.scale ?? 100;
  }
  if (spec) await map.useJoin(spec);
  else await map.refresh();
  app.selectedTable = joinTable ?? layer;
  app.workspace = 'map';
}
