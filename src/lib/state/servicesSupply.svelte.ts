/**
 * Supply layers of "Angebote & Bedarfe": point tables taken over as services with their column
 * choices (guessed, editable), the loaded point sets, category filters and the selected service.
 */
import type { AppState } from './app.svelte';
import type { PointSet, PointSpec } from '../contract/services';
import type { TableMeta } from '../contract/catalog';
import { guessCoordinateColumns, guessServiceColumns } from '../analysis/pointCoords';
import { GEOM_COL } from '../ingest/types';
import { t } from '../../i18n/index';

/** A supply layer as the user configured it (persisted). */
export interface SupplyLayerSettings {
  key: string;
  label: string;
  spec: PointSpec;
  visible: boolean;
  /** categories shown and analysed ([] = all) */
  categories: string[];
}

/** Guessed settings for a table (id, name, category, capacity, target, x/y). */
export function guessSupplySpec(tb: TableMeta): PointSpec {
  const cols = tb.columns.filter((c) => c.name !== GEOM_COL).map((c) => c.name);
  const g = guessServiceColumns(cols);
  const xy = tb.hasGeometry ? {} : guessCoordinateColumns(cols);
  return { table: tb.name, id: g.id, name: g.name, category: g.category, capacity: g.capacity, target: g.target, x: xy.x, y: xy.y };
}

/** Tables that can hold points: point geometry, or coordinate columns that can be guessed. */
export function pointTables(app: AppState): TableMeta[] {
  return app.tables.filter((tb) => {
    if (tb.hasGeometry) return tb.detected?.geometryType === 'point' || app.layers.some((l) => l.table === tb.name && l.geometryType === 'point');
    const g = guessCoordinateColumns(tb.columns.map((c) => c.name));
    return !!(g.x && g.y);
  });
}

let layerCounter = 0;

export class SupplyState {
  layers = $state<SupplyLayerSettings[]>([]);
  /** loaded point sets by layer key */
  points = $state.raw<Record<string, PointSet>>({});
  /** the layer the analyses use */
  active = $state<string | null>(null);
  selected = $state<{ key: string; index: number } | null>(null);
  /** the form for a new layer */
  draft = $state<PointSpec | null>(null);

  constructor(private app: AppState) {}

  activeLayer(): SupplyLayerSettings | undefined {
    return this.layers.find((l) => l.key === this.active) ?? this.layers[0];
  }

  activePoints(): PointSet | null {
    const l = this.activeLayer();
    return l ? (this.points[l.key] ?? null) : null;
  }

  /** The active layer's spec with its category filter, as plain data for the worker. */
  activeSpec(): PointSpec | null {
    const l = this.activeLayer();
    return l ? { ...$state.snapshot(l.spec), categories: $state.snapshot(l.categories) } : null;
  }

  startDraft(table: string): void {
    const tb = this.app.table(table);
    this.draft = tb ? guessSupplySpec(tb) : null;
  }

  /** Takes the draft (or a spec) over as a layer and loads its points; false on error. */
  async add(spec: PointSpec | null = this.draft, categories: string[] = []): Promise<boolean> {
    if (!spec) return false;
    const plain = $state.snapshot(spec) as PointSpec;
    const label = this.app.table(plain.table)?.label ?? plain.table;
    const key = `s${++layerCounter}`;
    const ok = await this.load(key, plain);
    if (!ok) return false;
    this.layers = [...this.layers, { key, label, spec: plain, visible: true, categories }];
    this.active ??= key;
    this.draft = null;
    return true;
  }

  /** (Re)loads a layer's points in the worker; errors become notices and nothing changes. */
  async load(key: string, spec: PointSpec): Promise<boolean> {
    const ps = await this.app.run(t('svc.loading'), () => this.app.engine.servicePoints($state.snapshot(spec) as PointSpec, spec.capacity));
    if (!ps) return false;
    this.points = { ...this.points, [key]: ps };
    return true;
  }

  remove(key: string): void {
    this.layers = this.layers.filter((l) => l.key !== key);
    const { [key]: _gone, ...rest } = this.points;
    this.points = rest;
    if (this.active === key) this.active = this.layers[0]?.key ?? null;
    if (this.selected?.key === key) this.selected = null;
  }

  /** Category filter of a layer: toggles one category ([] = all). */
  toggleCategory(key: string, value: string): void {
    const l = this.layers.find((x) => x.key === key);
    const ps = this.points[key];
    if (!l || !ps) return;
    const all = ps.categoryCounts.map((c) => c.value);
    const cur = new Set(l.categories.length ? l.categories : all);
    if (cur.has(value)) cur.delete(value);
    else cur.add(value);
    l.categories = cur.size === all.length ? [] : all.filter((c) => cur.has(c));
  }

  shows(l: SupplyLayerSettings, category: string): boolean {
    return l.categories.length === 0 || l.categories.includes(category);
  }

  /** Index of a category within its layer (symbol), stable in the order of the counts. */
  categoryIndex(key: string, value: string): number {
    return Math.max(0, this.points[key]?.categoryCounts.findIndex((c) => c.value === value) ?? 0);
  }

  /** The demo's or a user's point layers, taken over once with guessed columns. */
  async autoAdd(): Promise<void> {
    if (this.layers.length) return;
    for (const tb of pointTables(this.app)) {
      const spec = guessSupplySpec(tb);
      if (spec.category || spec.capacity) await this.add(spec);
    }
  }
}
