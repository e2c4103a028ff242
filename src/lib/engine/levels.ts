/**
 * Area layers as levels (Sozialraum → Gemeinde → gesamt) and every indicator on every level with
 * disclosure control: the engine side of the map, tooltips, tables and the Gemeinde view.
 * The chain follows each layer's `parentLayer`; a layer is linked to its parent by its parent key
 * column or, without one, by geometry (see analysis/nesting.ts).
 */
import type { Engine } from './engine';
import type { JoinSpecInput, LayerMeta, TableMeta } from '../contract/catalog';
import type { LayerLink, LevelRequest, LevelSeries, LevelValues } from '../contract/levels';
import { totalKind } from '../contract/levels';
import { qi } from '../sql/ident';
import { layerKeyExpr, tableKeyExpr } from '../sql/join';
import { GEOM_COL } from '../ingest/types';
import { parseGeometry } from '../analysis/geometry-rings';
import { linkByGeometry, linkByKey, type GeometryLink, type KeyLink } from '../analysis/nesting';
import { aggregationSupport, sumUp, type Level } from '../analysis/aggregate';
import { applyDisclosure, secretUp, tableRelations, type ColumnSum, type DisclosureResult, type DisclosureTableSpec, type RateSpec, type SuppressionMark } from '../analysis/applyDisclosure';
import type { DisclosureStatus } from '../analysis/disclosure';
import { detectColumnSums, guessRole, type ColumnRole } from '../analysis/columnRoles';
import { levelsError } from './levels-errors';
import { isHidden, protectCells } from '../analysis/suppression';

/**
 * One suppression pattern valid for every year at once (METHODS §8: tables of several years
 * published together): primary cells of any year, secondary cells chosen on the values summed over
 * the years. The relations are the same in every year, so the pattern protects each of them.
 */
function commonPattern(specs: DisclosureTableSpec[], minCount: number): { column: string; level: number; area: number }[] {
  const { relations, cell, nCells } = tableRelations(specs[0]);
  const sum = new Float64Array(nCells);
  const primary = new Set<number>();
  const fixed: number[] = [];
  const where: { column: string; level: number; area: number }[] = new Array(nCells);
  for (const sp of specs) {
    sp.counts.forEach((c, ci) => c.values.forEach((v, L) => {
      for (let a = 0; a < v.length; a++) {
        const k = cell(ci, L, a);
        where[k] = { column: c.name, level: L, area: a };
        if (c.protect === false) fixed.push(k);
        else if ((v[a] > 0 && v[a] < minCount) || c.secret?.[L][a]) primary.add(k);
        if (!Number.isNaN(v[a])) sum[k] += v[a];
      }
    }));
  }
  // minCount 0: only the union of the years' primary cells is primary, not small sums
  const p = protectCells(sum, relations, { minCount: 0, primary, fixed });
  return where.filter((_, k) => isHidden(p.status[k]));
}

const memo = new WeakMap<Engine, Map<string, LayerLink>>();

function ids(e: Engine, layer: LayerMeta, column = layer.idColumn): string[] {
  const v = e.duck.query(`SELECT CAST(${qi(column)} AS VARCHAR) AS v FROM ${qi(layer.table)} ORDER BY rowid`).getChild('v')!;
  return Array.from({ length: v.length }, (_, i) => String(v.get(i) ?? '').trim());
}

