/**
 * The demo's order of engine calls: files and layers in one batch (one catalogue refresh), then the
 * first map coloured with the manifest's first join at once; the join checks (reports for the join
 * tab) and the point files follow after the map's first frame.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDemo, prefetchDemo } from '../../../src/lib/state/demo';
import type { AppState } from '../../../src/lib/state/app.svelte';
import type { MapState } from '../../../src/lib/state/map.svelte';

const ROOT = path.resolve(import.meta.dirname, '../../..');

let fetched: string[] = [];
beforeEach(() => {
  fetched = [];
  vi.stubGlobal('fetch', async (url: string) => {
    const rel = decodeURIComponent(String(url)).split('sample-data/')[1]?.split('?')[0];
    if (rel) fetched.push(rel);
    if (!rel) return new Response(null, { status: 404 });
    return new Response(readFileSync(path.join(ROOT, 'sample-data', rel)));
  });
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 0));
});
afterEach(() => vi.unstubAllGlobals());

/** An AppState that records the calls the demo makes (the engine's answers are made up). */
function fakeApp(events: string[]) {
  let batching = 0;
  const metas = new Map<string, { name: string; fileName: string }>();
  const app = {
    demoLoading: false,
    layers: [] as { table: string }[],
    joins: [] as { table: string; layer: string }[],
    selectedTable: null as string | null,
    workspace: 'data',
    run: async <T>(_label: string, fn: () => Promise<T>) => fn(),
    batch: async <T>(fn: () => Promise<T>) => {
      batching++;
      try {
        return await fn();
      } finally {
        batching--;
        events.push('refresh');
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    importFiles: async (files: { name: string }[]) => {
      const out = files.map((f) => ({ name: f.name.replace(/\W/g, '_'), fileName: f.name }));
      for (const m of out) metas.set(m.name, m);
      events.push(`import ${files.map((f) => f.name).join(',')}`);
      return out;
    },
    createLayer: async (o: { table: string }) => {
      events.push(`layer ${o.table}`);
      app.layers.push({ table: o.table });
      return { table: o.table };
    },
    rename: async (table: string) => events.push(`rename ${table}`),
    checkJoin: async (spec: { table: string; layer: string }) => {
      events.push(`join ${spec.table} → ${spec.layer}${batching ? ' (in batch)' : ''}`);
      app.joins.push(spec);
      return { matched: 60 };
    },
    table: (name: string | null) => (name && metas.has(name) ? { columns: ['BEZ_ID', 'JAHR', 'SGB2', 'EW_U65'].map((c) => ({ name: c })) } : undefined),
  };
  return app;
}

describe('loadDemo', () => {
  it('colours the map with the manifest\'s join right after the refresh; the join checks follow the map', async () => {
    const events: string[] = [];
    const app = fakeApp(events);
    const map = {
      drawn: true,
      useJoin: async (spec: { table: string; layer: string }, value?: { column: string }) =>
        events.push(`map ${spec.table} → ${spec.layer}: ${value?.column} (joins: ${app.joins.map((j) => j.table).join(',')})`),
      showLayer: async () => events.push('showLayer'),
    };
    await loadDemo(app as unknown as AppState, map as unknown as MapState, 'musterstadt');
    expect(events.slice(0, 8)).toEqual([
      'import bezirke.geojson,stadtbezirke.geojson,indikatoren_2019-2024.csv',
      // layers: parents first
      'layer stadtbezirke_geojson', 'rename stadtbezirke_geojson', 'layer bezirke_geojson', 'rename bezirke_geojson',
      'refresh',
      // the join is known to the app before the map uses it
      'map indikatoren_2019_2024_csv → bezirke_geojson: SGB2 (joins: indikatoren_2019_2024_csv)',
      // checked after the map, outside the batch
      'join indikatoren_2019_2024_csv → bezirke_geojson',
    ]);
    expect(events.filter((e) => e.startsWith('import ')).length).toBe(2);
    expect(events.findIndex((e) => e.startsWith('import ') && e.includes('angebote'))).toBeGreaterThan(7);
    expect(app.demoLoading).toBe(false);
  });

  it('Musterkreis: the map uses the first table\'s join; both joins are checked after it, in the manifest\'s order', async () => {
    const events: string[] = [];
    const app = fakeApp(events);
    const map = { drawn: true, useJoin: async (spec: { table: string }) => events.push(`map ${spec.table}`), showLayer: async () => events.push('showLayer') };
    await loadDemo(app as unknown as AppState, map as unknown as MapState, 'musterkreis');
    const at = events.indexOf('map kreis_indikatoren_csv');
    expect(at).toBeGreaterThan(events.indexOf('refresh'));
    expect(events.slice(at + 1, at + 3)).toEqual(['join kreis_indikatoren_csv → sozialraeume_geojson', 'join jugendhilfe_2020_2024_csv → sozialraeume_geojson']);
    expect(events).not.toContain('showLayer');
  });

  it('takes over the files fetched early for a ?demo= start (each fetched once), the point files after the map', async () => {
    const events: string[] = [];
    prefetchDemo('musterstadt');
    prefetchDemo('nirgendwo');
    const early = [...fetched];
    expect(early.sort()).toEqual(['musterstadt/bezirke.geojson', 'musterstadt/indikatoren_2019-2024.csv', 'musterstadt/stadtbezirke.geojson']);
    const map = { drawn: true, useJoin: async () => events.push('map'), showLayer: async () => {} };
    await loadDemo(fakeApp(events) as unknown as AppState, map as unknown as MapState, 'musterstadt');
    // no first-screen file twice; the point files (services, 100 m grid) only now
    expect(fetched.filter((f) => early.includes(f)).length).toBe(3);
    expect(fetched.length).toBeGreaterThan(3);
    expect(events[0]).toBe('import bezirke.geojson,stadtbezirke.geojson,indikatoren_2019-2024.csv');
    // taken over once: a second load fetches again
    await loadDemo(fakeApp([]) as unknown as AppState, map as unknown as MapState, 'musterstadt');
    expect(fetched.filter((f) => f === 'musterstadt/bezirke.geojson').length).toBe(2);
  });
});
