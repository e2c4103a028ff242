import type { AppState } from './app.svelte';
import type { JoinSpecInput } from '../contract';
import type { ValueSource } from '../contract';
import { isNumeric } from '../engine/describe';

/** A data source choice for the segregation and spatial workspaces: a join, or a layer's own columns. */
export interface SourceOption {
  value: string;
  layer: string;
  join: JoinSpecInput | null;
}

/** Which data feeds an analysis: layer (or a table joined to it) and the year. */
export class SourceState {
  key = $state('');
  years = $state<string[]>([]);
  year = $state<string>('');

  constructor(private app: AppState) {}

  options(): SourceOption[] {
    return [
      ...this.app.joins.map((j) => ({ value: `j:${j.table}|${j.layer}`, layer: j.layer, join: j })),
      ...this.app.layers.filter((l) => l.geometryType !== 'point' && l.geometryType !== 'none').map((l) => ({ value: `l:${l.table}`, layer: l.table, join: null })),
    ];
  }

  label(o: SourceOption, own: (layer: string) => string): string {
    const name = (t: string) => this.app.table(t)?.label ?? t;
    return o.join ? `${name(o.join.table)} → ${name(o.join.layer)}` : own(name(o.layer));
  }

  current(): SourceOption | undefined {
    return this.options().find((o) => o.value === this.key);
  }

  /** Picks the first join (the demo's indicator table) when nothing is chosen yet. */
  async ensure(): Promise<void> {
    if (!this.current()) await this.choose(this.options()[0]?.value ?? '');
  }

  async choose(key: string): Promise<void> {
    this.key = key;
    const o = this.current();
    const yc = o?.join?.yearColumn;
    this.years = o && yc ? await this.app.engine.distinct(o.join!.table, yc) : [];
    if (!this.years.includes(this.year)) this.year = this.years.at(-1) ?? '';
  }

  /** The source as plain data for the worker ($state proxies cannot be cloned). */
  source(): ValueSource | null {
    const o = this.current();
    if (!o) return null;
    return o.join ? $state.snapshot(o.join) : { layer: o.layer };
  }

  layer(): string | null {
    return this.current()?.layer ?? null;
  }

  /** Numeric columns of the source table (the year column left out). */
  columns(): string[] {
    const o = this.current();
    if (!o) return [];
    const t = this.app.table(o.join?.table ?? o.layer);
    return t ? t.columns.filter(isNumeric).map((c) => c.name).filter((c) => c !== o.join?.yearColumn) : [];
  }

  /** First column whose name matches one of the patterns, in order. */
  guess(...patterns: RegExp[]): string | undefined {
    const cols = this.columns();
    for (const p of patterns) {
      const c = cols.find((x) => p.test(x));
      if (c) return c;
    }
    return undefined;
  }
}
