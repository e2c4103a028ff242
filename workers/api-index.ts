/** Sozialindex workspace calls (issue 3): indicators, index, typology, robustness, over time. */
import type { Engine } from '../src/lib/engine/engine';
import { computeIndexRun, indicatorSummaries, neededColumns, readIndexData, type IndexData } from '../src/lib/engine/sozialindex';
import { typology } from '../src/lib/engine/indexTypology';
import { robustnessRun } from '../src/lib/engine/indexRobustness';
import { timeSeries } from '../src/lib/engine/indexTimeSeries';
import type { IndexRequest, ProgressFn, RobustnessSpec, TaskId, TimeSeriesSpec, TypologySpec } from '../src/lib/contract';
import { INDICATOR_CATALOGUE, suggestColumns } from '../src/lib/analysis/indicators';
import { transferTyped, withEngine } from './core';

// The read data of the last indicator set: moving a weight slider recomputes without SQL.
let cache: { key: string; data: IndexData } | null = null;

function dataFor(e: Engine, req: IndexRequest): IndexData {
  // keyed by the versions of the table and layer: a re-import or rename reads again
  const key = JSON.stringify([req.source, neededColumns(req.indicators, req.source.population), e.versionKey(req.source.table, req.source.layer)]);
  if (cache?.key !== key) cache = { key, data: readIndexData(e, req.source, req.indicators) };
  return cache.data;
}

export const indexApi = {
  /** Catalogue templates with suggested columns of a table (auto-mapping on the demo). */
  async indexSuggest(table: string) {
    return withEngine((e) => {
      const cols = e.table(table).columns.map((c) => c.name);
      return INDICATOR_CATALOGUE.map((tpl) => ({ key: tpl.key, ...suggestColumns(tpl, cols) }));
    });
  },
  async indexSummaries(req: IndexRequest) {
    return withEngine((e) => {
      const data = dataFor(e, req);
      return transferTyped({ years: data.years, ids: data.ids, names: data.names, summaries: indicatorSummaries(data, req.indicators, req.disclosure ?? {}) });
    });
  },
  async indexCompute(req: IndexRequest) {
    return withEngine((e) => transferTyped(computeIndexRun(dataFor(e, req), req.indicators, req.source.population, req.settings)));
  },
  async indexTypology(req: IndexRequest, spec: TypologySpec) {
    return withEngine((e) => transferTyped(typology(computeIndexRun(dataFor(e, req), req.indicators, req.source.population, req.settings), spec)));
  },
  /** Long: a task of the runner (progress per stage, `cancel(taskId)` stops it between Monte Carlo runs). */
  async indexRobustness(req: IndexRequest, spec: RobustnessSpec, onProgress?: ProgressFn, taskId?: TaskId) {
    return withEngine(async (e) =>
      transferTyped(await e.tasks.run((task) => robustnessRun(dataFor(e, req), req.indicators, req.source.population, req.settings, spec, task, e.runner), { onProgress, id: taskId, stage: 'read' })),
    );
  },
  async indexTimeSeries(req: IndexRequest, spec: TimeSeriesSpec) {
    return withEngine((e) => transferTyped(timeSeries(dataFor(e, req), req.indicators, req.source.population, req.settings, spec.mode, spec.baseYear)));
  },
};
