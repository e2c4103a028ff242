/**
 * `npm run cli -- join --table FILE --table-key COL --layer GEOFILE --layer-key COL [--name-col COL]`
 * → `{ matched, table_only, layer_only, duplicates: { table, layer }, suggestions: [{ transform, matched }] }`.
 * Both files go through the same import as a drop in the browser; the report is the UI's join
 * report (keys compared exactly; `suggestions` are the key transformations — prefixes, zero
 * padding, AGS/ARS, names — that would match more areas, best first, with the areas matched).
 */
import path from 'node:path';
import { appError, type TableMeta } from '../../lib/contract';
import { describeTransform } from '../../lib/sql/keyTransform';
import { flag, parseArgs, requireFlag } from '../args';
import { fileOptions } from '../importFlags';
import { cliEngine, loadFile } from '../engine';

const has = (t: TableMeta, c: string): boolean => t.columns.some((x) => x.name === c);

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const tableFile = requireFlag(flags, 'table');
  const key = requireFlag(flags, 'table-key');
  const layerFile = requireFlag(flags, 'layer');
  const layerKey = requireFlag(flags, 'layer-key');
  const nameCol = flag(flags, 'name-col');
  const engine = await cliEngine();
  const table = await loadFile(engine, tableFile, fileOptions(flags, 'table', true));
  const geo = await loadFile(engine, layerFile, fileOptions(flags, 'layer'));
  if (!geo.hasGeometry) throw appError('cli.noGeometry', { file: layerFile });
  if (!has(table, key)) throw appError('column.missing', { column: key, table: path.basename(tableFile) });
  if (!has(geo, layerKey)) throw appError('column.missing', { column: layerKey, table: path.basename(layerFile) });
  if (nameCol && !has(geo, nameCol) && !has(table, nameCol)) throw appError('join.nameColumn', { column: nameCol, table: path.basename(tableFile), layer: path.basename(layerFile) });
  const layer = engine.createLayer({ table: geo.name, idColumn: layerKey, nameColumn: nameCol && has(geo, nameCol) ? nameCol : undefined });
  const r = engine.joinReport({ table: table.name, key, layer: layer.table, mode: 'exact' }, 100000);
  return {
    matched: r.matched,
    table_only: r.tableOnly.map((x) => x.key),
    layer_only: r.layerOnly.map((x) => x.key),
    duplicates: { table: r.tableDuplicates.map((x) => x.key), layer: r.layerDuplicates.map((x) => x.key) },
    suggestions: r.suggestions.map((s) => ({ transform: describeTransform(s.transform, { table: s.key, layer: s.layerKey }), matched: s.matched })),
  };
}
