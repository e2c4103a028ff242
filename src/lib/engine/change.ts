/**
 * Year comparison for any indicator on the plain map (issue 13): the map's value (a column or a
 * rate numerator / denominator × scale) on the map's level for two years — through the same
 * level and disclosure path as the plain map (`levelSeries`, issue 12), so a value hidden in
 * either year hides its change too — their difference per area and symmetric diverging classes.
 * For a rate the difference is in percentage points (scale 100) or per-mille points (scale 1000).
 */
import type { Engine } from './engine';
import { levelSeries } from './levels';
import type { LevelRequest, LevelValues } from '../contract/levels';
import type { DisclosureStatus } from '../analysis/disclosure';
import type { SuppressionMark } from '../analysis/applyDisclosure';
import type { Classification } from '../analysis/classify';
import { changeValues, classifyChange } from '../analysis/change';
import { appError } from '../contract/errors';

export interface ChangeRequest {
  /** the plain map's request; its `year` is ignored */
  level: LevelRequest;
  from: string;
  to: string;
  /** classes, 3…9 */
  k: number;
}

export interface ChangeResponse {
  ids: string[];
  names: string[];
  /** change per area (to − from); NaN where a year has no value or a value is hidden */
  values: Float64Array;
  fromValues: Float64Array;
  toValues: Float64Array;
  classes: Classification & { zeroClass: number };
  /** why an area has no change: its value is hidden (or unreliable) in either year — the stronger reason wins */
  status: DisclosureStatus[];
  marks: SuppressionMark[];
}

const RANK: Record<DisclosureStatus, number> = { secret: 4, secondary: 3, unreliable: 2, missing: 1, zero: 0, ok: 0 };

/** Per area the status of the year that hides its value (secret before secondary before unreliable). */
export function changeStatus(a: Pick<LevelValues, 'status' | 'marks'>, b: Pick<LevelValues, 'status' | 'marks'>): { status: DisclosureStatus[]; marks: SuppressionMark[] } {
  const status: DisclosureStatus[] = [];
  const marks: SuppressionMark[] = [];
  a.status.forEach((sa, i) => {
    const sb = b.status[i];
    const [s, m] = RANK[sa] >= RANK[sb] ? [sa, a.marks[i]] : [sb, b.marks[i]];
    status.push(RANK[s] >= 2 ? s : 'ok');
    marks.push(RANK[s] >= 2 ? m : null);
  });
  return { status, marks };
}

/** Values of both years on the map's level, their change and classes. @throws code `compare.noYear` without a year column */
export function valueChange(engine: Engine, r: ChangeRequest): ChangeResponse {
  if (!r.level.join?.yearColumn) throw appError('compare.noYear');
  const at = (year: string) => {
    const s = levelSeries(engine, { ...r.level, year });
    return s.levels[s.at];
  };
  const a = at(r.from);
  const b = at(r.to);
  const values = changeValues(a.values, b.values);
  return { ids: b.ids, names: b.names, values, fromValues: a.values, toValues: b.values, classes: classifyChange(values, r.k), ...changeStatus(a, b) };
}