/** Link of a layer to its parent layer (memoised per version of both layers: a re-import or a new parent rebuilds it). */
export function layerLink(e: Engine, child: string): LayerLink | null {
  const c = e.layer(child);
  if (!c.parentLayer) return null;
  const p = e.layer(c.parentLayer);
  let m = memo.get(e);
  if (!m) memo.set(e, (m = new Map()));
  const key = e.versionKey(c.table, p.table);
  const hit = m.get(key);
  if (hit) return hit;
  const cIds = ids(e, c);
  const pIds = ids(e, p);
  let raw: KeyLink | GeometryLink;
  let by: LayerLink['by'];
  if (c.parentColumn) {
    raw = linkByKey(ids(e, c, c.parentColumn), pIds);
    by = 'key';
  } else {
    const geoms = (l: LayerMeta) => e.geometries(l.table).map((g) => (l.geometryType === 'polygon' || l.geometryType === 'mixed' ? safeParse(g) : []));
    raw = linkByGeometry(geoms(c), geoms(p));
    by = 'geometry';
  }
  const g = raw as Partial<GeometryLink>;
  const link: LayerLink = {
    child: c.table,
    parent: p.table,
    by,
    parentIndex: raw.parent,
    unknown: raw.unknown.map((u) => ({ id: cIds[u.child], key: u.key })),
    noParent: [...raw.noKey, ...(g.outside ?? [])].map((i) => cIds[i]),
    childless: raw.childless.map((i) => pIds[i]),
    notNested: (g.notNested ?? []).map((x) => ({ id: cIds[x.child], parts: x.parts.map((q) => ({ id: pIds[q.parent], share: q.share })) })),
  };
  m.set(key, link);
  return link;
}

function safeParse(g: string) {
  try {
    return parseGeometry(g);
  } catch {
    return [];
  }
}

/** The layer and its ancestors, finest first (stops at a cycle). */
export function layerChain(e: Engine, layer: string): string[] {
  const chain = [layer];
  let l = e.layer(layer);
  while (l.parentLayer && !chain.includes(l.parentLayer)) {
    chain.push(l.parentLayer);
    l = e.layer(l.parentLayer);
  }
  return chain;
}

/**
 * Numeric columns of a source by row of the finest layer: NaN where missing; `secret[i]` flags the
 * rows whose value the source kept secret (NaN in the table, „·“ on import), null for a column without.
 */
export type SourceColumns = Float64Array[] & { secret?: (Uint8Array | null)[] };

/** Numeric columns of the source, by row of the finest layer, for the given years. */
function readSource(e: Engine, finest: LayerMeta, join: JoinSpecInput | null, columns: string[], year: string | undefined): SourceColumns {
  const sel = columns.flatMap((c, i) => [`avg(TRY_CAST(${qi(c)} AS DOUBLE)) AS c${i}`, `bool_or(isnan(TRY_CAST(${qi(c)} AS DOUBLE))) AS s${i}`]);
  let sql: string;
  if (!join || join.table === finest.table) {
    sql = `SELECT rowid AS r, ${sel.join(', ')} FROM ${qi(finest.table)} GROUP BY rowid ORDER BY rowid`;
  } else {
    const yf = join.yearColumn && year !== undefined ? `WHERE CAST(${qi(join.yearColumn)} AS VARCHAR) = '${year.replaceAll("'", "''")}'` : '';
    const cols = columns.map((_, i) => `t.c${i}, t.s${i}`).join(', ');
    sql = `WITH t AS (SELECT ${tableKeyExpr(join)} AS k, ${sel.join(', ')} FROM ${qi(join.table)} ${yf} GROUP BY 1)
SELECT l.rowid AS r, ${cols} FROM ${qi(finest.table)} AS l LEFT JOIN t ON t.k = ${layerKeyExpr(join, finest.idColumn, 'l')} ORDER BY l.rowid`;
  }
  const res = e.duck.query(sql);
  const out: SourceColumns = columns.map((_, i) => {
    const v = res.getChild(`c${i}`)!;
    return Float64Array.from({ length: res.numRows }, (_, r) => {
      const x = v.get(r) as number | null;
      return x === null ? NaN : Number(x);
    });
  });
  out.secret = columns.map((_, i) => {
    const s = res.getChild(`s${i}`)!;
    const f = Uint8Array.from({ length: res.numRows }, (_, r) => (s.get(r) ? 1 : 0));
    return f.includes(1) ? f : null;
  });
  return out;
}

/** Numeric columns of a table with the values of one year (for guessing roles and sums). */
function numericColumns(t: TableMeta, exclude: (string | undefined)[]): string[] {
  return t.columns
    .filter((c) => c.name !== GEOM_COL && /DOUBLE|INT|DECIMAL|FLOAT|REAL|NUMERIC|HUGEINT/i.test(c.type))
    .map((c) => c.name)
    .filter((c) => !exclude.includes(c));
}

