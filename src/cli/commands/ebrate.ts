/**
 * `npm run cli -- ebrate --data FILE --id COL --events COL --population COL` → global empirical
 * Bayes rates (Marshall 1991, METHODS.md §5): `{ prior_mean, prior_variance, rates: [{ id, raw, eb }] }`.
 */
import { ebGlobal } from '../../lib/analysis/ebrate';
import { parseArgs, requireFlag } from '../args';
import { loadTable, requireIds, requireNumbers } from '../load';

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const data = requireFlag(flags, 'data');
  const idCol = requireFlag(flags, 'id');
  const eventsCol = requireFlag(flags, 'events');
  const popCol = requireFlag(flags, 'population');
  const t = await loadTable(data);
  const ids = requireIds(t, idCol);
  const y = requireNumbers(t, eventsCol, ids);
  const n = requireNumbers(t, popCol, ids);
  const neg = ids.filter((_, i) => y[i] < 0 || n[i] < 0);
  if (neg.length) throw new Error(`Negative Werte in „${eventsCol}“ oder „${popCol}“ (z. B. ${neg.slice(0, 5).join(', ')}).`);
  if (!(n.reduce((a, b) => a + b, 0) > 0)) throw new Error(`Die Bevölkerung in „${popCol}“ ist insgesamt 0.`);
  const r = ebGlobal(y, n);
  return {
    prior_mean: r.priorMean,
    prior_variance: r.priorVariance,
    rates: ids.map((id, i) => ({ id, raw: Number.isNaN(r.raw[i]) ? null : r.raw[i], eb: r.eb[i] })),
  };
}
