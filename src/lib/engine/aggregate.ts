/**
 * Engine step "aggregate" (issue 12): a table with one row per finest area and id columns for each
 * level → counts and rates on every level plus the total "gesamt", with disclosure control
 * (primary and secondary suppression) applied. The CLI command `aggregate` and the UI level table
 * call this same function.
 */
import type { Engine } from './engine';
import { qi } from '../sql/ident';
import { levelsFromColumns, sumUp, TOTAL_ID } from '../analysis/aggregate';
import { applyDisclosure, secretUp } from '../analysis/applyDisclosure';
import { levelsError } from './levels-errors';
import { guessYearColumn } from '../ingest/columnGuess';
import type { AggregateRequest, AggregateResult } from '../contract/levels';

/** Text and number columns of a table (one query). */
export function readColumns(e: Engine, table: string, text: string[], numbers: string[], filter?: { column: string; value: string }): { text: string[][]; numbers: Float64Array[]; secret: Uint8Array[] } {
  const meta = e.table(table);
  const have = new Set(meta.columns.map((c) => c.name));
  for (const c of [...text, ...numbers, ...(filter ? [filter.column] : [])]) {
    if (!have.has(c)) throw levelsError('levels.error.column', { column: c, table: meta.label, columns: meta.columns.map((x) => x.name).filter((x) => x !== '_geom').join(', ') });
  }
  const sel = [
    ...text.map((c, i) => `CAST(${qi(c)} AS VARCHAR) AS t${i}`),
    ...numbers.map((c, i) => `TRY_CAST(${qi(c)} AS DOUBLE) AS n${i}`),
  ];
  const where = filter ? ` WHERE trim(CAST(${qi(filter.column)} AS VARCHAR)) = '${filter.value.trim().replaceAll("'", "''")}'` : '';
  const res = e.duck.query(`SELECT ${sel.join(', ') || '1'} FROM ${qi(table)}${where} ORDER BY rowid`);
  const rows = res.numRows;
  const textOut = text.map((_, i) => {
    const v = res.getChild(`t${i}`)!;
    return Array.from({ length: rows }, (_, r) => {
      const x = v.get(r) as string | null;
      return x === null ? '' : String(x).trim();
    });
  });
  const numOut = numbers.map((_, i) => {
    const v = res.getChild(`n${i}`)!;
    return Float64Array.from({ length: rows }, (_, r) => {
      const x = v.get(r) as number | null;
      return x === null ? NaN : Number(x);
    });
  });
  // NaN (not NULL) in the table: a cell the source kept secret („·“ on import)
  const secret = numbers.map((_, i) => {
    const v = res.getChild(`n${i}`)!;
    return Uint8Array.from({ length: rows }, (_, r) => (Number.isNaN(v.get(r) as number) ? 1 : 0));
  });
  return { text: textOut, numbers: numOut, secret };
}

const clean = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Counts summed and rates as Σ numerator / Σ denominator on every level, each row of the table one
 * finest area; suppression per METHODS §6/§8 over the hierarchy and the column sums. Columns used
 * only by a rate are protected as well (a rate and its denominator would reveal them) but not printed.
 */
export function aggregateTable(e: Engine, req: AggregateRequest): AggregateResult {
  if (!req.levels.length) throw levelsError('levels.error.noLevels', {});
  const rates = req.rates ?? [];
  const sums = req.sums ?? [];
  const all = [...new Set([...req.counts, ...rates.flatMap((r) => [r.numerator, r.denominator]), ...sums.flatMap((s) => [s.total, ...s.parts])])];
  const { text, numbers, secret } = readColumns(e, req.table, req.levels, all, req.filter);
  if (!text[0].length) throw levelsError('levels.error.noRows', { filter: req.filter ? `${req.filter.column}=${req.filter.value}` : '' });
  all.forEach((c, i) => {
    if (numbers[i].some((x) => !Number.isNaN(x)) || secret[i].includes(1)) return;
    // a text column (names) or an empty one: say so instead of printing null everywhere
    const ex = e.duck.query(`SELECT CAST(${qi(c)} AS VARCHAR) AS v FROM ${qi(req.table)} WHERE ${qi(c)} IS NOT NULL LIMIT 1`).getChild('v')?.get(0);
    throw levelsError('levels.error.notNumeric', { column: c, example: ex === null || ex === undefined ? '–' : String(ex) });
  });
  const empty = text[0].findIndex((x) => x === '');
  if (empty >= 0) throw levelsError('levels.error.emptyId', { column: req.levels[0], row: empty + 1 });
  const { levels, conflicts, duplicates } = levelsFromColumns(text);
  if (duplicates.length) {
    // a long table (one row per area and year): point at --filter with its year column
    const year = req.filter ? undefined : guessYearColumn(e.table(req.table).columns);
    const p = { column: req.levels[0], ids: duplicates.slice(0, 5).join(', '), n: duplicates.length };
    throw year ? levelsError('levels.error.duplicateYear', { ...p, year, value: e.distinct(req.table, year).at(-1) ?? '2024' }) : levelsError('levels.error.duplicate', p);
  }
  if (conflicts.length) {
    const c = conflicts[0];
    throw levelsError('levels.error.notNested', { column: req.levels[c.level], id: c.id, parents: c.parents.filter(Boolean).join(', '), n: conflicts.length });
  }
  const result = applyDisclosure(
    { levels, counts: all.map((name, i) => ({ name, values: sumUp(numbers[i], levels), ...(secret[i].includes(1) ? { secret: secretUp(secret[i], levels) } : {}) })), rates, sums },
    req.disclosure,
  );
  const countOut = result.counts.filter((c) => req.counts.includes(c.name));
  const names = [...req.levels, 'total'];
  return {
    levels: levels.map((l, L) => ({
      level: names[L],
      areas: l.ids.map((id, a) => {
        const p = l.parent?.[a] ?? -1;
        return {
          id,
          parent: p >= 0 ? (L + 1 === levels.length - 1 ? TOTAL_ID : levels[L + 1].ids[p]) : null,
          counts: Object.fromEntries(countOut.map((c) => [c.name, clean(c.values[L][a])])),
          rates: Object.fromEntries(result.rates.map((r) => [r.name, clean(r.values[L][a])])),
          suppressed: Object.fromEntries(countOut.map((c) => [c.name, c.marks[L][a]])),
        };
      }),
    })),
  };
}
