import type { Duck } from '../db/duck';
import { duckErrorMessage } from '../db/duck';
import { ingestFile, previewFile } from '../ingest/index';
import { GEOM_COL, type ImportOptions, type ImportPreview } from '../ingest/types';
import { geometryKindsSql } from '../ingest/table';
import { qi, ql, tableNameFor } from '../sql/ident';
import { joinedValuesSql, layerValuesSql, type JoinSpec, type ValueSpec } from '../sql/join';
import { bestKeyColumn, joinReport, layerDuplicates, longShape } from './joins';
import type { KeyTransform } from '../sql/keyTransform';
import { classify, type ClassMethod, type Classification } from '../analysis/classify';
import { pivotWideSql, unpivotSql } from '../sql/reshape';
import { AppError, appError } from '../contract/errors';
import type { ProgressFn, TaskId } from '../contract/tasks';
import { versionKey, type ColumnValues, type FileInput, type JoinReport, type JoinSpecInput, type LayerArgs, type LayerMeta, type PivotWideArgs, type TableMeta, type UnpivotArgs } from '../contract/catalog';
import { describeTable } from './describe';
import { TaskRunner } from './tasks';
import { inlineRunner, type ChunkRunner } from '../parallel/pool';

/**
 * The workbench engine: owns DuckDB and the catalogue. The same class runs in the browser
 * worker (behind Comlink) and in Node (tests, CLI); it returns plain data only.
 */
export class Engine {
  private tables = new Map<string, TableMeta>();
  private layers = new Map<string, LayerMeta>();
  private layerArgs = new Map<string, LayerArgs>();
  /** geometry kinds of imported tables, valid while the table's meta (and version) is the one imported */
  private kinds = new Map<string, { meta: TableMeta; version: number; kinds: string[] }>();
  private version = 0;
  /** the one runner of long tasks (progress, cancel) on this engine */
  readonly tasks = new TaskRunner();
  /** where chunked permutation work runs: here (default), or a pool of workers (browser worker, CLI) */
  runner: ChunkRunner = inlineRunner();

  constructor(readonly duck: Duck) {}

  /** Stop a running task at its next checkpoint (all running tasks when `id` is omitted). */
  cancel(id?: TaskId): void {
    this.tasks.cancel(id);
  }

  /** A new version number for a table or layer (unique in this engine). */
  private bump(): number {
    return ++this.version;
  }

  /** Cache key of tables/layers by their current versions (see {@link versionKey}). */
  versionKey(...names: (string | null | undefined)[]): string {
    return versionKey(...names.map((n) => (n ? (this.layers.get(n) ?? this.tables.get(n)) : undefined)));
  }

  preview(file: FileInput, options?: ImportOptions): Promise<ImportPreview> {
    return previewFile(this.duck, file, options);
  }

  /**
   * Import a file as a new table (or replace `replace`). On failure nothing already loaded changes.
   */
  async importFile(file: FileInput, options?: ImportOptions, onProgress?: ProgressFn, replace?: string, taskId?: TaskId): Promise<TableMeta> {
    const name = replace ?? tableNameFor(file.name, this.tables.keys());
    return this.tasks.run(async (task) => {
      try {
        // ingestFile builds under a temporary name and swaps it in only on success
        const res = await ingestFile(this.duck, file, name, options, { onProgress: task.progress, isCancelled: task.isCancelled, runner: this.runner });
        const previous = replace ? this.tables.get(replace) : undefined;
        const meta: TableMeta = {
          name,
          label: previous?.label ?? file.name,
          fileName: file.name,
          rows: res.rows,
          columns: res.columns,
          detected: res.detected,
          warnings: res.warnings,
          hasGeometry: res.columns.some((c) => c.name === GEOM_COL),
          bbox: res.bbox,
          version: this.bump(),
        };
        this.tables.set(name, meta);
        // the geometry kinds of the table as imported (createLayer's query, answered from the Arrow table)
        if (res.geometryKinds) this.kinds.set(name, { meta, version: meta.version, kinds: res.geometryKinds });
        else this.kinds.delete(name);
        if (this.layers.has(name)) this.refreshLayer(name, meta);
        return meta;
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw appError('import.failed', { file: file.name, detail: duckErrorMessage(e) });
      }
    }, { onProgress, id: taskId, stage: 'read' });
  }

  /**
   * A replaced table that is an area layer: rebuild the layer (features, bbox, geometry type)
   * with its arguments; when the new file lacks the layer's columns or geometry, the layer goes
   * and the import says so.
   */
  private refreshLayer(name: string, meta: TableMeta): void {
    const args = this.layerArgs.get(name)!;
    try {
      this.createLayer(args);
    } catch {
      this.layers.delete(name);
      this.layerArgs.delete(name);
      meta.warnings = [...meta.warnings, { code: 'layerDropped', message: `„${meta.label}“ ist keine Gebietsebene mehr: die Spalte „${args.idColumn}“ oder die Geometrie fehlt in der neuen Datei.` }];
    }
  }

