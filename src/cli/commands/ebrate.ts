/**
 * `npm run cli -- ebrate --data FILE --id COL --events COL --population COL` → global empirical
 * Bayes rates (Marshall 1991, METHODS.md §5) by the engine's `ebAnalysis`, the tab's path:
 * `{ prior_mean, prior_variance, rates: [{ id, raw, eb }] }` (rates as shares, scale 1).
 */
import type { EbRequest } from '../../lib/contract';
import { ebAnalysis } from '../../lib/engine/spatialPatterns';
import { parseArgs, requireFlag } from '../args';
import { fileOptions } from '../importFlags';
import { cliEngine, loadAreas } from '../engine';

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const engine = await cliEngine();
  const areas = await loadAreas(engine, requireFlag(flags, 'data'), requireFlag(flags, 'id'), fileOptions(flags, 'data', true));
  const req: EbRequest = { source: areas.source, events: requireFlag(flags, 'events'), population: requireFlag(flags, 'population'), scale: 1 };
  const r = ebAnalysis(engine, req);
  return {
    prior_mean: r.priorMean,
    prior_variance: r.priorVariance,
    rates: r.ids.map((id, i) => ({ id, raw: Number.isNaN(r.raw[i]) ? null : r.raw[i], eb: r.global[i] })),
  };
}
