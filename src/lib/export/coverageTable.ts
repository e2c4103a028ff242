/**
 * The coverage table per area (Angebote & Bedarfe → Versorgungsquote): which value or official symbol
 * each cell shows, once for the table on screen and its CSV export, so both hide the same values.
 */
import { DISCLOSURE_SYMBOLS, type DisclosureStatus } from '../analysis/disclosure';
import type { CoverageResponse } from '../contract/services';
import { germanCsv } from './csv';

/** A cell: its value, or the official symbol shown instead („·“, „/“, „–“). */
export type CoverageCell = { value: number; symbol: string | null };

export interface CoverageRow {
  count: CoverageCell;
  capacity: CoverageCell;
  target: CoverageCell;
  rate: CoverageCell;
  index: CoverageCell;
  /** the scenario's rate, when a scenario was computed */
  scenario: CoverageCell | null;
}

type Coverage = Pick<CoverageResponse, 'count' | 'capacity' | 'target' | 'rate' | 'index' | 'countStatus' | 'rateStatus'>;

const cell = (value: number, status: DisclosureStatus): CoverageCell => ({ value, symbol: DISCLOSURE_SYMBOLS[status] ?? (Number.isNaN(value) ? '–' : null) });

/**
 * Area i's cells. Services and places are public register data unless `publicServices` is off (then
 * counts 1–2 are „·“); the target group is hidden where the rate is secret (it would give the rate away).
 */
export function coverageRow(base: Coverage, scen: Pick<CoverageResponse, 'rate' | 'rateStatus'> | null, i: number, publicServices: boolean): CoverageRow {
  const countSt: DisclosureStatus = publicServices ? (base.count[i] === 0 ? 'zero' : 'ok') : base.countStatus[i];
  return {
    count: cell(base.count[i], countSt),
    capacity: cell(base.capacity[i], countSt),
    target: cell(base.target[i], base.rateStatus[i] === 'secret' ? 'secret' : 'ok'),
    rate: cell(base.rate[i], base.rateStatus[i]),
    index: cell(base.index[i], base.rateStatus[i]),
    scenario: scen ? cell(scen.rate[i], scen.rateStatus[i]) : null,
  };
}

export interface CoverageCsvInput {
  base: Coverage & Pick<CoverageResponse, 'ids' | 'names'>;
  scen: Pick<CoverageResponse, 'rate' | 'rateStatus'> | null;
  publicServices: boolean;
  /** the table's headings, in its column order (area key and name first) */
  header: string[];
  /** comment lines above the header (what is counted, the municipal value, the symbols' meaning) */
  notes: string[];
}

/** Decimals of each column as the table shows them (counts and the index whole, rates to one decimal). */
export const COVERAGE_DIGITS = { count: 0, capacity: 0, target: 0, rate: 1, index: 0, scenario: 1 } as const;

/**
 * The coverage table as a German CSV, rows in `order` (the table's sort): the table's numbers (its
 * decimals) as numbers, hidden values as their symbol.
 */
export function coverageCsv(c: CoverageCsvInput, order: readonly number[]): Uint8Array {
  const out = (x: CoverageCell, digits: number) => x.symbol ?? Number(x.value.toFixed(digits));
  const rows = order.map((i) => {
    const r = coverageRow(c.base, c.scen, i, c.publicServices);
    const cols = (['count', 'capacity', 'target', 'rate', 'index', 'scenario'] as const).filter((k) => r[k]);
    return [c.base.ids[i], c.base.names[i], ...cols.map((k) => out(r[k]!, COVERAGE_DIGITS[k]))];
  });
  return germanCsv(c.header, rows, c.notes);
}
