import type { AppState } from './app.svelte';
import type { ColumnValues, JoinSpecInput } from '../contract';
import type { ClassMethod, Classification } from '../analysis/classify';
import type { PreparedGeometry } from '../geo/prepare';
import { paletteColors, type PaletteName } from '../map/palettes';
import { buildLegend, boxmapClassNames, emptyLegendText, type LegendEntry } from '../map/legend';
import { isNumeric } from '../engine/describe';
import { fmtNumber, t } from '../../i18n/index';
import { rateUnit, unitSuffix } from '../format/numbers';
import { highContrastColors } from '../map/highContrast';
import { presenter } from './presenter.svelte';
import { i18n } from './i18n.svelte';
import { LevelsState, chainOf } from './levels.svelte';
import type { LevelSeries, LevelValues } from '../contract';
import { disclosureNote, withDisclosureRows } from '../map/disclosure';
import { classCounts, labelledLegend, type CustomMap } from '../map/custom';
import type { MapSettings } from './persist';

export type { CustomMap };

export type MapResult = ColumnValues & { classes: Classification };


/** Picking info the map hands to an overlay (deck.gl's, reduced to what overlays use). */
export interface OverlayPick {
  layerId: string | null;
  index: number;
  /** [lon, lat] under the pointer */
  coordinate: [number, number] | null;
  /** the picked object of a non-binary layer */
  object?: unknown;
}

/**
 * Extra deck.gl layers a workspace draws over the areas (service points, catchment rings …),
 * with its own click handling (return true to consume the click) and tooltips.
 */
export interface MapOverlay {
  layers: unknown[];
  onClick?: (p: OverlayPick) => boolean;
  tooltip?: (p: OverlayPick) => string | null;
  /** CSS cursor while the overlay waits for a click on the map (e.g. "crosshair") */
  cursor?: string;
}

const BASEMAP_KEY = 'srw.basemap';
/** Names of id/code columns (Köln: raum_id, zei_id, tab_id), which the map never picks by itself. */
const CODE_COLUMN = /(^|[_\s.-])(id|nr|nummer|schl(ue|ü)ssel|key|code|kennung|kennziffer|ags|ars|gkz|fips|plz)$|^(id|nr|code|schluessel|gkz|ags|ars)([_\s.-]|$)/i;
const YEAR_COLUMN = /^(jahr|year|berichtsjahr|stichtag)$/i;
/** Areas up to which names are drawn by default. */
export const LABEL_LIMIT = 150;

/** Map settings and the data drawn: which layer, which variable, how it is classified and coloured. */
/** A view's link to the map's selection and hover for the areas of one layer ({@link MapState.areasOf}). */
export interface AreaLink {
  readonly selected: number | null;
  readonly hovered: number | null;
  select(i: number): void;
  hover(i: number | null): void;
}

export class MapState {
  layer = $state<string | null>(null);
  /** table joined to the layer that provides the variable (null = the layer's own columns) */
  join = $state<JoinSpecInput | null>(null);
  column = $state<string | null>(null);
  denominator = $state<string | null>(null);
  scale = $state(100);
  year = $state<string | null>(null);
  years = $state<string[]>([]);
  method = $state<ClassMethod>('quantile');
  k = $state(5);
  palette = $state<PaletteName>('YlOrRd');
  reverse = $state(false);
  manualBreaks = $state('');
  showLabels = $state(true);
  geometry = $state.raw<PreparedGeometry | null>(null);
  result = $state.raw<MapResult | null>(null);
  selected = $state<number | null>(null);
  hovered = $state<number | null>(null);
  /** set by the map view once the current layers are drawn */
  drawn = $state(false);
  basemapEnabled = $state(false);
  basemapUrl = $state('');
  /** a fit-to-bounds request counter, so the view refits when a layer is shown */
  fitRequest = $state(0);
  /** set while a workspace's own map is shown instead of the column choropleth */
  custom = $state.raw<CustomMap | null>(null);
  /** the mapped variable on every level, disclosed (see lib/engine/levels.ts) */
  series = $state.raw<LevelSeries | null>(null);
  /** project settings of disclosure control and levels */
  readonly levels: LevelsState;
  /** a workspace's layers drawn on top of the areas */
  overlay = $state.raw<MapOverlay | null>(null);

