/**
 * `npm run cli -- coverage --areas GEOFILE --area-id COL --population-col COL --services FILE
 * [--capacity COL] [--category COL] [--per 1000]` → services per area (Versorgungsquote,
 * METHODS.md §7) through the engine's `coverage`, the call the workbench makes.
 * `per_population` is the capacity (or, without --capacity, the count) per `--per` inhabitants.
 * `--category COL=VALUE[,VALUE]` keeps those categories; `--category COL` adds a breakdown per
 * category to each area. Extra: `--services-x/-y/-crs`, `--services-id`, `--disclosure`
 * (suppressed rates → null, METHODS §6). Figures are raw unless --disclosure is given.
 */
import { coverage } from '../../lib/engine/services-areas';
import type { PointSpec } from '../../lib/contract/services';
import { t } from '../../i18n/index';
import { flag, parseArgs, requireFlag } from '../args';
import { fileOptions } from '../importFlags';
import { pointSource } from '../files';
import { cliEngine, loadFile } from '../engine';
import { appError } from '../../lib/contract/errors';

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const f = (k: string) => flag(flags, k);
  const perS = f('per');
  const per = perS === undefined ? 1000 : Number(perS);
  if (!(per > 0)) throw appError('svc.cli_not_number', { flag: 'per', value: String(perS) });
  const engine = await cliEngine();
  const areas = await loadFile(engine, requireFlag(flags, 'areas'), fileOptions(flags, 'areas', true));
  if (!areas.hasGeometry) throw appError('cli.noGeometry', { file: areas.label });
  const areaId = requireFlag(flags, 'area-id');
  const population = requireFlag(flags, 'population-col');
  engine.createLayer({ table: areas.name, idColumn: areaId });
  const svcOptions = fileOptions(flags, 'services');
  const crs = svcOptions.crs;
  const svc = await loadFile(engine, requireFlag(flags, 'services'), svcOptions);
  const src = pointSource(svc, f('services-x'), f('services-y'));
  if (src.polygons) throw appError('svc.cli_supply_polygons', { table: svc.label });
  const cat = f('category');
  const [catCol, catValues] = cat?.includes('=') ? [cat.slice(0, cat.indexOf('=')), cat.slice(cat.indexOf('=') + 1).split(',')] : [cat, undefined];
  const services: PointSpec = { table: svc.name, id: f('services-id'), capacity: f('capacity'), category: catCol, categories: catValues, x: src.x, y: src.y, crs: src.x ? crs : undefined };
  const r = coverage(engine, {
    services, layer: areas.name, target: { source: { layer: areas.name }, column: population }, per,
    useCapacity: !!f('capacity'), disclosure: flags.disclosure !== undefined ? {} : false, byCategory: !!catCol && !catValues,
  });
  for (const w of r.warnings) process.stderr.write(`Hinweis: Datensatz ${w.row}${w.id ? ` (${w.id})` : ''}: ${t(`svc.reason.${w.reason}`, {}, 'de')}${w.value !== undefined ? ` („${w.value}“)` : ''}.\n`);
  return {
    areas: r.ids.map((id, a) => ({
      id,
      count: r.count[a],
      capacity: r.capacity[a],
      per_population: Number.isFinite(r.rate[a]) && r.rateStatus[a] === 'ok' ? r.rate[a] : null,
      ...(r.categories ? { categories: r.categories[a] } : {}),
    })),
    unassigned: r.unassigned.map((u) => ({ row: u.row, reason: t(`svc.reason.${u.reason}`, {}, 'de') })),
  };
}