  listTables(): TableMeta[] {
    return [...this.tables.values()];
  }

  listLayers(): LayerMeta[] {
    return [...this.layers.values()];
  }

  table(name: string): TableMeta {
    const t = this.tables.get(name);
    if (!t) throw appError('table.notLoaded', { name });
    return t;
  }

  renameTable(name: string, label: string): TableMeta {
    const t = this.table(name);
    const clean = label.trim();
    if (!clean) throw appError('table.emptyName');
    t.label = clean;
    t.version = this.bump();
    const layer = this.layers.get(name);
    if (layer) {
      layer.label = clean;
      layer.version = this.bump();
    }
    return t;
  }

  dropTable(name: string): void {
    this.table(name);
    this.duck.query(`DROP TABLE IF EXISTS ${qi(name)}`);
    this.tables.delete(name);
    this.layers.delete(name);
    this.layerArgs.delete(name);
    this.kinds.delete(name);
  }

  /** Rows of a table as Arrow IPC (for the virtualised grid); the geometry column is left out. */
  rowsIPC(name: string, offset: number, limit: number, orderBy?: { column: string; desc: boolean }): Uint8Array {
    const t = this.table(name);
    const cols = t.columns.filter((c) => c.name !== GEOM_COL).map((c) => qi(c.name));
    const order = orderBy ? ` ORDER BY ${qi(orderBy.column)} ${orderBy.desc ? 'DESC' : 'ASC'} NULLS LAST` : ' ORDER BY rowid';
    return this.duck.queryIPC(`SELECT rowid AS _row, ${cols.join(', ')} FROM ${qi(name)}${order} LIMIT ${limit | 0} OFFSET ${offset | 0}`);
  }

  queryIPC(sql: string): Uint8Array {
    return this.duck.queryIPC(sql);
  }

  /** Distinct values of a column (for pivot names, year pickers). */
  distinct(name: string, column: string, limit = 500): string[] {
    this.table(name);
    return this.duck
      .query(`SELECT DISTINCT CAST(${qi(column)} AS VARCHAR) AS v FROM ${qi(name)} WHERE ${qi(column)} IS NOT NULL ORDER BY 1 LIMIT ${limit}`)
      .toArray()
      .map((r) => String(r.v));
  }

  /** Long → wide (e.g. Köln: raum × jahr × zeile → one column per zeile). */
  pivotWide(o: PivotWideArgs): TableMeta {
    const src = this.table(o.table);
    const names = this.distinct(o.table, o.nameColumn, 2000);
    if (names.length > 1000) throw appError('reshape.tooManyNames', { column: o.nameColumn, n: names.length });
    const target = tableNameFor(`${o.table}_breit`, this.tables.keys());
    this.duck.query(pivotWideSql({ source: o.table, target, ...o, names }));
    return this.registerDerived(target, `${src.label} (breit)`, src);
  }

  /** Wide year columns → (ids…, Jahr, value per stem). */
  unpivot(o: UnpivotArgs): TableMeta {
    const src = this.table(o.table);
    const target = tableNameFor(`${o.table}_lang`, this.tables.keys());
    this.duck.query(unpivotSql({ source: o.table, target, ...o }));
    return this.registerDerived(target, `${src.label} (lang)`, src);
  }

  private registerDerived(target: string, label: string, src: TableMeta): TableMeta {
    const { rows, columns } = describeTable(this.duck, target);
    const meta: TableMeta = { name: target, label, fileName: src.fileName, rows, columns, warnings: [], hasGeometry: false, derivedFrom: src.name, version: this.bump() };
    this.tables.set(target, meta);
    return meta;
  }