  constructor(private app: AppState) {
    this.levels = new LevelsState(app);
    app.reimported.push(async (name) => {
      if (this.layer === name) {
        if (app.layers.some((l) => l.table === name)) await this.showLayer(name);
        else (this.layer = null), (this.geometry = null), (this.result = null), (this.join = null);
      } else if (this.join?.table === name) await this.useJoin(this.join);
    });
    try {
      this.basemapEnabled = localStorage.getItem(`${BASEMAP_KEY}.enabled`) === '1';
      this.basemapUrl = localStorage.getItem(`${BASEMAP_KEY}.url`) ?? '';
    } catch {
      /* storage off */
    }
  }

  get values(): Float64Array | null {
    return this.result?.values ?? null;
  }
  get classes(): Classification | null {
    return this.result?.classes ?? null;
  }
  /** status, marks and flags of the areas on the map (null for a workspace's own map) */
  get disclosed(): LevelValues | null {
    const c = this.custom;
    if (!c) return this.series?.levels[this.series.at] ?? null;
    const d = c.disclosure;
    const r = this.result;
    if (!d || !r || d.status.length !== c.values.length) return null;
    return { layer: null, ids: r.ids, names: r.names, parent: null, values: c.values, status: d.status, marks: d.marks, ...(d.reasons ? { reasons: d.reasons } : {}), small: new Array(d.status.length).fill(false) };
  }

  /** The legend's footnote: the project's switch and thresholds, or the rule a workspace map names (the Sozialindex's own). */
  get legendNote(): string {
    void i18n.lang;
    return disclosureNote(this.custom?.rule ?? this.levels.settings);
  }
  /** The same in few words, for the compact legend on small screens. */
  get legendNoteShort(): string {
    void i18n.lang;
    return disclosureNote(this.custom?.rule ?? this.levels.settings, true);
  }
  /** The legend's line when nothing is classified: why the value has none on this level (QA-27), else the plain words. */
  get legendEmpty(): string {
    return emptyLegendText(this.custom ? null : this.series?.notAggregable, i18n.lang);
  }
  get colors(): [number, number, number][] {
    if (this.custom) return this.custom.colors;
    const n = Math.max(1, (this.classes?.breaks.length ?? 2) - 1);
    return presenter.highContrast ? highContrastColors(this.palette, n, this.reverse) : paletteColors(this.palette, n, this.reverse);
  }

  get legend(): LegendEntry[] {
    const c = this.classes;
    if (!c) return [];
    // read the reactive language so the legend (numbers, „keine Angabe“, disclosure rows) follows a DE/EN switch
    const lang = i18n.lang;
    if (this.custom?.labels) return labelledLegend({ colors: this.custom.colors, labels: this.custom.labels }, c.counts, c.missing, this.disclosed, lang);
    const entries = buildLegend(c, this.colors, {
      lang,
      unit: this.custom ? (this.custom.unit ?? '') : unitSuffix(this.unit()),
      classNames: this.method === 'boxmap' ? boxmapClassNames() : undefined,
    });
    return withDisclosureRows(entries, this.disclosed);
  }

  /** Columns that can be mapped for the current source. */
  numericColumns(): string[] {
    const src = this.join?.table ?? this.layer;
    const tb = this.app.table(src);
    return tb ? tb.columns.filter(isNumeric).map((c) => c.name).filter((c) => c !== this.join?.yearColumn) : [];
  }

  /** Unit of the mapped values: % or ‰ for rates with those scales, else none. */
  unit(): string {
    return this.custom ? (this.custom.unit ?? '').trim() : this.denominator ? rateUnit(this.scale) : '';
  }

  /** Heading of the mapped values in tables and tooltips: what they are, with their unit. */
  valueHeading(): string {
    if (this.custom) return this.custom.valueLabel ?? this.custom.title;
    const unit = this.unit();
    return unit ? `${this.variableLabel()}${t('unit.in', { unit })}` : this.variableLabel();
  }

