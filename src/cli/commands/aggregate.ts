/**
 * `npm run cli -- aggregate --data FILE --levels COL1,COL2[,COL3] --count COL [--count COL …]
 *   [--rate NAME=NUMERATOR/DENOMINATOR*SCALE …] [--sum TOTAL=PART+PART …] [--min-count 3]
 *   [--min-denominator 100] [--min-numerator 3] [--no-disclosure] [--filter COL=VALUE]`
 * Parses the arguments into the engine's AggregateRequest, runs it on the Node engine and returns
 * `{ levels: [{ level, areas: [{ id, parent, counts, rates, suppressed }] }] }` (docs/levels.md).
 */
import { aggregateTable } from '../../lib/engine/aggregate';
import type { AggregateRequest, AggregateResult } from '../../lib/contract';
import { levelsError } from '../../lib/engine/levels-errors';
import { parseArgs, requireFlag, flag } from '../args';
import { fileOptions } from '../importFlags';
import { cliEngine, intFlag, loadFile } from '../engine';

/** `NAME=NUM/DEN*SCALE` (scale optional, default 100). */
export function parseRate(spec: string): { name: string; numerator: string; denominator: string; scale: number } {
  const m = /^([^=]+)=([^/]+)\/([^*]+?)(?:\*([\d.,]+))?$/.exec(spec.trim());
  const scale = m?.[4] === undefined ? 100 : Number(m[4].replace(',', '.'));
  if (!m || !Number.isFinite(scale) || scale <= 0) throw levelsError('levels.error.rate', { spec });
  return { name: m[1].trim(), numerator: m[2].trim(), denominator: m[3].trim(), scale };
}

/** `TOTAL=PART+PART…` */
export function parseSum(spec: string): { total: string; parts: string[] } {
  const [total, rest] = spec.split('=');
  const parts = (rest ?? '').split('+').map((s) => s.trim()).filter(Boolean);
  if (!total?.trim() || parts.length < 2) throw levelsError('levels.error.sum', { spec });
  return { total: total.trim(), parts };
}

/** Arguments → request (no engine work here). */
export function aggregateRequest(argv: string[], table: string): AggregateRequest {
  const { flags } = parseArgs(argv);
  const levels = requireFlag(flags, 'levels').split(',').map((s) => s.trim()).filter(Boolean);
  const counts = (flags.count ?? []).flatMap((c) => c.split(',')).map((s) => s.trim()).filter(Boolean);
  if (!counts.length && !(flags.rate ?? []).length) throw levelsError('levels.error.noCount', {});
  const f = flag(flags, 'filter');
  const eq = f?.indexOf('=') ?? -1;
  if (f !== undefined && eq <= 0) throw levelsError('levels.error.filter', { spec: f });
  return {
    table,
    filter: f === undefined ? undefined : { column: f.slice(0, eq).trim(), value: f.slice(eq + 1).trim() },
    levels,
    counts,
    rates: (flags.rate ?? []).map(parseRate),
    sums: (flags.sum ?? []).map(parseSum),
    disclosure: {
      enabled: flag(flags, 'no-disclosure') === undefined,
      minCount: intFlag(flag(flags, 'min-count'), 'min-count', 3),
      minDenominator: intFlag(flag(flags, 'min-denominator'), 'min-denominator', 100),
      minNumerator: intFlag(flag(flags, 'min-numerator'), 'min-numerator', 3),
    },
  };
}

export async function run(argv: string[]): Promise<AggregateResult> {
  const { flags } = parseArgs(argv);
  const engine = await cliEngine();
  const meta = await loadFile(engine, requireFlag(flags, 'data'), fileOptions(flags, 'data', true));
  return aggregateTable(engine, aggregateRequest(argv, meta.name));
}
