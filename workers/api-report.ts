/** Reports, area profiles and map images (issue 10): the engine builds the model, the one renderer draws it. */
import type { Engine } from '../src/lib/engine/engine';
import { buildReportModel, type ReportRequest } from '../src/lib/engine/report';
import { renderMapSvg, renderProfiles, renderReport } from '../src/lib/report/render';
import { prepareMapAreas } from '../src/lib/report/geo';
import { DEFAULT_DISCLOSURE_INFO, type ReportMap, type ReportMeta, type ReportModel } from '../src/lib/report/types';
import { withEngine } from './core';
import { exportBundle } from '../src/lib/export/tables';
import type { ExportFormat } from '../src/lib/export/formats';
import type { ProgressFn, TaskId } from '../src/lib/contract';
import type { TaskContext } from '../src/lib/engine/tasks';
import * as Comlink from 'comlink';

// The last model: opening one profile after another does not recompute robustness or permutations.
let cache: { key: string; model: ReportModel } | null = null;

async function model(e: Engine, req: ReportRequest, task: TaskContext): Promise<ReportModel> {
  const { created: _c, includeProfiles: _p, ...rest } = req;
  const layer = req.index?.source.layer ?? req.layer;
  // keyed by the tables' versions: a re-import or rename builds the model again
  const key = JSON.stringify([rest, e.versionKey(req.index?.source.table, layer)]);
  if (cache?.key === key) return { ...cache.model, created: req.created, includeProfiles: req.includeProfiles ?? false };
  const m = await buildReportModel(e, req, task);
  cache = { key, model: m };
  return m;
}

/** Run `fn` on the report model as a task of the runner (progress, „Abbrechen“). */
function withModel<T>(req: ReportRequest, onProgress: ProgressFn | undefined, taskId: TaskId | undefined, fn: (m: ReportModel, e: Engine) => T) {
  return withEngine(async (e) => e.tasks.run(async (task) => fn(await model(e, req, task), e), { onProgress, id: taskId, stage: 'report' }));
}

export const reportApi = {
  /** The social report as one self-contained HTML document. */
  async reportHtml(req: ReportRequest, onProgress?: ProgressFn, taskId?: TaskId) {
    return withModel(req, onProgress, taskId, (m) => renderReport(m, { printButton: true }));
  },
  /** Area profiles (all, or the areas with these ids) as one HTML document. */
  async profilesHtml(req: ReportRequest, ids?: string[], printButton = true, onProgress?: ProgressFn, taskId?: TaskId) {
    return withModel(req, onProgress, taskId, (m) => renderProfiles(m, ids, { printButton }));
  },
  /** Result tables (disclosure applied, method metadata written in) as file bytes of `format`. */
  async exportResults(req: ReportRequest, format: ExportFormat, onProgress?: ProgressFn, taskId?: TaskId) {
    // the writers (SheetJS, hyparquet-writer: ≈ 1 MB of code) load on first use, not at the engine's start
    const { csvBytes, geojsonBytes, parquetBytes, xlsxBytes } = await import('../src/lib/export/writers');
    return withModel(req, onProgress, taskId, (m, e) => {
      const b = exportBundle(m);
      let bytes: Uint8Array;
      if (format === 'xlsx') bytes = xlsxBytes(b);
      else if (format === 'csv-de' || format === 'csv-intl') bytes = csvBytes(b.tables[0], b.method, format === 'csv-de' ? 'de' : 'intl');
      else if (format === 'parquet') bytes = parquetBytes(b);
      else {
        const layer = req.index?.source.layer ?? req.layer!;
        const { ids } = e.layerLabels(layer);
        const geoms = e.geometries(layer);
        bytes = geojsonBytes(b, new Map(ids.map((id, i) => [id, geoms[i]])));
      }
      return Comlink.transfer(bytes, [bytes.buffer]);
    });
  },
  /** One map of a layer (the map on screen) as a standalone SVG with legend, scale bar, north arrow and sources. */
  async mapSvg(layer: string, map: ReportMap, meta: ReportMeta, created: string, width = 680) {
    return withEngine((e) => {
      const { ids, names } = e.layerLabels(layer);
      const m: ReportModel = {
        meta, generator: '', created, layerLabel: e.layer(layer).label, ids, names, areas: prepareMapAreas(e.geometries(layer)), year: '', years: [],
        indicators: [], index: null, maps: [], indicatorMaps: [], segregation: null, spatial: null,
        disclosure: DEFAULT_DISCLOSURE_INFO, includeProfiles: false, extras: {},
      };
      return renderMapSvg(m, map, width);
    });
  },
};