  /**
   * The column the map shows when the user has not chosen one: never an id, code, key or year
   * column (those are numbers too, but mapping them means nothing), and nothing for a long table.
   */
  autoColumn(): string | null {
    const key = this.join?.key;
    if (this.join && this.app.lastJoinReport?.longTable && this.app.lastJoinReport.spec.table === this.join.table) return null;
    return this.numericColumns().find((c) => c !== key && !CODE_COLUMN.test(c) && !YEAR_COLUMN.test(c)) ?? null;
  }

  variableLabel(): string {
    if (this.custom) return this.custom.title;
    if (!this.column) return '';
    const base = this.denominator ? `${this.column} / ${this.denominator} × ${fmtNumber(this.scale, 0)}` : this.column;
    return this.year ? `${base} (${this.year})` : base;
  }

  async showLayer(table: string): Promise<void> {
    const layer = this.app.layers.find((l) => l.table === table);
    if (!layer) return;
    this.drawn = false;
    const geometry = await this.app.run(t('map.preparing'), () => this.app.engine.layerGeometry(table));
    if (!geometry) return;
    this.enterLayer(table, geometry);
    if (!this.column || !this.numericColumns().includes(this.column)) this.column = this.autoColumn();
    await this.refresh(geometry);
  }

  /**
   * Switches the settings to layer `table` (its geometry goes on the map with the values, in
   * `refresh`, so the map draws once, coloured, instead of grey first).
   */
  private enterLayer(table: string, geometry: PreparedGeometry): void {
    // a coarser level of the joined layer keeps its data (aggregated there)
    const keep = !!this.join && chainOf(this.app.layers, this.join.layer).includes(table);
    if (this.layer !== table && !keep) {
      this.join = null;
      this.column = null;
      this.denominator = null;
      this.result = null;
      this.selected = null;
    }
    this.layer = table;
    // Names help on a city's 40–120 districts; on hundreds of areas they only clutter (and cost).
    this.showLabels = geometry.featureCount <= LABEL_LIMIT;
    this.app.workspace = this.app.workspace === 'data' ? 'map' : this.app.workspace;
  }

  /**
   * Maps the joined table `spec` (and shows its layer where the map is on another one). `value`
   * chooses the variable; without it the current one is kept where the table has it. The layer's
   * geometry, the years and the values are fetched before anything changes on screen.
   */
  async useJoin(spec: JoinSpecInput, value?: { column: string; denominator: string | null; scale: number }): Promise<void> {
    const change = !chainOf(this.app.layers, spec.layer).includes(this.layer ?? '');
    if (change && !this.app.layers.some((l) => l.table === spec.layer)) return;
    if (change) this.drawn = false;
    const [geometry, years] = await Promise.all([
      change ? this.app.run(t('map.preparing'), () => this.app.engine.layerGeometry(spec.layer)) : Promise.resolve(undefined),
      spec.yearColumn ? this.app.engine.distinct(spec.table, spec.yearColumn) : Promise.resolve([]),
    ]);
    if (change) {
      if (!geometry) return;
      this.enterLayer(spec.layer, geometry);
    }
    this.join = spec;
    this.years = years;
    this.year = this.years.at(-1) ?? null;
    const cols = this.numericColumns();
    if (value && cols.includes(value.column)) {
      this.column = value.column;
      this.denominator = value.denominator && cols.includes(value.denominator) ? value.denominator : null;
      this.scale = value.scale;
    }
    if (!this.column || !cols.includes(this.column)) this.column = this.autoColumn();
    if (this.denominator && !cols.includes(this.denominator)) this.denominator = null;
    await this.refresh(geometry ?? undefined);
  }

