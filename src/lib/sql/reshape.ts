import { qi, ql } from './ident';
import { invalid } from '../contract/errors';

/**
 * Long → wide: one row per `idColumns` combination, one column per distinct value of
 * `nameColumn` (optionally prefixed), filled with `valueColumn` (sum of duplicates).
 * `names` must be the distinct values (queried first), so the SQL stays static and testable.
 */
export function pivotWideSql(o: {
  source: string;
  target: string;
  idColumns: string[];
  nameColumn: string;
  valueColumn: string;
  names: string[];
  prefix?: string;
}): string {
  if (o.idColumns.length === 0) throw invalid('idColumns', '[]');
  const ids = o.idColumns.map(qi).join(', ');
  const cols = o.names
    .map((n) => `sum(CASE WHEN CAST(${qi(o.nameColumn)} AS VARCHAR) = ${ql(n)} THEN TRY_CAST(${qi(o.valueColumn)} AS DOUBLE) END) AS ${qi((o.prefix ?? '') + n)}`)
    .join(',\n  ');
  return `CREATE OR REPLACE TABLE ${qi(o.target)} AS SELECT ${ids},\n  ${cols}\nFROM ${qi(o.source)} GROUP BY ${ids} ORDER BY ${ids}`;
}

/** Split a wide column name like "Anzahl_2018" / "EW 2021" into stem and year. */
export function splitYearColumn(name: string): { stem: string; year: number } | null {
  const m = /^(.*?)[\s_\-.]*((?:19|20)\d\d)$/.exec(name.trim());
  if (!m) return null;
  return { stem: m[1].replace(/[\s_\-.]+$/, '') || 'Wert', year: Number(m[2]) };
}

/**
 * Wide → long: the year columns (`Anzahl_2018 … Anzahl_2021`, several stems allowed) become rows
 * (id columns…, Jahr, one value column per stem).
 */
export function unpivotSql(o: { source: string; target: string; idColumns: string[]; yearColumns: string[]; yearName?: string }): string {
  const groups = new Map<string, Map<number, string>>();
  for (const c of o.yearColumns) {
    const s = splitYearColumn(c);
    if (!s) throw invalid('yearColumn', `${c}`);
    if (!groups.has(s.stem)) groups.set(s.stem, new Map());
    groups.get(s.stem)!.set(s.year, c);
  }
  const years = [...new Set([...groups.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const ids = o.idColumns.map(qi).join(', ');
  const yearName = o.yearName ?? 'Jahr';
  const rows = years.map((y) => {
    const vals = [...groups.entries()].map(([stem, m]) => (m.has(y) ? `TRY_CAST(${qi(m.get(y)!)} AS DOUBLE) AS ${qi(stem)}` : `CAST(NULL AS DOUBLE) AS ${qi(stem)}`));
    return `SELECT ${ids ? ids + ', ' : ''}${y} AS ${qi(yearName)}, ${vals.join(', ')} FROM ${qi(o.source)}`;
  });
  return `CREATE OR REPLACE TABLE ${qi(o.target)} AS ${rows.join('\nUNION ALL\n')}\nORDER BY ${ids ? ids + ', ' : ''}${qi(yearName)}`;
}
