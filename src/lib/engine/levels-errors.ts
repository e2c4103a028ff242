import { AppError } from '../contract/errors';
import { hasKey, t } from '../../i18n/index';

/**
 * An engine error of the levels workspace as an AppError (errors as data, see CONTRACT.md): its
 * `code` is the full i18n key of the text (`errorText` also finds such keys), the hint key is
 * `<code>.hint` when it exists; the message is the German text for logs and tests.
 */
export function levelsError(code: string, params: Record<string, string | number>): AppError & { details: { code: string; params: Record<string, string | number>; hint?: string } } {
  const hintKey = hasKey(`${code}.hint`) ? `${code}.hint` : undefined;
  const err = new AppError(code, params, hintKey, t(code, params, 'de')) as AppError & { details: { code: string; params: Record<string, string | number>; hint?: string } };
  err.details = { code, params, hint: hintKey ? t(hintKey, params, 'de') : undefined };
  return err;
}