  /**
   * Make a geometry table an area layer (Gebietsebene) with its ID, name and parent columns.
   * Ids carried by several areas are reported with the areas (`duplicates`); `duplicates: 'merge'`
   * joins each such group into one area (geometries combined, attributes of the first),
   * `'first'` keeps the first area of each group.
   */
  createLayer(o: LayerArgs): LayerMeta {
    let t = this.table(o.table);
    if (!t.hasGeometry) throw appError('table.noGeometry', { label: t.label });
    for (const c of [o.idColumn, o.nameColumn, o.parentColumn]) {
      if (c && !t.columns.some((x) => x.name === c)) throw appError('column.missing', { column: c, table: t.label });
    }
    if (o.duplicates) t = this.resolveDuplicates(t, o.idColumn, o.duplicates);
    const known = this.kinds.get(o.table);
    const kinds =
      known && known.meta === t && known.version === t.version
        ? known.kinds
        : this.duck.query(geometryKindsSql(o.table)).toArray().map((r) => String(r.k));
    const kindOf = (k: string) => (/Polygon/.test(k) ? 'polygon' : /Point/.test(k) ? 'point' : 'line');
    const set = new Set(kinds.map(kindOf));
    const layer: LayerMeta = {
      table: o.table,
      label: t.label,
      idColumn: o.idColumn,
      nameColumn: o.nameColumn,
      parentColumn: o.parentColumn,
      parentLayer: o.parentLayer,
      features: t.rows,
      geometryType: set.size === 1 ? ([...set][0] as LayerMeta['geometryType']) : 'mixed',
      bbox: t.bbox ?? [-180, -90, 180, 90],
      version: this.bump(),
    };
    const dup = layerDuplicates(this, layer);
    if (dup.length) layer.duplicates = dup;
    this.layers.set(o.table, layer);
    this.layerArgs.set(o.table, { ...o });
    return layer;
  }

  /**
   * Areas without geometry: the distinct keys of a table, in order of first appearance, become
   * an area layer (geometry type 'none'), so a table alone can carry an index or a join report
   * (the CLI without `--layer`). Names come from `nameColumn` (first value per key).
   */
  createKeyLayer(o: { table: string; idColumn: string; nameColumn?: string }): LayerMeta {
    const t = this.table(o.table);
    for (const c of [o.idColumn, o.nameColumn]) {
      if (c && !t.columns.some((x) => x.name === c)) throw appError('column.missing', { column: c, table: t.label });
    }
    const target = tableNameFor(`${o.table}_gebiete`, this.tables.keys());
    const id = qi(o.idColumn);
    const name = o.nameColumn ? `, arg_min(${qi(o.nameColumn)}, rowid) AS ${qi(o.nameColumn)}` : '';
    this.duck.query(`CREATE OR REPLACE TABLE ${qi(target)} AS SELECT ${id}${name} FROM ${qi(o.table)} WHERE ${id} IS NOT NULL GROUP BY ${id} ORDER BY min(rowid)`);
    const meta = this.registerDerived(target, `${t.label} (Gebiete)`, t);
    const layer: LayerMeta = {
      table: target, label: meta.label, idColumn: o.idColumn, nameColumn: o.nameColumn,
      features: meta.rows, geometryType: 'none', bbox: [0, 0, 0, 0], version: this.bump(),
    };
    this.layers.set(target, layer);
    return layer;
  }

  /** Rebuild a table so each id occurs once: merge the areas of an id, or keep the first. */
  private resolveDuplicates(t: TableMeta, idColumn: string, how: 'merge' | 'first'): TableMeta {
    const groups = layerDuplicates(this, { table: t.name, idColumn }, Number.MAX_SAFE_INTEGER);
    if (!groups.length) return t;
    const drop = groups.flatMap((g) => g.areas.slice(1).map((a) => a.row));
    let merged = '';
    if (how === 'merge') {
      const geoms = new Map(
        this.duck.query(`SELECT rowid AS r, ${qi(GEOM_COL)} AS g FROM ${qi(t.name)} WHERE rowid IN (${groups.flatMap((g) => g.areas.map((a) => a.row)).join(',')})`)
          .toArray().map((r) => [Number(r.r), r.g as string | null]),
      );
      const cases = groups.map((g) => `WHEN ${g.areas[0].row} THEN ${ql(mergeGeometries(g.areas.map((a) => geoms.get(a.row) ?? null)))}`);
      merged = ` REPLACE (CASE rowid ${cases.join(' ')} ELSE ${qi(GEOM_COL)} END AS ${qi(GEOM_COL)})`;
    }
    this.duck.query(`CREATE OR REPLACE TABLE ${qi(t.name)} AS SELECT *${merged} FROM ${qi(t.name)} WHERE rowid NOT IN (${drop.join(',')}) ORDER BY rowid`);
    const { rows, columns } = describeTable(this.duck, t.name);
    const meta = { ...t, rows, columns, version: this.bump() };
    this.tables.set(t.name, meta);
    return meta;
  }

  /** The table column that matches most areas of a layer (for the join's default key). */
  bestKeyColumn(table: string, layer: string): { column: string; matched: number; transform?: KeyTransform } | undefined {
    return bestKeyColumn(this, table, layer);
  }

