/** Decide each column's type from the SQL statistics and create the typed table (CSV and XLSX share this). */
import type { Duck } from '../db/duck';
import type { NumberFormat } from './numbers';
import { parseSymbolCounts, typedSelectSql, typingStatsSql, type SqlColumnType, type TypedColumn } from '../sql/typedSelect';
import type { ColumnInfo, ImportWarning } from './types';

export interface TypingInput {
  /** all-VARCHAR staging table */
  source: string;
  target: string;
  rawColumns: string[];
  names: string[];
  format: NumberFormat;
  textColumns?: string[];
}

interface Stats {
  n: number;
  m: number;
  d: number;
  g: number;
  z: number;
  p: number;
  t: number;
  b: number;
  x: string | null;
  s: Record<string, number>;
}

function decide(st: Stats, forceText: boolean): SqlColumnType {
  const filled = st.n - st.m;
  if (forceText || filled === 0 || st.z > 0) return 'text';
  if (st.d === filled) return st.g === filled && st.p === 0 ? 'integer' : 'double';
  if (st.t === filled) return 'date';
  if (st.b === filled) return 'boolean';
  return 'text';
}

/** Run the statistics query, decide types, create `target`; returns column infos and warnings. */
export function typeTable(duck: Duck, input: TypingInput): { columns: ColumnInfo[]; warnings: ImportWarning[]; rows: number } {
  const { source, target, rawColumns, names, format } = input;
  const warnings: ImportWarning[] = [];
  const byCol = new Map<string, Record<string, unknown>>();
  if (rawColumns.length) {
    for (const r of duck.query(typingStatsSql(source, rawColumns, format)).toArray()) {
      const o = r.toJSON() as Record<string, unknown>;
      byCol.set(String(o.k), o);
    }
  }
  const rows = rawColumns.length ? Number(byCol.get(rawColumns[0])?.n ?? 0) : 0;
  const text = new Set((input.textColumns ?? []).map((c) => c.toLowerCase()));
  const typed: TypedColumn[] = [];
  const columns: ColumnInfo[] = [];
  rawColumns.forEach((raw, i) => {
    const name = names[i];
    const o = byCol.get(raw) ?? {};
    const num = (k: string): number => Number(o[k] ?? 0);
    const st: Stats = {
      n: rows, m: num('m'), d: num('d'), g: num('g'), z: num('z'), p: num('p'), t: num('t'), b: num('b'),
      x: (o.x as string | null) ?? null,
      s: parseSymbolCounts(typeof o.s === 'string' ? o.s : null),
    };
    const type = decide(st, text.has(name.toLowerCase()));
    typed.push({ raw, name, type });
    const filled = st.n - st.m;
    const info: ColumnInfo = { name, type, nulls: st.m };
    if (Object.keys(st.s).length) info.missingSymbols = Object.fromEntries(Object.entries(st.s).map(([k, v]) => [k, Number(v)]));
    if (type === 'double' && st.p > 0) info.percent = true;
    columns.push(info);
    if (type === 'text' && filled > 0 && st.z === 0 && st.d > 0 && st.d >= filled / 2) {
      const bad = filled - st.d;
      warnings.push({
        code: 'text_in_numeric',
        column: name,
        message: `Spalte „${name}“: ${bad} ${bad === 1 ? 'Wert ist keine Zahl' : 'Werte sind keine Zahl'} (z. B. „${st.x ?? ''}“) – als Text importiert. Korrigieren Sie die Werte oder das Dezimalzeichen.`,
      });
    }
    if (rows > 0 && filled === 0) {
      warnings.push({ code: 'empty_column', column: name, message: `Spalte „${name}“ enthält keine Werte.` });
    }
  });
  duck.query(typedSelectSql(source, target, typed, format));
  return { columns, warnings, rows };
}
