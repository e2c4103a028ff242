/** Sozialindex workspace calls (issue 3): indicators, index, typology, robustness, over time. */
import type { Engine } from '../src/lib/engine/engine';
import {
  computeIndexRun, indicatorSummaries, neededColumns, readIndexData,
  type IndexData, type IndexSettings, type IndexSource, type IndicatorSpec,
} from '../src/lib/engine/index';
import { robustnessRun, timeSeries, typology, type RobustnessSpec, type TypologySpec } from '../src/lib/engine/index-extra';
import type { DisclosureOptions } from '../src/lib/analysis/disclosure';
import { INDICATOR_CATALOGUE, suggestColumns } from '../src/lib/analysis/indicators';
import { transferTyped, withEngine, yieldToEvents } from './core';

export interface IndexRequest {
  source: IndexSource;
  indicators: IndicatorSpec[];
  settings: IndexSettings;
  disclosure?: DisclosureOptions;
}

// The read data of the last indicator set: moving a weight slider recomputes without SQL.
let cache: { key: string; data: IndexData } | null = null;
let cancelled = false;

function dataFor(e: Engine, req: IndexRequest): IndexData {
  const key = JSON.stringify([req.source, neededColumns(req.indicators, req.source.population), e.table(req.source.table ?? req.source.layer).rows]);
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
    return withEngine((e) => {
      const r = computeIndexRun(dataFor(e, req), req.indicators, req.source.population, req.settings);
      return transferTyped(r);
    });
  },
  async indexTypology(req: IndexRequest, spec: TypologySpec) {
    return withEngine((e) => transferTyped(typology(computeIndexRun(dataFor(e, req), req.indicators, req.source.population, req.settings), spec)));
  },
  /** Long: yields between stages; `onProgress` (Comlink proxy) reports, `indexCancel` stops. */
  async indexRobustness(req: IndexRequest, spec: RobustnessSpec, onProgress?: (fraction: number, stage: string) => void) {
    cancelled = false;
    return withEngine(async (e) => {
      const step = async (f: number, stage: string) => {
        onProgress?.(f, stage);
        await yieldToEvents();
        if (cancelled) throw new Error('Die Robustheitsprüfung wurde abgebrochen.');
      };
      await step(0, 'read');
      const r = await robustnessRun(dataFor(e, req), req.indicators, req.source.population, req.settings, spec, step);
      onProgress?.(1, 'done');
      return transferTyped(r);
    });
  },
  async indexCancel() {
    cancelled = true;
  },
  async indexTimeSeries(req: IndexRequest, mode: 'each' | 'base', baseYear: string | null) {
    return withEngine((e) => transferTyped(timeSeries(dataFor(e, req), req.indicators, req.source.population, req.settings, mode, baseYear)));
  },
};
