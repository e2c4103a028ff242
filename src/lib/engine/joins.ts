/**
 * Joins of tables to area layers: the join report with true counts, key transformations that
 * would match more areas (searched over distinct keys, counted by the SQL join itself), the best
 * key column of a table for a layer, long tables that need reshaping, and duplicated layer ids
 * with the areas behind them.
 */
import { areaAndCentroid, meanLonLat, parseGeometry, projectLocal } from '../analysis/geometry-rings';
import { GEOM_COL } from '../ingest/types';
import { qi } from '../sql/ident';
import { duplicateCountSql, duplicatesSql, joinSummarySql, keyExpr, tableSteps, unmatchedSql, type JoinSpec } from '../sql/join';
import { searchKeyTransforms, searchNameMatch } from '../sql/keySearch';
import type { KeyTransform } from '../sql/keyTransform';
import type { Engine } from './engine';
import type { DuplicateArea, JoinReport, KeySuggestion, LayerDuplicate, LayerMeta, LongTableHint, TableMeta } from '../contract/catalog';

/** Distinct keys the search looks at per side (the SQL join counts all of them). */
const SEARCH_KEYS = 20000;
const ID_NAME = /(^|[_\s.-])(id|nr|nummer|schl(ue|ü)ssel|key|code|kennung|kennziffer|ags|ars|gkz|fips)$|^(id|nr|schluessel|code)([_\s.-]|$)/i;
const YEAR_NAME = /^(jahr|year|berichtsjahr|stichtag|zeit)$/i;
const VALUE_NAME = /^(wert|zahl|value|anzahl|n|count|betrag|menge|summe)$/i;

type Row = Record<string, unknown>;
const rows = (e: Engine, sql: string): Row[] => e.duck.query(sql).toArray().map((r) => r.toJSON() as Row);
const num = (v: unknown): number => Number(v ?? 0);

/** Distinct keys of a column as the join sees them before any step (text, 7.0 → "7"). */
function distinctKeys(e: Engine, table: string, column: string): string[] {
  return rows(e, `SELECT DISTINCT ${keyExpr(column, [])} AS k FROM ${qi(table)} WHERE ${qi(column)} IS NOT NULL LIMIT ${SEARCH_KEYS}`).map((r) => String(r.k));
}

/** Distinct layer keys matched by a join (the SQL truth for a candidate found in JS). */
function matchedBy(e: Engine, s: JoinSpec): number {
  return num(rows(e, joinSummarySql(s))[0]?.matched);
}

const textColumns = (t: TableMeta): string[] => t.columns.filter((c) => c.type === 'text').map((c) => c.name);

/**
 * Transformations of the keys (and, as a fallback, joins by area name) that match more layer
 * areas than `s` does. Each candidate's count comes from the SQL join.
 */
export function keySuggestions(e: Engine, s: JoinSpec, current: number): KeySuggestion[] {
  const layer = e.layer(s.layer);
  const out: KeySuggestion[] = [];
  const seen = new Set<string>();
  const add = (key: string, layerKey: string, transform: KeyTransform, examples: [string, string][], byName: boolean): void => {
    const id = JSON.stringify([key, layerKey, transform]);
    if (seen.has(id)) return;
    seen.add(id);
    const matched = matchedBy(e, { ...s, key, layerKey, transform });
    if (matched > current) out.push({ key, layerKey, transform, matched, examples, byName });
  };
  const tableKeys = distinctKeys(e, s.table, s.key);
  const layerKeys = distinctKeys(e, s.layer, s.layerKey);
  for (const c of searchKeyTransforms(tableKeys, layerKeys)) add(s.key, s.layerKey, c.transform, c.examples, false);
  // area names: the layer's name column (else its text columns) against the table's text columns
  const lt = e.table(s.layer);
  const layerNames = [...new Set([layer.nameColumn, ...textColumns(lt)].filter((c): c is string => !!c && c !== GEOM_COL))].slice(0, 4);
  const tableNames = [...new Set([s.key, ...textColumns(e.table(s.table))])].slice(0, 8);
  let best: { key: string; layerKey: string; transform: KeyTransform; examples: [string, string][]; matched: number } | undefined;
  for (const ln of layerNames) {
    const lv = distinctKeys(e, s.layer, ln);
    for (const tn of tableNames) {
      const c = searchNameMatch(distinctKeys(e, s.table, tn), lv);
      if (c && (!best || c.matched > best.matched)) best = { key: tn, layerKey: ln, transform: c.transform, examples: c.examples, matched: c.matched };
    }
  }
  if (best) add(best.key, best.layerKey, best.transform, best.examples, true);
  return out.sort((a, b) => b.matched - a.matched || Number(a.byName) - Number(b.byName));
}

