/**
 * Point tables (services, address points, Zensus cells) → {@link PointSet}: ids, labels,
 * capacity or population, and coordinates in EPSG:25832 and WGS84. Coordinates come from x/y
 * columns (CRS chosen or detected) or from the table's point geometry. Rows without usable
 * coordinates are listed with their reason, never dropped silently.
 */
import { coordProblem, fitsGuess, guessPointCrs } from '../analysis/pointCoords';
import { GEOM_COL } from '../ingest/types';
import { parseNumber, isMissing } from '../ingest/numbers';
import { qi } from '../sql/ident';
import { lonLatToMetric, metricToLonLat, reproject, METRIC_CRS } from '../geo/utm';
import { normaliseCrs } from '../geo/crs';
import type { Engine } from './engine';
import type { TableMeta } from '../contract/catalog';
import { appError, invalid } from '../contract/errors';
import type { PointSet, PointSpec, RowIssue, RowReason, ScenarioEdit } from '../contract/services';

const memo = new WeakMap<Engine, Map<string, PointSet>>();

/** The column must exist in the table (German error listing the columns otherwise). */
export function requireColumn(meta: TableMeta, col: string | undefined): void {
  if (col === undefined) return;
  if (!meta.columns.some((c) => c.name === col))
    throw appError('svc.column_missing', { column: col, table: meta.label, columns: meta.columns.filter((c) => c.name !== GEOM_COL).map((c) => c.name).join(', ') });
}

type Cell = string | number | boolean | null | undefined;

/** A numeric cell: numbers as they are, text parsed in the table's number format. */
function toNumber(v: Cell, decimal: ',' | '.'): { value: number; text: boolean } {
  if (v === null || v === undefined) return { value: NaN, text: false };
  if (typeof v === 'number') return { value: v, text: false };
  if (typeof v === 'bigint') return { value: Number(v), text: false };
  const s = String(v);
  if (isMissing(s)) return { value: NaN, text: false };
  const p = parseNumber(s, { decimal, thousands: decimal === ',' ? '.' : ',' }) ?? parseNumber(s, { decimal: decimal === ',' ? '.' : ',', thousands: '' });
  return p ? { value: p.value, text: false } : { value: NaN, text: true };
}

function pointOf(geom: Cell): [number, number] | RowReason {
  if (geom === null || geom === undefined || geom === '') return 'missing';
  try {
    const g = JSON.parse(String(geom)) as { type?: string; coordinates?: unknown };
    if (g?.type === 'Point' && Array.isArray(g.coordinates)) return [Number(g.coordinates[0]), Number(g.coordinates[1])];
    if (g?.type === 'MultiPoint' && Array.isArray(g.coordinates) && Array.isArray(g.coordinates[0])) return [Number(g.coordinates[0][0]), Number(g.coordinates[0][1])];
  } catch {
    return 'not_numeric';
  }
  return 'no_point';
}

/** Options of {@link pointSet}. */
export interface PointSetOptions {
  /** the numeric column read into `values` and how its problems are named */
  valueColumn?: string;
  valueKind?: 'capacity' | 'population';
  /** duplicate ids: an error (CLI) or renamed „id#row“ with a warning (UI) */
  duplicates?: 'error' | 'rename';
  /** false: a table without coordinates is accepted (cost tables need only ids) */
  needCoordinates?: boolean;
}

/** Reads a point table (memoised per table version and spec). */
export function pointSet(engine: Engine, spec: PointSpec, o: PointSetOptions = {}): PointSet {
  const meta = engine.table(spec.table);
  // the table's version changes on every import, replace or rename: stale point sets are never hit
  const key = `${engine.versionKey(spec.table)}|${JSON.stringify([spec, o])}`;
  let m = memo.get(engine);
  if (!m) memo.set(engine, (m = new Map()));
  let ps = m.get(key);
  if (!ps) {
    ps = readPoints(engine, meta, spec, o);
    m.set(key, ps);
  }
  return ps;
}

