/**
 * The scenario's service points for drawing on the map (lon/lat only; the engine applies the
 * same edits for the analyses, with projection). Returns the status quo unchanged when there
 * are no edits, plus the ids touched by the scenario for highlighting.
 */
import type { PointSet, ScenarioEdit } from '../contract/services';

export function applyScenarioPreview(ps: PointSet, edits: ScenarioEdit[] | undefined): PointSet & { edited: Set<string> } {
  const edited = new Set<string>();
  if (!edits?.length) return { ...ps, edited };
  const ids = ps.ids.slice(), names = ps.names.slice(), cats = ps.categories.slice(), tgs = ps.targets.slice();
  const lon = Array.from(ps.lon), lat = Array.from(ps.lat), vals = Array.from(ps.values), rows = Array.from(ps.rows);
  const removed = new Set<number>();
  for (const e of edits) {
    if (e.op === 'add') {
      ids.push(e.id);
      names.push(e.name);
      cats.push(e.category);
      tgs.push('');
      lon.push(e.lon);
      lat.push(e.lat);
      vals.push(e.capacity);
      rows.push(0);
      edited.add(e.id);
      continue;
    }
    const i = ids.indexOf(e.id);
    if (i < 0 || removed.has(i)) continue;
    edited.add(e.id);
    if (e.op === 'remove') removed.add(i);
    else if (e.op === 'move') {
      lon[i] = e.lon;
      lat[i] = e.lat;
    } else vals[i] = e.capacity;
  }
  const keep = ids.map((_, i) => i).filter((i) => !removed.has(i));
  const pick = <T>(a: T[]) => keep.map((i) => a[i]);
  return {
    ...ps,
    ids: pick(ids), names: pick(names), categories: pick(cats), targets: pick(tgs),
    lon: Float64Array.from(pick(lon)), lat: Float64Array.from(pick(lat)), values: Float64Array.from(pick(vals)), rows: Int32Array.from(pick(rows)),
    x: new Float64Array(keep.length).fill(NaN), y: new Float64Array(keep.length).fill(NaN),
    edited,
  };
}