  /**
   * Long-format check of a table for a key (and year): what to reshape, or undefined. Without a
   * key, the columns that match a layer come first, then id-like and text columns.
   */
  longShape(table: string, key?: string, yearColumn?: string) {
    const t = this.table(table);
    if (key) return longShape(this, table, key, yearColumn);
    const fromLayers = this.listLayers().map((l) => bestKeyColumn(this, table, l.table)?.column);
    const idLike = t.columns.filter((c) => /(^|[_\s.-])(id|nr|schl(ue|ü)ssel|code|ags|ars)$/i.test(c.name)).map((c) => c.name);
    const text = t.columns.filter((c) => c.type === 'text').map((c) => c.name);
    for (const k of new Set([...fromLayers, ...idLike, ...text].filter((c): c is string => !!c))) {
      const h = longShape(this, table, k, yearColumn);
      if (h) return h;
    }
    return undefined;
  }

  layer(table: string): LayerMeta {
    const l = this.layers.get(table);
    if (!l) throw appError('layer.unknown', { name: this.tables.get(table)?.label ?? table });
    return l;
  }

  /** Geometries of a layer as GeoJSON text, in row order. */
  geometries(table: string): string[] {
    this.layer(table);
    const col = this.duck.query(`SELECT ${qi(GEOM_COL)} AS g FROM ${qi(table)} ORDER BY rowid`).getChild('g');
    const out: string[] = new Array(col?.length ?? 0);
    for (let i = 0; i < out.length; i++) out[i] = (col?.get(i) as string | null) ?? 'null';
    return out;
  }

  private spec(s: JoinSpecInput): JoinSpec {
    const t = this.table(s.table);
    const l = this.layer(s.layer);
    const layerKey = s.layerKey ?? l.idColumn;
    if (!t.columns.some((c) => c.name === s.key)) throw appError('column.missing', { column: s.key, table: t.label });
    if (!this.table(s.layer).columns.some((c) => c.name === layerKey)) throw appError('column.missing', { column: layerKey, table: l.label });
    return { ...s, layerKey };
  }

  /** Join report: true counts, unmatched keys on each side, duplicates, key transformations that match more, long-table hint. */
  joinReport(input: JoinSpecInput, listLimit = 200): JoinReport {
    return joinReport(this, this.spec(input), listLimit);
  }

  /** Values per layer feature (joined by key, or the layer's own columns), for the choropleth. */
  joinedValues(input: JoinSpecInput | { layer: string; table?: undefined }, value: ValueSpec, year?: string): ColumnValues {
    const layer = this.layer(input.layer);
    const sql =
      input.table === undefined || input.table === input.layer
        ? layerValuesSql(input.layer, value)
        : joinedValuesSql(this.spec(input as JoinSpecInput), value, year);
    const v = this.duck.query(sql).getChild('v');
    const n = layer.features;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = v?.get(i) as number | null;
      values[i] = x === null || x === undefined ? NaN : Number(x);
    }
    return { values, ...this.layerLabels(layer.table) };
  }

  /** Area keys and names of a layer, in row order. */
  layerLabels(table: string): { ids: string[]; names: string[] } {
    const layer = this.layer(table);
    const rows = this.duck
      .query(
        `SELECT CAST(${qi(layer.idColumn)} AS VARCHAR) AS id, ${layer.nameColumn ? `CAST(${qi(layer.nameColumn)} AS VARCHAR)` : 'NULL'} AS nm FROM ${qi(layer.table)} ORDER BY rowid`,
      )
      .toArray();
    return { ids: rows.map((r) => String(r.id ?? '')), names: rows.map((r) => String(r.nm ?? r.id ?? '')) };
  }

  /** Values plus map classes, computed here so the UI thread never classifies big arrays. */
  choropleth(
    input: JoinSpecInput | { layer: string; table?: undefined },
    value: ValueSpec,
    year: string | undefined,
    method: ClassMethod,
    k: number,
    breaks?: number[],
  ): ColumnValues & { classes: Classification } {
    const vals = this.joinedValues(input, value, year);
    return { ...vals, classes: classify(vals.values, method, k, { breaks }) };
  }
}

/** Several areas' geometries as one MultiPolygon (GeoJSON text); points and lines are kept as a collection. */
function mergeGeometries(geoms: (string | null)[]): string {
  const parsed = geoms.filter((g): g is string => !!g).map((g) => JSON.parse(g) as { type: string; coordinates?: unknown });
  const polys: unknown[] = [];
  for (const g of parsed) {
    if (g.type === 'Polygon') polys.push(g.coordinates);
    else if (g.type === 'MultiPolygon') polys.push(...(g.coordinates as unknown[]));
    else return JSON.stringify({ type: 'GeometryCollection', geometries: parsed });
  }
  return JSON.stringify({ type: 'MultiPolygon', coordinates: polys });
}