/**
 * The table column that matches the most keys of the layer (plain comparison without leading
 * zeros and whitespace, then with the best key transformation). Undefined when none matches.
 */
export function bestKeyColumn(e: Engine, table: string, layer: string): { column: string; matched: number; transform?: KeyTransform } | undefined {
  const t = e.table(table);
  const l = e.layer(layer);
  const cand = t.columns.filter((c) => c.type === 'text' || c.type === 'integer').map((c) => c.name);
  let best: { column: string; matched: number; transform?: KeyTransform } | undefined;
  const spec = (key: string): JoinSpec => ({ table, key, layer, layerKey: l.idColumn, mode: 'zeros' });
  if (!cand.length) return undefined;
  // one pass over the table: distinct layer keys each column hits (without zeros and spaces)
  const hits = cand.map((c, i) => `count(DISTINCT ${keyExpr(c, 'zeros')}) FILTER (WHERE ${keyExpr(c, 'zeros')} IN (SELECT k FROM l)) AS m${i}`);
  const counts = rows(e, `WITH l AS (SELECT DISTINCT ${keyExpr(l.idColumn, 'zeros')} AS k FROM ${qi(layer)} WHERE ${qi(l.idColumn)} IS NOT NULL) SELECT ${hits.join(', ')} FROM ${qi(table)}`)[0];
  cand.forEach((c, i) => {
    const m = num(counts[`m${i}`]);
    if (m > (best?.matched ?? 0)) best = { column: c, matched: m };
  });
  if (!best || best.matched < l.features / 2) {
    // nothing matches plainly: try the key transformations on the id-like columns
    for (const c of cand.filter((x) => ID_NAME.test(x) || x === best?.column).slice(0, 6)) {
      const found = searchKeyTransforms(distinctKeys(e, table, c), distinctKeys(e, layer, l.idColumn), 1)[0];
      if (!found) continue;
      const m = matchedBy(e, { ...spec(c), transform: found.transform });
      if (m > (best?.matched ?? 0)) best = { column: c, matched: m, transform: found.transform };
    }
  }
  return best;
}

/**
 * Whether a table is in long format for `key` (one row per area, year and characteristic, as
 * the Köln population table): a text column whose values, with the key (and year), identify the
 * rows, and a numeric value column. Undefined for tables with one row per area (and year).
 */
export function longShape(e: Engine, table: string, key: string, yearColumn?: string): LongTableHint | undefined {
  const t = e.table(table);
  const year = yearColumn ?? t.columns.find((c) => YEAR_NAME.test(c.name))?.name;
  const ids = [key, ...(year && year !== key ? [year] : [])];
  const idList = ids.map(qi).join(', ');
  const counts = rows(e, `SELECT count(*) AS n, (SELECT count(*) FROM (SELECT DISTINCT ${idList} FROM ${qi(table)})) AS d FROM ${qi(table)}`)[0];
  if (num(counts.n) <= num(counts.d)) return undefined;
  const skip = new Set([...ids, GEOM_COL]);
  const values = t.columns.filter((c) => (c.type === 'double' || c.type === 'integer') && !skip.has(c.name) && !ID_NAME.test(c.name) && !YEAR_NAME.test(c.name));
  const value = values.find((c) => VALUE_NAME.test(c.name)) ?? values.find((c) => c.type === 'double') ?? values.at(-1);
  if (!value) return undefined;
  // the characteristic: the text column with the fewest distinct values (2…1000) that, with the
  // ids, makes every row unique
  const texts = t.columns.filter((x) => x.type === 'text' && !skip.has(x.name)).map((x) => x.name);
  if (!texts.length) return undefined;
  const d = rows(e, `SELECT ${texts.map((c, i) => `count(DISTINCT ${qi(c)}) AS v${i}`).join(', ')} FROM ${qi(table)}`)[0];
  const order = texts.map((name, i) => ({ name, distinct: num(d[`v${i}`]) })).filter((c) => c.distinct >= 2 && c.distinct <= 1000).sort((a, b) => a.distinct - b.distinct);
  const best = order.find(
    (c) => num(rows(e, `SELECT count(*) AS d FROM (SELECT DISTINCT ${idList}, ${qi(c.name)} FROM ${qi(table)})`)[0].d) === num(counts.n),
  );
  if (!best) return undefined;
  return { idColumns: ids, nameColumn: best.name, valueColumn: value.name, yearColumn: year, characteristics: best.distinct };
}

