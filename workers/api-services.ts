/** "Angebote & Bedarfe" workspace calls (issue 11): service points, coverage, accessibility, gaps. */
import { areaInteriorPoints, coverage, servicesForArea } from '../src/lib/engine/services-areas';
import { accessAnalysis } from '../src/lib/engine/services-access';
import { gapAnalysis } from '../src/lib/engine/services-gaps';
import { guessCrsOf, pointSet } from '../src/lib/engine/services-points';
import type { AccessRequest, AreaServicesRequest, CoverageRequest, GapsRequest, PointSpec, ProgressFn, TaskId } from '../src/lib/contract';
import { transferTyped, withEngine } from './core';

export const servicesApi = {
  /** A point table read as services (or demand points), with skipped rows and warnings. */
  async servicePoints(spec: PointSpec, valueColumn?: string) {
    // copied: the memoised point set stays usable in the worker after the transfer
    return withEngine((e) => {
      const p = pointSet(e, spec, { valueColumn, valueKind: 'capacity' });
      return transferTyped({ ...p, values: p.values.slice(), x: p.x.slice(), y: p.y.slice(), lon: p.lon.slice(), lat: p.lat.slice(), rows: p.rows.slice() });
    });
  },
  async guessPointCrs(table: string, x: string, y: string) {
    return withEngine((e) => guessCrsOf(e, table, x, y));
  },
  async serviceCoverage(req: CoverageRequest) {
    return withEngine((e) => transferTyped(coverage(e, req)));
  },
  /** A task of the runner: the busy bar shows it and „Abbrechen“ stops it before the next step. */
  async serviceAccess(req: AccessRequest, onProgress?: ProgressFn, taskId?: TaskId) {
    return withEngine(async (e) => {
      const r = await e.tasks.run(
        async (task) => {
          await task.checkpoint(0.05, 'services');
          const out = accessAnalysis(e, req);
          await task.checkpoint(1, 'services');
          return out;
        },
        { onProgress, id: taskId, stage: 'services' },
      );
      // supply positions may be the memoised point set's own arrays: copy before transferring
      return transferTyped({ ...r, supply: { ...r.supply, lon: r.supply.lon.slice(), lat: r.supply.lat.slice() } });
    });
  },
  async serviceGaps(req: GapsRequest) {
    return withEngine((e) => transferTyped(gapAnalysis(e, req)));
  },
  async areaInteriorPoints(layer: string) {
    return withEngine((e) => areaInteriorPoints(e, layer));
  },
  /** Services inside and near one area (area profiles, issue 10). */
  async servicesForArea(req: AreaServicesRequest) {
    return withEngine((e) => servicesForArea(e, req));
  },
};
