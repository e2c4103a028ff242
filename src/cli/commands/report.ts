/**
 * `npm run cli -- report --data FILE --layer GEOFILE --config INDEXCONFIG.json --out bericht.html
 *   [--title TEXT] [--author TEXT] [--source TEXT] [--municipality TEXT] [--datenstand TEXT]
 *   [--attribution TEXT] [--subtitle TEXT] [--layer-name COLUMN] [--no-profiles]
 *   [--parent GEOFILE --parent-key COLUMN [--parent-id COLUMN]]`
 * — the social report as one self-contained HTML file, built by the same engine functions and
 * the same renderer as the workbench's „Bericht“ (docs/reports.md). Prints a short JSON summary.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs, flag, requireFlag } from '../args';
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

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const out = requireFlag(flags, 'out');
  const cfg = checkIndexConfig(await readJsonConfig(requireFlag(flags, 'config')));
  const engine = await cliEngine();
  // the same config → request as `index` (wide {JAHR} tables, year column, defaults)
  const layerFile = requireFlag(flags, 'layer');
  const prep = await prepareIndex(engine, cfg, requireFlag(flags, 'data'), layerFile, { nameColumn: flag(flags, 'layer-name') });
  if (engine.layer(prep.req.source.layer).geometryType === 'none') throw appError('cli.noGeometry', { file: layerFile });
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
    disclosure: { enabled: model.disclosure.enabled, levels: model.disclosure.levels, primary: model.disclosure.primary, secondary: model.disclosure.secondary },
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
  const t = await loadFile(engine, file);
  const idColumn = flag(flags, 'parent-id') ?? key;
  const parent = engine.createLayer({ table: t.name, idColumn, nameColumn: guessNameColumn(t.columns.filter((c) => c.name !== idColumn)) });
  const l = engine.layer(layer);
  engine.createLayer({ table: l.table, idColumn: l.idColumn, nameColumn: l.nameColumn, parentColumn: key, parentLayer: parent.table });
}
