/** Levels and disclosure calls (issue 12): values on every level, the level table, layer links. */
import { levelSeries, layerChain, layerLink } from '../src/lib/engine/levels';
import { aggregateTable } from '../src/lib/engine/aggregate';
import type { AggregateRequest, LevelRequest } from '../src/lib/contract';
import { classify, type ClassMethod } from '../src/lib/analysis/classify';
import { withEngine } from './core';

export const levelsApi = {
  /** The map's values on `req.layer` (aggregated from the joined layer where it is finer), disclosed and classified. */
  async levelChoropleth(req: LevelRequest, method: ClassMethod, k: number, breaks?: number[]) {
    return withEngine((e) => {
      const series = levelSeries(e, req);
      const here = series.levels[series.at];
      return { series, values: here.values, ids: here.ids, names: here.names, classes: classify(here.values, method, k, { breaks }) };
    });
  },
  async levelSeries(req: LevelRequest) {
    return withEngine((e) => levelSeries(e, req));
  },
  async aggregateTable(req: AggregateRequest) {
    return withEngine((e) => aggregateTable(e, req));
  },
  /** The layer chain (finest first) and how each layer is tied to its parent. */
  async layerLinks(layer: string) {
    return withEngine((e) => {
      const chain = layerChain(e, layer);
      return { chain, links: chain.slice(0, -1).map((c) => layerLink(e, c)!) };
    });
  },
};
