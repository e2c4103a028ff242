/** Row lists for notes and warnings of the "Angebote & Bedarfe" engine calls (errors are `appError('svc.…')`). */
import type { RowIssue } from '../contract/services';

/** "Datensatz 3 (A003: „ca. 40“), …" — the first rows of a list, German, for messages. */
export function rowList(rows: RowIssue[], max = 5): string {
  const shown = rows.slice(0, max).map((r) => `${r.row}${r.id ? ` (${r.id}${r.value !== undefined ? `: „${r.value}“` : ''})` : r.value !== undefined ? ` („${r.value}“)` : ''}`);
  return shown.join(', ') + (rows.length > max ? ` … (${rows.length})` : '');
}
