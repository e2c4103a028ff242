import type { AppState } from './app.svelte';
import type { JoinSpecInput, LayerMeta } from '../contract';
import type { LayerLink, LevelRequest, LevelSeries } from '../contract';
import { errorText } from '../../i18n/index';
import type { ValueSpec } from '../sql/join';
import type { ColumnRole } from '../analysis/columnRoles';
import { DEFAULT_DISCLOSURE } from '../analysis/disclosure';

/** Project settings of disclosure control and levels (one switch per project, on by default). */
export interface LevelSettings {
  enabled: boolean;
  minCount: number;
  minDenominator: number;
  minNumerator: number;
  minPopulation: number;
  /** one suppression pattern for all years of a table (METHODS §8: for publications of several years) */
  sameAcrossYears: boolean;
  /** population column for the minimum-population flag ('' = guessed) */
  population: string;
  /** column roles chosen by the user (others are guessed) */
  roles: Record<string, ColumnRole>;
}

export const DEFAULT_LEVEL_SETTINGS: LevelSettings = {
  enabled: true,
  ...DEFAULT_DISCLOSURE,
  minPopulation: 300,
  sameAcrossYears: false,
  population: '',
  roles: {},
};

/** Layers from `layer` up through its parent layers (finest first), from the catalogue. */
export function chainOf(layers: readonly LayerMeta[], layer: string | null): string[] {
  const out: string[] = [];
  let l = layers.find((x) => x.table === layer);
  while (l && !out.includes(l.table)) {
    out.push(l.table);
    l = layers.find((x) => x.table === l!.parentLayer);
  }
  return out;
}

/** Joins whose data can be shown on `layer`: joined to it or to a layer below it. */
export function joinsFor(layers: readonly LayerMeta[], joins: readonly JoinSpecInput[], layer: string | null): JoinSpecInput[] {
  return joins.filter((j) => chainOf(layers, j.layer).includes(layer ?? ''));
}

/** Population column guess: EW / Einwohner / Bevölkerung. */
export function guessPopulation(columns: readonly string[]): string | null {
  return columns.find((c) => /^(ew|einwohner(innen)?|bev(oelkerung|ölkerung)?)(_gesamt|_insg)?$/i.test(c)) ?? null;
}

/**
 * State of levels and disclosure control: the project switch and thresholds (used by the plain map,
 * tooltips, tables and charts), plus the Gemeinde view's choice and its series.
 */
export class LevelsState {
  settings = $state<LevelSettings>(structuredClone(DEFAULT_LEVEL_SETTINGS));
  /** Gemeinde view: the parent area picked (its id) */
  parentId = $state<string | null>(null);
  series = $state.raw<LevelSeries | null>(null);
  error = $state<string | null>(null);

  constructor(private app: AppState) {}

  /** The request for a value on a layer with the project's disclosure settings. */
  request(o: { layer: string; join: JoinSpecInput | null; value: ValueSpec; year?: string; populationColumns: string[] }): LevelRequest {
    const s = $state.snapshot(this.settings);
    return {
      layer: o.layer,
      join: o.join ? $state.snapshot(o.join) : null,
      value: o.value,
      year: o.year,
      disclosure: { enabled: s.enabled, minCount: s.minCount, minDenominator: s.minDenominator, minNumerator: s.minNumerator, sameAcrossYears: s.sameAcrossYears },
      roles: s.roles,
      population: s.population || guessPopulation(o.populationColumns) || undefined,
      minPopulation: s.minPopulation,
    };
  }

  /** The layer chain (finest first) and how each layer is tied to its parent; null when unknown. */
  async links(layer: string): Promise<{ chain: string[]; links: LayerLink[] } | null> {
    try {
      return await this.app.engine.layerLinks(layer);
    } catch {
      return null;
    }
  }

  /** Series for the Gemeinde view (all levels of the current variable). */
  async load(req: LevelRequest): Promise<void> {
    this.error = null;
    try {
      this.series = await this.app.engine.levelSeries(req);
    } catch (e) {
      this.series = null;
      this.error = errorText(e).message;
    }
  }
}
