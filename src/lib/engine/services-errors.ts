/**
 * Errors of the "Angebote & Bedarfe" engine calls as data: a code with parameters (for the views
 * and a later shared error contract) and a German message built from the same strings
 * (`svc.err.<code>` in src/i18n/services.ts), so the CLI prints it as is.
 */
import { t } from '../../i18n/index';
import type { RowIssue } from './services-types';

export class ServiceError extends Error {
  readonly details: { code: string; params: Record<string, string | number>; hint?: string };
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(t(`svc.err.${code}`, params, 'de'));
    this.name = 'ServiceError';
    const hint = t(`svc.hint.${code}`, params, 'de');
    this.details = { code, params, hint: hint === `svc.hint.${code}` ? undefined : hint };
  }
}

/** "Datensatz 3 (A003: „ca. 40“), …" — the first rows of a list, German, for messages. */
export function rowList(rows: RowIssue[], max = 5): string {
  const shown = rows.slice(0, max).map((r) => `${r.row}${r.id ? ` (${r.id}${r.value !== undefined ? `: „${r.value}“` : ''})` : r.value !== undefined ? ` („${r.value}“)` : ''}`);
  return shown.join(', ') + (rows.length > max ? ` … (${rows.length})` : '');
}

/** Translates a kernel's `invalid X: …` option error into a ServiceError. */
export function kernelError(e: unknown): never {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /^invalid ([\w ]+): (.*)$/.exec(msg);
  if (m) throw new ServiceError('invalid_option', { what: m[1], value: m[2] });
  throw e;
}
