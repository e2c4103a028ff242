/**
 * `npm run cli -- report --data FILE --layer GEOFILE --config INDEXCONFIG.json --out bericht.html
 *   [--title TEXT] [--author TEXT] [--source TEXT] [--municipality TEXT] [--datenstand TEXT]
 *   [--attribution TEXT] [--subtitle TEXT] [--layer-name COLUMN] [--no-profiles]`
 * — the social report as one self-contained HTML file, built by the same engine functions and
 * the same renderer as the workbench's „Bericht“ (docs/reports.md). Prints a short JSON summary.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs, flag, requireFlag } from '../args';
import { configToRequest } from '../indexRequest';
import { cliEngine, loadFile } from '../engine';
import { appError, type TableMeta } from '../../lib/contract';
import { buildReportModel, type ReportRequest } from '../../lib/engine/report';
import { renderReport } from '../../lib/report/render';
import { GENERATOR } from '../../lib/util/generator';

/** A name column of the layer: the flag, else a text column called like a name. */
function nameColumn(t: TableMeta, id: string, wanted?: string): string | undefined {
  const columns = t.columns;
  if (wanted) {
    if (!columns.some((c) => c.name === wanted)) throw appError('column.missing', { column: wanted, table: t.label });
    return wanted;
  }
  return columns.find((c) => c.name !== id && /name|bez(eichnung)?$|^bez_|titel|label/i.test(c.name) && !/id$|nr$|schl/i.test(c.name))?.name;
}

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const out = requireFlag(flags, 'out');
  const configFile = requireFlag(flags, 'config');
  let text: string;
  try {
    text = await readFile(configFile, 'utf8');
  } catch {
    throw appError('cli.fileUnreadable', { file: configFile });
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw appError('cli.report.configJson', { file: configFile, message: (e as Error).message });
  }
  const engine = await cliEngine();
  const data = await loadFile(engine, requireFlag(flags, 'data'));
  const layerFile = requireFlag(flags, 'layer');
  const geo = await loadFile(engine, layerFile);
  if (!geo.hasGeometry) throw appError('cli.noGeometry', { file: layerFile });
  const cfg = configToRequest(config, data, geo.name);
  if (!geo.columns.some((c) => c.name === cfg.layerId)) throw appError('column.missing', { column: cfg.layerId, table: geo.label });
  engine.createLayer({ table: geo.name, idColumn: cfg.layerId, nameColumn: nameColumn(geo, cfg.layerId, flag(flags, 'layer-name')) });
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
    index: cfg.request,
    typology: cfg.typology,
    robustness: cfg.robustness,
    includeProfiles: flag(flags, 'no-profiles') === undefined,
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
  };
}
