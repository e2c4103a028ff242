/**
 * Exercises for courses (issue 13): a task card with a question about the Musterstadt demo and a
 * check of the answer. The right answer is never written down here: `solve` computes it from the
 * open demo data through the same engine calls the workspaces use, so the check stays right when
 * the demo data change. The checks themselves are pure and unit-tested.
 */
import type { AppState } from '../state/app.svelte';
import type { MapState } from '../state/map.svelte';
import { demoJoin } from '../state/demoControl';
import { appError } from '../contract/errors';

/** An area as the card offers it. */
export interface AreaOption {
  index: number;
  id: string;
  name: string;
}

export type Solution = { kind: 'areas'; areas: AreaOption[]; values: number[] } | { kind: 'number'; value: number };

export interface Exercise {
  id: string;
  kind: 'areas' | 'number';
  /** areas to name (kind 'areas') */
  count?: number;
  /** accepted absolute deviation (kind 'number') */
  tolerance?: number;
  /** decimals of the number shown in the solution */
  digits?: number;
  /** computes the answer from the open demo */
  solve(app: AppState, map: MapState): Promise<Solution>;
}

export interface AreaCheck {
  ok: boolean;
  hits: number;
  /** chosen areas that are not in the answer */
  wrong: string[];
}

/** Compare the chosen area ids with the right ones (order does not matter, duplicates count once). */
export function checkAreas(chosen: readonly string[], correct: readonly string[]): AreaCheck {
  const want = new Set(correct);
  const got = [...new Set(chosen.filter((x) => x !== ''))];
  const hits = got.filter((x) => want.has(x)).length;
  return { ok: hits === want.size && got.length === want.size, hits, wrong: got.filter((x) => !want.has(x)) };
}

/**
 * Parse a number as a planner types it (German „0,32“, English "0.32", with a % sign or spaces)
 * and compare it with `target` ± `tolerance`. Unparseable input is never right.
 */
export function checkNumber(input: string, target: number, tolerance: number): { ok: boolean; value: number | null } {
  const s = input.trim().replace(/\s|%/g, '').replace('−', '-');
  // a lone comma is a decimal comma; "1.234,5" has thousands dots
  const norm = s.includes(',') ? s.replace(/\./g, '').replace(',', '.') : s;
  const value = /^[-+]?\d*\.?\d+$/.test(norm) ? Number(norm) : NaN;
  if (!Number.isFinite(value)) return { ok: false, value: null };
  return { ok: Math.abs(value - target) <= tolerance + 1e-12, value };
}

/** The k largest values as area options (ties broken by row order). */
export function topAreas(values: Float64Array, ids: string[], names: string[], k: number): { areas: AreaOption[]; values: number[] } {
  const idx = Array.from(values, (_, i) => i).filter((i) => Number.isFinite(values[i]));
  idx.sort((a, b) => values[b] - values[a] || a - b);
  const pick = idx.slice(0, k);
  return { areas: pick.map((i) => ({ index: i, id: ids[i], name: names[i] })), values: pick.map((i) => values[i]) };
}

function needJoin(app: AppState) {
  const j = demoJoin(app);
  if (!j) throw appError('exercise.needDemo');
  // a plain copy: reactive proxies cannot cross to the worker
  return { ...j };
}

async function latestYear(app: AppState): Promise<string | undefined> {
  const j = needJoin(app);
  return j.yearColumn ? (await app.engine.distinct(j.table, j.yearColumn)).at(-1) : undefined;
}

const SGB2_RATE = { column: 'SGB2', denominator: 'EW_U65', scale: 100 };

export const EXERCISES: readonly Exercise[] = [
  {
    id: 'top3',
    kind: 'areas',
    count: 3,
    async solve(app, map) {
      const j = needJoin(app);
      // the values the map shows: the same level and disclosure path as the plain map
      const level = map.levels.request({ layer: j.layer, join: j, value: SGB2_RATE, year: await latestYear(app), populationColumns: [] });
      const r = await app.engine.levelChoropleth(level, 'quantile', 5);
      return { kind: 'areas', ...topAreas(r.values, r.ids, r.names, 3) };
    },
  },
  {
    id: 'rise',
    kind: 'areas',
    count: 1,
    async solve(app, map) {
      const j = needJoin(app);
      const years = j.yearColumn ? await app.engine.distinct(j.table, j.yearColumn) : [];
      if (years.length < 2) throw appError('exercise.oneYear');
      const level = map.levels.request({ layer: j.layer, join: j, value: SGB2_RATE, populationColumns: [] });
      const r = await app.engine.valueChange({ level, from: years[0], to: years[years.length - 1], k: 5 });
      return { kind: 'areas', ...topAreas(r.values, r.ids, r.names, 1) };
    },
  },
  {
    id: 'dissimilarity',
    kind: 'number',
    tolerance: 0.005,
    digits: 3,
    async solve(app) {
      const j = needJoin(app);
      // the workspace's preset: SGB-II recipients against the other residents under 65, areas ≥ 500
      const r = await app.engine.segregation({ source: j, year: await latestYear(app), groups: ['SGB2'], total: 'EW_U65', minPopulation: 500, atkinsonB: 0.5, permutations: 0, seed: 1, trend: false });
      const d = r.single[0]?.rows.find((x) => x.key === 'dissimilarity')?.value;
      if (d === undefined) throw appError('exercise.noResult');
      return { kind: 'number', value: d };
    },
  },
  {
    id: 'hotspots',
    kind: 'number',
    tolerance: 0,
    digits: 0,
    async solve(app) {
      const j = needJoin(app);
      const m = await app.engine.moran({ source: j, year: await latestYear(app), ...SGB2_RATE, weights: { type: 'queen' }, permutations: 0, seed: 1, alpha: 0.05, fdr: false });
      let n = 0;
      for (let i = 0; i < m.gz.length; i++) if (m.gz[i] > 0 && m.gp[i] <= 0.05) n++;
      return { kind: 'number', value: n };
    },
  },
];

export function exerciseById(id: string): Exercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}
