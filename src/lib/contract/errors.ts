/**
 * Errors as data (issue 9): everything that can go wrong for a user is thrown as an
 * {@link AppError} with a `code`, plain `params` and an optional `hint` key. The code crosses the
 * worker boundary unchanged (see `./comlink.ts`), and the views and the CLI translate it
 * (`errorText` in `src/i18n/index.ts`, strings under `err.<code>` in `src/i18n/errors.ts` or an
 * area's own strings module). Kernels never produce UI text.
 *
 * Pure: no DOM, no Comlink, no i18n — the analysis kernels import this file.
 */

/** Values a message may show; numbers are formatted for the reader's language. */
export type ErrorParams = Record<string, string | number | boolean | null | undefined>;

/** What crosses the worker boundary and what a view needs to show an error. */
export interface ErrorData {
  /** translation key suffix: the text is `err.<code>` */
  code: string;
  params: ErrorParams;
  /** i18n key of a hint (what to do); default: `err.<code>.hint` when it exists */
  hint?: string;
  /** name of the original error class (`IngestError`, `EngineDeadError` …) */
  name?: string;
  /** developer text (English or a German legacy message), for logs and tests only */
  message?: string;
}

/**
 * A message that is already German text (errors not yet converted to codes, e.g. most import
 * errors): `params.text`, and `params.hintText` as its hint. New code should not use it.
 */
export const TEXT_CODE = 'text';
/** The user or the runner stopped a task. */
export const CANCELLED_CODE = 'cancelled';
/** Anything thrown that is not an AppError nor a plain Error (TypeError … = bugs): `params.detail`. */
export const UNEXPECTED_CODE = 'unexpected';
/** An option a kernel or request refuses: `params.option`, `params.value`, `params.detail`. */
export const INVALID_OPTION_CODE = 'invalidOption';

export class AppError extends Error {
  readonly code: string;
  readonly params: ErrorParams;
  readonly hint?: string;

  constructor(code: string, params: ErrorParams = {}, hint?: string, message?: string) {
    super(message ?? `${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.hint = hint;
  }

  toData(): ErrorData {
    return { code: this.code, params: { ...this.params }, hint: this.hint, name: this.name, message: this.message };
  }
}

/** `throw appError('index.noIndicators')` — the usual way to fail for a user. */
export function appError(code: string, params: ErrorParams = {}, hint?: string): AppError {
  return new AppError(code, params, hint);
}

/**
 * Option error of a pure kernel or request: the message stays `invalid <option>: <value>` for
 * developers and tests, users read „Ungültige Einstellung …“ with the option's German name.
 */
export function invalid(option: string, value: unknown, detail?: string): AppError {
  const v = typeof value === 'string' ? value : Array.isArray(value) || ArrayBuffer.isView(value) ? Array.from(value as ArrayLike<unknown>).join(',') : String(value);
  return new AppError(INVALID_OPTION_CODE, { option, value: v, detail: detail ?? null }, undefined, `invalid ${option}: ${v}${detail ? ` (${detail})` : ''}`);
}

/** A task was cancelled (by the user's „Abbrechen“ or a newer request). */
export function cancelled(): AppError {
  return new AppError(CANCELLED_CODE, {}, undefined, 'cancelled');
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** True for a cancelled task, whatever side threw it. */
export function isCancelled(e: unknown): boolean {
  const d = e && typeof e === 'object' ? (e as { code?: unknown; name?: unknown }) : null;
  return d?.code === CANCELLED_CODE || d?.name === 'CancelledError';
}

const INVALID_RE = /^invalid ([\w.]+): ([\s\S]*?)(?: \(([^()]*)\))?$/;

/** Any thrown value as {@link ErrorData} (legacy `invalid X: v` messages become option errors). */
export function toErrorData(e: unknown): ErrorData {
  if (e instanceof AppError) return e.toData();
  const err = e as { message?: unknown; name?: unknown; code?: unknown; params?: unknown; hint?: unknown } | null;
  if (err && typeof err === 'object' && typeof err.code === 'string' && err.params && typeof err.params === 'object') {
    // already data (e.g. rebuilt on the other side of a boundary)
    return { code: err.code, params: { ...(err.params as ErrorParams) }, hint: typeof err.hint === 'string' ? err.hint : undefined, name: String(err.name ?? 'AppError'), message: String(err.message ?? err.code) };
  }
  const message = err && typeof err === 'object' && typeof err.message === 'string' ? err.message : String(e);
  const name = err && typeof err === 'object' && typeof err.name === 'string' ? err.name : 'Error';
  if (name === 'CancelledError') return { code: CANCELLED_CODE, params: {}, name, message };
  const m = INVALID_RE.exec(message);
  if (m) return { code: INVALID_OPTION_CODE, params: { option: m[1], value: m[2], detail: m[3] ?? null }, name, message };
  // legacy: a plain Error carries a German message for the user; TypeError & co. are bugs
  if (name === 'Error' && message) return { code: TEXT_CODE, params: { text: message }, name, message };
  return { code: UNEXPECTED_CODE, params: { detail: message }, name, message };
}

/** Rebuilds a throwable error from data (the receiving side of the worker boundary). */
export function fromErrorData(d: ErrorData): AppError {
  const e = new AppError(d.code, d.params ?? {}, d.hint, d.message);
  if (d.name) e.name = d.name;
  return e;
}
