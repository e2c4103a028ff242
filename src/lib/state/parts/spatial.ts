import type { PatternsState, PatternMap } from '../spatialPatterns.svelte';
import type { SegregationState } from '../spatialSegregation.svelte';
import type { SourceState } from '../spatialSource.svelte';
import type { PersistedPart, RestoreContext } from '../persisted';
import type { IndexRow, JoinSpecInput } from '../../contract';
import { DEFAULT_SNAP_M } from '../../analysis/buildWeights';
import { t } from '../../../i18n/index';

export const PATTERNS_PART = 'spatial';
export const SEGREGATION_PART = 'segregation';

/** A workspace's data source as saved: the join (or the layer's own columns) and the year. */
export interface SavedSource {
  layer: string;
  join: JoinSpecInput | null;
  year: string;
}

function saveSource(src: SourceState): SavedSource | null {
  const o = src.current();
  return o ? { layer: o.layer, join: o.join, year: src.year } : null;
}

/** Choose the saved source again under the restored table names; false when it did not come back. */
async function restoreSource(src: SourceState, s: SavedSource, ctx: RestoreContext): Promise<boolean> {
  const layer = ctx.table(s.layer);
  const join = s.join ? ctx.join(s.join) : null;
  const o = src.options().find((x) => (join ? x.join?.table === join.table && x.join.layer === join.layer : !x.join && x.layer === layer));
  if (!layer || !o) return false;
  await src.choose(o.value);
  if (src.years.includes(s.year)) src.year = s.year;
  return true;
}

/** Settings of "Räumliche Muster" (version 1); `ran` = Moran/LISA were computed (seeded: recomputed identically). */
export interface PatternsSaved {
  source: SavedSource | null;
  column: string;
  denominator: string;
  scale: number;
  weightsType: PatternsState['weightsType'];
  k: number;
  meters: number;
  /** queen/rook snapping tolerance in metres (absent in records written before it existed) */
  tolerance?: number;
  permutations: number;
  seed: number;
  alpha: number;
  fdr: boolean;
  shown: PatternMap | null;
  ran: boolean;
}

type PatternsShared = Omit<PatternsSaved, 'source' | 'shown' | 'ran'>;

export function patternsPart(s: PatternsState): PersistedPart<PatternsSaved, PatternsShared> {
  const settings = (): PatternsShared => ({
    column: s.column, denominator: s.denominator, scale: Number(s.scale), weightsType: s.weightsType, k: Number(s.k), meters: Number(s.meters),
    tolerance: Number(s.tolerance), permutations: Number(s.permutations), seed: Number(s.seed), alpha: Number(s.alpha), fdr: s.fdr,
  });
  const apply = (d: PatternsShared) => {
    Object.assign(s, { column: d.column, denominator: d.denominator, scale: d.scale, weightsType: d.weightsType, k: d.k, meters: d.meters, tolerance: d.tolerance ?? DEFAULT_SNAP_M, permutations: d.permutations, seed: d.seed, alpha: d.alpha, fdr: d.fdr });
  };
  return {
    key: PATTERNS_PART,
    version: 1,
    order: 20,
    label: () => t('ws.spatial'),
    save() {
      const source = saveSource(s.src);
      if (!source && !s.moran) return null;
      return { source, ...settings(), shown: s.shown, ran: !!s.moran };
    },
    async restore(d, ctx) {
      apply(d);
      s.moran = s.eb = s.weights = null;
      s.shown = null;
      if (!d.source || !(await restoreSource(s.src, d.source, ctx))) return;
      if (d.ran) await s.run(false);
      s.shown = d.shown;
    },
    reset() {
      s.src.key = '';
      s.column = '';
      s.denominator = '';
      s.moran = s.eb = s.weights = null;
      s.shown = null;
    },
    async showMap() {
      if (s.shown) await s.show(s.shown);
    },
    share: () => (s.column ? settings() : null),
    async applyShared(d) {
      await s.src.ensure();
      apply(d);
      const cols = new Set(s.src.columns());
      const missing = [d.column, d.denominator].filter((c) => c && !cols.has(c));
      return missing.length ? [t('share.missing', { ws: t('ws.spatial'), columns: missing.join(', ') })] : [t('share.applied', { ws: t('ws.spatial') })];
    },
  };
}

/** Settings of "Segregation" (version 1); `ran` = indices were computed (seeded permutations). */
export interface SegregationSaved {
  source: SavedSource | null;
  groups: string[];
  total: string;
  minPopulation: number;
  atkinsonB: number;
  permutations: number;
  seed: number;
  trend: boolean;
  /** snapping tolerance (m) behind Morrill's D (absent in records written before it existed) */
  tolerance?: number;
  histIndex: IndexRow['key'];
  lqGroup: number;
  shown: 'lq' | 'entropy';
  ran: boolean;
}

type SegregationShared = Pick<SegregationSaved, 'groups' | 'total' | 'minPopulation' | 'atkinsonB' | 'permutations' | 'seed' | 'trend' | 'tolerance'>;

export function segregationPart(s: SegregationState): PersistedPart<SegregationSaved, SegregationShared> {
  const settings = (): SegregationShared => ({
    groups: [...s.groups], total: s.total, minPopulation: Number(s.minPopulation), atkinsonB: Number(s.atkinsonB),
    permutations: Number(s.permutations), seed: Number(s.seed), trend: s.trend, tolerance: Number(s.tolerance),
  });
  const apply = (d: SegregationShared) => {
    Object.assign(s, { groups: [...d.groups], total: d.total, minPopulation: d.minPopulation, atkinsonB: d.atkinsonB, permutations: d.permutations, seed: d.seed, trend: d.trend, tolerance: d.tolerance ?? DEFAULT_SNAP_M });
  };
  return {
    key: SEGREGATION_PART,
    version: 1,
    order: 20,
    label: () => t('ws.segregation'),
    save() {
      const source = saveSource(s.src);
      if (!source && !s.result) return null;
      return { source, ...settings(), histIndex: s.histIndex, lqGroup: s.lqGroup, shown: s.shown, ran: !!s.result };
    },
    async restore(d, ctx) {
      apply(d);
      s.result = null;
      s.histIndex = d.histIndex;
      if (!d.source || !(await restoreSource(s.src, d.source, ctx))) return;
      if (d.ran) await s.run(false);
      s.lqGroup = d.lqGroup;
      s.shown = d.shown;
    },
    reset() {
      s.src.key = '';
      s.groups = [];
      s.total = '';
      s.result = null;
    },
    async showMap() {
      if (s.shown === 'entropy') await s.showEntropy();
      else await s.showLQ(s.lqGroup);
    },
    share: () => (s.groups.length ? settings() : null),
    async applyShared(d) {
      await s.src.ensure();
      apply(d);
      const cols = new Set(s.src.columns());
      const missing = [...d.groups, d.total].filter((c) => c && !cols.has(c));
      return missing.length ? [t('share.missing', { ws: t('ws.segregation'), columns: missing.join(', ') })] : [t('share.applied', { ws: t('ws.segregation') })];
    },
  };
}