function readPoints(engine: Engine, meta: TableMeta, spec: PointSpec, o: PointSetOptions): PointSet {
  const valueCol = o.valueColumn;
  for (const c of [spec.id, spec.name, spec.category, spec.target, valueCol, spec.x, spec.y]) requireColumn(meta, c);
  const useXY = !!(spec.x && spec.y);
  const noCoords = !useXY && !meta.hasGeometry;
  if (noCoords && o.needCoordinates !== false) throw appError('svc.no_coordinates', { table: meta.label });
  const text = (c: string | undefined, as: string) => (c ? `CAST(${qi(c)} AS VARCHAR) AS ${as}` : `NULL AS ${as}`);
  const raw = (c: string | undefined, as: string) => (c ? `${qi(c)} AS ${as}` : `NULL AS ${as}`);
  const sql = `SELECT ${[
    text(spec.id, 'id'), text(spec.name, 'nm'), text(spec.category, 'cat'), text(spec.target, 'tg'), raw(valueCol, 'val'),
    useXY ? `${qi(spec.x!)} AS x, ${qi(spec.y!)} AS y, CAST(${qi(spec.x!)} AS VARCHAR) AS xs, CAST(${qi(spec.y!)} AS VARCHAR) AS ys` : noCoords ? 'NULL AS g' : `${qi(GEOM_COL)} AS g`,
  ].join(', ')} FROM ${qi(meta.name)} ORDER BY rowid`;
  const tbl = engine.duck.query(sql);
  const n = tbl.numRows;
  const col = (k: string) => tbl.getChild(k);
  const get = (k: string, i: number) => col(k)?.get(i) as Cell;
  const decimal = meta.detected?.decimal ?? ',';

  // coordinates as parsed numbers (NaN for missing/text) plus the raw-missing flag
  const rx = new Float64Array(n), ry = new Float64Array(n);
  const pre: (RowReason | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    if (noCoords) {
      rx[i] = ry[i] = NaN;
      continue;
    }
    if (useXY) {
      const xm = isMissing(get('xs', i) as string | null), ym = isMissing(get('ys', i) as string | null);
      if (xm || ym) {
        pre[i] = 'missing';
        rx[i] = ry[i] = NaN;
        continue;
      }
      const a = toNumber(get('x', i), decimal), b = toNumber(get('y', i), decimal);
      rx[i] = a.value;
      ry[i] = b.value;
      if (!Number.isFinite(a.value) || !Number.isFinite(b.value)) pre[i] = 'not_numeric';
    } else {
      const p = pointOf(get('g', i));
      if (typeof p === 'string') {
        pre[i] = p;
        rx[i] = ry[i] = NaN;
      } else [rx[i], ry[i]] = p;
    }
  }
  // geometry columns are WGS84 after import; x/y columns in the chosen or detected CRS
  let crs = useXY ? (spec.crs ? normaliseCrs(spec.crs) : '') : 'EPSG:4326';
  const guess = guessPointCrs(rx, ry, crs || undefined);
  const crsDetected = useXY && !spec.crs;
  if (!crs && noCoords) crs = METRIC_CRS;
  if (!crs) {
    if (!guess.crs) throw appError('svc.crs_unknown', { table: meta.label, x: spec.x!, y: spec.y! });
    crs = guess.crs;
  }
  const variant = guess.crs === crs ? guess : { crs, swapped: false, xOffset: 0 };
  const fits = (x: number, y: number) => fitsGuess(variant, x, y);

  const skipped: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const keep: number[] = [];
  const ids: string[] = [], names: string[] = [], cats: string[] = [], tgs: string[] = [];
  const seen = new Map<string, number>();
  const catCount = new Map<string, number>();
  const filter = spec.categories?.length ? new Set(spec.categories) : null;
  const valueKind = o.valueKind ?? 'capacity';
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = i + 1;
    const rawId = spec.id ? ((get('id', i) as string | null) ?? '') : String(row);
    const cat = spec.category ? ((get('cat', i) as string | null) ?? '') : '';
    catCount.set(cat, (catCount.get(cat) ?? 0) + 1);
    const problem = noCoords ? null : (pre[i] ?? coordProblem(rx[i], ry[i], false, fits));
    if (problem) {
      skipped.push({ row, id: spec.id ? rawId : undefined, reason: problem, value: useXY ? `${get('xs', i) ?? ''} / ${get('ys', i) ?? ''}` : undefined });
      continue;
    }
    if (filter && !filter.has(cat)) continue;
    let id = rawId;
    if (spec.id) {
      if (rawId === '' || seen.has(rawId)) {
        const issue: RowIssue = { row, id: rawId, reason: 'duplicate_id' };
        if (o.duplicates === 'error') {
          const first = seen.get(rawId);
          const params = { id: rawId, table: meta.label, column: spec.id, rows: first ? `${first}, ${row}` : String(row) };
          throw rawId === '' ? appError('svc.id_empty', params) : appError('svc.id_duplicate', params);
        }
        warnings.push(issue);
        id = `${rawId}#${row}`;
      }
      seen.set(rawId, row);
    }
    let v = NaN;
    if (valueCol) {
      const cell = get('val', i);
      const p = toNumber(cell, decimal);
      if (p.text) warnings.push({ row, id, reason: valueKind === 'capacity' ? 'capacity_text' : 'population_text', value: String(cell) });
      else if (p.value < 0) warnings.push({ row, id, reason: valueKind === 'capacity' ? 'capacity_negative' : 'population_negative', value: String(cell) });
      else if (Number.isNaN(p.value)) {
        if (valueKind === 'capacity') warnings.push({ row, id, reason: 'capacity_missing' });
      } else v = p.value;
    }
    keep.push(i);
    ids.push(id);
    names.push(spec.name ? ((get('nm', i) as string | null) ?? id) : id);
    cats.push(cat);
    tgs.push(spec.target ? ((get('tg', i) as string | null) ?? '') : '');
    values.push(v);
  }
  const sx = Float64Array.from(keep, (i) => (variant.swapped ? ry[i] : rx[i]) - variant.xOffset);
  const sy = Float64Array.from(keep, (i) => (variant.swapped ? rx[i] : ry[i]));
  const metric = crs === METRIC_CRS ? { x: sx, y: sy } : crs === 'EPSG:4326' ? lonLatToMetric(sx, sy) : reproject(crs, METRIC_CRS)(sx, sy);
  const geo = crs === 'EPSG:4326' ? { x: sx, y: sy } : metricToLonLat(metric.x, metric.y);
  return {
    table: meta.name,
    ids, names, categories: cats, targets: tgs,
    values: Float64Array.from(values),
    x: metric.x, y: metric.y, lon: geo.x, lat: geo.y,
    rows: Int32Array.from(keep, (i) => i + 1),
    crs, crsDetected, swapped: variant.swapped,
    skipped, warnings, total: n,
    categoryCounts: [...catCount].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
  };
}

