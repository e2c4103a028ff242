import { AppError } from '../contract/errors';
import { hasKey, t } from '../../i18n/index';

/**
 * An engine error of the levels workspace as an AppError (errors as data, see docs/architecture.md): its
 * `code` is the full i18n key of the text (`errorText` also finds such keys), the hint key is
 * `<code>.hint` when it exists; the message is the German text for logs and tests.
 */
export function levelsError(code: string, params: Record<string, string | number>): AppError {
  return new AppError(code, params, hasKey(`${code}.hint`) ? `${code}.hint` : undefined, t(code, params, 'de'));
}