/** km² and WGS84 centroid of a GeoJSON geometry (local projection around the area itself). */
function areaFacts(geom: string | null): { areaKm2: number; centroid: [number, number] } {
  const g = parseGeometry(geom);
  if (!g.length) return { areaKm2: 0, centroid: [NaN, NaN] };
  const origin = meanLonLat([g]);
  const c = areaAndCentroid(projectLocal([g], origin)[0]);
  const ky = (6371008.8 * Math.PI) / 180;
  const kx = ky * Math.cos((origin[1] * Math.PI) / 180);
  return { areaKm2: c.area / 1e6, centroid: [origin[0] + c.x / kx, origin[1] + c.y / ky] };
}

/** Ids several features of a layer carry, with each feature's name, size and centroid. */
export function layerDuplicates(e: Engine, l: Pick<LayerMeta, 'table' | 'idColumn' | 'nameColumn'>, limit = 50): LayerDuplicate[] {
  const id = keyExpr(l.idColumn, []);
  const name = l.nameColumn ? `CAST(${qi(l.nameColumn)} AS VARCHAR)` : 'NULL';
  const hasGeom = e.table(l.table).columns.some((c) => c.name === GEOM_COL);
  const dup = rows(
    e,
    `WITH r AS (SELECT rowid AS row, ${id} AS k, ${name} AS nm, ${hasGeom ? qi(GEOM_COL) : 'NULL'} AS g FROM ${qi(l.table)} WHERE ${qi(l.idColumn)} IS NOT NULL),
d AS (SELECT k FROM r GROUP BY k HAVING count(*) > 1 ORDER BY k LIMIT ${limit})
SELECT r.* FROM r JOIN d USING (k) ORDER BY r.k, r.row`,
  );
  const by = new Map<string, DuplicateArea[]>();
  for (const r of dup) {
    const k = String(r.k);
    const area: DuplicateArea = { row: num(r.row), ...areaFacts(r.g as string | null) };
    if (r.nm != null) area.name = String(r.nm);
    by.set(k, [...(by.get(k) ?? []), area]);
  }
  return [...by].map(([key, areas]) => ({ key, areas }));
}

/**
 * The join report: true counts, the first keys of each list, suggestions, long-table hint.
 * A list known to be empty is not queried (`lists: 'always'` queries them anyway, for the test
 * that compares): no table key outside the layer's keys in the summary means no unmatched table
 * key (and the other way round), and the duplicates are counted first by a plain grouped count.
 * The demo's join needs none of the three lists: their sorting and window code is never compiled.
 */
export function joinReport(e: Engine, s: JoinSpec, limit = 200, o: { lists?: 'always' } = {}): JoinReport {
  const summary = rows(e, joinSummarySql(s))[0];
  const layer = e.layer(s.layer);
  const matched = num(summary.matched);
  const all = o.lists === 'always';
  const tableOnly = all || num(summary.table_only) > 0 ? rows(e, unmatchedSql(s, 'table', limit)) : [];
  const layerOnly = all || num(summary.layer_only) > 0 ? rows(e, unmatchedSql(s, 'layer', limit, layer.nameColumn)) : [];
  const dupKeys = all ? 1 : num(rows(e, duplicateCountSql(s.table, s.key, tableSteps(s), s.yearColumn))[0]?.total);
  const tableDup = dupKeys > 0 ? rows(e, duplicatesSql(s.table, s.key, tableSteps(s), s.yearColumn, limit)) : [];
  // a transformation can only help when some areas have no data (a key on the table side only
  // with every area matched is a missing area, as Berlin's 04030417)
  const incomplete = matched < num(summary.layer_keys);
  const dupLayer = s.layerKey === layer.idColumn ? (layer.duplicates ?? []) : layerDuplicates(e, { ...layer, idColumn: s.layerKey }, limit);
  return {
    spec: s,
    tableKeys: num(summary.table_keys),
    layerKeys: num(summary.layer_keys),
    matched,
    tableNullKeys: num(summary.table_null_keys),
    layerNullKeys: num(summary.layer_null_keys),
    tableOnly: tableOnly.map((r) => ({ key: String(r.key), n: num(r.n) })),
    tableOnlyCount: num(tableOnly[0]?.total),
    layerOnly: layerOnly.map((r) => ({ key: String(r.key), n: num(r.n), ...(r.name != null ? { name: String(r.name) } : {}) })),
    layerOnlyCount: num(layerOnly[0]?.total),
    tableDuplicates: tableDup.map((r) => ({ key: String(r.key), ...(r.year !== undefined ? { year: String(r.year) } : {}), n: num(r.n) })),
    tableDuplicateCount: num(tableDup[0]?.total),
    layerDuplicates: dupLayer,
    suggestions: incomplete ? keySuggestions(e, s, matched) : [],
    longTable: tableDup.length ? longShape(e, s.table, s.key, s.yearColumn) : undefined,
  };
}
