/**
 * `npm run cli -- report --data FILE --layer GEOFILE --config INDEXCONFIG.json --out bericht.html
 *   [--title TEXT] [--author TEXT] [--source TEXT] [--municipality TEXT] [--datenstand TEXT]
 *   [--attribution TEXT] [--subtitle TEXT] [--layer-name COLUMN] [--layer-label TEXT] [--no-profiles]
 *   [--parent GEOFILE --parent-key COLUMN [--parent-id COLUMN] [--parent-label TEXT]]
 *   [--services FILE [--services-name COL] [--services-category COL[=V,…]] [--services-capacity COL]
 *    [--services-target COL [--services-per N]] [--services-id COL] [--services-x/-y COL] [--services-crs EPSG]]`
 * — the social report as one self-contained HTML file, built by the same engine functions and
 * the same renderer as the workbench's „Bericht“ (docs/reports.md). Prints a short JSON summary.
 * `--services` adds the chapter „Angebote und Bedarfe“ and the services in and near each area to
 * the profiles (with `--services-target`, the Versorgungsquote per area), through the same engine
 * step as the workspace „Angebote & Bedarfe“.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs, flag, requireFlag } from '../args';
import { fileOptions } from '../importFlags';
import { readJsonConfig } from '../config';
import { cliEngine, loadFile } from '../engine';
import type { Engine } from '../../lib/engine/engine';
import { guessNameColumn } from '../../lib/ingest/columnGuess';
import { checkIndexConfig, prepareIndex } from './indexConfig';
import { appError } from '../../lib/contract';
import { buildReportModel, type ReportRequest } from '../../lib/engine/report';
import { reportDisclosureOf } from '../../lib/engine/reportDisclosure';
import { renderReport } from '../../lib/report/render';
import { GENERATOR } from '../../lib/util/generator';
import type { ServicesReportRequest } from '../../lib/engine/reportServices';
import type { IndexSource } from '../../lib/contract';
import { numberFlag, pointSource } from '../files';

/** `--services FILE …` as the settings the workspace would send (null without the flag). */
async function servicesFlags(engine: Engine, flags: Record<string, string[]>, source: IndexSource): Promise<ServicesReportRequest | null> {
  const f = (k: string) => flag(flags, k);
  const file = f('services');
  if (!file) return null;
  const options = fileOptions(flags, 'services');
  const crs = options.crs;
  const svc = await loadFile(engine, file, options);
  const src = pointSource(svc, f('services-x'), f('services-y'));
  if (src.polygons) throw appError('svc.cli_supply_polygons', { table: svc.label });
  const cols = svc.columns.map((c) => c.name);
  const cat = f('services-category');
  const [category, categories] = cat?.includes('=') ? [cat.slice(0, cat.indexOf('=')), cat.slice(cat.indexOf('=') + 1).split(',')] : [cat, undefined];
  const capacity = f('services-capacity');
  const target = f('services-target');
  const { population: _p, ...area } = source;
  return {
    label: svc.label,
    services: {
      table: svc.name, id: f('services-id'), name: f('services-name') ?? cols.find((c) => /^(name|bezeichnung|einrichtung)$/i.test(c)),
      category, categories, capacity, x: src.x, y: src.y, crs: src.x ? crs : undefined,
    },
    radius: 500,
    coverage: target ? { target: { source: area, column: target }, per: numberFlag(f('services-per'), 'services-per', 100), useCapacity: !!capacity } : null,
  };
}

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const out = requireFlag(flags, 'out');
  const cfg = checkIndexConfig(await readJsonConfig(requireFlag(flags, 'config')));
  const engine = await cliEngine();
  // the same config → request as `index` (wide {JAHR} tables, year column, defaults)
  const layerFile = requireFlag(flags, 'layer');
  const prep = await prepareIndex(engine, cfg, requireFlag(flags, 'data'), layerFile, { nameColumn: flag(flags, 'layer-name'), data: fileOptions(flags, 'data', true), layer: fileOptions(flags, 'layer') });
  if (engine.layer(prep.req.source.layer).geometryType === 'none') throw appError('cli.noGeometry', { file: layerFile });
  // the level's name in the report („Gebietsebene: Sozialräume“), as a rename in the app; else the file name (QA-28)
  const label = flag(flags, 'layer-label');
  if (label) engine.renameTable(prep.req.source.layer, label);
  await linkParent(engine, prep.req.source.layer, flags);
  const today = new Date();
  const req: ReportRequest = {
    meta: {
      title: flag(flags, 'title') ?? 'Sozialbericht',
      subtitle: flag(flags, 'subtitle') ?? '',
      municipality: flag(flags, 'municipality') ?? '',
      author: flag(flags, 'author') ?? '',
      date: today.toISOString().slice(0, 10),
      source: flag(flags, 'source') ?? '',
      datenstand: flag(flags, 'datenstand') ?? '',
      attribution: flag(flags, 'attribution') ?? '',
    },
    index: prep.req,
    typology: prep.typology ?? null,
    robustness: prep.robustness ?? null,
    includeProfiles: flag(flags, 'no-profiles') === undefined,
    // „disclosure“: false in the config switches it off — said in the method chapter, never silently
    disclosure: { ...reportDisclosureOf(undefined, prep.req), enabled: cfg.disclosure !== false },
    extras: { services: await servicesFlags(engine, flags, prep.req.source) },
    generator: GENERATOR,
    created: today.toISOString(),
  };
  const model = await buildReportModel(engine, req);
  const html = renderReport(model);
  try {
    await writeFile(out, html, 'utf8');
  } catch {
    throw appError('cli.report.unwritable', { file: out });
  }
  return {
    out,
    bytes: Buffer.byteLength(html),
    areas: model.ids.length,
    scored: model.index?.scored ?? 0,
    excluded: model.index ? model.index.excluded.filter((e) => e !== null).length : 0,
    year: model.year,
    maps: (html.match(/data-role="map"/g) ?? []).length,
    disclosure: { enabled: model.disclosure.enabled, levels: model.disclosure.levels, primary: model.disclosure.primary, secondary: model.disclosure.secondary, source: model.disclosure.source },
    ...(model.extras.services ? { services: (model.extras.services as { total: number }).total } : {}),
  };
}

/**
 * `--parent GEOFILE --parent-key COLUMN`: the next level up (the Gemeinden of a Kreis). The areas'
 * COLUMN names their parent; the parent file's id column is `--parent-id` (default the same name).
 * Secondary suppression then protects the Gemeinde sums too, as in the app.
 */
async function linkParent(engine: Engine, layer: string, flags: Record<string, string[]>): Promise<void> {
  const file = flag(flags, 'parent');
  if (file === undefined) return;
  const key = requireFlag(flags, 'parent-key');
  const t = await loadFile(engine, file, fileOptions(flags, 'parent'));
  const idColumn = flag(flags, 'parent-id') ?? key;
  const parent = engine.createLayer({ table: t.name, idColumn, nameColumn: guessNameColumn(t.columns.filter((c) => c.name !== idColumn)) });
  const label = flag(flags, 'parent-label');
  if (label) engine.renameTable(parent.table, label);
  const l = engine.layer(layer);
  engine.createLayer({ table: l.table, idColumn: l.idColumn, nameColumn: l.nameColumn, parentColumn: key, parentLayer: parent.table });
}
