import { errorText } from '../../src/i18n/index';

/** The German text a user would read for the rejection of `p` (fails the test if it resolves). */
export async function germanError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const { message, hint } = errorText(e, 'de');
    return hint ? `${message} ${hint}` : message;
  }
  throw new Error('expected a rejection');
}