  /**
   * Puts a saved map back (a reload, a project file) in one computation: geometry and years
   * are fetched together, every setting is applied, then the values are computed and drawn once
   * (before, the layer, the join and the year each computed and drew the map).
   */
  async restore(layer: string, join: JoinSpecInput | undefined, s: Omit<MapSettings, 'layer' | 'join' | 'customOwner'>): Promise<void> {
    // a join of a finer layer shown on this one (Sozialräume summed to Gemeinden) keeps this layer
    const target = join && !chainOf(this.app.layers, join.layer).includes(layer) ? join.layer : layer;
    if (!this.app.layers.some((l) => l.table === target)) return;
    this.drawn = false;
    const [geometry, years] = await Promise.all([
      this.app.run(t('map.preparing'), () => this.app.engine.layerGeometry(target)),
      join?.yearColumn ? this.app.engine.distinct(join.table, join.yearColumn) : Promise.resolve([]),
    ]);
    if (!geometry) return;
    this.enterLayer(target, geometry);
    this.join = join ?? null;
    this.method = s.method;
    this.k = s.k;
    this.palette = s.palette;
    this.reverse = s.reverse;
    this.manualBreaks = s.manualBreaks;
    this.showLabels = s.showLabels;
    this.scale = s.scale;
    this.column = s.column;
    this.denominator = s.denominator;
    this.years = years;
    this.year = s.year && years.includes(s.year) ? s.year : (years.at(-1) ?? null);
    // the joined table did not come back (or lost the column): map another column instead
    const cols = this.numericColumns();
    if (!this.column || !cols.includes(this.column)) {
      this.column = this.autoColumn();
      this.denominator = null;
    }
    if (this.denominator && !cols.includes(this.denominator)) this.denominator = null;
    await this.refresh(geometry);
  }

  parsedBreaks(): number[] | undefined {
    if (this.method !== 'manual') return undefined;
    const nums = this.manualBreaks
      .split(/[;\s]+/)
      .filter(Boolean)
      .map((s) => Number(s.replace(/\./g, '').replace(',', '.')));
    return nums;
  }

  /** Show a workspace's own result on the current layer (see {@link CustomMap}). */
  async showCustom(layer: string, custom: CustomMap): Promise<void> {
    if (this.layer !== layer) await this.showLayer(layer);
    const labels = await this.app.engine.layerLabels(layer);
    const { counts, missing } = classCounts(custom);
    this.drawn = false;
    this.custom = custom;
    this.result = { values: custom.values, ...labels, classes: { breaks: custom.breaks ?? [], classOf: custom.classOf, counts, missing } };
  }

  /** Back to the column choropleth. */
  async clearCustom(): Promise<void> {
    this.custom = null;
    await this.refresh();
  }

  /**
   * Recompute values and classes in the worker. Errors (e.g. bad manual breaks) become notices.
   * With `geometry` (a layer just entered), the geometry goes on the map together with its values.
   */
  async refresh(geometry?: PreparedGeometry): Promise<void> {
    this.custom = null;
    const show = () => {
      if (!geometry) return;
      this.geometry = geometry;
      this.fitRequest++;
    };
    if (!this.layer || !this.column) {
      this.result = null;
      show();
      return;
    }
    this.drawn = false;
    // values on this layer, aggregated from a finer joined layer where needed, with disclosure control
    const value = { column: this.column, denominator: this.denominator ?? undefined, scale: this.scale };
    const req = this.levels.request({ layer: this.layer, join: this.join, value, year: this.year ?? undefined, populationColumns: this.numericColumns() });
    const r = await this.app.run(t('map.computing'), () => this.app.engine.levelChoropleth(req, this.method, this.k, this.parsedBreaks()));
    if (r) {
      this.series = r.series;
      this.result = { values: r.values, ids: r.ids, names: r.names, classes: r.classes };
    } else if (geometry) this.result = null;
    show();
  }

  select(i: number | null): void {
    this.selected = i;
  }

  /**
   * The map's selection and the area under the pointer as seen from a view that lists the areas of
   * `layer` (its index i is feature i there): a table, a scatter plot, small maps. While the map shows
   * another layer an index there is another area, so the view sees none and its clicks and pointer do
   * nothing on the map.
   */
  areasOf(layer: string | null): AreaLink {
    const map = this;
    const on = () => layer !== null && map.layer === layer;
    return {
      get selected() { return on() ? map.selected : null; },
      get hovered() { return on() ? map.hovered : null; },
      select: (i) => void (on() && map.select(i)),
      hover: (i) => void (on() && (map.hovered = i)),
    };
  }

  setBasemap(enabled: boolean, url: string): void {
    this.basemapEnabled = enabled;
    this.basemapUrl = url;
    try {
      localStorage.setItem(`${BASEMAP_KEY}.enabled`, enabled ? '1' : '0');
      localStorage.setItem(`${BASEMAP_KEY}.url`, url);
    } catch {
      /* storage off */
    }
  }
}