/**
 * The protected table of a source (METHODS §6, §8): every count column of the table on every level
 * of the layer chain (finest → … → „gesamt“), with the column roles and the column sums. The map,
 * the Gemeinde view, reports and exports build their disclosure on it, so they share one pattern.
 */
export interface SourceTable {
  chain: string[];
  layers: LayerMeta[];
  links: LayerLink[];
  levels: Level[];
  numeric: string[];
  /** distinct years of the source (`[undefined]` without a year column) */
  years: (string | undefined)[];
  roles: Record<string, ColumnRole>;
  /** count and area columns (summed up the levels) */
  additive: string[];
  sums: ColumnSum[];
  /** the numeric columns by row of the finest layer for one year */
  read(year: string | undefined): SourceColumns;
  spec(cols: SourceColumns): DisclosureTableSpec;
}

/** The {@link SourceTable} of `join` (or the finest layer's own columns); roles guessed on `guessYear`'s data. */
export function sourceTable(e: Engine, finestName: string, join: JoinSpecInput | null, o: { roles?: Record<string, ColumnRole>; sums?: ColumnSum[]; guessYear?: string } = {}): SourceTable & { data: SourceColumns; year: string | undefined } {
  const chain = layerChain(e, finestName);
  const layers = chain.map((c) => e.layer(c));
  const links = chain.slice(0, -1).map((c) => layerLink(e, c)!);
  const source = e.table(join?.table ?? finestName);
  const numeric = numericColumns(source, [join?.yearColumn, join?.key, layers[0].idColumn]);
  const years = join?.yearColumn ? e.distinct(source.name, join.yearColumn) : [undefined];
  const year = join?.yearColumn ? (o.guessYear ?? years.at(-1)) : undefined;
  const read = (y: string | undefined) => readSource(e, layers[0], join, numeric, y);
  const data = read(year);
  const roles: Record<string, ColumnRole> = {};
  numeric.forEach((c, i) => (roles[c] = o.roles?.[c] ?? guessRole(c, data[i])));
  const additive = numeric.filter((c) => roles[c] === 'count' || roles[c] === 'area');
  const sums = o.sums ?? detectColumnSums(Object.fromEntries(additive.filter((c) => roles[c] === 'count').map((c) => [c, data[numeric.indexOf(c)]])));
  const levels: Level[] = layers.map((l, j) => ({ ids: ids(e, l), parent: links[j]?.parentIndex ?? new Int32Array(l.features).fill(0) }));
  levels.push({ ids: ['gesamt'], parent: null });
  const spec = (cols: SourceColumns): DisclosureTableSpec => ({
    levels,
    counts: additive.map((c) => {
      const i = numeric.indexOf(c);
      const secret = cols.secret?.[i];
      return { name: c, values: sumUp(cols[i], levels), protect: roles[c] === 'count', ...(secret ? { secret: secretUp(secret, levels) } : {}) };
    }),
    sums,
  });
  return { chain, layers, links, levels, numeric, years, roles, additive, sums, read, spec, data, year };
}

/**
 * Disclosure of a source table in several years at once, with rates; with `sameAcrossYears` (and
 * more than one year in the source) one pattern for all of them (METHODS §8). `data` of a year
 * already read can be passed in `known`.
 */
export function disclosedYears(t: SourceTable, years: (string | undefined)[], rates: RateSpec[], disclosure: LevelRequest['disclosure'], known = new Map<string | undefined, SourceColumns>()): DisclosureResult[] {
  const dataOf = (y: string | undefined) => {
    let d = known.get(y);
    if (!d) known.set(y, (d = t.read(y)));
    return d;
  };
  const forced = disclosure.enabled !== false && disclosure.sameAcrossYears && t.years.length > 1
    ? commonPattern(t.years.map((y) => t.spec(dataOf(y))), disclosure.minCount ?? 3)
    : [];
  return years.map((y) => applyDisclosure({ ...t.spec(dataOf(y)), rates }, { ...disclosure, forced }));
}

