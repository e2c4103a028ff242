import { IngestError } from './types';

/** Throw the standard "cancelled" error when the caller asked to stop. */
export function checkCancelled(file: string, isCancelled?: () => boolean): void {
  if (isCancelled?.()) {
    throw new IngestError('Import abgebrochen.', { file, code: 'cancelled', hint: 'Die Datei wurde nicht geladen; bereits geladene Tabellen sind unverändert.' });
  }
}

/** Turn a JSON.parse message ("… at position 123") into line/column of `text`. */
export function positionToLineColumn(text: string, message: string): { line?: number; column?: number } {
  const m = /position (\d+)/.exec(message);
  if (!m) {
    const lc = /line (\d+) column (\d+)/.exec(message);
    return lc ? { line: Number(lc[1]), column: Number(lc[2]) } : {};
  }
  const pos = Number(m[1]);
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  return { line, column: pos - lastNl };
}
