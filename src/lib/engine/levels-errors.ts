import { t } from '../../i18n/index';

/** An engine error of the levels workspace: German message, plus `{ code, params }` for the views. */
export function levelsError(code: string, params: Record<string, string | number>): Error & { details: { code: string; params: Record<string, string | number>; hint?: string } } {
  const hintKey = `${code}.hint`;
  const hint = t(hintKey, params, 'de');
  const err = new Error(t(code, params, 'de')) as Error & { details: { code: string; params: Record<string, string | number>; hint?: string } };
  err.details = { code, params, hint: hint === hintKey ? undefined : hint };
  return err;
}