/**
 * The value of `req.value` on every level of the layer chain, disclosed (METHODS §6, §8). Counts of
 * the whole source table form one protected table (hierarchy + column sums), so every column, level
 * and view shares one suppression pattern; with `sameAcrossYears` the pattern is the union over all
 * years of the source.
 */
export function levelSeries(e: Engine, req: LevelRequest): LevelSeries {
  const finestName = req.join?.layer ?? req.layer;
  const chain = layerChain(e, finestName);
  const at = chain.indexOf(req.layer);
  if (at < 0) throw levelsError('levels.error.notInChain', { layer: e.layer(req.layer).label, source: e.layer(finestName).label });
  const src = sourceTable(e, finestName, req.join, { roles: req.roles, sums: req.sums, guessYear: req.year });
  const { layers, links, numeric, roles, additive, sums, levels, data, year } = src;
  const source = e.table(req.join?.table ?? finestName);
  for (const c of [req.value.column, req.value.denominator]) {
    if (c && !numeric.includes(c)) throw levelsError('levels.error.column', { column: c, table: source.label, columns: numeric.join(', ') });
  }

  const v = req.value;
  const isRate = !!v.denominator;
  const aggregable = isRate ? additive.includes(v.column) && additive.includes(v.denominator!) : additive.includes(v.column);
  const rates = isRate && aggregable ? [{ name: '_r', numerator: v.column, denominator: v.denominator!, scale: v.scale ?? 100 }] : [];
  const [result] = disclosedYears(src, [year], rates, req.disclosure, new Map([[year, data]]));

  const popIdx = req.population ? numeric.indexOf(req.population) : -1;
  const pop = popIdx >= 0 ? sumUp(data[popIdx], levels) : null;
  const minPop = req.minPopulation ?? 300;
  const labels = layers.map((l) => e.layerLabels(l.table));
  const out: LevelValues[] = levels.map((l, L) => {
    const n = l.ids.length;
    let values: Float64Array, status: DisclosureStatus[], marks: SuppressionMark[];
    if (isRate && aggregable) {
      ({ values, status, marks } = { values: result.rates[0].values[L], status: result.rates[0].status[L], marks: result.rates[0].marks[L] });
    } else if (!isRate && aggregable) {
      const c = result.counts.find((x) => x.name === v.column)!;
      ({ values, status, marks } = { values: c.values[L], status: c.status[L], marks: c.marks[L] });
    } else if (L === 0) {
      // a plain value (or a rate of plain values) on its own level: shown as it is, unless the source kept it secret
      const x = data[numeric.indexOf(v.column)];
      const d = isRate ? data[numeric.indexOf(v.denominator!)] : null;
      const sx = data.secret?.[numeric.indexOf(v.column)];
      const sd = isRate ? data.secret?.[numeric.indexOf(v.denominator!)] : null;
      values = Float64Array.from(x, (xi, i) => (d ? (d[i] > 0 ? (xi / d[i]) * (v.scale ?? 100) : NaN) : xi));
      marks = Array.from(values, (_, i) => (sx?.[i] || sd?.[i] ? 'source' : null));
      status = Array.from(values, (xi, i) => (marks[i] ? 'secret' : Number.isNaN(xi) ? 'missing' : 'ok'));
    } else {
      values = new Float64Array(n).fill(NaN);
      status = new Array(n).fill('missing');
      marks = new Array(n).fill(null);
    }
    return {
      layer: chain[L] ?? null,
      ids: l.ids,
      names: labels[L]?.names ?? ['gesamt'],
      parent: l.parent,
      values,
      status,
      marks,
      small: Array.from({ length: n }, (_, a) => !!pop && pop[L][a] < minPop),
    };
  });
  const bad = [v.column, v.denominator].find((c) => c && !additive.includes(c)) ?? v.column;
  const why = aggregationSupport(roles[bad] === 'median' ? 'median' : 'value');
  return {
    levels: out,
    at,
    notAggregable: aggregable || why.ok ? null : { code: why.reason, params: { column: bad } },
    primary: result.primary,
    secondary: result.secondary,
    source: result.source,
    unaudited: result.unaudited,
    roles,
    sums,
    links,
    total: totalKind(chain.slice(1).map((c) => e.layer(c).label)),
  };
}