/** Pre-import look at a point table: guessed columns and CRS (for the workspace's form). */
export function guessCrsOf(engine: Engine, table: string, x: string, y: string): { crs: string | null; swapped: boolean; prefixed: boolean; fitting: number; numeric: number } {
  const meta = engine.table(table);
  requireColumn(meta, x);
  requireColumn(meta, y);
  const t = engine.duck.query(`SELECT ${qi(x)} AS x, ${qi(y)} AS y FROM ${qi(meta.name)} LIMIT 5000`);
  const decimal = meta.detected?.decimal ?? ',';
  const xs = Float64Array.from({ length: t.numRows }, (_, i) => toNumber(t.getChild('x')?.get(i) as Cell, decimal).value);
  const ys = Float64Array.from({ length: t.numRows }, (_, i) => toNumber(t.getChild('y')?.get(i) as Cell, decimal).value);
  const g = guessPointCrs(xs, ys);
  return { crs: g.crs, swapped: g.swapped, prefixed: g.xOffset !== 0, fitting: g.fitting, numeric: g.numeric };
}

/**
 * Applies a scenario to a point set (pure; the input is not changed): add, move, remove, change
 * capacity. Unknown ids are reported as warnings with the edit's position.
 */
export function applyScenario(ps: PointSet, edits: ScenarioEdit[] | undefined): { points: PointSet; unknown: string[] } {
  if (!edits?.length) return { points: ps, unknown: [] };
  const idx = new Map(ps.ids.map((id, i) => [id, i]));
  type P = { id: string; name: string; cat: string; tg: string; v: number; lon: number; lat: number; row: number; removed: boolean };
  const list: P[] = ps.ids.map((id, i) => ({ id, name: ps.names[i], cat: ps.categories[i], tg: ps.targets[i], v: ps.values[i], lon: ps.lon[i], lat: ps.lat[i], row: ps.rows[i], removed: false }));
  const unknown: string[] = [];
  for (const e of edits) {
    if (e.op === 'add') {
      idx.set(e.id, list.length);
      list.push({ id: e.id, name: e.name, cat: e.category, tg: '', v: e.capacity, lon: e.lon, lat: e.lat, row: 0, removed: false });
      continue;
    }
    const i = idx.get(e.id);
    if (i === undefined || list[i].removed) {
      unknown.push(e.id);
      continue;
    }
    if (e.op === 'remove') list[i].removed = true;
    else if (e.op === 'move') Object.assign(list[i], { lon: e.lon, lat: e.lat });
    else list[i].v = e.capacity;
  }
  const kept = list.filter((p) => !p.removed);
  const lon = Float64Array.from(kept, (p) => p.lon), lat = Float64Array.from(kept, (p) => p.lat);
  const metric = lonLatToMetric(lon, lat);
  return {
    points: {
      ...ps,
      ids: kept.map((p) => p.id), names: kept.map((p) => p.name), categories: kept.map((p) => p.cat), targets: kept.map((p) => p.tg),
      values: Float64Array.from(kept, (p) => p.v), lon, lat, x: metric.x, y: metric.y, rows: Int32Array.from(kept, (p) => p.row),
    },
    unknown,
  };
}
