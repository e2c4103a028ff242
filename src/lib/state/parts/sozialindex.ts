import type { SozialindexState, IndicatorRow, IndexSection } from '../sozialindex.svelte';
import type { PersistedPart } from '../persisted';
import type { IndexSettings, JoinSpecInput, RobustnessSpec, TypologySpec } from '../../contract';
import type { IndexMapView } from '../../map/indexMaps';
import { DEFAULT_INDEX_SETTINGS, defaultIndexSettings } from '../../contract';
import { DEFAULT_DISCLOSURE, type DisclosureOptions } from '../../analysis/disclosure';
import { t } from '../../../i18n/index';

export const SOZIALINDEX_PART = 'sozialindex';

type Indicator = Omit<IndicatorRow, 'uid'>;

/** What the Sozialindex workspace keeps (version 1). */
export interface SozialindexSaved {
  layer: string | null;
  join: JoinSpecInput | null;
  population: string | null;
  indicators: Indicator[];
  settings: IndexSettings;
  disclosure: Required<DisclosureOptions>;
  grouped: boolean;
  groupWeights: Record<string, number>;
  section: IndexSection;
  typSpec: TypologySpec;
  robSpec: RobustnessSpec;
  tsMode: 'each' | 'base';
  tsBase: string | null;
  mapView: IndexMapView;
  seriesYear: number;
  /** which optional results were computed (recomputed on restore: seeded, so identical) */
  computed: { typology: boolean; robustness: boolean; series: boolean };
}

/** Settings another town can apply to its own files (no table names, area ids or years). */
export interface SozialindexShared {
  population: string | null;
  indicators: Indicator[];
  settings: Omit<IndexSettings, 'outliers' | 'year' | 'dynamicsFrom'>;
  disclosure: Required<DisclosureOptions>;
  grouped: boolean;
  groupWeights: Record<string, number>;
  typSpec: TypologySpec;
  robSpec: RobustnessSpec;
  tsMode: 'each' | 'base';
}

const indicatorsOf = (ix: SozialindexState): Indicator[] => ix.indicators.map(({ uid: _u, ...rest }) => rest);

/** The method settings both a restore and a share link bring back. */
function applyMethod(ix: SozialindexState, d: SozialindexShared, settings: IndexSettings): void {
  ix.setIndicators(d.indicators);
  ix.settings = settings;
  ix.disclosure = { ...DEFAULT_DISCLOSURE, ...d.disclosure };
  ix.grouped = d.grouped;
  ix.groupWeights = d.groupWeights;
  ix.typSpec = d.typSpec;
  ix.robSpec = d.robSpec;
  ix.tsMode = d.tsMode;
}

/** Registers the Sozialindex workspace with the autosave and project file (see persisted.ts). */
export function sozialindexPart(ix: SozialindexState): PersistedPart<SozialindexSaved, SozialindexShared> {
  return {
    key: SOZIALINDEX_PART,
    version: 1,
    order: 10,
    label: () => t('ws.index'),
    save() {
      if (!ix.layer) return null;
      return {
        layer: ix.layer, join: ix.join, population: ix.population, indicators: indicatorsOf(ix),
        settings: ix.settings, disclosure: ix.disclosure, grouped: ix.grouped, groupWeights: ix.groupWeights,
        section: ix.section, typSpec: ix.typSpec, robSpec: ix.robSpec, tsMode: ix.tsMode, tsBase: ix.tsBase,
        mapView: ix.mapView, seriesYear: ix.seriesYear,
        computed: { typology: !!ix.typology, robustness: !!ix.robustness, series: !!ix.series },
      };
    },
    async restore(d, ctx) {
      const layer = ctx.table(d.layer);
      if (!layer) return this.reset!();
      const join = d.join ? ctx.join(d.join) : null;
      if (d.join && !join) ctx.warn(t('persist.ix.joinLost'));
      ix.setSource(layer, join);
      ix.population = d.population;
      applyMethod(ix, d, { ...DEFAULT_INDEX_SETTINGS, ...d.settings });
      ix.section = d.section;
      ix.tsBase = d.tsBase;
      ix.seriesYear = d.seriesYear;
      await ix.compute();
      if (!ix.run) return;
      if (d.computed.typology) await ix.computeTypology(false);
      if (d.computed.robustness) await ix.computeRobustness(false);
      if (d.computed.series) await ix.computeSeries(false);
      ix.mapView = d.mapView;
    },
    reset() {
      ix.setSource(null, null);
      ix.settings = defaultIndexSettings();
      ix.disclosure = { ...DEFAULT_DISCLOSURE };
      ix.grouped = false;
      ix.groupWeights = {};
      ix.section = 'indicators';
    },
    async showMap() {
      await ix.showMap();
    },
    share() {
      if (!ix.indicators.length) return null;
      const { outliers: _o, year: _y, dynamicsFrom: _f, ...settings } = ix.settings;
      return {
        population: ix.population, indicators: indicatorsOf(ix), settings, disclosure: ix.disclosure, grouped: ix.grouped,
        groupWeights: ix.groupWeights, typSpec: ix.typSpec, robSpec: ix.robSpec, tsMode: ix.tsMode,
      };
    },
    async applyShared(s) {
      ix.initSource();
      if (!ix.layer) return [t('share.ix.noSource')];
      const cols = new Set(ix.columns());
      const missing = new Set<string>();
      for (const i of s.indicators) for (const c of [i.numerator, i.denominator]) if (c && !cols.has(c)) missing.add(c);
      if (s.population && cols.has(s.population)) ix.population = s.population;
      else if (s.population) missing.add(s.population);
      applyMethod(ix, s, { ...DEFAULT_INDEX_SETTINGS, ...s.settings, outliers: [], year: null, dynamicsFrom: null });
      const notes = [t('share.ix.applied', { n: s.indicators.length })];
      if (missing.size) notes.push(t('share.ix.missing', { columns: [...missing].join(', ') }));
      return notes;
    },
  };
}
