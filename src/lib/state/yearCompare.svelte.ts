/**
 * Year comparison on the plain map (issue 13): the map's indicator (column, or rate numerator /
 * denominator × scale) as the change from one year to the map's year, on a diverging palette.
 * Drawn as the map's custom layer (owner {@link YEAR_COMPARE}); the map's own settings stay, so
 * switching the comparison off shows the plain year again.
 */
import type { AppState } from './app.svelte';
import type { MapState } from './map.svelte';
import { presenter } from './presenter.svelte';
import { changeMap, YEAR_COMPARE } from '../map/changeMap';
import { changeUnit, changeUnitShort, fmtYear } from '../format/numbers';
import { t } from '../../i18n/index';

export class YearCompareState {
  /** the comparison is on */
  active = $state(false);
  /** the earlier year (the map's year is the later one) */
  from = $state<string | null>(null);
  k = $state(5);
  private seq = 0;

  constructor(
    private app: AppState,
    private map: MapState,
  ) {}

  /** Years the comparison can start from (all but the map's year). */
  fromYears(): string[] {
    return this.map.years.filter((y) => y !== this.map.year);
  }

  /** Whether the map's source has years to compare. */
  possible(): boolean {
    return !!this.map.join?.yearColumn && this.map.years.length > 1 && !!this.map.column;
  }

  /** Title of the change, e.g. „Veränderung SGB2 / EW_U65 × 100, 2019 → 2024“. */
  title(): string {
    const m = this.map;
    const base = m.denominator ? `${m.column} / ${m.denominator} × ${m.scale}` : (m.column ?? '');
    return t('cmp.title', { v: base, from: fmtYear(this.from), to: fmtYear(m.year) });
  }

  async show(): Promise<void> {
    const m = this.map;
    if (!this.possible() || !m.join || !m.column || !m.year || !m.layer) return;
    if (!this.from || this.from === m.year || !m.years.includes(this.from)) this.from = this.fromYears()[0] ?? null;
    if (!this.from) return;
    const my = ++this.seq;
    const value = { column: m.column, denominator: m.denominator ?? undefined, scale: m.scale };
    const req = {
      level: m.levels.request({ layer: m.layer, join: m.join, value, populationColumns: m.numericColumns() }),
      from: this.from,
      to: m.year,
      k: Math.min(9, Math.max(3, Math.round(Number(this.k) || 5))),
    };
    const r = await this.app.run(t('cmp.busy'), () => this.app.engine.valueChange(req));
    if (!r || my !== this.seq || !this.active) return;
    const scale = m.denominator ? m.scale : null;
    const unitLong = changeUnit(scale);
    const title = this.title();
    const custom = changeMap(r.values, r.classes, {
      title,
      valueLabel: unitLong ? `${title}${t('unit.in', { unit: unitLong })}` : title,
      unit: changeUnitShort(scale),
      reverse: m.reverse,
      highContrast: presenter.highContrast,
    });
    custom.disclosure = { status: r.status, marks: r.marks };
    await m.showCustom(m.layer, custom);
  }

  async setActive(on: boolean): Promise<void> {
    this.active = on;
    if (on) await this.show();
    else if (this.map.custom?.owner === YEAR_COMPARE) await this.map.clearCustom();
  }
}

const instances = new WeakMap<AppState, YearCompareState>();

/** The year comparison of this app. */
export function yearCompareState(app: AppState, map: MapState): YearCompareState {
  let s = instances.get(app);
  if (!s) instances.set(app, (s = new YearCompareState(app, map)));
  return s;
}
