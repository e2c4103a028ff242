/** The sums row set apart by the layout, checked against the column sums of the loaded table. */
import type { Duck } from '../db/duck';
import { quoteIdent } from '../sql/ident';
import type { TotalsRow } from './layout';
import { parseNumber, type NumberFormat } from './numbers';
import type { ColumnInfo, TotalsInfo } from './types';

/**
 * Compare each stated total with the sum over the areas. Only additive columns are checked: the
 * stated value must exceed every single area's value (a rate or mean in a sums row lies between
 * them and is not a sum). Differences up to rounding count as agreement.
 */
export function checkTotals(duck: Duck, table: string, columns: ColumnInfo[], totals: TotalsRow, format: NumberFormat): TotalsInfo {
  const checks: TotalsInfo['checks'] = [];
  const numeric = columns.map((c, j) => ({ c, j })).filter(({ c }) => c.type === 'integer' || c.type === 'double');
  const stated = numeric.map(({ j }) => parseNumber(totals.cells[j] ?? '', format));
  const usable = numeric.filter((_, k) => stated[k] && !stated[k]!.percent);
  if (usable.length) {
    // NaN is a cell the source kept secret („·“): left out like a missing one, so the difference shows
    const known = (c: string) => `FILTER (WHERE NOT isnan(CAST(${quoteIdent(c)} AS DOUBLE)))`;
    const sql = usable.map(({ c }, k) => `sum(${quoteIdent(c.name)}) ${known(c.name)}::DOUBLE AS s${k}, max(${quoteIdent(c.name)}) ${known(c.name)}::DOUBLE AS m${k}, count(${quoteIdent(c.name)}) ${known(c.name)} AS n${k}`).join(', ');
    const row = (duck.query(`SELECT ${sql} FROM ${quoteIdent(table)}`).get(0)?.toJSON() ?? {}) as Record<string, number | bigint | null>;
    usable.forEach(({ c, j }, k) => {
      const value = parseNumber(totals.cells[j] ?? '', format)!.value;
      const sum = Number(row[`s${k}`] ?? NaN);
      const max = Number(row[`m${k}`] ?? NaN);
      if (Number(row[`n${k}`] ?? 0) < 2 || !(value > max)) return;
      checks.push({ column: c.name, stated: value, sum, ok: Math.abs(sum - value) <= Math.max(0.5, Math.abs(value) * 1e-6) });
    });
  }
  return { position: totals.position, row: totals.row, label: totals.label, checks };
}
