/**
 * The tours of the „Schulung“ menu (issue 13). Steps point at real controls and drive the app
 * through the same state methods the controls call; their texts live in `src/i18n/tours.ts`.
 * „Einführung“: data → join → map in about three minutes. „Von Daten zu Taten“: Musterstadt from
 * the Sozialindex over segregation and hot spots to the workshop check with local knowledge.
 */
import type { Tour, TourContext } from './types';
import { sozialindexState } from '../state/sozialindex.svelte';
import { segregationState } from '../state/spatialSegregation.svelte';
import { patternsState } from '../state/spatialPatterns.svelte';
import { demoJoin } from '../state/demoControl';
import { workshopState } from '../state/workshop.svelte';
import { servicesState } from '../state/services.svelte';

/** The demo's first map: SGB-II-Quote (SGB-II recipients per 100 residents under 65), latest year. */
async function showRate(ctx: TourContext): Promise<void> {
  const { map } = ctx;
  const join = demoJoin(ctx.app);
  if (join && map.join?.table !== join.table) await map.useJoin(join);
  const changed = map.column !== 'SGB2' || map.denominator !== 'EW_U65' || map.scale !== 100 || map.year !== (map.years.at(-1) ?? null) || !!map.custom;
  map.column = 'SGB2';
  map.denominator = 'EW_U65';
  map.scale = 100;
  map.year = map.years.at(-1) ?? null;
  if (changed || !map.result) await map.refresh();
}

/** Open the Sozialindex tab at `section` (with a source picked) and return its state. */
async function indexAt(ctx: TourContext, section: 'indicators' | 'index' | 'results') {
  await ctx.tab('index');
  const ix = sozialindexState(ctx.app, ctx.map);
  ix.initSource();
  ix.section = section;
  return ix;
}

/**
 * Open „Angebote & Bedarfe“ at `section` with the demo's services taken over. The demo's story is
 * Kita places for children under 6: an untouched category filter is narrowed to the Kitas.
 */
async function servicesAt(ctx: TourContext, section: 'coverage' | 'gaps'): Promise<void> {
  await ctx.tab('services');
  const s = servicesState(ctx.app, ctx.map);
  await s.init();
  const layer = s.supply.activeLayer();
  const counts = layer ? s.supply.points[layer.key]?.categoryCounts : undefined;
  let changed = false;
  if (layer && !layer.categories.length && counts?.some((c) => c.value === 'Kita') && counts.length > 1) {
    layer.categories = ['Kita'];
    changed = true;
  }
  await ctx.click(`[data-testid="svc-section-${section}"]`);
  if (changed || !s.base[section]) await s.runAll(section);
  else await s.show(section);
}

/** Index of the largest mapped value (the area the step talks about). */
function top(values: Float64Array | undefined): number | null {
  if (!values) return null;
  let best = -1;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]) && (best < 0 || values[i] > values[best])) best = i;
  return best < 0 ? null : best;
}

export const EINFUEHRUNG: Tour = {
  id: 'einfuehrung',
  minutes: 3,
  steps: [
    { id: 'welcome', enter: async (ctx) => void (await ctx.ensureDemo()) },
    { id: 'open', target: '[data-testid="open-files"]' },
    { id: 'catalog', target: '[data-testid="catalog"]', enter: (ctx) => ctx.tab('data') },
    {
      id: 'grid',
      target: '[data-testid="data-grid"]',
      enter: async (ctx) => {
        await ctx.tab('data');
        const join = demoJoin(ctx.app);
        if (join) ctx.app.selectedTable = join.table;
        await ctx.click('[data-testid="tab-data"]');
      },
    },
    { id: 'join', target: '[data-testid="join-report"]', enter: (ctx) => ctx.tab('areas') },
    {
      id: 'rate',
      target: '[data-testid="map-column"]',
      enter: async (ctx) => {
        await ctx.tab('map');
        await showRate(ctx);
      },
    },
    { id: 'classes', target: '[data-testid="map-method"]', enter: (ctx) => ctx.tab('map') },
    { id: 'legend', target: '[data-testid="legend"]', enter: showRate },
    {
      id: 'area',
      target: '[data-testid="map"]',
      enter: async (ctx) => {
        await showRate(ctx);
        ctx.map.select(top(ctx.map.result?.values));
      },
    },
    {
      id: 'table',
      target: '[data-testid="map-table"]',
      enter: async (ctx) => {
        await showRate(ctx);
        await ctx.click('[data-testid="tab-maptable"]');
      },
    },
    { id: 'next', target: '[data-testid="training-menu"]' },
  ],
};

export const DATEN_ZU_TATEN: Tour = {
  id: 'daten-zu-taten',
  minutes: 15,
  steps: [
    { id: 'intro', enter: async (ctx) => void (await ctx.ensureDemo()) },
    {
      id: 'indicators',
      target: '[data-testid="ix-indicators"]',
      enter: async (ctx) => {
        const ix = await indexAt(ctx, 'indicators');
        if (!ix.indicators.length) await ix.suggest();
      },
    },
    {
      id: 'preset',
      target: '[data-testid="ix-preset"]',
      enter: async (ctx) => {
        const ix = await indexAt(ctx, 'index');
        if (ix.settings.preset !== 'standard') ix.settings.preset = 'standard';
      },
    },
    {
      id: 'ranking',
      target: '[data-testid="ix-results"]',
      enter: async (ctx) => {
        const ix = await indexAt(ctx, 'results');
        if (!ix.run) await ix.compute();
        await ix.showMap('class');
      },
    },
    {
      id: 'segregation',
      target: '[data-testid="seg-d100"]',
      enter: async (ctx) => {
        await ctx.tab('segregation');
        const s = segregationState(ctx.app, ctx.map);
        if (!s.result) await s.preset();
        else await s.showLQ(0);
      },
    },
    { id: 'chance', target: '[data-testid="seg-hist"]', enter: (ctx) => ctx.tab('segregation') },
    {
      id: 'hotspots',
      target: '[data-testid="sp-map-gstar"]',
      enter: async (ctx) => {
        await ctx.tab('spatial');
        const s = patternsState(ctx.app, ctx.map);
        await s.init();
        if (!s.moran) await s.run();
        await s.show('gstar');
      },
    },
    {
      id: 'coverage',
      target: '[data-testid="svc-cov-municipal"]',
      enter: (ctx) => servicesAt(ctx, 'coverage'),
    },
    {
      id: 'gaps',
      target: '[data-testid="svc-gap-legend"]',
      enter: (ctx) => servicesAt(ctx, 'gaps'),
    },
    { id: 'report', target: '[data-testid="report-export"]', enter: (ctx) => ctx.tab('report') },
    {
      id: 'workshop',
      target: '[data-testid="ws-editor"]',
      enter: async (ctx) => {
        const ix = sozialindexState(ctx.app, ctx.map);
        await ctx.tab('workshop');
        const ws = workshopState(ctx.app, ctx.map);
        ws.initLayer();
        if (ix.layer) ws.layer = ix.layer;
        // the area ranked first in the index: where the talk on site usually starts
        const first = ix.run ? ix.run.base.rank.indexOf(1) : -1;
        if (ws.layer && ctx.map.layer !== ws.layer) await ctx.map.showLayer(ws.layer);
        await ws.showMap();
        if (first >= 0) ctx.map.select(first);
      },
    },
    { id: 'end', target: '[data-testid="training-menu"]' },
  ],
};

export const TOURS: readonly Tour[] = [EINFUEHRUNG, DATEN_ZU_TATEN];

export function tourById(id: string): Tour | undefined {
  return TOURS.find((t) => t.id === id);
}
