/** Quote an SQL identifier for DuckDB ("a""b"). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quote an SQL string literal ('it''s'). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Short aliases used by the engine's SQL builders. */
export const qi = quoteIdent;
export const ql = quoteLiteral;

/** A readable, unique SQL table name derived from a file name ("Indikatoren 2019-2024.csv" → indikatoren_2019_2024). */
export function tableNameFor(fileName: string, taken: Iterable<string>): string {
  const base =
    fileName
      .replace(/\.[^.]+$/, '')
      .toLowerCase()
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 48) || 'tabelle';
  const prefixed = /^[a-z_]/.test(base) ? base : `t_${base}`;
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  let name = prefixed;
  for (let i = 2; used.has(name); i++) name = `${prefixed}_${i}`;
  return name;
}
